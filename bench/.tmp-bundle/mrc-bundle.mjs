import{createRequire as __cr}from"module";const require=__cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target3) => (target3 = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target3, "default", { value: mod, enumerable: true }) : target3,
  mod
));

// ../../work/main/node_modules/ws/lib/constants.js
var require_constants = __commonJS({
  "../../work/main/node_modules/ws/lib/constants.js"(exports, module) {
    "use strict";
    var BINARY_TYPES = ["nodebuffer", "arraybuffer", "fragments"];
    var hasBlob = typeof Blob !== "undefined";
    if (hasBlob) BINARY_TYPES.push("blob");
    module.exports = {
      BINARY_TYPES,
      CLOSE_TIMEOUT: 3e4,
      EMPTY_BUFFER: Buffer.alloc(0),
      GUID: "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
      hasBlob,
      kForOnEventAttribute: Symbol("kIsForOnEventAttribute"),
      kListener: Symbol("kListener"),
      kStatusCode: Symbol("status-code"),
      kWebSocket: Symbol("websocket"),
      NOOP: () => {
      }
    };
  }
});

// ../../work/main/node_modules/ws/lib/buffer-util.js
var require_buffer_util = __commonJS({
  "../../work/main/node_modules/ws/lib/buffer-util.js"(exports, module) {
    "use strict";
    var { websocketMask, websocketUnmask } = __require("http");
    var { EMPTY_BUFFER } = require_constants();
    var FastBuffer = Buffer[Symbol.species];
    function concat(list, totalLength) {
      if (list.length === 0) return EMPTY_BUFFER;
      if (list.length === 1) return list[0];
      const target3 = Buffer.allocUnsafe(totalLength);
      let offset = 0;
      for (let i = 0; i < list.length; i++) {
        const buf = list[i];
        target3.set(buf, offset);
        offset += buf.length;
      }
      if (offset < totalLength) {
        return new FastBuffer(target3.buffer, target3.byteOffset, offset);
      }
      return target3;
    }
    function _mask(source, mask, output, offset, length) {
      for (let i = 0; i < length; i++) {
        output[offset + i] = source[i] ^ mask[i & 3];
      }
    }
    function _unmask(buffer, mask) {
      for (let i = 0; i < buffer.length; i++) {
        buffer[i] ^= mask[i & 3];
      }
    }
    function toArrayBuffer(buf) {
      if (buf.length === buf.buffer.byteLength) {
        return buf.buffer;
      }
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    }
    function toBuffer(data) {
      toBuffer.readOnly = true;
      if (Buffer.isBuffer(data)) return data;
      let buf;
      if (data instanceof ArrayBuffer) {
        buf = new FastBuffer(data);
      } else if (ArrayBuffer.isView(data)) {
        buf = new FastBuffer(data.buffer, data.byteOffset, data.byteLength);
      } else {
        buf = Buffer.from(data);
        toBuffer.readOnly = false;
      }
      return buf;
    }
    module.exports = {
      concat,
      mask: _mask,
      toArrayBuffer,
      toBuffer,
      unmask: _unmask
    };
    if (websocketMask) {
      module.exports.mask = function(source, mask, output, offset, length) {
        if (length < 24) _mask(source, mask, output, offset, length);
        else websocketMask(source, mask, output, offset, length);
      };
      module.exports.unmask = function(buffer, mask) {
        if (buffer.length < 24) _unmask(buffer, mask);
        else websocketUnmask(buffer, mask);
      };
    } else if (!process.env.WS_NO_BUFFER_UTIL) {
      try {
        const bufferUtil = __require("bufferutil");
        module.exports.mask = function(source, mask, output, offset, length) {
          if (length < 48) _mask(source, mask, output, offset, length);
          else bufferUtil.mask(source, mask, output, offset, length);
        };
        module.exports.unmask = function(buffer, mask) {
          if (buffer.length < 32) _unmask(buffer, mask);
          else bufferUtil.unmask(buffer, mask);
        };
      } catch (e) {
      }
    }
  }
});

// ../../work/main/node_modules/ws/lib/limiter.js
var require_limiter = __commonJS({
  "../../work/main/node_modules/ws/lib/limiter.js"(exports, module) {
    "use strict";
    var kDone = Symbol("kDone");
    var kRun = Symbol("kRun");
    var Limiter = class {
      /**
       * Creates a new `Limiter`.
       *
       * @param {Number} [concurrency=Infinity] The maximum number of jobs allowed
       *     to run concurrently
       */
      constructor(concurrency) {
        this[kDone] = () => {
          this.pending--;
          this[kRun]();
        };
        this.concurrency = concurrency || Infinity;
        this.jobs = [];
        this.pending = 0;
      }
      /**
       * Adds a job to the queue.
       *
       * @param {Function} job The job to run
       * @public
       */
      add(job) {
        this.jobs.push(job);
        this[kRun]();
      }
      /**
       * Removes a job from the queue and runs it if possible.
       *
       * @private
       */
      [kRun]() {
        if (this.pending === this.concurrency) return;
        if (this.jobs.length) {
          const job = this.jobs.shift();
          this.pending++;
          job(this[kDone]);
        }
      }
    };
    module.exports = Limiter;
  }
});

// ../../work/main/node_modules/ws/lib/permessage-deflate.js
var require_permessage_deflate = __commonJS({
  "../../work/main/node_modules/ws/lib/permessage-deflate.js"(exports, module) {
    "use strict";
    var zlib = __require("zlib");
    var bufferUtil = require_buffer_util();
    var Limiter = require_limiter();
    var { kStatusCode } = require_constants();
    var FastBuffer = Buffer[Symbol.species];
    var TRAILER = Buffer.from([0, 0, 255, 255]);
    var kPerMessageDeflate = Symbol("permessage-deflate");
    var kTotalLength = Symbol("total-length");
    var kCallback = Symbol("callback");
    var kBuffers = Symbol("buffers");
    var kError = Symbol("error");
    var zlibLimiter;
    var PerMessageDeflate2 = class {
      /**
       * Creates a PerMessageDeflate instance.
       *
       * @param {Object} [options] Configuration options
       * @param {(Boolean|Number)} [options.clientMaxWindowBits] Advertise support
       *     for, or request, a custom client window size
       * @param {Boolean} [options.clientNoContextTakeover=false] Advertise/
       *     acknowledge disabling of client context takeover
       * @param {Number} [options.concurrencyLimit=10] The number of concurrent
       *     calls to zlib
       * @param {Boolean} [options.isServer=false] Create the instance in either
       *     server or client mode
       * @param {Number} [options.maxPayload=0] The maximum allowed message length
       * @param {(Boolean|Number)} [options.serverMaxWindowBits] Request/confirm the
       *     use of a custom server window size
       * @param {Boolean} [options.serverNoContextTakeover=false] Request/accept
       *     disabling of server context takeover
       * @param {Number} [options.threshold=1024] Size (in bytes) below which
       *     messages should not be compressed if context takeover is disabled
       * @param {Object} [options.zlibDeflateOptions] Options to pass to zlib on
       *     deflate
       * @param {Object} [options.zlibInflateOptions] Options to pass to zlib on
       *     inflate
       */
      constructor(options) {
        this._options = options || {};
        this._threshold = this._options.threshold !== void 0 ? this._options.threshold : 1024;
        this._maxPayload = this._options.maxPayload | 0;
        this._isServer = !!this._options.isServer;
        this._deflate = null;
        this._inflate = null;
        this.params = null;
        if (!zlibLimiter) {
          const concurrency = this._options.concurrencyLimit !== void 0 ? this._options.concurrencyLimit : 10;
          zlibLimiter = new Limiter(concurrency);
        }
      }
      /**
       * @type {String}
       */
      static get extensionName() {
        return "permessage-deflate";
      }
      /**
       * Create an extension negotiation offer.
       *
       * @return {Object} Extension parameters
       * @public
       */
      offer() {
        const params = {};
        if (this._options.serverNoContextTakeover) {
          params.server_no_context_takeover = true;
        }
        if (this._options.clientNoContextTakeover) {
          params.client_no_context_takeover = true;
        }
        if (this._options.serverMaxWindowBits) {
          params.server_max_window_bits = this._options.serverMaxWindowBits;
        }
        if (this._options.clientMaxWindowBits) {
          params.client_max_window_bits = this._options.clientMaxWindowBits;
        } else if (this._options.clientMaxWindowBits == null) {
          params.client_max_window_bits = true;
        }
        return params;
      }
      /**
       * Accept an extension negotiation offer/response.
       *
       * @param {Array} configurations The extension negotiation offers/reponse
       * @return {Object} Accepted configuration
       * @public
       */
      accept(configurations) {
        configurations = this.normalizeParams(configurations);
        this.params = this._isServer ? this.acceptAsServer(configurations) : this.acceptAsClient(configurations);
        return this.params;
      }
      /**
       * Releases all resources used by the extension.
       *
       * @public
       */
      cleanup() {
        if (this._inflate) {
          this._inflate.close();
          this._inflate = null;
        }
        if (this._deflate) {
          const callback = this._deflate[kCallback];
          this._deflate.close();
          this._deflate = null;
          if (callback) {
            callback(
              new Error(
                "The deflate stream was closed while data was being processed"
              )
            );
          }
        }
      }
      /**
       *  Accept an extension negotiation offer.
       *
       * @param {Array} offers The extension negotiation offers
       * @return {Object} Accepted configuration
       * @private
       */
      acceptAsServer(offers) {
        const opts = this._options;
        const accepted = offers.find((params) => {
          if (opts.serverNoContextTakeover === false && params.server_no_context_takeover || params.server_max_window_bits && (opts.serverMaxWindowBits === false || typeof opts.serverMaxWindowBits === "number" && opts.serverMaxWindowBits > params.server_max_window_bits) || typeof opts.clientMaxWindowBits === "number" && (typeof params.client_max_window_bits === "number" ? opts.clientMaxWindowBits > params.client_max_window_bits : !params.client_max_window_bits)) {
            return false;
          }
          return true;
        });
        if (!accepted) {
          throw new Error("None of the extension offers can be accepted");
        }
        if (opts.serverNoContextTakeover) {
          accepted.server_no_context_takeover = true;
        }
        if (opts.clientNoContextTakeover) {
          accepted.client_no_context_takeover = true;
        }
        if (typeof opts.serverMaxWindowBits === "number") {
          accepted.server_max_window_bits = opts.serverMaxWindowBits;
        }
        if (typeof opts.clientMaxWindowBits === "number") {
          accepted.client_max_window_bits = opts.clientMaxWindowBits;
        } else if (accepted.client_max_window_bits === true || opts.clientMaxWindowBits === false) {
          delete accepted.client_max_window_bits;
        }
        return accepted;
      }
      /**
       * Accept the extension negotiation response.
       *
       * @param {Array} response The extension negotiation response
       * @return {Object} Accepted configuration
       * @private
       */
      acceptAsClient(response) {
        const params = response[0];
        if (this._options.clientNoContextTakeover === false && params.client_no_context_takeover) {
          throw new Error('Unexpected parameter "client_no_context_takeover"');
        }
        if (!params.client_max_window_bits) {
          if (typeof this._options.clientMaxWindowBits === "number") {
            params.client_max_window_bits = this._options.clientMaxWindowBits;
          }
        } else if (this._options.clientMaxWindowBits === false || typeof this._options.clientMaxWindowBits === "number" && params.client_max_window_bits > this._options.clientMaxWindowBits) {
          throw new Error(
            'Unexpected or invalid parameter "client_max_window_bits"'
          );
        }
        return params;
      }
      /**
       * Normalize parameters.
       *
       * @param {Array} configurations The extension negotiation offers/reponse
       * @return {Array} The offers/response with normalized parameters
       * @private
       */
      normalizeParams(configurations) {
        configurations.forEach((params) => {
          Object.keys(params).forEach((key) => {
            let value = params[key];
            if (value.length > 1) {
              throw new Error(`Parameter "${key}" must have only a single value`);
            }
            value = value[0];
            if (key === "client_max_window_bits") {
              if (value !== true) {
                const num = +value;
                if (!Number.isInteger(num) || num < 8 || num > 15) {
                  throw new TypeError(
                    `Invalid value for parameter "${key}": ${value}`
                  );
                }
                value = num;
              } else if (!this._isServer) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
            } else if (key === "server_max_window_bits") {
              const num = +value;
              if (!Number.isInteger(num) || num < 8 || num > 15) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
              value = num;
            } else if (key === "client_no_context_takeover" || key === "server_no_context_takeover") {
              if (value !== true) {
                throw new TypeError(
                  `Invalid value for parameter "${key}": ${value}`
                );
              }
            } else {
              throw new Error(`Unknown parameter "${key}"`);
            }
            params[key] = value;
          });
        });
        return configurations;
      }
      /**
       * Decompress data. Concurrency limited.
       *
       * @param {Buffer} data Compressed data
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @public
       */
      decompress(data, fin, callback) {
        zlibLimiter.add((done) => {
          this._decompress(data, fin, (err, result) => {
            done();
            callback(err, result);
          });
        });
      }
      /**
       * Compress data. Concurrency limited.
       *
       * @param {(Buffer|String)} data Data to compress
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @public
       */
      compress(data, fin, callback) {
        zlibLimiter.add((done) => {
          this._compress(data, fin, (err, result) => {
            done();
            callback(err, result);
          });
        });
      }
      /**
       * Decompress data.
       *
       * @param {Buffer} data Compressed data
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @private
       */
      _decompress(data, fin, callback) {
        const endpoint = this._isServer ? "client" : "server";
        if (!this._inflate) {
          const key = `${endpoint}_max_window_bits`;
          const windowBits = typeof this.params[key] !== "number" ? zlib.Z_DEFAULT_WINDOWBITS : this.params[key];
          this._inflate = zlib.createInflateRaw({
            ...this._options.zlibInflateOptions,
            windowBits
          });
          this._inflate[kPerMessageDeflate] = this;
          this._inflate[kTotalLength] = 0;
          this._inflate[kBuffers] = [];
          this._inflate.on("error", inflateOnError);
          this._inflate.on("data", inflateOnData);
        }
        this._inflate[kCallback] = callback;
        this._inflate.write(data);
        if (fin) this._inflate.write(TRAILER);
        this._inflate.flush(() => {
          const err = this._inflate[kError];
          if (err) {
            this._inflate.close();
            this._inflate = null;
            callback(err);
            return;
          }
          const data2 = bufferUtil.concat(
            this._inflate[kBuffers],
            this._inflate[kTotalLength]
          );
          if (this._inflate._readableState.endEmitted) {
            this._inflate.close();
            this._inflate = null;
          } else {
            this._inflate[kTotalLength] = 0;
            this._inflate[kBuffers] = [];
            if (fin && this.params[`${endpoint}_no_context_takeover`]) {
              this._inflate.reset();
            }
          }
          callback(null, data2);
        });
      }
      /**
       * Compress data.
       *
       * @param {(Buffer|String)} data Data to compress
       * @param {Boolean} fin Specifies whether or not this is the last fragment
       * @param {Function} callback Callback
       * @private
       */
      _compress(data, fin, callback) {
        const endpoint = this._isServer ? "server" : "client";
        if (!this._deflate) {
          const key = `${endpoint}_max_window_bits`;
          const windowBits = typeof this.params[key] !== "number" ? zlib.Z_DEFAULT_WINDOWBITS : this.params[key];
          this._deflate = zlib.createDeflateRaw({
            ...this._options.zlibDeflateOptions,
            windowBits
          });
          this._deflate[kTotalLength] = 0;
          this._deflate[kBuffers] = [];
          this._deflate.on("data", deflateOnData);
        }
        this._deflate[kCallback] = callback;
        this._deflate.write(data);
        this._deflate.flush(zlib.Z_SYNC_FLUSH, () => {
          if (!this._deflate) {
            return;
          }
          let data2 = bufferUtil.concat(
            this._deflate[kBuffers],
            this._deflate[kTotalLength]
          );
          if (fin) {
            data2 = new FastBuffer(data2.buffer, data2.byteOffset, data2.length - 4);
          }
          this._deflate[kCallback] = null;
          this._deflate[kTotalLength] = 0;
          this._deflate[kBuffers] = [];
          if (fin && this.params[`${endpoint}_no_context_takeover`]) {
            this._deflate.reset();
          }
          callback(null, data2);
        });
      }
    };
    module.exports = PerMessageDeflate2;
    function deflateOnData(chunk) {
      this[kBuffers].push(chunk);
      this[kTotalLength] += chunk.length;
    }
    function inflateOnData(chunk) {
      this[kTotalLength] += chunk.length;
      if (this[kPerMessageDeflate]._maxPayload < 1 || this[kTotalLength] <= this[kPerMessageDeflate]._maxPayload) {
        this[kBuffers].push(chunk);
        return;
      }
      this[kError] = new RangeError("Max payload size exceeded");
      this[kError].code = "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
      this[kError][kStatusCode] = 1009;
      this.removeListener("data", inflateOnData);
      this.reset();
    }
    function inflateOnError(err) {
      this[kPerMessageDeflate]._inflate = null;
      if (this[kError]) {
        this[kCallback](this[kError]);
        return;
      }
      err[kStatusCode] = 1007;
      this[kCallback](err);
    }
  }
});

// ../../work/main/node_modules/ws/lib/validation.js
var require_validation = __commonJS({
  "../../work/main/node_modules/ws/lib/validation.js"(exports, module) {
    "use strict";
    var { isUtf8 } = __require("buffer");
    var { hasBlob } = require_constants();
    var tokenChars = [
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      // 0 - 15
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      // 16 - 31
      0,
      1,
      0,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      1,
      1,
      0,
      1,
      1,
      0,
      // 32 - 47
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      // 48 - 63
      0,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      // 64 - 79
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      1,
      1,
      // 80 - 95
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      // 96 - 111
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      0,
      1,
      0,
      1,
      0
      // 112 - 127
    ];
    function isValidStatusCode(code2) {
      return code2 >= 1e3 && code2 <= 1014 && code2 !== 1004 && code2 !== 1005 && code2 !== 1006 || code2 >= 3e3 && code2 <= 4999;
    }
    function _isValidUTF8(buf) {
      const len = buf.length;
      let i = 0;
      while (i < len) {
        if ((buf[i] & 128) === 0) {
          i++;
        } else if ((buf[i] & 224) === 192) {
          if (i + 1 === len || (buf[i + 1] & 192) !== 128 || (buf[i] & 254) === 192) {
            return false;
          }
          i += 2;
        } else if ((buf[i] & 240) === 224) {
          if (i + 2 >= len || (buf[i + 1] & 192) !== 128 || (buf[i + 2] & 192) !== 128 || buf[i] === 224 && (buf[i + 1] & 224) === 128 || // Overlong
          buf[i] === 237 && (buf[i + 1] & 224) === 160) {
            return false;
          }
          i += 3;
        } else if ((buf[i] & 248) === 240) {
          if (i + 3 >= len || (buf[i + 1] & 192) !== 128 || (buf[i + 2] & 192) !== 128 || (buf[i + 3] & 192) !== 128 || buf[i] === 240 && (buf[i + 1] & 240) === 128 || // Overlong
          buf[i] === 244 && buf[i + 1] > 143 || buf[i] > 244) {
            return false;
          }
          i += 4;
        } else {
          return false;
        }
      }
      return true;
    }
    function isBlob(value) {
      return hasBlob && typeof value === "object" && typeof value.arrayBuffer === "function" && typeof value.type === "string" && typeof value.stream === "function" && (value[Symbol.toStringTag] === "Blob" || value[Symbol.toStringTag] === "File");
    }
    module.exports = {
      isBlob,
      isValidStatusCode,
      isValidUTF8: _isValidUTF8,
      tokenChars
    };
    if (isUtf8) {
      module.exports.isValidUTF8 = function(buf) {
        return buf.length < 24 ? _isValidUTF8(buf) : isUtf8(buf);
      };
    } else if (!process.env.WS_NO_UTF_8_VALIDATE) {
      try {
        const isValidUTF8 = __require("utf-8-validate");
        module.exports.isValidUTF8 = function(buf) {
          return buf.length < 32 ? _isValidUTF8(buf) : isValidUTF8(buf);
        };
      } catch (e) {
      }
    }
  }
});

// ../../work/main/node_modules/ws/lib/receiver.js
var require_receiver = __commonJS({
  "../../work/main/node_modules/ws/lib/receiver.js"(exports, module) {
    "use strict";
    var { Writable: Writable3 } = __require("stream");
    var PerMessageDeflate2 = require_permessage_deflate();
    var {
      BINARY_TYPES,
      EMPTY_BUFFER,
      kStatusCode,
      kWebSocket
    } = require_constants();
    var { concat, toArrayBuffer, unmask } = require_buffer_util();
    var { isValidStatusCode, isValidUTF8 } = require_validation();
    var FastBuffer = Buffer[Symbol.species];
    var GET_INFO = 0;
    var GET_PAYLOAD_LENGTH_16 = 1;
    var GET_PAYLOAD_LENGTH_64 = 2;
    var GET_MASK = 3;
    var GET_DATA = 4;
    var INFLATING = 5;
    var DEFER_EVENT = 6;
    var Receiver2 = class extends Writable3 {
      /**
       * Creates a Receiver instance.
       *
       * @param {Object} [options] Options object
       * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {String} [options.binaryType=nodebuffer] The type for binary data
       * @param {Object} [options.extensions] An object containing the negotiated
       *     extensions
       * @param {Boolean} [options.isServer=false] Specifies whether to operate in
       *     client or server mode
       * @param {Number} [options.maxBufferedChunks=0] The maximum number of
       *     buffered data chunks
       * @param {Number} [options.maxFragments=0] The maximum number of message
       *     fragments
       * @param {Number} [options.maxPayload=0] The maximum allowed message length
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       */
      constructor(options = {}) {
        super();
        this._allowSynchronousEvents = options.allowSynchronousEvents !== void 0 ? options.allowSynchronousEvents : true;
        this._binaryType = options.binaryType || BINARY_TYPES[0];
        this._extensions = options.extensions || {};
        this._isServer = !!options.isServer;
        this._maxBufferedChunks = options.maxBufferedChunks | 0;
        this._maxFragments = options.maxFragments | 0;
        this._maxPayload = options.maxPayload | 0;
        this._skipUTF8Validation = !!options.skipUTF8Validation;
        this[kWebSocket] = void 0;
        this._bufferedBytes = 0;
        this._buffers = [];
        this._compressed = false;
        this._payloadLength = 0;
        this._mask = void 0;
        this._fragmented = 0;
        this._masked = false;
        this._fin = false;
        this._opcode = 0;
        this._totalPayloadLength = 0;
        this._messageLength = 0;
        this._numFragments = 0;
        this._fragments = [];
        this._errored = false;
        this._loop = false;
        this._state = GET_INFO;
      }
      /**
       * Implements `Writable.prototype._write()`.
       *
       * @param {Buffer} chunk The chunk of data to write
       * @param {String} encoding The character encoding of `chunk`
       * @param {Function} cb Callback
       * @private
       */
      _write(chunk, encoding, cb) {
        if (this._opcode === 8 && this._state == GET_INFO) return cb();
        if (this._maxBufferedChunks > 0 && this._buffers.length >= this._maxBufferedChunks) {
          cb(
            this.createError(
              RangeError,
              "Too many buffered chunks",
              false,
              1008,
              "WS_ERR_TOO_MANY_BUFFERED_PARTS"
            )
          );
          return;
        }
        this._bufferedBytes += chunk.length;
        this._buffers.push(chunk);
        this.startLoop(cb);
      }
      /**
       * Consumes `n` bytes from the buffered data.
       *
       * @param {Number} n The number of bytes to consume
       * @return {Buffer} The consumed bytes
       * @private
       */
      consume(n) {
        this._bufferedBytes -= n;
        if (n === this._buffers[0].length) return this._buffers.shift();
        if (n < this._buffers[0].length) {
          const buf = this._buffers[0];
          this._buffers[0] = new FastBuffer(
            buf.buffer,
            buf.byteOffset + n,
            buf.length - n
          );
          return new FastBuffer(buf.buffer, buf.byteOffset, n);
        }
        const dst = Buffer.allocUnsafe(n);
        do {
          const buf = this._buffers[0];
          const offset = dst.length - n;
          if (n >= buf.length) {
            dst.set(this._buffers.shift(), offset);
          } else {
            dst.set(new Uint8Array(buf.buffer, buf.byteOffset, n), offset);
            this._buffers[0] = new FastBuffer(
              buf.buffer,
              buf.byteOffset + n,
              buf.length - n
            );
          }
          n -= buf.length;
        } while (n > 0);
        return dst;
      }
      /**
       * Starts the parsing loop.
       *
       * @param {Function} cb Callback
       * @private
       */
      startLoop(cb) {
        this._loop = true;
        do {
          switch (this._state) {
            case GET_INFO:
              this.getInfo(cb);
              break;
            case GET_PAYLOAD_LENGTH_16:
              this.getPayloadLength16(cb);
              break;
            case GET_PAYLOAD_LENGTH_64:
              this.getPayloadLength64(cb);
              break;
            case GET_MASK:
              this.getMask();
              break;
            case GET_DATA:
              this.getData(cb);
              break;
            case INFLATING:
            case DEFER_EVENT:
              this._loop = false;
              return;
          }
        } while (this._loop);
        if (!this._errored) cb();
      }
      /**
       * Reads the first two bytes of a frame.
       *
       * @param {Function} cb Callback
       * @private
       */
      getInfo(cb) {
        if (this._bufferedBytes < 2) {
          this._loop = false;
          return;
        }
        const buf = this.consume(2);
        if ((buf[0] & 48) !== 0) {
          const error = this.createError(
            RangeError,
            "RSV2 and RSV3 must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_RSV_2_3"
          );
          cb(error);
          return;
        }
        const compressed = (buf[0] & 64) === 64;
        if (compressed && !this._extensions[PerMessageDeflate2.extensionName]) {
          const error = this.createError(
            RangeError,
            "RSV1 must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_RSV_1"
          );
          cb(error);
          return;
        }
        this._fin = (buf[0] & 128) === 128;
        this._opcode = buf[0] & 15;
        this._payloadLength = buf[1] & 127;
        if (this._opcode === 0) {
          if (compressed) {
            const error = this.createError(
              RangeError,
              "RSV1 must be clear",
              true,
              1002,
              "WS_ERR_UNEXPECTED_RSV_1"
            );
            cb(error);
            return;
          }
          if (!this._fragmented) {
            const error = this.createError(
              RangeError,
              "invalid opcode 0",
              true,
              1002,
              "WS_ERR_INVALID_OPCODE"
            );
            cb(error);
            return;
          }
          this._opcode = this._fragmented;
        } else if (this._opcode === 1 || this._opcode === 2) {
          if (this._fragmented) {
            const error = this.createError(
              RangeError,
              `invalid opcode ${this._opcode}`,
              true,
              1002,
              "WS_ERR_INVALID_OPCODE"
            );
            cb(error);
            return;
          }
          this._compressed = compressed;
        } else if (this._opcode > 7 && this._opcode < 11) {
          if (!this._fin) {
            const error = this.createError(
              RangeError,
              "FIN must be set",
              true,
              1002,
              "WS_ERR_EXPECTED_FIN"
            );
            cb(error);
            return;
          }
          if (compressed) {
            const error = this.createError(
              RangeError,
              "RSV1 must be clear",
              true,
              1002,
              "WS_ERR_UNEXPECTED_RSV_1"
            );
            cb(error);
            return;
          }
          if (this._payloadLength > 125 || this._opcode === 8 && this._payloadLength === 1) {
            const error = this.createError(
              RangeError,
              `invalid payload length ${this._payloadLength}`,
              true,
              1002,
              "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH"
            );
            cb(error);
            return;
          }
        } else {
          const error = this.createError(
            RangeError,
            `invalid opcode ${this._opcode}`,
            true,
            1002,
            "WS_ERR_INVALID_OPCODE"
          );
          cb(error);
          return;
        }
        if (!this._fin && !this._fragmented) this._fragmented = this._opcode;
        this._masked = (buf[1] & 128) === 128;
        if (this._isServer) {
          if (!this._masked) {
            const error = this.createError(
              RangeError,
              "MASK must be set",
              true,
              1002,
              "WS_ERR_EXPECTED_MASK"
            );
            cb(error);
            return;
          }
        } else if (this._masked) {
          const error = this.createError(
            RangeError,
            "MASK must be clear",
            true,
            1002,
            "WS_ERR_UNEXPECTED_MASK"
          );
          cb(error);
          return;
        }
        if (this._payloadLength === 126) this._state = GET_PAYLOAD_LENGTH_16;
        else if (this._payloadLength === 127) this._state = GET_PAYLOAD_LENGTH_64;
        else this.haveLength(cb);
      }
      /**
       * Gets extended payload length (7+16).
       *
       * @param {Function} cb Callback
       * @private
       */
      getPayloadLength16(cb) {
        if (this._bufferedBytes < 2) {
          this._loop = false;
          return;
        }
        this._payloadLength = this.consume(2).readUInt16BE(0);
        this.haveLength(cb);
      }
      /**
       * Gets extended payload length (7+64).
       *
       * @param {Function} cb Callback
       * @private
       */
      getPayloadLength64(cb) {
        if (this._bufferedBytes < 8) {
          this._loop = false;
          return;
        }
        const buf = this.consume(8);
        const num = buf.readUInt32BE(0);
        if (num > Math.pow(2, 53 - 32) - 1) {
          const error = this.createError(
            RangeError,
            "Unsupported WebSocket frame: payload length > 2^53 - 1",
            false,
            1009,
            "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH"
          );
          cb(error);
          return;
        }
        this._payloadLength = num * Math.pow(2, 32) + buf.readUInt32BE(4);
        this.haveLength(cb);
      }
      /**
       * Payload length has been read.
       *
       * @param {Function} cb Callback
       * @private
       */
      haveLength(cb) {
        if (this._payloadLength && this._opcode < 8) {
          this._totalPayloadLength += this._payloadLength;
          if (this._totalPayloadLength > this._maxPayload && this._maxPayload > 0) {
            const error = this.createError(
              RangeError,
              "Max payload size exceeded",
              false,
              1009,
              "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
            );
            cb(error);
            return;
          }
        }
        if (this._masked) this._state = GET_MASK;
        else this._state = GET_DATA;
      }
      /**
       * Reads mask bytes.
       *
       * @private
       */
      getMask() {
        if (this._bufferedBytes < 4) {
          this._loop = false;
          return;
        }
        this._mask = this.consume(4);
        this._state = GET_DATA;
      }
      /**
       * Reads data bytes.
       *
       * @param {Function} cb Callback
       * @private
       */
      getData(cb) {
        let data = EMPTY_BUFFER;
        if (this._payloadLength) {
          if (this._bufferedBytes < this._payloadLength) {
            this._loop = false;
            return;
          }
          data = this.consume(this._payloadLength);
          if (this._masked && (this._mask[0] | this._mask[1] | this._mask[2] | this._mask[3]) !== 0) {
            unmask(data, this._mask);
          }
        }
        this._mask = void 0;
        if (this._opcode > 7) {
          this.controlMessage(data, cb);
          return;
        }
        if (this._maxFragments > 0 && ++this._numFragments > this._maxFragments) {
          const error = this.createError(
            RangeError,
            "Too many message fragments",
            false,
            1008,
            "WS_ERR_TOO_MANY_BUFFERED_PARTS"
          );
          cb(error);
          return;
        }
        if (this._compressed) {
          this._state = INFLATING;
          this.decompress(data, cb);
          return;
        }
        if (data.length) {
          this._messageLength = this._totalPayloadLength;
          this._fragments.push(data);
        }
        this.dataMessage(cb);
      }
      /**
       * Decompresses data.
       *
       * @param {Buffer} data Compressed data
       * @param {Function} cb Callback
       * @private
       */
      decompress(data, cb) {
        const perMessageDeflate = this._extensions[PerMessageDeflate2.extensionName];
        perMessageDeflate.decompress(data, this._fin, (err, buf) => {
          if (err) return cb(err);
          if (buf.length) {
            this._messageLength += buf.length;
            if (this._messageLength > this._maxPayload && this._maxPayload > 0) {
              const error = this.createError(
                RangeError,
                "Max payload size exceeded",
                false,
                1009,
                "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
              );
              cb(error);
              return;
            }
            this._fragments.push(buf);
          }
          this.dataMessage(cb);
          if (this._state === GET_INFO) this.startLoop(cb);
        });
      }
      /**
       * Handles a data message.
       *
       * @param {Function} cb Callback
       * @private
       */
      dataMessage(cb) {
        if (!this._fin) {
          this._state = GET_INFO;
          return;
        }
        const messageLength = this._messageLength;
        const fragments = this._fragments;
        this._totalPayloadLength = 0;
        this._messageLength = 0;
        this._fragmented = 0;
        this._numFragments = 0;
        this._fragments = [];
        if (this._opcode === 2) {
          let data;
          if (this._binaryType === "nodebuffer") {
            data = concat(fragments, messageLength);
          } else if (this._binaryType === "arraybuffer") {
            data = toArrayBuffer(concat(fragments, messageLength));
          } else if (this._binaryType === "blob") {
            data = new Blob(fragments);
          } else {
            data = fragments;
          }
          if (this._allowSynchronousEvents) {
            this.emit("message", data, true);
            this._state = GET_INFO;
          } else {
            this._state = DEFER_EVENT;
            setImmediate(() => {
              this.emit("message", data, true);
              this._state = GET_INFO;
              this.startLoop(cb);
            });
          }
        } else {
          const buf = concat(fragments, messageLength);
          if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
            const error = this.createError(
              Error,
              "invalid UTF-8 sequence",
              true,
              1007,
              "WS_ERR_INVALID_UTF8"
            );
            cb(error);
            return;
          }
          if (this._state === INFLATING || this._allowSynchronousEvents) {
            this.emit("message", buf, false);
            this._state = GET_INFO;
          } else {
            this._state = DEFER_EVENT;
            setImmediate(() => {
              this.emit("message", buf, false);
              this._state = GET_INFO;
              this.startLoop(cb);
            });
          }
        }
      }
      /**
       * Handles a control message.
       *
       * @param {Buffer} data Data to handle
       * @return {(Error|RangeError|undefined)} A possible error
       * @private
       */
      controlMessage(data, cb) {
        if (this._opcode === 8) {
          if (data.length === 0) {
            this._loop = false;
            this.emit("conclude", 1005, EMPTY_BUFFER);
            this.end();
          } else {
            const code2 = data.readUInt16BE(0);
            if (!isValidStatusCode(code2)) {
              const error = this.createError(
                RangeError,
                `invalid status code ${code2}`,
                true,
                1002,
                "WS_ERR_INVALID_CLOSE_CODE"
              );
              cb(error);
              return;
            }
            const buf = new FastBuffer(
              data.buffer,
              data.byteOffset + 2,
              data.length - 2
            );
            if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
              const error = this.createError(
                Error,
                "invalid UTF-8 sequence",
                true,
                1007,
                "WS_ERR_INVALID_UTF8"
              );
              cb(error);
              return;
            }
            this._loop = false;
            this.emit("conclude", code2, buf);
            this.end();
          }
          this._state = GET_INFO;
          return;
        }
        if (this._allowSynchronousEvents) {
          this.emit(this._opcode === 9 ? "ping" : "pong", data);
          this._state = GET_INFO;
        } else {
          this._state = DEFER_EVENT;
          setImmediate(() => {
            this.emit(this._opcode === 9 ? "ping" : "pong", data);
            this._state = GET_INFO;
            this.startLoop(cb);
          });
        }
      }
      /**
       * Builds an error object.
       *
       * @param {function(new:Error|RangeError)} ErrorCtor The error constructor
       * @param {String} message The error message
       * @param {Boolean} prefix Specifies whether or not to add a default prefix to
       *     `message`
       * @param {Number} statusCode The status code
       * @param {String} errorCode The exposed error code
       * @return {(Error|RangeError)} The error
       * @private
       */
      createError(ErrorCtor, message, prefix, statusCode, errorCode) {
        this._loop = false;
        this._errored = true;
        const err = new ErrorCtor(
          prefix ? `Invalid WebSocket frame: ${message}` : message
        );
        Error.captureStackTrace(err, this.createError);
        err.code = errorCode;
        err[kStatusCode] = statusCode;
        return err;
      }
    };
    module.exports = Receiver2;
  }
});

// ../../work/main/node_modules/ws/lib/sender.js
var require_sender = __commonJS({
  "../../work/main/node_modules/ws/lib/sender.js"(exports, module) {
    "use strict";
    var { Duplex } = __require("stream");
    var { randomFillSync } = __require("crypto");
    var {
      types: { isUint8Array }
    } = __require("util");
    var PerMessageDeflate2 = require_permessage_deflate();
    var { EMPTY_BUFFER, kWebSocket, NOOP } = require_constants();
    var { isBlob, isValidStatusCode } = require_validation();
    var { mask: applyMask, toBuffer } = require_buffer_util();
    var kByteLength = Symbol("kByteLength");
    var maskBuffer = Buffer.alloc(4);
    var RANDOM_POOL_SIZE = 8 * 1024;
    var randomPool;
    var randomPoolPointer = RANDOM_POOL_SIZE;
    var DEFAULT = 0;
    var DEFLATING = 1;
    var GET_BLOB_DATA = 2;
    var Sender2 = class _Sender {
      /**
       * Creates a Sender instance.
       *
       * @param {Duplex} socket The connection socket
       * @param {Object} [extensions] An object containing the negotiated extensions
       * @param {Function} [generateMask] The function used to generate the masking
       *     key
       */
      constructor(socket, extensions2, generateMask) {
        this._extensions = extensions2 || {};
        if (generateMask) {
          this._generateMask = generateMask;
          this._maskBuffer = Buffer.alloc(4);
        }
        this._socket = socket;
        this._firstFragment = true;
        this._compress = false;
        this._bufferedBytes = 0;
        this._queue = [];
        this._state = DEFAULT;
        this.onerror = NOOP;
        this[kWebSocket] = void 0;
      }
      /**
       * Frames a piece of data according to the HyBi WebSocket protocol.
       *
       * @param {(Buffer|String)} data The data to frame
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @return {(Buffer|String)[]} The framed data
       * @public
       */
      static frame(data, options) {
        let mask;
        let merge = false;
        let offset = 2;
        let skipMasking = false;
        if (options.mask) {
          mask = options.maskBuffer || maskBuffer;
          if (options.generateMask) {
            options.generateMask(mask);
          } else {
            if (randomPoolPointer === RANDOM_POOL_SIZE) {
              if (randomPool === void 0) {
                randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
              }
              randomFillSync(randomPool, 0, RANDOM_POOL_SIZE);
              randomPoolPointer = 0;
            }
            mask[0] = randomPool[randomPoolPointer++];
            mask[1] = randomPool[randomPoolPointer++];
            mask[2] = randomPool[randomPoolPointer++];
            mask[3] = randomPool[randomPoolPointer++];
          }
          skipMasking = (mask[0] | mask[1] | mask[2] | mask[3]) === 0;
          offset = 6;
        }
        let dataLength;
        if (typeof data === "string") {
          if ((!options.mask || skipMasking) && options[kByteLength] !== void 0) {
            dataLength = options[kByteLength];
          } else {
            data = Buffer.from(data);
            dataLength = data.length;
          }
        } else {
          dataLength = data.length;
          merge = options.mask && options.readOnly && !skipMasking;
        }
        let payloadLength = dataLength;
        if (dataLength >= 65536) {
          offset += 8;
          payloadLength = 127;
        } else if (dataLength > 125) {
          offset += 2;
          payloadLength = 126;
        }
        const target3 = Buffer.allocUnsafe(merge ? dataLength + offset : offset);
        target3[0] = options.fin ? options.opcode | 128 : options.opcode;
        if (options.rsv1) target3[0] |= 64;
        target3[1] = payloadLength;
        if (payloadLength === 126) {
          target3.writeUInt16BE(dataLength, 2);
        } else if (payloadLength === 127) {
          target3[2] = target3[3] = 0;
          target3.writeUIntBE(dataLength, 4, 6);
        }
        if (!options.mask) {
          return dataLength ? [target3, data] : [target3];
        }
        target3[1] |= 128;
        target3[offset - 4] = mask[0];
        target3[offset - 3] = mask[1];
        target3[offset - 2] = mask[2];
        target3[offset - 1] = mask[3];
        if (!dataLength) return [target3];
        if (skipMasking) return [target3, data];
        if (merge) {
          applyMask(data, mask, target3, offset, dataLength);
          return [target3];
        }
        applyMask(data, mask, data, 0, dataLength);
        return [target3, data];
      }
      /**
       * Sends a close message to the other peer.
       *
       * @param {Number} [code] The status code component of the body
       * @param {(String|Buffer)} [data] The message component of the body
       * @param {Boolean} [mask=false] Specifies whether or not to mask the message
       * @param {Function} [cb] Callback
       * @public
       */
      close(code2, data, mask, cb) {
        let buf;
        if (code2 === void 0) {
          buf = EMPTY_BUFFER;
        } else if (typeof code2 !== "number" || !isValidStatusCode(code2)) {
          throw new TypeError("First argument must be a valid error code number");
        } else if (data === void 0 || !data.length) {
          buf = Buffer.allocUnsafe(2);
          buf.writeUInt16BE(code2, 0);
        } else {
          const length = Buffer.byteLength(data);
          if (length > 123) {
            throw new RangeError("The message must not be greater than 123 bytes");
          }
          buf = Buffer.allocUnsafe(2 + length);
          buf.writeUInt16BE(code2, 0);
          if (typeof data === "string") {
            buf.write(data, 2);
          } else if (isUint8Array(data)) {
            buf.set(data, 2);
          } else {
            throw new TypeError("Second argument must be a string or a Uint8Array");
          }
        }
        const options = {
          [kByteLength]: buf.length,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 8,
          readOnly: false,
          rsv1: false
        };
        if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, buf, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(buf, options), cb);
        }
      }
      /**
       * Sends a ping message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback
       * @public
       */
      ping(data, mask, cb) {
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (byteLength > 125) {
          throw new RangeError("The data size must not be greater than 125 bytes");
        }
        const options = {
          [kByteLength]: byteLength,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 9,
          readOnly,
          rsv1: false
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, false, options, cb]);
          } else {
            this.getBlobData(data, false, options, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(data, options), cb);
        }
      }
      /**
       * Sends a pong message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback
       * @public
       */
      pong(data, mask, cb) {
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (byteLength > 125) {
          throw new RangeError("The data size must not be greater than 125 bytes");
        }
        const options = {
          [kByteLength]: byteLength,
          fin: true,
          generateMask: this._generateMask,
          mask,
          maskBuffer: this._maskBuffer,
          opcode: 10,
          readOnly,
          rsv1: false
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, false, options, cb]);
          } else {
            this.getBlobData(data, false, options, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, false, options, cb]);
        } else {
          this.sendFrame(_Sender.frame(data, options), cb);
        }
      }
      /**
       * Sends a data message to the other peer.
       *
       * @param {*} data The message to send
       * @param {Object} options Options object
       * @param {Boolean} [options.binary=false] Specifies whether `data` is binary
       *     or text
       * @param {Boolean} [options.compress=false] Specifies whether or not to
       *     compress `data`
       * @param {Boolean} [options.fin=false] Specifies whether the fragment is the
       *     last one
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Function} [cb] Callback
       * @public
       */
      send(data, options, cb) {
        const perMessageDeflate = this._extensions[PerMessageDeflate2.extensionName];
        let opcode = options.binary ? 2 : 1;
        let rsv1 = options.compress;
        let byteLength;
        let readOnly;
        if (typeof data === "string") {
          byteLength = Buffer.byteLength(data);
          readOnly = false;
        } else if (isBlob(data)) {
          byteLength = data.size;
          readOnly = false;
        } else {
          data = toBuffer(data);
          byteLength = data.length;
          readOnly = toBuffer.readOnly;
        }
        if (this._firstFragment) {
          this._firstFragment = false;
          if (rsv1 && perMessageDeflate && perMessageDeflate.params[perMessageDeflate._isServer ? "server_no_context_takeover" : "client_no_context_takeover"]) {
            rsv1 = byteLength >= perMessageDeflate._threshold;
          }
          this._compress = rsv1;
        } else {
          rsv1 = false;
          opcode = 0;
        }
        if (options.fin) this._firstFragment = true;
        const opts = {
          [kByteLength]: byteLength,
          fin: options.fin,
          generateMask: this._generateMask,
          mask: options.mask,
          maskBuffer: this._maskBuffer,
          opcode,
          readOnly,
          rsv1
        };
        if (isBlob(data)) {
          if (this._state !== DEFAULT) {
            this.enqueue([this.getBlobData, data, this._compress, opts, cb]);
          } else {
            this.getBlobData(data, this._compress, opts, cb);
          }
        } else if (this._state !== DEFAULT) {
          this.enqueue([this.dispatch, data, this._compress, opts, cb]);
        } else {
          this.dispatch(data, this._compress, opts, cb);
        }
      }
      /**
       * Gets the contents of a blob as binary data.
       *
       * @param {Blob} blob The blob
       * @param {Boolean} [compress=false] Specifies whether or not to compress
       *     the data
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @param {Function} [cb] Callback
       * @private
       */
      getBlobData(blob, compress, options, cb) {
        this._bufferedBytes += options[kByteLength];
        this._state = GET_BLOB_DATA;
        blob.arrayBuffer().then((arrayBuffer) => {
          if (this._socket.destroyed) {
            const err = new Error(
              "The socket was closed while the blob was being read"
            );
            process.nextTick(callCallbacks, this, err, cb);
            return;
          }
          this._bufferedBytes -= options[kByteLength];
          const data = toBuffer(arrayBuffer);
          if (!compress) {
            this._state = DEFAULT;
            this.sendFrame(_Sender.frame(data, options), cb);
            this.dequeue();
          } else {
            this.dispatch(data, compress, options, cb);
          }
        }).catch((err) => {
          process.nextTick(onError, this, err, cb);
        });
      }
      /**
       * Dispatches a message.
       *
       * @param {(Buffer|String)} data The message to send
       * @param {Boolean} [compress=false] Specifies whether or not to compress
       *     `data`
       * @param {Object} options Options object
       * @param {Boolean} [options.fin=false] Specifies whether or not to set the
       *     FIN bit
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Boolean} [options.mask=false] Specifies whether or not to mask
       *     `data`
       * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
       *     key
       * @param {Number} options.opcode The opcode
       * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
       *     modified
       * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
       *     RSV1 bit
       * @param {Function} [cb] Callback
       * @private
       */
      dispatch(data, compress, options, cb) {
        if (!compress) {
          this.sendFrame(_Sender.frame(data, options), cb);
          return;
        }
        const perMessageDeflate = this._extensions[PerMessageDeflate2.extensionName];
        this._bufferedBytes += options[kByteLength];
        this._state = DEFLATING;
        perMessageDeflate.compress(data, options.fin, (_, buf) => {
          if (this._socket.destroyed) {
            const err = new Error(
              "The socket was closed while data was being compressed"
            );
            callCallbacks(this, err, cb);
            return;
          }
          this._bufferedBytes -= options[kByteLength];
          this._state = DEFAULT;
          options.readOnly = false;
          this.sendFrame(_Sender.frame(buf, options), cb);
          this.dequeue();
        });
      }
      /**
       * Executes queued send operations.
       *
       * @private
       */
      dequeue() {
        while (this._state === DEFAULT && this._queue.length) {
          const params = this._queue.shift();
          this._bufferedBytes -= params[3][kByteLength];
          Reflect.apply(params[0], this, params.slice(1));
        }
      }
      /**
       * Enqueues a send operation.
       *
       * @param {Array} params Send operation parameters.
       * @private
       */
      enqueue(params) {
        this._bufferedBytes += params[3][kByteLength];
        this._queue.push(params);
      }
      /**
       * Sends a frame.
       *
       * @param {(Buffer | String)[]} list The frame to send
       * @param {Function} [cb] Callback
       * @private
       */
      sendFrame(list, cb) {
        if (list.length === 2) {
          this._socket.cork();
          this._socket.write(list[0]);
          this._socket.write(list[1], cb);
          this._socket.uncork();
        } else {
          this._socket.write(list[0], cb);
        }
      }
    };
    module.exports = Sender2;
    function callCallbacks(sender, err, cb) {
      if (typeof cb === "function") cb(err);
      for (let i = 0; i < sender._queue.length; i++) {
        const params = sender._queue[i];
        const callback = params[params.length - 1];
        if (typeof callback === "function") callback(err);
      }
    }
    function onError(sender, err, cb) {
      callCallbacks(sender, err, cb);
      sender.onerror(err);
    }
  }
});

// ../../work/main/node_modules/ws/lib/event-target.js
var require_event_target = __commonJS({
  "../../work/main/node_modules/ws/lib/event-target.js"(exports, module) {
    "use strict";
    var { kForOnEventAttribute, kListener } = require_constants();
    var kCode = Symbol("kCode");
    var kData = Symbol("kData");
    var kError = Symbol("kError");
    var kMessage = Symbol("kMessage");
    var kReason = Symbol("kReason");
    var kTarget = Symbol("kTarget");
    var kType = Symbol("kType");
    var kWasClean = Symbol("kWasClean");
    var Event = class {
      /**
       * Create a new `Event`.
       *
       * @param {String} type The name of the event
       * @throws {TypeError} If the `type` argument is not specified
       */
      constructor(type) {
        this[kTarget] = null;
        this[kType] = type;
      }
      /**
       * @type {*}
       */
      get target() {
        return this[kTarget];
      }
      /**
       * @type {String}
       */
      get type() {
        return this[kType];
      }
    };
    Object.defineProperty(Event.prototype, "target", { enumerable: true });
    Object.defineProperty(Event.prototype, "type", { enumerable: true });
    var CloseEvent = class extends Event {
      /**
       * Create a new `CloseEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {Number} [options.code=0] The status code explaining why the
       *     connection was closed
       * @param {String} [options.reason=''] A human-readable string explaining why
       *     the connection was closed
       * @param {Boolean} [options.wasClean=false] Indicates whether or not the
       *     connection was cleanly closed
       */
      constructor(type, options = {}) {
        super(type);
        this[kCode] = options.code === void 0 ? 0 : options.code;
        this[kReason] = options.reason === void 0 ? "" : options.reason;
        this[kWasClean] = options.wasClean === void 0 ? false : options.wasClean;
      }
      /**
       * @type {Number}
       */
      get code() {
        return this[kCode];
      }
      /**
       * @type {String}
       */
      get reason() {
        return this[kReason];
      }
      /**
       * @type {Boolean}
       */
      get wasClean() {
        return this[kWasClean];
      }
    };
    Object.defineProperty(CloseEvent.prototype, "code", { enumerable: true });
    Object.defineProperty(CloseEvent.prototype, "reason", { enumerable: true });
    Object.defineProperty(CloseEvent.prototype, "wasClean", { enumerable: true });
    var ErrorEvent = class extends Event {
      /**
       * Create a new `ErrorEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {*} [options.error=null] The error that generated this event
       * @param {String} [options.message=''] The error message
       */
      constructor(type, options = {}) {
        super(type);
        this[kError] = options.error === void 0 ? null : options.error;
        this[kMessage] = options.message === void 0 ? "" : options.message;
      }
      /**
       * @type {*}
       */
      get error() {
        return this[kError];
      }
      /**
       * @type {String}
       */
      get message() {
        return this[kMessage];
      }
    };
    Object.defineProperty(ErrorEvent.prototype, "error", { enumerable: true });
    Object.defineProperty(ErrorEvent.prototype, "message", { enumerable: true });
    var MessageEvent = class extends Event {
      /**
       * Create a new `MessageEvent`.
       *
       * @param {String} type The name of the event
       * @param {Object} [options] A dictionary object that allows for setting
       *     attributes via object members of the same name
       * @param {*} [options.data=null] The message content
       */
      constructor(type, options = {}) {
        super(type);
        this[kData] = options.data === void 0 ? null : options.data;
      }
      /**
       * @type {*}
       */
      get data() {
        return this[kData];
      }
    };
    Object.defineProperty(MessageEvent.prototype, "data", { enumerable: true });
    var EventTarget = {
      /**
       * Register an event listener.
       *
       * @param {String} type A string representing the event type to listen for
       * @param {(Function|Object)} handler The listener to add
       * @param {Object} [options] An options object specifies characteristics about
       *     the event listener
       * @param {Boolean} [options.once=false] A `Boolean` indicating that the
       *     listener should be invoked at most once after being added. If `true`,
       *     the listener would be automatically removed when invoked.
       * @public
       */
      addEventListener(type, handler, options = {}) {
        for (const listener of this.listeners(type)) {
          if (!options[kForOnEventAttribute] && listener[kListener] === handler && !listener[kForOnEventAttribute]) {
            return;
          }
        }
        let wrapper;
        if (type === "message") {
          wrapper = function onMessage(data, isBinary) {
            const event = new MessageEvent("message", {
              data: isBinary ? data : data.toString()
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "close") {
          wrapper = function onClose(code2, message) {
            const event = new CloseEvent("close", {
              code: code2,
              reason: message.toString(),
              wasClean: this._closeFrameReceived && this._closeFrameSent
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "error") {
          wrapper = function onError(error) {
            const event = new ErrorEvent("error", {
              error,
              message: error.message
            });
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else if (type === "open") {
          wrapper = function onOpen() {
            const event = new Event("open");
            event[kTarget] = this;
            callListener(handler, this, event);
          };
        } else {
          return;
        }
        wrapper[kForOnEventAttribute] = !!options[kForOnEventAttribute];
        wrapper[kListener] = handler;
        if (options.once) {
          this.once(type, wrapper);
        } else {
          this.on(type, wrapper);
        }
      },
      /**
       * Remove an event listener.
       *
       * @param {String} type A string representing the event type to remove
       * @param {(Function|Object)} handler The listener to remove
       * @public
       */
      removeEventListener(type, handler) {
        for (const listener of this.listeners(type)) {
          if (listener[kListener] === handler && !listener[kForOnEventAttribute]) {
            this.removeListener(type, listener);
            break;
          }
        }
      }
    };
    module.exports = {
      CloseEvent,
      ErrorEvent,
      Event,
      EventTarget,
      MessageEvent
    };
    function callListener(listener, thisArg, event) {
      if (typeof listener === "object" && listener.handleEvent) {
        listener.handleEvent.call(listener, event);
      } else {
        listener.call(thisArg, event);
      }
    }
  }
});

// ../../work/main/node_modules/ws/lib/extension.js
var require_extension = __commonJS({
  "../../work/main/node_modules/ws/lib/extension.js"(exports, module) {
    "use strict";
    var { tokenChars } = require_validation();
    function push(dest, name, elem) {
      if (dest[name] === void 0) dest[name] = [elem];
      else dest[name].push(elem);
    }
    function parse(header) {
      const offers = /* @__PURE__ */ Object.create(null);
      let params = /* @__PURE__ */ Object.create(null);
      let mustUnescape = false;
      let isEscaping = false;
      let inQuotes = false;
      let extensionName;
      let paramName;
      let start = -1;
      let code2 = -1;
      let end = -1;
      let i = 0;
      for (; i < header.length; i++) {
        code2 = header.charCodeAt(i);
        if (extensionName === void 0) {
          if (end === -1 && tokenChars[code2] === 1) {
            if (start === -1) start = i;
          } else if (i !== 0 && (code2 === 32 || code2 === 9)) {
            if (end === -1 && start !== -1) end = i;
          } else if (code2 === 59 || code2 === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            const name = header.slice(start, end);
            if (code2 === 44) {
              push(offers, name, params);
              params = /* @__PURE__ */ Object.create(null);
            } else {
              extensionName = name;
            }
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        } else if (paramName === void 0) {
          if (end === -1 && tokenChars[code2] === 1) {
            if (start === -1) start = i;
          } else if (code2 === 32 || code2 === 9) {
            if (end === -1 && start !== -1) end = i;
          } else if (code2 === 59 || code2 === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            push(params, header.slice(start, end), true);
            if (code2 === 44) {
              push(offers, extensionName, params);
              params = /* @__PURE__ */ Object.create(null);
              extensionName = void 0;
            }
            start = end = -1;
          } else if (code2 === 61 && start !== -1 && end === -1) {
            paramName = header.slice(start, i);
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        } else {
          if (isEscaping) {
            if (tokenChars[code2] !== 1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (start === -1) start = i;
            else if (!mustUnescape) mustUnescape = true;
            isEscaping = false;
          } else if (inQuotes) {
            if (tokenChars[code2] === 1) {
              if (start === -1) start = i;
            } else if (code2 === 34 && start !== -1) {
              inQuotes = false;
              end = i;
            } else if (code2 === 92) {
              isEscaping = true;
            } else {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
          } else if (code2 === 34 && header.charCodeAt(i - 1) === 61) {
            inQuotes = true;
          } else if (end === -1 && tokenChars[code2] === 1) {
            if (start === -1) start = i;
          } else if (start !== -1 && (code2 === 32 || code2 === 9)) {
            if (end === -1) end = i;
          } else if (code2 === 59 || code2 === 44) {
            if (start === -1) {
              throw new SyntaxError(`Unexpected character at index ${i}`);
            }
            if (end === -1) end = i;
            let value = header.slice(start, end);
            if (mustUnescape) {
              value = value.replace(/\\/g, "");
              mustUnescape = false;
            }
            push(params, paramName, value);
            if (code2 === 44) {
              push(offers, extensionName, params);
              params = /* @__PURE__ */ Object.create(null);
              extensionName = void 0;
            }
            paramName = void 0;
            start = end = -1;
          } else {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
        }
      }
      if (start === -1 || inQuotes || code2 === 32 || code2 === 9) {
        throw new SyntaxError("Unexpected end of input");
      }
      if (end === -1) end = i;
      const token = header.slice(start, end);
      if (extensionName === void 0) {
        push(offers, token, params);
      } else {
        if (paramName === void 0) {
          push(params, token, true);
        } else if (mustUnescape) {
          push(params, paramName, token.replace(/\\/g, ""));
        } else {
          push(params, paramName, token);
        }
        push(offers, extensionName, params);
      }
      return offers;
    }
    function format3(extensions2) {
      return Object.keys(extensions2).map((extension2) => {
        let configurations = extensions2[extension2];
        if (!Array.isArray(configurations)) configurations = [configurations];
        return configurations.map((params) => {
          return [extension2].concat(
            Object.keys(params).map((k) => {
              let values = params[k];
              if (!Array.isArray(values)) values = [values];
              return values.map((v) => v === true ? k : `${k}=${v}`).join("; ");
            })
          ).join("; ");
        }).join(", ");
      }).join(", ");
    }
    module.exports = { format: format3, parse };
  }
});

// ../../work/main/node_modules/ws/lib/websocket.js
var require_websocket = __commonJS({
  "../../work/main/node_modules/ws/lib/websocket.js"(exports, module) {
    "use strict";
    var EventEmitter3 = __require("events");
    var https = __require("https");
    var http = __require("http");
    var net = __require("net");
    var querystring = __require("querystring");
    var tls = __require("tls");
    var { randomBytes: randomBytes3, createHash } = __require("crypto");
    var { Duplex, Readable: Readable2 } = __require("stream");
    var { URL } = __require("url");
    var PerMessageDeflate2 = require_permessage_deflate();
    var Receiver2 = require_receiver();
    var Sender2 = require_sender();
    var { isBlob } = require_validation();
    var {
      BINARY_TYPES,
      CLOSE_TIMEOUT,
      EMPTY_BUFFER,
      GUID,
      kForOnEventAttribute,
      kListener,
      kStatusCode,
      kWebSocket,
      NOOP
    } = require_constants();
    var {
      EventTarget: { addEventListener, removeEventListener }
    } = require_event_target();
    var { format: format3, parse } = require_extension();
    var { toBuffer } = require_buffer_util();
    var kAborted = Symbol("kAborted");
    var protocolVersions = [8, 13];
    var readyStates = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
    var subprotocolRegex = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;
    var WebSocket2 = class _WebSocket extends EventEmitter3 {
      /**
       * Create a new `WebSocket`.
       *
       * @param {(String|URL)} address The URL to which to connect
       * @param {(String|String[])} [protocols] The subprotocols
       * @param {Object} [options] Connection options
       */
      constructor(address, protocols, options) {
        super();
        this._binaryType = BINARY_TYPES[0];
        this._closeCode = 1006;
        this._closeFrameReceived = false;
        this._closeFrameSent = false;
        this._closeMessage = EMPTY_BUFFER;
        this._closeTimer = null;
        this._errorEmitted = false;
        this._extensions = {};
        this._paused = false;
        this._protocol = "";
        this._readyState = _WebSocket.CONNECTING;
        this._receiver = null;
        this._sender = null;
        this._socket = null;
        if (address !== null) {
          this._bufferedAmount = 0;
          this._isServer = false;
          this._redirects = 0;
          if (protocols === void 0) {
            if (!options || options.protocols === void 0) {
              protocols = [];
            } else if (Array.isArray(options.protocols)) {
              protocols = options.protocols;
            } else {
              protocols = [options.protocols];
            }
          } else if (!Array.isArray(protocols)) {
            if (typeof protocols === "object" && protocols !== null) {
              options = protocols;
              if (options.protocols === void 0) {
                protocols = [];
              } else if (Array.isArray(options.protocols)) {
                protocols = options.protocols;
              } else {
                protocols = [options.protocols];
              }
            } else {
              protocols = [protocols];
            }
          }
          options = initAsClient(this, address, protocols, options);
        } else {
          this._isServer = true;
        }
        if (options.autoPong) {
          this._autoPong = true;
          this._autoPongComplete = () => autoPongComplete(this);
          this._pendingAutoPongs = 0;
          this._maxPendingAutoPongs = options.maxPendingAutoPongs | 0;
        }
        this._closeTimeout = options.closeTimeout;
      }
      /**
       * For historical reasons, the custom "nodebuffer" type is used by the default
       * instead of "blob".
       *
       * @type {String}
       */
      get binaryType() {
        return this._binaryType;
      }
      set binaryType(type) {
        if (!BINARY_TYPES.includes(type)) return;
        this._binaryType = type;
        if (this._receiver) this._receiver._binaryType = type;
      }
      /**
       * @type {Number}
       */
      get bufferedAmount() {
        if (!this._socket) return this._bufferedAmount;
        return this._socket._writableState.length + this._sender._bufferedBytes;
      }
      /**
       * @type {String}
       */
      get extensions() {
        return Object.keys(this._extensions).join();
      }
      /**
       * @type {Boolean}
       */
      get isPaused() {
        return this._paused;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onclose() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onerror() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onopen() {
        return null;
      }
      /**
       * @type {Function}
       */
      /* istanbul ignore next */
      get onmessage() {
        return null;
      }
      /**
       * @type {String}
       */
      get protocol() {
        return this._protocol;
      }
      /**
       * @type {Number}
       */
      get readyState() {
        return this._readyState;
      }
      /**
       * @type {String}
       */
      get url() {
        return this._url;
      }
      /**
       * Set up the socket and the internal resources.
       *
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Object} options Options object
       * @param {Boolean} [options.allowSynchronousEvents=false] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {Function} [options.generateMask] The function used to generate the
       *     masking key
       * @param {Number} [options.maxBufferedChunks=0] The maximum number of
       *     buffered data chunks
       * @param {Number} [options.maxFragments=0] The maximum number of message
       *     fragments
       * @param {Number} [options.maxPayload=0] The maximum allowed message size
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       * @private
       */
      setSocket(socket, head, options) {
        const receiver = new Receiver2({
          allowSynchronousEvents: options.allowSynchronousEvents,
          binaryType: this.binaryType,
          extensions: this._extensions,
          isServer: this._isServer,
          maxBufferedChunks: options.maxBufferedChunks,
          maxFragments: options.maxFragments,
          maxPayload: options.maxPayload,
          skipUTF8Validation: options.skipUTF8Validation
        });
        const sender = new Sender2(socket, this._extensions, options.generateMask);
        this._receiver = receiver;
        this._sender = sender;
        this._socket = socket;
        receiver[kWebSocket] = this;
        sender[kWebSocket] = this;
        socket[kWebSocket] = this;
        receiver.on("conclude", receiverOnConclude);
        receiver.on("drain", receiverOnDrain);
        receiver.on("error", receiverOnError);
        receiver.on("message", receiverOnMessage);
        receiver.on("ping", receiverOnPing);
        receiver.on("pong", receiverOnPong);
        sender.onerror = senderOnError;
        if (socket.setTimeout) socket.setTimeout(0);
        if (socket.setNoDelay) socket.setNoDelay();
        if (head.length > 0) socket.unshift(head);
        socket.on("close", socketOnClose);
        socket.on("data", socketOnData);
        socket.on("end", socketOnEnd);
        socket.on("error", socketOnError);
        this._readyState = _WebSocket.OPEN;
        this.emit("open");
      }
      /**
       * Emit the `'close'` event.
       *
       * @private
       */
      emitClose() {
        if (!this._socket) {
          this._readyState = _WebSocket.CLOSED;
          this.emit("close", this._closeCode, this._closeMessage);
          return;
        }
        if (this._extensions[PerMessageDeflate2.extensionName]) {
          this._extensions[PerMessageDeflate2.extensionName].cleanup();
        }
        this._receiver.removeAllListeners();
        this._readyState = _WebSocket.CLOSED;
        this.emit("close", this._closeCode, this._closeMessage);
      }
      /**
       * Start a closing handshake.
       *
       *          +----------+   +-----------+   +----------+
       *     - - -|ws.close()|-->|close frame|-->|ws.close()|- - -
       *    |     +----------+   +-----------+   +----------+     |
       *          +----------+   +-----------+         |
       * CLOSING  |ws.close()|<--|close frame|<--+-----+       CLOSING
       *          +----------+   +-----------+   |
       *    |           |                        |   +---+        |
       *                +------------------------+-->|fin| - - - -
       *    |         +---+                      |   +---+
       *     - - - - -|fin|<---------------------+
       *              +---+
       *
       * @param {Number} [code] Status code explaining why the connection is closing
       * @param {(String|Buffer)} [data] The reason why the connection is
       *     closing
       * @public
       */
      close(code2, data) {
        if (this.readyState === _WebSocket.CLOSED) return;
        if (this.readyState === _WebSocket.CONNECTING) {
          const msg = "WebSocket was closed before the connection was established";
          abortHandshake(this, this._req, msg);
          return;
        }
        if (this.readyState === _WebSocket.CLOSING) {
          if (this._closeFrameSent && (this._closeFrameReceived || this._receiver._writableState.errorEmitted)) {
            this._socket.end();
          }
          return;
        }
        this._sender.close(code2, data, !this._isServer, (err) => {
          if (err) return;
          this._closeFrameSent = true;
          if (this._closeFrameReceived || this._receiver._writableState.errorEmitted) {
            this._socket.end();
          }
        });
        this._readyState = _WebSocket.CLOSING;
        setCloseTimer(this);
      }
      /**
       * Pause the socket.
       *
       * @public
       */
      pause() {
        if (this.readyState === _WebSocket.CONNECTING || this.readyState === _WebSocket.CLOSED) {
          return;
        }
        this._paused = true;
        this._socket.pause();
      }
      /**
       * Send a ping.
       *
       * @param {*} [data] The data to send
       * @param {Boolean} [mask] Indicates whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when the ping is sent
       * @public
       */
      ping(data, mask, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof data === "function") {
          cb = data;
          data = mask = void 0;
        } else if (typeof mask === "function") {
          cb = mask;
          mask = void 0;
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        if (mask === void 0) mask = !this._isServer;
        this._sender.ping(data || EMPTY_BUFFER, mask, cb);
      }
      /**
       * Send a pong.
       *
       * @param {*} [data] The data to send
       * @param {Boolean} [mask] Indicates whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when the pong is sent
       * @public
       */
      pong(data, mask, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof data === "function") {
          cb = data;
          data = mask = void 0;
        } else if (typeof mask === "function") {
          cb = mask;
          mask = void 0;
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        if (mask === void 0) mask = !this._isServer;
        this._sender.pong(data || EMPTY_BUFFER, mask, cb);
      }
      /**
       * Resume the socket.
       *
       * @public
       */
      resume() {
        if (this.readyState === _WebSocket.CONNECTING || this.readyState === _WebSocket.CLOSED) {
          return;
        }
        this._paused = false;
        if (!this._receiver._writableState.needDrain) this._socket.resume();
      }
      /**
       * Send a data message.
       *
       * @param {*} data The message to send
       * @param {Object} [options] Options object
       * @param {Boolean} [options.binary] Specifies whether `data` is binary or
       *     text
       * @param {Boolean} [options.compress] Specifies whether or not to compress
       *     `data`
       * @param {Boolean} [options.fin=true] Specifies whether the fragment is the
       *     last one
       * @param {Boolean} [options.mask] Specifies whether or not to mask `data`
       * @param {Function} [cb] Callback which is executed when data is written out
       * @public
       */
      send(data, options, cb) {
        if (this.readyState === _WebSocket.CONNECTING) {
          throw new Error("WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (typeof options === "function") {
          cb = options;
          options = {};
        }
        if (typeof data === "number") data = data.toString();
        if (this.readyState !== _WebSocket.OPEN) {
          sendAfterClose(this, data, cb);
          return;
        }
        const opts = {
          binary: typeof data !== "string",
          mask: !this._isServer,
          compress: true,
          fin: true,
          ...options
        };
        if (!this._extensions[PerMessageDeflate2.extensionName]) {
          opts.compress = false;
        }
        this._sender.send(data || EMPTY_BUFFER, opts, cb);
      }
      /**
       * Forcibly close the connection.
       *
       * @public
       */
      terminate() {
        if (this.readyState === _WebSocket.CLOSED) return;
        if (this.readyState === _WebSocket.CONNECTING) {
          const msg = "WebSocket was closed before the connection was established";
          abortHandshake(this, this._req, msg);
          return;
        }
        if (this._socket) {
          this._readyState = _WebSocket.CLOSING;
          this._socket.destroy();
        }
      }
    };
    Object.defineProperty(WebSocket2, "CONNECTING", {
      enumerable: true,
      value: readyStates.indexOf("CONNECTING")
    });
    Object.defineProperty(WebSocket2.prototype, "CONNECTING", {
      enumerable: true,
      value: readyStates.indexOf("CONNECTING")
    });
    Object.defineProperty(WebSocket2, "OPEN", {
      enumerable: true,
      value: readyStates.indexOf("OPEN")
    });
    Object.defineProperty(WebSocket2.prototype, "OPEN", {
      enumerable: true,
      value: readyStates.indexOf("OPEN")
    });
    Object.defineProperty(WebSocket2, "CLOSING", {
      enumerable: true,
      value: readyStates.indexOf("CLOSING")
    });
    Object.defineProperty(WebSocket2.prototype, "CLOSING", {
      enumerable: true,
      value: readyStates.indexOf("CLOSING")
    });
    Object.defineProperty(WebSocket2, "CLOSED", {
      enumerable: true,
      value: readyStates.indexOf("CLOSED")
    });
    Object.defineProperty(WebSocket2.prototype, "CLOSED", {
      enumerable: true,
      value: readyStates.indexOf("CLOSED")
    });
    [
      "binaryType",
      "bufferedAmount",
      "extensions",
      "isPaused",
      "protocol",
      "readyState",
      "url"
    ].forEach((property) => {
      Object.defineProperty(WebSocket2.prototype, property, { enumerable: true });
    });
    ["open", "error", "close", "message"].forEach((method) => {
      Object.defineProperty(WebSocket2.prototype, `on${method}`, {
        enumerable: true,
        get() {
          for (const listener of this.listeners(method)) {
            if (listener[kForOnEventAttribute]) return listener[kListener];
          }
          return null;
        },
        set(handler) {
          for (const listener of this.listeners(method)) {
            if (listener[kForOnEventAttribute]) {
              this.removeListener(method, listener);
              break;
            }
          }
          if (typeof handler !== "function") return;
          this.addEventListener(method, handler, {
            [kForOnEventAttribute]: true
          });
        }
      });
    });
    WebSocket2.prototype.addEventListener = addEventListener;
    WebSocket2.prototype.removeEventListener = removeEventListener;
    module.exports = WebSocket2;
    function initAsClient(websocket, address, protocols, options) {
      const opts = {
        allowSynchronousEvents: true,
        autoPong: true,
        closeTimeout: CLOSE_TIMEOUT,
        protocolVersion: protocolVersions[1],
        maxBufferedChunks: 256 * 1024,
        maxFragments: 16 * 1024,
        maxPayload: 100 * 1024 * 1024,
        maxPendingAutoPongs: 60,
        skipUTF8Validation: false,
        perMessageDeflate: true,
        followRedirects: false,
        maxRedirects: 10,
        ...options,
        socketPath: void 0,
        hostname: void 0,
        protocol: void 0,
        protocols: void 0,
        timeout: void 0,
        method: "GET",
        host: void 0,
        path: void 0,
        port: void 0
      };
      if (!protocolVersions.includes(opts.protocolVersion)) {
        throw new RangeError(
          `Unsupported protocol version: ${opts.protocolVersion} (supported versions: ${protocolVersions.join(", ")})`
        );
      }
      let parsedUrl;
      if (address instanceof URL) {
        parsedUrl = address;
      } else {
        try {
          parsedUrl = new URL(address);
        } catch {
          throw new SyntaxError(`Invalid URL: ${address}`);
        }
      }
      if (parsedUrl.protocol === "http:" || parsedUrl.protocol === "https:") {
        parsedUrl = new URL(parsedUrl);
        parsedUrl.protocol = parsedUrl.protocol === "http:" ? "ws:" : "wss:";
      }
      websocket._url = parsedUrl.href;
      const isSecure = parsedUrl.protocol === "wss:";
      const isIpcUrl = parsedUrl.protocol === "ws+unix:";
      let invalidUrlMessage;
      if (parsedUrl.protocol !== "ws:" && !isSecure && !isIpcUrl) {
        invalidUrlMessage = `The URL's protocol must be one of "ws:", "wss:", "http:", "https:", or "ws+unix:"`;
      } else if (isIpcUrl && !parsedUrl.pathname) {
        invalidUrlMessage = "The URL's pathname is empty";
      } else if (parsedUrl.hash) {
        invalidUrlMessage = "The URL contains a fragment identifier";
      }
      if (invalidUrlMessage) {
        const err = new SyntaxError(invalidUrlMessage);
        if (websocket._redirects === 0) {
          throw err;
        } else {
          emitErrorAndClose(websocket, err);
          return;
        }
      }
      const defaultPort = isSecure ? 443 : 80;
      const key = randomBytes3(16).toString("base64");
      const request = isSecure ? https.request : http.request;
      const protocolSet = /* @__PURE__ */ new Set();
      let perMessageDeflate;
      opts.createConnection = opts.createConnection || (isSecure ? tlsConnect : netConnect);
      opts.defaultPort = opts.defaultPort || defaultPort;
      opts.port = parsedUrl.port || defaultPort;
      opts.host = parsedUrl.hostname.startsWith("[") ? parsedUrl.hostname.slice(1, -1) : parsedUrl.hostname;
      opts.headers = {
        ...opts.headers,
        "Sec-WebSocket-Version": opts.protocolVersion,
        "Sec-WebSocket-Key": key,
        Connection: "Upgrade",
        Upgrade: "websocket"
      };
      opts.path = parsedUrl.pathname + parsedUrl.search;
      opts.timeout = opts.handshakeTimeout;
      if (opts.perMessageDeflate) {
        perMessageDeflate = new PerMessageDeflate2({
          ...opts.perMessageDeflate,
          isServer: false,
          maxPayload: opts.maxPayload
        });
        opts.headers["Sec-WebSocket-Extensions"] = format3({
          [PerMessageDeflate2.extensionName]: perMessageDeflate.offer()
        });
      }
      if (protocols.length) {
        for (const protocol of protocols) {
          if (typeof protocol !== "string" || !subprotocolRegex.test(protocol) || protocolSet.has(protocol)) {
            throw new SyntaxError(
              "An invalid or duplicated subprotocol was specified"
            );
          }
          protocolSet.add(protocol);
        }
        opts.headers["Sec-WebSocket-Protocol"] = protocols.join(",");
      }
      if (opts.origin) {
        if (opts.protocolVersion < 13) {
          opts.headers["Sec-WebSocket-Origin"] = opts.origin;
        } else {
          opts.headers.Origin = opts.origin;
        }
      }
      if (parsedUrl.username || parsedUrl.password) {
        const username = querystring.unescape(parsedUrl.username);
        const password = querystring.unescape(parsedUrl.password);
        opts.auth = `${username}:${password}`;
      }
      if (isIpcUrl) {
        const i = opts.path.indexOf(":");
        if (i === -1) {
          opts.socketPath = opts.path;
          opts.path = "";
        } else {
          opts.socketPath = opts.path.slice(0, i);
          opts.path = opts.path.slice(i + 1);
        }
      }
      let req;
      if (opts.followRedirects) {
        if (websocket._redirects === 0) {
          websocket._originalIpc = isIpcUrl;
          websocket._originalSecure = isSecure;
          websocket._originalHostOrSocketPath = isIpcUrl ? opts.socketPath : parsedUrl.host;
          const headers = options && options.headers;
          options = { ...options, headers: {} };
          if (headers) {
            for (const [key2, value] of Object.entries(headers)) {
              options.headers[key2.toLowerCase()] = value;
            }
          }
        } else if (websocket.listenerCount("redirect") === 0) {
          const isSameHost = isIpcUrl ? websocket._originalIpc ? opts.socketPath === websocket._originalHostOrSocketPath : false : websocket._originalIpc ? false : parsedUrl.host === websocket._originalHostOrSocketPath;
          if (!isSameHost || websocket._originalSecure && !isSecure) {
            delete opts.headers.authorization;
            delete opts.headers.cookie;
            if (!isSameHost) delete opts.headers.host;
            opts.auth = void 0;
          }
        }
        if (opts.auth && !options.headers.authorization) {
          options.headers.authorization = "Basic " + Buffer.from(opts.auth).toString("base64");
        }
        req = websocket._req = request(opts);
        if (websocket._redirects) {
          websocket.emit("redirect", websocket.url, req);
        }
      } else {
        req = websocket._req = request(opts);
      }
      if (opts.timeout) {
        req.on("timeout", () => {
          abortHandshake(websocket, req, "Opening handshake has timed out");
        });
      }
      req.on("error", (err) => {
        if (req === null || req[kAborted]) return;
        req = websocket._req = null;
        emitErrorAndClose(websocket, err);
      });
      req.on("response", (res) => {
        const location = res.headers.location;
        const statusCode = res.statusCode;
        if (location && opts.followRedirects && statusCode >= 300 && statusCode < 400) {
          if (++websocket._redirects > opts.maxRedirects) {
            abortHandshake(websocket, req, "Maximum redirects exceeded");
            return;
          }
          req.abort();
          let addr;
          try {
            addr = new URL(location, address);
          } catch (e) {
            const err = new SyntaxError(`Invalid URL: ${location}`);
            emitErrorAndClose(websocket, err);
            return;
          }
          initAsClient(websocket, addr, protocols, options);
        } else if (!websocket.emit("unexpected-response", req, res)) {
          abortHandshake(
            websocket,
            req,
            `Unexpected server response: ${res.statusCode}`
          );
        }
      });
      req.on("upgrade", (res, socket, head) => {
        websocket.emit("upgrade", res);
        if (websocket.readyState !== WebSocket2.CONNECTING) return;
        req = websocket._req = null;
        const upgrade = res.headers.upgrade;
        if (upgrade === void 0 || upgrade.toLowerCase() !== "websocket") {
          abortHandshake(websocket, socket, "Invalid Upgrade header");
          return;
        }
        const digest = createHash("sha1").update(key + GUID).digest("base64");
        if (res.headers["sec-websocket-accept"] !== digest) {
          abortHandshake(websocket, socket, "Invalid Sec-WebSocket-Accept header");
          return;
        }
        const serverProt = res.headers["sec-websocket-protocol"];
        let protError;
        if (serverProt !== void 0) {
          if (!protocolSet.size) {
            protError = "Server sent a subprotocol but none was requested";
          } else if (!protocolSet.has(serverProt)) {
            protError = "Server sent an invalid subprotocol";
          }
        } else if (protocolSet.size) {
          protError = "Server sent no subprotocol";
        }
        if (protError) {
          abortHandshake(websocket, socket, protError);
          return;
        }
        if (serverProt) websocket._protocol = serverProt;
        const secWebSocketExtensions = res.headers["sec-websocket-extensions"];
        if (secWebSocketExtensions !== void 0) {
          if (!perMessageDeflate) {
            const message = "Server sent a Sec-WebSocket-Extensions header but no extension was requested";
            abortHandshake(websocket, socket, message);
            return;
          }
          let extensions2;
          try {
            extensions2 = parse(secWebSocketExtensions);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Extensions header";
            abortHandshake(websocket, socket, message);
            return;
          }
          const extensionNames = Object.keys(extensions2);
          if (extensionNames.length !== 1 || extensionNames[0] !== PerMessageDeflate2.extensionName) {
            const message = "Server indicated an extension that was not requested";
            abortHandshake(websocket, socket, message);
            return;
          }
          try {
            perMessageDeflate.accept(extensions2[PerMessageDeflate2.extensionName]);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Extensions header";
            abortHandshake(websocket, socket, message);
            return;
          }
          websocket._extensions[PerMessageDeflate2.extensionName] = perMessageDeflate;
        }
        websocket.setSocket(socket, head, {
          allowSynchronousEvents: opts.allowSynchronousEvents,
          generateMask: opts.generateMask,
          maxBufferedChunks: opts.maxBufferedChunks,
          maxFragments: opts.maxFragments,
          maxPayload: opts.maxPayload,
          skipUTF8Validation: opts.skipUTF8Validation
        });
      });
      if (opts.finishRequest) {
        opts.finishRequest(req, websocket);
      } else {
        req.end();
      }
      return opts;
    }
    function emitErrorAndClose(websocket, err) {
      websocket._readyState = WebSocket2.CLOSING;
      websocket._errorEmitted = true;
      websocket.emit("error", err);
      websocket.emitClose();
    }
    function netConnect(options) {
      options.path = options.socketPath;
      return net.connect(options);
    }
    function tlsConnect(options) {
      options.path = void 0;
      if (!options.servername && options.servername !== "") {
        options.servername = net.isIP(options.host) ? "" : options.host;
      }
      return tls.connect(options);
    }
    function abortHandshake(websocket, stream, message) {
      websocket._readyState = WebSocket2.CLOSING;
      const err = new Error(message);
      Error.captureStackTrace(err, abortHandshake);
      if (stream.setHeader) {
        stream[kAborted] = true;
        stream.abort();
        if (stream.socket && !stream.socket.destroyed) {
          stream.socket.destroy();
        }
        process.nextTick(emitErrorAndClose, websocket, err);
      } else {
        stream.destroy(err);
        stream.once("error", websocket.emit.bind(websocket, "error"));
        stream.once("close", websocket.emitClose.bind(websocket));
      }
    }
    function sendAfterClose(websocket, data, cb) {
      if (data) {
        const length = isBlob(data) ? data.size : toBuffer(data).length;
        if (websocket._socket) websocket._sender._bufferedBytes += length;
        else websocket._bufferedAmount += length;
      }
      if (cb) {
        const err = new Error(
          `WebSocket is not open: readyState ${websocket.readyState} (${readyStates[websocket.readyState]})`
        );
        process.nextTick(cb, err);
      }
    }
    function receiverOnConclude(code2, reason) {
      const websocket = this[kWebSocket];
      websocket._closeFrameReceived = true;
      websocket._closeCode = code2;
      if (reason.length === 0) {
        websocket._closeMessage = EMPTY_BUFFER;
      } else {
        websocket._closeMessage = Buffer.allocUnsafeSlow(reason.length);
        websocket._closeMessage.set(reason);
      }
      if (websocket._socket[kWebSocket] === void 0) return;
      websocket._socket.removeListener("data", socketOnData);
      process.nextTick(resume, websocket._socket);
      if (code2 === 1005) websocket.close();
      else websocket.close(code2, reason);
    }
    function receiverOnDrain() {
      const websocket = this[kWebSocket];
      if (!websocket.isPaused) websocket._socket.resume();
    }
    function receiverOnError(err) {
      const websocket = this[kWebSocket];
      if (websocket._socket[kWebSocket] !== void 0) {
        websocket._socket.removeListener("data", socketOnData);
        process.nextTick(resume, websocket._socket);
        websocket.close(err[kStatusCode]);
      }
      if (!websocket._errorEmitted) {
        websocket._errorEmitted = true;
        websocket.emit("error", err);
      }
    }
    function receiverOnFinish() {
      this[kWebSocket].emitClose();
    }
    function receiverOnMessage(data, isBinary) {
      this[kWebSocket].emit("message", data, isBinary);
    }
    function receiverOnPing(data) {
      const websocket = this[kWebSocket];
      if (websocket._autoPong && websocket.readyState === WebSocket2.OPEN) {
        if (websocket._maxPendingAutoPongs > 0 && websocket._pendingAutoPongs >= websocket._maxPendingAutoPongs) {
          websocket.terminate();
        } else {
          websocket._pendingAutoPongs++;
          websocket.pong(data, !this._isServer, websocket._autoPongComplete);
        }
      }
      websocket.emit("ping", data);
    }
    function autoPongComplete(websocket) {
      websocket._pendingAutoPongs--;
    }
    function receiverOnPong(data) {
      this[kWebSocket].emit("pong", data);
    }
    function resume(stream) {
      stream.resume();
    }
    function senderOnError(err) {
      const websocket = this[kWebSocket];
      if (websocket.readyState === WebSocket2.CLOSED) return;
      if (websocket.readyState === WebSocket2.OPEN) {
        websocket._readyState = WebSocket2.CLOSING;
        setCloseTimer(websocket);
      }
      this._socket.end();
      if (!websocket._errorEmitted) {
        websocket._errorEmitted = true;
        websocket.emit("error", err);
      }
    }
    function setCloseTimer(websocket) {
      websocket._closeTimer = setTimeout(
        websocket._socket.destroy.bind(websocket._socket),
        websocket._closeTimeout
      );
    }
    function socketOnClose() {
      const websocket = this[kWebSocket];
      this.removeListener("close", socketOnClose);
      this.removeListener("data", socketOnData);
      this.removeListener("end", socketOnEnd);
      websocket._readyState = WebSocket2.CLOSING;
      if (!this._readableState.endEmitted && !websocket._closeFrameReceived && !websocket._receiver._writableState.errorEmitted && this._readableState.length !== 0) {
        const chunk = this.read(this._readableState.length);
        websocket._receiver.write(chunk);
      }
      websocket._receiver.end();
      this[kWebSocket] = void 0;
      clearTimeout(websocket._closeTimer);
      if (websocket._receiver._writableState.finished || websocket._receiver._writableState.errorEmitted) {
        websocket.emitClose();
      } else {
        websocket._receiver.on("error", receiverOnFinish);
        websocket._receiver.on("finish", receiverOnFinish);
      }
    }
    function socketOnData(chunk) {
      if (!this[kWebSocket]._receiver.write(chunk)) {
        this.pause();
      }
    }
    function socketOnEnd() {
      const websocket = this[kWebSocket];
      websocket._readyState = WebSocket2.CLOSING;
      websocket._receiver.end();
      this.end();
    }
    function socketOnError() {
      const websocket = this[kWebSocket];
      this.removeListener("error", socketOnError);
      this.on("error", NOOP);
      if (websocket) {
        websocket._readyState = WebSocket2.CLOSING;
        this.destroy();
      }
    }
  }
});

// ../../work/main/node_modules/ws/lib/stream.js
var require_stream = __commonJS({
  "../../work/main/node_modules/ws/lib/stream.js"(exports, module) {
    "use strict";
    var WebSocket2 = require_websocket();
    var { Duplex } = __require("stream");
    function emitClose(stream) {
      stream.emit("close");
    }
    function duplexOnEnd() {
      if (!this.destroyed && this._writableState.finished) {
        this.destroy();
      }
    }
    function duplexOnError(err) {
      this.removeListener("error", duplexOnError);
      this.destroy();
      if (this.listenerCount("error") === 0) {
        this.emit("error", err);
      }
    }
    function createWebSocketStream2(ws, options) {
      let terminateOnDestroy = true;
      const duplex = new Duplex({
        ...options,
        autoDestroy: false,
        emitClose: false,
        objectMode: false,
        writableObjectMode: false
      });
      ws.on("message", function message(msg, isBinary) {
        const data = !isBinary && duplex._readableState.objectMode ? msg.toString() : msg;
        if (!duplex.push(data)) ws.pause();
      });
      ws.once("error", function error(err) {
        if (duplex.destroyed) return;
        terminateOnDestroy = false;
        duplex.destroy(err);
      });
      ws.once("close", function close4() {
        if (duplex.destroyed) return;
        duplex.push(null);
      });
      duplex._destroy = function(err, callback) {
        if (ws.readyState === ws.CLOSED) {
          callback(err);
          process.nextTick(emitClose, duplex);
          return;
        }
        let called = false;
        ws.once("error", function error(err2) {
          called = true;
          callback(err2);
        });
        ws.once("close", function close4() {
          if (!called) callback(err);
          process.nextTick(emitClose, duplex);
        });
        if (terminateOnDestroy) ws.terminate();
      };
      duplex._final = function(callback) {
        if (ws.readyState === ws.CONNECTING) {
          ws.once("open", function open4() {
            duplex._final(callback);
          });
          return;
        }
        if (ws._socket === null) return;
        if (ws._socket._writableState.finished) {
          callback();
          if (duplex._readableState.endEmitted) duplex.destroy();
        } else {
          ws._socket.once("finish", function finish() {
            callback();
          });
          ws.close();
        }
      };
      duplex._read = function() {
        if (ws.isPaused) ws.resume();
      };
      duplex._write = function(chunk, encoding, callback) {
        if (ws.readyState === ws.CONNECTING) {
          ws.once("open", function open4() {
            duplex._write(chunk, encoding, callback);
          });
          return;
        }
        ws.send(chunk, callback);
      };
      duplex.on("end", duplexOnEnd);
      duplex.on("error", duplexOnError);
      return duplex;
    }
    module.exports = createWebSocketStream2;
  }
});

// ../../work/main/node_modules/ws/lib/subprotocol.js
var require_subprotocol = __commonJS({
  "../../work/main/node_modules/ws/lib/subprotocol.js"(exports, module) {
    "use strict";
    var { tokenChars } = require_validation();
    function parse(header) {
      const protocols = /* @__PURE__ */ new Set();
      let start = -1;
      let end = -1;
      let i = 0;
      for (i; i < header.length; i++) {
        const code2 = header.charCodeAt(i);
        if (end === -1 && tokenChars[code2] === 1) {
          if (start === -1) start = i;
        } else if (i !== 0 && (code2 === 32 || code2 === 9)) {
          if (end === -1 && start !== -1) end = i;
        } else if (code2 === 44) {
          if (start === -1) {
            throw new SyntaxError(`Unexpected character at index ${i}`);
          }
          if (end === -1) end = i;
          const protocol2 = header.slice(start, end);
          if (protocols.has(protocol2)) {
            throw new SyntaxError(`The "${protocol2}" subprotocol is duplicated`);
          }
          protocols.add(protocol2);
          start = end = -1;
        } else {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }
      }
      if (start === -1 || end !== -1) {
        throw new SyntaxError("Unexpected end of input");
      }
      const protocol = header.slice(start, i);
      if (protocols.has(protocol)) {
        throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
      }
      protocols.add(protocol);
      return protocols;
    }
    module.exports = { parse };
  }
});

// ../../work/main/node_modules/ws/lib/websocket-server.js
var require_websocket_server = __commonJS({
  "../../work/main/node_modules/ws/lib/websocket-server.js"(exports, module) {
    "use strict";
    var EventEmitter3 = __require("events");
    var http = __require("http");
    var { Duplex } = __require("stream");
    var { createHash } = __require("crypto");
    var extension2 = require_extension();
    var PerMessageDeflate2 = require_permessage_deflate();
    var subprotocol2 = require_subprotocol();
    var WebSocket2 = require_websocket();
    var { CLOSE_TIMEOUT, GUID, kWebSocket } = require_constants();
    var keyRegex = /^[+/0-9A-Za-z]{22}==$/;
    var RUNNING = 0;
    var CLOSING = 1;
    var CLOSED = 2;
    var WebSocketServer2 = class extends EventEmitter3 {
      /**
       * Create a `WebSocketServer` instance.
       *
       * @param {Object} options Configuration options
       * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
       *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
       *     multiple times in the same tick
       * @param {Boolean} [options.autoPong=true] Specifies whether or not to
       *     automatically send a pong in response to a ping
       * @param {Number} [options.backlog=511] The maximum length of the queue of
       *     pending connections
       * @param {Boolean} [options.clientTracking=true] Specifies whether or not to
       *     track clients
       * @param {Number} [options.closeTimeout=30000] Duration in milliseconds to
       *     wait for the closing handshake to finish after `websocket.close()` is
       *     called
       * @param {Function} [options.handleProtocols] A hook to handle protocols
       * @param {String} [options.host] The hostname where to bind the server
       * @param {Number} [options.maxBufferedChunks=262144] The maximum number of
       *     buffered data chunks
       * @param {Number} [options.maxFragments=16384] The maximum number of message
       *     fragments
       * @param {Number} [options.maxPayload=104857600] The maximum allowed message
       *     size
       * @param {Number} [options.maxPendingAutoPongs=60] The maximum number of
       *     pending automatic pongs
       * @param {Boolean} [options.noServer=false] Enable no server mode
       * @param {String} [options.path] Accept only connections matching this path
       * @param {(Boolean|Object)} [options.perMessageDeflate=false] Enable/disable
       *     permessage-deflate
       * @param {Number} [options.port] The port where to bind the server
       * @param {(http.Server|https.Server)} [options.server] A pre-created HTTP/S
       *     server to use
       * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
       *     not to skip UTF-8 validation for text and close messages
       * @param {Function} [options.verifyClient] A hook to reject connections
       * @param {Function} [options.WebSocket=WebSocket] Specifies the `WebSocket`
       *     class to use. It must be the `WebSocket` class or class that extends it
       * @param {Function} [callback] A listener for the `listening` event
       */
      constructor(options, callback) {
        super();
        options = {
          allowSynchronousEvents: true,
          autoPong: true,
          maxBufferedChunks: 256 * 1024,
          maxFragments: 16 * 1024,
          maxPayload: 100 * 1024 * 1024,
          maxPendingAutoPongs: 60,
          skipUTF8Validation: false,
          perMessageDeflate: false,
          handleProtocols: null,
          clientTracking: true,
          closeTimeout: CLOSE_TIMEOUT,
          verifyClient: null,
          noServer: false,
          backlog: null,
          // use default (511 as implemented in net.js)
          server: null,
          host: null,
          path: null,
          port: null,
          WebSocket: WebSocket2,
          ...options
        };
        if (options.port == null && !options.server && !options.noServer || options.port != null && (options.server || options.noServer) || options.server && options.noServer) {
          throw new TypeError(
            'One and only one of the "port", "server", or "noServer" options must be specified'
          );
        }
        if (options.port != null) {
          this._server = http.createServer((req, res) => {
            const body = http.STATUS_CODES[426];
            res.writeHead(426, {
              "Content-Length": body.length,
              "Content-Type": "text/plain"
            });
            res.end(body);
          });
          this._server.listen(
            options.port,
            options.host,
            options.backlog,
            callback
          );
        } else if (options.server) {
          this._server = options.server;
        }
        if (this._server) {
          const emitConnection = this.emit.bind(this, "connection");
          this._removeListeners = addListeners(this._server, {
            listening: this.emit.bind(this, "listening"),
            error: this.emit.bind(this, "error"),
            upgrade: (req, socket, head) => {
              this.handleUpgrade(req, socket, head, emitConnection);
            }
          });
        }
        if (options.perMessageDeflate === true) options.perMessageDeflate = {};
        if (options.clientTracking) {
          this.clients = /* @__PURE__ */ new Set();
          this._shouldEmitClose = false;
        }
        this.options = options;
        this._state = RUNNING;
      }
      /**
       * Returns the bound address, the address family name, and port of the server
       * as reported by the operating system if listening on an IP socket.
       * If the server is listening on a pipe or UNIX domain socket, the name is
       * returned as a string.
       *
       * @return {(Object|String|null)} The address of the server
       * @public
       */
      address() {
        if (this.options.noServer) {
          throw new Error('The server is operating in "noServer" mode');
        }
        if (!this._server) return null;
        return this._server.address();
      }
      /**
       * Stop the server from accepting new connections and emit the `'close'` event
       * when all existing connections are closed.
       *
       * @param {Function} [cb] A one-time listener for the `'close'` event
       * @public
       */
      close(cb) {
        if (this._state === CLOSED) {
          if (cb) {
            this.once("close", () => {
              cb(new Error("The server is not running"));
            });
          }
          process.nextTick(emitClose, this);
          return;
        }
        if (cb) this.once("close", cb);
        if (this._state === CLOSING) return;
        this._state = CLOSING;
        if (this.options.noServer || this.options.server) {
          if (this._server) {
            this._removeListeners();
            this._removeListeners = this._server = null;
          }
          if (this.clients) {
            if (!this.clients.size) {
              process.nextTick(emitClose, this);
            } else {
              this._shouldEmitClose = true;
            }
          } else {
            process.nextTick(emitClose, this);
          }
        } else {
          const server = this._server;
          this._removeListeners();
          this._removeListeners = this._server = null;
          server.close(() => {
            emitClose(this);
          });
        }
      }
      /**
       * See if a given request should be handled by this server instance.
       *
       * @param {http.IncomingMessage} req Request object to inspect
       * @return {Boolean} `true` if the request is valid, else `false`
       * @public
       */
      shouldHandle(req) {
        if (this.options.path) {
          const index = req.url.indexOf("?");
          const pathname = index !== -1 ? req.url.slice(0, index) : req.url;
          if (pathname !== this.options.path) return false;
        }
        return true;
      }
      /**
       * Handle a HTTP Upgrade request.
       *
       * @param {http.IncomingMessage} req The request object
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Function} cb Callback
       * @public
       */
      handleUpgrade(req, socket, head, cb) {
        socket.on("error", socketOnError);
        const key = req.headers["sec-websocket-key"];
        const upgrade = req.headers.upgrade;
        const version = +req.headers["sec-websocket-version"];
        if (req.method !== "GET") {
          const message = "Invalid HTTP method";
          abortHandshakeOrEmitwsClientError(this, req, socket, 405, message);
          return;
        }
        if (upgrade === void 0 || upgrade.toLowerCase() !== "websocket") {
          const message = "Invalid Upgrade header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
          return;
        }
        if (key === void 0 || !keyRegex.test(key)) {
          const message = "Missing or invalid Sec-WebSocket-Key header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
          return;
        }
        if (version !== 13 && version !== 8) {
          const message = "Missing or invalid Sec-WebSocket-Version header";
          abortHandshakeOrEmitwsClientError(this, req, socket, 400, message, {
            "Sec-WebSocket-Version": "13, 8"
          });
          return;
        }
        if (!this.shouldHandle(req)) {
          abortHandshake(socket, 400);
          return;
        }
        const secWebSocketProtocol = req.headers["sec-websocket-protocol"];
        let protocols = /* @__PURE__ */ new Set();
        if (secWebSocketProtocol !== void 0) {
          try {
            protocols = subprotocol2.parse(secWebSocketProtocol);
          } catch (err) {
            const message = "Invalid Sec-WebSocket-Protocol header";
            abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
            return;
          }
        }
        const secWebSocketExtensions = req.headers["sec-websocket-extensions"];
        const extensions2 = {};
        if (this.options.perMessageDeflate && secWebSocketExtensions !== void 0) {
          const perMessageDeflate = new PerMessageDeflate2({
            ...this.options.perMessageDeflate,
            isServer: true,
            maxPayload: this.options.maxPayload
          });
          try {
            const offers = extension2.parse(secWebSocketExtensions);
            if (offers[PerMessageDeflate2.extensionName]) {
              perMessageDeflate.accept(offers[PerMessageDeflate2.extensionName]);
              extensions2[PerMessageDeflate2.extensionName] = perMessageDeflate;
            }
          } catch (err) {
            const message = "Invalid or unacceptable Sec-WebSocket-Extensions header";
            abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
            return;
          }
        }
        if (this.options.verifyClient) {
          const info = {
            origin: req.headers[`${version === 8 ? "sec-websocket-origin" : "origin"}`],
            secure: !!(req.socket.authorized || req.socket.encrypted),
            req
          };
          if (this.options.verifyClient.length === 2) {
            this.options.verifyClient(info, (verified, code2, message, headers) => {
              if (!verified) {
                return abortHandshake(socket, code2 || 401, message, headers);
              }
              this.completeUpgrade(
                extensions2,
                key,
                protocols,
                req,
                socket,
                head,
                cb
              );
            });
            return;
          }
          if (!this.options.verifyClient(info)) return abortHandshake(socket, 401);
        }
        this.completeUpgrade(extensions2, key, protocols, req, socket, head, cb);
      }
      /**
       * Upgrade the connection to WebSocket.
       *
       * @param {Object} extensions The accepted extensions
       * @param {String} key The value of the `Sec-WebSocket-Key` header
       * @param {Set} protocols The subprotocols
       * @param {http.IncomingMessage} req The request object
       * @param {Duplex} socket The network socket between the server and client
       * @param {Buffer} head The first packet of the upgraded stream
       * @param {Function} cb Callback
       * @throws {Error} If called more than once with the same socket
       * @private
       */
      completeUpgrade(extensions2, key, protocols, req, socket, head, cb) {
        if (!socket.readable || !socket.writable) return socket.destroy();
        if (socket[kWebSocket]) {
          throw new Error(
            "server.handleUpgrade() was called more than once with the same socket, possibly due to a misconfiguration"
          );
        }
        if (this._state > RUNNING) return abortHandshake(socket, 503);
        const digest = createHash("sha1").update(key + GUID).digest("base64");
        const headers = [
          "HTTP/1.1 101 Switching Protocols",
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Accept: ${digest}`
        ];
        const ws = new this.options.WebSocket(null, void 0, this.options);
        if (protocols.size) {
          const protocol = this.options.handleProtocols ? this.options.handleProtocols(protocols, req) : protocols.values().next().value;
          if (protocol) {
            headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
            ws._protocol = protocol;
          }
        }
        if (extensions2[PerMessageDeflate2.extensionName]) {
          const params = extensions2[PerMessageDeflate2.extensionName].params;
          const value = extension2.format({
            [PerMessageDeflate2.extensionName]: [params]
          });
          headers.push(`Sec-WebSocket-Extensions: ${value}`);
          ws._extensions = extensions2;
        }
        this.emit("headers", headers, req);
        socket.write(headers.concat("\r\n").join("\r\n"));
        socket.removeListener("error", socketOnError);
        ws.setSocket(socket, head, {
          allowSynchronousEvents: this.options.allowSynchronousEvents,
          maxBufferedChunks: this.options.maxBufferedChunks,
          maxFragments: this.options.maxFragments,
          maxPayload: this.options.maxPayload,
          skipUTF8Validation: this.options.skipUTF8Validation
        });
        if (this.clients) {
          this.clients.add(ws);
          ws.on("close", () => {
            this.clients.delete(ws);
            if (this._shouldEmitClose && !this.clients.size) {
              process.nextTick(emitClose, this);
            }
          });
        }
        cb(ws, req);
      }
    };
    module.exports = WebSocketServer2;
    function addListeners(server, map) {
      for (const event of Object.keys(map)) server.on(event, map[event]);
      return function removeListeners() {
        for (const event of Object.keys(map)) {
          server.removeListener(event, map[event]);
        }
      };
    }
    function emitClose(server) {
      server._state = CLOSED;
      server.emit("close");
    }
    function socketOnError() {
      this.destroy();
    }
    function abortHandshake(socket, code2, message, headers) {
      message = message || http.STATUS_CODES[code2];
      headers = {
        Connection: "close",
        "Content-Type": "text/html",
        "Content-Length": Buffer.byteLength(message),
        ...headers
      };
      socket.once("finish", socket.destroy);
      socket.end(
        `HTTP/1.1 ${code2} ${http.STATUS_CODES[code2]}\r
` + Object.keys(headers).map((h) => `${h}: ${headers[h]}`).join("\r\n") + "\r\n\r\n" + message
      );
    }
    function abortHandshakeOrEmitwsClientError(server, req, socket, code2, message, headers) {
      if (server.listenerCount("wsClientError")) {
        const err = new Error(message);
        Error.captureStackTrace(err, abortHandshakeOrEmitwsClientError);
        server.emit("wsClientError", err, socket, req);
      } else {
        abortHandshake(socket, code2, message, headers);
      }
    }
  }
});

// ../../work/main/packages/cli/dist/commands/common.js
function fail(msg) {
  process.stderr.write(`mrc: ${msg}
`);
  process.exit(255);
}

// ../../work/main/node_modules/yargs/lib/platform-shims/esm.mjs
import { notStrictEqual, strictEqual } from "assert";

// ../../work/main/node_modules/cliui/build/lib/index.js
var align = {
  right: alignRight,
  center: alignCenter
};
var top = 0;
var right = 1;
var bottom = 2;
var left = 3;
var UI = class {
  constructor(opts) {
    var _a2;
    this.width = opts.width;
    this.wrap = (_a2 = opts.wrap) !== null && _a2 !== void 0 ? _a2 : true;
    this.rows = [];
  }
  span(...args) {
    const cols = this.div(...args);
    cols.span = true;
  }
  resetOutput() {
    this.rows = [];
  }
  div(...args) {
    if (args.length === 0) {
      this.div("");
    }
    if (this.wrap && this.shouldApplyLayoutDSL(...args) && typeof args[0] === "string") {
      return this.applyLayoutDSL(args[0]);
    }
    const cols = args.map((arg) => {
      if (typeof arg === "string") {
        return this.colFromString(arg);
      }
      return arg;
    });
    this.rows.push(cols);
    return cols;
  }
  shouldApplyLayoutDSL(...args) {
    return args.length === 1 && typeof args[0] === "string" && /[\t\n]/.test(args[0]);
  }
  applyLayoutDSL(str) {
    const rows = str.split("\n").map((row) => row.split("	"));
    let leftColumnWidth = 0;
    rows.forEach((columns) => {
      if (columns.length > 1 && mixin.stringWidth(columns[0]) > leftColumnWidth) {
        leftColumnWidth = Math.min(Math.floor(this.width * 0.5), mixin.stringWidth(columns[0]));
      }
    });
    rows.forEach((columns) => {
      this.div(...columns.map((r, i) => {
        return {
          text: r.trim(),
          padding: this.measurePadding(r),
          width: i === 0 && columns.length > 1 ? leftColumnWidth : void 0
        };
      }));
    });
    return this.rows[this.rows.length - 1];
  }
  colFromString(text) {
    return {
      text,
      padding: this.measurePadding(text)
    };
  }
  measurePadding(str) {
    const noAnsi = mixin.stripAnsi(str);
    return [0, noAnsi.match(/\s*$/)[0].length, 0, noAnsi.match(/^\s*/)[0].length];
  }
  toString() {
    const lines = [];
    this.rows.forEach((row) => {
      this.rowToString(row, lines);
    });
    return lines.filter((line) => !line.hidden).map((line) => line.text).join("\n");
  }
  rowToString(row, lines) {
    this.rasterize(row).forEach((rrow, r) => {
      let str = "";
      rrow.forEach((col, c2) => {
        const { width } = row[c2];
        const wrapWidth = this.negatePadding(row[c2]);
        let ts = col;
        if (wrapWidth > mixin.stringWidth(col)) {
          ts += " ".repeat(wrapWidth - mixin.stringWidth(col));
        }
        if (row[c2].align && row[c2].align !== "left" && this.wrap) {
          const fn = align[row[c2].align];
          ts = fn(ts, wrapWidth);
          if (mixin.stringWidth(ts) < wrapWidth) {
            ts += " ".repeat((width || 0) - mixin.stringWidth(ts) - 1);
          }
        }
        const padding = row[c2].padding || [0, 0, 0, 0];
        if (padding[left]) {
          str += " ".repeat(padding[left]);
        }
        str += addBorder(row[c2], ts, "| ");
        str += ts;
        str += addBorder(row[c2], ts, " |");
        if (padding[right]) {
          str += " ".repeat(padding[right]);
        }
        if (r === 0 && lines.length > 0) {
          str = this.renderInline(str, lines[lines.length - 1]);
        }
      });
      lines.push({
        text: str.replace(/ +$/, ""),
        span: row.span
      });
    });
    return lines;
  }
  // if the full 'source' can render in
  // the target line, do so.
  renderInline(source, previousLine) {
    const match = source.match(/^ */);
    const leadingWhitespace = match ? match[0].length : 0;
    const target3 = previousLine.text;
    const targetTextWidth = mixin.stringWidth(target3.trimRight());
    if (!previousLine.span) {
      return source;
    }
    if (!this.wrap) {
      previousLine.hidden = true;
      return target3 + source;
    }
    if (leadingWhitespace < targetTextWidth) {
      return source;
    }
    previousLine.hidden = true;
    return target3.trimRight() + " ".repeat(leadingWhitespace - targetTextWidth) + source.trimLeft();
  }
  rasterize(row) {
    const rrows = [];
    const widths = this.columnWidths(row);
    let wrapped;
    row.forEach((col, c2) => {
      col.width = widths[c2];
      if (this.wrap) {
        wrapped = mixin.wrap(col.text, this.negatePadding(col), { hard: true }).split("\n");
      } else {
        wrapped = col.text.split("\n");
      }
      if (col.border) {
        wrapped.unshift("." + "-".repeat(this.negatePadding(col) + 2) + ".");
        wrapped.push("'" + "-".repeat(this.negatePadding(col) + 2) + "'");
      }
      if (col.padding) {
        wrapped.unshift(...new Array(col.padding[top] || 0).fill(""));
        wrapped.push(...new Array(col.padding[bottom] || 0).fill(""));
      }
      wrapped.forEach((str, r) => {
        if (!rrows[r]) {
          rrows.push([]);
        }
        const rrow = rrows[r];
        for (let i = 0; i < c2; i++) {
          if (rrow[i] === void 0) {
            rrow.push("");
          }
        }
        rrow.push(str);
      });
    });
    return rrows;
  }
  negatePadding(col) {
    let wrapWidth = col.width || 0;
    if (col.padding) {
      wrapWidth -= (col.padding[left] || 0) + (col.padding[right] || 0);
    }
    if (col.border) {
      wrapWidth -= 4;
    }
    return wrapWidth;
  }
  columnWidths(row) {
    if (!this.wrap) {
      return row.map((col) => {
        return col.width || mixin.stringWidth(col.text);
      });
    }
    let unset = row.length;
    let remainingWidth = this.width;
    const widths = row.map((col) => {
      if (col.width) {
        unset--;
        remainingWidth -= col.width;
        return col.width;
      }
      return void 0;
    });
    const unsetWidth = unset ? Math.floor(remainingWidth / unset) : 0;
    return widths.map((w, i) => {
      if (w === void 0) {
        return Math.max(unsetWidth, _minWidth(row[i]));
      }
      return w;
    });
  }
};
function addBorder(col, ts, style) {
  if (col.border) {
    if (/[.']-+[.']/.test(ts)) {
      return "";
    }
    if (ts.trim().length !== 0) {
      return style;
    }
    return "  ";
  }
  return "";
}
function _minWidth(col) {
  const padding = col.padding || [];
  const minWidth = 1 + (padding[left] || 0) + (padding[right] || 0);
  if (col.border) {
    return minWidth + 4;
  }
  return minWidth;
}
function getWindowWidth() {
  if (typeof process === "object" && process.stdout && process.stdout.columns) {
    return process.stdout.columns;
  }
  return 80;
}
function alignRight(str, width) {
  str = str.trim();
  const strWidth = mixin.stringWidth(str);
  if (strWidth < width) {
    return " ".repeat(width - strWidth) + str;
  }
  return str;
}
function alignCenter(str, width) {
  str = str.trim();
  const strWidth = mixin.stringWidth(str);
  if (strWidth >= width) {
    return str;
  }
  return " ".repeat(width - strWidth >> 1) + str;
}
var mixin;
function cliui(opts, _mixin) {
  mixin = _mixin;
  return new UI({
    width: (opts === null || opts === void 0 ? void 0 : opts.width) || getWindowWidth(),
    wrap: opts === null || opts === void 0 ? void 0 : opts.wrap
  });
}

// ../../work/main/node_modules/cliui/build/lib/string-utils.js
var ansi = new RegExp("\x1B(?:\\[(?:\\d+[ABCDEFGJKSTm]|\\d+;\\d+[Hfm]|\\d+;\\d+;\\d+m|6n|s|u|\\?25[lh])|\\w)", "g");
function stripAnsi(str) {
  return str.replace(ansi, "");
}
function wrap(str, width) {
  const [start, end] = str.match(ansi) || ["", ""];
  str = stripAnsi(str);
  let wrapped = "";
  for (let i = 0; i < str.length; i++) {
    if (i !== 0 && i % width === 0) {
      wrapped += "\n";
    }
    wrapped += str.charAt(i);
  }
  if (start && end) {
    wrapped = `${start}${wrapped}${end}`;
  }
  return wrapped;
}

// ../../work/main/node_modules/cliui/index.mjs
function ui(opts) {
  return cliui(opts, {
    stringWidth: (str) => {
      return [...str].length;
    },
    stripAnsi,
    wrap
  });
}

// ../../work/main/node_modules/escalade/sync/index.mjs
import { dirname, resolve } from "path";
import { readdirSync, statSync } from "fs";
function sync_default(start, callback) {
  let dir = resolve(".", start);
  let tmp, stats = statSync(dir);
  if (!stats.isDirectory()) {
    dir = dirname(dir);
  }
  while (true) {
    tmp = callback(dir, readdirSync(dir));
    if (tmp) return resolve(dir, tmp);
    dir = dirname(tmp = dir);
    if (tmp === dir) break;
  }
}

// ../../work/main/node_modules/yargs/lib/platform-shims/esm.mjs
import { inspect } from "util";
import { readFileSync as readFileSync3 } from "fs";
import { fileURLToPath } from "url";

// ../../work/main/node_modules/yargs-parser/build/lib/index.js
import { format } from "util";
import { normalize, resolve as resolve2 } from "path";

// ../../work/main/node_modules/yargs-parser/build/lib/string-utils.js
function camelCase(str) {
  const isCamelCase = str !== str.toLowerCase() && str !== str.toUpperCase();
  if (!isCamelCase) {
    str = str.toLowerCase();
  }
  if (str.indexOf("-") === -1 && str.indexOf("_") === -1) {
    return str;
  } else {
    let camelcase = "";
    let nextChrUpper = false;
    const leadingHyphens = str.match(/^-+/);
    for (let i = leadingHyphens ? leadingHyphens[0].length : 0; i < str.length; i++) {
      let chr = str.charAt(i);
      if (nextChrUpper) {
        nextChrUpper = false;
        chr = chr.toUpperCase();
      }
      if (i !== 0 && (chr === "-" || chr === "_")) {
        nextChrUpper = true;
      } else if (chr !== "-" && chr !== "_") {
        camelcase += chr;
      }
    }
    return camelcase;
  }
}
function decamelize(str, joinString) {
  const lowercase = str.toLowerCase();
  joinString = joinString || "-";
  let notCamelcase = "";
  for (let i = 0; i < str.length; i++) {
    const chrLower = lowercase.charAt(i);
    const chrString = str.charAt(i);
    if (chrLower !== chrString && i > 0) {
      notCamelcase += `${joinString}${lowercase.charAt(i)}`;
    } else {
      notCamelcase += chrString;
    }
  }
  return notCamelcase;
}
function looksLikeNumber(x) {
  if (x === null || x === void 0)
    return false;
  if (typeof x === "number")
    return true;
  if (/^0x[0-9a-f]+$/i.test(x))
    return true;
  if (/^0[^.]/.test(x))
    return false;
  return /^[-]?(?:\d+(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/.test(x);
}

// ../../work/main/node_modules/yargs-parser/build/lib/tokenize-arg-string.js
function tokenizeArgString(argString) {
  if (Array.isArray(argString)) {
    return argString.map((e) => typeof e !== "string" ? e + "" : e);
  }
  argString = argString.trim();
  let i = 0;
  let prevC = null;
  let c2 = null;
  let opening = null;
  const args = [];
  for (let ii = 0; ii < argString.length; ii++) {
    prevC = c2;
    c2 = argString.charAt(ii);
    if (c2 === " " && !opening) {
      if (!(prevC === " ")) {
        i++;
      }
      continue;
    }
    if (c2 === opening) {
      opening = null;
    } else if ((c2 === "'" || c2 === '"') && !opening) {
      opening = c2;
    }
    if (!args[i])
      args[i] = "";
    args[i] += c2;
  }
  return args;
}

// ../../work/main/node_modules/yargs-parser/build/lib/yargs-parser-types.js
var DefaultValuesForTypeKey;
(function(DefaultValuesForTypeKey2) {
  DefaultValuesForTypeKey2["BOOLEAN"] = "boolean";
  DefaultValuesForTypeKey2["STRING"] = "string";
  DefaultValuesForTypeKey2["NUMBER"] = "number";
  DefaultValuesForTypeKey2["ARRAY"] = "array";
})(DefaultValuesForTypeKey || (DefaultValuesForTypeKey = {}));

// ../../work/main/node_modules/yargs-parser/build/lib/yargs-parser.js
var mixin2;
var YargsParser = class {
  constructor(_mixin) {
    mixin2 = _mixin;
  }
  parse(argsInput, options) {
    const opts = Object.assign({
      alias: void 0,
      array: void 0,
      boolean: void 0,
      config: void 0,
      configObjects: void 0,
      configuration: void 0,
      coerce: void 0,
      count: void 0,
      default: void 0,
      envPrefix: void 0,
      narg: void 0,
      normalize: void 0,
      string: void 0,
      number: void 0,
      __: void 0,
      key: void 0
    }, options);
    const args = tokenizeArgString(argsInput);
    const inputIsString = typeof argsInput === "string";
    const aliases = combineAliases(Object.assign(/* @__PURE__ */ Object.create(null), opts.alias));
    const configuration = Object.assign({
      "boolean-negation": true,
      "camel-case-expansion": true,
      "combine-arrays": false,
      "dot-notation": true,
      "duplicate-arguments-array": true,
      "flatten-duplicate-arrays": true,
      "greedy-arrays": true,
      "halt-at-non-option": false,
      "nargs-eats-options": false,
      "negation-prefix": "no-",
      "parse-numbers": true,
      "parse-positional-numbers": true,
      "populate--": false,
      "set-placeholder-key": false,
      "short-option-groups": true,
      "strip-aliased": false,
      "strip-dashed": false,
      "unknown-options-as-args": false
    }, opts.configuration);
    const defaults = Object.assign(/* @__PURE__ */ Object.create(null), opts.default);
    const configObjects = opts.configObjects || [];
    const envPrefix = opts.envPrefix;
    const notFlagsOption = configuration["populate--"];
    const notFlagsArgv = notFlagsOption ? "--" : "_";
    const newAliases = /* @__PURE__ */ Object.create(null);
    const defaulted = /* @__PURE__ */ Object.create(null);
    const __ = opts.__ || mixin2.format;
    const flags = {
      aliases: /* @__PURE__ */ Object.create(null),
      arrays: /* @__PURE__ */ Object.create(null),
      bools: /* @__PURE__ */ Object.create(null),
      strings: /* @__PURE__ */ Object.create(null),
      numbers: /* @__PURE__ */ Object.create(null),
      counts: /* @__PURE__ */ Object.create(null),
      normalize: /* @__PURE__ */ Object.create(null),
      configs: /* @__PURE__ */ Object.create(null),
      nargs: /* @__PURE__ */ Object.create(null),
      coercions: /* @__PURE__ */ Object.create(null),
      keys: []
    };
    const negative = /^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;
    const negatedBoolean = new RegExp("^--" + configuration["negation-prefix"] + "(.+)");
    [].concat(opts.array || []).filter(Boolean).forEach(function(opt) {
      const key = typeof opt === "object" ? opt.key : opt;
      const assignment = Object.keys(opt).map(function(key2) {
        const arrayFlagKeys = {
          boolean: "bools",
          string: "strings",
          number: "numbers"
        };
        return arrayFlagKeys[key2];
      }).filter(Boolean).pop();
      if (assignment) {
        flags[assignment][key] = true;
      }
      flags.arrays[key] = true;
      flags.keys.push(key);
    });
    [].concat(opts.boolean || []).filter(Boolean).forEach(function(key) {
      flags.bools[key] = true;
      flags.keys.push(key);
    });
    [].concat(opts.string || []).filter(Boolean).forEach(function(key) {
      flags.strings[key] = true;
      flags.keys.push(key);
    });
    [].concat(opts.number || []).filter(Boolean).forEach(function(key) {
      flags.numbers[key] = true;
      flags.keys.push(key);
    });
    [].concat(opts.count || []).filter(Boolean).forEach(function(key) {
      flags.counts[key] = true;
      flags.keys.push(key);
    });
    [].concat(opts.normalize || []).filter(Boolean).forEach(function(key) {
      flags.normalize[key] = true;
      flags.keys.push(key);
    });
    if (typeof opts.narg === "object") {
      Object.entries(opts.narg).forEach(([key, value]) => {
        if (typeof value === "number") {
          flags.nargs[key] = value;
          flags.keys.push(key);
        }
      });
    }
    if (typeof opts.coerce === "object") {
      Object.entries(opts.coerce).forEach(([key, value]) => {
        if (typeof value === "function") {
          flags.coercions[key] = value;
          flags.keys.push(key);
        }
      });
    }
    if (typeof opts.config !== "undefined") {
      if (Array.isArray(opts.config) || typeof opts.config === "string") {
        ;
        [].concat(opts.config).filter(Boolean).forEach(function(key) {
          flags.configs[key] = true;
        });
      } else if (typeof opts.config === "object") {
        Object.entries(opts.config).forEach(([key, value]) => {
          if (typeof value === "boolean" || typeof value === "function") {
            flags.configs[key] = value;
          }
        });
      }
    }
    extendAliases(opts.key, aliases, opts.default, flags.arrays);
    Object.keys(defaults).forEach(function(key) {
      (flags.aliases[key] || []).forEach(function(alias) {
        defaults[alias] = defaults[key];
      });
    });
    let error = null;
    checkConfiguration();
    let notFlags = [];
    const argv = Object.assign(/* @__PURE__ */ Object.create(null), { _: [] });
    const argvReturn = {};
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const truncatedArg = arg.replace(/^-{3,}/, "---");
      let broken;
      let key;
      let letters;
      let m;
      let next2;
      let value;
      if (arg !== "--" && /^-/.test(arg) && isUnknownOptionAsArg(arg)) {
        pushPositional(arg);
      } else if (truncatedArg.match(/^---+(=|$)/)) {
        pushPositional(arg);
        continue;
      } else if (arg.match(/^--.+=/) || !configuration["short-option-groups"] && arg.match(/^-.+=/)) {
        m = arg.match(/^--?([^=]+)=([\s\S]*)$/);
        if (m !== null && Array.isArray(m) && m.length >= 3) {
          if (checkAllAliases(m[1], flags.arrays)) {
            i = eatArray(i, m[1], args, m[2]);
          } else if (checkAllAliases(m[1], flags.nargs) !== false) {
            i = eatNargs(i, m[1], args, m[2]);
          } else {
            setArg(m[1], m[2], true);
          }
        }
      } else if (arg.match(negatedBoolean) && configuration["boolean-negation"]) {
        m = arg.match(negatedBoolean);
        if (m !== null && Array.isArray(m) && m.length >= 2) {
          key = m[1];
          setArg(key, checkAllAliases(key, flags.arrays) ? [false] : false);
        }
      } else if (arg.match(/^--.+/) || !configuration["short-option-groups"] && arg.match(/^-[^-]+/)) {
        m = arg.match(/^--?(.+)/);
        if (m !== null && Array.isArray(m) && m.length >= 2) {
          key = m[1];
          if (checkAllAliases(key, flags.arrays)) {
            i = eatArray(i, key, args);
          } else if (checkAllAliases(key, flags.nargs) !== false) {
            i = eatNargs(i, key, args);
          } else {
            next2 = args[i + 1];
            if (next2 !== void 0 && (!next2.match(/^-/) || next2.match(negative)) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
              setArg(key, next2);
              i++;
            } else if (/^(true|false)$/.test(next2)) {
              setArg(key, next2);
              i++;
            } else {
              setArg(key, defaultValue(key));
            }
          }
        }
      } else if (arg.match(/^-.\..+=/)) {
        m = arg.match(/^-([^=]+)=([\s\S]*)$/);
        if (m !== null && Array.isArray(m) && m.length >= 3) {
          setArg(m[1], m[2]);
        }
      } else if (arg.match(/^-.\..+/) && !arg.match(negative)) {
        next2 = args[i + 1];
        m = arg.match(/^-(.\..+)/);
        if (m !== null && Array.isArray(m) && m.length >= 2) {
          key = m[1];
          if (next2 !== void 0 && !next2.match(/^-/) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
            setArg(key, next2);
            i++;
          } else {
            setArg(key, defaultValue(key));
          }
        }
      } else if (arg.match(/^-[^-]+/) && !arg.match(negative)) {
        letters = arg.slice(1, -1).split("");
        broken = false;
        for (let j = 0; j < letters.length; j++) {
          next2 = arg.slice(j + 2);
          if (letters[j + 1] && letters[j + 1] === "=") {
            value = arg.slice(j + 3);
            key = letters[j];
            if (checkAllAliases(key, flags.arrays)) {
              i = eatArray(i, key, args, value);
            } else if (checkAllAliases(key, flags.nargs) !== false) {
              i = eatNargs(i, key, args, value);
            } else {
              setArg(key, value);
            }
            broken = true;
            break;
          }
          if (next2 === "-") {
            setArg(letters[j], next2);
            continue;
          }
          if (/[A-Za-z]/.test(letters[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(next2) && checkAllAliases(next2, flags.bools) === false) {
            setArg(letters[j], next2);
            broken = true;
            break;
          }
          if (letters[j + 1] && letters[j + 1].match(/\W/)) {
            setArg(letters[j], next2);
            broken = true;
            break;
          } else {
            setArg(letters[j], defaultValue(letters[j]));
          }
        }
        key = arg.slice(-1)[0];
        if (!broken && key !== "-") {
          if (checkAllAliases(key, flags.arrays)) {
            i = eatArray(i, key, args);
          } else if (checkAllAliases(key, flags.nargs) !== false) {
            i = eatNargs(i, key, args);
          } else {
            next2 = args[i + 1];
            if (next2 !== void 0 && (!/^(-|--)[^-]/.test(next2) || next2.match(negative)) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
              setArg(key, next2);
              i++;
            } else if (/^(true|false)$/.test(next2)) {
              setArg(key, next2);
              i++;
            } else {
              setArg(key, defaultValue(key));
            }
          }
        }
      } else if (arg.match(/^-[0-9]$/) && arg.match(negative) && checkAllAliases(arg.slice(1), flags.bools)) {
        key = arg.slice(1);
        setArg(key, defaultValue(key));
      } else if (arg === "--") {
        notFlags = args.slice(i + 1);
        break;
      } else if (configuration["halt-at-non-option"]) {
        notFlags = args.slice(i);
        break;
      } else {
        pushPositional(arg);
      }
    }
    applyEnvVars(argv, true);
    applyEnvVars(argv, false);
    setConfig(argv);
    setConfigObjects();
    applyDefaultsAndAliases(argv, flags.aliases, defaults, true);
    applyCoercions(argv);
    if (configuration["set-placeholder-key"])
      setPlaceholderKeys(argv);
    Object.keys(flags.counts).forEach(function(key) {
      if (!hasKey(argv, key.split(".")))
        setArg(key, 0);
    });
    if (notFlagsOption && notFlags.length)
      argv[notFlagsArgv] = [];
    notFlags.forEach(function(key) {
      argv[notFlagsArgv].push(key);
    });
    if (configuration["camel-case-expansion"] && configuration["strip-dashed"]) {
      Object.keys(argv).filter((key) => key !== "--" && key.includes("-")).forEach((key) => {
        delete argv[key];
      });
    }
    if (configuration["strip-aliased"]) {
      ;
      [].concat(...Object.keys(aliases).map((k) => aliases[k])).forEach((alias) => {
        if (configuration["camel-case-expansion"] && alias.includes("-")) {
          delete argv[alias.split(".").map((prop) => camelCase(prop)).join(".")];
        }
        delete argv[alias];
      });
    }
    function pushPositional(arg) {
      const maybeCoercedNumber = maybeCoerceNumber("_", arg);
      if (typeof maybeCoercedNumber === "string" || typeof maybeCoercedNumber === "number") {
        argv._.push(maybeCoercedNumber);
      }
    }
    function eatNargs(i, key, args2, argAfterEqualSign) {
      let ii;
      let toEat = checkAllAliases(key, flags.nargs);
      toEat = typeof toEat !== "number" || isNaN(toEat) ? 1 : toEat;
      if (toEat === 0) {
        if (!isUndefined(argAfterEqualSign)) {
          error = Error(__("Argument unexpected for: %s", key));
        }
        setArg(key, defaultValue(key));
        return i;
      }
      let available = isUndefined(argAfterEqualSign) ? 0 : 1;
      if (configuration["nargs-eats-options"]) {
        if (args2.length - (i + 1) + available < toEat) {
          error = Error(__("Not enough arguments following: %s", key));
        }
        available = toEat;
      } else {
        for (ii = i + 1; ii < args2.length; ii++) {
          if (!args2[ii].match(/^-[^0-9]/) || args2[ii].match(negative) || isUnknownOptionAsArg(args2[ii]))
            available++;
          else
            break;
        }
        if (available < toEat)
          error = Error(__("Not enough arguments following: %s", key));
      }
      let consumed = Math.min(available, toEat);
      if (!isUndefined(argAfterEqualSign) && consumed > 0) {
        setArg(key, argAfterEqualSign);
        consumed--;
      }
      for (ii = i + 1; ii < consumed + i + 1; ii++) {
        setArg(key, args2[ii]);
      }
      return i + consumed;
    }
    function eatArray(i, key, args2, argAfterEqualSign) {
      let argsToSet = [];
      let next2 = argAfterEqualSign || args2[i + 1];
      const nargsCount = checkAllAliases(key, flags.nargs);
      if (checkAllAliases(key, flags.bools) && !/^(true|false)$/.test(next2)) {
        argsToSet.push(true);
      } else if (isUndefined(next2) || isUndefined(argAfterEqualSign) && /^-/.test(next2) && !negative.test(next2) && !isUnknownOptionAsArg(next2)) {
        if (defaults[key] !== void 0) {
          const defVal = defaults[key];
          argsToSet = Array.isArray(defVal) ? defVal : [defVal];
        }
      } else {
        if (!isUndefined(argAfterEqualSign)) {
          argsToSet.push(processValue(key, argAfterEqualSign, true));
        }
        for (let ii = i + 1; ii < args2.length; ii++) {
          if (!configuration["greedy-arrays"] && argsToSet.length > 0 || nargsCount && typeof nargsCount === "number" && argsToSet.length >= nargsCount)
            break;
          next2 = args2[ii];
          if (/^-/.test(next2) && !negative.test(next2) && !isUnknownOptionAsArg(next2))
            break;
          i = ii;
          argsToSet.push(processValue(key, next2, inputIsString));
        }
      }
      if (typeof nargsCount === "number" && (nargsCount && argsToSet.length < nargsCount || isNaN(nargsCount) && argsToSet.length === 0)) {
        error = Error(__("Not enough arguments following: %s", key));
      }
      setArg(key, argsToSet);
      return i;
    }
    function setArg(key, val, shouldStripQuotes = inputIsString) {
      if (/-/.test(key) && configuration["camel-case-expansion"]) {
        const alias = key.split(".").map(function(prop) {
          return camelCase(prop);
        }).join(".");
        addNewAlias(key, alias);
      }
      const value = processValue(key, val, shouldStripQuotes);
      const splitKey = key.split(".");
      setKey(argv, splitKey, value);
      if (flags.aliases[key]) {
        flags.aliases[key].forEach(function(x) {
          const keyProperties = x.split(".");
          setKey(argv, keyProperties, value);
        });
      }
      if (splitKey.length > 1 && configuration["dot-notation"]) {
        ;
        (flags.aliases[splitKey[0]] || []).forEach(function(x) {
          let keyProperties = x.split(".");
          const a = [].concat(splitKey);
          a.shift();
          keyProperties = keyProperties.concat(a);
          if (!(flags.aliases[key] || []).includes(keyProperties.join("."))) {
            setKey(argv, keyProperties, value);
          }
        });
      }
      if (checkAllAliases(key, flags.normalize) && !checkAllAliases(key, flags.arrays)) {
        const keys = [key].concat(flags.aliases[key] || []);
        keys.forEach(function(key2) {
          Object.defineProperty(argvReturn, key2, {
            enumerable: true,
            get() {
              return val;
            },
            set(value2) {
              val = typeof value2 === "string" ? mixin2.normalize(value2) : value2;
            }
          });
        });
      }
    }
    function addNewAlias(key, alias) {
      if (!(flags.aliases[key] && flags.aliases[key].length)) {
        flags.aliases[key] = [alias];
        newAliases[alias] = true;
      }
      if (!(flags.aliases[alias] && flags.aliases[alias].length)) {
        addNewAlias(alias, key);
      }
    }
    function processValue(key, val, shouldStripQuotes) {
      if (shouldStripQuotes) {
        val = stripQuotes(val);
      }
      if (checkAllAliases(key, flags.bools) || checkAllAliases(key, flags.counts)) {
        if (typeof val === "string")
          val = val === "true";
      }
      let value = Array.isArray(val) ? val.map(function(v) {
        return maybeCoerceNumber(key, v);
      }) : maybeCoerceNumber(key, val);
      if (checkAllAliases(key, flags.counts) && (isUndefined(value) || typeof value === "boolean")) {
        value = increment();
      }
      if (checkAllAliases(key, flags.normalize) && checkAllAliases(key, flags.arrays)) {
        if (Array.isArray(val))
          value = val.map((val2) => {
            return mixin2.normalize(val2);
          });
        else
          value = mixin2.normalize(val);
      }
      return value;
    }
    function maybeCoerceNumber(key, value) {
      if (!configuration["parse-positional-numbers"] && key === "_")
        return value;
      if (!checkAllAliases(key, flags.strings) && !checkAllAliases(key, flags.bools) && !Array.isArray(value)) {
        const shouldCoerceNumber = looksLikeNumber(value) && configuration["parse-numbers"] && Number.isSafeInteger(Math.floor(parseFloat(`${value}`)));
        if (shouldCoerceNumber || !isUndefined(value) && checkAllAliases(key, flags.numbers)) {
          value = Number(value);
        }
      }
      return value;
    }
    function setConfig(argv2) {
      const configLookup = /* @__PURE__ */ Object.create(null);
      applyDefaultsAndAliases(configLookup, flags.aliases, defaults);
      Object.keys(flags.configs).forEach(function(configKey) {
        const configPath = argv2[configKey] || configLookup[configKey];
        if (configPath) {
          try {
            let config = null;
            const resolvedConfigPath = mixin2.resolve(mixin2.cwd(), configPath);
            const resolveConfig = flags.configs[configKey];
            if (typeof resolveConfig === "function") {
              try {
                config = resolveConfig(resolvedConfigPath);
              } catch (e) {
                config = e;
              }
              if (config instanceof Error) {
                error = config;
                return;
              }
            } else {
              config = mixin2.require(resolvedConfigPath);
            }
            setConfigObject(config);
          } catch (ex) {
            if (ex.name === "PermissionDenied")
              error = ex;
            else if (argv2[configKey])
              error = Error(__("Invalid JSON config file: %s", configPath));
          }
        }
      });
    }
    function setConfigObject(config, prev) {
      Object.keys(config).forEach(function(key) {
        const value = config[key];
        const fullKey = prev ? prev + "." + key : key;
        if (typeof value === "object" && value !== null && !Array.isArray(value) && configuration["dot-notation"]) {
          setConfigObject(value, fullKey);
        } else {
          if (!hasKey(argv, fullKey.split(".")) || checkAllAliases(fullKey, flags.arrays) && configuration["combine-arrays"]) {
            setArg(fullKey, value);
          }
        }
      });
    }
    function setConfigObjects() {
      if (typeof configObjects !== "undefined") {
        configObjects.forEach(function(configObject) {
          setConfigObject(configObject);
        });
      }
    }
    function applyEnvVars(argv2, configOnly) {
      if (typeof envPrefix === "undefined")
        return;
      const prefix = typeof envPrefix === "string" ? envPrefix : "";
      const env2 = mixin2.env();
      Object.keys(env2).forEach(function(envVar) {
        if (prefix === "" || envVar.lastIndexOf(prefix, 0) === 0) {
          const keys = envVar.split("__").map(function(key, i) {
            if (i === 0) {
              key = key.substring(prefix.length);
            }
            return camelCase(key);
          });
          if ((configOnly && flags.configs[keys.join(".")] || !configOnly) && !hasKey(argv2, keys)) {
            setArg(keys.join("."), env2[envVar]);
          }
        }
      });
    }
    function applyCoercions(argv2) {
      let coerce;
      const applied = /* @__PURE__ */ new Set();
      Object.keys(argv2).forEach(function(key) {
        if (!applied.has(key)) {
          coerce = checkAllAliases(key, flags.coercions);
          if (typeof coerce === "function") {
            try {
              const value = maybeCoerceNumber(key, coerce(argv2[key]));
              [].concat(flags.aliases[key] || [], key).forEach((ali) => {
                applied.add(ali);
                argv2[ali] = value;
              });
            } catch (err) {
              error = err;
            }
          }
        }
      });
    }
    function setPlaceholderKeys(argv2) {
      flags.keys.forEach((key) => {
        if (~key.indexOf("."))
          return;
        if (typeof argv2[key] === "undefined")
          argv2[key] = void 0;
      });
      return argv2;
    }
    function applyDefaultsAndAliases(obj, aliases2, defaults2, canLog = false) {
      Object.keys(defaults2).forEach(function(key) {
        if (!hasKey(obj, key.split("."))) {
          setKey(obj, key.split("."), defaults2[key]);
          if (canLog)
            defaulted[key] = true;
          (aliases2[key] || []).forEach(function(x) {
            if (hasKey(obj, x.split(".")))
              return;
            setKey(obj, x.split("."), defaults2[key]);
          });
        }
      });
    }
    function hasKey(obj, keys) {
      let o = obj;
      if (!configuration["dot-notation"])
        keys = [keys.join(".")];
      keys.slice(0, -1).forEach(function(key2) {
        o = o[key2] || {};
      });
      const key = keys[keys.length - 1];
      if (typeof o !== "object")
        return false;
      else
        return key in o;
    }
    function setKey(obj, keys, value) {
      let o = obj;
      if (!configuration["dot-notation"])
        keys = [keys.join(".")];
      keys.slice(0, -1).forEach(function(key2) {
        key2 = sanitizeKey(key2);
        if (typeof o === "object" && o[key2] === void 0) {
          o[key2] = {};
        }
        if (typeof o[key2] !== "object" || Array.isArray(o[key2])) {
          if (Array.isArray(o[key2])) {
            o[key2].push({});
          } else {
            o[key2] = [o[key2], {}];
          }
          o = o[key2][o[key2].length - 1];
        } else {
          o = o[key2];
        }
      });
      const key = sanitizeKey(keys[keys.length - 1]);
      const isTypeArray = checkAllAliases(keys.join("."), flags.arrays);
      const isValueArray = Array.isArray(value);
      let duplicate = configuration["duplicate-arguments-array"];
      if (!duplicate && checkAllAliases(key, flags.nargs)) {
        duplicate = true;
        if (!isUndefined(o[key]) && flags.nargs[key] === 1 || Array.isArray(o[key]) && o[key].length === flags.nargs[key]) {
          o[key] = void 0;
        }
      }
      if (value === increment()) {
        o[key] = increment(o[key]);
      } else if (Array.isArray(o[key])) {
        if (duplicate && isTypeArray && isValueArray) {
          o[key] = configuration["flatten-duplicate-arrays"] ? o[key].concat(value) : (Array.isArray(o[key][0]) ? o[key] : [o[key]]).concat([value]);
        } else if (!duplicate && Boolean(isTypeArray) === Boolean(isValueArray)) {
          o[key] = value;
        } else {
          o[key] = o[key].concat([value]);
        }
      } else if (o[key] === void 0 && isTypeArray) {
        o[key] = isValueArray ? value : [value];
      } else if (duplicate && !(o[key] === void 0 || checkAllAliases(key, flags.counts) || checkAllAliases(key, flags.bools))) {
        o[key] = [o[key], value];
      } else {
        o[key] = value;
      }
    }
    function extendAliases(...args2) {
      args2.forEach(function(obj) {
        Object.keys(obj || {}).forEach(function(key) {
          if (flags.aliases[key])
            return;
          flags.aliases[key] = [].concat(aliases[key] || []);
          flags.aliases[key].concat(key).forEach(function(x) {
            if (/-/.test(x) && configuration["camel-case-expansion"]) {
              const c2 = camelCase(x);
              if (c2 !== key && flags.aliases[key].indexOf(c2) === -1) {
                flags.aliases[key].push(c2);
                newAliases[c2] = true;
              }
            }
          });
          flags.aliases[key].concat(key).forEach(function(x) {
            if (x.length > 1 && /[A-Z]/.test(x) && configuration["camel-case-expansion"]) {
              const c2 = decamelize(x, "-");
              if (c2 !== key && flags.aliases[key].indexOf(c2) === -1) {
                flags.aliases[key].push(c2);
                newAliases[c2] = true;
              }
            }
          });
          flags.aliases[key].forEach(function(x) {
            flags.aliases[x] = [key].concat(flags.aliases[key].filter(function(y) {
              return x !== y;
            }));
          });
        });
      });
    }
    function checkAllAliases(key, flag) {
      const toCheck = [].concat(flags.aliases[key] || [], key);
      const keys = Object.keys(flag);
      const setAlias = toCheck.find((key2) => keys.includes(key2));
      return setAlias ? flag[setAlias] : false;
    }
    function hasAnyFlag(key) {
      const flagsKeys = Object.keys(flags);
      const toCheck = [].concat(flagsKeys.map((k) => flags[k]));
      return toCheck.some(function(flag) {
        return Array.isArray(flag) ? flag.includes(key) : flag[key];
      });
    }
    function hasFlagsMatching(arg, ...patterns) {
      const toCheck = [].concat(...patterns);
      return toCheck.some(function(pattern) {
        const match = arg.match(pattern);
        return match && hasAnyFlag(match[1]);
      });
    }
    function hasAllShortFlags(arg) {
      if (arg.match(negative) || !arg.match(/^-[^-]+/)) {
        return false;
      }
      let hasAllFlags = true;
      let next2;
      const letters = arg.slice(1).split("");
      for (let j = 0; j < letters.length; j++) {
        next2 = arg.slice(j + 2);
        if (!hasAnyFlag(letters[j])) {
          hasAllFlags = false;
          break;
        }
        if (letters[j + 1] && letters[j + 1] === "=" || next2 === "-" || /[A-Za-z]/.test(letters[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(next2) || letters[j + 1] && letters[j + 1].match(/\W/)) {
          break;
        }
      }
      return hasAllFlags;
    }
    function isUnknownOptionAsArg(arg) {
      return configuration["unknown-options-as-args"] && isUnknownOption(arg);
    }
    function isUnknownOption(arg) {
      arg = arg.replace(/^-{3,}/, "--");
      if (arg.match(negative)) {
        return false;
      }
      if (hasAllShortFlags(arg)) {
        return false;
      }
      const flagWithEquals = /^-+([^=]+?)=[\s\S]*$/;
      const normalFlag = /^-+([^=]+?)$/;
      const flagEndingInHyphen = /^-+([^=]+?)-$/;
      const flagEndingInDigits = /^-+([^=]+?\d+)$/;
      const flagEndingInNonWordCharacters = /^-+([^=]+?)\W+.*$/;
      return !hasFlagsMatching(arg, flagWithEquals, negatedBoolean, normalFlag, flagEndingInHyphen, flagEndingInDigits, flagEndingInNonWordCharacters);
    }
    function defaultValue(key) {
      if (!checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts) && `${key}` in defaults) {
        return defaults[key];
      } else {
        return defaultForType(guessType2(key));
      }
    }
    function defaultForType(type) {
      const def = {
        [DefaultValuesForTypeKey.BOOLEAN]: true,
        [DefaultValuesForTypeKey.STRING]: "",
        [DefaultValuesForTypeKey.NUMBER]: void 0,
        [DefaultValuesForTypeKey.ARRAY]: []
      };
      return def[type];
    }
    function guessType2(key) {
      let type = DefaultValuesForTypeKey.BOOLEAN;
      if (checkAllAliases(key, flags.strings))
        type = DefaultValuesForTypeKey.STRING;
      else if (checkAllAliases(key, flags.numbers))
        type = DefaultValuesForTypeKey.NUMBER;
      else if (checkAllAliases(key, flags.bools))
        type = DefaultValuesForTypeKey.BOOLEAN;
      else if (checkAllAliases(key, flags.arrays))
        type = DefaultValuesForTypeKey.ARRAY;
      return type;
    }
    function isUndefined(num) {
      return num === void 0;
    }
    function checkConfiguration() {
      Object.keys(flags.counts).find((key) => {
        if (checkAllAliases(key, flags.arrays)) {
          error = Error(__("Invalid configuration: %s, opts.count excludes opts.array.", key));
          return true;
        } else if (checkAllAliases(key, flags.nargs)) {
          error = Error(__("Invalid configuration: %s, opts.count excludes opts.narg.", key));
          return true;
        }
        return false;
      });
    }
    return {
      aliases: Object.assign({}, flags.aliases),
      argv: Object.assign(argvReturn, argv),
      configuration,
      defaulted: Object.assign({}, defaulted),
      error,
      newAliases: Object.assign({}, newAliases)
    };
  }
};
function combineAliases(aliases) {
  const aliasArrays = [];
  const combined = /* @__PURE__ */ Object.create(null);
  let change = true;
  Object.keys(aliases).forEach(function(key) {
    aliasArrays.push([].concat(aliases[key], key));
  });
  while (change) {
    change = false;
    for (let i = 0; i < aliasArrays.length; i++) {
      for (let ii = i + 1; ii < aliasArrays.length; ii++) {
        const intersect = aliasArrays[i].filter(function(v) {
          return aliasArrays[ii].indexOf(v) !== -1;
        });
        if (intersect.length) {
          aliasArrays[i] = aliasArrays[i].concat(aliasArrays[ii]);
          aliasArrays.splice(ii, 1);
          change = true;
          break;
        }
      }
    }
  }
  aliasArrays.forEach(function(aliasArray) {
    aliasArray = aliasArray.filter(function(v, i, self) {
      return self.indexOf(v) === i;
    });
    const lastAlias = aliasArray.pop();
    if (lastAlias !== void 0 && typeof lastAlias === "string") {
      combined[lastAlias] = aliasArray;
    }
  });
  return combined;
}
function increment(orig) {
  return orig !== void 0 ? orig + 1 : 1;
}
function sanitizeKey(key) {
  if (key === "__proto__")
    return "___proto___";
  return key;
}
function stripQuotes(val) {
  return typeof val === "string" && (val[0] === "'" || val[0] === '"') && val[val.length - 1] === val[0] ? val.substring(1, val.length - 1) : val;
}

// ../../work/main/node_modules/yargs-parser/build/lib/index.js
import { readFileSync } from "fs";
var _a;
var _b;
var _c;
var minNodeVersion = process && process.env && process.env.YARGS_MIN_NODE_VERSION ? Number(process.env.YARGS_MIN_NODE_VERSION) : 12;
var nodeVersion = (_b = (_a = process === null || process === void 0 ? void 0 : process.versions) === null || _a === void 0 ? void 0 : _a.node) !== null && _b !== void 0 ? _b : (_c = process === null || process === void 0 ? void 0 : process.version) === null || _c === void 0 ? void 0 : _c.slice(1);
if (nodeVersion) {
  const major = Number(nodeVersion.match(/^([^.]+)/)[1]);
  if (major < minNodeVersion) {
    throw Error(`yargs parser supports a minimum Node.js version of ${minNodeVersion}. Read our version support policy: https://github.com/yargs/yargs-parser#supported-nodejs-versions`);
  }
}
var env = process ? process.env : {};
var parser = new YargsParser({
  cwd: process.cwd,
  env: () => {
    return env;
  },
  format,
  normalize,
  resolve: resolve2,
  // TODO: figure  out a  way to combine ESM and CJS coverage, such  that
  // we can exercise all the lines below:
  require: (path) => {
    if (typeof __require !== "undefined") {
      return __require(path);
    } else if (path.match(/\.json$/)) {
      return JSON.parse(readFileSync(path, "utf8"));
    } else {
      throw Error("only .json config files are supported in ESM");
    }
  }
});
var yargsParser = function Parser(args, opts) {
  const result = parser.parse(args.slice(), opts);
  return result.argv;
};
yargsParser.detailed = function(args, opts) {
  return parser.parse(args.slice(), opts);
};
yargsParser.camelCase = camelCase;
yargsParser.decamelize = decamelize;
yargsParser.looksLikeNumber = looksLikeNumber;
var lib_default = yargsParser;

// ../../work/main/node_modules/yargs/lib/platform-shims/esm.mjs
import { basename, dirname as dirname2, extname, relative, resolve as resolve4 } from "path";

// ../../work/main/node_modules/yargs/build/lib/utils/process-argv.js
function getProcessArgvBinIndex() {
  if (isBundledElectronApp())
    return 0;
  return 1;
}
function isBundledElectronApp() {
  return isElectronApp() && !process.defaultApp;
}
function isElectronApp() {
  return !!process.versions.electron;
}
function getProcessArgvBin() {
  return process.argv[getProcessArgvBinIndex()];
}

// ../../work/main/node_modules/yargs/build/lib/yerror.js
var YError = class _YError extends Error {
  constructor(msg) {
    super(msg || "yargs error");
    this.name = "YError";
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, _YError);
    }
  }
};

// ../../work/main/node_modules/y18n/build/lib/platform-shims/node.js
import { readFileSync as readFileSync2, statSync as statSync2, writeFile } from "fs";
import { format as format2 } from "util";
import { resolve as resolve3 } from "path";
var node_default = {
  fs: {
    readFileSync: readFileSync2,
    writeFile
  },
  format: format2,
  resolve: resolve3,
  exists: (file) => {
    try {
      return statSync2(file).isFile();
    } catch (err) {
      return false;
    }
  }
};

// ../../work/main/node_modules/y18n/build/lib/index.js
var shim;
var Y18N = class {
  constructor(opts) {
    opts = opts || {};
    this.directory = opts.directory || "./locales";
    this.updateFiles = typeof opts.updateFiles === "boolean" ? opts.updateFiles : true;
    this.locale = opts.locale || "en";
    this.fallbackToLanguage = typeof opts.fallbackToLanguage === "boolean" ? opts.fallbackToLanguage : true;
    this.cache = /* @__PURE__ */ Object.create(null);
    this.writeQueue = [];
  }
  __(...args) {
    if (typeof arguments[0] !== "string") {
      return this._taggedLiteral(arguments[0], ...arguments);
    }
    const str = args.shift();
    let cb = function() {
    };
    if (typeof args[args.length - 1] === "function")
      cb = args.pop();
    cb = cb || function() {
    };
    if (!this.cache[this.locale])
      this._readLocaleFile();
    if (!this.cache[this.locale][str] && this.updateFiles) {
      this.cache[this.locale][str] = str;
      this._enqueueWrite({
        directory: this.directory,
        locale: this.locale,
        cb
      });
    } else {
      cb();
    }
    return shim.format.apply(shim.format, [this.cache[this.locale][str] || str].concat(args));
  }
  __n() {
    const args = Array.prototype.slice.call(arguments);
    const singular = args.shift();
    const plural = args.shift();
    const quantity = args.shift();
    let cb = function() {
    };
    if (typeof args[args.length - 1] === "function")
      cb = args.pop();
    if (!this.cache[this.locale])
      this._readLocaleFile();
    let str = quantity === 1 ? singular : plural;
    if (this.cache[this.locale][singular]) {
      const entry = this.cache[this.locale][singular];
      str = entry[quantity === 1 ? "one" : "other"];
    }
    if (!this.cache[this.locale][singular] && this.updateFiles) {
      this.cache[this.locale][singular] = {
        one: singular,
        other: plural
      };
      this._enqueueWrite({
        directory: this.directory,
        locale: this.locale,
        cb
      });
    } else {
      cb();
    }
    const values = [str];
    if (~str.indexOf("%d"))
      values.push(quantity);
    return shim.format.apply(shim.format, values.concat(args));
  }
  setLocale(locale) {
    this.locale = locale;
  }
  getLocale() {
    return this.locale;
  }
  updateLocale(obj) {
    if (!this.cache[this.locale])
      this._readLocaleFile();
    for (const key in obj) {
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        this.cache[this.locale][key] = obj[key];
      }
    }
  }
  _taggedLiteral(parts, ...args) {
    let str = "";
    parts.forEach(function(part, i) {
      const arg = args[i + 1];
      str += part;
      if (typeof arg !== "undefined") {
        str += "%s";
      }
    });
    return this.__.apply(this, [str].concat([].slice.call(args, 1)));
  }
  _enqueueWrite(work) {
    this.writeQueue.push(work);
    if (this.writeQueue.length === 1)
      this._processWriteQueue();
  }
  _processWriteQueue() {
    const _this = this;
    const work = this.writeQueue[0];
    const directory = work.directory;
    const locale = work.locale;
    const cb = work.cb;
    const languageFile = this._resolveLocaleFile(directory, locale);
    const serializedLocale = JSON.stringify(this.cache[locale], null, 2);
    shim.fs.writeFile(languageFile, serializedLocale, "utf-8", function(err) {
      _this.writeQueue.shift();
      if (_this.writeQueue.length > 0)
        _this._processWriteQueue();
      cb(err);
    });
  }
  _readLocaleFile() {
    let localeLookup = {};
    const languageFile = this._resolveLocaleFile(this.directory, this.locale);
    try {
      if (shim.fs.readFileSync) {
        localeLookup = JSON.parse(shim.fs.readFileSync(languageFile, "utf-8"));
      }
    } catch (err) {
      if (err instanceof SyntaxError) {
        err.message = "syntax error in " + languageFile;
      }
      if (err.code === "ENOENT")
        localeLookup = {};
      else
        throw err;
    }
    this.cache[this.locale] = localeLookup;
  }
  _resolveLocaleFile(directory, locale) {
    let file = shim.resolve(directory, "./", locale + ".json");
    if (this.fallbackToLanguage && !this._fileExistsSync(file) && ~locale.lastIndexOf("_")) {
      const languageFile = shim.resolve(directory, "./", locale.split("_")[0] + ".json");
      if (this._fileExistsSync(languageFile))
        file = languageFile;
    }
    return file;
  }
  _fileExistsSync(file) {
    return shim.exists(file);
  }
};
function y18n(opts, _shim) {
  shim = _shim;
  const y18n3 = new Y18N(opts);
  return {
    __: y18n3.__.bind(y18n3),
    __n: y18n3.__n.bind(y18n3),
    setLocale: y18n3.setLocale.bind(y18n3),
    getLocale: y18n3.getLocale.bind(y18n3),
    updateLocale: y18n3.updateLocale.bind(y18n3),
    locale: y18n3.locale
  };
}

// ../../work/main/node_modules/y18n/index.mjs
var y18n2 = (opts) => {
  return y18n(opts, node_default);
};
var y18n_default = y18n2;

// ../../work/main/node_modules/yargs/lib/platform-shims/esm.mjs
var REQUIRE_ERROR = "require is not supported by ESM";
var REQUIRE_DIRECTORY_ERROR = "loading a directory of commands is not supported yet for ESM";
var __dirname;
try {
  __dirname = fileURLToPath(import.meta.url);
} catch (e) {
  __dirname = process.cwd();
}
var mainFilename = __dirname.substring(0, __dirname.lastIndexOf("node_modules"));
var esm_default = {
  assert: {
    notStrictEqual,
    strictEqual
  },
  cliui: ui,
  findUp: sync_default,
  getEnv: (key) => {
    return process.env[key];
  },
  inspect,
  getCallerFile: () => {
    throw new YError(REQUIRE_DIRECTORY_ERROR);
  },
  getProcessArgvBin,
  mainFilename: mainFilename || process.cwd(),
  Parser: lib_default,
  path: {
    basename,
    dirname: dirname2,
    extname,
    relative,
    resolve: resolve4
  },
  process: {
    argv: () => process.argv,
    cwd: process.cwd,
    emitWarning: (warning, type) => process.emitWarning(warning, type),
    execPath: () => process.execPath,
    exit: process.exit,
    nextTick: process.nextTick,
    stdColumns: typeof process.stdout.columns !== "undefined" ? process.stdout.columns : null
  },
  readFileSync: readFileSync3,
  require: () => {
    throw new YError(REQUIRE_ERROR);
  },
  requireDirectory: () => {
    throw new YError(REQUIRE_DIRECTORY_ERROR);
  },
  stringWidth: (str) => {
    return [...str].length;
  },
  y18n: y18n_default({
    directory: resolve4(__dirname, "../../../locales"),
    updateFiles: false
  })
};

// ../../work/main/node_modules/yargs/build/lib/typings/common-types.js
function assertNotStrictEqual(actual, expected, shim3, message) {
  shim3.assert.notStrictEqual(actual, expected, message);
}
function assertSingleKey(actual, shim3) {
  shim3.assert.strictEqual(typeof actual, "string");
}
function objectKeys(object) {
  return Object.keys(object);
}

// ../../work/main/node_modules/yargs/build/lib/utils/is-promise.js
function isPromise(maybePromise) {
  return !!maybePromise && !!maybePromise.then && typeof maybePromise.then === "function";
}

// ../../work/main/node_modules/yargs/build/lib/parse-command.js
function parseCommand(cmd) {
  const extraSpacesStrippedCommand = cmd.replace(/\s{2,}/g, " ");
  const splitCommand = extraSpacesStrippedCommand.split(/\s+(?![^[]*]|[^<]*>)/);
  const bregex = /\.*[\][<>]/g;
  const firstCommand = splitCommand.shift();
  if (!firstCommand)
    throw new Error(`No command found in: ${cmd}`);
  const parsedCommand = {
    cmd: firstCommand.replace(bregex, ""),
    demanded: [],
    optional: []
  };
  splitCommand.forEach((cmd2, i) => {
    let variadic = false;
    cmd2 = cmd2.replace(/\s/g, "");
    if (/\.+[\]>]/.test(cmd2) && i === splitCommand.length - 1)
      variadic = true;
    if (/^\[/.test(cmd2)) {
      parsedCommand.optional.push({
        cmd: cmd2.replace(bregex, "").split("|"),
        variadic
      });
    } else {
      parsedCommand.demanded.push({
        cmd: cmd2.replace(bregex, "").split("|"),
        variadic
      });
    }
  });
  return parsedCommand;
}

// ../../work/main/node_modules/yargs/build/lib/argsert.js
var positionName = ["first", "second", "third", "fourth", "fifth", "sixth"];
function argsert(arg1, arg2, arg3) {
  function parseArgs() {
    return typeof arg1 === "object" ? [{ demanded: [], optional: [] }, arg1, arg2] : [
      parseCommand(`cmd ${arg1}`),
      arg2,
      arg3
    ];
  }
  try {
    let position3 = 0;
    const [parsed, callerArguments, _length] = parseArgs();
    const args = [].slice.call(callerArguments);
    while (args.length && args[args.length - 1] === void 0)
      args.pop();
    const length = _length || args.length;
    if (length < parsed.demanded.length) {
      throw new YError(`Not enough arguments provided. Expected ${parsed.demanded.length} but received ${args.length}.`);
    }
    const totalCommands = parsed.demanded.length + parsed.optional.length;
    if (length > totalCommands) {
      throw new YError(`Too many arguments provided. Expected max ${totalCommands} but received ${length}.`);
    }
    parsed.demanded.forEach((demanded) => {
      const arg = args.shift();
      const observedType = guessType(arg);
      const matchingTypes = demanded.cmd.filter((type) => type === observedType || type === "*");
      if (matchingTypes.length === 0)
        argumentTypeError(observedType, demanded.cmd, position3);
      position3 += 1;
    });
    parsed.optional.forEach((optional) => {
      if (args.length === 0)
        return;
      const arg = args.shift();
      const observedType = guessType(arg);
      const matchingTypes = optional.cmd.filter((type) => type === observedType || type === "*");
      if (matchingTypes.length === 0)
        argumentTypeError(observedType, optional.cmd, position3);
      position3 += 1;
    });
  } catch (err) {
    console.warn(err.stack);
  }
}
function guessType(arg) {
  if (Array.isArray(arg)) {
    return "array";
  } else if (arg === null) {
    return "null";
  }
  return typeof arg;
}
function argumentTypeError(observedType, allowedTypes, position3) {
  throw new YError(`Invalid ${positionName[position3] || "manyith"} argument. Expected ${allowedTypes.join(" or ")} but received ${observedType}.`);
}

// ../../work/main/node_modules/yargs/build/lib/middleware.js
var GlobalMiddleware = class {
  constructor(yargs) {
    this.globalMiddleware = [];
    this.frozens = [];
    this.yargs = yargs;
  }
  addMiddleware(callback, applyBeforeValidation, global = true, mutates = false) {
    argsert("<array|function> [boolean] [boolean] [boolean]", [callback, applyBeforeValidation, global], arguments.length);
    if (Array.isArray(callback)) {
      for (let i = 0; i < callback.length; i++) {
        if (typeof callback[i] !== "function") {
          throw Error("middleware must be a function");
        }
        const m = callback[i];
        m.applyBeforeValidation = applyBeforeValidation;
        m.global = global;
      }
      Array.prototype.push.apply(this.globalMiddleware, callback);
    } else if (typeof callback === "function") {
      const m = callback;
      m.applyBeforeValidation = applyBeforeValidation;
      m.global = global;
      m.mutates = mutates;
      this.globalMiddleware.push(callback);
    }
    return this.yargs;
  }
  addCoerceMiddleware(callback, option) {
    const aliases = this.yargs.getAliases();
    this.globalMiddleware = this.globalMiddleware.filter((m) => {
      const toCheck = [...aliases[option] || [], option];
      if (!m.option)
        return true;
      else
        return !toCheck.includes(m.option);
    });
    callback.option = option;
    return this.addMiddleware(callback, true, true, true);
  }
  getMiddleware() {
    return this.globalMiddleware;
  }
  freeze() {
    this.frozens.push([...this.globalMiddleware]);
  }
  unfreeze() {
    const frozen = this.frozens.pop();
    if (frozen !== void 0)
      this.globalMiddleware = frozen;
  }
  reset() {
    this.globalMiddleware = this.globalMiddleware.filter((m) => m.global);
  }
};
function commandMiddlewareFactory(commandMiddleware) {
  if (!commandMiddleware)
    return [];
  return commandMiddleware.map((middleware) => {
    middleware.applyBeforeValidation = false;
    return middleware;
  });
}
function applyMiddleware(argv, yargs, middlewares, beforeValidation) {
  return middlewares.reduce((acc, middleware) => {
    if (middleware.applyBeforeValidation !== beforeValidation) {
      return acc;
    }
    if (middleware.mutates) {
      if (middleware.applied)
        return acc;
      middleware.applied = true;
    }
    if (isPromise(acc)) {
      return acc.then((initialObj) => Promise.all([initialObj, middleware(initialObj, yargs)])).then(([initialObj, middlewareObj]) => Object.assign(initialObj, middlewareObj));
    } else {
      const result = middleware(acc, yargs);
      return isPromise(result) ? result.then((middlewareObj) => Object.assign(acc, middlewareObj)) : Object.assign(acc, result);
    }
  }, argv);
}

// ../../work/main/node_modules/yargs/build/lib/utils/maybe-async-result.js
function maybeAsyncResult(getResult, resultHandler, errorHandler = (err) => {
  throw err;
}) {
  try {
    const result = isFunction(getResult) ? getResult() : getResult;
    return isPromise(result) ? result.then((result2) => resultHandler(result2)) : resultHandler(result);
  } catch (err) {
    return errorHandler(err);
  }
}
function isFunction(arg) {
  return typeof arg === "function";
}

// ../../work/main/node_modules/yargs/build/lib/utils/which-module.js
function whichModule(exported) {
  if (typeof __require === "undefined")
    return null;
  for (let i = 0, files = Object.keys(__require.cache), mod; i < files.length; i++) {
    mod = __require.cache[files[i]];
    if (mod.exports === exported)
      return mod;
  }
  return null;
}

// ../../work/main/node_modules/yargs/build/lib/command.js
var DEFAULT_MARKER = /(^\*)|(^\$0)/;
var CommandInstance = class {
  constructor(usage3, validation2, globalMiddleware, shim3) {
    this.requireCache = /* @__PURE__ */ new Set();
    this.handlers = {};
    this.aliasMap = {};
    this.frozens = [];
    this.shim = shim3;
    this.usage = usage3;
    this.globalMiddleware = globalMiddleware;
    this.validation = validation2;
  }
  addDirectory(dir, req, callerFile, opts) {
    opts = opts || {};
    if (typeof opts.recurse !== "boolean")
      opts.recurse = false;
    if (!Array.isArray(opts.extensions))
      opts.extensions = ["js"];
    const parentVisit = typeof opts.visit === "function" ? opts.visit : (o) => o;
    opts.visit = (obj, joined, filename) => {
      const visited = parentVisit(obj, joined, filename);
      if (visited) {
        if (this.requireCache.has(joined))
          return visited;
        else
          this.requireCache.add(joined);
        this.addHandler(visited);
      }
      return visited;
    };
    this.shim.requireDirectory({ require: req, filename: callerFile }, dir, opts);
  }
  addHandler(cmd, description, builder, handler, commandMiddleware, deprecated) {
    let aliases = [];
    const middlewares = commandMiddlewareFactory(commandMiddleware);
    handler = handler || (() => {
    });
    if (Array.isArray(cmd)) {
      if (isCommandAndAliases(cmd)) {
        [cmd, ...aliases] = cmd;
      } else {
        for (const command2 of cmd) {
          this.addHandler(command2);
        }
      }
    } else if (isCommandHandlerDefinition(cmd)) {
      let command2 = Array.isArray(cmd.command) || typeof cmd.command === "string" ? cmd.command : this.moduleName(cmd);
      if (cmd.aliases)
        command2 = [].concat(command2).concat(cmd.aliases);
      this.addHandler(command2, this.extractDesc(cmd), cmd.builder, cmd.handler, cmd.middlewares, cmd.deprecated);
      return;
    } else if (isCommandBuilderDefinition(builder)) {
      this.addHandler([cmd].concat(aliases), description, builder.builder, builder.handler, builder.middlewares, builder.deprecated);
      return;
    }
    if (typeof cmd === "string") {
      const parsedCommand = parseCommand(cmd);
      aliases = aliases.map((alias) => parseCommand(alias).cmd);
      let isDefault = false;
      const parsedAliases = [parsedCommand.cmd].concat(aliases).filter((c2) => {
        if (DEFAULT_MARKER.test(c2)) {
          isDefault = true;
          return false;
        }
        return true;
      });
      if (parsedAliases.length === 0 && isDefault)
        parsedAliases.push("$0");
      if (isDefault) {
        parsedCommand.cmd = parsedAliases[0];
        aliases = parsedAliases.slice(1);
        cmd = cmd.replace(DEFAULT_MARKER, parsedCommand.cmd);
      }
      aliases.forEach((alias) => {
        this.aliasMap[alias] = parsedCommand.cmd;
      });
      if (description !== false) {
        this.usage.command(cmd, description, isDefault, aliases, deprecated);
      }
      this.handlers[parsedCommand.cmd] = {
        original: cmd,
        description,
        handler,
        builder: builder || {},
        middlewares,
        deprecated,
        demanded: parsedCommand.demanded,
        optional: parsedCommand.optional
      };
      if (isDefault)
        this.defaultCommand = this.handlers[parsedCommand.cmd];
    }
  }
  getCommandHandlers() {
    return this.handlers;
  }
  getCommands() {
    return Object.keys(this.handlers).concat(Object.keys(this.aliasMap));
  }
  hasDefaultCommand() {
    return !!this.defaultCommand;
  }
  runCommand(command2, yargs, parsed, commandIndex, helpOnly, helpOrVersionSet) {
    const commandHandler = this.handlers[command2] || this.handlers[this.aliasMap[command2]] || this.defaultCommand;
    const currentContext = yargs.getInternalMethods().getContext();
    const parentCommands = currentContext.commands.slice();
    const isDefaultCommand = !command2;
    if (command2) {
      currentContext.commands.push(command2);
      currentContext.fullCommands.push(commandHandler.original);
    }
    const builderResult = this.applyBuilderUpdateUsageAndParse(isDefaultCommand, commandHandler, yargs, parsed.aliases, parentCommands, commandIndex, helpOnly, helpOrVersionSet);
    return isPromise(builderResult) ? builderResult.then((result) => this.applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, result.innerArgv, currentContext, helpOnly, result.aliases, yargs)) : this.applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, builderResult.innerArgv, currentContext, helpOnly, builderResult.aliases, yargs);
  }
  applyBuilderUpdateUsageAndParse(isDefaultCommand, commandHandler, yargs, aliases, parentCommands, commandIndex, helpOnly, helpOrVersionSet) {
    const builder = commandHandler.builder;
    let innerYargs = yargs;
    if (isCommandBuilderCallback(builder)) {
      yargs.getInternalMethods().getUsageInstance().freeze();
      const builderOutput = builder(yargs.getInternalMethods().reset(aliases), helpOrVersionSet);
      if (isPromise(builderOutput)) {
        return builderOutput.then((output) => {
          innerYargs = isYargsInstance(output) ? output : yargs;
          return this.parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly);
        });
      }
    } else if (isCommandBuilderOptionDefinitions(builder)) {
      yargs.getInternalMethods().getUsageInstance().freeze();
      innerYargs = yargs.getInternalMethods().reset(aliases);
      Object.keys(commandHandler.builder).forEach((key) => {
        innerYargs.option(key, builder[key]);
      });
    }
    return this.parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly);
  }
  parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly) {
    if (isDefaultCommand)
      innerYargs.getInternalMethods().getUsageInstance().unfreeze(true);
    if (this.shouldUpdateUsage(innerYargs)) {
      innerYargs.getInternalMethods().getUsageInstance().usage(this.usageFromParentCommandsCommandHandler(parentCommands, commandHandler), commandHandler.description);
    }
    const innerArgv = innerYargs.getInternalMethods().runYargsParserAndExecuteCommands(null, void 0, true, commandIndex, helpOnly);
    return isPromise(innerArgv) ? innerArgv.then((argv) => ({
      aliases: innerYargs.parsed.aliases,
      innerArgv: argv
    })) : {
      aliases: innerYargs.parsed.aliases,
      innerArgv
    };
  }
  shouldUpdateUsage(yargs) {
    return !yargs.getInternalMethods().getUsageInstance().getUsageDisabled() && yargs.getInternalMethods().getUsageInstance().getUsage().length === 0;
  }
  usageFromParentCommandsCommandHandler(parentCommands, commandHandler) {
    const c2 = DEFAULT_MARKER.test(commandHandler.original) ? commandHandler.original.replace(DEFAULT_MARKER, "").trim() : commandHandler.original;
    const pc = parentCommands.filter((c3) => {
      return !DEFAULT_MARKER.test(c3);
    });
    pc.push(c2);
    return `$0 ${pc.join(" ")}`;
  }
  handleValidationAndGetResult(isDefaultCommand, commandHandler, innerArgv, currentContext, aliases, yargs, middlewares, positionalMap) {
    if (!yargs.getInternalMethods().getHasOutput()) {
      const validation2 = yargs.getInternalMethods().runValidation(aliases, positionalMap, yargs.parsed.error, isDefaultCommand);
      innerArgv = maybeAsyncResult(innerArgv, (result) => {
        validation2(result);
        return result;
      });
    }
    if (commandHandler.handler && !yargs.getInternalMethods().getHasOutput()) {
      yargs.getInternalMethods().setHasOutput();
      const populateDoubleDash = !!yargs.getOptions().configuration["populate--"];
      yargs.getInternalMethods().postProcess(innerArgv, populateDoubleDash, false, false);
      innerArgv = applyMiddleware(innerArgv, yargs, middlewares, false);
      innerArgv = maybeAsyncResult(innerArgv, (result) => {
        const handlerResult = commandHandler.handler(result);
        return isPromise(handlerResult) ? handlerResult.then(() => result) : result;
      });
      if (!isDefaultCommand) {
        yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();
      }
      if (isPromise(innerArgv) && !yargs.getInternalMethods().hasParseCallback()) {
        innerArgv.catch((error) => {
          try {
            yargs.getInternalMethods().getUsageInstance().fail(null, error);
          } catch (_err) {
          }
        });
      }
    }
    if (!isDefaultCommand) {
      currentContext.commands.pop();
      currentContext.fullCommands.pop();
    }
    return innerArgv;
  }
  applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, innerArgv, currentContext, helpOnly, aliases, yargs) {
    let positionalMap = {};
    if (helpOnly)
      return innerArgv;
    if (!yargs.getInternalMethods().getHasOutput()) {
      positionalMap = this.populatePositionals(commandHandler, innerArgv, currentContext, yargs);
    }
    const middlewares = this.globalMiddleware.getMiddleware().slice(0).concat(commandHandler.middlewares);
    const maybePromiseArgv = applyMiddleware(innerArgv, yargs, middlewares, true);
    return isPromise(maybePromiseArgv) ? maybePromiseArgv.then((resolvedInnerArgv) => this.handleValidationAndGetResult(isDefaultCommand, commandHandler, resolvedInnerArgv, currentContext, aliases, yargs, middlewares, positionalMap)) : this.handleValidationAndGetResult(isDefaultCommand, commandHandler, maybePromiseArgv, currentContext, aliases, yargs, middlewares, positionalMap);
  }
  populatePositionals(commandHandler, argv, context, yargs) {
    argv._ = argv._.slice(context.commands.length);
    const demanded = commandHandler.demanded.slice(0);
    const optional = commandHandler.optional.slice(0);
    const positionalMap = {};
    this.validation.positionalCount(demanded.length, argv._.length);
    while (demanded.length) {
      const demand = demanded.shift();
      this.populatePositional(demand, argv, positionalMap);
    }
    while (optional.length) {
      const maybe = optional.shift();
      this.populatePositional(maybe, argv, positionalMap);
    }
    argv._ = context.commands.concat(argv._.map((a) => "" + a));
    this.postProcessPositionals(argv, positionalMap, this.cmdToParseOptions(commandHandler.original), yargs);
    return positionalMap;
  }
  populatePositional(positional, argv, positionalMap) {
    const cmd = positional.cmd[0];
    if (positional.variadic) {
      positionalMap[cmd] = argv._.splice(0).map(String);
    } else {
      if (argv._.length)
        positionalMap[cmd] = [String(argv._.shift())];
    }
  }
  cmdToParseOptions(cmdString) {
    const parseOptions = {
      array: [],
      default: {},
      alias: {},
      demand: {}
    };
    const parsed = parseCommand(cmdString);
    parsed.demanded.forEach((d) => {
      const [cmd, ...aliases] = d.cmd;
      if (d.variadic) {
        parseOptions.array.push(cmd);
        parseOptions.default[cmd] = [];
      }
      parseOptions.alias[cmd] = aliases;
      parseOptions.demand[cmd] = true;
    });
    parsed.optional.forEach((o) => {
      const [cmd, ...aliases] = o.cmd;
      if (o.variadic) {
        parseOptions.array.push(cmd);
        parseOptions.default[cmd] = [];
      }
      parseOptions.alias[cmd] = aliases;
    });
    return parseOptions;
  }
  postProcessPositionals(argv, positionalMap, parseOptions, yargs) {
    const options = Object.assign({}, yargs.getOptions());
    options.default = Object.assign(parseOptions.default, options.default);
    for (const key of Object.keys(parseOptions.alias)) {
      options.alias[key] = (options.alias[key] || []).concat(parseOptions.alias[key]);
    }
    options.array = options.array.concat(parseOptions.array);
    options.config = {};
    const unparsed = [];
    Object.keys(positionalMap).forEach((key) => {
      positionalMap[key].map((value) => {
        if (options.configuration["unknown-options-as-args"])
          options.key[key] = true;
        unparsed.push(`--${key}`);
        unparsed.push(value);
      });
    });
    if (!unparsed.length)
      return;
    const config = Object.assign({}, options.configuration, {
      "populate--": false
    });
    const parsed = this.shim.Parser.detailed(unparsed, Object.assign({}, options, {
      configuration: config
    }));
    if (parsed.error) {
      yargs.getInternalMethods().getUsageInstance().fail(parsed.error.message, parsed.error);
    } else {
      const positionalKeys = Object.keys(positionalMap);
      Object.keys(positionalMap).forEach((key) => {
        positionalKeys.push(...parsed.aliases[key]);
      });
      Object.keys(parsed.argv).forEach((key) => {
        if (positionalKeys.includes(key)) {
          if (!positionalMap[key])
            positionalMap[key] = parsed.argv[key];
          if (!this.isInConfigs(yargs, key) && !this.isDefaulted(yargs, key) && Object.prototype.hasOwnProperty.call(argv, key) && Object.prototype.hasOwnProperty.call(parsed.argv, key) && (Array.isArray(argv[key]) || Array.isArray(parsed.argv[key]))) {
            argv[key] = [].concat(argv[key], parsed.argv[key]);
          } else {
            argv[key] = parsed.argv[key];
          }
        }
      });
    }
  }
  isDefaulted(yargs, key) {
    const { default: defaults } = yargs.getOptions();
    return Object.prototype.hasOwnProperty.call(defaults, key) || Object.prototype.hasOwnProperty.call(defaults, this.shim.Parser.camelCase(key));
  }
  isInConfigs(yargs, key) {
    const { configObjects } = yargs.getOptions();
    return configObjects.some((c2) => Object.prototype.hasOwnProperty.call(c2, key)) || configObjects.some((c2) => Object.prototype.hasOwnProperty.call(c2, this.shim.Parser.camelCase(key)));
  }
  runDefaultBuilderOn(yargs) {
    if (!this.defaultCommand)
      return;
    if (this.shouldUpdateUsage(yargs)) {
      const commandString = DEFAULT_MARKER.test(this.defaultCommand.original) ? this.defaultCommand.original : this.defaultCommand.original.replace(/^[^[\]<>]*/, "$0 ");
      yargs.getInternalMethods().getUsageInstance().usage(commandString, this.defaultCommand.description);
    }
    const builder = this.defaultCommand.builder;
    if (isCommandBuilderCallback(builder)) {
      return builder(yargs, true);
    } else if (!isCommandBuilderDefinition(builder)) {
      Object.keys(builder).forEach((key) => {
        yargs.option(key, builder[key]);
      });
    }
    return void 0;
  }
  moduleName(obj) {
    const mod = whichModule(obj);
    if (!mod)
      throw new Error(`No command name given for module: ${this.shim.inspect(obj)}`);
    return this.commandFromFilename(mod.filename);
  }
  commandFromFilename(filename) {
    return this.shim.path.basename(filename, this.shim.path.extname(filename));
  }
  extractDesc({ describe, description, desc }) {
    for (const test of [describe, description, desc]) {
      if (typeof test === "string" || test === false)
        return test;
      assertNotStrictEqual(test, true, this.shim);
    }
    return false;
  }
  freeze() {
    this.frozens.push({
      handlers: this.handlers,
      aliasMap: this.aliasMap,
      defaultCommand: this.defaultCommand
    });
  }
  unfreeze() {
    const frozen = this.frozens.pop();
    assertNotStrictEqual(frozen, void 0, this.shim);
    ({
      handlers: this.handlers,
      aliasMap: this.aliasMap,
      defaultCommand: this.defaultCommand
    } = frozen);
  }
  reset() {
    this.handlers = {};
    this.aliasMap = {};
    this.defaultCommand = void 0;
    this.requireCache = /* @__PURE__ */ new Set();
    return this;
  }
};
function command(usage3, validation2, globalMiddleware, shim3) {
  return new CommandInstance(usage3, validation2, globalMiddleware, shim3);
}
function isCommandBuilderDefinition(builder) {
  return typeof builder === "object" && !!builder.builder && typeof builder.handler === "function";
}
function isCommandAndAliases(cmd) {
  return cmd.every((c2) => typeof c2 === "string");
}
function isCommandBuilderCallback(builder) {
  return typeof builder === "function";
}
function isCommandBuilderOptionDefinitions(builder) {
  return typeof builder === "object";
}
function isCommandHandlerDefinition(cmd) {
  return typeof cmd === "object" && !Array.isArray(cmd);
}

// ../../work/main/node_modules/yargs/build/lib/utils/obj-filter.js
function objFilter(original = {}, filter = () => true) {
  const obj = {};
  objectKeys(original).forEach((key) => {
    if (filter(key, original[key])) {
      obj[key] = original[key];
    }
  });
  return obj;
}

// ../../work/main/node_modules/yargs/build/lib/utils/set-blocking.js
function setBlocking(blocking) {
  if (typeof process === "undefined")
    return;
  [process.stdout, process.stderr].forEach((_stream) => {
    const stream = _stream;
    if (stream._handle && stream.isTTY && typeof stream._handle.setBlocking === "function") {
      stream._handle.setBlocking(blocking);
    }
  });
}

// ../../work/main/node_modules/yargs/build/lib/usage.js
function isBoolean(fail2) {
  return typeof fail2 === "boolean";
}
function usage(yargs, shim3) {
  const __ = shim3.y18n.__;
  const self = {};
  const fails = [];
  self.failFn = function failFn(f) {
    fails.push(f);
  };
  let failMessage = null;
  let globalFailMessage = null;
  let showHelpOnFail = true;
  self.showHelpOnFail = function showHelpOnFailFn(arg1 = true, arg2) {
    const [enabled, message] = typeof arg1 === "string" ? [true, arg1] : [arg1, arg2];
    if (yargs.getInternalMethods().isGlobalContext()) {
      globalFailMessage = message;
    }
    failMessage = message;
    showHelpOnFail = enabled;
    return self;
  };
  let failureOutput = false;
  self.fail = function fail2(msg, err) {
    const logger = yargs.getInternalMethods().getLoggerInstance();
    if (fails.length) {
      for (let i = fails.length - 1; i >= 0; --i) {
        const fail3 = fails[i];
        if (isBoolean(fail3)) {
          if (err)
            throw err;
          else if (msg)
            throw Error(msg);
        } else {
          fail3(msg, err, self);
        }
      }
    } else {
      if (yargs.getExitProcess())
        setBlocking(true);
      if (!failureOutput) {
        failureOutput = true;
        if (showHelpOnFail) {
          yargs.showHelp("error");
          logger.error();
        }
        if (msg || err)
          logger.error(msg || err);
        const globalOrCommandFailMessage = failMessage || globalFailMessage;
        if (globalOrCommandFailMessage) {
          if (msg || err)
            logger.error("");
          logger.error(globalOrCommandFailMessage);
        }
      }
      err = err || new YError(msg);
      if (yargs.getExitProcess()) {
        return yargs.exit(1);
      } else if (yargs.getInternalMethods().hasParseCallback()) {
        return yargs.exit(1, err);
      } else {
        throw err;
      }
    }
  };
  let usages = [];
  let usageDisabled = false;
  self.usage = (msg, description) => {
    if (msg === null) {
      usageDisabled = true;
      usages = [];
      return self;
    }
    usageDisabled = false;
    usages.push([msg, description || ""]);
    return self;
  };
  self.getUsage = () => {
    return usages;
  };
  self.getUsageDisabled = () => {
    return usageDisabled;
  };
  self.getPositionalGroupName = () => {
    return __("Positionals:");
  };
  let examples = [];
  self.example = (cmd, description) => {
    examples.push([cmd, description || ""]);
  };
  let commands = [];
  self.command = function command2(cmd, description, isDefault, aliases, deprecated = false) {
    if (isDefault) {
      commands = commands.map((cmdArray) => {
        cmdArray[2] = false;
        return cmdArray;
      });
    }
    commands.push([cmd, description || "", isDefault, aliases, deprecated]);
  };
  self.getCommands = () => commands;
  let descriptions = {};
  self.describe = function describe(keyOrKeys, desc) {
    if (Array.isArray(keyOrKeys)) {
      keyOrKeys.forEach((k) => {
        self.describe(k, desc);
      });
    } else if (typeof keyOrKeys === "object") {
      Object.keys(keyOrKeys).forEach((k) => {
        self.describe(k, keyOrKeys[k]);
      });
    } else {
      descriptions[keyOrKeys] = desc;
    }
  };
  self.getDescriptions = () => descriptions;
  let epilogs = [];
  self.epilog = (msg) => {
    epilogs.push(msg);
  };
  let wrapSet = false;
  let wrap2;
  self.wrap = (cols) => {
    wrapSet = true;
    wrap2 = cols;
  };
  self.getWrap = () => {
    if (shim3.getEnv("YARGS_DISABLE_WRAP")) {
      return null;
    }
    if (!wrapSet) {
      wrap2 = windowWidth();
      wrapSet = true;
    }
    return wrap2;
  };
  const deferY18nLookupPrefix = "__yargsString__:";
  self.deferY18nLookup = (str) => deferY18nLookupPrefix + str;
  self.help = function help() {
    if (cachedHelpMessage)
      return cachedHelpMessage;
    normalizeAliases();
    const base$0 = yargs.customScriptName ? yargs.$0 : shim3.path.basename(yargs.$0);
    const demandedOptions = yargs.getDemandedOptions();
    const demandedCommands = yargs.getDemandedCommands();
    const deprecatedOptions = yargs.getDeprecatedOptions();
    const groups = yargs.getGroups();
    const options = yargs.getOptions();
    let keys = [];
    keys = keys.concat(Object.keys(descriptions));
    keys = keys.concat(Object.keys(demandedOptions));
    keys = keys.concat(Object.keys(demandedCommands));
    keys = keys.concat(Object.keys(options.default));
    keys = keys.filter(filterHiddenOptions);
    keys = Object.keys(keys.reduce((acc, key) => {
      if (key !== "_")
        acc[key] = true;
      return acc;
    }, {}));
    const theWrap = self.getWrap();
    const ui2 = shim3.cliui({
      width: theWrap,
      wrap: !!theWrap
    });
    if (!usageDisabled) {
      if (usages.length) {
        usages.forEach((usage3) => {
          ui2.div({ text: `${usage3[0].replace(/\$0/g, base$0)}` });
          if (usage3[1]) {
            ui2.div({ text: `${usage3[1]}`, padding: [1, 0, 0, 0] });
          }
        });
        ui2.div();
      } else if (commands.length) {
        let u = null;
        if (demandedCommands._) {
          u = `${base$0} <${__("command")}>
`;
        } else {
          u = `${base$0} [${__("command")}]
`;
        }
        ui2.div(`${u}`);
      }
    }
    if (commands.length > 1 || commands.length === 1 && !commands[0][2]) {
      ui2.div(__("Commands:"));
      const context = yargs.getInternalMethods().getContext();
      const parentCommands = context.commands.length ? `${context.commands.join(" ")} ` : "";
      if (yargs.getInternalMethods().getParserConfiguration()["sort-commands"] === true) {
        commands = commands.sort((a, b) => a[0].localeCompare(b[0]));
      }
      const prefix = base$0 ? `${base$0} ` : "";
      commands.forEach((command2) => {
        const commandString = `${prefix}${parentCommands}${command2[0].replace(/^\$0 ?/, "")}`;
        ui2.span({
          text: commandString,
          padding: [0, 2, 0, 2],
          width: maxWidth(commands, theWrap, `${base$0}${parentCommands}`) + 4
        }, { text: command2[1] });
        const hints = [];
        if (command2[2])
          hints.push(`[${__("default")}]`);
        if (command2[3] && command2[3].length) {
          hints.push(`[${__("aliases:")} ${command2[3].join(", ")}]`);
        }
        if (command2[4]) {
          if (typeof command2[4] === "string") {
            hints.push(`[${__("deprecated: %s", command2[4])}]`);
          } else {
            hints.push(`[${__("deprecated")}]`);
          }
        }
        if (hints.length) {
          ui2.div({
            text: hints.join(" "),
            padding: [0, 0, 0, 2],
            align: "right"
          });
        } else {
          ui2.div();
        }
      });
      ui2.div();
    }
    const aliasKeys = (Object.keys(options.alias) || []).concat(Object.keys(yargs.parsed.newAliases) || []);
    keys = keys.filter((key) => !yargs.parsed.newAliases[key] && aliasKeys.every((alias) => (options.alias[alias] || []).indexOf(key) === -1));
    const defaultGroup = __("Options:");
    if (!groups[defaultGroup])
      groups[defaultGroup] = [];
    addUngroupedKeys(keys, options.alias, groups, defaultGroup);
    const isLongSwitch = (sw) => /^--/.test(getText(sw));
    const displayedGroups = Object.keys(groups).filter((groupName) => groups[groupName].length > 0).map((groupName) => {
      const normalizedKeys = groups[groupName].filter(filterHiddenOptions).map((key) => {
        if (aliasKeys.includes(key))
          return key;
        for (let i = 0, aliasKey; (aliasKey = aliasKeys[i]) !== void 0; i++) {
          if ((options.alias[aliasKey] || []).includes(key))
            return aliasKey;
        }
        return key;
      });
      return { groupName, normalizedKeys };
    }).filter(({ normalizedKeys }) => normalizedKeys.length > 0).map(({ groupName, normalizedKeys }) => {
      const switches = normalizedKeys.reduce((acc, key) => {
        acc[key] = [key].concat(options.alias[key] || []).map((sw) => {
          if (groupName === self.getPositionalGroupName())
            return sw;
          else {
            return (/^[0-9]$/.test(sw) ? options.boolean.includes(key) ? "-" : "--" : sw.length > 1 ? "--" : "-") + sw;
          }
        }).sort((sw1, sw2) => isLongSwitch(sw1) === isLongSwitch(sw2) ? 0 : isLongSwitch(sw1) ? 1 : -1).join(", ");
        return acc;
      }, {});
      return { groupName, normalizedKeys, switches };
    });
    const shortSwitchesUsed = displayedGroups.filter(({ groupName }) => groupName !== self.getPositionalGroupName()).some(({ normalizedKeys, switches }) => !normalizedKeys.every((key) => isLongSwitch(switches[key])));
    if (shortSwitchesUsed) {
      displayedGroups.filter(({ groupName }) => groupName !== self.getPositionalGroupName()).forEach(({ normalizedKeys, switches }) => {
        normalizedKeys.forEach((key) => {
          if (isLongSwitch(switches[key])) {
            switches[key] = addIndentation(switches[key], "-x, ".length);
          }
        });
      });
    }
    displayedGroups.forEach(({ groupName, normalizedKeys, switches }) => {
      ui2.div(groupName);
      normalizedKeys.forEach((key) => {
        const kswitch = switches[key];
        let desc = descriptions[key] || "";
        let type = null;
        if (desc.includes(deferY18nLookupPrefix))
          desc = __(desc.substring(deferY18nLookupPrefix.length));
        if (options.boolean.includes(key))
          type = `[${__("boolean")}]`;
        if (options.count.includes(key))
          type = `[${__("count")}]`;
        if (options.string.includes(key))
          type = `[${__("string")}]`;
        if (options.normalize.includes(key))
          type = `[${__("string")}]`;
        if (options.array.includes(key))
          type = `[${__("array")}]`;
        if (options.number.includes(key))
          type = `[${__("number")}]`;
        const deprecatedExtra = (deprecated) => typeof deprecated === "string" ? `[${__("deprecated: %s", deprecated)}]` : `[${__("deprecated")}]`;
        const extra = [
          key in deprecatedOptions ? deprecatedExtra(deprecatedOptions[key]) : null,
          type,
          key in demandedOptions ? `[${__("required")}]` : null,
          options.choices && options.choices[key] ? `[${__("choices:")} ${self.stringifiedValues(options.choices[key])}]` : null,
          defaultString(options.default[key], options.defaultDescription[key])
        ].filter(Boolean).join(" ");
        ui2.span({
          text: getText(kswitch),
          padding: [0, 2, 0, 2 + getIndentation(kswitch)],
          width: maxWidth(switches, theWrap) + 4
        }, desc);
        const shouldHideOptionExtras = yargs.getInternalMethods().getUsageConfiguration()["hide-types"] === true;
        if (extra && !shouldHideOptionExtras)
          ui2.div({ text: extra, padding: [0, 0, 0, 2], align: "right" });
        else
          ui2.div();
      });
      ui2.div();
    });
    if (examples.length) {
      ui2.div(__("Examples:"));
      examples.forEach((example) => {
        example[0] = example[0].replace(/\$0/g, base$0);
      });
      examples.forEach((example) => {
        if (example[1] === "") {
          ui2.div({
            text: example[0],
            padding: [0, 2, 0, 2]
          });
        } else {
          ui2.div({
            text: example[0],
            padding: [0, 2, 0, 2],
            width: maxWidth(examples, theWrap) + 4
          }, {
            text: example[1]
          });
        }
      });
      ui2.div();
    }
    if (epilogs.length > 0) {
      const e = epilogs.map((epilog) => epilog.replace(/\$0/g, base$0)).join("\n");
      ui2.div(`${e}
`);
    }
    return ui2.toString().replace(/\s*$/, "");
  };
  function maxWidth(table, theWrap, modifier) {
    let width = 0;
    if (!Array.isArray(table)) {
      table = Object.values(table).map((v) => [v]);
    }
    table.forEach((v) => {
      width = Math.max(shim3.stringWidth(modifier ? `${modifier} ${getText(v[0])}` : getText(v[0])) + getIndentation(v[0]), width);
    });
    if (theWrap)
      width = Math.min(width, parseInt((theWrap * 0.5).toString(), 10));
    return width;
  }
  function normalizeAliases() {
    const demandedOptions = yargs.getDemandedOptions();
    const options = yargs.getOptions();
    (Object.keys(options.alias) || []).forEach((key) => {
      options.alias[key].forEach((alias) => {
        if (descriptions[alias])
          self.describe(key, descriptions[alias]);
        if (alias in demandedOptions)
          yargs.demandOption(key, demandedOptions[alias]);
        if (options.boolean.includes(alias))
          yargs.boolean(key);
        if (options.count.includes(alias))
          yargs.count(key);
        if (options.string.includes(alias))
          yargs.string(key);
        if (options.normalize.includes(alias))
          yargs.normalize(key);
        if (options.array.includes(alias))
          yargs.array(key);
        if (options.number.includes(alias))
          yargs.number(key);
      });
    });
  }
  let cachedHelpMessage;
  self.cacheHelpMessage = function() {
    cachedHelpMessage = this.help();
  };
  self.clearCachedHelpMessage = function() {
    cachedHelpMessage = void 0;
  };
  self.hasCachedHelpMessage = function() {
    return !!cachedHelpMessage;
  };
  function addUngroupedKeys(keys, aliases, groups, defaultGroup) {
    let groupedKeys = [];
    let toCheck = null;
    Object.keys(groups).forEach((group) => {
      groupedKeys = groupedKeys.concat(groups[group]);
    });
    keys.forEach((key) => {
      toCheck = [key].concat(aliases[key]);
      if (!toCheck.some((k) => groupedKeys.indexOf(k) !== -1)) {
        groups[defaultGroup].push(key);
      }
    });
    return groupedKeys;
  }
  function filterHiddenOptions(key) {
    return yargs.getOptions().hiddenOptions.indexOf(key) < 0 || yargs.parsed.argv[yargs.getOptions().showHiddenOpt];
  }
  self.showHelp = (level) => {
    const logger = yargs.getInternalMethods().getLoggerInstance();
    if (!level)
      level = "error";
    const emit = typeof level === "function" ? level : logger[level];
    emit(self.help());
  };
  self.functionDescription = (fn) => {
    const description = fn.name ? shim3.Parser.decamelize(fn.name, "-") : __("generated-value");
    return ["(", description, ")"].join("");
  };
  self.stringifiedValues = function stringifiedValues(values, separator) {
    let string = "";
    const sep3 = separator || ", ";
    const array = [].concat(values);
    if (!values || !array.length)
      return string;
    array.forEach((value) => {
      if (string.length)
        string += sep3;
      string += JSON.stringify(value);
    });
    return string;
  };
  function defaultString(value, defaultDescription) {
    let string = `[${__("default:")} `;
    if (value === void 0 && !defaultDescription)
      return null;
    if (defaultDescription) {
      string += defaultDescription;
    } else {
      switch (typeof value) {
        case "string":
          string += `"${value}"`;
          break;
        case "object":
          string += JSON.stringify(value);
          break;
        default:
          string += value;
      }
    }
    return `${string}]`;
  }
  function windowWidth() {
    const maxWidth2 = 80;
    if (shim3.process.stdColumns) {
      return Math.min(maxWidth2, shim3.process.stdColumns);
    } else {
      return maxWidth2;
    }
  }
  let version = null;
  self.version = (ver) => {
    version = ver;
  };
  self.showVersion = (level) => {
    const logger = yargs.getInternalMethods().getLoggerInstance();
    if (!level)
      level = "error";
    const emit = typeof level === "function" ? level : logger[level];
    emit(version);
  };
  self.reset = function reset(localLookup) {
    failMessage = null;
    failureOutput = false;
    usages = [];
    usageDisabled = false;
    epilogs = [];
    examples = [];
    commands = [];
    descriptions = objFilter(descriptions, (k) => !localLookup[k]);
    return self;
  };
  const frozens = [];
  self.freeze = function freeze() {
    frozens.push({
      failMessage,
      failureOutput,
      usages,
      usageDisabled,
      epilogs,
      examples,
      commands,
      descriptions
    });
  };
  self.unfreeze = function unfreeze(defaultCommand = false) {
    const frozen = frozens.pop();
    if (!frozen)
      return;
    if (defaultCommand) {
      descriptions = { ...frozen.descriptions, ...descriptions };
      commands = [...frozen.commands, ...commands];
      usages = [...frozen.usages, ...usages];
      examples = [...frozen.examples, ...examples];
      epilogs = [...frozen.epilogs, ...epilogs];
    } else {
      ({
        failMessage,
        failureOutput,
        usages,
        usageDisabled,
        epilogs,
        examples,
        commands,
        descriptions
      } = frozen);
    }
  };
  return self;
}
function isIndentedText(text) {
  return typeof text === "object";
}
function addIndentation(text, indent) {
  return isIndentedText(text) ? { text: text.text, indentation: text.indentation + indent } : { text, indentation: indent };
}
function getIndentation(text) {
  return isIndentedText(text) ? text.indentation : 0;
}
function getText(text) {
  return isIndentedText(text) ? text.text : text;
}

// ../../work/main/node_modules/yargs/build/lib/completion-templates.js
var completionShTemplate = `###-begin-{{app_name}}-completions-###
#
# yargs command completion script
#
# Installation: {{app_path}} {{completion_command}} >> ~/.bashrc
#    or {{app_path}} {{completion_command}} >> ~/.bash_profile on OSX.
#
_{{app_name}}_yargs_completions()
{
    local cur_word args type_list

    cur_word="\${COMP_WORDS[COMP_CWORD]}"
    args=("\${COMP_WORDS[@]}")

    # ask yargs to generate completions.
    type_list=$({{app_path}} --get-yargs-completions "\${args[@]}")

    COMPREPLY=( $(compgen -W "\${type_list}" -- \${cur_word}) )

    # if no match was found, fall back to filename completion
    if [ \${#COMPREPLY[@]} -eq 0 ]; then
      COMPREPLY=()
    fi

    return 0
}
complete -o bashdefault -o default -F _{{app_name}}_yargs_completions {{app_name}}
###-end-{{app_name}}-completions-###
`;
var completionZshTemplate = `#compdef {{app_name}}
###-begin-{{app_name}}-completions-###
#
# yargs command completion script
#
# Installation: {{app_path}} {{completion_command}} >> ~/.zshrc
#    or {{app_path}} {{completion_command}} >> ~/.zprofile on OSX.
#
_{{app_name}}_yargs_completions()
{
  local reply
  local si=$IFS
  IFS=$'
' reply=($(COMP_CWORD="$((CURRENT-1))" COMP_LINE="$BUFFER" COMP_POINT="$CURSOR" {{app_path}} --get-yargs-completions "\${words[@]}"))
  IFS=$si
  _describe 'values' reply
}
compdef _{{app_name}}_yargs_completions {{app_name}}
###-end-{{app_name}}-completions-###
`;

// ../../work/main/node_modules/yargs/build/lib/completion.js
var Completion = class {
  constructor(yargs, usage3, command2, shim3) {
    var _a2, _b2, _c2;
    this.yargs = yargs;
    this.usage = usage3;
    this.command = command2;
    this.shim = shim3;
    this.completionKey = "get-yargs-completions";
    this.aliases = null;
    this.customCompletionFunction = null;
    this.indexAfterLastReset = 0;
    this.zshShell = (_c2 = ((_a2 = this.shim.getEnv("SHELL")) === null || _a2 === void 0 ? void 0 : _a2.includes("zsh")) || ((_b2 = this.shim.getEnv("ZSH_NAME")) === null || _b2 === void 0 ? void 0 : _b2.includes("zsh"))) !== null && _c2 !== void 0 ? _c2 : false;
  }
  defaultCompletion(args, argv, current, done) {
    const handlers = this.command.getCommandHandlers();
    for (let i = 0, ii = args.length; i < ii; ++i) {
      if (handlers[args[i]] && handlers[args[i]].builder) {
        const builder = handlers[args[i]].builder;
        if (isCommandBuilderCallback(builder)) {
          this.indexAfterLastReset = i + 1;
          const y = this.yargs.getInternalMethods().reset();
          builder(y, true);
          return y.argv;
        }
      }
    }
    const completions = [];
    this.commandCompletions(completions, args, current);
    this.optionCompletions(completions, args, argv, current);
    this.choicesFromOptionsCompletions(completions, args, argv, current);
    this.choicesFromPositionalsCompletions(completions, args, argv, current);
    done(null, completions);
  }
  commandCompletions(completions, args, current) {
    const parentCommands = this.yargs.getInternalMethods().getContext().commands;
    if (!current.match(/^-/) && parentCommands[parentCommands.length - 1] !== current && !this.previousArgHasChoices(args)) {
      this.usage.getCommands().forEach((usageCommand) => {
        const commandName = parseCommand(usageCommand[0]).cmd;
        if (args.indexOf(commandName) === -1) {
          if (!this.zshShell) {
            completions.push(commandName);
          } else {
            const desc = usageCommand[1] || "";
            completions.push(commandName.replace(/:/g, "\\:") + ":" + desc);
          }
        }
      });
    }
  }
  optionCompletions(completions, args, argv, current) {
    if ((current.match(/^-/) || current === "" && completions.length === 0) && !this.previousArgHasChoices(args)) {
      const options = this.yargs.getOptions();
      const positionalKeys = this.yargs.getGroups()[this.usage.getPositionalGroupName()] || [];
      Object.keys(options.key).forEach((key) => {
        const negable = !!options.configuration["boolean-negation"] && options.boolean.includes(key);
        const isPositionalKey = positionalKeys.includes(key);
        if (!isPositionalKey && !options.hiddenOptions.includes(key) && !this.argsContainKey(args, key, negable)) {
          this.completeOptionKey(key, completions, current, negable && !!options.default[key]);
        }
      });
    }
  }
  choicesFromOptionsCompletions(completions, args, argv, current) {
    if (this.previousArgHasChoices(args)) {
      const choices = this.getPreviousArgChoices(args);
      if (choices && choices.length > 0) {
        completions.push(...choices.map((c2) => c2.replace(/:/g, "\\:")));
      }
    }
  }
  choicesFromPositionalsCompletions(completions, args, argv, current) {
    if (current === "" && completions.length > 0 && this.previousArgHasChoices(args)) {
      return;
    }
    const positionalKeys = this.yargs.getGroups()[this.usage.getPositionalGroupName()] || [];
    const offset = Math.max(this.indexAfterLastReset, this.yargs.getInternalMethods().getContext().commands.length + 1);
    const positionalKey = positionalKeys[argv._.length - offset - 1];
    if (!positionalKey) {
      return;
    }
    const choices = this.yargs.getOptions().choices[positionalKey] || [];
    for (const choice of choices) {
      if (choice.startsWith(current)) {
        completions.push(choice.replace(/:/g, "\\:"));
      }
    }
  }
  getPreviousArgChoices(args) {
    if (args.length < 1)
      return;
    let previousArg = args[args.length - 1];
    let filter = "";
    if (!previousArg.startsWith("-") && args.length > 1) {
      filter = previousArg;
      previousArg = args[args.length - 2];
    }
    if (!previousArg.startsWith("-"))
      return;
    const previousArgKey = previousArg.replace(/^-+/, "");
    const options = this.yargs.getOptions();
    const possibleAliases = [
      previousArgKey,
      ...this.yargs.getAliases()[previousArgKey] || []
    ];
    let choices;
    for (const possibleAlias of possibleAliases) {
      if (Object.prototype.hasOwnProperty.call(options.key, possibleAlias) && Array.isArray(options.choices[possibleAlias])) {
        choices = options.choices[possibleAlias];
        break;
      }
    }
    if (choices) {
      return choices.filter((choice) => !filter || choice.startsWith(filter));
    }
  }
  previousArgHasChoices(args) {
    const choices = this.getPreviousArgChoices(args);
    return choices !== void 0 && choices.length > 0;
  }
  argsContainKey(args, key, negable) {
    const argsContains = (s) => args.indexOf((/^[^0-9]$/.test(s) ? "-" : "--") + s) !== -1;
    if (argsContains(key))
      return true;
    if (negable && argsContains(`no-${key}`))
      return true;
    if (this.aliases) {
      for (const alias of this.aliases[key]) {
        if (argsContains(alias))
          return true;
      }
    }
    return false;
  }
  completeOptionKey(key, completions, current, negable) {
    var _a2, _b2, _c2, _d;
    let keyWithDesc = key;
    if (this.zshShell) {
      const descs = this.usage.getDescriptions();
      const aliasKey = (_b2 = (_a2 = this === null || this === void 0 ? void 0 : this.aliases) === null || _a2 === void 0 ? void 0 : _a2[key]) === null || _b2 === void 0 ? void 0 : _b2.find((alias) => {
        const desc2 = descs[alias];
        return typeof desc2 === "string" && desc2.length > 0;
      });
      const descFromAlias = aliasKey ? descs[aliasKey] : void 0;
      const desc = (_d = (_c2 = descs[key]) !== null && _c2 !== void 0 ? _c2 : descFromAlias) !== null && _d !== void 0 ? _d : "";
      keyWithDesc = `${key.replace(/:/g, "\\:")}:${desc.replace("__yargsString__:", "").replace(/(\r\n|\n|\r)/gm, " ")}`;
    }
    const startsByTwoDashes = (s) => /^--/.test(s);
    const isShortOption = (s) => /^[^0-9]$/.test(s);
    const dashes = !startsByTwoDashes(current) && isShortOption(key) ? "-" : "--";
    completions.push(dashes + keyWithDesc);
    if (negable) {
      completions.push(dashes + "no-" + keyWithDesc);
    }
  }
  customCompletion(args, argv, current, done) {
    assertNotStrictEqual(this.customCompletionFunction, null, this.shim);
    if (isSyncCompletionFunction(this.customCompletionFunction)) {
      const result = this.customCompletionFunction(current, argv);
      if (isPromise(result)) {
        return result.then((list) => {
          this.shim.process.nextTick(() => {
            done(null, list);
          });
        }).catch((err) => {
          this.shim.process.nextTick(() => {
            done(err, void 0);
          });
        });
      }
      return done(null, result);
    } else if (isFallbackCompletionFunction(this.customCompletionFunction)) {
      return this.customCompletionFunction(current, argv, (onCompleted = done) => this.defaultCompletion(args, argv, current, onCompleted), (completions) => {
        done(null, completions);
      });
    } else {
      return this.customCompletionFunction(current, argv, (completions) => {
        done(null, completions);
      });
    }
  }
  getCompletion(args, done) {
    const current = args.length ? args[args.length - 1] : "";
    const argv = this.yargs.parse(args, true);
    const completionFunction = this.customCompletionFunction ? (argv2) => this.customCompletion(args, argv2, current, done) : (argv2) => this.defaultCompletion(args, argv2, current, done);
    return isPromise(argv) ? argv.then(completionFunction) : completionFunction(argv);
  }
  generateCompletionScript($0, cmd) {
    let script = this.zshShell ? completionZshTemplate : completionShTemplate;
    const name = this.shim.path.basename($0);
    if ($0.match(/\.js$/))
      $0 = `./${$0}`;
    script = script.replace(/{{app_name}}/g, name);
    script = script.replace(/{{completion_command}}/g, cmd);
    return script.replace(/{{app_path}}/g, $0);
  }
  registerFunction(fn) {
    this.customCompletionFunction = fn;
  }
  setParsed(parsed) {
    this.aliases = parsed.aliases;
  }
};
function completion(yargs, usage3, command2, shim3) {
  return new Completion(yargs, usage3, command2, shim3);
}
function isSyncCompletionFunction(completionFunction) {
  return completionFunction.length < 3;
}
function isFallbackCompletionFunction(completionFunction) {
  return completionFunction.length > 3;
}

// ../../work/main/node_modules/yargs/build/lib/utils/levenshtein.js
function levenshtein(a, b) {
  if (a.length === 0)
    return b.length;
  if (b.length === 0)
    return a.length;
  const matrix = [];
  let i;
  for (i = 0; i <= b.length; i++) {
    matrix[i] = [i];
  }
  let j;
  for (j = 0; j <= a.length; j++) {
    matrix[0][j] = j;
  }
  for (i = 1; i <= b.length; i++) {
    for (j = 1; j <= a.length; j++) {
      if (b.charAt(i - 1) === a.charAt(j - 1)) {
        matrix[i][j] = matrix[i - 1][j - 1];
      } else {
        if (i > 1 && j > 1 && b.charAt(i - 2) === a.charAt(j - 1) && b.charAt(i - 1) === a.charAt(j - 2)) {
          matrix[i][j] = matrix[i - 2][j - 2] + 1;
        } else {
          matrix[i][j] = Math.min(matrix[i - 1][j - 1] + 1, Math.min(matrix[i][j - 1] + 1, matrix[i - 1][j] + 1));
        }
      }
    }
  }
  return matrix[b.length][a.length];
}

// ../../work/main/node_modules/yargs/build/lib/validation.js
var specialKeys = ["$0", "--", "_"];
function validation(yargs, usage3, shim3) {
  const __ = shim3.y18n.__;
  const __n = shim3.y18n.__n;
  const self = {};
  self.nonOptionCount = function nonOptionCount(argv) {
    const demandedCommands = yargs.getDemandedCommands();
    const positionalCount = argv._.length + (argv["--"] ? argv["--"].length : 0);
    const _s = positionalCount - yargs.getInternalMethods().getContext().commands.length;
    if (demandedCommands._ && (_s < demandedCommands._.min || _s > demandedCommands._.max)) {
      if (_s < demandedCommands._.min) {
        if (demandedCommands._.minMsg !== void 0) {
          usage3.fail(demandedCommands._.minMsg ? demandedCommands._.minMsg.replace(/\$0/g, _s.toString()).replace(/\$1/, demandedCommands._.min.toString()) : null);
        } else {
          usage3.fail(__n("Not enough non-option arguments: got %s, need at least %s", "Not enough non-option arguments: got %s, need at least %s", _s, _s.toString(), demandedCommands._.min.toString()));
        }
      } else if (_s > demandedCommands._.max) {
        if (demandedCommands._.maxMsg !== void 0) {
          usage3.fail(demandedCommands._.maxMsg ? demandedCommands._.maxMsg.replace(/\$0/g, _s.toString()).replace(/\$1/, demandedCommands._.max.toString()) : null);
        } else {
          usage3.fail(__n("Too many non-option arguments: got %s, maximum of %s", "Too many non-option arguments: got %s, maximum of %s", _s, _s.toString(), demandedCommands._.max.toString()));
        }
      }
    }
  };
  self.positionalCount = function positionalCount(required, observed) {
    if (observed < required) {
      usage3.fail(__n("Not enough non-option arguments: got %s, need at least %s", "Not enough non-option arguments: got %s, need at least %s", observed, observed + "", required + ""));
    }
  };
  self.requiredArguments = function requiredArguments(argv, demandedOptions) {
    let missing = null;
    for (const key of Object.keys(demandedOptions)) {
      if (!Object.prototype.hasOwnProperty.call(argv, key) || typeof argv[key] === "undefined") {
        missing = missing || {};
        missing[key] = demandedOptions[key];
      }
    }
    if (missing) {
      const customMsgs = [];
      for (const key of Object.keys(missing)) {
        const msg = missing[key];
        if (msg && customMsgs.indexOf(msg) < 0) {
          customMsgs.push(msg);
        }
      }
      const customMsg = customMsgs.length ? `
${customMsgs.join("\n")}` : "";
      usage3.fail(__n("Missing required argument: %s", "Missing required arguments: %s", Object.keys(missing).length, Object.keys(missing).join(", ") + customMsg));
    }
  };
  self.unknownArguments = function unknownArguments(argv, aliases, positionalMap, isDefaultCommand, checkPositionals = true) {
    var _a2;
    const commandKeys = yargs.getInternalMethods().getCommandInstance().getCommands();
    const unknown = [];
    const currentContext = yargs.getInternalMethods().getContext();
    Object.keys(argv).forEach((key) => {
      if (!specialKeys.includes(key) && !Object.prototype.hasOwnProperty.call(positionalMap, key) && !Object.prototype.hasOwnProperty.call(yargs.getInternalMethods().getParseContext(), key) && !self.isValidAndSomeAliasIsNotNew(key, aliases)) {
        unknown.push(key);
      }
    });
    if (checkPositionals && (currentContext.commands.length > 0 || commandKeys.length > 0 || isDefaultCommand)) {
      argv._.slice(currentContext.commands.length).forEach((key) => {
        if (!commandKeys.includes("" + key)) {
          unknown.push("" + key);
        }
      });
    }
    if (checkPositionals) {
      const demandedCommands = yargs.getDemandedCommands();
      const maxNonOptDemanded = ((_a2 = demandedCommands._) === null || _a2 === void 0 ? void 0 : _a2.max) || 0;
      const expected = currentContext.commands.length + maxNonOptDemanded;
      if (expected < argv._.length) {
        argv._.slice(expected).forEach((key) => {
          key = String(key);
          if (!currentContext.commands.includes(key) && !unknown.includes(key)) {
            unknown.push(key);
          }
        });
      }
    }
    if (unknown.length) {
      usage3.fail(__n("Unknown argument: %s", "Unknown arguments: %s", unknown.length, unknown.map((s) => s.trim() ? s : `"${s}"`).join(", ")));
    }
  };
  self.unknownCommands = function unknownCommands(argv) {
    const commandKeys = yargs.getInternalMethods().getCommandInstance().getCommands();
    const unknown = [];
    const currentContext = yargs.getInternalMethods().getContext();
    if (currentContext.commands.length > 0 || commandKeys.length > 0) {
      argv._.slice(currentContext.commands.length).forEach((key) => {
        if (!commandKeys.includes("" + key)) {
          unknown.push("" + key);
        }
      });
    }
    if (unknown.length > 0) {
      usage3.fail(__n("Unknown command: %s", "Unknown commands: %s", unknown.length, unknown.join(", ")));
      return true;
    } else {
      return false;
    }
  };
  self.isValidAndSomeAliasIsNotNew = function isValidAndSomeAliasIsNotNew(key, aliases) {
    if (!Object.prototype.hasOwnProperty.call(aliases, key)) {
      return false;
    }
    const newAliases = yargs.parsed.newAliases;
    return [key, ...aliases[key]].some((a) => !Object.prototype.hasOwnProperty.call(newAliases, a) || !newAliases[key]);
  };
  self.limitedChoices = function limitedChoices(argv) {
    const options = yargs.getOptions();
    const invalid = {};
    if (!Object.keys(options.choices).length)
      return;
    Object.keys(argv).forEach((key) => {
      if (specialKeys.indexOf(key) === -1 && Object.prototype.hasOwnProperty.call(options.choices, key)) {
        [].concat(argv[key]).forEach((value) => {
          if (options.choices[key].indexOf(value) === -1 && value !== void 0) {
            invalid[key] = (invalid[key] || []).concat(value);
          }
        });
      }
    });
    const invalidKeys = Object.keys(invalid);
    if (!invalidKeys.length)
      return;
    let msg = __("Invalid values:");
    invalidKeys.forEach((key) => {
      msg += `
  ${__("Argument: %s, Given: %s, Choices: %s", key, usage3.stringifiedValues(invalid[key]), usage3.stringifiedValues(options.choices[key]))}`;
    });
    usage3.fail(msg);
  };
  let implied = {};
  self.implies = function implies(key, value) {
    argsert("<string|object> [array|number|string]", [key, value], arguments.length);
    if (typeof key === "object") {
      Object.keys(key).forEach((k) => {
        self.implies(k, key[k]);
      });
    } else {
      yargs.global(key);
      if (!implied[key]) {
        implied[key] = [];
      }
      if (Array.isArray(value)) {
        value.forEach((i) => self.implies(key, i));
      } else {
        assertNotStrictEqual(value, void 0, shim3);
        implied[key].push(value);
      }
    }
  };
  self.getImplied = function getImplied() {
    return implied;
  };
  function keyExists(argv, val) {
    const num = Number(val);
    val = isNaN(num) ? val : num;
    if (typeof val === "number") {
      val = argv._.length >= val;
    } else if (val.match(/^--no-.+/)) {
      val = val.match(/^--no-(.+)/)[1];
      val = !Object.prototype.hasOwnProperty.call(argv, val);
    } else {
      val = Object.prototype.hasOwnProperty.call(argv, val);
    }
    return val;
  }
  self.implications = function implications(argv) {
    const implyFail = [];
    Object.keys(implied).forEach((key) => {
      const origKey = key;
      (implied[key] || []).forEach((value) => {
        let key2 = origKey;
        const origValue = value;
        key2 = keyExists(argv, key2);
        value = keyExists(argv, value);
        if (key2 && !value) {
          implyFail.push(` ${origKey} -> ${origValue}`);
        }
      });
    });
    if (implyFail.length) {
      let msg = `${__("Implications failed:")}
`;
      implyFail.forEach((value) => {
        msg += value;
      });
      usage3.fail(msg);
    }
  };
  let conflicting = {};
  self.conflicts = function conflicts2(key, value) {
    argsert("<string|object> [array|string]", [key, value], arguments.length);
    if (typeof key === "object") {
      Object.keys(key).forEach((k) => {
        self.conflicts(k, key[k]);
      });
    } else {
      yargs.global(key);
      if (!conflicting[key]) {
        conflicting[key] = [];
      }
      if (Array.isArray(value)) {
        value.forEach((i) => self.conflicts(key, i));
      } else {
        conflicting[key].push(value);
      }
    }
  };
  self.getConflicting = () => conflicting;
  self.conflicting = function conflictingFn(argv) {
    Object.keys(argv).forEach((key) => {
      if (conflicting[key]) {
        conflicting[key].forEach((value) => {
          if (value && argv[key] !== void 0 && argv[value] !== void 0) {
            usage3.fail(__("Arguments %s and %s are mutually exclusive", key, value));
          }
        });
      }
    });
    if (yargs.getInternalMethods().getParserConfiguration()["strip-dashed"]) {
      Object.keys(conflicting).forEach((key) => {
        conflicting[key].forEach((value) => {
          if (value && argv[shim3.Parser.camelCase(key)] !== void 0 && argv[shim3.Parser.camelCase(value)] !== void 0) {
            usage3.fail(__("Arguments %s and %s are mutually exclusive", key, value));
          }
        });
      });
    }
  };
  self.recommendCommands = function recommendCommands(cmd, potentialCommands) {
    const threshold = 3;
    potentialCommands = potentialCommands.sort((a, b) => b.length - a.length);
    let recommended = null;
    let bestDistance = Infinity;
    for (let i = 0, candidate; (candidate = potentialCommands[i]) !== void 0; i++) {
      const d = levenshtein(cmd, candidate);
      if (d <= threshold && d < bestDistance) {
        bestDistance = d;
        recommended = candidate;
      }
    }
    if (recommended)
      usage3.fail(__("Did you mean %s?", recommended));
  };
  self.reset = function reset(localLookup) {
    implied = objFilter(implied, (k) => !localLookup[k]);
    conflicting = objFilter(conflicting, (k) => !localLookup[k]);
    return self;
  };
  const frozens = [];
  self.freeze = function freeze() {
    frozens.push({
      implied,
      conflicting
    });
  };
  self.unfreeze = function unfreeze() {
    const frozen = frozens.pop();
    assertNotStrictEqual(frozen, void 0, shim3);
    ({ implied, conflicting } = frozen);
  };
  return self;
}

// ../../work/main/node_modules/yargs/build/lib/utils/apply-extends.js
var previouslyVisitedConfigs = [];
var shim2;
function applyExtends(config, cwd, mergeExtends, _shim) {
  shim2 = _shim;
  let defaultConfig = {};
  if (Object.prototype.hasOwnProperty.call(config, "extends")) {
    if (typeof config.extends !== "string")
      return defaultConfig;
    const isPath = /\.json|\..*rc$/.test(config.extends);
    let pathToDefault = null;
    if (!isPath) {
      try {
        pathToDefault = __require.resolve(config.extends);
      } catch (_err) {
        return config;
      }
    } else {
      pathToDefault = getPathToDefaultConfig(cwd, config.extends);
    }
    checkForCircularExtends(pathToDefault);
    previouslyVisitedConfigs.push(pathToDefault);
    defaultConfig = isPath ? JSON.parse(shim2.readFileSync(pathToDefault, "utf8")) : __require(config.extends);
    delete config.extends;
    defaultConfig = applyExtends(defaultConfig, shim2.path.dirname(pathToDefault), mergeExtends, shim2);
  }
  previouslyVisitedConfigs = [];
  return mergeExtends ? mergeDeep(defaultConfig, config) : Object.assign({}, defaultConfig, config);
}
function checkForCircularExtends(cfgPath) {
  if (previouslyVisitedConfigs.indexOf(cfgPath) > -1) {
    throw new YError(`Circular extended configurations: '${cfgPath}'.`);
  }
}
function getPathToDefaultConfig(cwd, pathToExtend) {
  return shim2.path.resolve(cwd, pathToExtend);
}
function mergeDeep(config1, config2) {
  const target3 = {};
  function isObject(obj) {
    return obj && typeof obj === "object" && !Array.isArray(obj);
  }
  Object.assign(target3, config1);
  for (const key of Object.keys(config2)) {
    if (isObject(config2[key]) && isObject(target3[key])) {
      target3[key] = mergeDeep(config1[key], config2[key]);
    } else {
      target3[key] = config2[key];
    }
  }
  return target3;
}

// ../../work/main/node_modules/yargs/build/lib/yargs-factory.js
var __classPrivateFieldSet = function(receiver, state, value, kind, f) {
  if (kind === "m") throw new TypeError("Private method is not writable");
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
  return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
};
var __classPrivateFieldGet = function(receiver, state, kind, f) {
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
  return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
};
var _YargsInstance_command;
var _YargsInstance_cwd;
var _YargsInstance_context;
var _YargsInstance_completion;
var _YargsInstance_completionCommand;
var _YargsInstance_defaultShowHiddenOpt;
var _YargsInstance_exitError;
var _YargsInstance_detectLocale;
var _YargsInstance_emittedWarnings;
var _YargsInstance_exitProcess;
var _YargsInstance_frozens;
var _YargsInstance_globalMiddleware;
var _YargsInstance_groups;
var _YargsInstance_hasOutput;
var _YargsInstance_helpOpt;
var _YargsInstance_isGlobalContext;
var _YargsInstance_logger;
var _YargsInstance_output;
var _YargsInstance_options;
var _YargsInstance_parentRequire;
var _YargsInstance_parserConfig;
var _YargsInstance_parseFn;
var _YargsInstance_parseContext;
var _YargsInstance_pkgs;
var _YargsInstance_preservedGroups;
var _YargsInstance_processArgs;
var _YargsInstance_recommendCommands;
var _YargsInstance_shim;
var _YargsInstance_strict;
var _YargsInstance_strictCommands;
var _YargsInstance_strictOptions;
var _YargsInstance_usage;
var _YargsInstance_usageConfig;
var _YargsInstance_versionOpt;
var _YargsInstance_validation;
function YargsFactory(_shim) {
  return (processArgs = [], cwd = _shim.process.cwd(), parentRequire) => {
    const yargs = new YargsInstance(processArgs, cwd, parentRequire, _shim);
    Object.defineProperty(yargs, "argv", {
      get: () => {
        return yargs.parse();
      },
      enumerable: true
    });
    yargs.help();
    yargs.version();
    return yargs;
  };
}
var kCopyDoubleDash = Symbol("copyDoubleDash");
var kCreateLogger = Symbol("copyDoubleDash");
var kDeleteFromParserHintObject = Symbol("deleteFromParserHintObject");
var kEmitWarning = Symbol("emitWarning");
var kFreeze = Symbol("freeze");
var kGetDollarZero = Symbol("getDollarZero");
var kGetParserConfiguration = Symbol("getParserConfiguration");
var kGetUsageConfiguration = Symbol("getUsageConfiguration");
var kGuessLocale = Symbol("guessLocale");
var kGuessVersion = Symbol("guessVersion");
var kParsePositionalNumbers = Symbol("parsePositionalNumbers");
var kPkgUp = Symbol("pkgUp");
var kPopulateParserHintArray = Symbol("populateParserHintArray");
var kPopulateParserHintSingleValueDictionary = Symbol("populateParserHintSingleValueDictionary");
var kPopulateParserHintArrayDictionary = Symbol("populateParserHintArrayDictionary");
var kPopulateParserHintDictionary = Symbol("populateParserHintDictionary");
var kSanitizeKey = Symbol("sanitizeKey");
var kSetKey = Symbol("setKey");
var kUnfreeze = Symbol("unfreeze");
var kValidateAsync = Symbol("validateAsync");
var kGetCommandInstance = Symbol("getCommandInstance");
var kGetContext = Symbol("getContext");
var kGetHasOutput = Symbol("getHasOutput");
var kGetLoggerInstance = Symbol("getLoggerInstance");
var kGetParseContext = Symbol("getParseContext");
var kGetUsageInstance = Symbol("getUsageInstance");
var kGetValidationInstance = Symbol("getValidationInstance");
var kHasParseCallback = Symbol("hasParseCallback");
var kIsGlobalContext = Symbol("isGlobalContext");
var kPostProcess = Symbol("postProcess");
var kRebase = Symbol("rebase");
var kReset = Symbol("reset");
var kRunYargsParserAndExecuteCommands = Symbol("runYargsParserAndExecuteCommands");
var kRunValidation = Symbol("runValidation");
var kSetHasOutput = Symbol("setHasOutput");
var kTrackManuallySetKeys = Symbol("kTrackManuallySetKeys");
var YargsInstance = class {
  constructor(processArgs = [], cwd, parentRequire, shim3) {
    this.customScriptName = false;
    this.parsed = false;
    _YargsInstance_command.set(this, void 0);
    _YargsInstance_cwd.set(this, void 0);
    _YargsInstance_context.set(this, { commands: [], fullCommands: [] });
    _YargsInstance_completion.set(this, null);
    _YargsInstance_completionCommand.set(this, null);
    _YargsInstance_defaultShowHiddenOpt.set(this, "show-hidden");
    _YargsInstance_exitError.set(this, null);
    _YargsInstance_detectLocale.set(this, true);
    _YargsInstance_emittedWarnings.set(this, {});
    _YargsInstance_exitProcess.set(this, true);
    _YargsInstance_frozens.set(this, []);
    _YargsInstance_globalMiddleware.set(this, void 0);
    _YargsInstance_groups.set(this, {});
    _YargsInstance_hasOutput.set(this, false);
    _YargsInstance_helpOpt.set(this, null);
    _YargsInstance_isGlobalContext.set(this, true);
    _YargsInstance_logger.set(this, void 0);
    _YargsInstance_output.set(this, "");
    _YargsInstance_options.set(this, void 0);
    _YargsInstance_parentRequire.set(this, void 0);
    _YargsInstance_parserConfig.set(this, {});
    _YargsInstance_parseFn.set(this, null);
    _YargsInstance_parseContext.set(this, null);
    _YargsInstance_pkgs.set(this, {});
    _YargsInstance_preservedGroups.set(this, {});
    _YargsInstance_processArgs.set(this, void 0);
    _YargsInstance_recommendCommands.set(this, false);
    _YargsInstance_shim.set(this, void 0);
    _YargsInstance_strict.set(this, false);
    _YargsInstance_strictCommands.set(this, false);
    _YargsInstance_strictOptions.set(this, false);
    _YargsInstance_usage.set(this, void 0);
    _YargsInstance_usageConfig.set(this, {});
    _YargsInstance_versionOpt.set(this, null);
    _YargsInstance_validation.set(this, void 0);
    __classPrivateFieldSet(this, _YargsInstance_shim, shim3, "f");
    __classPrivateFieldSet(this, _YargsInstance_processArgs, processArgs, "f");
    __classPrivateFieldSet(this, _YargsInstance_cwd, cwd, "f");
    __classPrivateFieldSet(this, _YargsInstance_parentRequire, parentRequire, "f");
    __classPrivateFieldSet(this, _YargsInstance_globalMiddleware, new GlobalMiddleware(this), "f");
    this.$0 = this[kGetDollarZero]();
    this[kReset]();
    __classPrivateFieldSet(this, _YargsInstance_command, __classPrivateFieldGet(this, _YargsInstance_command, "f"), "f");
    __classPrivateFieldSet(this, _YargsInstance_usage, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), "f");
    __classPrivateFieldSet(this, _YargsInstance_validation, __classPrivateFieldGet(this, _YargsInstance_validation, "f"), "f");
    __classPrivateFieldSet(this, _YargsInstance_options, __classPrivateFieldGet(this, _YargsInstance_options, "f"), "f");
    __classPrivateFieldGet(this, _YargsInstance_options, "f").showHiddenOpt = __classPrivateFieldGet(this, _YargsInstance_defaultShowHiddenOpt, "f");
    __classPrivateFieldSet(this, _YargsInstance_logger, this[kCreateLogger](), "f");
  }
  addHelpOpt(opt, msg) {
    const defaultHelpOpt = "help";
    argsert("[string|boolean] [string]", [opt, msg], arguments.length);
    if (__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")) {
      this[kDeleteFromParserHintObject](__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"));
      __classPrivateFieldSet(this, _YargsInstance_helpOpt, null, "f");
    }
    if (opt === false && msg === void 0)
      return this;
    __classPrivateFieldSet(this, _YargsInstance_helpOpt, typeof opt === "string" ? opt : defaultHelpOpt, "f");
    this.boolean(__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"));
    this.describe(__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"), msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show help"));
    return this;
  }
  help(opt, msg) {
    return this.addHelpOpt(opt, msg);
  }
  addShowHiddenOpt(opt, msg) {
    argsert("[string|boolean] [string]", [opt, msg], arguments.length);
    if (opt === false && msg === void 0)
      return this;
    const showHiddenOpt = typeof opt === "string" ? opt : __classPrivateFieldGet(this, _YargsInstance_defaultShowHiddenOpt, "f");
    this.boolean(showHiddenOpt);
    this.describe(showHiddenOpt, msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show hidden options"));
    __classPrivateFieldGet(this, _YargsInstance_options, "f").showHiddenOpt = showHiddenOpt;
    return this;
  }
  showHidden(opt, msg) {
    return this.addShowHiddenOpt(opt, msg);
  }
  alias(key, value) {
    argsert("<object|string|array> [string|array]", [key, value], arguments.length);
    this[kPopulateParserHintArrayDictionary](this.alias.bind(this), "alias", key, value);
    return this;
  }
  array(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("array", keys);
    this[kTrackManuallySetKeys](keys);
    return this;
  }
  boolean(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("boolean", keys);
    this[kTrackManuallySetKeys](keys);
    return this;
  }
  check(f, global) {
    argsert("<function> [boolean]", [f, global], arguments.length);
    this.middleware((argv, _yargs) => {
      return maybeAsyncResult(() => {
        return f(argv, _yargs.getOptions());
      }, (result) => {
        if (!result) {
          __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(__classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.__("Argument check failed: %s", f.toString()));
        } else if (typeof result === "string" || result instanceof Error) {
          __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(result.toString(), result);
        }
        return argv;
      }, (err) => {
        __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(err.message ? err.message : err.toString(), err);
        return argv;
      });
    }, false, global);
    return this;
  }
  choices(key, value) {
    argsert("<object|string|array> [string|array]", [key, value], arguments.length);
    this[kPopulateParserHintArrayDictionary](this.choices.bind(this), "choices", key, value);
    return this;
  }
  coerce(keys, value) {
    argsert("<object|string|array> [function]", [keys, value], arguments.length);
    if (Array.isArray(keys)) {
      if (!value) {
        throw new YError("coerce callback must be provided");
      }
      for (const key of keys) {
        this.coerce(key, value);
      }
      return this;
    } else if (typeof keys === "object") {
      for (const key of Object.keys(keys)) {
        this.coerce(key, keys[key]);
      }
      return this;
    }
    if (!value) {
      throw new YError("coerce callback must be provided");
    }
    __classPrivateFieldGet(this, _YargsInstance_options, "f").key[keys] = true;
    __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").addCoerceMiddleware((argv, yargs) => {
      let aliases;
      const shouldCoerce = Object.prototype.hasOwnProperty.call(argv, keys);
      if (!shouldCoerce) {
        return argv;
      }
      return maybeAsyncResult(() => {
        aliases = yargs.getAliases();
        return value(argv[keys]);
      }, (result) => {
        argv[keys] = result;
        const stripAliased = yargs.getInternalMethods().getParserConfiguration()["strip-aliased"];
        if (aliases[keys] && stripAliased !== true) {
          for (const alias of aliases[keys]) {
            argv[alias] = result;
          }
        }
        return argv;
      }, (err) => {
        throw new YError(err.message);
      });
    }, keys);
    return this;
  }
  conflicts(key1, key2) {
    argsert("<string|object> [string|array]", [key1, key2], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_validation, "f").conflicts(key1, key2);
    return this;
  }
  config(key = "config", msg, parseFn) {
    argsert("[object|string] [string|function] [function]", [key, msg, parseFn], arguments.length);
    if (typeof key === "object" && !Array.isArray(key)) {
      key = applyExtends(key, __classPrivateFieldGet(this, _YargsInstance_cwd, "f"), this[kGetParserConfiguration]()["deep-merge-config"] || false, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = (__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || []).concat(key);
      return this;
    }
    if (typeof msg === "function") {
      parseFn = msg;
      msg = void 0;
    }
    this.describe(key, msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Path to JSON config file"));
    (Array.isArray(key) ? key : [key]).forEach((k) => {
      __classPrivateFieldGet(this, _YargsInstance_options, "f").config[k] = parseFn || true;
    });
    return this;
  }
  completion(cmd, desc, fn) {
    argsert("[string] [string|boolean|function] [function]", [cmd, desc, fn], arguments.length);
    if (typeof desc === "function") {
      fn = desc;
      desc = void 0;
    }
    __classPrivateFieldSet(this, _YargsInstance_completionCommand, cmd || __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") || "completion", "f");
    if (!desc && desc !== false) {
      desc = "generate completion script";
    }
    this.command(__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f"), desc);
    if (fn)
      __classPrivateFieldGet(this, _YargsInstance_completion, "f").registerFunction(fn);
    return this;
  }
  command(cmd, description, builder, handler, middlewares, deprecated) {
    argsert("<string|array|object> [string|boolean] [function|object] [function] [array] [boolean|string]", [cmd, description, builder, handler, middlewares, deprecated], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_command, "f").addHandler(cmd, description, builder, handler, middlewares, deprecated);
    return this;
  }
  commands(cmd, description, builder, handler, middlewares, deprecated) {
    return this.command(cmd, description, builder, handler, middlewares, deprecated);
  }
  commandDir(dir, opts) {
    argsert("<string> [object]", [dir, opts], arguments.length);
    const req = __classPrivateFieldGet(this, _YargsInstance_parentRequire, "f") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").require;
    __classPrivateFieldGet(this, _YargsInstance_command, "f").addDirectory(dir, req, __classPrivateFieldGet(this, _YargsInstance_shim, "f").getCallerFile(), opts);
    return this;
  }
  count(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("count", keys);
    this[kTrackManuallySetKeys](keys);
    return this;
  }
  default(key, value, defaultDescription) {
    argsert("<object|string|array> [*] [string]", [key, value, defaultDescription], arguments.length);
    if (defaultDescription) {
      assertSingleKey(key, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      __classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = defaultDescription;
    }
    if (typeof value === "function") {
      assertSingleKey(key, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      if (!__classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key])
        __classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = __classPrivateFieldGet(this, _YargsInstance_usage, "f").functionDescription(value);
      value = value.call();
    }
    this[kPopulateParserHintSingleValueDictionary](this.default.bind(this), "default", key, value);
    return this;
  }
  defaults(key, value, defaultDescription) {
    return this.default(key, value, defaultDescription);
  }
  demandCommand(min = 1, max, minMsg, maxMsg) {
    argsert("[number] [number|string] [string|null|undefined] [string|null|undefined]", [min, max, minMsg, maxMsg], arguments.length);
    if (typeof max !== "number") {
      minMsg = max;
      max = Infinity;
    }
    this.global("_", false);
    __classPrivateFieldGet(this, _YargsInstance_options, "f").demandedCommands._ = {
      min,
      max,
      minMsg,
      maxMsg
    };
    return this;
  }
  demand(keys, max, msg) {
    if (Array.isArray(max)) {
      max.forEach((key) => {
        assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
        this.demandOption(key, msg);
      });
      max = Infinity;
    } else if (typeof max !== "number") {
      msg = max;
      max = Infinity;
    }
    if (typeof keys === "number") {
      assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      this.demandCommand(keys, max, msg, msg);
    } else if (Array.isArray(keys)) {
      keys.forEach((key) => {
        assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
        this.demandOption(key, msg);
      });
    } else {
      if (typeof msg === "string") {
        this.demandOption(keys, msg);
      } else if (msg === true || typeof msg === "undefined") {
        this.demandOption(keys);
      }
    }
    return this;
  }
  demandOption(keys, msg) {
    argsert("<object|string|array> [string]", [keys, msg], arguments.length);
    this[kPopulateParserHintSingleValueDictionary](this.demandOption.bind(this), "demandedOptions", keys, msg);
    return this;
  }
  deprecateOption(option, message) {
    argsert("<string> [string|boolean]", [option, message], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_options, "f").deprecatedOptions[option] = message;
    return this;
  }
  describe(keys, description) {
    argsert("<object|string|array> [string]", [keys, description], arguments.length);
    this[kSetKey](keys, true);
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").describe(keys, description);
    return this;
  }
  detectLocale(detect) {
    argsert("<boolean>", [detect], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_detectLocale, detect, "f");
    return this;
  }
  env(prefix) {
    argsert("[string|boolean]", [prefix], arguments.length);
    if (prefix === false)
      delete __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix;
    else
      __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix = prefix || "";
    return this;
  }
  epilogue(msg) {
    argsert("<string>", [msg], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").epilog(msg);
    return this;
  }
  epilog(msg) {
    return this.epilogue(msg);
  }
  example(cmd, description) {
    argsert("<string|array> [string]", [cmd, description], arguments.length);
    if (Array.isArray(cmd)) {
      cmd.forEach((exampleParams) => this.example(...exampleParams));
    } else {
      __classPrivateFieldGet(this, _YargsInstance_usage, "f").example(cmd, description);
    }
    return this;
  }
  exit(code2, err) {
    __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
    __classPrivateFieldSet(this, _YargsInstance_exitError, err, "f");
    if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"))
      __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.exit(code2);
  }
  exitProcess(enabled = true) {
    argsert("[boolean]", [enabled], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_exitProcess, enabled, "f");
    return this;
  }
  fail(f) {
    argsert("<function|boolean>", [f], arguments.length);
    if (typeof f === "boolean" && f !== false) {
      throw new YError("Invalid first argument. Expected function or boolean 'false'");
    }
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").failFn(f);
    return this;
  }
  getAliases() {
    return this.parsed ? this.parsed.aliases : {};
  }
  async getCompletion(args, done) {
    argsert("<array> [function]", [args, done], arguments.length);
    if (!done) {
      return new Promise((resolve7, reject) => {
        __classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(args, (err, completions) => {
          if (err)
            reject(err);
          else
            resolve7(completions);
        });
      });
    } else {
      return __classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(args, done);
    }
  }
  getDemandedOptions() {
    argsert([], 0);
    return __classPrivateFieldGet(this, _YargsInstance_options, "f").demandedOptions;
  }
  getDemandedCommands() {
    argsert([], 0);
    return __classPrivateFieldGet(this, _YargsInstance_options, "f").demandedCommands;
  }
  getDeprecatedOptions() {
    argsert([], 0);
    return __classPrivateFieldGet(this, _YargsInstance_options, "f").deprecatedOptions;
  }
  getDetectLocale() {
    return __classPrivateFieldGet(this, _YargsInstance_detectLocale, "f");
  }
  getExitProcess() {
    return __classPrivateFieldGet(this, _YargsInstance_exitProcess, "f");
  }
  getGroups() {
    return Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_groups, "f"), __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f"));
  }
  getHelp() {
    __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
    if (!__classPrivateFieldGet(this, _YargsInstance_usage, "f").hasCachedHelpMessage()) {
      if (!this.parsed) {
        const parse = this[kRunYargsParserAndExecuteCommands](__classPrivateFieldGet(this, _YargsInstance_processArgs, "f"), void 0, void 0, 0, true);
        if (isPromise(parse)) {
          return parse.then(() => {
            return __classPrivateFieldGet(this, _YargsInstance_usage, "f").help();
          });
        }
      }
      const builderResponse = __classPrivateFieldGet(this, _YargsInstance_command, "f").runDefaultBuilderOn(this);
      if (isPromise(builderResponse)) {
        return builderResponse.then(() => {
          return __classPrivateFieldGet(this, _YargsInstance_usage, "f").help();
        });
      }
    }
    return Promise.resolve(__classPrivateFieldGet(this, _YargsInstance_usage, "f").help());
  }
  getOptions() {
    return __classPrivateFieldGet(this, _YargsInstance_options, "f");
  }
  getStrict() {
    return __classPrivateFieldGet(this, _YargsInstance_strict, "f");
  }
  getStrictCommands() {
    return __classPrivateFieldGet(this, _YargsInstance_strictCommands, "f");
  }
  getStrictOptions() {
    return __classPrivateFieldGet(this, _YargsInstance_strictOptions, "f");
  }
  global(globals, global) {
    argsert("<string|array> [boolean]", [globals, global], arguments.length);
    globals = [].concat(globals);
    if (global !== false) {
      __classPrivateFieldGet(this, _YargsInstance_options, "f").local = __classPrivateFieldGet(this, _YargsInstance_options, "f").local.filter((l) => globals.indexOf(l) === -1);
    } else {
      globals.forEach((g) => {
        if (!__classPrivateFieldGet(this, _YargsInstance_options, "f").local.includes(g))
          __classPrivateFieldGet(this, _YargsInstance_options, "f").local.push(g);
      });
    }
    return this;
  }
  group(opts, groupName) {
    argsert("<string|array> <string>", [opts, groupName], arguments.length);
    const existing = __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName] || __classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName];
    if (__classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName]) {
      delete __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName];
    }
    const seen = {};
    __classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName] = (existing || []).concat(opts).filter((key) => {
      if (seen[key])
        return false;
      return seen[key] = true;
    });
    return this;
  }
  hide(key) {
    argsert("<string>", [key], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_options, "f").hiddenOptions.push(key);
    return this;
  }
  implies(key, value) {
    argsert("<string|object> [number|string|array]", [key, value], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_validation, "f").implies(key, value);
    return this;
  }
  locale(locale) {
    argsert("[string]", [locale], arguments.length);
    if (locale === void 0) {
      this[kGuessLocale]();
      return __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.getLocale();
    }
    __classPrivateFieldSet(this, _YargsInstance_detectLocale, false, "f");
    __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.setLocale(locale);
    return this;
  }
  middleware(callback, applyBeforeValidation, global) {
    return __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").addMiddleware(callback, !!applyBeforeValidation, global);
  }
  nargs(key, value) {
    argsert("<string|object|array> [number]", [key, value], arguments.length);
    this[kPopulateParserHintSingleValueDictionary](this.nargs.bind(this), "narg", key, value);
    return this;
  }
  normalize(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("normalize", keys);
    return this;
  }
  number(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("number", keys);
    this[kTrackManuallySetKeys](keys);
    return this;
  }
  option(key, opt) {
    argsert("<string|object> [object]", [key, opt], arguments.length);
    if (typeof key === "object") {
      Object.keys(key).forEach((k) => {
        this.options(k, key[k]);
      });
    } else {
      if (typeof opt !== "object") {
        opt = {};
      }
      this[kTrackManuallySetKeys](key);
      if (__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f") && (key === "version" || (opt === null || opt === void 0 ? void 0 : opt.alias) === "version")) {
        this[kEmitWarning]([
          '"version" is a reserved word.',
          "Please do one of the following:",
          '- Disable version with `yargs.version(false)` if using "version" as an option',
          "- Use the built-in `yargs.version` method instead (if applicable)",
          "- Use a different option key",
          "https://yargs.js.org/docs/#api-reference-version"
        ].join("\n"), void 0, "versionWarning");
      }
      __classPrivateFieldGet(this, _YargsInstance_options, "f").key[key] = true;
      if (opt.alias)
        this.alias(key, opt.alias);
      const deprecate = opt.deprecate || opt.deprecated;
      if (deprecate) {
        this.deprecateOption(key, deprecate);
      }
      const demand = opt.demand || opt.required || opt.require;
      if (demand) {
        this.demand(key, demand);
      }
      if (opt.demandOption) {
        this.demandOption(key, typeof opt.demandOption === "string" ? opt.demandOption : void 0);
      }
      if (opt.conflicts) {
        this.conflicts(key, opt.conflicts);
      }
      if ("default" in opt) {
        this.default(key, opt.default);
      }
      if (opt.implies !== void 0) {
        this.implies(key, opt.implies);
      }
      if (opt.nargs !== void 0) {
        this.nargs(key, opt.nargs);
      }
      if (opt.config) {
        this.config(key, opt.configParser);
      }
      if (opt.normalize) {
        this.normalize(key);
      }
      if (opt.choices) {
        this.choices(key, opt.choices);
      }
      if (opt.coerce) {
        this.coerce(key, opt.coerce);
      }
      if (opt.group) {
        this.group(key, opt.group);
      }
      if (opt.boolean || opt.type === "boolean") {
        this.boolean(key);
        if (opt.alias)
          this.boolean(opt.alias);
      }
      if (opt.array || opt.type === "array") {
        this.array(key);
        if (opt.alias)
          this.array(opt.alias);
      }
      if (opt.number || opt.type === "number") {
        this.number(key);
        if (opt.alias)
          this.number(opt.alias);
      }
      if (opt.string || opt.type === "string") {
        this.string(key);
        if (opt.alias)
          this.string(opt.alias);
      }
      if (opt.count || opt.type === "count") {
        this.count(key);
      }
      if (typeof opt.global === "boolean") {
        this.global(key, opt.global);
      }
      if (opt.defaultDescription) {
        __classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = opt.defaultDescription;
      }
      if (opt.skipValidation) {
        this.skipValidation(key);
      }
      const desc = opt.describe || opt.description || opt.desc;
      const descriptions = __classPrivateFieldGet(this, _YargsInstance_usage, "f").getDescriptions();
      if (!Object.prototype.hasOwnProperty.call(descriptions, key) || typeof desc === "string") {
        this.describe(key, desc);
      }
      if (opt.hidden) {
        this.hide(key);
      }
      if (opt.requiresArg) {
        this.requiresArg(key);
      }
    }
    return this;
  }
  options(key, opt) {
    return this.option(key, opt);
  }
  parse(args, shortCircuit, _parseFn) {
    argsert("[string|array] [function|boolean|object] [function]", [args, shortCircuit, _parseFn], arguments.length);
    this[kFreeze]();
    if (typeof args === "undefined") {
      args = __classPrivateFieldGet(this, _YargsInstance_processArgs, "f");
    }
    if (typeof shortCircuit === "object") {
      __classPrivateFieldSet(this, _YargsInstance_parseContext, shortCircuit, "f");
      shortCircuit = _parseFn;
    }
    if (typeof shortCircuit === "function") {
      __classPrivateFieldSet(this, _YargsInstance_parseFn, shortCircuit, "f");
      shortCircuit = false;
    }
    if (!shortCircuit)
      __classPrivateFieldSet(this, _YargsInstance_processArgs, args, "f");
    if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f"))
      __classPrivateFieldSet(this, _YargsInstance_exitProcess, false, "f");
    const parsed = this[kRunYargsParserAndExecuteCommands](args, !!shortCircuit);
    const tmpParsed = this.parsed;
    __classPrivateFieldGet(this, _YargsInstance_completion, "f").setParsed(this.parsed);
    if (isPromise(parsed)) {
      return parsed.then((argv) => {
        if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f"))
          __classPrivateFieldGet(this, _YargsInstance_parseFn, "f").call(this, __classPrivateFieldGet(this, _YargsInstance_exitError, "f"), argv, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
        return argv;
      }).catch((err) => {
        if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f")) {
          __classPrivateFieldGet(this, _YargsInstance_parseFn, "f")(err, this.parsed.argv, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
        }
        throw err;
      }).finally(() => {
        this[kUnfreeze]();
        this.parsed = tmpParsed;
      });
    } else {
      if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f"))
        __classPrivateFieldGet(this, _YargsInstance_parseFn, "f").call(this, __classPrivateFieldGet(this, _YargsInstance_exitError, "f"), parsed, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
      this[kUnfreeze]();
      this.parsed = tmpParsed;
    }
    return parsed;
  }
  parseAsync(args, shortCircuit, _parseFn) {
    const maybePromise = this.parse(args, shortCircuit, _parseFn);
    return !isPromise(maybePromise) ? Promise.resolve(maybePromise) : maybePromise;
  }
  parseSync(args, shortCircuit, _parseFn) {
    const maybePromise = this.parse(args, shortCircuit, _parseFn);
    if (isPromise(maybePromise)) {
      throw new YError(".parseSync() must not be used with asynchronous builders, handlers, or middleware");
    }
    return maybePromise;
  }
  parserConfiguration(config) {
    argsert("<object>", [config], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_parserConfig, config, "f");
    return this;
  }
  pkgConf(key, rootPath) {
    argsert("<string> [string]", [key, rootPath], arguments.length);
    let conf = null;
    const obj = this[kPkgUp](rootPath || __classPrivateFieldGet(this, _YargsInstance_cwd, "f"));
    if (obj[key] && typeof obj[key] === "object") {
      conf = applyExtends(obj[key], rootPath || __classPrivateFieldGet(this, _YargsInstance_cwd, "f"), this[kGetParserConfiguration]()["deep-merge-config"] || false, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = (__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || []).concat(conf);
    }
    return this;
  }
  positional(key, opts) {
    argsert("<string> <object>", [key, opts], arguments.length);
    const supportedOpts = [
      "default",
      "defaultDescription",
      "implies",
      "normalize",
      "choices",
      "conflicts",
      "coerce",
      "type",
      "describe",
      "desc",
      "description",
      "alias"
    ];
    opts = objFilter(opts, (k, v) => {
      if (k === "type" && !["string", "number", "boolean"].includes(v))
        return false;
      return supportedOpts.includes(k);
    });
    const fullCommand = __classPrivateFieldGet(this, _YargsInstance_context, "f").fullCommands[__classPrivateFieldGet(this, _YargsInstance_context, "f").fullCommands.length - 1];
    const parseOptions = fullCommand ? __classPrivateFieldGet(this, _YargsInstance_command, "f").cmdToParseOptions(fullCommand) : {
      array: [],
      alias: {},
      default: {},
      demand: {}
    };
    objectKeys(parseOptions).forEach((pk) => {
      const parseOption = parseOptions[pk];
      if (Array.isArray(parseOption)) {
        if (parseOption.indexOf(key) !== -1)
          opts[pk] = true;
      } else {
        if (parseOption[key] && !(pk in opts))
          opts[pk] = parseOption[key];
      }
    });
    this.group(key, __classPrivateFieldGet(this, _YargsInstance_usage, "f").getPositionalGroupName());
    return this.option(key, opts);
  }
  recommendCommands(recommend = true) {
    argsert("[boolean]", [recommend], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_recommendCommands, recommend, "f");
    return this;
  }
  required(keys, max, msg) {
    return this.demand(keys, max, msg);
  }
  require(keys, max, msg) {
    return this.demand(keys, max, msg);
  }
  requiresArg(keys) {
    argsert("<array|string|object> [number]", [keys], arguments.length);
    if (typeof keys === "string" && __classPrivateFieldGet(this, _YargsInstance_options, "f").narg[keys]) {
      return this;
    } else {
      this[kPopulateParserHintSingleValueDictionary](this.requiresArg.bind(this), "narg", keys, NaN);
    }
    return this;
  }
  showCompletionScript($0, cmd) {
    argsert("[string] [string]", [$0, cmd], arguments.length);
    $0 = $0 || this.$0;
    __classPrivateFieldGet(this, _YargsInstance_logger, "f").log(__classPrivateFieldGet(this, _YargsInstance_completion, "f").generateCompletionScript($0, cmd || __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") || "completion"));
    return this;
  }
  showHelp(level) {
    argsert("[string|function]", [level], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
    if (!__classPrivateFieldGet(this, _YargsInstance_usage, "f").hasCachedHelpMessage()) {
      if (!this.parsed) {
        const parse = this[kRunYargsParserAndExecuteCommands](__classPrivateFieldGet(this, _YargsInstance_processArgs, "f"), void 0, void 0, 0, true);
        if (isPromise(parse)) {
          parse.then(() => {
            __classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
          });
          return this;
        }
      }
      const builderResponse = __classPrivateFieldGet(this, _YargsInstance_command, "f").runDefaultBuilderOn(this);
      if (isPromise(builderResponse)) {
        builderResponse.then(() => {
          __classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
        });
        return this;
      }
    }
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
    return this;
  }
  scriptName(scriptName) {
    this.customScriptName = true;
    this.$0 = scriptName;
    return this;
  }
  showHelpOnFail(enabled, message) {
    argsert("[boolean|string] [string]", [enabled, message], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelpOnFail(enabled, message);
    return this;
  }
  showVersion(level) {
    argsert("[string|function]", [level], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").showVersion(level);
    return this;
  }
  skipValidation(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("skipValidation", keys);
    return this;
  }
  strict(enabled) {
    argsert("[boolean]", [enabled], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_strict, enabled !== false, "f");
    return this;
  }
  strictCommands(enabled) {
    argsert("[boolean]", [enabled], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_strictCommands, enabled !== false, "f");
    return this;
  }
  strictOptions(enabled) {
    argsert("[boolean]", [enabled], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_strictOptions, enabled !== false, "f");
    return this;
  }
  string(keys) {
    argsert("<array|string>", [keys], arguments.length);
    this[kPopulateParserHintArray]("string", keys);
    this[kTrackManuallySetKeys](keys);
    return this;
  }
  terminalWidth() {
    argsert([], 0);
    return __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.stdColumns;
  }
  updateLocale(obj) {
    return this.updateStrings(obj);
  }
  updateStrings(obj) {
    argsert("<object>", [obj], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_detectLocale, false, "f");
    __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.updateLocale(obj);
    return this;
  }
  usage(msg, description, builder, handler) {
    argsert("<string|null|undefined> [string|boolean] [function|object] [function]", [msg, description, builder, handler], arguments.length);
    if (description !== void 0) {
      assertNotStrictEqual(msg, null, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      if ((msg || "").match(/^\$0( |$)/)) {
        return this.command(msg, description, builder, handler);
      } else {
        throw new YError(".usage() description must start with $0 if being used as alias for .command()");
      }
    } else {
      __classPrivateFieldGet(this, _YargsInstance_usage, "f").usage(msg);
      return this;
    }
  }
  usageConfiguration(config) {
    argsert("<object>", [config], arguments.length);
    __classPrivateFieldSet(this, _YargsInstance_usageConfig, config, "f");
    return this;
  }
  version(opt, msg, ver) {
    const defaultVersionOpt = "version";
    argsert("[boolean|string] [string] [string]", [opt, msg, ver], arguments.length);
    if (__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f")) {
      this[kDeleteFromParserHintObject](__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"));
      __classPrivateFieldGet(this, _YargsInstance_usage, "f").version(void 0);
      __classPrivateFieldSet(this, _YargsInstance_versionOpt, null, "f");
    }
    if (arguments.length === 0) {
      ver = this[kGuessVersion]();
      opt = defaultVersionOpt;
    } else if (arguments.length === 1) {
      if (opt === false) {
        return this;
      }
      ver = opt;
      opt = defaultVersionOpt;
    } else if (arguments.length === 2) {
      ver = msg;
      msg = void 0;
    }
    __classPrivateFieldSet(this, _YargsInstance_versionOpt, typeof opt === "string" ? opt : defaultVersionOpt, "f");
    msg = msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show version number");
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").version(ver || void 0);
    this.boolean(__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"));
    this.describe(__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"), msg);
    return this;
  }
  wrap(cols) {
    argsert("<number|null|undefined>", [cols], arguments.length);
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").wrap(cols);
    return this;
  }
  [(_YargsInstance_command = /* @__PURE__ */ new WeakMap(), _YargsInstance_cwd = /* @__PURE__ */ new WeakMap(), _YargsInstance_context = /* @__PURE__ */ new WeakMap(), _YargsInstance_completion = /* @__PURE__ */ new WeakMap(), _YargsInstance_completionCommand = /* @__PURE__ */ new WeakMap(), _YargsInstance_defaultShowHiddenOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_exitError = /* @__PURE__ */ new WeakMap(), _YargsInstance_detectLocale = /* @__PURE__ */ new WeakMap(), _YargsInstance_emittedWarnings = /* @__PURE__ */ new WeakMap(), _YargsInstance_exitProcess = /* @__PURE__ */ new WeakMap(), _YargsInstance_frozens = /* @__PURE__ */ new WeakMap(), _YargsInstance_globalMiddleware = /* @__PURE__ */ new WeakMap(), _YargsInstance_groups = /* @__PURE__ */ new WeakMap(), _YargsInstance_hasOutput = /* @__PURE__ */ new WeakMap(), _YargsInstance_helpOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_isGlobalContext = /* @__PURE__ */ new WeakMap(), _YargsInstance_logger = /* @__PURE__ */ new WeakMap(), _YargsInstance_output = /* @__PURE__ */ new WeakMap(), _YargsInstance_options = /* @__PURE__ */ new WeakMap(), _YargsInstance_parentRequire = /* @__PURE__ */ new WeakMap(), _YargsInstance_parserConfig = /* @__PURE__ */ new WeakMap(), _YargsInstance_parseFn = /* @__PURE__ */ new WeakMap(), _YargsInstance_parseContext = /* @__PURE__ */ new WeakMap(), _YargsInstance_pkgs = /* @__PURE__ */ new WeakMap(), _YargsInstance_preservedGroups = /* @__PURE__ */ new WeakMap(), _YargsInstance_processArgs = /* @__PURE__ */ new WeakMap(), _YargsInstance_recommendCommands = /* @__PURE__ */ new WeakMap(), _YargsInstance_shim = /* @__PURE__ */ new WeakMap(), _YargsInstance_strict = /* @__PURE__ */ new WeakMap(), _YargsInstance_strictCommands = /* @__PURE__ */ new WeakMap(), _YargsInstance_strictOptions = /* @__PURE__ */ new WeakMap(), _YargsInstance_usage = /* @__PURE__ */ new WeakMap(), _YargsInstance_usageConfig = /* @__PURE__ */ new WeakMap(), _YargsInstance_versionOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_validation = /* @__PURE__ */ new WeakMap(), kCopyDoubleDash)](argv) {
    if (!argv._ || !argv["--"])
      return argv;
    argv._.push.apply(argv._, argv["--"]);
    try {
      delete argv["--"];
    } catch (_err) {
    }
    return argv;
  }
  [kCreateLogger]() {
    return {
      log: (...args) => {
        if (!this[kHasParseCallback]())
          console.log(...args);
        __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
        if (__classPrivateFieldGet(this, _YargsInstance_output, "f").length)
          __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + "\n", "f");
        __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + args.join(" "), "f");
      },
      error: (...args) => {
        if (!this[kHasParseCallback]())
          console.error(...args);
        __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
        if (__classPrivateFieldGet(this, _YargsInstance_output, "f").length)
          __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + "\n", "f");
        __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + args.join(" "), "f");
      }
    };
  }
  [kDeleteFromParserHintObject](optionKey) {
    objectKeys(__classPrivateFieldGet(this, _YargsInstance_options, "f")).forEach((hintKey) => {
      if (/* @__PURE__ */ ((key) => key === "configObjects")(hintKey))
        return;
      const hint = __classPrivateFieldGet(this, _YargsInstance_options, "f")[hintKey];
      if (Array.isArray(hint)) {
        if (hint.includes(optionKey))
          hint.splice(hint.indexOf(optionKey), 1);
      } else if (typeof hint === "object") {
        delete hint[optionKey];
      }
    });
    delete __classPrivateFieldGet(this, _YargsInstance_usage, "f").getDescriptions()[optionKey];
  }
  [kEmitWarning](warning, type, deduplicationId) {
    if (!__classPrivateFieldGet(this, _YargsInstance_emittedWarnings, "f")[deduplicationId]) {
      __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.emitWarning(warning, type);
      __classPrivateFieldGet(this, _YargsInstance_emittedWarnings, "f")[deduplicationId] = true;
    }
  }
  [kFreeze]() {
    __classPrivateFieldGet(this, _YargsInstance_frozens, "f").push({
      options: __classPrivateFieldGet(this, _YargsInstance_options, "f"),
      configObjects: __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects.slice(0),
      exitProcess: __classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"),
      groups: __classPrivateFieldGet(this, _YargsInstance_groups, "f"),
      strict: __classPrivateFieldGet(this, _YargsInstance_strict, "f"),
      strictCommands: __classPrivateFieldGet(this, _YargsInstance_strictCommands, "f"),
      strictOptions: __classPrivateFieldGet(this, _YargsInstance_strictOptions, "f"),
      completionCommand: __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f"),
      output: __classPrivateFieldGet(this, _YargsInstance_output, "f"),
      exitError: __classPrivateFieldGet(this, _YargsInstance_exitError, "f"),
      hasOutput: __classPrivateFieldGet(this, _YargsInstance_hasOutput, "f"),
      parsed: this.parsed,
      parseFn: __classPrivateFieldGet(this, _YargsInstance_parseFn, "f"),
      parseContext: __classPrivateFieldGet(this, _YargsInstance_parseContext, "f")
    });
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").freeze();
    __classPrivateFieldGet(this, _YargsInstance_validation, "f").freeze();
    __classPrivateFieldGet(this, _YargsInstance_command, "f").freeze();
    __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").freeze();
  }
  [kGetDollarZero]() {
    let $0 = "";
    let default$0;
    if (/\b(node|iojs|electron)(\.exe)?$/.test(__classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv()[0])) {
      default$0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv().slice(1, 2);
    } else {
      default$0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv().slice(0, 1);
    }
    $0 = default$0.map((x) => {
      const b = this[kRebase](__classPrivateFieldGet(this, _YargsInstance_cwd, "f"), x);
      return x.match(/^(\/|([a-zA-Z]:)?\\)/) && b.length < x.length ? b : x;
    }).join(" ").trim();
    if (__classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_") && __classPrivateFieldGet(this, _YargsInstance_shim, "f").getProcessArgvBin() === __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_")) {
      $0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_").replace(`${__classPrivateFieldGet(this, _YargsInstance_shim, "f").path.dirname(__classPrivateFieldGet(this, _YargsInstance_shim, "f").process.execPath())}/`, "");
    }
    return $0;
  }
  [kGetParserConfiguration]() {
    return __classPrivateFieldGet(this, _YargsInstance_parserConfig, "f");
  }
  [kGetUsageConfiguration]() {
    return __classPrivateFieldGet(this, _YargsInstance_usageConfig, "f");
  }
  [kGuessLocale]() {
    if (!__classPrivateFieldGet(this, _YargsInstance_detectLocale, "f"))
      return;
    const locale = __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LC_ALL") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LC_MESSAGES") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LANG") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LANGUAGE") || "en_US";
    this.locale(locale.replace(/[.:].*/, ""));
  }
  [kGuessVersion]() {
    const obj = this[kPkgUp]();
    return obj.version || "unknown";
  }
  [kParsePositionalNumbers](argv) {
    const args = argv["--"] ? argv["--"] : argv._;
    for (let i = 0, arg; (arg = args[i]) !== void 0; i++) {
      if (__classPrivateFieldGet(this, _YargsInstance_shim, "f").Parser.looksLikeNumber(arg) && Number.isSafeInteger(Math.floor(parseFloat(`${arg}`)))) {
        args[i] = Number(arg);
      }
    }
    return argv;
  }
  [kPkgUp](rootPath) {
    const npath = rootPath || "*";
    if (__classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath])
      return __classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath];
    let obj = {};
    try {
      let startDir = rootPath || __classPrivateFieldGet(this, _YargsInstance_shim, "f").mainFilename;
      if (!rootPath && __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.extname(startDir)) {
        startDir = __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.dirname(startDir);
      }
      const pkgJsonPath = __classPrivateFieldGet(this, _YargsInstance_shim, "f").findUp(startDir, (dir, names) => {
        if (names.includes("package.json")) {
          return "package.json";
        } else {
          return void 0;
        }
      });
      assertNotStrictEqual(pkgJsonPath, void 0, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
      obj = JSON.parse(__classPrivateFieldGet(this, _YargsInstance_shim, "f").readFileSync(pkgJsonPath, "utf8"));
    } catch (_noop) {
    }
    __classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath] = obj || {};
    return __classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath];
  }
  [kPopulateParserHintArray](type, keys) {
    keys = [].concat(keys);
    keys.forEach((key) => {
      key = this[kSanitizeKey](key);
      __classPrivateFieldGet(this, _YargsInstance_options, "f")[type].push(key);
    });
  }
  [kPopulateParserHintSingleValueDictionary](builder, type, key, value) {
    this[kPopulateParserHintDictionary](builder, type, key, value, (type2, key2, value2) => {
      __classPrivateFieldGet(this, _YargsInstance_options, "f")[type2][key2] = value2;
    });
  }
  [kPopulateParserHintArrayDictionary](builder, type, key, value) {
    this[kPopulateParserHintDictionary](builder, type, key, value, (type2, key2, value2) => {
      __classPrivateFieldGet(this, _YargsInstance_options, "f")[type2][key2] = (__classPrivateFieldGet(this, _YargsInstance_options, "f")[type2][key2] || []).concat(value2);
    });
  }
  [kPopulateParserHintDictionary](builder, type, key, value, singleKeyHandler) {
    if (Array.isArray(key)) {
      key.forEach((k) => {
        builder(k, value);
      });
    } else if (/* @__PURE__ */ ((key2) => typeof key2 === "object")(key)) {
      for (const k of objectKeys(key)) {
        builder(k, key[k]);
      }
    } else {
      singleKeyHandler(type, this[kSanitizeKey](key), value);
    }
  }
  [kSanitizeKey](key) {
    if (key === "__proto__")
      return "___proto___";
    return key;
  }
  [kSetKey](key, set) {
    this[kPopulateParserHintSingleValueDictionary](this[kSetKey].bind(this), "key", key, set);
    return this;
  }
  [kUnfreeze]() {
    var _a2, _b2, _c2, _d, _e, _f, _g, _h, _j, _k, _l, _m;
    const frozen = __classPrivateFieldGet(this, _YargsInstance_frozens, "f").pop();
    assertNotStrictEqual(frozen, void 0, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
    let configObjects;
    _a2 = this, _b2 = this, _c2 = this, _d = this, _e = this, _f = this, _g = this, _h = this, _j = this, _k = this, _l = this, _m = this, {
      options: { set value(_o) {
        __classPrivateFieldSet(_a2, _YargsInstance_options, _o, "f");
      } }.value,
      configObjects,
      exitProcess: { set value(_o) {
        __classPrivateFieldSet(_b2, _YargsInstance_exitProcess, _o, "f");
      } }.value,
      groups: { set value(_o) {
        __classPrivateFieldSet(_c2, _YargsInstance_groups, _o, "f");
      } }.value,
      output: { set value(_o) {
        __classPrivateFieldSet(_d, _YargsInstance_output, _o, "f");
      } }.value,
      exitError: { set value(_o) {
        __classPrivateFieldSet(_e, _YargsInstance_exitError, _o, "f");
      } }.value,
      hasOutput: { set value(_o) {
        __classPrivateFieldSet(_f, _YargsInstance_hasOutput, _o, "f");
      } }.value,
      parsed: this.parsed,
      strict: { set value(_o) {
        __classPrivateFieldSet(_g, _YargsInstance_strict, _o, "f");
      } }.value,
      strictCommands: { set value(_o) {
        __classPrivateFieldSet(_h, _YargsInstance_strictCommands, _o, "f");
      } }.value,
      strictOptions: { set value(_o) {
        __classPrivateFieldSet(_j, _YargsInstance_strictOptions, _o, "f");
      } }.value,
      completionCommand: { set value(_o) {
        __classPrivateFieldSet(_k, _YargsInstance_completionCommand, _o, "f");
      } }.value,
      parseFn: { set value(_o) {
        __classPrivateFieldSet(_l, _YargsInstance_parseFn, _o, "f");
      } }.value,
      parseContext: { set value(_o) {
        __classPrivateFieldSet(_m, _YargsInstance_parseContext, _o, "f");
      } }.value
    } = frozen;
    __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = configObjects;
    __classPrivateFieldGet(this, _YargsInstance_usage, "f").unfreeze();
    __classPrivateFieldGet(this, _YargsInstance_validation, "f").unfreeze();
    __classPrivateFieldGet(this, _YargsInstance_command, "f").unfreeze();
    __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").unfreeze();
  }
  [kValidateAsync](validation2, argv) {
    return maybeAsyncResult(argv, (result) => {
      validation2(result);
      return result;
    });
  }
  getInternalMethods() {
    return {
      getCommandInstance: this[kGetCommandInstance].bind(this),
      getContext: this[kGetContext].bind(this),
      getHasOutput: this[kGetHasOutput].bind(this),
      getLoggerInstance: this[kGetLoggerInstance].bind(this),
      getParseContext: this[kGetParseContext].bind(this),
      getParserConfiguration: this[kGetParserConfiguration].bind(this),
      getUsageConfiguration: this[kGetUsageConfiguration].bind(this),
      getUsageInstance: this[kGetUsageInstance].bind(this),
      getValidationInstance: this[kGetValidationInstance].bind(this),
      hasParseCallback: this[kHasParseCallback].bind(this),
      isGlobalContext: this[kIsGlobalContext].bind(this),
      postProcess: this[kPostProcess].bind(this),
      reset: this[kReset].bind(this),
      runValidation: this[kRunValidation].bind(this),
      runYargsParserAndExecuteCommands: this[kRunYargsParserAndExecuteCommands].bind(this),
      setHasOutput: this[kSetHasOutput].bind(this)
    };
  }
  [kGetCommandInstance]() {
    return __classPrivateFieldGet(this, _YargsInstance_command, "f");
  }
  [kGetContext]() {
    return __classPrivateFieldGet(this, _YargsInstance_context, "f");
  }
  [kGetHasOutput]() {
    return __classPrivateFieldGet(this, _YargsInstance_hasOutput, "f");
  }
  [kGetLoggerInstance]() {
    return __classPrivateFieldGet(this, _YargsInstance_logger, "f");
  }
  [kGetParseContext]() {
    return __classPrivateFieldGet(this, _YargsInstance_parseContext, "f") || {};
  }
  [kGetUsageInstance]() {
    return __classPrivateFieldGet(this, _YargsInstance_usage, "f");
  }
  [kGetValidationInstance]() {
    return __classPrivateFieldGet(this, _YargsInstance_validation, "f");
  }
  [kHasParseCallback]() {
    return !!__classPrivateFieldGet(this, _YargsInstance_parseFn, "f");
  }
  [kIsGlobalContext]() {
    return __classPrivateFieldGet(this, _YargsInstance_isGlobalContext, "f");
  }
  [kPostProcess](argv, populateDoubleDash, calledFromCommand, runGlobalMiddleware) {
    if (calledFromCommand)
      return argv;
    if (isPromise(argv))
      return argv;
    if (!populateDoubleDash) {
      argv = this[kCopyDoubleDash](argv);
    }
    const parsePositionalNumbers = this[kGetParserConfiguration]()["parse-positional-numbers"] || this[kGetParserConfiguration]()["parse-positional-numbers"] === void 0;
    if (parsePositionalNumbers) {
      argv = this[kParsePositionalNumbers](argv);
    }
    if (runGlobalMiddleware) {
      argv = applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), false);
    }
    return argv;
  }
  [kReset](aliases = {}) {
    __classPrivateFieldSet(this, _YargsInstance_options, __classPrivateFieldGet(this, _YargsInstance_options, "f") || {}, "f");
    const tmpOptions = {};
    tmpOptions.local = __classPrivateFieldGet(this, _YargsInstance_options, "f").local || [];
    tmpOptions.configObjects = __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || [];
    const localLookup = {};
    tmpOptions.local.forEach((l) => {
      localLookup[l] = true;
      (aliases[l] || []).forEach((a) => {
        localLookup[a] = true;
      });
    });
    Object.assign(__classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f"), Object.keys(__classPrivateFieldGet(this, _YargsInstance_groups, "f")).reduce((acc, groupName) => {
      const keys = __classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName].filter((key) => !(key in localLookup));
      if (keys.length > 0) {
        acc[groupName] = keys;
      }
      return acc;
    }, {}));
    __classPrivateFieldSet(this, _YargsInstance_groups, {}, "f");
    const arrayOptions = [
      "array",
      "boolean",
      "string",
      "skipValidation",
      "count",
      "normalize",
      "number",
      "hiddenOptions"
    ];
    const objectOptions = [
      "narg",
      "key",
      "alias",
      "default",
      "defaultDescription",
      "config",
      "choices",
      "demandedOptions",
      "demandedCommands",
      "deprecatedOptions"
    ];
    arrayOptions.forEach((k) => {
      tmpOptions[k] = (__classPrivateFieldGet(this, _YargsInstance_options, "f")[k] || []).filter((k2) => !localLookup[k2]);
    });
    objectOptions.forEach((k) => {
      tmpOptions[k] = objFilter(__classPrivateFieldGet(this, _YargsInstance_options, "f")[k], (k2) => !localLookup[k2]);
    });
    tmpOptions.envPrefix = __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix;
    __classPrivateFieldSet(this, _YargsInstance_options, tmpOptions, "f");
    __classPrivateFieldSet(this, _YargsInstance_usage, __classPrivateFieldGet(this, _YargsInstance_usage, "f") ? __classPrivateFieldGet(this, _YargsInstance_usage, "f").reset(localLookup) : usage(this, __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
    __classPrivateFieldSet(this, _YargsInstance_validation, __classPrivateFieldGet(this, _YargsInstance_validation, "f") ? __classPrivateFieldGet(this, _YargsInstance_validation, "f").reset(localLookup) : validation(this, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
    __classPrivateFieldSet(this, _YargsInstance_command, __classPrivateFieldGet(this, _YargsInstance_command, "f") ? __classPrivateFieldGet(this, _YargsInstance_command, "f").reset() : command(__classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_validation, "f"), __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
    if (!__classPrivateFieldGet(this, _YargsInstance_completion, "f"))
      __classPrivateFieldSet(this, _YargsInstance_completion, completion(this, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_command, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
    __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").reset();
    __classPrivateFieldSet(this, _YargsInstance_completionCommand, null, "f");
    __classPrivateFieldSet(this, _YargsInstance_output, "", "f");
    __classPrivateFieldSet(this, _YargsInstance_exitError, null, "f");
    __classPrivateFieldSet(this, _YargsInstance_hasOutput, false, "f");
    this.parsed = false;
    return this;
  }
  [kRebase](base, dir) {
    return __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.relative(base, dir);
  }
  [kRunYargsParserAndExecuteCommands](args, shortCircuit, calledFromCommand, commandIndex = 0, helpOnly = false) {
    let skipValidation = !!calledFromCommand || helpOnly;
    args = args || __classPrivateFieldGet(this, _YargsInstance_processArgs, "f");
    __classPrivateFieldGet(this, _YargsInstance_options, "f").__ = __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.__;
    __classPrivateFieldGet(this, _YargsInstance_options, "f").configuration = this[kGetParserConfiguration]();
    const populateDoubleDash = !!__classPrivateFieldGet(this, _YargsInstance_options, "f").configuration["populate--"];
    const config = Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_options, "f").configuration, {
      "populate--": true
    });
    const parsed = __classPrivateFieldGet(this, _YargsInstance_shim, "f").Parser.detailed(args, Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_options, "f"), {
      configuration: { "parse-positional-numbers": false, ...config }
    }));
    const argv = Object.assign(parsed.argv, __classPrivateFieldGet(this, _YargsInstance_parseContext, "f"));
    let argvPromise = void 0;
    const aliases = parsed.aliases;
    let helpOptSet = false;
    let versionOptSet = false;
    Object.keys(argv).forEach((key) => {
      if (key === __classPrivateFieldGet(this, _YargsInstance_helpOpt, "f") && argv[key]) {
        helpOptSet = true;
      } else if (key === __classPrivateFieldGet(this, _YargsInstance_versionOpt, "f") && argv[key]) {
        versionOptSet = true;
      }
    });
    argv.$0 = this.$0;
    this.parsed = parsed;
    if (commandIndex === 0) {
      __classPrivateFieldGet(this, _YargsInstance_usage, "f").clearCachedHelpMessage();
    }
    try {
      this[kGuessLocale]();
      if (shortCircuit) {
        return this[kPostProcess](argv, populateDoubleDash, !!calledFromCommand, false);
      }
      if (__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")) {
        const helpCmds = [__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")].concat(aliases[__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")] || []).filter((k) => k.length > 1);
        if (helpCmds.includes("" + argv._[argv._.length - 1])) {
          argv._.pop();
          helpOptSet = true;
        }
      }
      __classPrivateFieldSet(this, _YargsInstance_isGlobalContext, false, "f");
      const handlerKeys = __classPrivateFieldGet(this, _YargsInstance_command, "f").getCommands();
      const requestCompletions = __classPrivateFieldGet(this, _YargsInstance_completion, "f").completionKey in argv;
      const skipRecommendation = helpOptSet || requestCompletions || helpOnly;
      if (argv._.length) {
        if (handlerKeys.length) {
          let firstUnknownCommand;
          for (let i = commandIndex || 0, cmd; argv._[i] !== void 0; i++) {
            cmd = String(argv._[i]);
            if (handlerKeys.includes(cmd) && cmd !== __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) {
              const innerArgv = __classPrivateFieldGet(this, _YargsInstance_command, "f").runCommand(cmd, this, parsed, i + 1, helpOnly, helpOptSet || versionOptSet || helpOnly);
              return this[kPostProcess](innerArgv, populateDoubleDash, !!calledFromCommand, false);
            } else if (!firstUnknownCommand && cmd !== __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) {
              firstUnknownCommand = cmd;
              break;
            }
          }
          if (!__classPrivateFieldGet(this, _YargsInstance_command, "f").hasDefaultCommand() && __classPrivateFieldGet(this, _YargsInstance_recommendCommands, "f") && firstUnknownCommand && !skipRecommendation) {
            __classPrivateFieldGet(this, _YargsInstance_validation, "f").recommendCommands(firstUnknownCommand, handlerKeys);
          }
        }
        if (__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") && argv._.includes(__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) && !requestCompletions) {
          if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"))
            setBlocking(true);
          this.showCompletionScript();
          this.exit(0);
        }
      }
      if (__classPrivateFieldGet(this, _YargsInstance_command, "f").hasDefaultCommand() && !skipRecommendation) {
        const innerArgv = __classPrivateFieldGet(this, _YargsInstance_command, "f").runCommand(null, this, parsed, 0, helpOnly, helpOptSet || versionOptSet || helpOnly);
        return this[kPostProcess](innerArgv, populateDoubleDash, !!calledFromCommand, false);
      }
      if (requestCompletions) {
        if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"))
          setBlocking(true);
        args = [].concat(args);
        const completionArgs = args.slice(args.indexOf(`--${__classPrivateFieldGet(this, _YargsInstance_completion, "f").completionKey}`) + 1);
        __classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(completionArgs, (err, completions) => {
          if (err)
            throw new YError(err.message);
          (completions || []).forEach((completion2) => {
            __classPrivateFieldGet(this, _YargsInstance_logger, "f").log(completion2);
          });
          this.exit(0);
        });
        return this[kPostProcess](argv, !populateDoubleDash, !!calledFromCommand, false);
      }
      if (!__classPrivateFieldGet(this, _YargsInstance_hasOutput, "f")) {
        if (helpOptSet) {
          if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"))
            setBlocking(true);
          skipValidation = true;
          this.showHelp("log");
          this.exit(0);
        } else if (versionOptSet) {
          if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"))
            setBlocking(true);
          skipValidation = true;
          __classPrivateFieldGet(this, _YargsInstance_usage, "f").showVersion("log");
          this.exit(0);
        }
      }
      if (!skipValidation && __classPrivateFieldGet(this, _YargsInstance_options, "f").skipValidation.length > 0) {
        skipValidation = Object.keys(argv).some((key) => __classPrivateFieldGet(this, _YargsInstance_options, "f").skipValidation.indexOf(key) >= 0 && argv[key] === true);
      }
      if (!skipValidation) {
        if (parsed.error)
          throw new YError(parsed.error.message);
        if (!requestCompletions) {
          const validation2 = this[kRunValidation](aliases, {}, parsed.error);
          if (!calledFromCommand) {
            argvPromise = applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), true);
          }
          argvPromise = this[kValidateAsync](validation2, argvPromise !== null && argvPromise !== void 0 ? argvPromise : argv);
          if (isPromise(argvPromise) && !calledFromCommand) {
            argvPromise = argvPromise.then(() => {
              return applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), false);
            });
          }
        }
      }
    } catch (err) {
      if (err instanceof YError)
        __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(err.message, err);
      else
        throw err;
    }
    return this[kPostProcess](argvPromise !== null && argvPromise !== void 0 ? argvPromise : argv, populateDoubleDash, !!calledFromCommand, true);
  }
  [kRunValidation](aliases, positionalMap, parseErrors, isDefaultCommand) {
    const demandedOptions = { ...this.getDemandedOptions() };
    return (argv) => {
      if (parseErrors)
        throw new YError(parseErrors.message);
      __classPrivateFieldGet(this, _YargsInstance_validation, "f").nonOptionCount(argv);
      __classPrivateFieldGet(this, _YargsInstance_validation, "f").requiredArguments(argv, demandedOptions);
      let failedStrictCommands = false;
      if (__classPrivateFieldGet(this, _YargsInstance_strictCommands, "f")) {
        failedStrictCommands = __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownCommands(argv);
      }
      if (__classPrivateFieldGet(this, _YargsInstance_strict, "f") && !failedStrictCommands) {
        __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownArguments(argv, aliases, positionalMap, !!isDefaultCommand);
      } else if (__classPrivateFieldGet(this, _YargsInstance_strictOptions, "f")) {
        __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownArguments(argv, aliases, {}, false, false);
      }
      __classPrivateFieldGet(this, _YargsInstance_validation, "f").limitedChoices(argv);
      __classPrivateFieldGet(this, _YargsInstance_validation, "f").implications(argv);
      __classPrivateFieldGet(this, _YargsInstance_validation, "f").conflicting(argv);
    };
  }
  [kSetHasOutput]() {
    __classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
  }
  [kTrackManuallySetKeys](keys) {
    if (typeof keys === "string") {
      __classPrivateFieldGet(this, _YargsInstance_options, "f").key[keys] = true;
    } else {
      for (const k of keys) {
        __classPrivateFieldGet(this, _YargsInstance_options, "f").key[k] = true;
      }
    }
  }
};
function isYargsInstance(y) {
  return !!y && typeof y.getInternalMethods === "function";
}

// ../../work/main/node_modules/yargs/index.mjs
var Yargs = YargsFactory(esm_default);
var yargs_default = Yargs;

// ../../work/main/packages/cli/dist/token.js
import { readFileSync as readFileSync4 } from "node:fs";
function loadToken(tokenFile, env2 = process.env) {
  if (tokenFile !== void 0) {
    let text;
    try {
      text = readFileSync4(tokenFile, "utf8");
    } catch (err) {
      throw new Error(`cannot read token file ${tokenFile}: ${err.code ?? err.message}`);
    }
    const t2 = text.split("\n")[0].trim();
    if (t2.length === 0)
      throw new Error(`token file ${tokenFile} is empty`);
    return t2;
  }
  const t = env2.MRC_TOKEN?.trim();
  if (t)
    return t;
  throw new Error("no token: give --token-file FILE or set MRC_TOKEN");
}

// ../../work/main/packages/cli/dist/run-command.js
import { randomBytes as randomBytes2 } from "node:crypto";
import { userInfo } from "node:os";
import { constants as constants4 } from "node:os";

// ../../work/main/packages/protocol/dist/fs.js
var ROOT_NODE = 1;
var FS_PREFIX = "fs.";
var FS_INVAL = "fs.inval";
var FS_ATTACH = "fs.attach";
var FS_METHODS = [
  "lookup",
  "forget",
  "getattr",
  "setattr",
  "readlink",
  "symlink",
  "mknod",
  "mkdir",
  "unlink",
  "rmdir",
  "rename",
  "link",
  "open",
  "create",
  "read",
  "write",
  "flush",
  "fsync",
  "release",
  "opendir",
  "readdir",
  "readdirplus",
  "releasedir",
  "fsyncdir",
  "statfs",
  "access",
  "fallocate",
  "lseek",
  "copyFileRange",
  "getxattr",
  "setxattr",
  "listxattr",
  "removexattr",
  "getlk",
  "setlk"
];

// ../../work/main/packages/protocol/dist/errno.js
import { constants } from "node:os";
var ERRNO = Object.freeze({ ...constants.errno });
function errnoNumber(name) {
  return (name !== void 0 ? ERRNO[name] : void 0) ?? ERRNO.EIO ?? 5;
}
var byNumber = new Map(Object.entries(ERRNO).map(([k, v]) => [v, k]));
function errnoName(n) {
  return byNumber.get(n);
}

// ../../work/main/packages/protocol/dist/job.js
var FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGWINCH", "SIGALRM"];
var JOB_METHODS = {
  /** JobStartIn → JobStartOut */
  start: "job.start",
  /** {jobId, signal: SignalName} → null */
  signal: "job.signal",
  /** {jobId, cols, rows} → null */
  resize: "job.resize",
  /** {jobId} → JobExit, once the guest has ended and its output streams are flushed */
  wait: "job.wait",
  /** {} → TargetInfo */
  info: "target.info"
};

// ../../work/main/packages/protocol/dist/log.js
var LOG_LEVELS = ["debug", "info", "warn", "error", "silent"];
function jsonLogger(level = "info", out = process.stderr, base = {}) {
  const min = LOG_LEVELS.indexOf(level);
  const emit = (lvl, msg, fields) => {
    if (LOG_LEVELS.indexOf(lvl) < min)
      return;
    out.write(JSON.stringify({ time: (/* @__PURE__ */ new Date()).toISOString(), level: lvl, msg, ...base, ...fields }) + "\n");
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (f) => jsonLogger(level, out, { ...base, ...f })
  };
}
var silentLogger = jsonLogger("silent");

// ../../work/main/packages/rpc/dist/errors.js
var RpcError = class _RpcError extends Error {
  code;
  errno;
  constructor(code2, message, errno) {
    super(message);
    this.name = "RpcError";
    this.code = code2;
    this.errno = errno;
  }
  /** The wire form (no stack). */
  toWire() {
    return this.errno === void 0 ? { code: this.code, message: this.message } : { code: this.code, message: this.message, errno: this.errno };
  }
  /** Rebuild from the wire form. */
  static fromWire(w) {
    return new _RpcError(w.code, w.message, w.errno);
  }
};
var ERRNO_RE = /^E[A-Z0-9]+$/;
function toRpcError(err) {
  if (err instanceof RpcError)
    return err;
  if (err !== null && typeof err === "object") {
    const e = err;
    const message = typeof e.message === "string" ? e.message : String(err);
    if (typeof e.errno === "string" && ERRNO_RE.test(e.errno))
      return new RpcError("SYSTEM", message, e.errno);
    if (typeof e.code === "string" && ERRNO_RE.test(e.code))
      return new RpcError("SYSTEM", message, e.code);
    if (typeof e.code === "string" && /^[A-Z][A-Z0-9_]*$/.test(e.code))
      return new RpcError(e.code, message);
    return new RpcError("INTERNAL", message);
  }
  return new RpcError("INTERNAL", String(err));
}
function isWireError(v) {
  if (v === null || typeof v !== "object")
    return false;
  const w = v;
  return typeof w.code === "string" && typeof w.message === "string" && (w.errno === void 0 || typeof w.errno === "string");
}

// ../../work/main/packages/rpc/dist/limits.js
var DEFAULT_LIMITS = Object.freeze({
  maxFrameBytes: 17 * 1024 * 1024,
  maxInFlight: 4096,
  maxStreams: 4096,
  streamWindow: 4 * 1024 * 1024,
  handshakeTimeoutMs: 1e4,
  keepaliveMs: 2e3
});
var MAX_DATA_CHUNK = 1024 * 1024;

// ../../work/main/node_modules/msgpackr/unpack.js
var decoder;
try {
  decoder = new TextDecoder();
} catch (error) {
}
var src;
var srcEnd;
var position = 0;
var EMPTY_ARRAY = [];
var strings = EMPTY_ARRAY;
var stringPosition = 0;
var currentUnpackr = {};
var currentStructures;
var srcString;
var srcStringStart = 0;
var srcStringEnd = 0;
var bundledStrings;
var referenceMap;
var currentExtensions = [];
var dataView;
var defaultOptions = {
  useRecords: false,
  mapsAsObjects: true
};
var C1Type = class {
};
var C1 = new C1Type();
C1.name = "MessagePack 0xC1";
var sequentialMode = false;
var inlineObjectReadThreshold = 2;
var readStruct;
var onLoadedStructures;
var onSaveState;
var Unpackr = class _Unpackr {
  constructor(options) {
    if (options) {
      if (options.useRecords === false && options.mapsAsObjects === void 0)
        options.mapsAsObjects = true;
      if (options.sequential && options.trusted !== false) {
        options.trusted = true;
        if (!options.structures && options.useRecords != false) {
          options.structures = [];
          if (!options.maxSharedStructures)
            options.maxSharedStructures = 0;
        }
      }
      if (options.structures)
        options.structures.sharedLength = options.structures.length;
      else if (options.getStructures) {
        (options.structures = []).uninitialized = true;
        options.structures.sharedLength = 0;
      }
      if (options.int64AsNumber) {
        options.int64AsType = "number";
      }
    }
    Object.assign(this, options);
  }
  unpack(source, options) {
    if (src) {
      return saveState(() => {
        clearSource();
        return this ? this.unpack(source, options) : _Unpackr.prototype.unpack.call(defaultOptions, source, options);
      });
    }
    if (!source.buffer && source.constructor === ArrayBuffer)
      source = typeof Buffer !== "undefined" ? Buffer.from(source) : new Uint8Array(source);
    if (typeof options === "object") {
      srcEnd = options.end || source.length;
      position = options.start || 0;
    } else {
      position = 0;
      srcEnd = options > -1 ? options : source.length;
    }
    stringPosition = 0;
    srcStringEnd = 0;
    srcString = null;
    strings = EMPTY_ARRAY;
    bundledStrings = null;
    src = source;
    try {
      dataView = source.dataView || (source.dataView = new DataView(source.buffer, source.byteOffset, source.byteLength));
    } catch (error) {
      src = null;
      if (source instanceof Uint8Array)
        throw error;
      throw new Error("Source must be a Uint8Array or Buffer but was a " + (source && typeof source == "object" ? source.constructor.name : typeof source));
    }
    if (this instanceof _Unpackr) {
      currentUnpackr = this;
      if (this.structures) {
        currentStructures = this.structures;
        return checkedRead(options);
      } else if (!currentStructures || currentStructures.length > 0) {
        currentStructures = [];
      }
    } else {
      currentUnpackr = defaultOptions;
      if (!currentStructures || currentStructures.length > 0)
        currentStructures = [];
    }
    return checkedRead(options);
  }
  unpackMultiple(source, forEach) {
    let values, lastPosition = 0;
    try {
      sequentialMode = true;
      let size = source.length;
      let value = this ? this.unpack(source, size) : defaultUnpackr.unpack(source, size);
      if (forEach) {
        if (forEach(value, lastPosition, position) === false) return;
        while (position < size) {
          lastPosition = position;
          if (forEach(checkedRead(), lastPosition, position) === false) {
            return;
          }
        }
      } else {
        values = [value];
        while (position < size) {
          lastPosition = position;
          values.push(checkedRead());
        }
        return values;
      }
    } catch (error) {
      error.lastPosition = lastPosition;
      error.values = values;
      throw error;
    } finally {
      sequentialMode = false;
      clearSource();
    }
  }
  _mergeStructures(loadedStructures, existingStructures) {
    if (onLoadedStructures)
      loadedStructures = onLoadedStructures.call(this, loadedStructures);
    loadedStructures = loadedStructures || [];
    if (Object.isFrozen(loadedStructures))
      loadedStructures = loadedStructures.map((structure) => structure.slice(0));
    for (let i = 0, l = loadedStructures.length; i < l; i++) {
      let structure = loadedStructures[i];
      if (structure) {
        structure.isShared = true;
        if (i >= 32)
          structure.highByte = i - 32 >> 5;
      }
    }
    loadedStructures.sharedLength = loadedStructures.length;
    for (let id in existingStructures || []) {
      if (id >= 0) {
        let structure = loadedStructures[id];
        let existing = existingStructures[id];
        if (existing) {
          if (structure)
            (loadedStructures.restoreStructures || (loadedStructures.restoreStructures = []))[id] = structure;
          loadedStructures[id] = existing;
        }
      }
    }
    return this.structures = loadedStructures;
  }
  decode(source, options) {
    return this.unpack(source, options);
  }
};
function checkedRead(options) {
  try {
    if (!currentUnpackr.trusted && !sequentialMode) {
      let sharedLength = currentStructures.sharedLength || 0;
      if (sharedLength < currentStructures.length)
        currentStructures.length = sharedLength;
    }
    let result;
    if (currentUnpackr.randomAccessStructure && src[position] < 64 && src[position] >= 32 && readStruct) {
      result = readStruct(src, position, srcEnd, currentUnpackr);
      src = null;
      if (!(options && options.lazy) && result)
        result = result.toJSON();
      position = srcEnd;
    } else
      result = read();
    if (bundledStrings) {
      position = bundledStrings.postBundlePosition;
      bundledStrings = null;
    }
    if (sequentialMode)
      currentStructures.restoreStructures = null;
    if (position == srcEnd) {
      if (currentStructures && currentStructures.restoreStructures)
        restoreStructures();
      currentStructures = null;
      src = null;
      if (referenceMap)
        referenceMap = null;
    } else if (position > srcEnd) {
      throw new Error("Unexpected end of MessagePack data");
    } else if (!sequentialMode) {
      let jsonView;
      try {
        jsonView = JSON.stringify(result, (_, value) => typeof value === "bigint" ? `${value}n` : value).slice(0, 100);
      } catch (error) {
        jsonView = "(JSON view not available " + error + ")";
      }
      throw new Error("Data read, but end of buffer not reached " + jsonView);
    }
    return result;
  } catch (error) {
    if (currentStructures && currentStructures.restoreStructures)
      restoreStructures();
    clearSource();
    if (error instanceof RangeError || error.message.startsWith("Unexpected end of buffer") || position > srcEnd) {
      error.incomplete = true;
    }
    throw error;
  }
}
function restoreStructures() {
  for (let id in currentStructures.restoreStructures) {
    currentStructures[id] = currentStructures.restoreStructures[id];
  }
  currentStructures.restoreStructures = null;
}
function read() {
  let token = src[position++];
  if (token < 160) {
    if (token < 128) {
      if (token < 64)
        return token;
      else {
        let structure = currentStructures[token & 63] || currentUnpackr.getStructures && loadStructures()[token & 63];
        if (structure) {
          if (!structure.read) {
            structure.read = createStructureReader(structure, token & 63);
          }
          return structure.read();
        } else
          return token;
      }
    } else if (token < 144) {
      token -= 128;
      if (currentUnpackr.mapsAsObjects) {
        let object = {};
        for (let i = 0; i < token; i++) {
          let key = readKey();
          if (key === "__proto__")
            key = "__proto_";
          object[key] = read();
        }
        return object;
      } else {
        let map = /* @__PURE__ */ new Map();
        for (let i = 0; i < token; i++) {
          map.set(read(), read());
        }
        return map;
      }
    } else {
      token -= 144;
      let array = new Array(token);
      for (let i = 0; i < token; i++) {
        array[i] = read();
      }
      if (currentUnpackr.freezeData)
        return Object.freeze(array);
      return array;
    }
  } else if (token < 192) {
    let length = token - 160;
    if (srcStringEnd >= position) {
      return srcString.slice(position - srcStringStart, (position += length) - srcStringStart);
    }
    if (srcStringEnd == 0 && srcEnd < 140) {
      let string = length < 16 ? shortStringInJS(length) : longStringInJS(length);
      if (string != null)
        return string;
    }
    return readFixedString(length);
  } else {
    let value;
    switch (token) {
      case 192:
        return null;
      case 193:
        if (bundledStrings) {
          value = read();
          if (value > 0)
            return bundledStrings[1].slice(bundledStrings.position1, bundledStrings.position1 += value);
          else
            return bundledStrings[0].slice(bundledStrings.position0, bundledStrings.position0 -= value);
        }
        return C1;
      // "never-used", return special object to denote that
      case 194:
        return false;
      case 195:
        return true;
      case 196:
        value = src[position++];
        if (value === void 0)
          throw new Error("Unexpected end of buffer");
        return readBin(value);
      case 197:
        value = dataView.getUint16(position);
        position += 2;
        return readBin(value);
      case 198:
        value = dataView.getUint32(position);
        position += 4;
        return readBin(value);
      case 199:
        return readExt(src[position++]);
      case 200:
        value = dataView.getUint16(position);
        position += 2;
        return readExt(value);
      case 201:
        value = dataView.getUint32(position);
        position += 4;
        return readExt(value);
      case 202:
        value = dataView.getFloat32(position);
        if (currentUnpackr.useFloat32 > 2) {
          let multiplier = mult10[(src[position] & 127) << 1 | src[position + 1] >> 7];
          position += 4;
          return (multiplier * value + (value > 0 ? 0.5 : -0.5) >> 0) / multiplier;
        }
        position += 4;
        return value;
      case 203:
        value = dataView.getFloat64(position);
        position += 8;
        return value;
      // uint handlers
      case 204:
        return src[position++];
      case 205:
        value = dataView.getUint16(position);
        position += 2;
        return value;
      case 206:
        value = dataView.getUint32(position);
        position += 4;
        return value;
      case 207:
        if (currentUnpackr.int64AsType === "number") {
          value = dataView.getUint32(position) * 4294967296;
          value += dataView.getUint32(position + 4);
        } else if (currentUnpackr.int64AsType === "string") {
          value = dataView.getBigUint64(position).toString();
        } else if (currentUnpackr.int64AsType === "auto") {
          value = dataView.getBigUint64(position);
          if (value <= BigInt(2) << BigInt(52)) value = Number(value);
        } else
          value = dataView.getBigUint64(position);
        position += 8;
        return value;
      // int handlers
      case 208:
        return dataView.getInt8(position++);
      case 209:
        value = dataView.getInt16(position);
        position += 2;
        return value;
      case 210:
        value = dataView.getInt32(position);
        position += 4;
        return value;
      case 211:
        if (currentUnpackr.int64AsType === "number") {
          value = dataView.getInt32(position) * 4294967296;
          value += dataView.getUint32(position + 4);
        } else if (currentUnpackr.int64AsType === "string") {
          value = dataView.getBigInt64(position).toString();
        } else if (currentUnpackr.int64AsType === "auto") {
          value = dataView.getBigInt64(position);
          if (value >= BigInt(-2) << BigInt(52) && value <= BigInt(2) << BigInt(52)) value = Number(value);
        } else
          value = dataView.getBigInt64(position);
        position += 8;
        return value;
      case 212:
        value = src[position++];
        if (value == 114) {
          return recordDefinition(src[position++] & 63);
        } else {
          let extension2 = currentExtensions[value];
          if (extension2) {
            if (extension2.read) {
              position++;
              return extension2.read(read());
            } else if (extension2.noBuffer) {
              position++;
              return extension2();
            } else
              return extension2(src.subarray(position, ++position));
          } else
            throw new Error("Unknown extension " + value);
        }
      case 213:
        value = src[position];
        if (value == 114) {
          position++;
          return recordDefinition(src[position++] & 63, src[position++]);
        } else
          return readExt(2);
      case 214:
        return readExt(4);
      case 215:
        return readExt(8);
      case 216:
        return readExt(16);
      case 217:
        value = src[position++];
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString8(value);
      case 218:
        value = dataView.getUint16(position);
        position += 2;
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString16(value);
      case 219:
        value = dataView.getUint32(position);
        position += 4;
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString32(value);
      case 220:
        value = dataView.getUint16(position);
        position += 2;
        return readArray(value);
      case 221:
        value = dataView.getUint32(position);
        position += 4;
        return readArray(value);
      case 222:
        value = dataView.getUint16(position);
        position += 2;
        return readMap(value);
      case 223:
        value = dataView.getUint32(position);
        position += 4;
        return readMap(value);
      default:
        if (token >= 224)
          return token - 256;
        if (token === void 0) {
          let error = new Error("Unexpected end of MessagePack data");
          error.incomplete = true;
          throw error;
        }
        throw new Error("Unknown MessagePack token " + token);
    }
  }
}
var validName = /^[a-zA-Z_$][a-zA-Z\d_$]*$/;
function createStructureReader(structure, firstId) {
  function readObject() {
    if (readObject.count++ > inlineObjectReadThreshold) {
      let optimizedReadObject;
      try {
        optimizedReadObject = structure.read = new Function("r", "return function(){return " + (currentUnpackr.freezeData ? "Object.freeze" : "") + "({" + structure.map((key) => key === "__proto__" ? "__proto_:r()" : validName.test(key) ? key + ":r()" : "[" + JSON.stringify(key) + "]:r()").join(",") + "})}")(read);
      } catch (error) {
        inlineObjectReadThreshold = Infinity;
        return readObject();
      }
      structure.read0 = optimizedReadObject;
      if (structure.highByte === 0)
        structure.read = createSecondByteReader(firstId, structure.read);
      return optimizedReadObject();
    }
    let object = {};
    for (let i = 0, l = structure.length; i < l; i++) {
      let key = structure[i];
      if (key === "__proto__")
        key = "__proto_";
      object[key] = read();
    }
    if (currentUnpackr.freezeData)
      return Object.freeze(object);
    return object;
  }
  readObject.count = 0;
  structure.read0 = readObject;
  if (structure.highByte === 0) {
    return createSecondByteReader(firstId, readObject);
  }
  return readObject;
}
var createSecondByteReader = (firstId, read0) => {
  return function() {
    let highByte = src[position++];
    if (highByte === 0)
      return read0();
    let id = firstId < 32 ? -(firstId + (highByte << 5)) : firstId + (highByte << 5);
    let structure = currentStructures[id] || loadStructures()[id];
    if (!structure) {
      throw new Error("Record id is not defined for " + id);
    }
    if (!structure.read)
      structure.read = createStructureReader(structure, firstId);
    return structure.read();
  };
};
function loadStructures() {
  let loadedStructures = saveState(() => {
    src = null;
    return currentUnpackr.getStructures();
  });
  return currentStructures = currentUnpackr._mergeStructures(loadedStructures, currentStructures);
}
var readFixedString = readStringJS;
var readString8 = readStringJS;
var readString16 = readStringJS;
var readString32 = readStringJS;
var isNativeAccelerationEnabled = false;
function setExtractor(extractStrings) {
  isNativeAccelerationEnabled = true;
  readFixedString = readString2(1);
  readString8 = readString2(2);
  readString16 = readString2(3);
  readString32 = readString2(5);
  function readString2(headerLength) {
    return function readString3(length) {
      let string = strings[stringPosition++];
      if (string == null) {
        if (bundledStrings)
          return readStringJS(length);
        let byteOffset = src.byteOffset;
        let extraction = extractStrings(position - headerLength + byteOffset, srcEnd + byteOffset, src.buffer);
        if (typeof extraction == "string") {
          string = extraction;
          strings = EMPTY_ARRAY;
        } else {
          strings = extraction;
          stringPosition = 1;
          srcStringEnd = 1;
          string = strings[0];
          if (string === void 0)
            throw new Error("Unexpected end of buffer");
        }
      }
      let srcStringLength = string.length;
      if (srcStringLength <= length) {
        position += length;
        return string;
      }
      srcString = string;
      srcStringStart = position;
      srcStringEnd = position + srcStringLength;
      position += length;
      return string.slice(0, length);
    };
  }
}
function readStringJS(length) {
  let result;
  if (length < 16) {
    if (result = shortStringInJS(length))
      return result;
  }
  if (length > 64 && decoder)
    return decoder.decode(src.subarray(position, position += length));
  const end = position + length;
  const units = [];
  result = "";
  while (position < end) {
    const byte1 = src[position++];
    if ((byte1 & 128) === 0) {
      units.push(byte1);
    } else if ((byte1 & 224) === 192) {
      const byte2 = src[position++] & 63;
      const codePoint = (byte1 & 31) << 6 | byte2;
      if (codePoint < 128) {
        units.push(65533);
      } else {
        units.push(codePoint);
      }
    } else if ((byte1 & 240) === 224) {
      const byte2 = src[position++] & 63;
      const byte3 = src[position++] & 63;
      const codePoint = (byte1 & 31) << 12 | byte2 << 6 | byte3;
      if (codePoint < 2048 || codePoint >= 55296 && codePoint <= 57343) {
        units.push(65533);
      } else {
        units.push(codePoint);
      }
    } else if ((byte1 & 248) === 240) {
      const byte2 = src[position++] & 63;
      const byte3 = src[position++] & 63;
      const byte4 = src[position++] & 63;
      let unit = (byte1 & 7) << 18 | byte2 << 12 | byte3 << 6 | byte4;
      if (unit < 65536 || unit > 1114111) {
        units.push(65533);
      } else if (unit > 65535) {
        unit -= 65536;
        units.push(unit >>> 10 & 1023 | 55296);
        unit = 56320 | unit & 1023;
        units.push(unit);
      } else {
        units.push(unit);
      }
    } else {
      units.push(65533);
    }
    if (units.length >= 4096) {
      result += fromCharCode.apply(String, units);
      units.length = 0;
    }
  }
  if (units.length > 0) {
    result += fromCharCode.apply(String, units);
  }
  return result;
}
function readString(source, start, length) {
  let existingSrc = src;
  src = source;
  position = start;
  try {
    return readStringJS(length);
  } finally {
    src = existingSrc;
  }
}
function readArray(length) {
  let array = new Array(length);
  for (let i = 0; i < length; i++) {
    array[i] = read();
  }
  if (currentUnpackr.freezeData)
    return Object.freeze(array);
  return array;
}
function readMap(length) {
  if (currentUnpackr.mapsAsObjects) {
    let object = {};
    for (let i = 0; i < length; i++) {
      let key = readKey();
      if (key === "__proto__")
        key = "__proto_";
      object[key] = read();
    }
    return object;
  } else {
    let map = /* @__PURE__ */ new Map();
    for (let i = 0; i < length; i++) {
      map.set(read(), read());
    }
    return map;
  }
}
var fromCharCode = String.fromCharCode;
function longStringInJS(length) {
  let start = position;
  let bytes = new Array(length);
  for (let i = 0; i < length; i++) {
    const byte = src[position++];
    if ((byte & 128) > 0) {
      position = start;
      return;
    }
    bytes[i] = byte;
  }
  return fromCharCode.apply(String, bytes);
}
function shortStringInJS(length) {
  if (length < 4) {
    if (length < 2) {
      if (length === 0)
        return "";
      else {
        let a = src[position++];
        if ((a & 128) > 1) {
          position -= 1;
          return;
        }
        return fromCharCode(a);
      }
    } else {
      let a = src[position++];
      let b = src[position++];
      if ((a & 128) > 0 || (b & 128) > 0) {
        position -= 2;
        return;
      }
      if (length < 3)
        return fromCharCode(a, b);
      let c2 = src[position++];
      if ((c2 & 128) > 0) {
        position -= 3;
        return;
      }
      return fromCharCode(a, b, c2);
    }
  } else {
    let a = src[position++];
    let b = src[position++];
    let c2 = src[position++];
    let d = src[position++];
    if ((a & 128) > 0 || (b & 128) > 0 || (c2 & 128) > 0 || (d & 128) > 0) {
      position -= 4;
      return;
    }
    if (length < 6) {
      if (length === 4)
        return fromCharCode(a, b, c2, d);
      else {
        let e = src[position++];
        if ((e & 128) > 0) {
          position -= 5;
          return;
        }
        return fromCharCode(a, b, c2, d, e);
      }
    } else if (length < 8) {
      let e = src[position++];
      let f = src[position++];
      if ((e & 128) > 0 || (f & 128) > 0) {
        position -= 6;
        return;
      }
      if (length < 7)
        return fromCharCode(a, b, c2, d, e, f);
      let g = src[position++];
      if ((g & 128) > 0) {
        position -= 7;
        return;
      }
      return fromCharCode(a, b, c2, d, e, f, g);
    } else {
      let e = src[position++];
      let f = src[position++];
      let g = src[position++];
      let h = src[position++];
      if ((e & 128) > 0 || (f & 128) > 0 || (g & 128) > 0 || (h & 128) > 0) {
        position -= 8;
        return;
      }
      if (length < 10) {
        if (length === 8)
          return fromCharCode(a, b, c2, d, e, f, g, h);
        else {
          let i = src[position++];
          if ((i & 128) > 0) {
            position -= 9;
            return;
          }
          return fromCharCode(a, b, c2, d, e, f, g, h, i);
        }
      } else if (length < 12) {
        let i = src[position++];
        let j = src[position++];
        if ((i & 128) > 0 || (j & 128) > 0) {
          position -= 10;
          return;
        }
        if (length < 11)
          return fromCharCode(a, b, c2, d, e, f, g, h, i, j);
        let k = src[position++];
        if ((k & 128) > 0) {
          position -= 11;
          return;
        }
        return fromCharCode(a, b, c2, d, e, f, g, h, i, j, k);
      } else {
        let i = src[position++];
        let j = src[position++];
        let k = src[position++];
        let l = src[position++];
        if ((i & 128) > 0 || (j & 128) > 0 || (k & 128) > 0 || (l & 128) > 0) {
          position -= 12;
          return;
        }
        if (length < 14) {
          if (length === 12)
            return fromCharCode(a, b, c2, d, e, f, g, h, i, j, k, l);
          else {
            let m = src[position++];
            if ((m & 128) > 0) {
              position -= 13;
              return;
            }
            return fromCharCode(a, b, c2, d, e, f, g, h, i, j, k, l, m);
          }
        } else {
          let m = src[position++];
          let n = src[position++];
          if ((m & 128) > 0 || (n & 128) > 0) {
            position -= 14;
            return;
          }
          if (length < 15)
            return fromCharCode(a, b, c2, d, e, f, g, h, i, j, k, l, m, n);
          let o = src[position++];
          if ((o & 128) > 0) {
            position -= 15;
            return;
          }
          return fromCharCode(a, b, c2, d, e, f, g, h, i, j, k, l, m, n, o);
        }
      }
    }
  }
}
function readOnlyJSString() {
  let token = src[position++];
  let length;
  if (token < 192) {
    length = token - 160;
  } else {
    switch (token) {
      case 217:
        length = src[position++];
        break;
      case 218:
        length = dataView.getUint16(position);
        position += 2;
        break;
      case 219:
        length = dataView.getUint32(position);
        position += 4;
        break;
      default:
        throw new Error("Expected string");
    }
  }
  return readStringJS(length);
}
function readBin(length) {
  return currentUnpackr.copyBuffers ? (
    // specifically use the copying slice (not the node one)
    Uint8Array.prototype.slice.call(src, position, position += length)
  ) : src.subarray(position, position += length);
}
function readExt(length) {
  let type = src[position++];
  if (currentExtensions[type]) {
    let end;
    return currentExtensions[type](src.subarray(position, end = position += length), (readPosition) => {
      position = readPosition;
      try {
        return read();
      } finally {
        position = end;
      }
    });
  } else
    throw new Error("Unknown extension type " + type);
}
var keyCache = new Array(4096);
function readKey() {
  let length = src[position++];
  if (length >= 160 && length < 192) {
    length = length - 160;
    if (srcStringEnd >= position)
      return srcString.slice(position - srcStringStart, (position += length) - srcStringStart);
    else if (!(srcStringEnd == 0 && srcEnd < 180))
      return readFixedString(length);
  } else {
    position--;
    return asSafeString(read());
  }
  let key = (length << 5 ^ (length > 1 ? dataView.getUint16(position) : length > 0 ? src[position] : 0)) & 4095;
  let entry = keyCache[key];
  let checkPosition = position;
  let end = position + length - 3;
  let chunk;
  let i = 0;
  if (entry && entry.bytes == length) {
    while (checkPosition < end) {
      chunk = dataView.getUint32(checkPosition);
      if (chunk != entry[i++]) {
        checkPosition = 1879048192;
        break;
      }
      checkPosition += 4;
    }
    end += 3;
    while (checkPosition < end) {
      chunk = src[checkPosition++];
      if (chunk != entry[i++]) {
        checkPosition = 1879048192;
        break;
      }
    }
    if (checkPosition === end) {
      position = checkPosition;
      return entry.string;
    }
    end -= 3;
    checkPosition = position;
  }
  entry = [];
  keyCache[key] = entry;
  entry.bytes = length;
  while (checkPosition < end) {
    chunk = dataView.getUint32(checkPosition);
    entry.push(chunk);
    checkPosition += 4;
  }
  end += 3;
  while (checkPosition < end) {
    chunk = src[checkPosition++];
    entry.push(chunk);
  }
  let string = length < 16 ? shortStringInJS(length) : longStringInJS(length);
  if (string != null)
    return entry.string = string;
  return entry.string = readFixedString(length);
}
function asSafeString(property) {
  if (typeof property === "string") return property;
  if (typeof property === "number" || typeof property === "boolean" || typeof property === "bigint") return property.toString();
  if (property == null) return property + "";
  if (currentUnpackr.allowArraysInMapKeys && Array.isArray(property) && property.flat().every((item) => ["string", "number", "boolean", "bigint"].includes(typeof item))) {
    return property.flat().toString();
  }
  throw new Error(`Invalid property type for record: ${typeof property}`);
}
var recordDefinition = (id, highByte) => {
  let structure = read().map(asSafeString);
  let firstByte = id;
  if (highByte !== void 0) {
    id = id < 32 ? -((highByte << 5) + id) : (highByte << 5) + id;
    structure.highByte = highByte;
  }
  let existingStructure = currentStructures[id];
  if (existingStructure && (existingStructure.isShared || sequentialMode)) {
    (currentStructures.restoreStructures || (currentStructures.restoreStructures = []))[id] = existingStructure;
  }
  currentStructures[id] = structure;
  structure.read = createStructureReader(structure, firstByte);
  return (structure.read0 || structure.read)();
};
currentExtensions[0] = () => {
};
currentExtensions[0].noBuffer = true;
currentExtensions[66] = (data) => {
  let headLength = data.byteLength % 8 || 8;
  let head = BigInt(data[0] & 128 ? data[0] - 256 : data[0]);
  for (let i = 1; i < headLength; i++) {
    head <<= BigInt(8);
    head += BigInt(data[i]);
  }
  if (data.byteLength !== headLength) {
    let view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let decode3 = (start, end) => {
      let length = end - start;
      if (length <= 40) {
        let out = view.getBigUint64(start);
        for (let i = start + 8; i < end; i += 8) {
          out <<= BigInt(64);
          out |= view.getBigUint64(i);
        }
        return out;
      }
      let middle = start + (length >> 4 << 3);
      let left2 = decode3(start, middle);
      let right2 = decode3(middle, end);
      return left2 << BigInt((end - middle) * 8) | right2;
    };
    head = head << BigInt((view.byteLength - headLength) * 8) | decode3(headLength, view.byteLength);
  }
  return head;
};
var errors = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
  AggregateError: typeof AggregateError === "function" ? AggregateError : null
};
currentExtensions[101] = () => {
  let data = read();
  if (!errors[data[0]]) {
    let error = Error(data[1], { cause: data[2] });
    error.name = data[0];
    return error;
  }
  return errors[data[0]](data[1], { cause: data[2] });
};
currentExtensions[105] = (data) => {
  if (currentUnpackr.structuredClone === false) throw new Error("Structured clone extension is disabled");
  let id = dataView.getUint32(position - 4);
  if (!referenceMap)
    referenceMap = /* @__PURE__ */ new Map();
  let token = src[position];
  let target3;
  if (token >= 144 && token < 160 || token == 220 || token == 221)
    target3 = [];
  else if (token >= 128 && token < 144 || token == 222 || token == 223)
    target3 = /* @__PURE__ */ new Map();
  else if ((token >= 199 && token <= 201 || token >= 212 && token <= 216) && src[position + 1] === 115)
    target3 = /* @__PURE__ */ new Set();
  else
    target3 = {};
  let refEntry = { target: target3 };
  referenceMap.set(id, refEntry);
  let targetProperties = read();
  if (!refEntry.used) {
    return refEntry.target = targetProperties;
  } else {
    Object.assign(target3, targetProperties);
  }
  if (target3 instanceof Map)
    for (let [k, v] of targetProperties.entries()) target3.set(k, v);
  if (target3 instanceof Set)
    for (let i of Array.from(targetProperties)) target3.add(i);
  return target3;
};
currentExtensions[112] = (data) => {
  if (currentUnpackr.structuredClone === false) throw new Error("Structured clone extension is disabled");
  let id = dataView.getUint32(position - 4);
  let refEntry = referenceMap.get(id);
  refEntry.used = true;
  return refEntry.target;
};
currentExtensions[115] = () => new Set(read());
var typedArrays = ["Int8", "Uint8", "Uint8Clamped", "Int16", "Uint16", "Int32", "Uint32", "Float32", "Float64", "BigInt64", "BigUint64"].map((type) => type + "Array");
var glbl = typeof globalThis === "object" ? globalThis : window;
currentExtensions[116] = (data) => {
  let typeCode = data[0];
  let buffer = Uint8Array.prototype.slice.call(data, 1).buffer;
  let typedArrayName = typedArrays[typeCode];
  if (!typedArrayName) {
    if (typeCode === 16) return buffer;
    if (typeCode === 17) return new DataView(buffer);
    throw new Error("Could not find typed array for code " + typeCode);
  }
  return new glbl[typedArrayName](buffer);
};
currentExtensions[120] = () => {
  let data = read();
  return new RegExp(data[0], data[1]);
};
var TEMP_BUNDLE = [];
currentExtensions[98] = (data) => {
  let dataSize = (data[0] << 24) + (data[1] << 16) + (data[2] << 8) + data[3];
  let dataPosition = position;
  position += dataSize - data.length;
  bundledStrings = TEMP_BUNDLE;
  bundledStrings = [readOnlyJSString(), readOnlyJSString()];
  bundledStrings.position0 = 0;
  bundledStrings.position1 = 0;
  bundledStrings.postBundlePosition = position;
  position = dataPosition;
  return read();
};
currentExtensions[255] = (data) => {
  if (data.length == 4)
    return new Date((data[0] * 16777216 + (data[1] << 16) + (data[2] << 8) + data[3]) * 1e3);
  else if (data.length == 8)
    return new Date(
      ((data[0] << 22) + (data[1] << 14) + (data[2] << 6) + (data[3] >> 2)) / 1e6 + ((data[3] & 3) * 4294967296 + data[4] * 16777216 + (data[5] << 16) + (data[6] << 8) + data[7]) * 1e3
    );
  else if (data.length == 12)
    return new Date(
      ((data[0] << 24) + (data[1] << 16) + (data[2] << 8) + data[3]) / 1e6 + ((data[4] & 128 ? -281474976710656 : 0) + data[6] * 1099511627776 + data[7] * 4294967296 + data[8] * 16777216 + (data[9] << 16) + (data[10] << 8) + data[11]) * 1e3
    );
  else
    return /* @__PURE__ */ new Date("invalid");
};
function saveState(callback) {
  if (onSaveState)
    onSaveState();
  let savedSrcEnd = srcEnd;
  let savedPosition = position;
  let savedStringPosition = stringPosition;
  let savedSrcStringStart = srcStringStart;
  let savedSrcStringEnd = srcStringEnd;
  let savedSrcString = srcString;
  let savedStrings = strings;
  let savedReferenceMap = referenceMap;
  let savedBundledStrings = bundledStrings;
  let savedSrc = new Uint8Array(src.slice(0, srcEnd));
  let savedStructures = currentStructures;
  let savedStructuresContents = currentStructures.slice(0, currentStructures.length);
  let savedPackr = currentUnpackr;
  let savedSequentialMode = sequentialMode;
  let value = callback();
  srcEnd = savedSrcEnd;
  position = savedPosition;
  stringPosition = savedStringPosition;
  srcStringStart = savedSrcStringStart;
  srcStringEnd = savedSrcStringEnd;
  srcString = savedSrcString;
  strings = savedStrings;
  referenceMap = savedReferenceMap;
  bundledStrings = savedBundledStrings;
  src = savedSrc;
  sequentialMode = savedSequentialMode;
  currentStructures = savedStructures;
  currentStructures.splice(0, currentStructures.length, ...savedStructuresContents);
  currentUnpackr = savedPackr;
  dataView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  return value;
}
function clearSource() {
  src = null;
  referenceMap = null;
  currentStructures = null;
}
var mult10 = new Array(147);
for (let i = 0; i < 256; i++) {
  mult10[i] = +("1e" + Math.floor(45.15 - i * 0.30103));
}
var defaultUnpackr = new Unpackr({ useRecords: false });
var unpack = defaultUnpackr.unpack;
var unpackMultiple = defaultUnpackr.unpackMultiple;
var decode = defaultUnpackr.unpack;
var FLOAT32_OPTIONS = {
  NEVER: 0,
  ALWAYS: 1,
  DECIMAL_ROUND: 3,
  DECIMAL_FIT: 4
};
var f32Array = new Float32Array(1);
var u8Array = new Uint8Array(f32Array.buffer, 0, 4);
function setReadStruct(updatedReadStruct, loadedStructs, saveState3) {
  readStruct = updatedReadStruct;
  onLoadedStructures = loadedStructs;
  onSaveState = saveState3;
}

// ../../work/main/node_modules/msgpackr/pack.js
var textEncoder;
try {
  textEncoder = new TextEncoder();
} catch (error) {
}
var extensions;
var extensionClasses;
var hasNodeBuffer = typeof Buffer !== "undefined";
var ByteArrayAllocate = hasNodeBuffer ? function(length) {
  return Buffer.allocUnsafeSlow(length);
} : Uint8Array;
var ByteArray = hasNodeBuffer ? Buffer : Uint8Array;
var MAX_BUFFER_SIZE = hasNodeBuffer ? 4294967296 : 2144337920;
var target;
var keysTarget;
var targetView;
var position2 = 0;
var safeEnd;
var bundledStrings2 = null;
var writeStructSlots;
var MAX_BUNDLE_SIZE = 21760;
var hasNonLatin = /[\u0080-\uFFFF]/;
var RECORD_SYMBOL = Symbol("record-id");
var Packr = class extends Unpackr {
  constructor(options) {
    super(options);
    this.offset = 0;
    let typeBuffer;
    let start;
    let hasSharedUpdate;
    let structures;
    let referenceMap2;
    let encodeUtf82 = ByteArray.prototype.utf8Write ? function(string, position3) {
      return target.utf8Write(string, position3, target.byteLength - position3);
    } : textEncoder && textEncoder.encodeInto ? function(string, position3) {
      return textEncoder.encodeInto(string, target.subarray(position3)).written;
    } : false;
    let packr2 = this;
    if (!options)
      options = {};
    let isSequential = options && options.sequential;
    let hasSharedStructures = options.structures || options.saveStructures;
    let maxSharedStructures = options.maxSharedStructures;
    if (maxSharedStructures == null)
      maxSharedStructures = hasSharedStructures ? 32 : 0;
    if (maxSharedStructures > 8160)
      throw new Error("Maximum maxSharedStructure is 8160");
    if (options.structuredClone && options.moreTypes == void 0) {
      this.moreTypes = true;
    }
    let maxOwnStructures = options.maxOwnStructures;
    if (maxOwnStructures == null)
      maxOwnStructures = hasSharedStructures ? 32 : 64;
    if (!this.structures && options.useRecords != false)
      this.structures = [];
    let useTwoByteRecords = maxSharedStructures > 32 || maxOwnStructures + maxSharedStructures > 64;
    let sharedLimitId = maxSharedStructures + 64;
    let maxStructureId = maxSharedStructures + maxOwnStructures + 64;
    if (maxStructureId > 8256) {
      throw new Error("Maximum maxSharedStructure + maxOwnStructure is 8192");
    }
    let recordIdsToRemove = [];
    let transitionsCount = 0;
    let serializationsSinceTransitionRebuild = 0;
    this.pack = this.encode = function(value, encodeOptions) {
      if (!target) {
        target = new ByteArrayAllocate(8192);
        targetView = target.dataView || (target.dataView = new DataView(target.buffer, 0, 8192));
        position2 = 0;
      }
      safeEnd = target.length - 10;
      if (safeEnd - position2 < 2048) {
        target = new ByteArrayAllocate(target.length);
        targetView = target.dataView || (target.dataView = new DataView(target.buffer, 0, target.length));
        safeEnd = target.length - 10;
        position2 = 0;
      } else
        position2 = position2 + 7 & 2147483640;
      start = position2;
      if (encodeOptions & RESERVE_START_SPACE) position2 += encodeOptions & 255;
      referenceMap2 = packr2.structuredClone ? /* @__PURE__ */ new Map() : null;
      if (packr2.bundleStrings && typeof value !== "string") {
        bundledStrings2 = [];
        bundledStrings2.size = Infinity;
      } else
        bundledStrings2 = null;
      structures = packr2.structures;
      if (structures) {
        if (structures.uninitialized)
          structures = packr2._mergeStructures(packr2.getStructures());
        let sharedLength = structures.sharedLength || 0;
        if (sharedLength > maxSharedStructures) {
          throw new Error("Shared structures is larger than maximum shared structures, try increasing maxSharedStructures to " + structures.sharedLength);
        }
        if (!structures.transitions) {
          structures.transitions = /* @__PURE__ */ Object.create(null);
          for (let i = 0; i < sharedLength; i++) {
            let keys = structures[i];
            if (!keys)
              continue;
            let nextTransition, transition = structures.transitions;
            for (let j = 0, l = keys.length; j < l; j++) {
              let key = keys[j];
              nextTransition = transition[key];
              if (!nextTransition) {
                nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
              }
              transition = nextTransition;
            }
            transition[RECORD_SYMBOL] = i + 64;
          }
          this.lastNamedStructuresLength = sharedLength;
        }
        if (!isSequential) {
          structures.nextId = sharedLength + 64;
        }
      }
      if (hasSharedUpdate)
        hasSharedUpdate = false;
      let encodingError;
      try {
        if (packr2.randomAccessStructure && !packr2.readOnlyStructures && value && typeof value === "object") {
          if (value.constructor === Object) writeStruct2(value);
          else if (value.constructor !== Map && !Array.isArray(value) && !extensionClasses.some((extClass) => value instanceof extClass)) {
            writeStruct2(value.toJSON ? value.toJSON() : value);
          } else pack3(value);
        } else
          pack3(value);
        let lastBundle = bundledStrings2;
        if (bundledStrings2)
          writeBundles(start, pack3, 0);
        if (referenceMap2 && referenceMap2.idsToInsert) {
          let idsToInsert = referenceMap2.idsToInsert.sort((a, b) => a.offset > b.offset ? 1 : -1);
          let i = idsToInsert.length;
          let incrementPosition = -1;
          while (lastBundle && i > 0) {
            let insertionPoint = idsToInsert[--i].offset + start;
            if (insertionPoint < lastBundle.stringsPosition + start && incrementPosition === -1)
              incrementPosition = 0;
            if (insertionPoint > lastBundle.position + start) {
              if (incrementPosition >= 0)
                incrementPosition += 6;
            } else {
              if (incrementPosition >= 0) {
                targetView.setUint32(
                  lastBundle.position + start,
                  targetView.getUint32(lastBundle.position + start) + incrementPosition
                );
                incrementPosition = -1;
              }
              lastBundle = lastBundle.previous;
              i++;
            }
          }
          if (incrementPosition >= 0 && lastBundle) {
            targetView.setUint32(
              lastBundle.position + start,
              targetView.getUint32(lastBundle.position + start) + incrementPosition
            );
          }
          position2 += idsToInsert.length * 6;
          if (position2 > safeEnd)
            makeRoom(position2);
          packr2.offset = position2;
          let serialized = insertIds(target.subarray(start, position2), idsToInsert);
          referenceMap2 = null;
          return serialized;
        }
        packr2.offset = position2;
        if (encodeOptions & REUSE_BUFFER_MODE) {
          target.start = start;
          target.end = position2;
          return target;
        }
        return target.subarray(start, position2);
      } catch (error) {
        encodingError = error;
        throw error;
      } finally {
        if (structures) {
          resetStructures();
          if (hasSharedUpdate && packr2.saveStructures) {
            let sharedLength = structures.sharedLength || 0;
            let returnBuffer = target.subarray(start, position2);
            let newSharedData = prepareStructures(structures, packr2);
            if (!encodingError) {
              if (packr2.saveStructures(newSharedData, newSharedData.isCompatible) === false) {
                structures.uninitialized = true;
                return packr2.pack(value, encodeOptions);
              }
              packr2.lastNamedStructuresLength = sharedLength;
              if (target.length > 1073741824) target = null;
              return returnBuffer;
            }
          }
        }
        if (target.length > 1073741824) target = null;
        if (encodeOptions & RESET_BUFFER_MODE)
          position2 = start;
      }
    };
    const resetStructures = () => {
      if (serializationsSinceTransitionRebuild < 10)
        serializationsSinceTransitionRebuild++;
      let sharedLength = structures.sharedLength || 0;
      if (structures.length > sharedLength && !isSequential)
        structures.length = sharedLength;
      if (transitionsCount > 1e4) {
        structures.transitions = null;
        serializationsSinceTransitionRebuild = 0;
        transitionsCount = 0;
        if (recordIdsToRemove.length > 0)
          recordIdsToRemove = [];
      } else if (recordIdsToRemove.length > 0 && !isSequential) {
        for (let i = 0, l = recordIdsToRemove.length; i < l; i++) {
          recordIdsToRemove[i][RECORD_SYMBOL] = 0;
        }
        recordIdsToRemove = [];
      }
    };
    const packArray = (value) => {
      var length = value.length;
      if (length < 16) {
        target[position2++] = 144 | length;
      } else if (length < 65536) {
        target[position2++] = 220;
        target[position2++] = length >> 8;
        target[position2++] = length & 255;
      } else {
        target[position2++] = 221;
        targetView.setUint32(position2, length);
        position2 += 4;
      }
      for (let i = 0; i < length; i++) {
        pack3(value[i]);
      }
    };
    const pack3 = (value) => {
      if (position2 > safeEnd)
        target = makeRoom(position2);
      var type = typeof value;
      var length;
      if (type === "string") {
        let strLength = value.length;
        if (bundledStrings2 && strLength >= 4 && strLength < 4096) {
          if ((bundledStrings2.size += strLength) > MAX_BUNDLE_SIZE) {
            let extStart;
            let maxBytes2 = (bundledStrings2[0] ? bundledStrings2[0].length * 3 + bundledStrings2[1].length : 0) + 10;
            if (position2 + maxBytes2 > safeEnd)
              target = makeRoom(position2 + maxBytes2);
            let lastBundle;
            if (bundledStrings2.position) {
              lastBundle = bundledStrings2;
              target[position2] = 200;
              position2 += 3;
              target[position2++] = 98;
              extStart = position2 - start;
              position2 += 4;
              writeBundles(start, pack3, 0);
              targetView.setUint16(extStart + start - 3, position2 - start - extStart);
            } else {
              target[position2++] = 214;
              target[position2++] = 98;
              extStart = position2 - start;
              position2 += 4;
            }
            bundledStrings2 = ["", ""];
            bundledStrings2.previous = lastBundle;
            bundledStrings2.size = 0;
            bundledStrings2.position = extStart;
          }
          let twoByte = hasNonLatin.test(value);
          bundledStrings2[twoByte ? 0 : 1] += value;
          target[position2++] = 193;
          pack3(twoByte ? -strLength : strLength);
          return;
        }
        let headerSize;
        if (strLength < 32) {
          headerSize = 1;
        } else if (strLength < 256) {
          headerSize = 2;
        } else if (strLength < 65536) {
          headerSize = 3;
        } else {
          headerSize = 5;
        }
        let maxBytes = strLength * 3;
        if (position2 + maxBytes > safeEnd)
          target = makeRoom(position2 + maxBytes);
        if (strLength < 64 || !encodeUtf82) {
          let i, c1, c2, strPosition = position2 + headerSize;
          for (i = 0; i < strLength; i++) {
            c1 = value.charCodeAt(i);
            if (c1 < 128) {
              target[strPosition++] = c1;
            } else if (c1 < 2048) {
              target[strPosition++] = c1 >> 6 | 192;
              target[strPosition++] = c1 & 63 | 128;
            } else if ((c1 & 64512) === 55296 && ((c2 = value.charCodeAt(i + 1)) & 64512) === 56320) {
              c1 = 65536 + ((c1 & 1023) << 10) + (c2 & 1023);
              i++;
              target[strPosition++] = c1 >> 18 | 240;
              target[strPosition++] = c1 >> 12 & 63 | 128;
              target[strPosition++] = c1 >> 6 & 63 | 128;
              target[strPosition++] = c1 & 63 | 128;
            } else {
              target[strPosition++] = c1 >> 12 | 224;
              target[strPosition++] = c1 >> 6 & 63 | 128;
              target[strPosition++] = c1 & 63 | 128;
            }
          }
          length = strPosition - position2 - headerSize;
        } else {
          length = encodeUtf82(value, position2 + headerSize);
        }
        if (length < 32) {
          target[position2++] = 160 | length;
        } else if (length < 256) {
          if (headerSize < 2) {
            target.copyWithin(position2 + 2, position2 + 1, position2 + 1 + length);
          }
          target[position2++] = 217;
          target[position2++] = length;
        } else if (length < 65536) {
          if (headerSize < 3) {
            target.copyWithin(position2 + 3, position2 + 2, position2 + 2 + length);
          }
          target[position2++] = 218;
          target[position2++] = length >> 8;
          target[position2++] = length & 255;
        } else {
          if (headerSize < 5) {
            target.copyWithin(position2 + 5, position2 + 3, position2 + 3 + length);
          }
          target[position2++] = 219;
          targetView.setUint32(position2, length);
          position2 += 4;
        }
        position2 += length;
      } else if (type === "number") {
        if (value >>> 0 === value) {
          if (value < 32 || value < 128 && this.useRecords === false || value < 64 && !this.randomAccessStructure) {
            target[position2++] = value;
          } else if (value < 256) {
            target[position2++] = 204;
            target[position2++] = value;
          } else if (value < 65536) {
            target[position2++] = 205;
            target[position2++] = value >> 8;
            target[position2++] = value & 255;
          } else {
            target[position2++] = 206;
            targetView.setUint32(position2, value);
            position2 += 4;
          }
        } else if (value >> 0 === value) {
          if (value >= -32) {
            target[position2++] = 256 + value;
          } else if (value >= -128) {
            target[position2++] = 208;
            target[position2++] = value + 256;
          } else if (value >= -32768) {
            target[position2++] = 209;
            targetView.setInt16(position2, value);
            position2 += 2;
          } else {
            target[position2++] = 210;
            targetView.setInt32(position2, value);
            position2 += 4;
          }
        } else {
          let useFloat32;
          if ((useFloat32 = this.useFloat32) > 0 && value < 4294967296 && value >= -2147483648) {
            target[position2++] = 202;
            targetView.setFloat32(position2, value);
            let xShifted;
            if (useFloat32 < 4 || // this checks for rounding of numbers that were encoded in 32-bit float to nearest significant decimal digit that could be preserved
            (xShifted = value * mult10[(target[position2] & 127) << 1 | target[position2 + 1] >> 7]) >> 0 === xShifted) {
              position2 += 4;
              return;
            } else
              position2--;
          }
          target[position2++] = 203;
          targetView.setFloat64(position2, value);
          position2 += 8;
        }
      } else if (type === "object" || type === "function") {
        if (!value)
          target[position2++] = 192;
        else {
          if (referenceMap2) {
            let referee = referenceMap2.get(value);
            if (referee) {
              if (!referee.id) {
                let idsToInsert = referenceMap2.idsToInsert || (referenceMap2.idsToInsert = []);
                referee.id = idsToInsert.push(referee);
              }
              target[position2++] = 214;
              target[position2++] = 112;
              targetView.setUint32(position2, referee.id);
              position2 += 4;
              return;
            } else
              referenceMap2.set(value, { offset: position2 - start });
          }
          let constructor = value.constructor;
          if (constructor === Object) {
            writeObject(value);
          } else if (constructor === Array) {
            packArray(value);
          } else if (constructor === Map) {
            if (this.mapAsEmptyObject) target[position2++] = 128;
            else {
              length = value.size;
              if (length < 16) {
                target[position2++] = 128 | length;
              } else if (length < 65536) {
                target[position2++] = 222;
                target[position2++] = length >> 8;
                target[position2++] = length & 255;
              } else {
                target[position2++] = 223;
                targetView.setUint32(position2, length);
                position2 += 4;
              }
              for (let [key, entryValue] of value) {
                pack3(key);
                pack3(entryValue);
              }
            }
          } else {
            for (let i = 0, l = extensions.length; i < l; i++) {
              let extensionClass = extensionClasses[i];
              if (value instanceof extensionClass) {
                let extension2 = extensions[i];
                if (extension2.write) {
                  if (extension2.type) {
                    target[position2++] = 212;
                    target[position2++] = extension2.type;
                    target[position2++] = 0;
                  }
                  let writeResult = extension2.write.call(this, value);
                  if (writeResult === value) {
                    if (Array.isArray(value)) {
                      packArray(value);
                    } else {
                      writeObject(value);
                    }
                  } else {
                    pack3(writeResult);
                  }
                  return;
                }
                let currentTarget = target;
                let currentTargetView = targetView;
                let currentPosition = position2;
                target = null;
                let result;
                try {
                  result = extension2.pack.call(this, value, (size) => {
                    target = currentTarget;
                    currentTarget = null;
                    position2 += size;
                    if (position2 > safeEnd)
                      makeRoom(position2);
                    return {
                      target,
                      targetView,
                      position: position2 - size
                    };
                  }, pack3);
                } finally {
                  if (currentTarget) {
                    target = currentTarget;
                    targetView = currentTargetView;
                    position2 = currentPosition;
                    safeEnd = target.length - 10;
                  }
                }
                if (result) {
                  if (result.length + position2 > safeEnd)
                    makeRoom(result.length + position2);
                  position2 = writeExtensionData(result, target, position2, extension2.type);
                }
                return;
              }
            }
            if (Array.isArray(value)) {
              packArray(value);
            } else {
              if (value.toJSON) {
                const json = value.toJSON();
                if (json !== value)
                  return pack3(json);
              }
              if (type === "function")
                return pack3(this.writeFunction && this.writeFunction(value));
              writeObject(value);
            }
          }
        }
      } else if (type === "boolean") {
        target[position2++] = value ? 195 : 194;
      } else if (type === "bigint") {
        if (value < 9223372036854776e3 && value >= -9223372036854776e3) {
          target[position2++] = 211;
          targetView.setBigInt64(position2, value);
        } else if (value < 18446744073709552e3 && value > 0) {
          target[position2++] = 207;
          targetView.setBigUint64(position2, value);
        } else {
          if (this.largeBigIntToFloat) {
            target[position2++] = 203;
            targetView.setFloat64(position2, Number(value));
          } else if (this.largeBigIntToString) {
            return pack3(value.toString());
          } else if (this.useBigIntExtension || this.moreTypes) {
            let empty = value < 0 ? BigInt(-1) : BigInt(0);
            let array;
            if (value >> BigInt(65536) === empty) {
              let mask = BigInt(18446744073709552e3) - BigInt(1);
              let chunks = [];
              while (true) {
                chunks.push(value & mask);
                if (value >> BigInt(63) === empty) break;
                value >>= BigInt(64);
              }
              array = new Uint8Array(new BigUint64Array(chunks).buffer);
              array.reverse();
            } else {
              let invert = value < 0;
              let string = (invert ? ~value : value).toString(16);
              if (string.length % 2) {
                string = "0" + string;
              } else if (parseInt(string.charAt(0), 16) >= 8) {
                string = "00" + string;
              }
              if (hasNodeBuffer) {
                array = Buffer.from(string, "hex");
              } else {
                array = new Uint8Array(string.length / 2);
                for (let i = 0; i < array.length; i++) {
                  array[i] = parseInt(string.slice(i * 2, i * 2 + 2), 16);
                }
              }
              if (invert) {
                for (let i = 0; i < array.length; i++) array[i] = ~array[i];
              }
            }
            if (array.length + position2 > safeEnd)
              makeRoom(array.length + position2);
            position2 = writeExtensionData(array, target, position2, 66);
            return;
          } else {
            throw new RangeError(value + " was too large to fit in MessagePack 64-bit integer format, use useBigIntExtension, or set largeBigIntToFloat to convert to float-64, or set largeBigIntToString to convert to string");
          }
        }
        position2 += 8;
      } else if (type === "undefined") {
        if (this.encodeUndefinedAsNil)
          target[position2++] = 192;
        else {
          target[position2++] = 212;
          target[position2++] = 0;
          target[position2++] = 0;
        }
      } else {
        throw new Error("Unknown type: " + type);
      }
    };
    const writePlainObject = this.variableMapSize || this.coercibleKeyAsNumber || this.skipValues ? (object) => {
      let keys;
      if (this.skipValues) {
        keys = [];
        for (let key2 in object) {
          if ((typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key2)) && !this.skipValues.includes(object[key2]))
            keys.push(key2);
        }
      } else {
        keys = Object.keys(object);
      }
      let length = keys.length;
      if (length < 16) {
        target[position2++] = 128 | length;
      } else if (length < 65536) {
        target[position2++] = 222;
        target[position2++] = length >> 8;
        target[position2++] = length & 255;
      } else {
        target[position2++] = 223;
        targetView.setUint32(position2, length);
        position2 += 4;
      }
      let key;
      if (this.coercibleKeyAsNumber) {
        for (let i = 0; i < length; i++) {
          key = keys[i];
          let num = Number(key);
          pack3(isNaN(num) ? key : num);
          pack3(object[key]);
        }
      } else {
        for (let i = 0; i < length; i++) {
          pack3(key = keys[i]);
          pack3(object[key]);
        }
      }
    } : (object) => {
      target[position2++] = 222;
      let objectOffset = position2 - start;
      position2 += 2;
      let size = 0;
      for (let key in object) {
        if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
          pack3(key);
          pack3(object[key]);
          size++;
        }
      }
      if (size > 65535) {
        throw new Error('Object is too large to serialize with fast 16-bit map size, use the "variableMapSize" option to serialize this object');
      }
      target[objectOffset++ + start] = size >> 8;
      target[objectOffset + start] = size & 255;
    };
    const writeRecord = this.useRecords === false ? writePlainObject : options.progressiveRecords && !useTwoByteRecords ? (
      // this is about 2% faster for highly stable structures, since it only requires one for-in loop (but much more expensive when new structure needs to be written)
      (object) => {
        let nextTransition, transition = structures.transitions || (structures.transitions = /* @__PURE__ */ Object.create(null));
        let objectOffset = position2++ - start;
        let wroteKeys;
        for (let key in object) {
          if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
            nextTransition = transition[key];
            if (nextTransition)
              transition = nextTransition;
            else {
              let keys = Object.keys(object);
              let lastTransition = transition;
              transition = structures.transitions;
              let newTransitions = 0;
              for (let i = 0, l = keys.length; i < l; i++) {
                let key2 = keys[i];
                nextTransition = transition[key2];
                if (!nextTransition) {
                  nextTransition = transition[key2] = /* @__PURE__ */ Object.create(null);
                  newTransitions++;
                }
                transition = nextTransition;
              }
              if (objectOffset + start + 1 == position2) {
                position2--;
                newRecord(transition, keys, newTransitions);
              } else
                insertNewRecord(transition, keys, objectOffset, newTransitions);
              wroteKeys = true;
              transition = lastTransition[key];
            }
            pack3(object[key]);
          }
        }
        if (!wroteKeys) {
          let recordId = transition[RECORD_SYMBOL];
          if (recordId)
            target[objectOffset + start] = recordId;
          else
            insertNewRecord(transition, Object.keys(object), objectOffset, 0);
        }
      }
    ) : (object) => {
      let nextTransition, transition = structures.transitions || (structures.transitions = /* @__PURE__ */ Object.create(null));
      let newTransitions = 0;
      for (let key in object) if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
        nextTransition = transition[key];
        if (!nextTransition) {
          nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
          newTransitions++;
        }
        transition = nextTransition;
      }
      let recordId = transition[RECORD_SYMBOL];
      if (recordId) {
        if (recordId >= 96 && useTwoByteRecords) {
          target[position2++] = ((recordId -= 96) & 31) + 96;
          target[position2++] = recordId >> 5;
        } else
          target[position2++] = recordId;
      } else {
        newRecord(transition, transition.__keys__ || Object.keys(object), newTransitions);
      }
      for (let key in object)
        if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
          pack3(object[key]);
        }
    };
    const checkUseRecords = typeof this.useRecords == "function" && this.useRecords;
    const writeObject = checkUseRecords ? (object) => {
      checkUseRecords(object) ? writeRecord(object) : writePlainObject(object);
    } : writeRecord;
    const makeRoom = (end) => {
      let newSize;
      if (end > 16777216) {
        if (end - start > MAX_BUFFER_SIZE)
          throw new Error("Packed buffer would be larger than maximum buffer size");
        newSize = Math.min(
          MAX_BUFFER_SIZE,
          Math.round(Math.max((end - start) * (end > 67108864 ? 1.25 : 2), 4194304) / 4096) * 4096
        );
      } else
        newSize = (Math.max(end - start << 2, target.length - 1) >> 12) + 1 << 12;
      let newBuffer = new ByteArrayAllocate(newSize);
      targetView = newBuffer.dataView || (newBuffer.dataView = new DataView(newBuffer.buffer, 0, newSize));
      end = Math.min(end, target.length);
      if (target.copy)
        target.copy(newBuffer, 0, start, end);
      else
        newBuffer.set(target.slice(start, end));
      position2 -= start;
      start = 0;
      safeEnd = newBuffer.length - 10;
      return target = newBuffer;
    };
    const newRecord = (transition, keys, newTransitions) => {
      let recordId = structures.nextId;
      if (!recordId)
        recordId = 64;
      if (recordId < sharedLimitId && this.shouldShareStructure && !this.shouldShareStructure(keys)) {
        recordId = structures.nextOwnId;
        if (!(recordId < maxStructureId))
          recordId = sharedLimitId;
        structures.nextOwnId = recordId + 1;
      } else {
        if (recordId >= maxStructureId)
          recordId = sharedLimitId;
        structures.nextId = recordId + 1;
      }
      let highByte = keys.highByte = recordId >= 96 && useTwoByteRecords ? recordId - 96 >> 5 : -1;
      transition[RECORD_SYMBOL] = recordId;
      transition.__keys__ = keys;
      structures[recordId - 64] = keys;
      if (recordId < sharedLimitId) {
        keys.isShared = true;
        structures.sharedLength = recordId - 63;
        hasSharedUpdate = true;
        if (highByte >= 0) {
          target[position2++] = (recordId & 31) + 96;
          target[position2++] = highByte;
        } else {
          target[position2++] = recordId;
        }
      } else {
        if (highByte >= 0) {
          target[position2++] = 213;
          target[position2++] = 114;
          target[position2++] = (recordId & 31) + 96;
          target[position2++] = highByte;
        } else {
          target[position2++] = 212;
          target[position2++] = 114;
          target[position2++] = recordId;
        }
        if (newTransitions)
          transitionsCount += serializationsSinceTransitionRebuild * newTransitions;
        if (recordIdsToRemove.length >= maxOwnStructures)
          recordIdsToRemove.shift()[RECORD_SYMBOL] = 0;
        recordIdsToRemove.push(transition);
        pack3(keys);
      }
    };
    const insertNewRecord = (transition, keys, insertionOffset, newTransitions) => {
      let mainTarget = target;
      let mainPosition = position2;
      let mainSafeEnd = safeEnd;
      let mainStart = start;
      target = keysTarget;
      position2 = 0;
      start = 0;
      if (!target)
        keysTarget = target = new ByteArrayAllocate(8192);
      safeEnd = target.length - 10;
      newRecord(transition, keys, newTransitions);
      keysTarget = target;
      let keysPosition = position2;
      target = mainTarget;
      position2 = mainPosition;
      safeEnd = mainSafeEnd;
      start = mainStart;
      if (keysPosition > 1) {
        let newEnd = position2 + keysPosition - 1;
        if (newEnd > safeEnd)
          makeRoom(newEnd);
        let insertionPosition = insertionOffset + start;
        target.copyWithin(insertionPosition + keysPosition, insertionPosition + 1, position2);
        target.set(keysTarget.slice(0, keysPosition), insertionPosition);
        position2 = newEnd;
      } else {
        target[insertionOffset + start] = keysTarget[0];
      }
    };
    const writeStruct2 = (object) => {
      let newPosition = writeStructSlots(object, target, start, position2, structures, makeRoom, (value, newPosition2, notifySharedUpdate) => {
        if (notifySharedUpdate)
          return hasSharedUpdate = true;
        position2 = newPosition2;
        let startTarget = target;
        pack3(value);
        resetStructures();
        if (startTarget !== target) {
          return { position: position2, targetView, target };
        }
        return position2;
      }, this);
      if (newPosition === 0)
        return writeObject(object);
      position2 = newPosition;
    };
  }
  useBuffer(buffer) {
    target = buffer;
    target.dataView || (target.dataView = new DataView(target.buffer, target.byteOffset, target.byteLength));
    targetView = target.dataView;
    position2 = 0;
  }
  set position(value) {
    position2 = value;
  }
  get position() {
    return position2;
  }
  clearSharedData() {
    if (this.structures)
      this.structures = [];
    if (this.typedStructs)
      this.typedStructs = [];
  }
};
extensionClasses = [Date, Set, Error, RegExp, ArrayBuffer, Object.getPrototypeOf(Uint8Array.prototype).constructor, DataView, C1Type];
extensions = [{
  pack(date, allocateForWrite, pack3) {
    let seconds = date.getTime() / 1e3;
    if ((this.useTimestamp32 || date.getMilliseconds() === 0) && seconds >= 0 && seconds < 4294967296) {
      let { target: target3, targetView: targetView2, position: position3 } = allocateForWrite(6);
      target3[position3++] = 214;
      target3[position3++] = 255;
      targetView2.setUint32(position3, seconds);
    } else if (seconds > 0 && seconds < 4294967296) {
      let { target: target3, targetView: targetView2, position: position3 } = allocateForWrite(10);
      target3[position3++] = 215;
      target3[position3++] = 255;
      targetView2.setUint32(position3, date.getMilliseconds() * 4e6 + (seconds / 1e3 / 4294967296 >> 0));
      targetView2.setUint32(position3 + 4, seconds);
    } else if (isNaN(seconds)) {
      if (this.onInvalidDate) {
        allocateForWrite(0);
        return pack3(this.onInvalidDate());
      }
      let { target: target3, targetView: targetView2, position: position3 } = allocateForWrite(3);
      target3[position3++] = 212;
      target3[position3++] = 255;
      target3[position3++] = 255;
    } else {
      let { target: target3, targetView: targetView2, position: position3 } = allocateForWrite(15);
      target3[position3++] = 199;
      target3[position3++] = 12;
      target3[position3++] = 255;
      targetView2.setUint32(position3, date.getMilliseconds() * 1e6);
      targetView2.setBigInt64(position3 + 4, BigInt(Math.floor(seconds)));
    }
  }
}, {
  pack(set, allocateForWrite, pack3) {
    if (this.setAsEmptyObject) {
      allocateForWrite(0);
      return pack3({});
    }
    let array = Array.from(set);
    let { target: target3, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target3[position3++] = 212;
      target3[position3++] = 115;
      target3[position3++] = 0;
    }
    pack3(array);
  }
}, {
  pack(error, allocateForWrite, pack3) {
    let { target: target3, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target3[position3++] = 212;
      target3[position3++] = 101;
      target3[position3++] = 0;
    }
    pack3([error.name, error.message, error.cause]);
  }
}, {
  pack(regex, allocateForWrite, pack3) {
    let { target: target3, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target3[position3++] = 212;
      target3[position3++] = 120;
      target3[position3++] = 0;
    }
    pack3([regex.source, regex.flags]);
  }
}, {
  pack(arrayBuffer, allocateForWrite) {
    if (this.moreTypes)
      writeExtBuffer(arrayBuffer, 16, allocateForWrite);
    else
      writeBuffer(hasNodeBuffer ? Buffer.from(arrayBuffer) : new Uint8Array(arrayBuffer), allocateForWrite);
  }
}, {
  pack(typedArray, allocateForWrite) {
    let constructor = typedArray.constructor;
    if (constructor !== ByteArray && this.moreTypes)
      writeExtBuffer(typedArray, typedArrays.indexOf(constructor.name), allocateForWrite);
    else
      writeBuffer(typedArray, allocateForWrite);
  }
}, {
  pack(arrayBuffer, allocateForWrite) {
    if (this.moreTypes)
      writeExtBuffer(arrayBuffer, 17, allocateForWrite);
    else
      writeBuffer(hasNodeBuffer ? Buffer.from(arrayBuffer) : new Uint8Array(arrayBuffer), allocateForWrite);
  }
}, {
  pack(c1, allocateForWrite) {
    let { target: target3, position: position3 } = allocateForWrite(1);
    target3[position3] = 193;
  }
}];
function writeExtBuffer(typedArray, type, allocateForWrite, encode3) {
  let length = typedArray.byteLength;
  if (length + 1 < 256) {
    var { target: target3, position: position3 } = allocateForWrite(4 + length);
    target3[position3++] = 199;
    target3[position3++] = length + 1;
  } else if (length + 1 < 65536) {
    var { target: target3, position: position3 } = allocateForWrite(5 + length);
    target3[position3++] = 200;
    target3[position3++] = length + 1 >> 8;
    target3[position3++] = length + 1 & 255;
  } else {
    var { target: target3, position: position3, targetView: targetView2 } = allocateForWrite(7 + length);
    target3[position3++] = 201;
    targetView2.setUint32(position3, length + 1);
    position3 += 4;
  }
  target3[position3++] = 116;
  target3[position3++] = type;
  if (!typedArray.buffer) typedArray = new Uint8Array(typedArray);
  target3.set(new Uint8Array(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength), position3);
}
function writeBuffer(buffer, allocateForWrite) {
  let length = buffer.byteLength;
  var target3, position3;
  if (length < 256) {
    var { target: target3, position: position3 } = allocateForWrite(length + 2);
    target3[position3++] = 196;
    target3[position3++] = length;
  } else if (length < 65536) {
    var { target: target3, position: position3 } = allocateForWrite(length + 3);
    target3[position3++] = 197;
    target3[position3++] = length >> 8;
    target3[position3++] = length & 255;
  } else {
    var { target: target3, position: position3, targetView: targetView2 } = allocateForWrite(length + 5);
    target3[position3++] = 198;
    targetView2.setUint32(position3, length);
    position3 += 4;
  }
  target3.set(buffer, position3);
}
function writeExtensionData(result, target3, position3, type) {
  let length = result.length;
  switch (length) {
    case 1:
      target3[position3++] = 212;
      break;
    case 2:
      target3[position3++] = 213;
      break;
    case 4:
      target3[position3++] = 214;
      break;
    case 8:
      target3[position3++] = 215;
      break;
    case 16:
      target3[position3++] = 216;
      break;
    default:
      if (length < 256) {
        target3[position3++] = 199;
        target3[position3++] = length;
      } else if (length < 65536) {
        target3[position3++] = 200;
        target3[position3++] = length >> 8;
        target3[position3++] = length & 255;
      } else {
        target3[position3++] = 201;
        target3[position3++] = length >> 24;
        target3[position3++] = length >> 16 & 255;
        target3[position3++] = length >> 8 & 255;
        target3[position3++] = length & 255;
      }
  }
  target3[position3++] = type;
  target3.set(result, position3);
  position3 += length;
  return position3;
}
function insertIds(serialized, idsToInsert) {
  let nextId2;
  let distanceToMove = idsToInsert.length * 6;
  let lastEnd = serialized.length - distanceToMove;
  while (nextId2 = idsToInsert.pop()) {
    let offset = nextId2.offset;
    let id = nextId2.id;
    serialized.copyWithin(offset + distanceToMove, offset, lastEnd);
    distanceToMove -= 6;
    let position3 = offset + distanceToMove;
    serialized[position3++] = 214;
    serialized[position3++] = 105;
    serialized[position3++] = id >> 24;
    serialized[position3++] = id >> 16 & 255;
    serialized[position3++] = id >> 8 & 255;
    serialized[position3++] = id & 255;
    lastEnd = offset;
  }
  return serialized;
}
function writeBundles(start, pack3, incrementPosition) {
  if (bundledStrings2.length > 0) {
    targetView.setUint32(bundledStrings2.position + start, position2 + incrementPosition - bundledStrings2.position - start);
    bundledStrings2.stringsPosition = position2 - start;
    let writeStrings = bundledStrings2;
    bundledStrings2 = null;
    pack3(writeStrings[0]);
    pack3(writeStrings[1]);
  }
}
function prepareStructures(structures, packr2) {
  structures.isCompatible = (existingStructures) => {
    let compatible = !existingStructures || (packr2.lastNamedStructuresLength || 0) === existingStructures.length;
    if (!compatible)
      packr2._mergeStructures(existingStructures);
    return compatible;
  };
  return structures;
}
function setWriteStructSlots(writeSlots, makeStructures) {
  writeStructSlots = writeSlots;
  prepareStructures = makeStructures;
}
var defaultPackr = new Packr({ useRecords: false });
var pack = defaultPackr.pack;
var encode = defaultPackr.pack;
var { NEVER, ALWAYS, DECIMAL_ROUND, DECIMAL_FIT } = FLOAT32_OPTIONS;
var REUSE_BUFFER_MODE = 512;
var RESET_BUFFER_MODE = 1024;
var RESERVE_START_SPACE = 2048;

// ../../work/main/node_modules/msgpackr/struct.js
var ASCII = 3;
var NUMBER = 0;
var UTF8 = 2;
var OBJECT_DATA = 1;
var DATE = 16;
var TYPE_NAMES = ["num", "object", "string", "ascii"];
TYPE_NAMES[DATE] = "date";
var float32Headers = [false, true, true, false, false, true, true, false];
var evalSupported;
try {
  new Function("");
  evalSupported = true;
} catch (error) {
}
var updatedPosition;
var hasNodeBuffer2 = typeof Buffer !== "undefined";
var textEncoder2;
var currentSource;
try {
  textEncoder2 = new TextEncoder();
} catch (error) {
}
var encodeUtf8 = hasNodeBuffer2 ? function(target3, string, position3) {
  return target3.utf8Write(string, position3, target3.byteLength - position3);
} : textEncoder2 && textEncoder2.encodeInto ? function(target3, string, position3) {
  return textEncoder2.encodeInto(string, target3.subarray(position3)).written;
} : false;
var TYPE = Symbol("type");
var PARENT = Symbol("parent");
setWriteStructSlots(writeStruct, prepareStructures2);
function writeStruct(object, target3, encodingStart, position3, structures, makeRoom, pack3, packr2, structureKnown) {
  let typedStructs = packr2.typedStructs || (packr2.typedStructs = []);
  const cap = packr2.maxOwnStructures ?? Infinity;
  const frozen = !structureKnown && typedStructs.length >= cap;
  let targetView2 = target3.dataView;
  let refsStartPosition = (typedStructs.lastStringStart || 100) + position3;
  let safeEnd2 = target3.length - 10;
  let start = position3;
  if (position3 > safeEnd2) {
    target3 = makeRoom(position3);
    targetView2 = target3.dataView;
    position3 -= encodingStart;
    start -= encodingStart;
    refsStartPosition -= encodingStart;
    encodingStart = 0;
    safeEnd2 = target3.length - 10;
  }
  let refOffset, refPosition = refsStartPosition;
  let transition = typedStructs.transitions || (typedStructs.transitions = /* @__PURE__ */ Object.create(null));
  let nextId2 = typedStructs.nextId || typedStructs.length;
  let headerSize = nextId2 < 15 ? 1 : nextId2 < 240 ? 2 : nextId2 < 61440 ? 3 : nextId2 < 15728640 ? 4 : 0;
  if (headerSize === 0)
    return 0;
  position3 += headerSize;
  let queuedReferences = [];
  let usedAscii0;
  let keyIndex = 0;
  for (let key in object) {
    let nextTransition = transition[key];
    if (!nextTransition) {
      if (frozen) return 0;
      transition[key] = nextTransition = {
        key,
        parent: transition,
        enumerationOffset: 0,
        ascii0: null,
        ascii8: null,
        num8: null,
        string16: null,
        object16: null,
        num32: null,
        float64: null,
        date64: null
      };
    }
    let value = object[key];
    if (position3 > safeEnd2) {
      target3 = makeRoom(position3);
      targetView2 = target3.dataView;
      position3 -= encodingStart;
      start -= encodingStart;
      refsStartPosition -= encodingStart;
      refPosition -= encodingStart;
      encodingStart = 0;
      safeEnd2 = target3.length - 10;
    }
    switch (typeof value) {
      case "number":
        let number = value;
        if (nextId2 < 200 || !nextTransition.num64) {
          if (number >> 0 === number && number < 536870912 && number > -520093696) {
            if (number < 246 && number >= 0 && (nextTransition.num8 && !(nextId2 > 200 && nextTransition.num32) || number < 32 && !nextTransition.num32)) {
              transition = nextTransition.num8 || createTypeTransition(nextTransition, NUMBER, 1, frozen);
              target3[position3++] = number;
            } else {
              transition = nextTransition.num32 || createTypeTransition(nextTransition, NUMBER, 4, frozen);
              targetView2.setUint32(position3, number, true);
              position3 += 4;
            }
            break;
          } else if (number < 4294967296 && number >= -2147483648) {
            targetView2.setFloat32(position3, number, true);
            if (float32Headers[target3[position3 + 3] >>> 5]) {
              let xShifted;
              if ((xShifted = number * mult10[(target3[position3 + 3] & 127) << 1 | target3[position3 + 2] >> 7]) >> 0 === xShifted) {
                transition = nextTransition.num32 || createTypeTransition(nextTransition, NUMBER, 4, frozen);
                position3 += 4;
                break;
              }
            }
          }
        }
        transition = nextTransition.num64 || createTypeTransition(nextTransition, NUMBER, 8, frozen);
        targetView2.setFloat64(position3, number, true);
        position3 += 8;
        break;
      case "string":
        let strLength = value.length;
        refOffset = refPosition - refsStartPosition;
        if ((strLength << 2) + refPosition > safeEnd2) {
          target3 = makeRoom((strLength << 2) + refPosition);
          targetView2 = target3.dataView;
          position3 -= encodingStart;
          start -= encodingStart;
          refsStartPosition -= encodingStart;
          refPosition -= encodingStart;
          encodingStart = 0;
          safeEnd2 = target3.length - 10;
        }
        if (strLength > 65280 + refOffset >> 2) {
          queuedReferences.push(key, value, position3 - start);
          break;
        }
        let isNotAscii;
        let strStart = refPosition;
        if (strLength < 64) {
          let i, c1, c2;
          for (i = 0; i < strLength; i++) {
            c1 = value.charCodeAt(i);
            if (c1 < 128) {
              target3[refPosition++] = c1;
            } else if (c1 < 2048) {
              isNotAscii = true;
              target3[refPosition++] = c1 >> 6 | 192;
              target3[refPosition++] = c1 & 63 | 128;
            } else if ((c1 & 64512) === 55296 && ((c2 = value.charCodeAt(i + 1)) & 64512) === 56320) {
              isNotAscii = true;
              c1 = 65536 + ((c1 & 1023) << 10) + (c2 & 1023);
              i++;
              target3[refPosition++] = c1 >> 18 | 240;
              target3[refPosition++] = c1 >> 12 & 63 | 128;
              target3[refPosition++] = c1 >> 6 & 63 | 128;
              target3[refPosition++] = c1 & 63 | 128;
            } else {
              isNotAscii = true;
              target3[refPosition++] = c1 >> 12 | 224;
              target3[refPosition++] = c1 >> 6 & 63 | 128;
              target3[refPosition++] = c1 & 63 | 128;
            }
          }
        } else {
          refPosition += encodeUtf8(target3, value, refPosition);
          isNotAscii = refPosition - strStart > strLength;
        }
        if (refOffset < 160 || refOffset < 246 && (nextTransition.ascii8 || nextTransition.string8)) {
          if (isNotAscii) {
            if (!(transition = nextTransition.string8)) {
              if (typedStructs.length > 10 && (transition = nextTransition.ascii8)) {
                transition.__type = UTF8;
                nextTransition.ascii8 = null;
                nextTransition.string8 = transition;
                pack3(null, 0, true);
              } else {
                transition = createTypeTransition(nextTransition, UTF8, 1, frozen);
              }
            }
          } else if (refOffset === 0 && !usedAscii0) {
            usedAscii0 = true;
            transition = nextTransition.ascii0 || createTypeTransition(nextTransition, ASCII, 0, frozen);
            break;
          } else if (!(transition = nextTransition.ascii8) && !(typedStructs.length > 10 && (transition = nextTransition.string8)))
            transition = createTypeTransition(nextTransition, ASCII, 1, frozen);
          target3[position3++] = refOffset;
        } else {
          transition = nextTransition.string16 || createTypeTransition(nextTransition, UTF8, 2, frozen);
          targetView2.setUint16(position3, refOffset, true);
          position3 += 2;
        }
        break;
      case "object":
        if (value) {
          if (value.constructor === Date) {
            transition = nextTransition.date64 || createTypeTransition(nextTransition, DATE, 8, frozen);
            targetView2.setFloat64(position3, value.getTime(), true);
            position3 += 8;
          } else {
            queuedReferences.push(key, value, keyIndex);
          }
          break;
        } else {
          nextTransition = anyType(nextTransition, position3, targetView2, -10);
          if (nextTransition) {
            transition = nextTransition;
            position3 = updatedPosition;
          } else queuedReferences.push(key, value, keyIndex);
        }
        break;
      case "boolean":
        transition = nextTransition.num8 || nextTransition.ascii8 || createTypeTransition(nextTransition, NUMBER, 1, frozen);
        target3[position3++] = value ? 249 : 248;
        break;
      case "undefined":
        nextTransition = anyType(nextTransition, position3, targetView2, -9);
        if (nextTransition) {
          transition = nextTransition;
          position3 = updatedPosition;
        } else queuedReferences.push(key, value, keyIndex);
        break;
      default:
        queuedReferences.push(key, value, keyIndex);
    }
    if (transition === void 0) return 0;
    keyIndex++;
  }
  if (!structureKnown && queuedReferences.length > 0 && typedStructs.length >= cap) {
    let t = transition;
    for (let i = 0, l = queuedReferences.length; i < l; i += 3) {
      if (queuedReferences[i + 1] != null) return 0;
      const nt = t[queuedReferences[i]];
      if (!nt) return 0;
      const next2 = nt.object16;
      if (!next2) return 0;
      t = next2;
    }
    if (t[RECORD_SYMBOL] == null) return 0;
  }
  let packedRef = false;
  for (let i = 0, l = queuedReferences.length; i < l; ) {
    let key = queuedReferences[i++];
    let value = queuedReferences[i++];
    let propertyIndex = queuedReferences[i++];
    let nextTransition = transition[key];
    if (!nextTransition) {
      transition[key] = nextTransition = {
        key,
        parent: transition,
        enumerationOffset: propertyIndex - keyIndex,
        ascii0: null,
        ascii8: null,
        num8: null,
        string16: null,
        object16: null,
        num32: null,
        float64: null
      };
    }
    let newPosition;
    if (value) {
      let size;
      refOffset = refPosition - refsStartPosition;
      if (refOffset < 65280) {
        transition = nextTransition.object16;
        if (transition)
          size = 2;
        else if (transition = nextTransition.object32)
          size = 4;
        else {
          transition = forceTypeTransition(nextTransition, OBJECT_DATA, 2);
          size = 2;
        }
      } else {
        transition = nextTransition.object32 || forceTypeTransition(nextTransition, OBJECT_DATA, 4);
        size = 4;
      }
      newPosition = pack3(value, refPosition);
      packedRef = true;
      if (typeof newPosition === "object") {
        refPosition = newPosition.position;
        targetView2 = newPosition.targetView;
        target3 = newPosition.target;
        refsStartPosition -= encodingStart;
        position3 -= encodingStart;
        start -= encodingStart;
        encodingStart = 0;
      } else
        refPosition = newPosition;
      if (size === 2) {
        targetView2.setUint16(position3, refOffset, true);
        position3 += 2;
      } else {
        targetView2.setUint32(position3, refOffset, true);
        position3 += 4;
      }
    } else {
      transition = nextTransition.object16 || forceTypeTransition(nextTransition, OBJECT_DATA, 2);
      targetView2.setInt16(position3, value === null ? -10 : -9, true);
      position3 += 2;
    }
    keyIndex++;
  }
  let recordId = transition[RECORD_SYMBOL];
  if (recordId == null) {
    if (!packedRef && typedStructs.length >= cap) return 0;
    recordId = packr2.typedStructs.length;
    let structure = [];
    let nextTransition = transition;
    let key, type;
    while ((type = nextTransition.__type) !== void 0) {
      let size = nextTransition.__size;
      nextTransition = nextTransition.__parent;
      key = nextTransition.key;
      let property = [type, size, key];
      if (nextTransition.enumerationOffset)
        property.push(nextTransition.enumerationOffset);
      structure.push(property);
      nextTransition = nextTransition.parent;
    }
    structure.reverse();
    transition[RECORD_SYMBOL] = recordId;
    packr2.typedStructs[recordId] = structure;
    pack3(null, 0, true);
  }
  switch (headerSize) {
    case 1:
      if (recordId >= 16) return 0;
      target3[start] = recordId + 32;
      break;
    case 2:
      if (recordId >= 256) return 0;
      target3[start] = 56;
      target3[start + 1] = recordId;
      break;
    case 3:
      if (recordId >= 65536) return 0;
      target3[start] = 57;
      targetView2.setUint16(start + 1, recordId, true);
      break;
    case 4:
      if (recordId >= 16777216) return 0;
      targetView2.setUint32(start, (recordId << 8) + 58, true);
      break;
  }
  if (position3 < refsStartPosition) {
    if (refsStartPosition === refPosition)
      return position3;
    target3.copyWithin(position3, refsStartPosition, refPosition);
    refPosition += position3 - refsStartPosition;
    typedStructs.lastStringStart = position3 - start;
  } else if (position3 > refsStartPosition) {
    if (refsStartPosition === refPosition)
      return position3;
    typedStructs.lastStringStart = position3 - start;
    return writeStruct(object, target3, encodingStart, start, structures, makeRoom, pack3, packr2, true);
  }
  return refPosition;
}
function anyType(transition, position3, targetView2, value) {
  let nextTransition;
  if (nextTransition = transition.ascii8 || transition.num8) {
    targetView2.setInt8(position3, value, true);
    updatedPosition = position3 + 1;
    return nextTransition;
  }
  if (nextTransition = transition.string16 || transition.object16) {
    targetView2.setInt16(position3, value, true);
    updatedPosition = position3 + 2;
    return nextTransition;
  }
  if (nextTransition = transition.num32) {
    targetView2.setUint32(position3, 3758096640 + value, true);
    updatedPosition = position3 + 4;
    return nextTransition;
  }
  if (nextTransition = transition.num64) {
    targetView2.setFloat64(position3, NaN, true);
    targetView2.setInt8(position3, value);
    updatedPosition = position3 + 8;
    return nextTransition;
  }
  updatedPosition = position3;
  return;
}
function createTypeTransition(transition, type, size, frozen) {
  let typeName = TYPE_NAMES[type] + (size << 3);
  let newTransition = transition[typeName];
  if (newTransition) return newTransition;
  if (frozen) return void 0;
  newTransition = transition[typeName] = /* @__PURE__ */ Object.create(null);
  newTransition.__type = type;
  newTransition.__size = size;
  newTransition.__parent = transition;
  return newTransition;
}
function forceTypeTransition(transition, type, size) {
  let typeName = TYPE_NAMES[type] + (size << 3);
  let newTransition = transition[typeName];
  if (newTransition) return newTransition;
  newTransition = transition[typeName] = /* @__PURE__ */ Object.create(null);
  newTransition.__type = type;
  newTransition.__size = size;
  newTransition.__parent = transition;
  return newTransition;
}
function onLoadedStructures2(sharedData) {
  if (!(sharedData instanceof Map))
    return sharedData;
  let typed = sharedData.get("typed") || [];
  if (Object.isFrozen(typed))
    typed = typed.map((structure) => structure.slice(0));
  let named = sharedData.get("named");
  let transitions = /* @__PURE__ */ Object.create(null);
  for (let i = 0, l = typed.length; i < l; i++) {
    let structure = typed[i];
    let transition = transitions;
    for (let [type, size, key] of structure) {
      let nextTransition = transition[key];
      if (!nextTransition) {
        transition[key] = nextTransition = {
          key,
          parent: transition,
          enumerationOffset: 0,
          ascii0: null,
          ascii8: null,
          num8: null,
          string16: null,
          object16: null,
          num32: null,
          float64: null,
          date64: null
        };
      }
      transition = createTypeTransition(nextTransition, type, size, false);
    }
    transition[RECORD_SYMBOL] = i;
  }
  typed.transitions = transitions;
  this.typedStructs = typed;
  this.lastTypedStructuresLength = typed.length;
  return named;
}
var sourceSymbol = Symbol.for("source");
function readStruct2(src2, position3, srcEnd2, unpackr2) {
  let recordId = src2[position3++] - 32;
  if (recordId >= 24) {
    switch (recordId) {
      case 24:
        recordId = src2[position3++];
        break;
      // little endian:
      case 25:
        recordId = src2[position3++] + (src2[position3++] << 8);
        break;
      case 26:
        recordId = src2[position3++] + (src2[position3++] << 8) + (src2[position3++] << 16);
        break;
      case 27:
        recordId = src2[position3++] + (src2[position3++] << 8) + (src2[position3++] << 16) + (src2[position3++] << 24);
        break;
    }
  }
  let structure = unpackr2.typedStructs && unpackr2.typedStructs[recordId];
  if (!structure) {
    src2 = Uint8Array.prototype.slice.call(src2, position3, srcEnd2);
    srcEnd2 -= position3;
    position3 = 0;
    if (!unpackr2.getStructures)
      throw new Error(`Reference to shared structure ${recordId} without getStructures method`);
    unpackr2._mergeStructures(unpackr2.getStructures());
    if (!unpackr2.typedStructs)
      throw new Error("Could not find any shared typed structures");
    unpackr2.lastTypedStructuresLength = unpackr2.typedStructs.length;
    structure = unpackr2.typedStructs[recordId];
    if (!structure)
      throw new Error("Could not find typed structure " + recordId);
  }
  var construct = structure.construct;
  var fullConstruct = structure.fullConstruct;
  if (!construct) {
    construct = structure.construct = function LazyObject() {
    };
    fullConstruct = structure.fullConstruct = function LoadedObject() {
    };
    fullConstruct.prototype = unpackr2.structPrototype || {};
    var prototype = construct.prototype = unpackr2.structPrototype ? Object.create(unpackr2.structPrototype) : {};
    let properties = [];
    let currentOffset = 0;
    let lastRefProperty;
    for (let i = 0, l = structure.length; i < l; i++) {
      let definition = structure[i];
      let [type, size, key, enumerationOffset] = definition;
      if (key === "__proto__")
        key = "__proto_";
      let property = {
        key,
        offset: currentOffset
      };
      if (enumerationOffset)
        properties.splice(i + enumerationOffset, 0, property);
      else
        properties.push(property);
      let getRef;
      switch (size) {
        // TODO: Move into a separate function
        case 0:
          getRef = () => 0;
          break;
        case 1:
          getRef = (source, position4) => {
            let ref = source.bytes[position4 + property.offset];
            return ref >= 246 ? toConstant(ref) : ref;
          };
          break;
        case 2:
          getRef = (source, position4) => {
            let src3 = source.bytes;
            let dataView2 = src3.dataView || (src3.dataView = new DataView(src3.buffer, src3.byteOffset, src3.byteLength));
            let ref = dataView2.getUint16(position4 + property.offset, true);
            return ref >= 65280 ? toConstant(ref & 255) : ref;
          };
          break;
        case 4:
          getRef = (source, position4) => {
            let src3 = source.bytes;
            let dataView2 = src3.dataView || (src3.dataView = new DataView(src3.buffer, src3.byteOffset, src3.byteLength));
            let ref = dataView2.getUint32(position4 + property.offset, true);
            return ref >= 4294967040 ? toConstant(ref & 255) : ref;
          };
          break;
      }
      property.getRef = getRef;
      currentOffset += size;
      let get;
      switch (type) {
        case ASCII:
          if (lastRefProperty && !lastRefProperty.next)
            lastRefProperty.next = property;
          lastRefProperty = property;
          property.multiGetCount = 0;
          get = function(source) {
            let src3 = source.bytes;
            let position4 = source.position;
            let refStart = currentOffset + position4;
            let ref = getRef(source, position4);
            if (typeof ref !== "number") return ref;
            let end, next2 = property.next;
            while (next2) {
              end = next2.getRef(source, position4);
              if (typeof end === "number")
                break;
              else
                end = null;
              next2 = next2.next;
            }
            if (end == null)
              end = source.bytesEnd - refStart;
            if (source.srcString) {
              return source.srcString.slice(ref, end);
            }
            return readString(src3, ref + refStart, end - ref);
          };
          break;
        case UTF8:
        case OBJECT_DATA:
          if (lastRefProperty && !lastRefProperty.next)
            lastRefProperty.next = property;
          lastRefProperty = property;
          get = function(source) {
            let position4 = source.position;
            let refStart = currentOffset + position4;
            let ref = getRef(source, position4);
            if (typeof ref !== "number") return ref;
            let src3 = source.bytes;
            let end, next2 = property.next;
            while (next2) {
              end = next2.getRef(source, position4);
              if (typeof end === "number")
                break;
              else
                end = null;
              next2 = next2.next;
            }
            if (end == null)
              end = source.bytesEnd - refStart;
            if (type === UTF8) {
              return src3.toString("utf8", ref + refStart, end + refStart);
            } else {
              currentSource = source;
              try {
                return unpackr2.unpack(src3, { start: ref + refStart, end: end + refStart });
              } finally {
                currentSource = null;
              }
            }
          };
          break;
        case NUMBER:
          switch (size) {
            case 4:
              get = function(source) {
                let src3 = source.bytes;
                let dataView2 = src3.dataView || (src3.dataView = new DataView(src3.buffer, src3.byteOffset, src3.byteLength));
                let position4 = source.position + property.offset;
                let value = dataView2.getInt32(position4, true);
                if (value < 536870912) {
                  if (value > -520093696)
                    return value;
                  if (value > -536870912)
                    return toConstant(value & 255);
                }
                let fValue = dataView2.getFloat32(position4, true);
                let multiplier = mult10[(src3[position4 + 3] & 127) << 1 | src3[position4 + 2] >> 7];
                return (multiplier * fValue + (fValue > 0 ? 0.5 : -0.5) >> 0) / multiplier;
              };
              break;
            case 8:
              get = function(source) {
                let src3 = source.bytes;
                let dataView2 = src3.dataView || (src3.dataView = new DataView(src3.buffer, src3.byteOffset, src3.byteLength));
                let value = dataView2.getFloat64(source.position + property.offset, true);
                if (isNaN(value)) {
                  let byte = src3[source.position + property.offset];
                  if (byte >= 246)
                    return toConstant(byte);
                }
                return value;
              };
              break;
            case 1:
              get = function(source) {
                let src3 = source.bytes;
                let value = src3[source.position + property.offset];
                return value < 246 ? value : toConstant(value);
              };
              break;
          }
          break;
        case DATE:
          get = function(source) {
            let src3 = source.bytes;
            let dataView2 = src3.dataView || (src3.dataView = new DataView(src3.buffer, src3.byteOffset, src3.byteLength));
            return new Date(dataView2.getFloat64(source.position + property.offset, true));
          };
          break;
      }
      property.get = get;
    }
    if (evalSupported) {
      let objectLiteralProperties = [];
      let args = [];
      let i = 0;
      let hasInheritedProperties;
      for (let property of properties) {
        if (unpackr2.alwaysLazyProperty && unpackr2.alwaysLazyProperty(property.key)) {
          hasInheritedProperties = true;
          continue;
        }
        Object.defineProperty(prototype, property.key, { get: withSource(property.get), enumerable: true });
        let valueFunction = "v" + i++;
        args.push(valueFunction);
        objectLiteralProperties.push("o[" + JSON.stringify(property.key) + "]=" + valueFunction + "(s)");
      }
      if (hasInheritedProperties) {
        objectLiteralProperties.push("__proto__:this");
      }
      let toObject = new Function(...args, "var c=this;return function(s){var o=new c();" + objectLiteralProperties.join(";") + ";return o;}").apply(fullConstruct, properties.map((prop) => prop.get));
      Object.defineProperty(prototype, "toJSON", {
        value(omitUnderscoredProperties) {
          return toObject.call(this, this[sourceSymbol]);
        }
      });
    } else {
      Object.defineProperty(prototype, "toJSON", {
        value(omitUnderscoredProperties) {
          let resolved = {};
          for (let i = 0, l = properties.length; i < l; i++) {
            let key = properties[i].key;
            resolved[key] = this[key];
          }
          return resolved;
        }
        // not enumerable or anything
      });
    }
  }
  var instance = new construct();
  instance[sourceSymbol] = {
    bytes: src2,
    position: position3,
    srcString: "",
    bytesEnd: srcEnd2
  };
  return instance;
}
function toConstant(code2) {
  switch (code2) {
    case 246:
      return null;
    case 247:
      return void 0;
    case 248:
      return false;
    case 249:
      return true;
  }
  throw new Error("Unknown constant");
}
function withSource(get) {
  return function() {
    return get(this[sourceSymbol]);
  };
}
function saveState2() {
  if (currentSource) {
    currentSource.bytes = Uint8Array.prototype.slice.call(currentSource.bytes, currentSource.position, currentSource.bytesEnd);
    currentSource.position = 0;
    currentSource.bytesEnd = currentSource.bytes.length;
  }
}
function prepareStructures2(structures, packr2) {
  if (packr2.typedStructs) {
    let structMap = /* @__PURE__ */ new Map();
    structMap.set("named", structures);
    structMap.set("typed", packr2.typedStructs);
    structures = structMap;
  }
  let lastTypedStructuresLength = packr2.lastTypedStructuresLength || 0;
  structures.isCompatible = (existing) => {
    let compatible = true;
    if (existing instanceof Map) {
      let named = existing.get("named") || [];
      if (named.length !== (packr2.lastNamedStructuresLength || 0))
        compatible = false;
      let typed = existing.get("typed") || [];
      if (typed.length !== lastTypedStructuresLength)
        compatible = false;
    } else if (existing instanceof Array || Array.isArray(existing)) {
      if (existing.length !== (packr2.lastNamedStructuresLength || 0))
        compatible = false;
    }
    if (!compatible)
      packr2._mergeStructures(existing);
    return compatible;
  };
  packr2.lastTypedStructuresLength = packr2.typedStructs && packr2.typedStructs.length;
  return structures;
}
setReadStruct(readStruct2, onLoadedStructures2, saveState2);

// ../../work/main/node_modules/msgpackr/node-index.js
import { createRequire } from "module";
var nativeAccelerationDisabled = process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED !== void 0 && process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED.toLowerCase() === "true";
if (!nativeAccelerationDisabled) {
  let extractor;
  try {
    if (typeof __require == "function")
      extractor = __require("msgpackr-extract");
    else
      extractor = createRequire(import.meta.url)("msgpackr-extract");
    if (extractor)
      setExtractor(extractor.extractStrings);
  } catch (error) {
  }
}

// ../../work/main/packages/rpc/dist/frames.js
var F = {
  /** [0, {v, proto, nonce: bin32, features: string[], info}]  listener → dialer, first frame */
  HELLO: 0,
  /** [1, {v, nonce: bin32, mac: bin32, features: string[], info, limits}]  dialer → listener */
  AUTH: 1,
  /** [2, {mac: bin32, features: string[], info, limits}]  listener → dialer: authenticated */
  WELCOME: 2,
  /** [3, {code, message}]  either side during the handshake: refused; the link then closes */
  REJECT: 3,
  /** [10, id: uint, method: string, params, timeoutMs: uint (0 = none)] */
  CALL: 10,
  /** [11, id, result] */
  RESULT: 11,
  /** [12, id, {code, message, errno?}] */
  ERROR: 12,
  /** [13, method: string, params]  no reply */
  NOTIFY: 13,
  /** [14, id]  caller gives up on call id; the handler's AbortSignal fires */
  CANCEL: 14,
  /** [20, sid: uint, bytes: bin]  stream data, counted against credit */
  DATA: 20,
  /** [21, sid, bytes: uint]  reader grants the writer more credit */
  CREDIT: 21,
  /** [22, sid]  writer finished; no more DATA on sid */
  END: 22,
  /** [23, sid, {code, message}]  either side aborts the stream */
  RESET: 23,
  /** [30, {code, message}]  orderly close with a reason; the link then closes */
  GOODBYE: 30
};
var packr = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true });
var unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, moreTypes: false });
function encode2(arr) {
  return packr.pack(arr);
}
var isUint = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
var isStr = (v) => typeof v === "string";
var isBin = (v) => v instanceof Uint8Array;
var isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
var isStrList = (v) => Array.isArray(v) && v.length <= 64 && v.every(isStr);
var isInfo = (v) => isObj(v) && ["name", "role", "version"].every((k) => v[k] === void 0 || isStr(v[k]));
function bad(message) {
  throw new RpcError("BAD_FRAME", message);
}
var DECODERS = {
  [F.HELLO]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isUint(h.v) || !isStr(h.proto) || !isBin(h.nonce) || !isStrList(h.features) || !isInfo(h.info))
      bad("malformed HELLO");
    return { t: F.HELLO, hello: h };
  },
  [F.AUTH]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isUint(h.v) || !isBin(h.nonce) || !isBin(h.mac) || !isStrList(h.features) || !isInfo(h.info) || !isObj(h.limits))
      bad("malformed AUTH");
    const l = h.limits;
    if (!isUint(l.maxInFlight) || !isUint(l.streamWindow) || !isUint(l.maxFrameBytes))
      bad("malformed AUTH limits");
    return { t: F.AUTH, auth: h };
  },
  [F.WELCOME]: (a) => {
    const h = a[1];
    if (!isObj(h) || !isBin(h.mac) || !isStrList(h.features) || !isInfo(h.info) || !isObj(h.limits))
      bad("malformed WELCOME");
    const l = h.limits;
    if (!isUint(l.maxInFlight) || !isUint(l.streamWindow) || !isUint(l.maxFrameBytes))
      bad("malformed WELCOME limits");
    return { t: F.WELCOME, welcome: h };
  },
  [F.REJECT]: (a) => isWireError(a[1]) ? { t: F.REJECT, error: a[1] } : bad("malformed REJECT"),
  [F.CALL]: (a) => {
    if (a.length !== 5 || !isUint(a[1]) || !isStr(a[2]) || !isUint(a[4]))
      bad("malformed CALL");
    return { t: F.CALL, id: a[1], method: a[2], params: a[3], timeoutMs: a[4] };
  },
  [F.RESULT]: (a) => a.length === 3 && isUint(a[1]) ? { t: F.RESULT, id: a[1], result: a[2] } : bad("malformed RESULT"),
  [F.ERROR]: (a) => a.length === 3 && isUint(a[1]) && isWireError(a[2]) ? { t: F.ERROR, id: a[1], error: a[2] } : bad("malformed ERROR"),
  [F.NOTIFY]: (a) => a.length === 3 && isStr(a[1]) ? { t: F.NOTIFY, method: a[1], params: a[2] } : bad("malformed NOTIFY"),
  [F.CANCEL]: (a) => a.length === 2 && isUint(a[1]) ? { t: F.CANCEL, id: a[1] } : bad("malformed CANCEL"),
  [F.DATA]: (a) => a.length === 3 && isUint(a[1]) && isBin(a[2]) ? { t: F.DATA, sid: a[1], data: a[2] } : bad("malformed DATA"),
  [F.CREDIT]: (a) => a.length === 3 && isUint(a[1]) && isUint(a[2]) ? { t: F.CREDIT, sid: a[1], bytes: a[2] } : bad("malformed CREDIT"),
  [F.END]: (a) => a.length === 2 && isUint(a[1]) ? { t: F.END, sid: a[1] } : bad("malformed END"),
  [F.RESET]: (a) => a.length === 3 && isUint(a[1]) && isWireError(a[2]) ? { t: F.RESET, sid: a[1], error: a[2] } : bad("malformed RESET"),
  [F.GOODBYE]: (a) => isWireError(a[1]) ? { t: F.GOODBYE, error: a[1] } : bad("malformed GOODBYE")
};
function decode2(buf, maxFrameBytes) {
  if (buf.byteLength > maxFrameBytes) {
    throw new RpcError("LIMIT", `frame of ${buf.byteLength} bytes exceeds the limit of ${maxFrameBytes}`);
  }
  let arr;
  try {
    arr = unpackr.unpack(buf);
  } catch (err) {
    bad(`undecodable frame: ${err.message}`);
  }
  if (!Array.isArray(arr) || arr.length < 2 || typeof arr[0] !== "number")
    bad("a frame must be an array [kind, ...]");
  const dec = DECODERS[arr[0]];
  if (dec === void 0)
    bad(`unknown frame kind ${String(arr[0])}`);
  return dec(arr);
}

// ../../work/main/packages/rpc/dist/transport.js
var CLOSE = {
  NORMAL: 1e3,
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  BAD_FRAME: 4e3,
  AUTH_FAILED: 4001,
  PROTOCOL: 4002,
  LIMIT: 4003,
  TIMEOUT: 4004,
  LINK_LOST: 4005
};

// ../../work/main/packages/rpc/dist/ws-transport.js
var WS_HIGH_WATER = 8 * 1024 * 1024;
function wsTransport(ws, keepaliveMs) {
  let closed = false;
  let alive = true;
  let missed = 0;
  const t = {
    onMessage: () => {
    },
    onClose: () => {
    },
    onDrain: () => {
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send(data) {
      if (closed || ws.readyState !== ws.OPEN)
        return;
      const before = ws.bufferedAmount;
      ws.send(data, { binary: true }, () => {
        if (before >= WS_HIGH_WATER / 2 && ws.bufferedAmount < WS_HIGH_WATER / 2)
          t.onDrain();
      });
    },
    close(code2, reason) {
      if (closed)
        return;
      finish(code2, reason);
      try {
        ws.close(code2, reason.slice(0, 120));
      } catch {
        ws.terminate();
      }
      setTimeout(() => ws.terminate(), 2e3).unref();
    }
  };
  const finish = (code2, reason) => {
    if (closed)
      return;
    closed = true;
    clearInterval(timer);
    t.onClose(code2, reason);
  };
  const timer = setInterval(() => {
    if (!alive) {
      missed++;
      if (missed >= 3) {
        finish(CLOSE.LINK_LOST, `link lost: no answer for ${missed * keepaliveMs / 1e3} s`);
        ws.terminate();
        return;
      }
    } else
      missed = 0;
    alive = false;
    try {
      ws.ping();
    } catch {
    }
  }, keepaliveMs);
  timer.unref();
  ws.on("pong", () => alive = true);
  ws.on("ping", () => alive = true);
  ws.on("message", (data, isBinary) => {
    alive = true;
    if (closed)
      return;
    if (!isBinary) {
      t.close(CLOSE.BAD_FRAME, "text frames are not part of the protocol");
      return;
    }
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    t.onMessage(buf);
  });
  ws.on("close", (code2, reason) => {
    finish(code2, reason.length > 0 ? reason.toString() : closeText(code2));
  });
  ws.on("error", (err) => {
    const code2 = err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? CLOSE.TOO_BIG : CLOSE.BAD_FRAME;
    finish(code2, `link error: ${err.message}`);
  });
  return t;
}
function closeText(code2) {
  if (code2 === 1006)
    return "link lost: connection closed without a close frame";
  if (code2 === 1e3)
    return "link closed";
  return `link closed (code ${code2})`;
}

// ../../work/main/packages/rpc/dist/handshake.js
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
var PROTO = "mrc";
var PROTO_VERSION = 1;
var mac = (token, label, sNonce, cNonce) => createHmac("sha256", token).update(label).update(sNonce).update(cNonce).digest();
var DIALER_LABEL = "mrc1 dialer proof";
var LISTENER_LABEL = "mrc1 listener proof";
function sameMac(a, b) {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}
function runHandshake(t, limits, start, step) {
  return new Promise((resolve7, reject) => {
    let finished = false;
    const pending = [];
    const fail2 = (code2, err, sendReject) => {
      if (finished)
        return;
      finished = true;
      clearTimeout(timer);
      if (sendReject)
        t.send(encode2([F.REJECT, err.toWire()]));
      t.close(code2, err.message);
      reject(err);
    };
    const timer = setTimeout(() => fail2(CLOSE.TIMEOUT, new RpcError("TIMEOUT", `handshake not completed within ${limits.handshakeTimeoutMs} ms`), false), limits.handshakeTimeoutMs);
    timer.unref();
    t.onClose = (_code, reason) => {
      if (finished)
        return;
      finished = true;
      clearTimeout(timer);
      reject(new RpcError("CONNECTION_CLOSED", `link closed during handshake: ${reason}`));
    };
    t.onMessage = (data) => {
      if (finished)
        return;
      let f;
      try {
        f = decode2(data, Math.min(limits.maxFrameBytes, 64 * 1024));
      } catch (err) {
        fail2(CLOSE.BAD_FRAME, err, false);
        return;
      }
      if (f.t === F.REJECT) {
        fail2(CLOSE.AUTH_FAILED, new RpcError(f.error.code, f.error.message), false);
        return;
      }
      try {
        step(f, (r) => {
          finished = true;
          clearTimeout(timer);
          t.onMessage = (d) => pending.push(d);
          resolve7({ ...r, pending });
        });
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err));
        const code2 = e.code === "AUTH_FAILED" ? CLOSE.AUTH_FAILED : CLOSE.PROTOCOL;
        fail2(code2, e, true);
      }
    };
    start();
  });
}
function listenerHandshake(t, o) {
  const sNonce = randomBytes(32);
  return runHandshake(t, o.limits, () => t.send(encode2([F.HELLO, { v: PROTO_VERSION, proto: PROTO, nonce: sNonce, features: o.features, info: o.info }])), (f, done) => {
    if (f.t !== F.AUTH)
      throw new RpcError("AUTH_FAILED", "frame before authentication");
    if (f.auth.v !== PROTO_VERSION)
      throw new RpcError("PROTOCOL_VERSION", `protocol version ${f.auth.v} not supported (this side speaks ${PROTO_VERSION})`);
    if (f.auth.nonce.byteLength !== 32)
      throw new RpcError("AUTH_FAILED", "bad nonce");
    if (!sameMac(f.auth.mac, mac(o.token, DIALER_LABEL, sNonce, f.auth.nonce))) {
      throw new RpcError("AUTH_FAILED", "authentication refused: wrong token");
    }
    const limits = { maxInFlight: o.limits.maxInFlight, streamWindow: o.limits.streamWindow, maxFrameBytes: o.limits.maxFrameBytes };
    t.send(encode2([F.WELCOME, { mac: mac(o.token, LISTENER_LABEL, sNonce, f.auth.nonce), features: o.features, info: o.info, limits }]));
    done({ info: f.auth.info, features: f.auth.features, remoteLimits: f.auth.limits });
  });
}
function dialerHandshake(t, o) {
  const cNonce = randomBytes(32);
  let sNonce;
  return runHandshake(t, o.limits, () => {
  }, (f, done) => {
    if (sNonce === void 0) {
      if (f.t !== F.HELLO)
        throw new RpcError("PROTOCOL_VERSION", "the peer did not greet with HELLO");
      if (f.hello.proto !== PROTO || f.hello.v !== PROTO_VERSION) {
        throw new RpcError("PROTOCOL_VERSION", `peer speaks ${f.hello.proto}/${f.hello.v}, this side ${PROTO}/${PROTO_VERSION}`);
      }
      if (f.hello.nonce.byteLength !== 32)
        throw new RpcError("AUTH_FAILED", "bad nonce");
      sNonce = f.hello.nonce;
      const limits = { maxInFlight: o.limits.maxInFlight, streamWindow: o.limits.streamWindow, maxFrameBytes: o.limits.maxFrameBytes };
      t.send(encode2([F.AUTH, { v: PROTO_VERSION, nonce: cNonce, mac: mac(o.token, DIALER_LABEL, sNonce, cNonce), features: o.features, info: o.info, limits }]));
      return;
    }
    if (f.t !== F.WELCOME)
      throw new RpcError("AUTH_FAILED", "frame before authentication");
    if (!sameMac(f.welcome.mac, mac(o.token, LISTENER_LABEL, sNonce, cNonce))) {
      throw new RpcError("AUTH_FAILED", "the listener failed to prove the shared token (wrong token on its side, or an impostor)");
    }
    done({ info: f.welcome.info, features: f.welcome.features, remoteLimits: f.welcome.limits });
  });
}

// ../../work/main/packages/rpc/dist/peer.js
import { EventEmitter } from "node:events";

// ../../work/main/packages/rpc/dist/stream.js
import { Readable, Writable } from "node:stream";
var StreamReader = class extends Readable {
  sid;
  link;
  window;
  pushedTotal = 0;
  offered;
  ended = false;
  constructor(sid, link2, window3) {
    super({ highWaterMark: Math.min(window3, 1024 * 1024) });
    this.sid = sid;
    this.link = link2;
    this.window = window3;
    this.offered = window3;
  }
  /** DATA arrived. Returns false if the writer overran its credit (a protocol violation). */
  onData(data) {
    if (this.ended)
      return false;
    this.pushedTotal += data.byteLength;
    if (this.pushedTotal > this.offered)
      return false;
    this.push(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return true;
  }
  onEnd() {
    if (this.ended)
      return;
    this.ended = true;
    this.push(null);
    this.link.forget(this.sid);
  }
  onReset(err) {
    this.ended = true;
    this.destroy(this.listenerCount("error") > 0 ? err : void 0);
    this.link.forget(this.sid);
  }
  _read() {
    if (this.ended)
      return;
    const consumed = this.pushedTotal - this.readableLength;
    const delta = consumed + this.window - this.offered;
    if (delta >= this.window / 4 || delta > 0 && this.readableLength === 0) {
      this.offered += delta;
      this.link.sendCredit(this.sid, delta);
    }
  }
  _destroy(err, cb) {
    if (!this.ended) {
      this.ended = true;
      this.link.sendReset(this.sid, new RpcError("STREAM_RESET", err?.message ?? "reader closed the stream"));
      this.link.forget(this.sid);
    }
    cb(err);
  }
};
var StreamWriter = class extends Writable {
  sid;
  link;
  credit;
  creditWaiter;
  dead;
  constructor(sid, link2, window3) {
    super({ highWaterMark: 256 * 1024 });
    this.sid = sid;
    this.link = link2;
    this.credit = window3;
  }
  onCredit(bytes) {
    this.credit += bytes;
    const w = this.creditWaiter;
    this.creditWaiter = void 0;
    w?.();
  }
  onReset(err) {
    this.dead = err;
    const w = this.creditWaiter;
    this.creditWaiter = void 0;
    w?.();
    this.destroy(this.listenerCount("error") > 0 ? err : void 0);
    this.link.forget(this.sid);
  }
  async sendAll(chunk) {
    let off = 0;
    while (off < chunk.byteLength) {
      if (this.dead)
        throw this.dead;
      if (this.credit <= 0) {
        await new Promise((r) => this.creditWaiter = r);
        continue;
      }
      if (this.link.linkCongested())
        await this.link.waitDrain();
      const n = Math.min(chunk.byteLength - off, this.credit, MAX_DATA_CHUNK);
      this.link.sendData(this.sid, chunk.subarray(off, off + n));
      this.credit -= n;
      off += n;
    }
  }
  _write(chunk, _enc, cb) {
    this.sendAll(chunk).then(() => cb(), cb);
  }
  _writev(chunks, cb) {
    this.sendAll(Buffer.concat(chunks.map((c2) => c2.chunk))).then(() => cb(), cb);
  }
  _final(cb) {
    if (this.dead)
      return cb(this.dead);
    this.link.sendEnd(this.sid);
    this.link.forget(this.sid);
    cb();
  }
  _destroy(err, cb) {
    if (!this.dead && !this.writableFinished) {
      this.dead = new RpcError("STREAM_RESET", err?.message ?? "writer aborted the stream");
      this.link.sendReset(this.sid, this.dead);
      this.link.forget(this.sid);
    }
    cb(err);
  }
};

// ../../work/main/packages/rpc/dist/peer.js
var Peer = class extends EventEmitter {
  transport;
  limits;
  remoteInfo;
  remoteFeatures;
  /** Resolves with the reason once the link is closed. */
  closed;
  resolveClosed;
  closeReason;
  nextId = 1;
  pending = /* @__PURE__ */ new Map();
  /** Calls sent and not yet settled (queued ones are not counted). */
  sent = /* @__PURE__ */ new Set();
  incoming = /* @__PURE__ */ new Map();
  handlers = /* @__PURE__ */ new Map();
  notifyHandlers = /* @__PURE__ */ new Map();
  readers = /* @__PURE__ */ new Map();
  /** Streams that ended or were reset recently: late DATA/END/CREDIT for them are dropped. */
  gone = /* @__PURE__ */ new Set();
  writers = /* @__PURE__ */ new Map();
  nextSid;
  remoteMaxInFlight;
  remoteWindow;
  queue = [];
  drainWaiters = [];
  streamLink;
  onInternalError;
  constructor(transport, opts) {
    super();
    this.transport = transport;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.remoteInfo = opts.remoteInfo ?? {};
    this.remoteFeatures = opts.remoteFeatures ?? [];
    this.remoteMaxInFlight = opts.remoteLimits?.maxInFlight ?? this.limits.maxInFlight;
    this.remoteWindow = opts.remoteLimits?.streamWindow ?? this.limits.streamWindow;
    this.nextSid = opts.side === "dialer" ? 1 : 2;
    this.onInternalError = opts.onInternalError ?? (() => {
    });
    this.closed = new Promise((r) => this.resolveClosed = r);
    this.streamLink = {
      sendData: (sid, data) => this.send([F.DATA, sid, data]),
      sendCredit: (sid, bytes) => this.send([F.CREDIT, sid, bytes]),
      sendEnd: (sid) => this.send([F.END, sid]),
      sendReset: (sid, err) => this.send([F.RESET, sid, err.toWire()]),
      waitDrain: () => this.waitDrain(),
      linkCongested: () => this.transport.bufferedAmount > WS_HIGH_WATER,
      forget: (sid) => {
        this.readers.delete(sid);
        this.writers.delete(sid);
        this.gone.add(sid);
        if (this.gone.size > 4 * this.limits.maxStreams) {
          const oldest = this.gone.values().next().value;
          if (oldest !== void 0)
            this.gone.delete(oldest);
        }
      }
    };
    transport.onMessage = (d) => this.onMessage(d);
    transport.onClose = (code2, reason) => this.onTransportClose(code2, reason);
    transport.onDrain = () => {
      const w = this.drainWaiters;
      this.drainWaiters = [];
      w.forEach((f) => f());
    };
    for (const d of opts.pending ?? [])
      this.onMessage(d);
  }
  /** True once the link has closed. */
  get isClosed() {
    return this.closeReason !== void 0;
  }
  /** Register the handler of a method (replacing any previous one). */
  handle(method, h) {
    this.handlers.set(method, h);
    return this;
  }
  /** Register handlers for every method of an object, as `${prefix}${name}`. */
  handleAll(prefix, impl) {
    let proto = impl;
    const seen = /* @__PURE__ */ new Set();
    while (proto !== null && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = impl[name];
        if (name === "constructor" || seen.has(name) || typeof fn !== "function")
          continue;
        seen.add(name);
        this.handle(prefix + name, (p, ctx) => fn.call(impl, p, ctx));
      }
      proto = Object.getPrototypeOf(proto);
    }
    return this;
  }
  /** Register a notification handler. */
  onNotify(method, h) {
    this.notifyHandlers.set(method, h);
    return this;
  }
  /** Call a method on the other side. Rejects with an RpcError. */
  call(method, params, opts = {}) {
    if (this.closeReason)
      return Promise.reject(this.closedError());
    return new Promise((resolve7, reject) => {
      const id = this.nextId++;
      const signal = opts.signal;
      if (signal?.aborted)
        return reject(new RpcError("CANCELLED", `call ${method} cancelled`));
      const onAbort = () => {
        if (!this.pending.has(id))
          return;
        this.send([F.CANCEL, id]);
        this.settle(id, new RpcError("CANCELLED", `call ${method} cancelled`));
      };
      const timeoutMs = opts.timeoutMs ?? 0;
      const timer = timeoutMs > 0 ? setTimeout(() => {
        if (!this.pending.has(id))
          return;
        this.send([F.CANCEL, id]);
        this.settle(id, new RpcError("TIMEOUT", `call ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs) : void 0;
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve7,
        reject,
        timer,
        method,
        cleanup: () => signal?.removeEventListener("abort", onAbort)
      });
      const go = () => {
        if (!this.pending.has(id))
          return;
        this.sent.add(id);
        this.send([F.CALL, id, method, params ?? null, timeoutMs]);
      };
      if (this.sentInFlight() >= this.remoteMaxInFlight)
        this.queue.push(go);
      else
        go();
    });
  }
  /** Send a notification (no reply). Dropped silently if the link is closed. */
  notify(method, params) {
    if (!this.closeReason)
      this.send([F.NOTIFY, method, params ?? null]);
  }
  /**
   * Open a stream this side writes and the other side reads. Send `sid` to the peer (in a call's
   * params) and let it take the reading end with {@link reader}.
   */
  openWriter() {
    const sid = this.allocSid();
    const w = new StreamWriter(sid, this.streamLink, this.remoteWindow);
    this.writers.set(sid, w);
    return w;
  }
  /** Open a stream this side reads and the other side writes (it takes it with {@link writer}). */
  openReader() {
    const sid = this.allocSid();
    const r = new StreamReader(sid, this.streamLink, this.limits.streamWindow);
    this.readers.set(sid, r);
    return r;
  }
  /** Take the reading end of a stream the peer opened with openWriter(). */
  reader(sid) {
    this.checkRemoteSid(sid);
    let r = this.readers.get(sid);
    if (r === void 0) {
      r = this.addReader(sid);
    }
    return r;
  }
  /** Take the writing end of a stream the peer opened with openReader(). */
  writer(sid) {
    this.checkRemoteSid(sid);
    let w = this.writers.get(sid);
    if (w === void 0) {
      this.checkStreamCount();
      w = new StreamWriter(sid, this.streamLink, this.remoteWindow);
      this.writers.set(sid, w);
    }
    return w;
  }
  /** Close the link with a reason (sent to the peer in GOODBYE). Idempotent. */
  close(reason = "closed", code2 = "CONNECTION_CLOSED") {
    if (this.closeReason)
      return;
    this.send([F.GOODBYE, { code: code2, message: reason }]);
    this.transport.close(CLOSE.NORMAL, reason);
    this.onTransportClose(CLOSE.NORMAL, reason);
  }
  // ---- internals ----
  allocSid() {
    this.checkStreamCount();
    const sid = this.nextSid;
    this.nextSid += 2;
    return sid;
  }
  checkStreamCount() {
    if (this.readers.size + this.writers.size >= this.limits.maxStreams) {
      throw new RpcError("LIMIT", `too many streams on this link (limit ${this.limits.maxStreams})`);
    }
  }
  checkRemoteSid(sid) {
    if (!Number.isSafeInteger(sid) || sid <= 0 || sid % 2 === this.nextSid % 2) {
      throw new RpcError("BAD_FRAME", `stream id ${sid} does not belong to the peer`);
    }
  }
  addReader(sid) {
    this.checkStreamCount();
    const r = new StreamReader(sid, this.streamLink, this.limits.streamWindow);
    this.readers.set(sid, r);
    return r;
  }
  send(arr) {
    if (this.closeReason)
      return;
    let buf;
    try {
      buf = encode2(arr);
    } catch (err) {
      throw new RpcError("INTERNAL", `cannot encode frame: ${err.message}`);
    }
    this.transport.send(buf);
  }
  waitDrain() {
    if (this.closeReason || this.transport.bufferedAmount <= WS_HIGH_WATER / 2)
      return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }
  sentInFlight() {
    return this.sent.size;
  }
  settle(id, err, value) {
    const p = this.pending.get(id);
    if (!p)
      return;
    this.pending.delete(id);
    this.sent.delete(id);
    if (p.timer)
      clearTimeout(p.timer);
    p.cleanup();
    if (err)
      p.reject(err);
    else
      p.resolve(value);
    while (this.queue.length > 0 && this.sentInFlight() <= this.remoteMaxInFlight)
      this.queue.shift()();
  }
  protocolError(err) {
    const code2 = err.code === "LIMIT" ? CLOSE.LIMIT : CLOSE.BAD_FRAME;
    this.send([F.GOODBYE, err.toWire()]);
    this.transport.close(code2, err.message);
    this.onTransportClose(code2, err.message);
  }
  onMessage(data) {
    if (this.closeReason)
      return;
    let f;
    try {
      f = decode2(data, this.limits.maxFrameBytes);
    } catch (err) {
      this.protocolError(err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err)));
      return;
    }
    try {
      this.dispatch(f);
    } catch (err) {
      this.protocolError(err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err)));
    }
  }
  table = {
    [F.CALL]: (f) => this.onCall(f.id, f.method, f.params, f.timeoutMs),
    [F.RESULT]: (f) => this.settle(f.id, null, f.result),
    [F.ERROR]: (f) => this.settle(f.id, RpcError.fromWire(f.error)),
    [F.NOTIFY]: (f) => {
      const h = this.notifyHandlers.get(f.method);
      if (h) {
        try {
          h(f.params, this);
        } catch (err) {
          this.onInternalError(f.method, err);
        }
      }
    },
    [F.CANCEL]: (f) => this.incoming.get(f.id)?.abort(new RpcError("CANCELLED", "cancelled by caller")),
    [F.DATA]: (f) => {
      if (this.gone.has(f.sid))
        return;
      const r = this.readers.get(f.sid) ?? this.addReader((this.checkRemoteSid(f.sid), f.sid));
      if (!r.onData(f.data))
        throw new RpcError("LIMIT", `stream ${f.sid}: writer exceeded its credit`);
    },
    [F.CREDIT]: (f) => this.writers.get(f.sid)?.onCredit(f.bytes),
    [F.END]: (f) => {
      if (this.gone.has(f.sid))
        return;
      const r = this.readers.get(f.sid) ?? (this.checkRemoteSid(f.sid), this.addReader(f.sid));
      r.onEnd();
    },
    [F.RESET]: (f) => {
      const e = RpcError.fromWire(f.error);
      this.readers.get(f.sid)?.onReset(e);
      this.writers.get(f.sid)?.onReset(e);
    },
    [F.GOODBYE]: (f) => {
      this.transport.close(CLOSE.NORMAL, f.error.message);
      this.onTransportClose(CLOSE.NORMAL, f.error.message, f.error);
    }
  };
  dispatch(f) {
    const h = this.table[f.t];
    if (!h)
      throw new RpcError("BAD_FRAME", `frame kind ${f.t} is not allowed after the handshake`);
    h(f);
  }
  onCall(id, method, params, timeoutMs) {
    if (this.incoming.has(id))
      throw new RpcError("BAD_FRAME", `duplicate call id ${id}`);
    if (this.incoming.size >= 2 * this.limits.maxInFlight) {
      throw new RpcError("LIMIT", `more than ${2 * this.limits.maxInFlight} calls in flight`);
    }
    const h = this.handlers.get(method);
    if (!h) {
      this.send([F.ERROR, id, { code: "METHOD_NOT_FOUND", message: `no such method: ${method}` }]);
      return;
    }
    const ac = new AbortController();
    this.incoming.set(id, ac);
    let timer;
    if (timeoutMs > 0) {
      timer = setTimeout(() => ac.abort(new RpcError("TIMEOUT", "call timed out")), timeoutMs);
      timer.unref();
    }
    const reply = (err, value) => {
      if (timer)
        clearTimeout(timer);
      if (this.incoming.get(id) !== ac)
        return;
      this.incoming.delete(id);
      if (ac.signal.aborted && err === void 0)
        return;
      if (err !== void 0) {
        const e = toRpcError(err);
        if (e.code === "INTERNAL")
          this.onInternalError(method, err);
        this.send([F.ERROR, id, e.toWire()]);
      } else {
        this.send([F.RESULT, id, value === void 0 ? null : value]);
      }
    };
    try {
      const r = h(params, { signal: ac.signal, peer: this, method });
      if (r instanceof Promise)
        r.then((v) => reply(void 0, v), (e) => reply(e ?? new Error("rejected")));
      else
        reply(void 0, r);
    } catch (err) {
      reply(err ?? new Error("thrown"));
    }
  }
  closedError() {
    const r = this.closeReason;
    return new RpcError("CONNECTION_CLOSED", r.message);
  }
  onTransportClose(_code, reason, wire) {
    if (this.closeReason)
      return;
    this.closeReason = wire ? RpcError.fromWire(wire) : new RpcError("CONNECTION_CLOSED", reason);
    const err = this.closedError();
    for (const [id] of this.pending)
      this.settle(id, err);
    this.queue.length = 0;
    for (const ac of this.incoming.values())
      ac.abort(err);
    this.incoming.clear();
    for (const r of [...this.readers.values()])
      r.onReset(err);
    for (const w of [...this.writers.values()])
      w.onReset(err);
    this.drainWaiters.forEach((f) => f());
    this.drainWaiters = [];
    this.resolveClosed(this.closeReason);
    this.emit("close", this.closeReason);
  }
};

// ../../work/main/node_modules/ws/wrapper.mjs
var import_stream3 = __toESM(require_stream(), 1);
var import_extension = __toESM(require_extension(), 1);
var import_permessage_deflate = __toESM(require_permessage_deflate(), 1);
var import_receiver = __toESM(require_receiver(), 1);
var import_sender = __toESM(require_sender(), 1);
var import_subprotocol = __toESM(require_subprotocol(), 1);
var import_websocket = __toESM(require_websocket(), 1);
var import_websocket_server = __toESM(require_websocket_server(), 1);

// ../../work/main/packages/rpc/dist/link.js
function handshakeOptions(o, limits) {
  return { token: o.token, info: o.info ?? {}, features: o.features ?? [], limits };
}
async function acceptOn(t, o) {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const hs = await listenerHandshake(t, handshakeOptions(o, limits));
  return new Peer(t, {
    side: "listener",
    limits,
    remoteLimits: hs.remoteLimits,
    remoteInfo: hs.info,
    remoteFeatures: hs.features,
    pending: hs.pending,
    ...o.onInternalError ? { onInternalError: o.onInternalError } : {}
  });
}
async function dialOn(t, o) {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const hs = await dialerHandshake(t, handshakeOptions(o, limits));
  return new Peer(t, {
    side: "dialer",
    limits,
    remoteLimits: hs.remoteLimits,
    remoteInfo: hs.info,
    remoteFeatures: hs.features,
    pending: hs.pending,
    ...o.onInternalError ? { onInternalError: o.onInternalError } : {}
  });
}
function listen(o) {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  return new Promise((resolve7, reject) => {
    const wss = new import_websocket_server.default({
      host: o.host ?? "127.0.0.1",
      port: o.port ?? 0,
      maxPayload: limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: true
    });
    wss.once("error", reject);
    wss.on("connection", (ws, req) => {
      const remote = `${req.socket.remoteAddress ?? "?"}:${req.socket.remotePort ?? "?"}`;
      const t = wsTransport(ws, limits.keepaliveMs);
      acceptOn(t, o).then((peer) => o.onPeer(peer, req), (err) => o.onReject?.(err, remote));
    });
    wss.once("listening", () => {
      wss.off("error", reject);
      const a = wss.address();
      resolve7({
        host: a.address,
        port: a.port,
        close: () => new Promise((r) => {
          for (const c2 of wss.clients)
            c2.terminate();
          wss.close(() => r());
        })
      });
    });
  });
}
function connect(url, o) {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  return new Promise((resolve7, reject) => {
    const ws = new import_websocket.default(url, {
      maxPayload: limits.maxFrameBytes,
      perMessageDeflate: false,
      // An all-zero masking key makes ws skip the XOR pass over every byte on both ends. Masking
      // only protects browser-era HTTP intermediaries; mrc links are authenticated peer links.
      generateMask: (mask) => void mask.fill(0),
      handshakeTimeout: o.connectTimeoutMs ?? 1e4
    });
    ws.once("error", (err) => {
      reject(new RpcError("CONNECTION_CLOSED", `cannot reach ${url}: ${err.code ?? err.message}`));
    });
    ws.once("open", () => {
      ws.removeAllListeners("error");
      const t = wsTransport(ws, limits.keepaliveMs);
      dialOn(t, o).then(resolve7, reject);
    });
  });
}

// ../../work/main/packages/head/dist/run.js
function copyInto(src2, dst) {
  return new Promise((resolve7) => {
    src2.on("data", (chunk) => {
      if (!dst.write(chunk)) {
        src2.pause();
        dst.once("drain", () => src2.resume());
      }
    });
    src2.once("end", () => {
      if (dst.writableLength === 0)
        resolve7();
      else
        dst.write(Buffer.alloc(0), () => resolve7());
    });
    src2.once("error", () => resolve7());
    src2.once("close", () => resolve7());
  });
}
async function startJob(peer, o) {
  const stdin = peer.openWriter();
  const stdout = peer.openReader();
  const stderr = o.tty ? void 0 : peer.openReader();
  const outputs = [copyInto(stdout, o.stdout)];
  if (stderr)
    outputs.push(copyInto(stderr, o.stderr));
  const params = {
    argv: o.argv,
    env: o.env,
    cwd: o.cwd,
    stdin: stdin.sid,
    stdout: stdout.sid,
    ...stderr ? { stderr: stderr.sid } : {},
    ...o.tty ? { tty: o.tty } : {},
    ...o.exports ? { exports: o.exports } : {},
    ...o.addr ? { addr: o.addr } : {},
    ...o.extra
  };
  let started;
  try {
    started = await peer.call(JOB_METHODS.start, params);
  } catch (err) {
    stdin.destroy();
    stdout.destroy();
    stderr?.destroy();
    throw err;
  }
  if (o.stdin) {
    const src2 = o.stdin;
    src2.on("data", (chunk) => {
      if (!stdin.write(chunk)) {
        src2.pause();
        stdin.once("drain", () => src2.resume());
      }
    });
    src2.once("end", () => stdin.end());
    src2.once("error", () => stdin.end());
    stdin.on("error", () => src2.pause());
  } else {
    stdin.end();
  }
  const exit = (async () => {
    const r = await peer.call(JOB_METHODS.wait, { jobId: started.jobId });
    await Promise.all(outputs).catch(() => {
    });
    if (o.stdin)
      o.stdin.pause();
    stdin.destroy();
    return r;
  })();
  exit.catch(() => {
  });
  return {
    jobId: started.jobId,
    pid: started.pid,
    exit,
    signal: async (sig) => {
      await peer.call(JOB_METHODS.signal, { jobId: started.jobId, signal: sig });
    },
    resize: async (cols, rows) => {
      await peer.call(JOB_METHODS.resize, { jobId: started.jobId, cols, rows });
    }
  };
}
function exitStatus(e, signalNumber2) {
  if (e.code !== null)
    return e.code;
  if (e.signal !== null)
    return 128 + (signalNumber2(e.signal) ?? 127);
  return 255;
}

// ../../work/main/packages/head/dist/env.js
var ENV_NOT_SENT = Object.freeze({
  MRC_TOKEN: "mrc's own secret: never leaves the head",
  SSH_AUTH_SOCK: "a unix socket on the head; meaningless on the target",
  SSH_AGENT_PID: "a process on the head",
  SSH_CLIENT: "describes the head's own ssh login",
  SSH_CONNECTION: "describes the head's own ssh login",
  SSH_TTY: "a terminal device on the head",
  DISPLAY: "an X server reachable from the head only",
  WAYLAND_DISPLAY: "a compositor socket on the head",
  XAUTHORITY: "credentials for the head's X server",
  DBUS_SESSION_BUS_ADDRESS: "the head's session bus socket",
  XDG_RUNTIME_DIR: "a per-login directory on the head",
  XDG_SESSION_ID: "a login session on the head",
  XDG_SESSION_TYPE: "a login session on the head",
  XDG_SESSION_CLASS: "a login session on the head",
  TMUX: "a tmux server socket on the head",
  TMUX_PANE: "a tmux pane on the head",
  STY: "a screen session on the head",
  WINDOWID: "a window on the head's display",
  TERM: "sent only with a tty (the terminal type of this side); without one the guest has no TERM, as with ssh",
  COLUMNS: "the tty size travels separately and follows resizes",
  LINES: "the tty size travels separately and follows resizes",
  SHLVL: "the shell nesting level of the head's shell",
  _: "the head shell's last command",
  OLDPWD: "the head shell's previous directory",
  PWD: "set to the job's cwd",
  HOSTNAME: "the target has its own",
  MRC_ADDR: "set by mrc for each job",
  MRC_MAILBOX: "set by mrc for each job",
  MRC_JOB: "set by mrc for each job"
});
function jobEnvironment(env2, cwd) {
  const out = {};
  for (const [k, v] of Object.entries(env2)) {
    if (v === void 0 || k in ENV_NOT_SENT || k.includes("=") || k.length === 0)
      continue;
    out[k] = v;
  }
  out.PWD = cwd;
  return out;
}

// ../../work/main/packages/head/dist/files/core.js
import * as fs2 from "node:fs";

// ../../work/main/packages/head/dist/files/fd-ref.js
import { close } from "node:fs";

// ../../work/main/packages/head/dist/files/errors.js
function fsError(errno, message) {
  const err = new Error(`${errno}: ${message}`);
  err.errno = errno;
  return err;
}
function isFsError(err) {
  return err instanceof Error && typeof err.errno === "string";
}
var log = {
  warn: (msg, err) => {
    console.warn(`[mrc files] ${msg}`, err ?? "");
  }
};
function fromNodeError(err) {
  if (isFsError(err))
    return err;
  const code2 = err?.code;
  if (typeof code2 === "string" && ERRNO[code2] !== void 0) {
    return fsError(code2, err.message);
  }
  log.warn("unexpected error mapped to EIO", err);
  return fsError("EIO", err instanceof Error ? err.message : String(err));
}
async function mapErrors(fn) {
  try {
    return await fn();
  } catch (err) {
    throw fromNodeError(err);
  }
}

// ../../work/main/packages/head/dist/files/fd-ref.js
var FdRef = class {
  #fd;
  #pins = 0;
  #closing = false;
  #staleErrno;
  /** Wrap an open fd; `staleErrno` is thrown by uses after close (ESTALE for nodes, EBADF for handles). */
  constructor(fd, staleErrno) {
    this.#fd = fd;
    this.#staleErrno = staleErrno;
  }
  /** True once close() was called. */
  get closed() {
    return this.#closing;
  }
  /** Run `fn` with the fd pinned open. */
  async use(fn) {
    if (this.#closing)
      throw fsError(this.#staleErrno, "descriptor already released");
    this.#pins++;
    try {
      return await fn(this.#fd);
    } finally {
      this.#pins--;
      if (this.#closing && this.#pins === 0)
        this.#doClose();
    }
  }
  /** Close now, or as soon as the last use ends. Idempotent. */
  close() {
    if (this.#closing)
      return;
    this.#closing = true;
    if (this.#pins === 0)
      this.#doClose();
  }
  #doClose() {
    const fd = this.#fd;
    if (fd < 0)
      return;
    this.#fd = -1;
    close(fd, (err) => {
      if (err)
        log.warn(`close(${fd}) failed`, err);
    });
  }
};

// ../../work/main/packages/head/dist/files/constants.js
import { constants as c } from "node:fs";
var O_PATH = 2097152;
var O_NOFOLLOW = c.O_NOFOLLOW;
var O_DIRECTORY = c.O_DIRECTORY;
var O_CREAT = c.O_CREAT;
var O_EXCL = c.O_EXCL;
var O_TRUNC = c.O_TRUNC;
var O_APPEND = c.O_APPEND;
var O_ACCMODE = 3;
var O_RDONLY = c.O_RDONLY;
var O_WRONLY = c.O_WRONLY;
var O_RDWR = c.O_RDWR;
var OPEN_PASSTHROUGH = O_ACCMODE | O_APPEND | O_TRUNC | c.O_SYNC | c.O_DSYNC | c.O_NOATIME | c.O_NONBLOCK;
var S_IFMT = 61440;
var S_IFDIR = 16384;
var S_IFREG = 32768;
var S_IFLNK = 40960;
var S_IFIFO = 4096;
var NAME_MAX = 255;
var PATH_MAX = 4096;
var MAX_IO = 32 * 1024 * 1024;
var MAX_DIR_BATCH = 4096;
var RENAME_NOREPLACE = 1;
var RENAME_EXCHANGE = 2;
var F_RDLCK = 0;
var F_WRLCK = 1;
var F_UNLCK = 2;

// ../../work/main/packages/head/dist/files/nodes.js
var FsNode = class {
  id;
  exportIndex;
  ref;
  dev;
  ino;
  type;
  pinned;
  /** Lookups per origin key (see {@link originKey}); their sum is `lookups`. */
  byOrigin = /* @__PURE__ */ new Map();
  lookups = 0;
  /** Last known (parent node id, name): used only where Linux offers no fd-based call. */
  parent;
  name;
  /** Per origin: the fingerprint seen at its last open/release, and the write count then. */
  snapshots = /* @__PURE__ */ new Map();
  /** Writes (and truncations) made through the service. */
  writes = 0;
  /** The fingerprint after the service's own last change, for watcher echo suppression. */
  ownFp;
  constructor(id, exportIndex, ref, dev, ino, type, parent, name, pinned) {
    this.id = id;
    this.exportIndex = exportIndex;
    this.ref = ref;
    this.dev = dev;
    this.ino = ino;
    this.type = type;
    this.pinned = pinned;
    this.parent = parent;
    this.name = name;
  }
  get isDir() {
    return this.type === S_IFDIR;
  }
  get isSymlink() {
    return this.type === S_IFLNK;
  }
  get isVirtualRoot() {
    return this.id === ROOT_NODE;
  }
  /** Key of the inode for the (dev, ino) map and the lock manager. */
  get inodeKey() {
    return inodeKey(this.dev, this.ino);
  }
  /** Run `fn` with this node's O_PATH fd pinned (never closed underneath it). */
  use(fn) {
    if (this.ref === null)
      return Promise.reject(fsError("EROFS", "virtual root has no backing inode"));
    return this.ref.use(fn);
  }
};
function inodeKey(dev, ino) {
  return `${dev}:${ino}`;
}
var NodeTable = class {
  #nodes = /* @__PURE__ */ new Map();
  #byInode = /* @__PURE__ */ new Map();
  #nextId = ROOT_NODE + 1;
  /** Called synchronously when a node is created (after it is in the table). */
  onAdded;
  /** Called synchronously when a node is dropped (before its fd is closed). */
  onDropped;
  constructor() {
    const root = new FsNode(ROOT_NODE, -1, null, -1n, 1n, S_IFDIR, ROOT_NODE, "", true);
    this.#nodes.set(ROOT_NODE, root);
  }
  /** Number of live nodes (including the virtual root and export roots). */
  get size() {
    return this.#nodes.size;
  }
  /** The node with this id, or ESTALE. */
  get(id) {
    const n = this.#nodes.get(id);
    if (n === void 0)
      throw fsError("ESTALE", `unknown node ${id}`);
    return n;
  }
  /** The node with this id, if known. */
  peek(id) {
    return this.#nodes.get(id);
  }
  /** The live node for an inode, if any. */
  byInode(dev, ino) {
    return this.#byInode.get(inodeKey(dev, ino));
  }
  /** Register a pinned export root. */
  addExportRoot(exportIndex, fd, st) {
    return this.#insert(exportIndex, new FdRef(fd, "ESTALE"), st, ROOT_NODE, String(exportIndex), true);
  }
  /**
   * The node for an inode just opened as `fd` (O_PATH): the existing node when the inode is
   * already known (the new fd is then closed), a new node otherwise. Does not count a lookup.
   */
  intern(exportIndex, fd, st, parent, name) {
    const known = this.#byInode.get(inodeKey(st.dev, st.ino));
    if (known !== void 0) {
      new FdRef(fd, "ESTALE").close();
      if (!known.pinned) {
        known.parent = parent;
        known.name = name;
      }
      return known;
    }
    return this.#insert(exportIndex, new FdRef(fd, "ESTALE"), st, parent, name, false);
  }
  #insert(exportIndex, ref, st, parent, name, pinned) {
    const id = this.#nextId++;
    const node = new FsNode(id, exportIndex, ref, st.dev, st.ino, Number(st.mode) & S_IFMT, parent, name, pinned);
    this.#nodes.set(id, node);
    this.#byInode.set(node.inodeKey, node);
    this.#notify(this.onAdded, node);
    return node;
  }
  #notify(fn, node) {
    if (fn === void 0)
      return;
    try {
      fn(node);
    } catch (err) {
      log.warn(`node listener failed for node ${node.id}`, err);
    }
  }
  /** Count one lookup of `node` by `origin` (each Entry handed out). */
  addLookup(node, origin) {
    node.lookups++;
    node.byOrigin.set(origin, (node.byOrigin.get(origin) ?? 0) + 1);
  }
  /** Drop `n` lookups of node `id` by `origin`; at zero the node and its fd go. */
  forget(id, n, origin) {
    const node = this.#nodes.get(id);
    if (node === void 0 || id === ROOT_NODE) {
      if (id !== ROOT_NODE)
        log.warn(`forget of unknown node ${id}`);
      return;
    }
    const had = node.byOrigin.get(origin) ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > had) {
      log.warn(`lookup count underflow on node ${id}: forget ${n}, origin holds ${had}`);
    }
    const take = Math.max(0, Math.min(Number.isSafeInteger(n) ? n : 0, had));
    if (had - take === 0)
      node.byOrigin.delete(origin);
    else
      node.byOrigin.set(origin, had - take);
    node.lookups -= take;
    if (node.lookups === 0)
      this.#drop(node);
  }
  /** Drop every lookup held by `origin` (its link went away). */
  forgetOrigin(origin) {
    for (const node of [...this.#nodes.values()]) {
      const had = node.byOrigin.get(origin);
      if (had !== void 0)
        this.forget(node.id, had, origin);
    }
  }
  /** Drop a node that nobody counts any more (e.g. interned for a reply that then failed). */
  dropIfUnused(node) {
    if (node.lookups === 0)
      this.#drop(node);
  }
  #drop(node) {
    if (node.pinned)
      return;
    this.#nodes.delete(node.id);
    if (this.#byInode.get(node.inodeKey) === node)
      this.#byInode.delete(node.inodeKey);
    this.#notify(this.onDropped, node);
    node.ref?.close();
  }
  /** Every live node. */
  all() {
    return this.#nodes.values();
  }
  /** Close every fd (service shutdown). */
  closeAll() {
    for (const node of this.#nodes.values())
      node.ref?.close();
    this.#nodes.clear();
    this.#byInode.clear();
  }
};

// ../../work/main/packages/head/dist/files/handles.js
var HandleTable = class {
  #handles = /* @__PURE__ */ new Map();
  #next = 1;
  /** Allocate an id and store the handle built from it. */
  add(make) {
    const h = make(this.#next++);
    this.#handles.set(h.id, h);
    return h;
  }
  /** The open file handle `fh`, or EBADF. */
  file(fh) {
    const h = this.#handles.get(fh);
    if (h?.kind !== "file")
      throw fsError("EBADF", `no open file ${fh}`);
    return h;
  }
  /** The open directory handle `fh`, or EBADF. */
  dir(fh) {
    const h = this.#handles.get(fh);
    if (h?.kind !== "dir")
      throw fsError("EBADF", `no open directory ${fh}`);
    return h;
  }
  /** The handle `fh`, if open. */
  peek(fh) {
    return this.#handles.get(fh);
  }
  /** Forget a handle (its fd is closed by the caller). */
  delete(fh) {
    this.#handles.delete(fh);
  }
  /** Every open handle. */
  all() {
    return [...this.#handles.values()];
  }
};

// ../../work/main/packages/head/dist/files/locks.js
var InodeLocks = class {
  posix = [];
  /** flock locks: owner (an open file handle) → range covering everything. */
  flock = /* @__PURE__ */ new Map();
  waiters = [];
  get empty() {
    return this.posix.length === 0 && this.flock.size === 0 && this.waiters.length === 0;
  }
};
function overlaps(a, b) {
  return a.start <= b.end && b.start <= a.end;
}
function conflicts(a, b) {
  return a.owner !== b.owner && overlaps(a, b) && (a.type === F_WRLCK || b.type === F_WRLCK);
}
function toRange(owner2, lock) {
  const { start, end, type, pid } = lock;
  if (!Number.isSafeInteger(start) || start < 0)
    throw fsError("EINVAL", "bad lock start");
  if (!Number.isSafeInteger(end) || end !== -1 && end < start)
    throw fsError("EINVAL", "bad lock end");
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK)
    throw fsError("EINVAL", "bad lock type");
  return { owner: owner2, type, start, end: end === -1 ? Infinity : end, pid: Number.isSafeInteger(pid) ? pid : 0 };
}
function toLock(r) {
  return { start: r.start, end: r.end === Infinity ? -1 : r.end, type: r.type, pid: r.pid };
}
var LockManager = class {
  #inodes = /* @__PURE__ */ new Map();
  #get(key) {
    let s = this.#inodes.get(key);
    if (s === void 0) {
      s = new InodeLocks();
      this.#inodes.set(key, s);
    }
    return s;
  }
  #tidy(key) {
    if (this.#inodes.get(key)?.empty)
      this.#inodes.delete(key);
  }
  /** F_GETLK: the first lock of another owner that conflicts with `lock`, or one of type F_UNLCK. */
  getlk(key, owner2, lock) {
    const want = toRange(owner2, lock);
    if (want.type === F_UNLCK)
      throw fsError("EINVAL", "F_GETLK with F_UNLCK");
    const hit = this.#inodes.get(key)?.posix.find((h) => conflicts(h, want));
    return hit ? toLock(hit) : { ...lock, type: F_UNLCK };
  }
  /** F_SETLK / F_SETLKW for POSIX locks. Rejects with EAGAIN (no wait) or EINTR (aborted). */
  setlk(key, owner2, lock, wait, signal) {
    const want = toRange(owner2, lock);
    const s = this.#get(key);
    if (want.type === F_UNLCK) {
      applyPosix(s, want);
      this.#wake(key, s);
      this.#tidy(key);
      return Promise.resolve();
    }
    return this.#acquire(key, s, { ...want, flock: false, grant: () => applyPosix(s, want) }, wait, signal);
  }
  /** flock(2) for the handle `owner`: type F_RDLCK shared, F_WRLCK exclusive, F_UNLCK unlock. */
  flock(key, owner2, type, wait, signal) {
    const want = toRange(owner2, { start: 0, end: -1, type, pid: 0 });
    const s = this.#get(key);
    s.flock.delete(owner2);
    this.#wake(key, s);
    if (want.type === F_UNLCK) {
      this.#tidy(key);
      return Promise.resolve();
    }
    return this.#acquire(key, s, { ...want, flock: true, grant: () => void s.flock.set(owner2, want) }, wait, signal);
  }
  #blocked(s, w) {
    if (w.flock) {
      for (const h of s.flock.values())
        if (conflicts(h, w))
          return true;
      return false;
    }
    return s.posix.some((h) => conflicts(h, w));
  }
  #acquire(key, s, w, wait, signal) {
    if (!this.#blocked(s, w)) {
      w.grant();
      this.#wake(key, s);
      return Promise.resolve();
    }
    if (!wait) {
      this.#tidy(key);
      return Promise.reject(fsError("EAGAIN", "lock held by another owner"));
    }
    if (signal?.aborted) {
      this.#tidy(key);
      return Promise.reject(fsError("EINTR", "lock wait aborted"));
    }
    return new Promise((resolve7, reject) => {
      const onAbort = () => {
        const i = s.waiters.indexOf(w);
        if (i >= 0)
          s.waiters.splice(i, 1);
        this.#tidy(key);
        reject(fsError("EINTR", "lock wait aborted"));
      };
      const grant = w.grant;
      w.grant = () => {
        signal?.removeEventListener("abort", onAbort);
        grant();
        resolve7();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      s.waiters.push(w);
    });
  }
  /** Grant, in queue order, every waiter that no longer conflicts. */
  #wake(key, s) {
    for (let i = 0; i < s.waiters.length; ) {
      const w = s.waiters[i];
      if (this.#blocked(s, w)) {
        i++;
        continue;
      }
      s.waiters.splice(i, 1);
      w.grant();
    }
  }
  /** Drop every POSIX lock of `owner` on the inode (close/flush by that owner). */
  releaseOwner(key, owner2) {
    const s = this.#inodes.get(key);
    if (s === void 0)
      return;
    const before = s.posix.length;
    s.posix = s.posix.filter((h) => h.owner !== owner2);
    if (s.posix.length !== before)
      this.#wake(key, s);
    this.#tidy(key);
  }
  /** Drop the POSIX locks of every owner whose key starts with `prefix` (a vanished link). */
  releaseOwnerPrefix(key, prefix) {
    const s = this.#inodes.get(key);
    if (s === void 0)
      return;
    const before = s.posix.length;
    s.posix = s.posix.filter((h) => !h.owner.startsWith(prefix));
    if (s.posix.length !== before)
      this.#wake(key, s);
    this.#tidy(key);
  }
  /** Drop the flock lock held through the handle `owner`. */
  releaseFlock(key, owner2) {
    const s = this.#inodes.get(key);
    if (s?.flock.delete(owner2))
      this.#wake(key, s);
    this.#tidy(key);
  }
  /** The POSIX locks held on an inode (for tests and debugging). */
  held(key) {
    return (this.#inodes.get(key)?.posix ?? []).map(toLock);
  }
};
function applyPosix(s, want) {
  const out = [];
  for (const h of s.posix) {
    if (h.owner !== want.owner || !overlaps(h, want)) {
      out.push(h);
      continue;
    }
    if (h.start < want.start)
      out.push({ ...h, end: want.start - 1 });
    if (h.end > want.end)
      out.push({ ...h, start: want.end + 1 });
  }
  if (want.type !== F_UNLCK)
    out.push({ ...want });
  const mine = out.filter((h) => h.owner === want.owner).sort((a, b) => a.start - b.start);
  const merged = [];
  for (const h of mine) {
    const last = merged[merged.length - 1];
    if (last !== void 0 && last.type === h.type && h.start <= last.end + 1) {
      last.end = Math.max(last.end, h.end);
    } else
      merged.push({ ...h });
  }
  s.posix = [...out.filter((h) => h.owner !== want.owner), ...merged];
}

// ../../work/main/packages/head/dist/files/jail.js
import { openSync, fstatSync } from "node:fs";

// ../../work/main/packages/head/dist/files/names.js
function checkName(name) {
  if (typeof name !== "string")
    throw fsError("EINVAL", "name is not a string");
  if (name === "")
    throw fsError("ENOENT", "empty name");
  if (name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
    throw fsError("EINVAL", `invalid name component ${JSON.stringify(name)}`);
  }
  if (Buffer.byteLength(name, "utf8") > NAME_MAX)
    throw fsError("ENAMETOOLONG", "name longer than NAME_MAX");
  return name;
}

// ../../work/main/packages/head/dist/files/sys.js
import * as fs from "node:fs";
function open2(path, flags, mode) {
  return new Promise((resolve7, reject) => {
    fs.open(path, flags, mode ?? 438, (err, fd) => err ? reject(err) : resolve7(fd));
  });
}
function fstat2(fd) {
  return new Promise((resolve7, reject) => {
    fs.fstat(fd, { bigint: true }, (err, st) => err ? reject(err) : resolve7(st));
  });
}
function closeQuietly(fd) {
  fs.close(fd, () => void 0);
}
function pread(fd, size, position3) {
  const buf = Buffer.allocUnsafe(size);
  return new Promise((resolve7, reject) => {
    fs.read(fd, buf, 0, size, position3, (err, n) => err ? reject(err) : resolve7(buf.subarray(0, n)));
  });
}
async function pwriteAll(fd, data, position3) {
  let done = 0;
  while (done < data.length) {
    const n = await new Promise((resolve7, reject) => {
      fs.write(fd, data, done, data.length - done, position3 === null ? null : position3 + done, (err, w) => err ? reject(err) : resolve7(w));
    });
    if (n === 0)
      break;
    done += n;
  }
  return done;
}
function ftruncate2(fd, size) {
  return new Promise((resolve7, reject) => fs.ftruncate(fd, size, (err) => err ? reject(err) : resolve7()));
}
function sync(fd, datasync) {
  return new Promise((resolve7, reject) => (datasync ? fs.fdatasync : fs.fsync)(fd, (err) => err ? reject(err) : resolve7()));
}

// ../../work/main/packages/head/dist/files/jail.js
function procPath(fd) {
  return `/proc/self/fd/${fd}`;
}
function childPath(parentFd, name) {
  return `/proc/self/fd/${parentFd}/${checkName(name)}`;
}
async function openChild(parentFd, name) {
  const fd = await open2(childPath(parentFd, name), O_PATH | O_NOFOLLOW);
  try {
    return { fd, st: await fstat2(fd) };
  } catch (err) {
    closeQuietly(fd);
    throw err;
  }
}
async function pathFdOf(fd) {
  const pfd = await open2(procPath(fd), O_PATH);
  try {
    return { fd: pfd, st: await fstat2(pfd) };
  } catch (err) {
    closeQuietly(pfd);
    throw err;
  }
}
function openExportRoot(path) {
  const fd = openSync(path, O_PATH | O_DIRECTORY);
  return { fd, st: fstatSync(fd, { bigint: true }) };
}

// ../../work/main/packages/head/dist/files/attr.js
var NS = 1000000000n;
function split(ns) {
  let sec = ns / NS;
  let nsec = ns % NS;
  if (nsec < 0n) {
    sec -= 1n;
    nsec += NS;
  }
  return [Number(sec), Number(nsec)];
}
function toAttr(st) {
  const [atimeSec, atimeNsec] = split(st.atimeNs);
  const [mtimeSec, mtimeNsec] = split(st.mtimeNs);
  const [ctimeSec, ctimeNsec] = split(st.ctimeNs);
  return {
    ino: Number(st.ino),
    size: Number(st.size),
    blocks: Number(st.blocks),
    atimeSec,
    atimeNsec,
    mtimeSec,
    mtimeNsec,
    ctimeSec,
    ctimeNsec,
    mode: Number(st.mode),
    nlink: Number(st.nlink),
    uid: Number(st.uid),
    gid: Number(st.gid),
    rdev: Number(st.rdev),
    blksize: Number(st.blksize)
  };
}
function rootAttr(exportCount, bornMs) {
  const sec = Math.floor(bornMs / 1e3);
  const nsec = bornMs % 1e3 * 1e6;
  return {
    ino: 1,
    size: 4096,
    blocks: 0,
    atimeSec: sec,
    atimeNsec: nsec,
    mtimeSec: sec,
    mtimeNsec: nsec,
    ctimeSec: sec,
    ctimeNsec: nsec,
    mode: S_IFDIR | 365,
    nlink: 2 + exportCount,
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    rdev: 0,
    blksize: 4096
  };
}
function fingerprint(st) {
  return { size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
}
function sameFingerprint(a, b) {
  return a !== void 0 && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

// ../../work/main/packages/head/dist/files/core.js
var ECHO_WINDOW_MS = 2e3;
var Core = class {
  table = new NodeTable();
  handles = new HandleTable();
  locks;
  exports;
  entryTtlMs;
  attrTtlMs;
  born = Date.now();
  #onInvalidate;
  /** "parentId\0name" → expiry: own entry changes whose watcher echo should be dropped. */
  ownEntries = /* @__PURE__ */ new Map();
  /** node id → own operations in flight that change it (or its entries), for the watcher. */
  #inflight = /* @__PURE__ */ new Map();
  constructor(opts) {
    this.entryTtlMs = opts.entryTtlMs ?? 1e3;
    this.attrTtlMs = opts.attrTtlMs ?? 1e3;
    this.#onInvalidate = opts.onInvalidate;
    this.locks = opts.locks ?? new LockManager();
    this.exports = opts.exports.map((e, i) => {
      const { fd, st } = openExportRoot(e.path);
      if (!st.isDirectory()) {
        fs2.closeSync(fd);
        throw new Error(`export ${e.path} is not a directory`);
      }
      return { path: e.path, readOnly: e.readOnly, root: this.table.addExportRoot(i, fd, st) };
    });
  }
  /** The node `id` (ESTALE if unknown). */
  node(id) {
    return this.table.get(id);
  }
  /** The directory node `id` (ENOTDIR otherwise). */
  dirNode(id) {
    const n = this.table.get(id);
    if (!n.isDir)
      throw fsError("ENOTDIR", `node ${id} is not a directory`);
    return n;
  }
  /** Throw EROFS unless `node` lies in a writable export. */
  checkWritable(node) {
    if (node.isVirtualRoot)
      throw fsError("EROFS", "the virtual root is read-only");
    if (this.exports[node.exportIndex]?.readOnly !== false)
      throw fsError("EROFS", "read-only export");
  }
  /** An Entry for `node`, counting one lookup for `origin`. */
  entry(node, st, origin) {
    this.table.addLookup(node, origin);
    return {
      node: node.id,
      generation: 0,
      attr: toAttr(st),
      entryTtlMs: this.entryTtlMs,
      attrTtlMs: this.attrTtlMs
    };
  }
  /** Report an invalidation; listener errors are logged, never thrown into the op. */
  emit(inv, origin) {
    if (this.#onInvalidate === void 0)
      return;
    try {
      this.#onInvalidate(inv, origin);
    } catch (err) {
      log.warn("onInvalidate threw", err);
    }
  }
  /** The service itself changed `name` in `parent`: tell others, and expect the watcher echo. */
  entryChanged(parent, name, origin) {
    this.ownEntries.set(`${parent.id}\0${name}`, Date.now() + ECHO_WINDOW_MS);
    this.emit({ kind: "entry", parent: parent.id, name }, origin);
    this.inodeChanged(parent, origin);
  }
  /** The service itself changed the content or attributes of `node`: tell others. */
  inodeChanged(node, origin, off = 0, len = -1) {
    this.emit({ kind: "inode", node: node.id, off, len }, origin);
    if (node.ref !== null)
      this.track([node.id], node.use((fd) => fstat2(fd)).then((st) => void (node.ownFp = fingerprint(st))).catch(() => void 0));
  }
  /**
   * Register `p`, an own operation changing the nodes `ids` (content, attributes, or entries of
   * a directory), until it settles. The watcher may see the kernel's event for such a change
   * before the operation has recorded it as its own; it waits for these first.
   */
  track(ids2, p) {
    const keys = [...new Set(ids2.filter((id) => typeof id === "number"))];
    for (const k of keys) {
      let set = this.#inflight.get(k);
      if (set === void 0)
        this.#inflight.set(k, set = /* @__PURE__ */ new Set());
      set.add(p);
    }
    const done = () => {
      for (const k of keys) {
        const set = this.#inflight.get(k);
        set?.delete(p);
        if (set?.size === 0)
          this.#inflight.delete(k);
      }
    };
    p.then(done, done);
    return p;
  }
  /** True while own operations changing node `id` are in flight. */
  busy(id) {
    return this.#inflight.has(id);
  }
  /** Wait until the own operations on node `id` that were in flight (and what they started) settle. */
  async settled(id) {
    for (let round = 0; round < 3; round++) {
      const set = this.#inflight.get(id);
      if (set === void 0)
        return;
      await Promise.allSettled([...set]);
    }
  }
  /** True (and consumed) if a watcher event for parent/name is the echo of an own change. */
  takeOwnEntry(parentId, name) {
    const key = `${parentId}\0${name}`;
    const until = this.ownEntries.get(key);
    if (until === void 0)
      return false;
    this.ownEntries.delete(key);
    return until >= Date.now();
  }
  /** Set the permission bits the guest asked for when the head's own umask removed some. */
  async fixMode(fd, st, wanted) {
    const have = Number(st.mode) & 4095;
    const inheritedSgid = st.isDirectory() ? have & 1024 : 0;
    if (have === (wanted | inheritedSgid))
      return st;
    await fs2.promises.chmod(procPath(fd), wanted | inheritedSgid);
    return fstat2(fd);
  }
  /** Close everything (service shutdown). */
  close() {
    for (const h of this.handles.all())
      if (h.kind === "file")
        h.ref.close();
    this.table.closeAll();
  }
};

// ../../work/main/packages/head/dist/files/watcher.js
import * as fs3 from "node:fs";
var watchImpl = {
  watch: (path, listener) => fs3.watch(path, { persistent: false, encoding: "utf8" }, listener)
};
var ExportWatcher = class {
  core;
  #watches = /* @__PURE__ */ new Map();
  #closed = false;
  /** Set after a failed watch (ENOSPC...) so the failure is logged once per episode. */
  #failing = false;
  constructor(core) {
    this.core = core;
    core.table.onAdded = (node) => this.#watch(node);
    core.table.onDropped = (node) => this.#unwatch(node);
    for (const node of core.table.all())
      this.#watch(node);
  }
  /** Resolves at once: watches are placed synchronously as directory nodes appear. */
  ready() {
    return Promise.resolve();
  }
  /** Number of directories currently watched (one inotify watch each). */
  get watchedCount() {
    return this.#watches.size;
  }
  /** Stop watching. */
  close() {
    this.#closed = true;
    this.core.table.onAdded = void 0;
    this.core.table.onDropped = void 0;
    for (const w of this.#watches.values())
      w.close();
    this.#watches.clear();
    return Promise.resolve();
  }
  #watch(node) {
    if (this.#closed || !node.isDir || node.ref === null || this.#watches.has(node.id))
      return;
    void node.use(async (fd) => {
      const w = watchImpl.watch(`${procPath(fd)}/.`, (event, name) => this.#event(node, event, name));
      w.on("error", (err) => {
        log.warn(`watch of node ${node.id} failed; it is no longer watched`, err);
        this.#unwatch(node);
      });
      this.#watches.set(node.id, w);
      this.#failing = false;
    }).catch((err) => {
      if (isFsError(err) && err.errno === "ESTALE")
        return;
      if (!this.#failing) {
        const code2 = err.code;
        const hint = code2 === "ENOSPC" ? " (inotify watch limit: raise fs.inotify.max_user_watches)" : "";
        log.warn(`cannot watch directories${hint}; changes by other processes on the head to unwatched directories show only after the cache TTLs`, err);
      }
      this.#failing = true;
    });
  }
  #unwatch(node) {
    const w = this.#watches.get(node.id);
    if (w === void 0)
      return;
    this.#watches.delete(node.id);
    w.close();
  }
  #event(dir, event, name) {
    if (this.#closed || this.#watches.get(dir.id) === void 0)
      return;
    this.#handle(dir, event, name ?? ".").catch((err) => {
      if (isFsError(err) && err.errno === "ESTALE")
        return;
      log.warn(`watcher event ${event} ${name} in node ${dir.id}`, err);
    });
  }
  /** True if `st` is the state the service itself left `node` in (an echo of an own change). */
  #isEcho(node, st) {
    return sameFingerprint(node.ownFp, fingerprint(st));
  }
  #inode(node) {
    this.core.emit({ kind: "inode", node: node.id, off: 0, len: -1 }, void 0);
  }
  /**
   * Stat `node` at a moment when no own operation on it is in flight, so the result can be
   * compared with the state the service recorded. Null if the service keeps changing it (then
   * the event is taken for an echo of those changes: they are reported with their origin, and
   * a coinciding foreign change is bounded by the attribute TTL).
   */
  async #quietStat(node) {
    for (let round = 0; round < 5; round++) {
      await this.core.settled(node.id);
      const st = await node.use((fd) => fstat2(fd));
      if (!this.core.busy(node.id))
        return st;
    }
    return null;
  }
  async #handle(dir, event, name) {
    if (name === ".") {
      const st = await this.#quietStat(dir);
      if (st !== null && !this.#isEcho(dir, st))
        this.#inode(dir);
      return;
    }
    if (name === ".." || name.includes("/") || name.includes("\0"))
      return;
    if (event === "rename") {
      await this.core.settled(dir.id);
      if (this.core.takeOwnEntry(dir.id, name))
        return;
    }
    const lst = await dir.use((fd) => fs3.promises.lstat(childPath(fd, name), { bigint: true })).catch((err) => {
      if (isFsError(err))
        throw err;
      return null;
    });
    const child = lst !== null ? this.core.table.byInode(lst.dev, lst.ino) : void 0;
    if (child !== void 0 && child !== dir) {
      const st = await this.#quietStat(child).catch(() => null);
      if (st === null || this.#isEcho(child, st))
        return;
    }
    if (event === "rename") {
      this.core.emit({ kind: "entry", parent: dir.id, name }, void 0);
      this.#inode(dir);
    }
    if (child !== void 0 && child !== dir)
      this.#inode(child);
  }
};

// ../../work/main/packages/head/dist/files/origin.js
var ids = /* @__PURE__ */ new WeakMap();
var next = 0;
function originKey(origin) {
  if (origin === void 0)
    return "";
  if (typeof origin === "object" && origin !== null || typeof origin === "function") {
    let id = ids.get(origin);
    if (id === void 0) {
      id = `o${++next}`;
      ids.set(origin, id);
    }
    return id;
  }
  return `p:${typeof origin}:${String(origin)}`;
}

// ../../work/main/packages/head/dist/files/ops-names.js
import { promises as fsp } from "node:fs";

// ../../work/main/packages/head/dist/files/helper.js
import { spawn } from "node:child_process";
var NR = {
  x64: { renameat2: 316, mknodat: 259 },
  arm64: { renameat2: 276, mknodat: 33 }
};
var syscallNumbers = NR[process.arch];
var PROGRAM = 'umask 0; my @a = map { substr($_, 0, 2) eq "i:" ? substr($_, 2) + 0 : substr($_, 2) } @ARGV; my $r = syscall(shift(@a), @a); exit($r == -1 ? $! + 0 : 0)';
function childSyscall(fds, args) {
  return new Promise((resolve7, reject) => {
    const tagged = args.map((a) => typeof a === "number" ? `i:${a}` : `s:${a}`);
    const child = spawn("perl", ["-e", PROGRAM, ...tagged], {
      stdio: ["ignore", "ignore", "pipe", ...fds]
    });
    let stderr = "";
    child.stderr?.on("data", (d) => stderr += d.toString());
    child.on("error", (err) => reject(err));
    child.on("close", (code2) => {
      if (code2 === 0)
        return resolve7();
      const name = code2 !== null ? errnoName(code2) : void 0;
      reject(fsError(name ?? "EIO", `helper syscall failed (${code2}) ${stderr.trim()}`));
    });
  });
}

// ../../work/main/packages/head/dist/files/ops-names.js
function lookup(core, p, ctx) {
  return mapErrors(async () => {
    const parent = core.dirNode(p.parent);
    const name = checkName(p.name);
    const origin = originKey(ctx?.origin);
    if (parent.isVirtualRoot) {
      const ex = /^(0|[1-9][0-9]*)$/.test(name) ? core.exports[Number(name)] : void 0;
      if (ex === void 0)
        throw fsError("ENOENT", `no export ${name}`);
      const st = await ex.root.use((fd) => fstat2(fd));
      return core.entry(ex.root, st, origin);
    }
    return lookupIn(core, parent, name, origin);
  });
}
async function lookupIn(core, parent, name, origin) {
  const { fd, st } = await parent.use((pfd) => openChild(pfd, name));
  const node = core.table.intern(parent.exportIndex, fd, st, parent.id, name);
  return core.entry(node, st, origin);
}
function forget(core, p, ctx) {
  const origin = originKey(ctx?.origin);
  for (const item of Array.isArray(p.items) ? p.items : []) {
    if (Array.isArray(item))
      core.table.forget(Number(item[0]), Number(item[1]), origin);
  }
  return Promise.resolve();
}
function target2(core, parentId, name) {
  const parent = core.dirNode(parentId);
  checkName(name);
  core.checkWritable(parent);
  return { parent, name };
}
async function created(core, parent, name, wanted, ctx) {
  const origin = originKey(ctx?.origin);
  const { fd, st: st0 } = await parent.use((pfd) => openChild(pfd, name));
  let st = st0;
  if (wanted !== null && !st0.isSymbolicLink()) {
    try {
      st = await core.fixMode(fd, st0, wanted);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  }
  const node = core.table.intern(parent.exportIndex, fd, st, parent.id, name);
  node.ownFp = fingerprint(st);
  core.entryChanged(parent, name, ctx?.origin);
  return core.entry(node, st, origin);
}
function mkdir(core, p, ctx) {
  return mapErrors(async () => {
    const { parent, name } = target2(core, p.parent, p.name);
    const wanted = p.mode & ~p.umask & 1023;
    await parent.use((pfd) => fsp.mkdir(childPath(pfd, name), wanted));
    return created(core, parent, name, wanted, ctx);
  });
}
function mknod(core, p, ctx) {
  return mapErrors(async () => {
    const { parent, name } = target2(core, p.parent, p.name);
    const type = p.mode & S_IFMT;
    const wanted = p.mode & ~p.umask & 4095;
    if (type === 0 || type === S_IFREG) {
      await parent.use(async (pfd) => {
        const fd = await open2(childPath(pfd, name), O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY, wanted);
        closeQuietly(fd);
      });
    } else if (type === S_IFIFO || type === 49152) {
      if (syscallNumbers === void 0)
        throw fsError("ENOSYS", "mknod of FIFOs unsupported on this CPU");
      const nr2 = syscallNumbers.mknodat;
      await parent.use((pfd) => childSyscall([pfd], [nr2, 3, name, type | wanted, 0]));
    } else {
      throw fsError("EPERM", "device nodes cannot be created in an export");
    }
    return created(core, parent, name, wanted, ctx);
  });
}
function symlink(core, p, ctx) {
  return mapErrors(async () => {
    const { parent, name } = target2(core, p.parent, p.name);
    if (typeof p.target !== "string" || p.target === "")
      throw fsError("ENOENT", "empty symlink target");
    if (p.target.includes("\0"))
      throw fsError("EINVAL", "NUL in symlink target");
    if (Buffer.byteLength(p.target) >= PATH_MAX)
      throw fsError("ENAMETOOLONG", "symlink target too long");
    await parent.use((pfd) => fsp.symlink(p.target, childPath(pfd, name)));
    return created(core, parent, name, null, ctx);
  });
}
function lstatChild(parent, name) {
  return parent.use((pfd) => fsp.lstat(childPath(pfd, name), { bigint: true }));
}
function link(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const { parent: dst, name } = target2(core, p.newParent, p.newName);
    if (node.isVirtualRoot || node.pinned)
      throw fsError("EPERM", "cannot link an export root");
    if (node.isDir)
      throw fsError("EPERM", "hard link to a directory");
    if (node.exportIndex !== dst.exportIndex)
      throw fsError("EXDEV", "link across exports");
    const src2 = core.table.peek(node.parent);
    if (src2 === void 0)
      throw fsError("ESTALE", "source directory no longer known");
    const before = await lstatChild(src2, node.name).catch(() => null);
    if (before === null || before.ino !== node.ino || before.dev !== node.dev) {
      throw fsError("ESTALE", "source was renamed on the head");
    }
    await src2.use((sfd) => dst.use((dfd) => fsp.link(childPath(sfd, node.name), childPath(dfd, name))));
    const after = await lstatChild(dst, name);
    if (after.ino !== node.ino || after.dev !== node.dev) {
      await dst.use((dfd) => fsp.unlink(childPath(dfd, name))).catch(() => void 0);
      throw fsError("ESTALE", "source was replaced on the head during link");
    }
    core.entryChanged(dst, name, ctx?.origin);
    core.inodeChanged(node, ctx?.origin);
    return core.entry(node, after, originKey(ctx?.origin));
  });
}
async function removeName(core, p, dir, ctx) {
  const parent = core.dirNode(p.parent);
  const name = checkName(p.name);
  core.checkWritable(parent);
  const st = await lstatChild(parent, name).catch(() => null);
  await parent.use((pfd) => dir ? fsp.rmdir(childPath(pfd, name)) : fsp.unlink(childPath(pfd, name)));
  const child = st ? core.table.byInode(st.dev, st.ino) : void 0;
  core.ownEntries.set(`${parent.id}\0${name}`, Date.now() + 2e3);
  if (child !== void 0) {
    core.emit({ kind: "delete", parent: parent.id, child: child.id, name }, ctx?.origin);
    if (!dir)
      core.inodeChanged(child, ctx?.origin);
  } else {
    core.emit({ kind: "entry", parent: parent.id, name }, ctx?.origin);
  }
  core.inodeChanged(parent, ctx?.origin);
}
function unlink(core, p, ctx) {
  return mapErrors(() => removeName(core, p, false, ctx));
}
function rmdir(core, p, ctx) {
  return mapErrors(() => removeName(core, p, true, ctx));
}
function rename(core, p, ctx) {
  return mapErrors(async () => {
    const src2 = core.dirNode(p.parent);
    const dst = core.dirNode(p.newParent);
    const name = checkName(p.name);
    const newName = checkName(p.newName);
    const flags = p.flags ?? 0;
    if (!Number.isInteger(flags) || (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) !== 0 || flags === 3) {
      throw fsError("EINVAL", `unsupported rename flags ${flags}`);
    }
    core.checkWritable(src2);
    core.checkWritable(dst);
    if (src2.exportIndex !== dst.exportIndex)
      throw fsError("EXDEV", "rename across exports");
    const moved = await lstatChild(src2, name);
    const other = flags === RENAME_EXCHANGE ? await lstatChild(dst, newName) : null;
    await src2.use((sfd) => dst.use(async (dfd) => {
      if (flags === 0)
        return fsp.rename(childPath(sfd, name), childPath(dfd, newName));
      if (syscallNumbers === void 0)
        throw fsError("EINVAL", "rename flags unsupported on this CPU");
      return childSyscall([sfd, dfd], [syscallNumbers.renameat2, 3, name, 4, newName, flags]);
    }));
    const a = core.table.byInode(moved.dev, moved.ino);
    if (a !== void 0 && !a.pinned) {
      a.parent = dst.id;
      a.name = newName;
    }
    const b = other ? core.table.byInode(other.dev, other.ino) : void 0;
    if (b !== void 0 && !b.pinned) {
      b.parent = src2.id;
      b.name = name;
    }
    core.entryChanged(src2, name, ctx?.origin);
    if (dst !== src2 || newName !== name)
      core.entryChanged(dst, newName, ctx?.origin);
    if (a !== void 0)
      core.inodeChanged(a, ctx?.origin);
  });
}

// ../../work/main/packages/head/dist/files/ops-attrs.js
import { promises as fsp2 } from "node:fs";
function statNode(node) {
  return node.use((fd) => fstat2(fd));
}
function getattr(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (node.isVirtualRoot)
      return rootAttr(core.exports.length, core.born);
    if (p.fh !== void 0) {
      const h = core.handles.file(p.fh);
      if (h.node === node)
        return toAttr(await h.ref.use((fd) => fstat2(fd)));
    }
    return toAttr(await statNode(node));
  });
}
async function symlinkPath(core, node, fn) {
  const parent = core.table.peek(node.parent);
  if (parent === void 0)
    throw fsError("ESTALE", "symlink's directory no longer known");
  const st = await lstatChild(parent, node.name).catch(() => null);
  if (st === null || st.ino !== node.ino || st.dev !== node.dev)
    throw fsError("ESTALE", "symlink renamed on the head");
  return parent.use((pfd) => fn(childPath(pfd, node.name)));
}
function timeArg(t, currentNs) {
  if (t === void 0)
    return Number(currentNs) / 1e9;
  if (t === "now")
    return Date.now() / 1e3;
  if (!Number.isSafeInteger(t.sec) || !Number.isInteger(t.nsec) || t.nsec < 0 || t.nsec > 999999999) {
    throw fsError("EINVAL", "bad time");
  }
  return t.sec + t.nsec / 1e9;
}
function setattr(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    core.checkWritable(node);
    const h = p.fh !== void 0 ? core.handles.file(p.fh) : void 0;
    if (node.isSymlink) {
      if (p.mode !== void 0)
        throw fsError("EOPNOTSUPP", "chmod of a symlink");
      if (p.size !== void 0)
        throw fsError("EINVAL", "truncate of a symlink");
    }
    if (p.size !== void 0) {
      if (!Number.isSafeInteger(p.size) || p.size < 0)
        throw fsError("EINVAL", "bad size");
      if (node.isDir)
        throw fsError("EISDIR", "truncate of a directory");
    }
    const onPath = (fn) => node.isSymlink ? symlinkPath(core, node, (path) => fn(path, false)) : node.use((fd) => fn(procPath(fd), true));
    if (p.uid !== void 0 || p.gid !== void 0) {
      const uid = p.uid ?? -1;
      const gid = p.gid ?? -1;
      await onPath((path, follows) => follows ? fsp2.chown(path, uid, gid) : fsp2.lchown(path, uid, gid));
    }
    if (p.mode !== void 0) {
      const mode = p.mode & 4095;
      await onPath((path) => fsp2.chmod(path, mode));
    }
    if (p.size !== void 0) {
      const size = p.size;
      if (h !== void 0)
        await h.ref.use((fd) => ftruncate2(fd, size));
      else
        await node.use((fd) => fsp2.truncate(procPath(fd), size));
      node.writes++;
    }
    if (p.atime !== void 0 || p.mtime !== void 0) {
      const { atime, mtime } = p;
      const cur = node.isSymlink ? null : await statNode(node);
      await onPath(async (path, follows) => {
        const st2 = cur ?? await fsp2.lstat(path, { bigint: true });
        const a = timeArg(atime, st2.atimeNs);
        const m = timeArg(mtime, st2.mtimeNs);
        return follows ? fsp2.utimes(path, a, m) : fsp2.lutimes(path, a, m);
      });
    }
    const st = await statNode(node);
    core.inodeChanged(node, ctx?.origin);
    return toAttr(st);
  });
}
function readlink(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (!node.isSymlink)
      throw fsError("EINVAL", "not a symlink");
    return symlinkPath(core, node, (path) => fsp2.readlink(path, { encoding: "utf8" }));
  });
}
function access(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const mask = p.mask & 7;
    if (node.isVirtualRoot) {
      if (mask & 2)
        throw fsError("EROFS", "virtual root is read-only");
      return;
    }
    if (mask & 2 && !node.isSymlink)
      core.checkWritable(node);
    if (node.isSymlink) {
      await statNode(node);
      return;
    }
    await node.use((fd) => fsp2.access(procPath(fd), mask));
  });
}
function statfs(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (node.isVirtualRoot) {
      return { blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, bsize: 4096, namelen: NAME_MAX, frsize: 4096 };
    }
    const s = await node.use((fd) => fsp2.statfs(procPath(fd)));
    return {
      blocks: Number(s.blocks),
      bfree: Number(s.bfree),
      bavail: Number(s.bavail),
      files: Number(s.files),
      ffree: Number(s.ffree),
      bsize: Number(s.bsize),
      namelen: NAME_MAX,
      frsize: Number(s.bsize)
    };
  });
}

// ../../work/main/packages/head/dist/files/ops-io.js
import { promises as fsp3 } from "node:fs";
function accessOf(flags) {
  const acc = flags & O_ACCMODE;
  if (acc === 3)
    throw fsError("EINVAL", "bad access mode");
  return { readable: acc === O_RDONLY || acc === O_RDWR, writable: acc === O_WRONLY || acc === O_RDWR };
}
function keepCache(node, origin, st) {
  const fp = fingerprint(st);
  const snap = node.snapshots.get(origin);
  const keep = snap !== void 0 && snap.writes === node.writes && sameFingerprint(snap.fp, fp);
  node.snapshots.set(origin, { fp, writes: node.writes });
  return keep;
}
function addHandle(core, node, fd, flags, ctx) {
  const { readable, writable } = accessOf(flags);
  return core.handles.add((id) => ({
    kind: "file",
    id,
    node,
    ref: new FdRef(fd, "EBADF"),
    readable,
    writable,
    append: (flags & O_APPEND) !== 0,
    origin: originKey(ctx?.origin),
    originValue: ctx?.origin
  }));
}
function openFile(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const flags = p.flags | 0;
    const { writable } = accessOf(flags);
    if (node.isSymlink)
      throw fsError("ELOOP", "open of a symlink node");
    if (node.isDir && (writable || flags & O_TRUNC))
      throw fsError("EISDIR", "directory opened for writing");
    if (writable || flags & O_TRUNC)
      core.checkWritable(node);
    if (node.isVirtualRoot)
      throw fsError("EISDIR", "use opendir");
    const fd = await node.use((pfd) => open2(procPath(pfd), flags & OPEN_PASSTHROUGH));
    try {
      const st = await fstat2(fd);
      if (flags & O_TRUNC) {
        node.writes++;
        core.inodeChanged(node, ctx?.origin);
      }
      const keep = keepCache(node, originKey(ctx?.origin), st);
      const h = addHandle(core, node, fd, flags, ctx);
      return { fh: h.id, keepCache: keep };
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  });
}
function create(core, p, ctx) {
  return mapErrors(async () => {
    const parent = core.dirNode(p.parent);
    const name = checkName(p.name);
    core.checkWritable(parent);
    const flags = p.flags | 0;
    accessOf(flags);
    const wanted = p.mode & ~p.umask & 4095;
    const existed = await lstatChild(parent, name).then(() => true, () => false);
    const realFlags = O_CREAT | O_NOFOLLOW | flags & O_EXCL | flags & OPEN_PASSTHROUGH;
    const fd = await parent.use((pfd) => open2(childPath(pfd, name), realFlags, wanted));
    let pathFd = -1;
    try {
      let st = await fstat2(fd);
      if (!st.isFile())
        throw fsError(st.isDirectory() ? "EISDIR" : "EEXIST", "name exists and is not a file");
      if (!existed && (Number(st.mode) & 4095) !== wanted) {
        await fsp3.chmod(procPath(fd), wanted);
        st = await fstat2(fd);
      }
      const pf = await pathFdOf(fd);
      pathFd = pf.fd;
      const node = core.table.intern(parent.exportIndex, pathFd, st, parent.id, name);
      pathFd = -1;
      if (!existed)
        node.ownFp = fingerprint(st);
      if (existed && flags & O_TRUNC) {
        node.writes++;
        core.inodeChanged(node, ctx?.origin);
      }
      keepCache(node, originKey(ctx?.origin), st);
      const h = addHandle(core, node, fd, flags, ctx);
      core.entryChanged(parent, name, ctx?.origin);
      return { entry: core.entry(node, st, originKey(ctx?.origin)), open: { fh: h.id, keepCache: false } };
    } catch (err) {
      closeQuietly(fd);
      if (pathFd >= 0)
        closeQuietly(pathFd);
      throw err;
    }
  });
}
function read3(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    if (!h.readable)
      throw fsError("EBADF", "handle not open for reading");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0)
      throw fsError("EINVAL", "bad offset");
    if (!Number.isSafeInteger(p.size) || p.size < 0 || p.size > MAX_IO)
      throw fsError("EINVAL", "bad size");
    return h.ref.use((fd) => pread(fd, p.size, p.offset));
  });
}
function write2(core, p, ctx) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.checkWritable(h.node);
    if (!h.writable)
      throw fsError("EBADF", "handle not open for writing");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0)
      throw fsError("EINVAL", "bad offset");
    if (!(p.data instanceof Uint8Array) || p.data.length > MAX_IO)
      throw fsError("EINVAL", "bad data");
    const n = await h.ref.use((fd) => pwriteAll(fd, p.data, h.append ? null : p.offset));
    h.node.writes++;
    core.inodeChanged(h.node, ctx?.origin, h.append ? 0 : p.offset, h.append ? -1 : n);
    return n;
  });
}
function lockOwner(h, owner2) {
  return `${h.origin}/${owner2}`;
}
function flush(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    if (p.lockOwner !== void 0)
      core.locks.releaseOwner(h.node.inodeKey, lockOwner(h, p.lockOwner));
  });
}
function fsync2(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    await h.ref.use((fd) => sync(fd, p.datasync));
  });
}
function release(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.handles.delete(h.id);
    try {
      const st = await h.ref.use((fd) => fstat2(fd));
      h.node.snapshots.set(h.origin, { fp: fingerprint(st), writes: h.node.writes });
    } catch {
      h.node.snapshots.delete(h.origin);
    } finally {
      releaseLocks(core, h, p.lockOwner);
      h.ref.close();
    }
  });
}
function releaseLocks(core, h, owner2) {
  core.locks.releaseFlock(h.node.inodeKey, `fh${h.id}`);
  if (owner2 !== void 0)
    core.locks.releaseOwner(h.node.inodeKey, lockOwner(h, owner2));
}
function posixOwner(h, owner2) {
  return lockOwner(h, owner2);
}
function fallocate(core, p, ctx) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.checkWritable(h.node);
    if (!h.writable)
      throw fsError("EBADF", "handle not open for writing");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0 || !Number.isSafeInteger(p.length) || p.length <= 0) {
      throw fsError("EINVAL", "bad range");
    }
    const FALLOC_FL_KEEP_SIZE = 1;
    if (p.mode === FALLOC_FL_KEEP_SIZE)
      return;
    if (p.mode !== 0)
      throw fsError("EOPNOTSUPP", `fallocate mode ${p.mode}`);
    const end = p.offset + p.length;
    await h.ref.use(async (fd) => {
      const st = await fstat2(fd);
      if (BigInt(end) > st.size)
        await ftruncate2(fd, end);
    });
    h.node.writes++;
    core.inodeChanged(h.node, ctx?.origin);
  });
}
function lseek(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    const off = p.offset;
    if (!Number.isSafeInteger(off))
      throw fsError("EINVAL", "bad offset");
    if (p.whence === 0) {
      if (off < 0)
        throw fsError("EINVAL", "negative offset");
      return off;
    }
    if (p.whence === 1)
      throw fsError("EINVAL", "SEEK_CUR is resolved by the kernel");
    const size = Number((await h.ref.use((fd) => fstat2(fd))).size);
    switch (p.whence) {
      case 2:
        if (size + off < 0)
          throw fsError("EINVAL", "negative result");
        return size + off;
      case 3:
        if (off < 0 || off >= size)
          throw fsError("ENXIO", "no data at or after offset");
        return off;
      case 4:
        if (off < 0 || off >= size)
          throw fsError("ENXIO", "offset beyond end of file");
        return size;
      default:
        throw fsError("EINVAL", `bad whence ${p.whence}`);
    }
  });
}
var COPY_CHUNK = 1024 * 1024;
function copyFileRange(core, p, ctx) {
  return mapErrors(async () => {
    const hin = core.handles.file(p.fhIn);
    const hout = core.handles.file(p.fhOut);
    core.checkWritable(hout.node);
    if (p.flags !== 0)
      throw fsError("EINVAL", "copy_file_range flags must be 0");
    if (!hin.readable || !hout.writable || hout.append)
      throw fsError("EBADF", "bad handle modes");
    for (const v of [p.offIn, p.offOut, p.len]) {
      if (!Number.isSafeInteger(v) || v < 0)
        throw fsError("EINVAL", "bad offset or length");
    }
    if (hin.node.isDir || hout.node.isDir)
      throw fsError("EISDIR", "directory");
    const len = Math.min(p.len, MAX_IO);
    if (hin.node === hout.node && p.offIn < p.offOut + len && p.offOut < p.offIn + len) {
      throw fsError("EINVAL", "overlapping ranges in the same file");
    }
    let done = 0;
    await hin.ref.use((ifd) => hout.ref.use(async (ofd) => {
      while (done < len) {
        const buf = await pread(ifd, Math.min(COPY_CHUNK, len - done), p.offIn + done);
        if (buf.length === 0)
          break;
        done += await pwriteAll(ofd, buf, p.offOut + done);
      }
    }));
    if (done > 0) {
      hout.node.writes++;
      core.inodeChanged(hout.node, ctx?.origin, p.offOut, done);
    }
    return done;
  });
}

// ../../work/main/packages/head/dist/files/ops-dirs.js
import { promises as fsp4 } from "node:fs";
var DT_DIR = 4;
function direntType(d) {
  if (d.isFile())
    return 8;
  if (d.isDirectory())
    return DT_DIR;
  if (d.isSymbolicLink())
    return 10;
  if (d.isFIFO())
    return 1;
  if (d.isSocket())
    return 12;
  if (d.isCharacterDevice())
    return 2;
  if (d.isBlockDevice())
    return 6;
  return 0;
}
function opendir(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.dirNode(p.node);
    if (!node.isVirtualRoot)
      await node.use(async () => void 0);
    const h = core.handles.add((id) => ({
      kind: "dir",
      id,
      node,
      origin: originKey(ctx?.origin),
      originValue: ctx?.origin,
      listing: null,
      served: false
    }));
    return { fh: h.id, keepCache: false };
  });
}
async function snapshot(core, h) {
  const node = h.node;
  if (node.isVirtualRoot) {
    return [
      { name: ".", type: DT_DIR, ino: 1 },
      { name: "..", type: DT_DIR, ino: 1 },
      ...core.exports.map((e, i) => ({ name: String(i), type: DT_DIR, ino: Number(e.root.ino) }))
    ];
  }
  return node.use(async (fd) => {
    const dirents = await fsp4.readdir(procPath(fd), { withFileTypes: true, encoding: "utf8" });
    const dotdot = node.pinned ? 1 : Number((await fsp4.lstat(`${procPath(fd)}/..`, { bigint: true })).ino);
    return [
      { name: ".", type: DT_DIR, ino: Number(node.ino) },
      { name: "..", type: DT_DIR, ino: dotdot },
      ...dirents.map((d) => ({ name: d.name, type: direntType(d) }))
    ];
  });
}
async function window2(core, p) {
  const h = core.handles.dir(p.fh);
  if (!Number.isSafeInteger(p.offset) || p.offset < 0)
    throw fsError("EINVAL", "bad offset");
  const max = Math.max(0, Math.min(Number(p.maxEntries) || 0, MAX_DIR_BATCH));
  if (h.listing === null || p.offset === 0 && h.served) {
    h.listing = await snapshot(core, h);
    h.served = false;
  }
  h.served = true;
  const items = [];
  for (let i = p.offset; i < h.listing.length && items.length < max; i++)
    items.push([h.listing[i], i + 1]);
  return { h, items };
}
function isGone(err) {
  const e = isFsError(err) ? err.errno : fromNodeError(err).errno;
  return e === "ENOENT" || e === "ESTALE";
}
function readdir(core, p) {
  return mapErrors(async () => {
    const { h, items } = await window2(core, p);
    const out = await Promise.all(items.map(async ([item, off]) => {
      if (item.ino === void 0) {
        try {
          item.ino = Number((await lstatChild(h.node, item.name)).ino);
        } catch (err) {
          if (isGone(err))
            return null;
          throw err;
        }
      }
      return { name: item.name, ino: item.ino, type: item.type, off };
    }));
    return out.filter((e) => e !== null);
  });
}
function readdirplus(core, p, ctx) {
  return mapErrors(async () => {
    const { h, items } = await window2(core, p);
    const origin = originKey(ctx?.origin);
    const settled = await Promise.allSettled(items.map(async ([item, off]) => {
      if (item.name === "." || item.name === "..")
        return { name: item.name, ino: item.ino ?? 0, type: item.type, off };
      let entry;
      try {
        entry = h.node.isVirtualRoot ? await lookup(core, { parent: h.node.id, name: item.name }, ctx) : await lookupIn(core, h.node, item.name, origin);
      } catch (err) {
        if (isGone(err))
          return null;
        throw err;
      }
      return { name: item.name, ino: entry.attr.ino, type: entry.attr.mode >> 12 & 15, off, entry };
    }));
    const failed = settled.find((r) => r.status === "rejected");
    const out = settled.flatMap((r) => r.status === "fulfilled" && r.value !== null ? [r.value] : []);
    if (failed !== void 0) {
      for (const e of out)
        if (e.entry)
          core.table.forget(e.entry.node, 1, origin);
      throw failed.reason;
    }
    return out;
  });
}
function releasedir(core, p) {
  return mapErrors(async () => {
    core.handles.dir(p.fh);
    core.handles.delete(p.fh);
  });
}
function fsyncdir(core, p) {
  return mapErrors(async () => {
    const h = core.handles.dir(p.fh);
    if (h.node.isVirtualRoot)
      return;
    await h.node.use(async (pfd) => {
      const fd = await open2(procPath(pfd), O_RDONLY | O_DIRECTORY);
      try {
        await sync(fd, p.datasync);
      } finally {
        closeQuietly(fd);
      }
    });
  });
}

// ../../work/main/packages/head/dist/files/xattr-helper.js
import { spawn as spawn2 } from "node:child_process";
import { createInterface } from "node:readline";
var NR2 = {
  // /usr/include/x86_64-linux-gnu/asm/unistd_64.h
  x64: { get: 191, set: 188, list: 194, remove: 197 },
  // /usr/include/asm-generic/unistd.h
  arm64: { get: 8, set: 5, list: 11, remove: 14 }
};
var xattrSyscalls = NR2[process.arch];
var XATTR_SIZE_MAX = 65536;
var MAX_CHILDREN = 4;
var PROGRAM2 = `
$| = 1;
while (my $l = <STDIN>) {
  chomp $l;
  my ($op, $nr, $p, $n, $size, $flags, $v) = split / /, $l, -1;
  $nr += 0; $size += 0; $flags += 0;
  $p = pack("H*", $p); $n = pack("H*", $n); $v = pack("H*", $v);
  my $buf = "\\0" x ($size > 0 ? $size : 1);
  my $r = -1; $! = 22;
  if ($op eq "g") { $r = syscall($nr, $p, $n, $buf, $size); }
  elsif ($op eq "l") { $r = syscall($nr, $p, $buf, $size); }
  elsif ($op eq "s") { $r = syscall($nr, $p, $n, $v, length($v), $flags); }
  elsif ($op eq "r") { $r = syscall($nr, $p, $n); }
  my $e = $r == -1 ? $! + 0 : 0;
  my $out = ($r > 0 && $size > 0) ? unpack("H*", substr($buf, 0, $r)) : "";
  print "$r $e $out\\n";
}`;
var children = /* @__PURE__ */ new Set();
var queue = [];
function setRef(c2, ref) {
  const streams = [c2.proc.stdin, c2.proc.stdout, c2.proc.stderr];
  if (ref) {
    c2.proc.ref();
    for (const s of streams)
      s.ref?.();
  } else {
    c2.proc.unref();
    for (const s of streams)
      s.unref?.();
  }
}
function startChild() {
  const proc = spawn2("perl", ["-e", PROGRAM2], { stdio: ["pipe", "pipe", "pipe"] });
  const c2 = { proc, current: null };
  children.add(c2);
  let stderr = "";
  proc.stderr.on("data", (d) => stderr = (stderr + d.toString()).slice(-2e3));
  proc.stdin.on("error", () => void 0);
  createInterface({ input: proc.stdout }).on("line", (line) => {
    const p = c2.current;
    c2.current = null;
    if (p === null)
      return;
    const [r, e, hex2] = line.split(" ");
    const result = Number(r);
    if (result === -1) {
      const n = Number(e);
      const name = n === 95 ? "EOPNOTSUPP" : errnoName(n);
      p.reject(fsError(name ?? "EIO", `xattr syscall failed (${n})`));
    } else {
      p.resolve({ result, data: Buffer.from(hex2 ?? "", "hex") });
    }
    dispatch();
  });
  const gone = (why) => {
    if (!children.delete(c2))
      return;
    const p = c2.current;
    c2.current = null;
    if (p !== null)
      p.reject(fsError("EIO", `xattr helper ${why} ${stderr.trim()}`));
    else if (stderr !== "")
      log.warn(`xattr helper ${why}: ${stderr.trim()}`);
    dispatch();
  };
  proc.on("error", (err) => gone(`failed: ${err.message}`));
  proc.on("close", (code2, sig) => gone(`exited (${code2 ?? sig})`));
  return c2;
}
function dispatch() {
  while (queue.length > 0) {
    let idle;
    for (const c2 of children)
      if (c2.current === null)
        idle = c2;
    if (idle === void 0) {
      if (children.size >= MAX_CHILDREN)
        break;
      idle = startChild();
    }
    const p = queue.shift();
    idle.current = p;
    setRef(idle, true);
    idle.proc.stdin.write(p.line);
  }
  for (const c2 of children)
    if (c2.current === null)
      setRef(c2, false);
}
function hex(s) {
  return (typeof s === "string" ? Buffer.from(s, "utf8") : Buffer.from(s.buffer, s.byteOffset, s.byteLength)).toString("hex");
}
function run(op2, nr2, path, name, size, flags, value) {
  return new Promise((resolve7, reject) => {
    queue.push({ line: `${op2} ${nr2} ${hex(path)} ${hex(name)} ${size} ${flags} ${hex(value)}
`, resolve: resolve7, reject });
    dispatch();
  });
}
function headFdPath(fd) {
  return `/proc/${process.pid}/fd/${fd}`;
}
function nr() {
  if (xattrSyscalls === void 0)
    throw fsError("EOPNOTSUPP", "extended attributes unsupported on this CPU");
  return xattrSyscalls;
}
async function getxattr(path, name, size) {
  const { result, data } = await run("g", nr().get, path, name, size, 0, "");
  return size === 0 ? result : data;
}
async function listxattr(path, size) {
  const { result, data } = await run("l", nr().list, path, "", size, 0, "");
  return size === 0 ? result : data;
}
async function setxattr(path, name, value, flags) {
  await run("s", nr().set, path, name, 0, flags, value);
}
async function removexattr(path, name) {
  await run("r", nr().remove, path, name, 0, 0, "");
}

// ../../work/main/packages/head/dist/files/ops-xattr.js
var XATTR_CREATE = 1;
var XATTR_REPLACE = 2;
var NAME_MAX2 = 255;
var NAMESPACES = [
  ["user.", true],
  ["trusted.", true],
  ["security.", false]
];
function served(name) {
  return NAMESPACES.some(([p]) => name.startsWith(p) && name.length > p.length);
}
function checkXattrName(name) {
  if (typeof name !== "string" || name.includes("\0"))
    throw fsError("EINVAL", "bad xattr name");
  const len = Buffer.byteLength(name);
  if (len === 0 || len > NAME_MAX2)
    throw fsError("ERANGE", "xattr name empty or longer than 255 bytes");
  if (NAMESPACES.some(([p]) => name === p))
    throw fsError("EINVAL", "xattr name without a suffix");
  return name;
}
function checkSize(size) {
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
    throw fsError("EINVAL", "bad xattr size");
  return Math.min(size, XATTR_SIZE_MAX);
}
function onNode(node, fn) {
  return node.use((fd) => fn(headFdPath(fd)));
}
function getxattr2(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    const size = checkSize(p.size);
    if (!served(name))
      throw fsError("EOPNOTSUPP", `xattr namespace of ${name} not supported`);
    if (node.isVirtualRoot)
      throw fsError("ENODATA", "the virtual root has no xattrs");
    return onNode(node, (path) => getxattr(path, name, size));
  });
}
function listxattr2(core, p) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const size = checkSize(p.size);
    if (node.isVirtualRoot)
      return size === 0 ? 0 : new Uint8Array(0);
    let all;
    for (let attempt = 0; all === void 0; attempt++) {
      const len = await onNode(node, (path) => listxattr(path, 0));
      if (len === 0)
        return size === 0 ? 0 : new Uint8Array(0);
      try {
        all = await onNode(node, (path) => listxattr(path, Math.min(len, XATTR_SIZE_MAX)));
      } catch (err) {
        if (err.errno !== "ERANGE" || attempt >= 3)
          throw err;
      }
    }
    const names = all.toString("latin1").split("\0").filter((n) => n !== "" && served(n));
    const out = Buffer.from(names.map((n) => `${n}\0`).join(""), "latin1");
    if (size === 0)
      return out.length;
    if (out.length > size)
      throw fsError("ERANGE", "xattr list longer than the buffer");
    return out;
  });
}
function setxattr2(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    const flags = p.flags ?? 0;
    if (!Number.isInteger(flags) || (flags & ~(XATTR_CREATE | XATTR_REPLACE)) !== 0)
      throw fsError("EINVAL", `bad xattr flags ${flags}`);
    if (!(p.value instanceof Uint8Array))
      throw fsError("EINVAL", "xattr value must be bytes");
    if (p.value.length > XATTR_SIZE_MAX)
      throw fsError("E2BIG", "xattr value longer than 64 KiB");
    core.checkWritable(node);
    checkWritableNamespace(name);
    await onNode(node, (path) => setxattr(path, name, p.value, flags));
    core.inodeChanged(node, ctx?.origin);
  });
}
function removexattr2(core, p, ctx) {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    core.checkWritable(node);
    if (name !== "security.capability")
      checkWritableNamespace(name);
    await onNode(node, (path) => removexattr(path, name));
    core.inodeChanged(node, ctx?.origin);
  });
}
function checkWritableNamespace(name) {
  const ns = NAMESPACES.find(([p]) => name.startsWith(p) && name.length > p.length);
  if (ns === void 0)
    throw fsError("EOPNOTSUPP", `xattr namespace of ${name} not supported`);
  if (!ns[1])
    throw fsError("EPERM", `${name}: security.* attributes cannot be set by guests`);
}

// ../../work/main/packages/head/dist/files/ops-locks.js
function checkMode(h, type) {
  if (type === F_RDLCK && !h.readable || type === F_WRLCK && !h.writable) {
    throw fsError("EBADF", "lock type does not match the open mode");
  }
}
function getlk(core, p) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    return core.locks.getlk(h.node.inodeKey, posixOwner(h, String(p.owner)), p.lock);
  });
}
function setlk(core, p, ctx) {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    const key = h.node.inodeKey;
    if (p.flock)
      return core.locks.flock(key, `fh${h.id}`, p.lock.type, p.wait, ctx?.signal);
    checkMode(h, p.lock.type);
    return core.locks.setlk(key, posixOwner(h, String(p.owner)), p.lock, p.wait, ctx?.signal);
  });
}

// ../../work/main/packages/head/dist/files/service.js
var FileService = class {
  #core;
  #watcher;
  constructor(opts) {
    this.#core = new Core(opts);
    this.#watcher = opts.watch ? new ExportWatcher(this.#core) : void 0;
  }
  /** Resolves when the export watcher (if any) is reporting changes (at once: watches are lazy). */
  ready() {
    return this.#watcher?.ready() ?? Promise.resolve();
  }
  /** Directories currently watched for foreign changes (one inotify watch each); for tests and metrics. */
  get watchedCount() {
    return this.#watcher?.watchedCount ?? 0;
  }
  /** The node id behind an open file handle, if any (for {@link Core.track}). */
  #fileNode(fh) {
    const h = this.#core.handles.peek(fh);
    return h?.kind === "file" ? h.node.id : void 0;
  }
  /** Number of live nodes (virtual root and export roots included); for tests and metrics. */
  get nodeCount() {
    return this.#core.table.size;
  }
  /**
   * A link went away: close every handle it opened (dropping their locks) and drop every
   * lookup it held, as if its kernel had released and forgotten everything.
   */
  dropOrigin(origin) {
    const key = originKey(origin);
    for (const h of this.#core.handles.all()) {
      if (h.origin !== key)
        continue;
      this.#core.handles.delete(h.id);
      if (h.kind === "file") {
        releaseLocks(this.#core, h);
        this.#core.locks.releaseOwnerPrefix(h.node.inodeKey, `${key}/`);
        h.ref.close();
      }
    }
    this.#core.table.forgetOrigin(key);
  }
  /** Stop the watcher and close every descriptor. */
  async close() {
    await this.#watcher?.close();
    this.#core.close();
  }
  lookup(p, ctx) {
    return lookup(this.#core, p, ctx);
  }
  forget(p, ctx) {
    return forget(this.#core, p, ctx);
  }
  getattr(p) {
    return getattr(this.#core, p);
  }
  setattr(p, ctx) {
    return this.#core.track([p.node], setattr(this.#core, p, ctx));
  }
  readlink(p) {
    return readlink(this.#core, p);
  }
  symlink(p, ctx) {
    return this.#core.track([p.parent], symlink(this.#core, p, ctx));
  }
  mknod(p, ctx) {
    return this.#core.track([p.parent], mknod(this.#core, p, ctx));
  }
  mkdir(p, ctx) {
    return this.#core.track([p.parent], mkdir(this.#core, p, ctx));
  }
  unlink(p, ctx) {
    return this.#core.track([p.parent], unlink(this.#core, p, ctx));
  }
  rmdir(p, ctx) {
    return this.#core.track([p.parent], rmdir(this.#core, p, ctx));
  }
  rename(p, ctx) {
    return this.#core.track([p.parent, p.newParent], rename(this.#core, p, ctx));
  }
  link(p, ctx) {
    return this.#core.track([p.node, p.newParent], link(this.#core, p, ctx));
  }
  open(p, ctx) {
    return this.#core.track([p.node], openFile(this.#core, p, ctx));
  }
  create(p, ctx) {
    return this.#core.track([p.parent], create(this.#core, p, ctx));
  }
  read(p) {
    return read3(this.#core, p);
  }
  write(p, ctx) {
    return this.#core.track([this.#fileNode(p.fh)], write2(this.#core, p, ctx));
  }
  flush(p) {
    return flush(this.#core, p);
  }
  fsync(p) {
    return fsync2(this.#core, p);
  }
  release(p) {
    return release(this.#core, p);
  }
  opendir(p, ctx) {
    return opendir(this.#core, p, ctx);
  }
  readdir(p) {
    return readdir(this.#core, p);
  }
  readdirplus(p, ctx) {
    return readdirplus(this.#core, p, ctx);
  }
  releasedir(p) {
    return releasedir(this.#core, p);
  }
  fsyncdir(p) {
    return fsyncdir(this.#core, p);
  }
  statfs(p) {
    return statfs(this.#core, p);
  }
  access(p) {
    return access(this.#core, p);
  }
  fallocate(p, ctx) {
    return this.#core.track([this.#fileNode(p.fh)], fallocate(this.#core, p, ctx));
  }
  lseek(p) {
    return lseek(this.#core, p);
  }
  copyFileRange(p, ctx) {
    return this.#core.track([this.#fileNode(p.fhOut)], copyFileRange(this.#core, p, ctx));
  }
  getxattr(p) {
    return getxattr2(this.#core, p);
  }
  setxattr(p, ctx) {
    return this.#core.track([p.node], setxattr2(this.#core, p, ctx));
  }
  listxattr(p) {
    return listxattr2(this.#core, p);
  }
  removexattr(p, ctx) {
    return this.#core.track([p.node], removexattr2(this.#core, p, ctx));
  }
  getlk(p) {
    return getlk(this.#core, p);
  }
  setlk(p, ctx) {
    return setlk(this.#core, p, ctx);
  }
};

// ../../work/main/packages/head/dist/file-server.js
var FileServer = class {
  opts;
  service;
  peers = /* @__PURE__ */ new Set();
  log;
  constructor(opts) {
    this.opts = opts;
    this.log = opts.logger ?? silentLogger;
    this.service = new FileService({
      exports: opts.exports,
      entryTtlMs: opts.entryTtlMs ?? 1e4,
      attrTtlMs: opts.attrTtlMs ?? 1e4,
      watch: opts.watch ?? true,
      onInvalidate: (inv, origin) => this.broadcast(inv, origin)
    });
  }
  /** Resolves once the export watcher reports changes. */
  ready() {
    return this.service.ready();
  }
  broadcast(inv, origin) {
    for (const p of this.peers)
      if (p !== origin)
        p.notify(FS_INVAL, inv);
  }
  /** Serve the file service on a link until it closes. */
  serve(peer) {
    this.peers.add(peer);
    const svc = this.service;
    for (const m of FS_METHODS) {
      if (m === "forget")
        continue;
      const fn = svc[m];
      peer.handle(FS_PREFIX + m, (p, ctx) => {
        if (p === null || typeof p !== "object")
          throw new RpcError("BAD_PARAMS", `${FS_PREFIX}${m}: params must be an object`);
        return fn.call(this.service, p, { origin: peer, signal: ctx.signal });
      });
    }
    peer.onNotify(FS_PREFIX + "forget", (p) => {
      if (p === null || typeof p !== "object")
        return;
      this.service.forget(p, { origin: peer }).catch((err) => this.log.warn("forget failed", { err: err.message }));
    });
    peer.once("close", () => {
      this.peers.delete(peer);
      this.service.dropOrigin(peer);
    });
  }
  /** Stop watching and close every descriptor. */
  async close() {
    await this.service.close();
  }
};

// ../../work/main/packages/head/dist/target-link.js
import { hostname } from "node:os";
var HEAD_VERSION = "0.1.0";
var TargetLink = class _TargetLink {
  peer;
  url;
  exported = [];
  constructor(peer, url) {
    this.peer = peer;
    this.url = url;
  }
  /** Dial and authenticate. Rejects with an RpcError saying what failed. */
  static async connect(url, o) {
    const peer = await connect(url, {
      token: o.token,
      info: { name: o.name ?? `head@${hostname()}`, role: "head", version: HEAD_VERSION },
      features: ["jobs", "fs"],
      ...o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}
    });
    return new _TargetLink(peer, url);
  }
  /** Wrap a link that is already authenticated (e.g. a target that dialed in). */
  static fromPeer(peer, url = "(dialed in)") {
    return new _TargetLink(peer, url);
  }
  /** Serve `files` on this link and have the target mount its exports. Once per link. */
  async attach(files) {
    files.serve(this.peer);
    const a = { exports: files.opts.exports, headUid: process.getuid?.() ?? 0, headGid: process.getgid?.() ?? 0 };
    const r = await this.peer.call(FS_ATTACH, a);
    this.exported = files.opts.exports;
    return r;
  }
  /** Start a job; with attached exports it sees them at their own paths unless `exports` says otherwise. */
  run(o) {
    return startJob(this.peer, { ...this.exported.length > 0 ? { exports: this.exported } : {}, ...o });
  }
  /** The target's cores, load, memory and running jobs. */
  info() {
    return this.peer.call(JOB_METHODS.info);
  }
  /** Resolves with the reason when the link ends. */
  get closed() {
    return this.peer.closed;
  }
  /** Close the link (its jobs are killed by the target, its mount removed). */
  close(reason = "done") {
    this.peer.close(reason);
  }
};

// ../../work/main/packages/target/dist/runner.js
import { cpus, freemem, hostname as hostname2, loadavg, totalmem } from "node:os";

// ../../work/main/packages/target/dist/session.js
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";

// ../../work/main/packages/target/dist/guest.js
import { spawn as spawnChild } from "node:child_process";
import { EventEmitter as EventEmitter2 } from "node:events";
import { PassThrough, Writable as Writable2 } from "node:stream";
import * as pty from "node-pty";

// ../../work/main/packages/target/dist/signals.js
import { constants as constants2 } from "node:os";
function signalNumber(name) {
  if (!FORWARDED_SIGNALS.includes(name))
    return void 0;
  return constants2.signals[name];
}
var byNumber2 = new Map(Object.entries(constants2.signals).map(([k, v]) => [v, k]));
function signalName(n) {
  return byNumber2.get(n) ?? `SIG${n}`;
}
function isForwardedSignal(name) {
  return typeof name === "string" && FORWARDED_SIGNALS.includes(name);
}

// ../../work/main/packages/target/dist/guest.js
function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
    }
  }
}
function waitEnd(s) {
  if (s === void 0 || s.readableEnded || s.destroyed)
    return Promise.resolve();
  return new Promise((r) => {
    s.once("end", r);
    s.once("close", r);
    s.once("error", () => r());
  });
}
function spawnPiped(spec) {
  const child = spawnChild(spec.file, spec.args, {
    argv0: spec.argv0 ?? spec.file,
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    // own session + process group
    stdio: ["pipe", "pipe", "pipe"]
  });
  const em = new EventEmitter2();
  const pid = child.pid ?? -1;
  const exited = new Promise((resolve7) => {
    child.once("error", (err) => resolve7({ code: 255, signal: null, error: `cannot start ${spec.file}: ${err.message}` }));
    child.once("exit", (code2, sig) => {
      const drain = Promise.all([waitEnd(child.stdout ?? void 0), waitEnd(child.stderr ?? void 0)]);
      const timer = setTimeout(() => {
        killGroup(pid, "SIGKILL");
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, spec.drainMs ?? 2e3);
      drain.then(() => {
        clearTimeout(timer);
        killGroup(pid, "SIGKILL");
        resolve7({ code: sig === null ? code2 : null, signal: sig });
      });
    });
  });
  child.stdin?.on("error", () => {
  });
  return Object.assign(em, {
    pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr ?? void 0,
    exited,
    signal(name) {
      const n = signalNumber(name);
      if (n === void 0 || pid <= 0)
        return false;
      killGroup(pid, n);
      return true;
    },
    resize() {
    },
    kill() {
      if (pid > 0)
        killGroup(pid, "SIGKILL");
    }
  });
}
function spawnPty(spec, tty) {
  const p = pty.spawn(spec.file, spec.args, {
    name: tty.term,
    cols: tty.cols,
    rows: tty.rows,
    cwd: spec.cwd,
    env: spec.env,
    encoding: null
  });
  const em = new EventEmitter2();
  const stdout = new PassThrough({ highWaterMark: 256 * 1024 });
  let paused = false;
  const dataSub = p.onData((d) => {
    if (!stdout.write(typeof d === "string" ? Buffer.from(d, "binary") : d) && !paused) {
      paused = true;
      p.pause();
    }
  });
  stdout.on("drain", () => {
    if (paused) {
      paused = false;
      p.resume();
    }
  });
  const stdin = new Writable2({
    write(chunk, _e, cb) {
      try {
        p.write(chunk);
        cb();
      } catch (err) {
        cb(err);
      }
    },
    final(cb) {
      cb();
    }
  });
  const exited = new Promise((resolve7) => {
    p.onExit(({ exitCode, signal }) => {
      dataSub.dispose();
      stdout.end();
      killGroup(p.pid, "SIGKILL");
      resolve7(signal ? { code: null, signal: signalName(signal) } : { code: exitCode, signal: null });
    });
  });
  return Object.assign(em, {
    pid: p.pid,
    stdin,
    stdout,
    stderr: void 0,
    exited,
    signal(name) {
      const n = signalNumber(name);
      if (n === void 0)
        return false;
      killGroup(p.pid, n);
      return true;
    },
    resize(cols, rows) {
      try {
        p.resize(Math.max(1, cols), Math.max(1, rows));
      } catch {
      }
    },
    kill() {
      killGroup(p.pid, "SIGKILL");
    }
  });
}
function spawnGuest(spec) {
  return spec.tty ? spawnPty(spec, spec.tty) : spawnPiped(spec);
}

// ../../work/main/packages/target/dist/validate.js
var bad2 = (m) => {
  throw new RpcError("BAD_PARAMS", `job.start: ${m}`);
};
var isSid = (v) => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
function checkStartParams(p) {
  if (p === null || typeof p !== "object")
    bad2("params must be an object");
  const o = p;
  if (!Array.isArray(o.argv) || o.argv.length === 0 || o.argv.length > 65536 || !o.argv.every((a) => typeof a === "string" && !a.includes("\0"))) {
    bad2("argv must be a non-empty list of strings without NUL");
  }
  if (o.env === null || typeof o.env !== "object" || Array.isArray(o.env))
    bad2("env must be an object");
  for (const [k, v] of Object.entries(o.env)) {
    if (typeof v !== "string" || k.includes("=") || k.includes("\0") || v.includes("\0"))
      bad2(`bad environment variable ${k}`);
  }
  if (typeof o.cwd !== "string" || !o.cwd.startsWith("/"))
    bad2("cwd must be an absolute path");
  if (!isSid(o.stdin) || !isSid(o.stdout) || o.stderr !== void 0 && !isSid(o.stderr))
    bad2("stdin/stdout/stderr must be stream ids");
  if (o.tty !== void 0) {
    const t = o.tty;
    if (t === null || typeof t !== "object" || typeof t.cols !== "number" || typeof t.rows !== "number" || typeof t.term !== "string")
      bad2("tty must be {cols, rows, term}");
  }
  if (o.exports !== void 0) {
    if (!Array.isArray(o.exports) || !o.exports.every((e) => e && typeof e.path === "string" && e.path.startsWith("/") && typeof e.readOnly === "boolean"))
      bad2("exports must be [{path, readOnly}]");
  }
  return o;
}
function checkAttachParams(p) {
  const o = p;
  if (o === null || typeof o !== "object")
    bad2("fs.attach params must be an object");
  const ex = o.exports;
  if (!Array.isArray(ex) || ex.length === 0 || ex.length > 256)
    bad2("fs.attach: exports must be a list of 1..256");
  for (const e of ex) {
    if (!e || typeof e.path !== "string" || !e.path.startsWith("/") || e.path === "/" || e.path.includes("\0") || e.path.split("/").includes("..") || typeof e.readOnly !== "boolean") {
      bad2("fs.attach: each export needs an absolute path other than / and readOnly");
    }
  }
  if (!Number.isSafeInteger(o.headUid) || !Number.isSafeInteger(o.headGid))
    bad2("fs.attach: headUid/headGid must be integers");
  return o;
}

// ../../work/main/packages/target/dist/launcher.js
var UNSHARE = "/usr/bin/unshare";
var SETPRIV = "/usr/bin/setpriv";
var SCRIPT = `
set -e
n=$1; shift
while [ "$n" -gt 0 ]; do
  src=$1; dst=$2; ro=$3; shift 3
  [ -d "$dst" ] || mkdir -p -- "$dst" 2>/dev/null || { echo "mrc: cannot create mountpoint $dst on this target" >&2; exit 255; }
  mount --bind -- "$src" "$dst" || { echo "mrc: cannot bind export $dst" >&2; exit 255; }
  [ "$ro" = 1 ] && mount -o remount,bind,ro -- "$dst"
  n=$((n-1))
done
cwd=$1; shift
cd -- "$cwd" 2>/dev/null || { echo "mrc: cannot enter $cwd on the target" >&2; exit 255; }
exec "$@"
`;
function setprivArgs(user) {
  const drop = user === void 0 ? [] : [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--init-groups", "--reset-env"];
  return [...drop.filter((a) => a !== "--reset-env"), "--no-new-privs", "--pdeathsig", "KILL", "--"];
}
function launchArgv(o) {
  if (o.binds.length === 0) {
    return { file: SETPRIV, args: [...setprivArgs(o.user), ...o.argv], spawnCwd: o.cwd };
  }
  const triples = o.binds.flatMap((b) => [b.src, b.dst, b.readOnly ? "1" : "0"]);
  return {
    file: UNSHARE,
    args: ["--mount", "--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, "mrc-launch", String(o.binds.length), ...triples, o.cwd, SETPRIV, ...setprivArgs(o.user), ...o.argv],
    spawnCwd: "/"
  };
}

// ../../work/main/packages/target/dist/resolve-command.js
import { accessSync, constants as constants3, statSync as statSync3 } from "node:fs";
import { isAbsolute, join, resolve as resolve5 } from "node:path";
function resolveCommand(cmd, cwd, pathVar) {
  if (cmd.length === 0)
    return { ok: false, code: 127, message: "mrc: empty command" };
  const candidates = cmd.includes("/") ? [isAbsolute(cmd) ? cmd : resolve5(cwd, cmd)] : (pathVar ?? "/usr/local/bin:/usr/bin:/bin").split(":").map((d) => join(d === "" ? "." : resolve5(cwd, d), cmd));
  let denied;
  for (const p of candidates) {
    try {
      const st = statSync3(p);
      if (!st.isFile()) {
        denied ??= p;
        continue;
      }
      accessSync(p, constants3.X_OK);
      return { ok: true, path: p };
    } catch (err) {
      if (err.code === "EACCES")
        denied ??= p;
    }
  }
  if (denied !== void 0)
    return { ok: false, code: 126, message: `mrc: ${cmd}: Permission denied` };
  return { ok: false, code: 127, message: `mrc: ${cmd}: command not found` };
}

// ../../work/main/packages/target/dist/job-launch.js
function planLaunch(p, mount, user) {
  const binds = [];
  const wanted = [...p.exports ?? []].sort((a, b) => a.path.length - b.path.length);
  for (const e of wanted) {
    const src2 = mount?.sourceFor(e.path);
    if (src2 === void 0)
      throw new RpcError("NOT_ATTACHED", `export ${e.path} was not attached on this link (call fs.attach first)`);
    binds.push({ src: src2, dst: e.path, readOnly: e.readOnly });
  }
  if (binds.length === 0) {
    const r = resolveCommand(p.argv[0], p.cwd, p.env.PATH);
    if (!r.ok)
      return { ok: false, code: r.code, message: r.message };
  }
  const l = launchArgv({ binds, cwd: p.cwd, user, argv: p.argv });
  return { ok: true, file: l.file, args: l.args, cwd: l.spawnCwd };
}

// ../../work/main/packages/target/dist/link-mount.js
import { mkdir as mkdir2, rmdir as rmdir2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// ../../work/main/packages/fuse/dist/errors.js
function fuseError(errno, message = errno) {
  return Object.assign(new Error(message), { errno });
}
var EIO = errnoNumber("EIO");
function toErrno(err, log2 = defaultLog) {
  if (typeof err === "object" && err !== null) {
    const e = err;
    if (typeof e.errno === "string" && ERRNO[e.errno] !== void 0)
      return ERRNO[e.errno];
    if (typeof e.code === "string" && ERRNO[e.code] !== void 0)
      return ERRNO[e.code];
    if (typeof e.errno === "number" && Number.isInteger(e.errno) && e.errno !== 0)
      return Math.abs(e.errno);
  }
  log2(`fuse: unexpected error, answering EIO: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return EIO;
}
function defaultLog(msg) {
  process.stderr.write(`${msg}
`);
}

// ../../work/main/packages/fuse/dist/server.js
import { resolve as resolvePath2 } from "node:path";

// ../../work/main/packages/fuse/dist/device/device.js
import { close as close3, open as open3, read as read4, write as write3, writeSync } from "node:fs";
import { promisify } from "node:util";

// ../../work/main/packages/fuse/dist/device/threadpool.js
function threadpoolSize(env2 = process.env) {
  const n = Number.parseInt(env2.UV_THREADPOOL_SIZE ?? "", 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1024) : 4;
}
var RESERVED_THREADS = 2;
function outstandingReads(wish = 4, pool = threadpoolSize()) {
  return Math.max(1, Math.min(wish, pool - RESERVED_THREADS));
}

// ../../work/main/packages/fuse/dist/device/device.js
var openAsync = promisify(open3);
var writeAsync = promisify(write3);
var closeAsync = promisify(close3);
var GONE = /* @__PURE__ */ new Set(["ENODEV", "ECONNABORTED", "EBADF"]);
var RETRY = /* @__PURE__ */ new Set(["EINTR", "EAGAIN", "ENOENT"]);
function code(err) {
  return err?.code;
}
var FuseDevice = class _FuseDevice {
  fd;
  /** Resolves when every read has stopped (connection gone) and the fd is closed. */
  closed;
  running = 0;
  stopping = false;
  resolveClosed;
  log;
  constructor(fd) {
    this.fd = fd;
    this.closed = new Promise((res) => this.resolveClosed = res);
    this.log = defaultLog;
  }
  /** Open the FUSE device (read/write, blocking). */
  static async open(path = "/dev/fuse") {
    return new _FuseDevice(await openAsync(path, "r+"));
  }
  /**
   * Start reading: `onRequest` gets each request as its own Buffer. Call only after the mount
   * exists: before it, reads fail with EPERM.
   */
  start(onRequest, options) {
    const log2 = options.log ?? this.log;
    const n = outstandingReads(options.reads ?? 4);
    const arm = (buf) => {
      read4(this.fd, buf, 0, buf.length, null, (err, bytes) => {
        if (err !== null) {
          const c2 = code(err);
          if (!this.stopping && c2 !== void 0 && RETRY.has(c2))
            return arm(buf);
          if (!this.stopping && (c2 === void 0 || !GONE.has(c2)))
            log2(`fuse: /dev/fuse read failed: ${err.message}`);
          return this.readerDone();
        }
        if (bytes === 0)
          return this.readerDone();
        const req = Buffer.allocUnsafe(bytes);
        buf.copy(req, 0, 0, bytes);
        arm(buf);
        onRequest(req);
      });
    };
    for (let i = 0; i < n; i++) {
      this.running++;
      arm(Buffer.allocUnsafe(options.bufferSize));
    }
    return n;
  }
  /**
   * Write one reply. ENOENT means the kernel no longer waits for it (the request was interrupted
   * and given up on, or an interrupt reply for a finished request): ignored. ENODEV: gone, ignored.
   */
  writeReply(buf) {
    try {
      writeSync(this.fd, buf, 0, buf.length);
    } catch (err) {
      const c2 = code(err);
      if (c2 === "ENOENT" || c2 === "ENODEV" || c2 === "ECONNABORTED" || c2 === "EBADF")
        return;
      throw err;
    }
  }
  /**
   * Write one notification off the event loop. Resolves true when the kernel took it, false when
   * there was nothing to invalidate (ENOENT) or the connection is gone; rejects on other errors.
   */
  async writeNotify(buf) {
    try {
      await writeAsync(this.fd, buf, 0, buf.length);
      return true;
    } catch (err) {
      const c2 = code(err);
      if (c2 === "ENOENT" || c2 === "ENODEV" || c2 === "ECONNABORTED" || c2 === "ENOTDIR")
        return false;
      throw err;
    }
  }
  /**
   * Close the fd without waiting for reads (used when the mount never happened, so no read is
   * outstanding). After a mount, let the unmount end the reads instead.
   */
  async closeUnstarted() {
    this.stopping = true;
    if (this.running === 0)
      await this.finish();
  }
  readerDone() {
    this.stopping = true;
    if (--this.running === 0)
      void this.finish();
  }
  async finish() {
    try {
      await closeAsync(this.fd);
    } catch {
    }
    this.resolveClosed();
  }
};

// ../../work/main/packages/fuse/dist/mount.js
import { execFile, spawn as spawn4 } from "node:child_process";
import { access as access2, writeFile as writeFile2 } from "node:fs/promises";
import { resolve as resolvePath, sep } from "node:path";

// ../../work/main/packages/fuse/dist/device/mountinfo.js
import { readFile } from "node:fs/promises";
function unescapeMountPath(s) {
  return s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8)));
}
function parseMountInfo(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    const sep3 = f.indexOf("-", 6);
    if (f.length < 10 || sep3 < 0)
      continue;
    const [major, minor] = (f[2] ?? "").split(":").map(Number);
    out.push({
      id: Number(f[0]),
      parentId: Number(f[1]),
      major: major ?? 0,
      minor: minor ?? 0,
      root: unescapeMountPath(f[3] ?? ""),
      mountpoint: unescapeMountPath(f[4] ?? ""),
      options: f[5] ?? "",
      fstype: f[sep3 + 1] ?? "",
      source: unescapeMountPath(f[sep3 + 2] ?? ""),
      superOptions: f[sep3 + 3] ?? ""
    });
  }
  return out;
}
async function readMountInfo(path = "/proc/self/mountinfo") {
  return parseMountInfo(await readFile(path, "utf8"));
}

// ../../work/main/packages/fuse/dist/mount.js
var FSTYPE = "fuse.mrc";
var FUSECTL_DIR = "/sys/fs/fuse/connections";
function mountOptionString(o, maxRead) {
  const opts = [
    "fd=3",
    "rootmode=40000",
    `user_id=${o.userId ?? 0}`,
    `group_id=${o.groupId ?? 0}`,
    ...o.allowOther ?? true ? ["allow_other"] : [],
    ...o.defaultPermissions ?? true ? ["default_permissions"] : [],
    `max_read=${o.maxRead ?? maxRead}`,
    ...o.readOnly === true ? ["ro"] : [],
    ...o.extraOptions ?? []
  ];
  return opts.join(",");
}
function run2(cmd, args, fd, timeoutMs = 3e4) {
  return new Promise((resolve7, reject) => {
    const child = spawn4(cmd, args, { stdio: ["ignore", "pipe", "pipe", ...fd === void 0 ? [] : [fd]] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => out += d.toString());
    child.stderr?.on("data", (d) => err += d.toString());
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    timer.unref();
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code2, signal) => {
      clearTimeout(timer);
      if (code2 === 0)
        resolve7(out);
      else
        reject(new Error(`${cmd} ${args.join(" ")}: ${err.trim() || `exit ${code2 ?? signal}`}`));
    });
  });
}
async function mountFuse(fd, mountpoint, options = {}, maxRead = 1 << 20) {
  await run2("mount", ["-i", "-t", FSTYPE, "-o", mountOptionString(options, maxRead), options.source ?? "mrc", mountpoint], fd);
}
async function findMount(mountpoint, fstype = FSTYPE) {
  const abs = resolvePath(mountpoint);
  return (await readMountInfo()).filter((m) => m.mountpoint === abs && m.fstype === fstype).pop();
}
async function unmountFuse(mountpoint, options = {}) {
  if (options.lazy !== true) {
    try {
      await run2("umount", [mountpoint]);
      return "clean";
    } catch {
    }
  }
  await run2("umount", ["-l", mountpoint]);
  if (options.abortConnection !== void 0)
    await abortConnection(options.abortConnection);
  return "lazy";
}
async function ensureFusectl() {
  if ((await readMountInfo()).some((m) => m.fstype === "fusectl"))
    return;
  await run2("mount", ["-t", "fusectl", "fusectl", FUSECTL_DIR]);
}
async function abortConnection(conn) {
  try {
    await ensureFusectl();
    await access2(`${FUSECTL_DIR}/${conn}`);
    await writeFile2(`${FUSECTL_DIR}/${conn}/abort`, "1");
    return true;
  } catch {
    return false;
  }
}
function probeMount(mountpoint, timeoutMs = 2e3) {
  const script = "try{require('fs').statSync(process.argv[1]);process.stdout.write('ok')}catch(e){process.stdout.write(String(e.code))}";
  return new Promise((resolve7) => {
    execFile(process.execPath, ["-e", script, mountpoint], { timeout: timeoutMs, killSignal: "SIGKILL" }, (err, stdout) => {
      if (stdout === "ok")
        resolve7("ok");
      else if (stdout === "ENOTCONN" || stdout === "ECONNABORTED")
        resolve7("disconnected");
      else if (err !== null && err.killed === true)
        resolve7("hung");
      else
        resolve7("error");
    });
  });
}
var ACTIVE_MOUNTPOINTS = /* @__PURE__ */ new Set();
async function recoverStaleMounts(prefix, options = {}) {
  const root = resolvePath(prefix);
  const under = (p) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
  const fstype = options.fstype ?? FSTYPE;
  const candidates = (await readMountInfo()).filter((m) => m.fstype === fstype && under(m.mountpoint) && !ACTIVE_MOUNTPOINTS.has(m.mountpoint)).sort((a, b) => b.mountpoint.length - a.mountpoint.length);
  const results = [];
  for (const m of candidates) {
    const health = await probeMount(m.mountpoint, options.probeTimeoutMs);
    if (options.onlyUnhealthy === true && health === "ok")
      continue;
    if (health === "hung")
      await abortConnection(m.minor);
    const r = { mountpoint: m.mountpoint, connection: m.minor, health, unmounted: false };
    try {
      await run2("umount", ["-l", m.mountpoint]);
      r.unmounted = true;
    } catch (err) {
      r.error = err instanceof Error ? err.message : String(err);
    }
    results.push(r);
  }
  return results;
}

// ../../work/main/packages/fuse/dist/wire/constants.js
var FUSE_KERNEL_VERSION = 7;
var FUSE_KERNEL_MINOR_VERSION = 38;
var FUSE_MIN_MINOR_VERSION = 31;
var FUSE_MIN_READ_BUFFER = 8192;
var Op = {
  LOOKUP: 1,
  FORGET: 2,
  GETATTR: 3,
  SETATTR: 4,
  READLINK: 5,
  SYMLINK: 6,
  MKNOD: 8,
  MKDIR: 9,
  UNLINK: 10,
  RMDIR: 11,
  RENAME: 12,
  LINK: 13,
  OPEN: 14,
  READ: 15,
  WRITE: 16,
  STATFS: 17,
  RELEASE: 18,
  FSYNC: 20,
  SETXATTR: 21,
  GETXATTR: 22,
  LISTXATTR: 23,
  REMOVEXATTR: 24,
  FLUSH: 25,
  INIT: 26,
  OPENDIR: 27,
  READDIR: 28,
  RELEASEDIR: 29,
  FSYNCDIR: 30,
  GETLK: 31,
  SETLK: 32,
  SETLKW: 33,
  ACCESS: 34,
  CREATE: 35,
  INTERRUPT: 36,
  BMAP: 37,
  DESTROY: 38,
  IOCTL: 39,
  POLL: 40,
  NOTIFY_REPLY: 41,
  BATCH_FORGET: 42,
  FALLOCATE: 43,
  READDIRPLUS: 44,
  RENAME2: 45,
  LSEEK: 46,
  COPY_FILE_RANGE: 47,
  SETUPMAPPING: 48,
  REMOVEMAPPING: 49,
  SYNCFS: 50,
  TMPFILE: 51,
  /** 7.39 */
  STATX: 52
};
var NotifyCode = {
  POLL: 1,
  INVAL_INODE: 2,
  INVAL_ENTRY: 3,
  STORE: 4,
  RETRIEVE: 5,
  DELETE: 6
};
var FATTR = {
  MODE: 1 << 0,
  UID: 1 << 1,
  GID: 1 << 2,
  SIZE: 1 << 3,
  ATIME: 1 << 4,
  MTIME: 1 << 5,
  FH: 1 << 6,
  ATIME_NOW: 1 << 7,
  MTIME_NOW: 1 << 8,
  LOCKOWNER: 1 << 9,
  CTIME: 1 << 10,
  KILL_SUIDGID: 1 << 11
};
var FOPEN = {
  DIRECT_IO: 1 << 0,
  KEEP_CACHE: 1 << 1,
  NONSEEKABLE: 1 << 2,
  CACHE_DIR: 1 << 3,
  STREAM: 1 << 4,
  NOFLUSH: 1 << 5,
  PARALLEL_DIRECT_WRITES: 1 << 6
};
var RequestFlags = {
  /** fuse_getattr_in.getattr_flags: fh is valid. */
  GETATTR_FH: 1 << 0,
  /** fuse_release_in.release_flags */
  RELEASE_FLUSH: 1 << 0,
  RELEASE_FLOCK_UNLOCK: 1 << 1,
  /** fuse_lk_in.lk_flags: this is flock(2), not fcntl. */
  LK_FLOCK: 1 << 0,
  /** fuse_write_in.write_flags */
  WRITE_CACHE: 1 << 0,
  WRITE_LOCKOWNER: 1 << 1,
  WRITE_KILL_SUIDGID: 1 << 2,
  /** fuse_read_in.read_flags */
  READ_LOCKOWNER: 1 << 1,
  /** fuse_fsync_in.fsync_flags */
  FSYNC_FDATASYNC: 1 << 0,
  /** fuse_notify_inval_entry_out.flags (7.38) */
  EXPIRE_ONLY: 1 << 0
};
var OFFSET_MAX = 0x7fffffffffffffffn;

// ../../work/main/packages/fuse/dist/wire/init-flags.js
var INIT_FLAGS = {
  ASYNC_READ: 1n << 0n,
  POSIX_LOCKS: 1n << 1n,
  FILE_OPS: 1n << 2n,
  ATOMIC_O_TRUNC: 1n << 3n,
  EXPORT_SUPPORT: 1n << 4n,
  BIG_WRITES: 1n << 5n,
  DONT_MASK: 1n << 6n,
  SPLICE_WRITE: 1n << 7n,
  SPLICE_MOVE: 1n << 8n,
  SPLICE_READ: 1n << 9n,
  FLOCK_LOCKS: 1n << 10n,
  HAS_IOCTL_DIR: 1n << 11n,
  AUTO_INVAL_DATA: 1n << 12n,
  DO_READDIRPLUS: 1n << 13n,
  READDIRPLUS_AUTO: 1n << 14n,
  ASYNC_DIO: 1n << 15n,
  WRITEBACK_CACHE: 1n << 16n,
  NO_OPEN_SUPPORT: 1n << 17n,
  PARALLEL_DIROPS: 1n << 18n,
  HANDLE_KILLPRIV: 1n << 19n,
  POSIX_ACL: 1n << 20n,
  ABORT_ERROR: 1n << 21n,
  MAX_PAGES: 1n << 22n,
  CACHE_SYMLINKS: 1n << 23n,
  NO_OPENDIR_SUPPORT: 1n << 24n,
  EXPLICIT_INVAL_DATA: 1n << 25n,
  MAP_ALIGNMENT: 1n << 26n,
  SUBMOUNTS: 1n << 27n,
  HANDLE_KILLPRIV_V2: 1n << 28n,
  SETXATTR_EXT: 1n << 29n,
  INIT_EXT: 1n << 30n,
  INIT_RESERVED: 1n << 31n,
  SECURITY_CTX: 1n << 32n,
  HAS_INODE_DAX: 1n << 33n,
  CREATE_SUPP_GROUP: 1n << 34n,
  HAS_EXPIRE_ONLY: 1n << 35n,
  /** 7.39 */
  DIRECT_IO_ALLOW_MMAP: 1n << 36n,
  /** 7.40 */
  PASSTHROUGH: 1n << 37n,
  /** 7.40 */
  NO_EXPORT_SUPPORT: 1n << 38n,
  /** 7.40 */
  HAS_RESEND: 1n << 39n,
  /** 7.40 */
  ALLOW_IDMAP: 1n << 40n,
  /** 7.42 */
  OVER_IO_URING: 1n << 41n,
  /** 7.43 */
  REQUEST_TIMEOUT: 1n << 42n
};
function initFlagBits(names) {
  let bits = 0n;
  for (const n of names)
    bits |= INIT_FLAGS[n];
  return bits;
}
function initFlagNames(bits) {
  return Object.keys(INIT_FLAGS).filter((n) => (bits & INIT_FLAGS[n]) !== 0n);
}

// ../../work/main/packages/fuse/dist/protocol/negotiate.js
var DEFAULT_INIT_FLAGS = Object.freeze([
  "ASYNC_READ",
  "POSIX_LOCKS",
  "FLOCK_LOCKS",
  "ATOMIC_O_TRUNC",
  "BIG_WRITES",
  "MAX_PAGES",
  "DO_READDIRPLUS",
  "READDIRPLUS_AUTO",
  "PARALLEL_DIROPS",
  "ASYNC_DIO",
  "AUTO_INVAL_DATA"
]);
var SUPPORTED_INIT_FLAGS = Object.freeze([
  ...DEFAULT_INIT_FLAGS,
  "WRITEBACK_CACHE",
  "CACHE_SYMLINKS",
  "EXPLICIT_INVAL_DATA",
  "DONT_MASK",
  "HANDLE_KILLPRIV_V2",
  "SETXATTR_EXT",
  "EXPORT_SUPPORT",
  "NO_EXPORT_SUPPORT",
  "POSIX_ACL",
  "HAS_EXPIRE_ONLY",
  "DIRECT_IO_ALLOW_MMAP",
  "ABORT_ERROR",
  "NO_OPEN_SUPPORT",
  "NO_OPENDIR_SUPPORT"
]);
var DEFAULT_MAX_WRITE = 1 << 20;
var PAGE = 4096;
var LEGACY_MAX_PAGES = 32;
function negotiate(init, opts = {}) {
  if (init.major !== FUSE_KERNEL_VERSION || init.minor < FUSE_MIN_MINOR_VERSION) {
    return { ok: false, errno: "EPROTO" };
  }
  const minor = Math.min(init.minor, FUSE_KERNEL_MINOR_VERSION);
  const requested = initFlagBits(opts.initFlags ?? DEFAULT_INIT_FLAGS);
  let flags = init.flags & initFlagBits(SUPPORTED_INIT_FLAGS) & requested;
  if ((init.flags & INIT_FLAGS.INIT_EXT) !== 0n)
    flags |= INIT_FLAGS.INIT_EXT;
  const wantWrite = Math.max(PAGE, opts.maxWrite ?? DEFAULT_MAX_WRITE);
  const hasMaxPages = (flags & INIT_FLAGS.MAX_PAGES) !== 0n;
  const maxPages = hasMaxPages ? Math.min(65535, Math.ceil(wantWrite / PAGE)) : LEGACY_MAX_PAGES;
  const maxWrite = Math.min(wantWrite, maxPages * PAGE);
  const maxReadahead = Math.min(init.maxReadahead, opts.maxReadahead ?? init.maxReadahead);
  const maxBackground = opts.maxBackground ?? 64;
  const out = {
    major: FUSE_KERNEL_VERSION,
    minor,
    maxReadahead,
    flags,
    maxBackground,
    congestionThreshold: opts.congestionThreshold ?? Math.floor(maxBackground * 3 / 4),
    maxWrite,
    timeGran: 1,
    maxPages: hasMaxPages ? maxPages : 0
  };
  return {
    ok: true,
    out,
    negotiated: {
      major: FUSE_KERNEL_VERSION,
      minor,
      kernelMinor: init.minor,
      kernelFlags: init.flags,
      flags,
      flagNames: initFlagNames(flags),
      maxWrite,
      maxPages,
      maxReadahead
    }
  };
}

// ../../work/main/packages/fuse/dist/wire/cursor.js
var WireError = class extends Error {
  name = "WireError";
};
var SAFE = BigInt(Number.MAX_SAFE_INTEGER);
var Reader = class {
  buf;
  pos = 0;
  constructor(buf) {
    this.buf = buf;
  }
  /** Bytes not yet consumed. */
  get remaining() {
    return this.buf.length - this.pos;
  }
  need(n) {
    if (this.pos + n > this.buf.length) {
      throw new WireError(`short struct: need ${n} bytes at ${this.pos}, have ${this.buf.length}`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u16() {
    return this.buf.readUInt16LE(this.need(2));
  }
  u32() {
    return this.buf.readUInt32LE(this.need(4));
  }
  i32() {
    return this.buf.readInt32LE(this.need(4));
  }
  /** u64 as a bigint, exact. */
  u64big() {
    return this.buf.readBigUInt64LE(this.need(8));
  }
  /** u64 as a number; values above 2^53 saturate at MAX_SAFE_INTEGER (offsets, sizes, ids). */
  u64() {
    const v = this.u64big();
    return v > SAFE ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  i64() {
    return Number(this.buf.readBigInt64LE(this.need(8)));
  }
  skip(n) {
    this.need(n);
    return this;
  }
  /** A NUL-terminated UTF-8 string (the NUL is consumed). */
  cstring() {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0)
      throw new WireError("unterminated name");
    const s = this.buf.toString("utf8", this.pos, end);
    this.pos = end + 1;
    return s;
  }
  /** The next n bytes (a view, not a copy). */
  bytes(n) {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }
  /** Everything left (a view). */
  rest() {
    return this.bytes(this.remaining);
  }
};
var Writer = class {
  buf;
  pos = 0;
  constructor(size) {
    this.buf = Buffer.alloc(size);
  }
  u16(v) {
    this.pos = this.buf.writeUInt16LE(v, this.pos);
    return this;
  }
  u32(v) {
    this.pos = this.buf.writeUInt32LE(v >>> 0, this.pos);
    return this;
  }
  i32(v) {
    this.pos = this.buf.writeInt32LE(v, this.pos);
    return this;
  }
  u64(v) {
    this.pos = this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), this.pos);
    return this;
  }
  i64(v) {
    this.pos = this.buf.writeBigInt64LE(BigInt.asIntN(64, BigInt(v)), this.pos);
    return this;
  }
  skip(n) {
    this.pos += n;
    return this;
  }
  bytes(b) {
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }
  /** Bytes written so far. */
  get length() {
    return this.pos;
  }
};

// ../../work/main/packages/fuse/dist/wire/header.js
var IN_HEADER_SIZE = 40;
var OUT_HEADER_SIZE = 16;
function decodeInHeader(buf) {
  const r = new Reader(buf);
  const h = {
    len: r.u32(),
    opcode: r.u32(),
    unique: r.u64(),
    nodeid: r.u64(),
    uid: r.u32(),
    gid: r.u32(),
    pid: r.u32(),
    totalExtlen: r.u16()
  };
  r.u16();
  return h;
}
function splitRequest(buf) {
  const header = decodeInHeader(buf);
  const end = header.len - header.totalExtlen * 8;
  if (header.len > buf.length || end < IN_HEADER_SIZE) {
    throw new WireError(`bad request length ${header.len} (read ${buf.length})`);
  }
  return { header, body: buf.subarray(IN_HEADER_SIZE, end) };
}
function encodeReply(unique, errno, payload) {
  const body = errno === 0 && payload !== void 0 ? payload : void 0;
  const len = OUT_HEADER_SIZE + (body?.length ?? 0);
  const w = new Writer(len).u32(len).i32(errno === 0 ? 0 : -Math.abs(errno)).u64(unique);
  if (body !== void 0)
    w.bytes(body);
  return w.buf;
}
function encodeNotify(code2, payload) {
  const len = OUT_HEADER_SIZE + payload.length;
  return new Writer(len).u32(len).i32(code2).u64(0).bytes(payload).buf;
}

// ../../work/main/packages/fuse/dist/wire/init.js
function decodeInitIn(body) {
  const r = new Reader(body);
  const major = r.u32(), minor = r.u32(), maxReadahead = r.u32();
  const lo = BigInt(r.u32());
  const hi = r.remaining >= 4 ? BigInt(r.u32()) : 0n;
  return { major, minor, maxReadahead, flags: lo | hi << 32n };
}
function initOutSize(minor) {
  if (minor < 5)
    return 8;
  if (minor < 23)
    return 24;
  return 64;
}
function encodeInitOut(o) {
  const w = new Writer(64).u32(o.major).u32(o.minor).u32(o.maxReadahead).u32(Number(o.flags & 0xffffffffn)).u16(o.maxBackground).u16(o.congestionThreshold).u32(o.maxWrite).u32(o.timeGran).u16(o.maxPages).u16(0).u32(Number(o.flags >> 32n & 0xffffffffn));
  return w.buf.subarray(0, initOutSize(o.minor));
}

// ../../work/main/packages/fuse/dist/wire/io.js
function decodeOpen(body) {
  const r = new Reader(body);
  return { flags: r.u32(), openFlags: r.u32() };
}
function decodeCreate(body) {
  const r = new Reader(body);
  const flags = r.u32(), mode = r.u32(), umask = r.u32(), openFlags2 = r.u32();
  return { flags, mode, umask, openFlags: openFlags2, name: r.cstring() };
}
var OPEN_OUT_SIZE = 16;
function encodeOpenOut(fh, openFlags2) {
  return new Writer(OPEN_OUT_SIZE).u64(fh).u32(openFlags2).u32(0).buf;
}
function decodeRead(body) {
  const r = new Reader(body);
  const fh = r.u64(), offset = r.u64(), size = r.u32(), readFlags = r.u32();
  const lockOwner2 = r.u64big(), flags = r.u32();
  return { fh, offset, size, readFlags, lockOwner: lockOwner2, flags };
}
function decodeWrite(body) {
  const r = new Reader(body);
  const fh = r.u64(), offset = r.u64(), size = r.u32(), writeFlags = r.u32();
  const lockOwner2 = r.u64big(), flags = r.u32();
  r.u32();
  return { fh, offset, writeFlags, lockOwner: lockOwner2, flags, data: r.bytes(size) };
}
function encodeWriteOut(size) {
  return new Writer(8).u32(size).u32(0).buf;
}
function decodeRelease(body) {
  const r = new Reader(body);
  const fh = r.u64(), flags = r.u32(), releaseFlags = r.u32();
  return { fh, flags, releaseFlags, lockOwner: r.u64big() };
}
function decodeFlush(body) {
  const r = new Reader(body);
  const fh = r.u64();
  r.skip(8);
  return { fh, lockOwner: r.u64big() };
}
function decodeFsync(body) {
  const r = new Reader(body);
  return { fh: r.u64(), fsyncFlags: r.u32() };
}
function decodeFallocate(body) {
  const r = new Reader(body);
  return { fh: r.u64(), offset: r.u64(), length: r.u64(), mode: r.u32() };
}
function decodeLseek(body) {
  const r = new Reader(body);
  return { fh: r.u64(), offset: r.i64(), whence: r.u32() };
}
function encodeLseekOut(offset) {
  return new Writer(8).u64(offset).buf;
}
function decodeCopyFileRange(body) {
  const r = new Reader(body);
  return {
    fhIn: r.u64(),
    offIn: r.u64(),
    nodeidOut: r.u64(),
    fhOut: r.u64(),
    offOut: r.u64(),
    len: r.u64(),
    flags: r.u64()
  };
}

// ../../work/main/packages/fuse/dist/wire/lock.js
function readLock(r) {
  const start = r.u64big(), end = r.u64big(), type = r.u32(), pid = r.u32();
  return { start: Number(start), end: end >= OFFSET_MAX ? -1 : Number(end), type, pid };
}
function decodeLk(body) {
  const r = new Reader(body);
  const fh = r.u64(), owner2 = r.u64big(), lock = readLock(r), lkFlags = r.u32();
  return { fh, owner: owner2, lock, lkFlags };
}
function encodeLkOut(l) {
  return new Writer(24).u64(l.start).u64(l.end < 0 ? OFFSET_MAX : l.end).u32(l.type).u32(l.pid).buf;
}

// ../../work/main/packages/fuse/dist/wire/node-ops.js
function decodeName(body) {
  return { name: new Reader(body).cstring() };
}
function decodeSymlink(body) {
  const r = new Reader(body);
  const name = r.cstring();
  return { name, target: r.cstring() };
}
function decodeForget(body) {
  return { nlookup: new Reader(body).u64() };
}
function decodeBatchForget(body) {
  const r = new Reader(body);
  const count = r.u32();
  r.u32();
  const items = [];
  for (let i = 0; i < count; i++)
    items.push([r.u64(), r.u64()]);
  return { items };
}
function decodeGetattr(body) {
  const r = new Reader(body);
  const getattrFlags = r.u32();
  r.u32();
  return { getattrFlags, fh: r.u64() };
}
function decodeSetattr(body) {
  const r = new Reader(body);
  const valid = r.u32();
  r.u32();
  const fh = r.u64(), size = r.u64(), lockOwner2 = r.u64big();
  const atime = r.i64(), mtime = r.i64(), ctime = r.i64();
  const atimensec = r.u32(), mtimensec = r.u32(), ctimensec = r.u32(), mode = r.u32();
  r.u32();
  const uid = r.u32(), gid = r.u32();
  return { valid, fh, size, lockOwner: lockOwner2, atime, mtime, ctime, atimensec, mtimensec, ctimensec, mode, uid, gid };
}
function decodeMknod(body) {
  const r = new Reader(body);
  const mode = r.u32(), rdev = r.u32(), umask = r.u32();
  r.u32();
  return { mode, rdev, umask, name: r.cstring() };
}
function decodeMkdir(body) {
  const r = new Reader(body);
  const mode = r.u32(), umask = r.u32();
  return { mode, umask, name: r.cstring() };
}
function decodeRename(body) {
  const r = new Reader(body);
  const newdir = r.u64();
  const name = r.cstring();
  return { newdir, flags: 0, name, newName: r.cstring() };
}
function decodeRename2(body) {
  const r = new Reader(body);
  const newdir = r.u64(), flags = r.u32();
  r.u32();
  const name = r.cstring();
  return { newdir, flags, name, newName: r.cstring() };
}
function decodeLink(body) {
  const r = new Reader(body);
  const oldnodeid = r.u64();
  return { oldnodeid, name: r.cstring() };
}
function decodeAccess(body) {
  return { mask: new Reader(body).u32() };
}
function decodeInterrupt(body) {
  return { unique: new Reader(body).u64() };
}
function decodeEmpty(_body) {
  return {};
}

// ../../work/main/packages/fuse/dist/wire/xattr.js
function decodeSetxattr(body, ext) {
  const r = new Reader(body);
  const size = r.u32(), flags = r.u32();
  let setxattrFlags = 0;
  if (ext) {
    setxattrFlags = r.u32();
    r.u32();
  }
  const name = r.cstring();
  return { flags, setxattrFlags, name, value: r.bytes(size) };
}
function decodeGetxattr(body) {
  const r = new Reader(body);
  const size = r.u32();
  r.u32();
  return { size, name: r.cstring() };
}
function decodeListxattr(body) {
  return { size: new Reader(body).u32() };
}
function encodeGetxattrOut(size) {
  return new Writer(8).u32(size).u32(0).buf;
}

// ../../work/main/packages/fuse/dist/wire/opcodes.js
function op(code2, decode3, names = 0, reply = true) {
  return { code: code2, decode: decode3, reply, names };
}
var OPCODES = {
  LOOKUP: op(Op.LOOKUP, decodeName, 1),
  FORGET: op(Op.FORGET, decodeForget, 0, false),
  GETATTR: op(Op.GETATTR, decodeGetattr),
  SETATTR: op(Op.SETATTR, decodeSetattr),
  READLINK: op(Op.READLINK, decodeEmpty),
  SYMLINK: op(Op.SYMLINK, decodeSymlink, 2),
  MKNOD: op(Op.MKNOD, decodeMknod, 1),
  MKDIR: op(Op.MKDIR, decodeMkdir, 1),
  UNLINK: op(Op.UNLINK, decodeName, 1),
  RMDIR: op(Op.RMDIR, decodeName, 1),
  RENAME: op(Op.RENAME, decodeRename, 2),
  LINK: op(Op.LINK, decodeLink, 1),
  OPEN: op(Op.OPEN, decodeOpen),
  READ: op(Op.READ, decodeRead),
  WRITE: op(Op.WRITE, decodeWrite),
  STATFS: op(Op.STATFS, decodeEmpty),
  RELEASE: op(Op.RELEASE, decodeRelease),
  FSYNC: op(Op.FSYNC, decodeFsync),
  SETXATTR: op(Op.SETXATTR, (b, c2) => decodeSetxattr(b, c2.setxattrExt), 1),
  GETXATTR: op(Op.GETXATTR, decodeGetxattr, 1),
  LISTXATTR: op(Op.LISTXATTR, decodeListxattr),
  REMOVEXATTR: op(Op.REMOVEXATTR, decodeName, 1),
  FLUSH: op(Op.FLUSH, decodeFlush),
  INIT: op(Op.INIT, decodeInitIn),
  OPENDIR: op(Op.OPENDIR, decodeOpen),
  READDIR: op(Op.READDIR, decodeRead),
  RELEASEDIR: op(Op.RELEASEDIR, decodeRelease),
  FSYNCDIR: op(Op.FSYNCDIR, decodeFsync),
  GETLK: op(Op.GETLK, decodeLk),
  SETLK: op(Op.SETLK, decodeLk),
  SETLKW: op(Op.SETLKW, decodeLk),
  ACCESS: op(Op.ACCESS, decodeAccess),
  CREATE: op(Op.CREATE, decodeCreate, 1),
  INTERRUPT: op(Op.INTERRUPT, decodeInterrupt),
  BMAP: op(Op.BMAP, decodeEmpty),
  DESTROY: op(Op.DESTROY, decodeEmpty),
  IOCTL: op(Op.IOCTL, decodeEmpty),
  POLL: op(Op.POLL, decodeEmpty),
  NOTIFY_REPLY: op(Op.NOTIFY_REPLY, decodeEmpty, 0, false),
  BATCH_FORGET: op(Op.BATCH_FORGET, decodeBatchForget, 0, false),
  FALLOCATE: op(Op.FALLOCATE, decodeFallocate),
  READDIRPLUS: op(Op.READDIRPLUS, decodeRead),
  RENAME2: op(Op.RENAME2, decodeRename2, 2),
  LSEEK: op(Op.LSEEK, decodeLseek),
  COPY_FILE_RANGE: op(Op.COPY_FILE_RANGE, decodeCopyFileRange),
  SETUPMAPPING: op(Op.SETUPMAPPING, decodeEmpty),
  REMOVEMAPPING: op(Op.REMOVEMAPPING, decodeEmpty),
  SYNCFS: op(Op.SYNCFS, decodeEmpty),
  TMPFILE: op(Op.TMPFILE, decodeEmpty),
  STATX: op(Op.STATX, decodeEmpty)
};
var OPCODE_NAMES = new Map(Object.keys(OPCODES).map((n) => [OPCODES[n].code, n]));

// ../../work/main/packages/fuse/dist/protocol/interrupts.js
var PendingInterrupts = class {
  grace;
  expire;
  recentLimit;
  pending = /* @__PURE__ */ new Map();
  finished = /* @__PURE__ */ new Set();
  seq = 0;
  timer;
  constructor(grace, expire, recentLimit = 1024) {
    this.grace = grace;
    this.expire = expire;
    this.recentLimit = recentLimit;
  }
  /** Remember an interrupt for `target` unless that request already finished. */
  add(target3, interruptUnique) {
    if (this.finished.has(target3))
      return;
    this.pending.set(target3, { interruptUnique, seq: this.seq, at: Date.now() });
    if (this.grace.ms > 0 && this.timer === void 0) {
      this.timer = setTimeout(() => this.onTimer(), this.grace.ms);
      this.timer.unref();
    }
  }
  /** A request arrived: true if an interrupt was waiting for it. Ages the others. */
  take(unique) {
    this.seq++;
    const hit = this.pending.delete(unique);
    for (const [target3, p] of this.pending) {
      if (this.seq - p.seq > this.grace.requests)
        this.drop(target3, p);
    }
    return hit;
  }
  /** A request was answered; interrupts naming it later are dropped silently. */
  done(unique) {
    this.finished.add(unique);
    if (this.finished.size > this.recentLimit) {
      const oldest = this.finished.values().next().value;
      if (oldest !== void 0)
        this.finished.delete(oldest);
    }
  }
  /** Number of unmatched interrupts (tests). */
  get size() {
    return this.pending.size;
  }
  /** Forget everything and stop the timer. */
  clear() {
    this.pending.clear();
    if (this.timer !== void 0)
      clearTimeout(this.timer);
    this.timer = void 0;
  }
  drop(target3, p) {
    this.pending.delete(target3);
    this.expire(p.interruptUnique);
  }
  onTimer() {
    this.timer = void 0;
    const now = Date.now();
    for (const [target3, p] of this.pending) {
      if (now - p.at >= this.grace.ms)
        this.drop(target3, p);
    }
    if (this.pending.size > 0) {
      this.timer = setTimeout(() => this.onTimer(), this.grace.ms);
      this.timer.unref();
    }
  }
};

// ../../work/main/packages/fuse/dist/wire/attr.js
var ATTR_OUT_SIZE = 104;
var ENTRY_OUT_SIZE = 128;
function writeAttr(w, a) {
  return w.u64(a.ino).u64(a.size).u64(a.blocks).u64(a.atimeSec).u64(a.mtimeSec).u64(a.ctimeSec).u32(a.atimeNsec).u32(a.mtimeNsec).u32(a.ctimeNsec).u32(a.mode).u32(a.nlink).u32(a.uid).u32(a.gid).u32(a.rdev).u32(a.blksize).u32(0);
}
function ttl(ms) {
  const t = Math.max(0, ms);
  const sec = Math.floor(t / 1e3);
  return [sec, Math.round((t - sec * 1e3) * 1e6)];
}
function encodeAttrOut(attr, attrTtlMs) {
  const [s, ns] = ttl(attrTtlMs);
  return writeAttr(new Writer(ATTR_OUT_SIZE).u64(s).u32(ns).u32(0), attr).buf;
}
function writeEntryOut(w, e) {
  const [es, ens] = ttl(e.entryTtlMs);
  const [as, ans] = ttl(e.attrTtlMs);
  return writeAttr(w.u64(e.node).u64(e.generation).u64(es).u64(as).u32(ens).u32(ans), e.attr);
}
function encodeEntryOut(e) {
  return writeEntryOut(new Writer(ENTRY_OUT_SIZE), e).buf;
}

// ../../work/main/packages/fuse/dist/wire/statfs.js
var STATFS_OUT_SIZE = 80;
function encodeStatfsOut(s) {
  return new Writer(STATFS_OUT_SIZE).u64(s.blocks).u64(s.bfree).u64(s.bavail).u64(s.files).u64(s.ffree).u32(s.bsize).u32(s.namelen).u32(s.frsize).buf;
}

// ../../work/main/packages/fuse/dist/wire/dirent.js
var DIRENT_NAME_OFFSET = 24;
var DIRENTPLUS_NAME_OFFSET = ENTRY_OUT_SIZE + DIRENT_NAME_OFFSET;
function align8(n) {
  return n + 7 & ~7;
}
function direntSize(nameLen) {
  return align8(DIRENT_NAME_OFFSET + nameLen);
}
function direntplusSize(nameLen) {
  return align8(DIRENTPLUS_NAME_OFFSET + nameLen);
}
var NO_ENTRY = {
  node: 0,
  generation: 0,
  entryTtlMs: 0,
  attrTtlMs: 0,
  attr: {
    ino: 0,
    size: 0,
    blocks: 0,
    atimeSec: 0,
    atimeNsec: 0,
    mtimeSec: 0,
    mtimeNsec: 0,
    ctimeSec: 0,
    ctimeNsec: 0,
    mode: 0,
    nlink: 0,
    uid: 0,
    gid: 0,
    rdev: 0,
    blksize: 0
  }
};
function pack2(entries, maxSize, sizeOf, write4) {
  const names = entries.map((e) => Buffer.from(e.name, "utf8"));
  let total = 0;
  let count = 0;
  for (const n of names) {
    const s = sizeOf(n.length);
    if (total + s > maxSize)
      break;
    total += s;
    count++;
  }
  const w = new Writer(total);
  for (let i = 0; i < count; i++) {
    const name = names[i];
    const start = w.length;
    write4(w, entries[i], name);
    w.skip(start + sizeOf(name.length) - w.length);
  }
  return { buf: w.buf, count };
}
function writeDirent(w, e, name) {
  w.u64(e.ino).u64(e.off).u32(name.length).u32(e.type).bytes(name);
}
function packDirents(entries, maxSize) {
  return pack2(entries, maxSize, direntSize, writeDirent);
}
function packDirentsPlus(entries, maxSize) {
  return pack2(entries, maxSize, direntplusSize, (w, e, name) => {
    writeEntryOut(w, e.entry ?? NO_ENTRY);
    writeDirent(w, e, name);
  });
}

// ../../work/main/packages/fuse/dist/protocol/readdir.js
function maxEntries(size, plus) {
  return Math.max(1, Math.floor(size / (plus ? direntplusSize(1) : direntSize(1))));
}
async function readdir2(fs4, ctx, node, r) {
  const entries = await fs4.readdir(ctx, { node, fh: r.fh, offset: r.offset, maxEntries: maxEntries(r.size, false), size: r.size });
  return packDirents(entries, r.size).buf;
}
function unpackedLookups(entries, count) {
  const items = [];
  for (const e of entries.slice(count))
    if (e.entry !== void 0 && e.entry.node !== 0)
      items.push([e.entry.node, 1]);
  return items;
}
async function readdirplus2(fs4, ctx, node, r, log2) {
  const entries = await fs4.readdirplus(ctx, { node, fh: r.fh, offset: r.offset, maxEntries: maxEntries(r.size, true), size: r.size });
  const packed = packDirentsPlus(entries, r.size);
  const back = unpackedLookups(entries, packed.count);
  if (back.length > 0) {
    try {
      await fs4.forget?.(ctx, { items: back });
    } catch (err) {
      log2(`fuse: forget of unpacked readdirplus entries failed: ${String(err)}`);
    }
  }
  return packed.buf;
}

// ../../work/main/packages/fuse/dist/protocol/replies.js
function attrOut(r, defaultTtlMs) {
  return "attr" in r ? encodeAttrOut(r.attr, r.attrTtlMs) : encodeAttrOut(r, defaultTtlMs);
}
function openFlags(o) {
  return (o.keepCache ? FOPEN.KEEP_CACHE : 0) | (o.directIo === true ? FOPEN.DIRECT_IO : 0) | (o.openFlags ?? 0);
}
function openOut(o) {
  return encodeOpenOut(o.fh, openFlags(o));
}
function xattrReply(size, r) {
  const len = typeof r === "number" ? r : r.length;
  if (size === 0)
    return encodeGetxattrOut(len);
  if (len > size)
    throw fuseError("ERANGE");
  if (typeof r === "number")
    throw fuseError("EIO", "xattr handler returned a length for a sized request");
  return r;
}
function owner(v) {
  return v.toString();
}

// ../../work/main/packages/fuse/dist/protocol/setattr.js
function time(valid, setBit, nowBit, sec, nsec) {
  if ((valid & nowBit) !== 0)
    return "now";
  if ((valid & setBit) !== 0)
    return { sec, nsec };
  return void 0;
}
function setattrParams(node, s) {
  const v = s.valid;
  const p = { node };
  if (v & FATTR.FH)
    p.fh = s.fh;
  if (v & FATTR.MODE)
    p.mode = s.mode;
  if (v & FATTR.UID)
    p.uid = s.uid;
  if (v & FATTR.GID)
    p.gid = s.gid;
  if (v & FATTR.SIZE)
    p.size = s.size;
  const atime = time(v, FATTR.ATIME, FATTR.ATIME_NOW, s.atime, s.atimensec);
  if (atime !== void 0)
    p.atime = atime;
  const mtime = time(v, FATTR.MTIME, FATTR.MTIME_NOW, s.mtime, s.mtimensec);
  if (mtime !== void 0)
    p.mtime = mtime;
  if (v & FATTR.LOCKOWNER)
    p.lockOwner = s.lockOwner.toString();
  return p;
}

// ../../work/main/packages/fuse/dist/protocol/ops.js
var STICKY_ENOSYS = /* @__PURE__ */ new Set([
  "ACCESS",
  "FLUSH",
  "FSYNC",
  "FSYNCDIR",
  "GETXATTR",
  "SETXATTR",
  "LISTXATTR",
  "REMOVEXATTR",
  "CREATE",
  "FALLOCATE",
  "LSEEK",
  "COPY_FILE_RANGE",
  "RENAME2",
  "GETLK",
  "SETLK",
  "SETLKW"
]);
var none = async () => void 0;
var DEFAULT_STATFS = { blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, bsize: 512, namelen: 255, frsize: 512 };
var HANDLERS = {
  LOOKUP: { method: "lookup", run: async (e, c2, node, i) => encodeEntryOut(await e.fs.lookup(c2, { parent: node, name: i.name })) },
  GETATTR: {
    method: "getattr",
    run: async (e, c2, node, i) => attrOut(await e.fs.getattr(c2, (i.getattrFlags & RequestFlags.GETATTR_FH) !== 0 ? { node, fh: i.fh } : { node }), e.attrTtlMs)
  },
  SETATTR: { method: "setattr", run: async (e, c2, node, i) => attrOut(await e.fs.setattr(c2, setattrParams(node, i)), e.attrTtlMs) },
  READLINK: { method: "readlink", run: async (e, c2, node) => Buffer.from(await e.fs.readlink(c2, { node }), "utf8") },
  SYMLINK: { method: "symlink", run: async (e, c2, node, i) => encodeEntryOut(await e.fs.symlink(c2, { parent: node, name: i.name, target: i.target })) },
  MKNOD: { method: "mknod", run: async (e, c2, node, i) => encodeEntryOut(await e.fs.mknod(c2, { parent: node, name: i.name, mode: i.mode, rdev: i.rdev, umask: i.umask })) },
  MKDIR: { method: "mkdir", run: async (e, c2, node, i) => encodeEntryOut(await e.fs.mkdir(c2, { parent: node, name: i.name, mode: i.mode, umask: i.umask })) },
  UNLINK: { method: "unlink", run: async (e, c2, node, i) => e.fs.unlink(c2, { parent: node, name: i.name }).then(none) },
  RMDIR: { method: "rmdir", run: async (e, c2, node, i) => e.fs.rmdir(c2, { parent: node, name: i.name }).then(none) },
  RENAME: { method: "rename", run: async (e, c2, node, i) => e.fs.rename(c2, { parent: node, name: i.name, newParent: i.newdir, newName: i.newName, flags: i.flags }).then(none) },
  RENAME2: { method: "rename", run: async (e, c2, node, i) => e.fs.rename(c2, { parent: node, name: i.name, newParent: i.newdir, newName: i.newName, flags: i.flags }).then(none) },
  LINK: { method: "link", run: async (e, c2, node, i) => encodeEntryOut(await e.fs.link(c2, { node: i.oldnodeid, newParent: node, newName: i.name })) },
  OPEN: {
    method: "open",
    run: async (e, c2, node, i) => openOut(await e.fs.open(c2, { node, flags: i.flags })),
    missing: async () => encodeOpenOut(0, 0)
  },
  CREATE: {
    method: "create",
    run: async (e, c2, node, i) => {
      const r = await e.fs.create(c2, { parent: node, name: i.name, flags: i.flags, mode: i.mode, umask: i.umask });
      return Buffer.concat([encodeEntryOut(r.entry), openOut(r.open)]);
    }
  },
  READ: {
    method: "read",
    run: async (e, c2, node, i) => {
      const lo = (i.readFlags & RequestFlags.READ_LOCKOWNER) !== 0 ? { lockOwner: owner(i.lockOwner) } : {};
      const data = await e.fs.read(c2, { node, fh: i.fh, offset: i.offset, size: i.size, ...lo });
      return data.length > i.size ? data.subarray(0, i.size) : data;
    }
  },
  WRITE: {
    method: "write",
    run: async (e, c2, node, i) => {
      const lo = (i.writeFlags & RequestFlags.WRITE_LOCKOWNER) !== 0 ? { lockOwner: owner(i.lockOwner) } : {};
      return encodeWriteOut(await e.fs.write(c2, { node, fh: i.fh, offset: i.offset, data: i.data, flags: i.flags, ...lo }));
    }
  },
  STATFS: {
    method: "statfs",
    run: async (e, c2, node) => encodeStatfsOut(await e.fs.statfs(c2, { node })),
    missing: async () => encodeStatfsOut(DEFAULT_STATFS)
  },
  RELEASE: {
    method: "release",
    run: async (e, c2, node, i) => {
      const flock = (i.releaseFlags & RequestFlags.RELEASE_FLOCK_UNLOCK) !== 0;
      const extra = flock ? { flock, lockOwner: owner(i.lockOwner) } : {};
      await e.fs.release(c2, { node, fh: i.fh, flags: i.flags, ...extra });
      return void 0;
    },
    missing: none
  },
  FSYNC: { method: "fsync", run: async (e, c2, node, i) => e.fs.fsync(c2, { node, fh: i.fh, datasync: (i.fsyncFlags & RequestFlags.FSYNC_FDATASYNC) !== 0 }).then(none) },
  SETXATTR: { method: "setxattr", run: async (e, c2, node, i) => e.fs.setxattr(c2, { node, name: i.name, value: i.value, flags: i.flags }).then(none) },
  GETXATTR: { method: "getxattr", run: async (e, c2, node, i) => xattrReply(i.size, await e.fs.getxattr(c2, { node, name: i.name, size: i.size })) },
  LISTXATTR: { method: "listxattr", run: async (e, c2, node, i) => xattrReply(i.size, await e.fs.listxattr(c2, { node, size: i.size })) },
  REMOVEXATTR: { method: "removexattr", run: async (e, c2, node, i) => e.fs.removexattr(c2, { node, name: i.name }).then(none) },
  FLUSH: { method: "flush", run: async (e, c2, node, i) => e.fs.flush(c2, { node, fh: i.fh, lockOwner: owner(i.lockOwner) }).then(none) },
  OPENDIR: {
    method: "opendir",
    run: async (e, c2, node, i) => openOut(await e.fs.opendir(c2, { node, flags: i.flags })),
    missing: async () => encodeOpenOut(0, 0)
  },
  READDIR: { method: "readdir", run: async (e, c2, node, i) => readdir2(e.fs, c2, node, i) },
  READDIRPLUS: { method: "readdirplus", run: async (e, c2, node, i) => readdirplus2(e.fs, c2, node, i, e.log) },
  RELEASEDIR: { method: "releasedir", run: async (e, c2, node, i) => e.fs.releasedir(c2, { node, fh: i.fh }).then(none), missing: none },
  FSYNCDIR: { method: "fsyncdir", run: async (e, c2, node, i) => e.fs.fsyncdir(c2, { node, fh: i.fh, datasync: (i.fsyncFlags & RequestFlags.FSYNC_FDATASYNC) !== 0 }).then(none) },
  GETLK: { method: "getlk", run: async (e, c2, node, i) => encodeLkOut(await e.fs.getlk(c2, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock })) },
  SETLK: {
    method: "setlk",
    run: async (e, c2, node, i) => e.fs.setlk(c2, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock, wait: false, flock: (i.lkFlags & RequestFlags.LK_FLOCK) !== 0 }).then(none)
  },
  SETLKW: {
    method: "setlk",
    run: async (e, c2, node, i) => e.fs.setlk(c2, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock, wait: true, flock: (i.lkFlags & RequestFlags.LK_FLOCK) !== 0 }).then(none)
  },
  ACCESS: { method: "access", run: async (e, c2, node, i) => e.fs.access(c2, { node, mask: i.mask }).then(none) },
  FALLOCATE: { method: "fallocate", run: async (e, c2, node, i) => e.fs.fallocate(c2, { node, fh: i.fh, mode: i.mode, offset: i.offset, length: i.length }).then(none) },
  LSEEK: { method: "lseek", run: async (e, c2, node, i) => encodeLseekOut(await e.fs.lseek(c2, { node, fh: i.fh, offset: i.offset, whence: i.whence })) },
  COPY_FILE_RANGE: {
    method: "copyFileRange",
    run: async (e, c2, node, i) => encodeWriteOut(await e.fs.copyFileRange(c2, { node, fhIn: i.fhIn, offIn: i.offIn, nodeOut: i.nodeidOut, fhOut: i.fhOut, offOut: i.offOut, len: i.len, flags: i.flags }))
  }
};

// ../../work/main/packages/fuse/dist/protocol/session.js
var InterruptedError = class extends Error {
  name = "AbortError";
  errno = "EINTR";
};
var ENOSYS = errnoNumber("ENOSYS");
var EINTR = errnoNumber("EINTR");
var EIO2 = errnoNumber("EIO");
var EAGAIN = errnoNumber("EAGAIN");
var NEVER2 = new AbortController().signal;
var FuseSession = class {
  fs;
  send;
  options;
  /** What INIT agreed, once it has run. */
  negotiated;
  /** Resolves with the negotiation when INIT succeeds; rejects if INIT is refused. */
  initialized;
  state = "waiting-init";
  inFlight = /* @__PURE__ */ new Map();
  interrupts;
  env;
  enosys = /* @__PURE__ */ new Set();
  decodeCtx = { setxattrExt: false };
  log;
  resolveInit;
  rejectInit;
  constructor(fs4, send, options = {}) {
    this.fs = fs4;
    this.send = send;
    this.options = options;
    this.log = options.log ?? defaultLog;
    this.env = { fs: fs4, attrTtlMs: options.attrTtlMs ?? 1e3, log: this.log };
    this.interrupts = new PendingInterrupts({ requests: options.interruptGrace?.requests ?? 16, ms: options.interruptGrace?.ms ?? 100 }, (u) => this.reply(u, EAGAIN));
    this.initialized = new Promise((res, rej) => {
      this.resolveInit = res;
      this.rejectInit = rej;
    });
    this.initialized.catch(() => void 0);
    for (const [name, h] of Object.entries(HANDLERS)) {
      if (typeof fs4[h.method] !== "function" && h.missing === void 0)
        this.enosys.add(name);
    }
  }
  /** Current state. */
  get status() {
    return this.state;
  }
  /** Requests being served right now. */
  get inFlightCount() {
    return this.inFlight.size;
  }
  /** Interrupts waiting for their request (tests, diagnostics). */
  get pendingInterrupts() {
    return this.interrupts.size;
  }
  /**
   * Handle one request (exactly the bytes of one read). Resolves once its reply, if any, has been
   * passed to `send`; never rejects.
   */
  async handle(buf) {
    let header;
    let body;
    try {
      ({ header, body } = splitRequest(buf));
    } catch (err) {
      this.log(`fuse: dropping malformed request: ${String(err)}`);
      return;
    }
    const name = OPCODE_NAMES.get(header.opcode);
    if (this.options.debug === true)
      this.log(`fuse: <- ${name ?? header.opcode} unique=${header.unique} node=${header.nodeid} len=${header.len}`);
    if (name === void 0)
      return this.reply(header.unique, ENOSYS);
    const spec = OPCODES[name];
    let input;
    try {
      input = spec.decode(body, this.decodeCtx);
    } catch (err) {
      this.log(`fuse: bad ${name} request: ${String(err)}`);
      if (spec.reply)
        this.reply(header.unique, EIO2);
      return;
    }
    if (name === "INIT")
      return this.init(header, input);
    if (this.state !== "running")
      return this.reply(header.unique, EIO2);
    switch (name) {
      case "INTERRUPT":
        return this.interrupt(header, input.unique);
      case "FORGET":
        return this.forget(header, [[header.nodeid, input.nlookup]]);
      case "BATCH_FORGET":
        return this.forget(header, input.items);
      case "DESTROY":
        return this.destroy(header);
      case "NOTIFY_REPLY":
        return;
      default:
        return this.dispatch(header, name, input);
    }
  }
  /** Abort every in-flight request (the device closed). Their replies are dropped by the device. */
  abortAll() {
    for (const ac of this.inFlight.values())
      ac.abort(new InterruptedError("session closed"));
    this.interrupts.clear();
  }
  /** Mark the session finished (device gone) and tell the file system once. */
  close() {
    if (this.state === "destroyed")
      return;
    this.state = "destroyed";
    this.abortAll();
    this.rejectInit(new Error("FUSE session closed before INIT"));
    this.callDestroy();
  }
  reply(unique, errno, payload) {
    if (this.options.debug === true)
      this.log(`fuse: -> unique=${unique} errno=${errno} len=${payload?.length ?? 0}`);
    try {
      this.send(encodeReply(unique, errno, payload));
    } catch (err) {
      this.log(`fuse: send failed: ${String(err)}`);
    }
  }
  init(h, init) {
    if (this.state !== "waiting-init")
      return this.reply(h.unique, EIO2);
    const fs4 = this.fs;
    let initFlags = [...this.options.initFlags ?? DEFAULT_INIT_FLAGS];
    if (typeof fs4.setlk !== "function")
      initFlags = initFlags.filter((f) => f !== "POSIX_LOCKS" && f !== "FLOCK_LOCKS");
    if (typeof fs4.readdirplus !== "function")
      initFlags = initFlags.filter((f) => f !== "DO_READDIRPLUS" && f !== "READDIRPLUS_AUTO");
    const r = negotiate(init, { ...this.options, initFlags });
    if (!r.ok) {
      this.reply(h.unique, errnoNumber(r.errno));
      this.rejectInit(new Error(`FUSE INIT refused: kernel ${init.major}.${init.minor}`));
      return;
    }
    this.decodeCtx.setxattrExt = (r.out.flags & INIT_FLAGS.SETXATTR_EXT) !== 0n;
    this.negotiated = r.negotiated;
    this.state = "running";
    this.reply(h.unique, 0, encodeInitOut(r.out));
    this.resolveInit(r.negotiated);
  }
  interrupt(h, target3) {
    const ac = this.inFlight.get(target3);
    if (ac !== void 0) {
      ac.abort(new InterruptedError(`interrupted by kernel (unique ${h.unique})`));
      return;
    }
    this.interrupts.add(target3, h.unique);
  }
  forget(h, items) {
    if (typeof this.fs.forget !== "function")
      return;
    const ctx = { uid: h.uid, gid: h.gid, pid: h.pid, unique: h.unique, signal: NEVER2 };
    try {
      const p = this.fs.forget(ctx, { items });
      if (p instanceof Promise)
        p.catch((err) => this.log(`fuse: forget failed: ${String(err)}`));
    } catch (err) {
      this.log(`fuse: forget failed: ${String(err)}`);
    }
  }
  destroy(h) {
    this.state = "destroyed";
    this.abortAll();
    this.callDestroy();
    this.reply(h.unique, 0);
  }
  callDestroy() {
    try {
      this.fs.destroy?.();
    } catch (err) {
      this.log(`fuse: destroy failed: ${String(err)}`);
    }
  }
  async dispatch(h, name, input) {
    const handler = HANDLERS[name];
    if (handler === void 0 || this.enosys.has(name))
      return this.reply(h.unique, ENOSYS);
    const run3 = typeof this.fs[handler.method] === "function" ? handler.run : handler.missing;
    if (run3 === void 0)
      return this.reply(h.unique, ENOSYS);
    const ac = new AbortController();
    this.inFlight.set(h.unique, ac);
    if (this.interrupts.take(h.unique))
      ac.abort(new InterruptedError("interrupted before dispatch"));
    const ctx = { uid: h.uid, gid: h.gid, pid: h.pid, unique: h.unique, signal: ac.signal };
    let errno = 0;
    let payload;
    try {
      payload = await run3(this.env, ctx, h.nodeid, input);
    } catch (err) {
      errno = ac.signal.aborted && isAbort(err, ac.signal) ? EINTR : toErrno(err, this.log);
      if (errno === ENOSYS && STICKY_ENOSYS.has(name))
        this.enosys.add(name);
    } finally {
      this.inFlight.delete(h.unique);
      this.interrupts.done(h.unique);
    }
    if (this.state === "destroyed")
      return;
    this.reply(h.unique, errno, payload);
  }
};
function isAbort(err, signal) {
  if (err === signal.reason)
    return true;
  if (typeof err !== "object" || err === null)
    return true;
  const e = err;
  return e.name === "AbortError" || e.code === "ABORT_ERR" || e.errno === void 0 && e.code === void 0;
}

// ../../work/main/packages/fuse/dist/wire/notify.js
function encodeNotifyInvalInode(node, off, len) {
  return encodeNotify(NotifyCode.INVAL_INODE, new Writer(24).u64(node).i64(off).i64(len).buf);
}
function encodeNotifyInvalEntry(parent, name, flags = 0) {
  const n = Buffer.from(name, "utf8");
  const w = new Writer(16 + n.length + 1).u64(parent).u32(n.length).u32(flags).bytes(n);
  return encodeNotify(NotifyCode.INVAL_ENTRY, w.buf);
}
function encodeNotifyDelete(parent, child, name) {
  const n = Buffer.from(name, "utf8");
  const w = new Writer(24 + n.length + 1).u64(parent).u64(child).u32(n.length).u32(0).bytes(n);
  return encodeNotify(NotifyCode.DELETE, w.buf);
}

// ../../work/main/packages/fuse/dist/server.js
function readBufferSize(maxWrite) {
  return Math.max(FUSE_MIN_READ_BUFFER, maxWrite + 4096);
}
var FuseServer = class {
  mountpoint;
  connection;
  negotiated;
  device;
  session;
  /** Resolves when the connection has ended (unmounted or aborted) and the device is closed. */
  closed;
  /** @internal use {@link mountFileSystem} */
  constructor(mountpoint, connection, negotiated, device, session) {
    this.mountpoint = mountpoint;
    this.connection = connection;
    this.negotiated = negotiated;
    this.device = device;
    this.session = session;
    this.closed = device.closed.then(() => {
      session.close();
      ACTIVE_MOUNTPOINTS.delete(mountpoint);
    });
  }
  /** Requests currently being served. */
  get inFlight() {
    return this.session.inFlightCount;
  }
  /**
   * Unmount: `umount`, or if busy `umount -l` followed by aborting the connection (users of a busy
   * mount then see ENOTCONN). Resolves once the server has stopped.
   */
  async unmount() {
    await unmountFuse(this.mountpoint, { abortConnection: this.connection });
    await this.closed;
  }
  /** Abort the connection through fusectl (everything pending fails) without unmounting. */
  async abort() {
    return abortConnection(this.connection);
  }
  /**
   * Drop the kernel's cached attributes of `node` and its page cache from `off` for `len` bytes
   * (len 0: to the end; off -1: attributes only). False if the kernel had nothing cached.
   */
  notifyInvalInode(node, off = 0, len = 0) {
    return this.device.writeNotify(encodeNotifyInvalInode(node, off, len));
  }
  /** Drop the kernel's dentry `name` in directory `parent`. False if it was not cached. */
  notifyInvalEntry(parent, name) {
    return this.device.writeNotify(encodeNotifyInvalEntry(parent, name));
  }
  /** Tell the kernel `name` in `parent` (node `child`) was deleted; also drops it if cached. */
  notifyDelete(parent, child, name) {
    return this.device.writeNotify(encodeNotifyDelete(parent, child, name));
  }
};
function withTimeout(p, ms, what) {
  return new Promise((resolve7, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    t.unref();
    p.then((v) => {
      clearTimeout(t);
      resolve7(v);
    }, (e) => {
      clearTimeout(t);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}
async function mountFileSystem(mountpoint, fs4, options = {}) {
  const abs = resolvePath2(mountpoint);
  const log2 = options.log ?? defaultLog;
  const maxWrite = options.maxWrite ?? DEFAULT_MAX_WRITE;
  const device = await FuseDevice.open(options.devicePath);
  const session = new FuseSession(fs4, (b) => device.writeReply(b), { ...options, log: log2, maxWrite });
  try {
    await mountFuse(device.fd, abs, options, maxWrite);
  } catch (err) {
    await device.closeUnstarted();
    throw err;
  }
  ACTIVE_MOUNTPOINTS.add(abs);
  device.start((req) => void session.handle(req), { reads: options.reads ?? 4, bufferSize: readBufferSize(maxWrite), log: log2 });
  try {
    const negotiated = await withTimeout(session.initialized, options.initTimeoutMs ?? 1e4, "FUSE INIT");
    const info = await findMount(abs);
    return new FuseServer(abs, info?.minor ?? -1, negotiated, device, session);
  } catch (err) {
    const info = await findMount(abs);
    await unmountFuse(abs, info === void 0 ? { lazy: true } : { lazy: true, abortConnection: info.minor }).catch(() => void 0);
    ACTIVE_MOUNTPOINTS.delete(abs);
    throw err;
  }
}

// ../../work/main/packages/target/dist/write-behind.js
var CHUNK = 1024 * 1024;
var DIRECT = 256 * 1024;
var MAX_QUEUED = 16 * 1024 * 1024;
var WriteBehind = class {
  send;
  q = /* @__PURE__ */ new Map();
  constructor(send) {
    this.send = send;
  }
  get(fh) {
    let h = this.q.get(fh);
    if (!h) {
      h = { parts: [], offset: 0, length: 0, tail: Promise.resolve(), queued: 0, error: void 0, waiters: [] };
      this.q.set(fh, h);
    }
    return h;
  }
  /** Queue a write; resolves when it is accepted (immediately unless the queue is full). */
  async write(fh, offset, data) {
    const h = this.get(fh);
    if (h.error)
      throw h.error;
    while (h.queued >= MAX_QUEUED && !h.error)
      await new Promise((r) => h.waiters.push(r));
    if (h.error)
      throw h.error;
    if (h.length > 0 && (offset !== h.offset + h.length || h.length + data.byteLength > CHUNK))
      this.ship(fh, h);
    if (data.byteLength >= DIRECT && h.length === 0) {
      h.queued += data.byteLength;
      await this.enqueue(fh, h, offset, data);
      if (h.error)
        throw h.error;
      return data.byteLength;
    }
    if (h.length === 0)
      h.offset = offset;
    h.parts.push(Buffer.from(data));
    h.length += data.byteLength;
    h.queued += data.byteLength;
    if (h.length >= CHUNK)
      this.ship(fh, h);
    return data.byteLength;
  }
  /** Send what is being gathered for `fh` as one chunk, after the chunks before it. */
  ship(fh, h) {
    if (h.length === 0)
      return;
    const data = h.parts.length === 1 ? h.parts[0] : Buffer.concat(h.parts, h.length);
    const offset = h.offset;
    h.parts = [];
    h.length = 0;
    void this.enqueue(fh, h, offset, data);
  }
  /** Chain one chunk after the handle's previous ones; resolves when it has been sent. */
  enqueue(fh, h, offset, data) {
    h.tail = h.tail.then(async () => {
      if (!h.error) {
        try {
          await this.send(fh, offset, data);
        } catch (err) {
          h.error = err;
        }
      }
      h.queued -= data.byteLength;
      const w = h.waiters;
      h.waiters = [];
      w.forEach((f) => f());
    });
    return h.tail;
  }
  /** Wait until everything queued for `fh` is on the head; throw the first write error (once). */
  async drain(fh) {
    const h = this.q.get(fh);
    if (!h)
      return;
    this.ship(fh, h);
    await h.tail;
    if (h.error) {
      const e = h.error;
      h.error = void 0;
      throw e;
    }
  }
  /** Wait for every handle's queue (before operations whose answers must include the writes). */
  async drainAll() {
    if (this.q.size === 0)
      return;
    const tails = [];
    for (const [fh, h] of this.q) {
      this.ship(fh, h);
      tails.push(h.tail);
    }
    await Promise.all(tails);
  }
  /** Forget a handle after release (its queue has been drained). */
  drop(fh) {
    this.q.delete(fh);
  }
  /** True if anything is queued or in flight. */
  get busy() {
    for (const h of this.q.values())
      if (h.queued > 0)
        return true;
    return false;
  }
};

// ../../work/main/packages/target/dist/fs-bridge.js
function mapAttr(a, m) {
  if (a.uid === m.headUid)
    a.uid = m.guestUid;
  if (a.gid === m.headGid)
    a.gid = m.guestGid;
  return a;
}
function mapEntry(e, m) {
  mapAttr(e.attr, m);
  return e;
}
var toHeadUid = (uid, m) => uid === m.guestUid ? m.headUid : uid;
var toHeadGid = (gid, m) => gid === m.guestGid ? m.headGid : gid;
function toFsError(err) {
  const e = err;
  if (e instanceof RpcError) {
    if (e.errno)
      return fuseError(e.errno, e.message);
    const byCode = { CONNECTION_CLOSED: "ENOTCONN", TIMEOUT: "ETIMEDOUT", CANCELLED: "EINTR" };
    return fuseError(byCode[e.code] ?? "EIO", e.message);
  }
  return fuseError("EIO", String(err));
}
var O_APPEND2 = 1024;
var O_ACCMODE2 = 3;
var O_WRONLY2 = 1;
var O_RDWR2 = 2;
function wbFlags(flags) {
  const acc = (flags & O_ACCMODE2) === O_WRONLY2 ? O_RDWR2 : flags & O_ACCMODE2;
  return flags & ~O_ACCMODE2 & ~O_APPEND2 | acc;
}
function remoteFs(peer, o) {
  const ids2 = o.ids;
  const wb = new WriteBehind(async (fh, offset, data) => {
    try {
      return await peer.call(FS_PREFIX + "write", { fh, offset, data });
    } catch (err) {
      throw toFsError(err);
    }
  });
  const call = async (m, p, ctx) => {
    if (wb.busy)
      await wb.drainAll();
    try {
      return await peer.call(FS_PREFIX + m, p, { signal: ctx.signal, ...o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {} });
    } catch (err) {
      throw toFsError(err);
    }
  };
  const openFile2 = async (node, flags, ctx) => {
    if (!o.writeback)
      return call("open", { node, flags }, ctx);
    try {
      return await call("open", { node, flags: wbFlags(flags) }, ctx);
    } catch (err) {
      if (err.errno !== "EACCES" || (flags & 3) !== 1)
        throw err;
      return call("open", { node, flags: flags & ~O_APPEND2 }, ctx);
    }
  };
  const entry = async (m, p, ctx) => mapEntry(await call(m, p, ctx), ids2);
  const attr = async (m, p, ctx) => mapAttr(await call(m, p, ctx), ids2);
  const plain = (m) => (ctx, p) => call(m, p, ctx);
  return {
    lookup: (ctx, p) => entry("lookup", p, ctx),
    forget: (_ctx, p) => peer.notify(FS_PREFIX + "forget", p),
    getattr: (ctx, p) => attr("getattr", p, ctx),
    setattr: (ctx, p) => {
      const { lockOwner: _lo, ...rest } = p;
      const q = { ...rest };
      if (q.uid !== void 0)
        q.uid = toHeadUid(q.uid, ids2);
      if (q.gid !== void 0)
        q.gid = toHeadGid(q.gid, ids2);
      return attr("setattr", q, ctx);
    },
    readlink: (ctx, p) => call("readlink", p, ctx),
    symlink: (ctx, p) => entry("symlink", p, ctx),
    mknod: (ctx, p) => entry("mknod", p, ctx),
    mkdir: (ctx, p) => entry("mkdir", p, ctx),
    unlink: plain("unlink"),
    rmdir: plain("rmdir"),
    rename: plain("rename"),
    link: (ctx, p) => entry("link", p, ctx),
    open: (ctx, p) => openFile2(p.node, p.flags, ctx),
    create: async (ctx, p) => {
      const r = await call("create", { ...p, flags: o.writeback ? wbFlags(p.flags) : p.flags }, ctx);
      mapEntry(r.entry, ids2);
      return r;
    },
    read: async (ctx, p) => {
      const data = await call("read", { fh: p.fh, offset: p.offset, size: p.size }, ctx);
      return data;
    },
    write: (_ctx, p) => wb.write(p.fh, p.offset, p.data),
    flush: async (ctx, p) => {
      await wb.drain(p.fh);
      await call("flush", { fh: p.fh, lockOwner: p.lockOwner }, ctx);
    },
    fsync: async (ctx, p) => {
      await wb.drain(p.fh);
      await call("fsync", { fh: p.fh, datasync: p.datasync }, ctx);
    },
    release: async (ctx, p) => {
      await wb.drain(p.fh).catch(() => {
      });
      wb.drop(p.fh);
      await call("release", { fh: p.fh, ...p.lockOwner !== void 0 ? { lockOwner: p.lockOwner } : {}, ...p.flock !== void 0 ? { flock: p.flock } : {} }, ctx);
    },
    opendir: (ctx, p) => call("opendir", { node: p.node }, ctx),
    readdir: (ctx, p) => call("readdir", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx),
    readdirplus: async (ctx, p) => {
      const list = await call("readdirplus", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      for (const d of list)
        if (d.entry)
          mapEntry(d.entry, ids2);
      return list;
    },
    releasedir: (ctx, p) => call("releasedir", { fh: p.fh }, ctx),
    fsyncdir: (ctx, p) => call("fsyncdir", { fh: p.fh, datasync: p.datasync }, ctx),
    statfs: (ctx, p) => call("statfs", p, ctx),
    access: plain("access"),
    fallocate: (ctx, p) => call("fallocate", { fh: p.fh, mode: p.mode, offset: p.offset, length: p.length }, ctx),
    lseek: (ctx, p) => call("lseek", { fh: p.fh, offset: p.offset, whence: p.whence }, ctx),
    copyFileRange: (ctx, p) => call("copyFileRange", { fhIn: p.fhIn, offIn: p.offIn, fhOut: p.fhOut, offOut: p.offOut, len: p.len, flags: p.flags }, ctx),
    getlk: (ctx, p) => call("getlk", { fh: p.fh, owner: p.owner, lock: p.lock }, ctx),
    setlk: (ctx, p) => call("setlk", { fh: p.fh, owner: p.owner, lock: p.lock, wait: p.wait, flock: p.flock }, ctx)
    // xattrs are not offered: the kernel then answers EOPNOTSUPP itself without asking again.
  };
}

// ../../work/main/packages/target/dist/link-mount.js
var MOUNT_ROOT = "/run/mrc/mnt";
var nextId = 0;
var WRITEBACK = process.env.MRC_WRITEBACK !== "0";
var LinkMount = class _LinkMount {
  mountpoint;
  exports;
  server;
  log;
  constructor(mountpoint, exports, server, log2) {
    this.mountpoint = mountpoint;
    this.exports = exports;
    this.server = server;
    this.log = log2;
  }
  /** Mount a head's exports for the link `peer`; invalidations from the head are applied. */
  static async attach(peer, a, guest, log2) {
    const mountpoint = join2(MOUNT_ROOT, `${process.pid}-${++nextId}`);
    await mkdir2(mountpoint, { recursive: true, mode: 493 });
    const ids2 = { headUid: a.headUid, headGid: a.headGid, guestUid: guest.uid, guestGid: guest.gid };
    let server;
    try {
      server = await mountFileSystem(mountpoint, remoteFs(peer, { ids: ids2, writeback: WRITEBACK }), {
        log: (m) => log2.warn("fuse", { msg: m }),
        debug: process.env.MRC_FUSE_DEBUG === "1",
        reads: 4,
        // The kernel's writeback cache turns many small write(2)s into large async WRITEs; close
        // still waits for them (fuse_flush writes back first), see docs/consistency.md.
        initFlags: [...DEFAULT_INIT_FLAGS, ...WRITEBACK ? ["WRITEBACK_CACHE"] : []]
      });
    } catch (err) {
      await rmdir2(mountpoint).catch(() => {
      });
      throw err;
    }
    const lm = new _LinkMount(mountpoint, a.exports, server, log2);
    peer.onNotify(FS_INVAL, (inv) => lm.invalidate(inv));
    log2.info("exports mounted", { mountpoint, exports: a.exports.map((e) => e.path) });
    return lm;
  }
  /** The directory on this mount that holds the export published at `path` on the head. */
  sourceFor(path) {
    const i = this.exports.findIndex((e) => e.path === path);
    return i < 0 ? void 0 : join2(this.mountpoint, String(i));
  }
  invalidate(inv) {
    const done = (p) => p.catch((err) => this.log.debug("invalidation failed", { err: err.message }));
    if (inv === null || typeof inv !== "object")
      return;
    if (inv.kind === "inode")
      done(this.server.notifyInvalInode(inv.node, inv.off, inv.len));
    else if (inv.kind === "entry")
      done(this.server.notifyInvalEntry(inv.parent, inv.name));
    else if (inv.kind === "delete")
      done(this.server.notifyDelete(inv.parent, inv.child, inv.name));
  }
  /** Unmount (lazily if busy) and remove the mountpoint. */
  async detach() {
    await this.server.unmount().catch((err) => this.log.warn("unmount failed", { err: err.message }));
    await rmdir2(this.mountpoint).catch(() => {
    });
    this.log.info("exports unmounted", { mountpoint: this.mountpoint });
  }
};
async function recoverMounts(log2) {
  try {
    const r = await recoverStaleMounts(MOUNT_ROOT, { onlyUnhealthy: true });
    for (const m of r) {
      log2.warn("removed stale mount", { mountpoint: m.mountpoint, health: m.health, unmounted: m.unmounted });
      await rmdir2(m.mountpoint).catch(() => {
      });
    }
  } catch (err) {
    log2.warn("stale mount recovery failed", { err: err.message });
  }
}

// ../../work/main/packages/target/dist/session.js
var Session = class {
  peer;
  log;
  opts;
  jobs = /* @__PURE__ */ new Map();
  closing = false;
  mount;
  attaching;
  constructor(peer, log2, opts = { canMount: false }) {
    this.peer = peer;
    this.log = log2;
    this.opts = opts;
    peer.handle(JOB_METHODS.start, (p) => this.start(checkStartParams(p)));
    peer.handle(JOB_METHODS.signal, (p) => this.signal(p));
    peer.handle(JOB_METHODS.resize, (p) => this.resize(p));
    peer.handle(JOB_METHODS.wait, (p) => this.job(p.jobId).done);
    peer.handle(FS_ATTACH, (p) => this.attach(p));
    peer.on("close", (reason) => void this.close(reason.message));
  }
  /** Number of running jobs. */
  get size() {
    let n = 0;
    for (const j of this.jobs.values())
      if (j.running)
        n++;
    return n;
  }
  job(id) {
    const j = typeof id === "string" ? this.jobs.get(id) : void 0;
    if (!j)
      throw new RpcError("JOB_NOT_FOUND", `no such job: ${String(id)}`);
    return j;
  }
  async start(p) {
    if (this.closing)
      throw new RpcError("SHUTTING_DOWN", "the target is shutting down");
    const id = randomUUID();
    const stdin = this.peer.reader(p.stdin);
    const stdout = this.peer.writer(p.stdout);
    const stderr = p.stderr !== void 0 ? this.peer.writer(p.stderr) : void 0;
    const log2 = this.log.child({ job: id });
    const fail2 = (code2, message) => {
      const out = stderr ?? stdout;
      const done2 = new Promise((resolve7) => {
        out.end(message + (p.tty ? "\r\n" : "\n"), () => {
          if (out !== stdout)
            stdout.end();
          resolve7({ code: code2, signal: null, error: message });
        });
      });
      stdin.destroy();
      this.jobs.set(id, { id, running: false, guest: void 0, done: done2 });
      done2.then(() => setTimeout(() => this.jobs.delete(id), 6e4).unref());
      log2.info("job refused", { code: code2, message });
      return { jobId: id, pid: -1 };
    };
    const launch = planLaunch(p, this.mount, this.opts.user);
    if (!launch.ok)
      return fail2(launch.code, launch.message);
    let guest;
    try {
      guest = spawnGuest({ file: launch.file, args: launch.args, env: p.env, cwd: launch.cwd, ...p.tty ? { tty: p.tty } : {} });
    } catch (err) {
      return fail2(255, `mrc: cannot start ${p.argv[0]}: ${err.message}`);
    }
    log2.info("job started", { pid: guest.pid, argv: p.argv, tty: p.tty !== void 0 });
    pipeline(stdin, guest.stdin).catch(() => {
    });
    const outs = [pipeline(guest.stdout, stdout).catch(() => {
    })];
    if (guest.stderr && stderr)
      outs.push(pipeline(guest.stderr, stderr).catch(() => {
      }));
    else
      stderr?.end();
    const done = (async () => {
      const exit = await guest.exited;
      await Promise.all(outs);
      stdin.destroy();
      log2.info("job ended", { ...exit });
      return exit;
    })();
    const rec = { id, running: true, guest, done };
    this.jobs.set(id, rec);
    done.then(() => {
      rec.running = false;
      setTimeout(() => this.jobs.delete(id), 6e4).unref();
    });
    return { jobId: id, pid: guest.pid };
  }
  /** fs.attach: mount this head's exports (once per link). */
  async attach(p) {
    const a = checkAttachParams(p);
    if (!this.opts.canMount)
      throw new RpcError("NOT_PRIVILEGED", "this target runs unprivileged and cannot mount exports (run it as root)");
    if (this.attaching || this.mount)
      throw new RpcError("ALREADY_ATTACHED", "exports are already attached on this link");
    const user = this.opts.user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
    const pending = LinkMount.attach(this.peer, a, user, this.log);
    this.attaching = pending;
    const m = await pending;
    if (this.closing) {
      await m.detach();
      throw new RpcError("SHUTTING_DOWN", "the link closed while mounting");
    }
    this.mount = m;
    return { mountpoint: m.mountpoint };
  }
  signal(p) {
    const j = this.job(p.jobId);
    if (!isForwardedSignal(p.signal))
      throw new RpcError("BAD_SIGNAL", `signal not allowed: ${String(p.signal)}`);
    j.guest?.signal(p.signal);
    return null;
  }
  resize(p) {
    const j = this.job(p.jobId);
    if (typeof p.cols !== "number" || typeof p.rows !== "number")
      throw new RpcError("BAD_PARAMS", "cols and rows must be numbers");
    j.guest?.resize(p.cols, p.rows);
    return null;
  }
  /** Kill every job of this session and wait for them to end. */
  async close(reason) {
    if (this.closing)
      return;
    this.closing = true;
    const live = [...this.jobs.values()].filter((j) => j.running);
    if (live.length > 0)
      this.log.warn("link closed: killing its jobs", { reason, jobs: live.length });
    for (const j of live)
      j.guest.kill();
    await Promise.all(live.map((j) => j.done));
    await this.mount?.detach();
    this.mount = void 0;
  }
};

// ../../work/main/packages/target/dist/identity.js
import { execFileSync } from "node:child_process";
function lookupUser(name) {
  let line;
  try {
    line = execFileSync("getent", ["passwd", name], { encoding: "utf8" }).trim().split("\n")[0] ?? "";
  } catch {
    throw new Error(`unknown user "${name}" on this target`);
  }
  const f = line.split(":");
  if (f.length < 7)
    throw new Error(`unknown user "${name}" on this target`);
  return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
}

// ../../work/main/packages/target/dist/runner.js
var VERSION = "0.1.0";
var TargetRunner = class _TargetRunner {
  listener;
  log;
  name;
  sessions = /* @__PURE__ */ new Set();
  constructor(listener, log2, name) {
    this.listener = listener;
    this.log = log2;
    this.name = name;
  }
  /** Start listening. */
  static async start(o) {
    const log2 = o.logger ?? silentLogger;
    const name = o.name ?? hostname2();
    const isRoot = process.getuid?.() === 0;
    let user;
    if (o.runAs !== void 0 || isRoot) {
      user = lookupUser(o.runAs ?? "nobody");
      if (user.uid === 0 && !o.allowRoot)
        throw new Error("refusing to run guests as root: pass --allow-root if that is really meant");
      if (user.uid === process.getuid?.())
        user = void 0;
      else if (!isRoot)
        throw new Error(`only a root runner can run guests as ${o.runAs}`);
    }
    if (isRoot)
      await recoverMounts(log2);
    const sessionOpts = { canMount: isRoot, ...user ? { user } : {} };
    let runner;
    const pendingPeers = [];
    const listener = await listen({
      host: o.host ?? "127.0.0.1",
      port: o.port ?? 0,
      token: o.token,
      info: { name, role: "target", version: VERSION },
      features: ["jobs", "pty", "streams"],
      onPeer: (peer, req) => {
        if (runner)
          runner.accept(peer, req.socket.remoteAddress ?? "?", sessionOpts);
        else
          pendingPeers.push(peer);
      },
      onReject: (err, remote) => log2.warn("link refused", { remote, reason: err.message }),
      onInternalError: (method, err) => log2.error("handler failed", { method, err: String(err) })
    });
    runner = new _TargetRunner(listener, log2, name);
    for (const p of pendingPeers)
      runner.accept(p, "?", sessionOpts);
    log2.info("target listening", { host: listener.host, port: listener.port, name, runAs: user?.name ?? "(runner's user)" });
    return runner;
  }
  /** Port listened on. */
  get port() {
    return this.listener.port;
  }
  /** Host listened on. */
  get host() {
    return this.listener.host;
  }
  /** What this target tells heads about itself. */
  info() {
    let jobs = 0;
    for (const s of this.sessions)
      jobs += s.size;
    return {
      name: this.name,
      version: VERSION,
      cores: cpus().length,
      load1: loadavg()[0] ?? 0,
      freeMem: freemem(),
      totalMem: totalmem(),
      jobs,
      features: ["jobs", "pty"]
    };
  }
  accept(peer, remote, opts) {
    const log2 = this.log.child({ head: peer.remoteInfo.name ?? remote });
    log2.info("head linked", { remote });
    const s = new Session(peer, log2, opts);
    peer.handle(JOB_METHODS.info, () => this.info());
    this.sessions.add(s);
    peer.on("close", (reason) => {
      log2.info("head link closed", { reason: reason.message });
      this.sessions.delete(s);
    });
  }
  /** Stop: refuse new links, kill every guest, wait for them, close links. */
  async close() {
    const all = [...this.sessions];
    await Promise.all(all.map((s) => s.close("target shutting down")));
    await this.listener.close();
    this.log.info("target stopped");
  }
};

// ../../work/main/packages/cli/dist/address.js
var DEFAULT_PORT = 7650;
function targetUrl(spec) {
  if (/^wss?:\/\//.test(spec))
    return spec;
  const m = /^(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?$/.exec(spec);
  if (!m)
    throw new Error(`bad target address "${spec}" (expected HOST:PORT or ws://HOST:PORT)`);
  const port = m[2] !== void 0 ? Number(m[2]) : DEFAULT_PORT;
  if (port < 1 || port > 65535)
    throw new Error(`bad port in "${spec}"`);
  return `ws://${m[1]}:${port}`;
}
function listenAddress(spec) {
  const m = /^(\[[^\]]+\]|[^:/]*)(?::(\d{1,5}))?$/.exec(spec);
  if (!m)
    throw new Error(`bad listen address "${spec}" (expected HOST:PORT)`);
  const host = (m[1] ?? "").replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = m[2] !== void 0 ? Number(m[2]) : DEFAULT_PORT;
  if (port > 65535)
    throw new Error(`bad port in "${spec}"`);
  return { host, port };
}

// ../../work/main/packages/cli/dist/terminal.js
var RawTerminal = class {
  active = false;
  restoreOnExit = () => this.restore();
  /** Put stdin in raw mode if it is a terminal. */
  enter() {
    const stdin = process.stdin;
    if (!stdin.isTTY || this.active)
      return;
    stdin.setRawMode(true);
    this.active = true;
    process.once("exit", this.restoreOnExit);
  }
  /** Leave raw mode (idempotent). */
  restore() {
    if (!this.active)
      return;
    this.active = false;
    try {
      process.stdin.setRawMode(false);
    } catch {
    }
    process.off("exit", this.restoreOnExit);
  }
};
function terminalSize() {
  const s = process.stdout.isTTY ? process.stdout : void 0;
  return { cols: s?.columns ?? 80, rows: s?.rows ?? 24 };
}

// ../../work/main/packages/cli/dist/run-command.js
var FORWARD = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];
var sigNum = (name) => constants4.signals[name];
var MrcFailure = class extends Error {
};
async function openLink(o, log2) {
  if (o.target === void 0) {
    const token = randomBytes2(32).toString("hex");
    const runner = await TargetRunner.start({ host: "127.0.0.1", port: 0, token, name: "embedded", logger: log2, runAs: userInfo().username, allowRoot: true });
    const link2 = await TargetLink.connect(`ws://127.0.0.1:${runner.port}`, { token });
    return { link: link2, where: "embedded target", release: async () => (link2.close("done"), await runner.close()) };
  }
  if (o.token === void 0)
    throw new MrcFailure("no token: give --token-file FILE or set MRC_TOKEN");
  const url = targetUrl(o.target);
  try {
    const link2 = await TargetLink.connect(url, { token: o.token });
    return { link: link2, where: o.target, release: async () => link2.close("done") };
  } catch (err) {
    const e = err;
    if (e.code === "AUTH_FAILED")
      throw new MrcFailure(`${o.target}: ${e.message}`);
    throw new MrcFailure(e.message);
  }
}
async function runCommand(o) {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const stderr = o.stderr ?? process.stderr;
  const log2 = o.logger ?? silentLogger;
  const mode = o.tty ?? "auto";
  const useTty = mode === "force" || mode === "auto" && stdin.isTTY === true && stdout.isTTY === true;
  const cwd = o.cwd ?? process.cwd();
  const raw = new RawTerminal();
  const handlers = [];
  let job;
  let early;
  let link2;
  if (o.forwardSignals !== false) {
    for (const sig of FORWARD) {
      const h = () => {
        if (job)
          job.signal(sig).catch(() => {
          });
        else
          early ??= sig;
      };
      process.on(sig, h);
      handlers.push([sig, h]);
    }
  }
  let files;
  try {
    link2 = await openLink(o, log2);
    if (early)
      return 128 + (sigNum(early) ?? 0);
    const exports = o.target === void 0 && process.getuid?.() !== 0 ? void 0 : o.exports;
    if (exports && exports.length > 0) {
      files = new FileServer({ exports, logger: log2 });
      await files.ready();
      await link2.link.attach(files);
    }
    const size = terminalSize();
    job = await link2.link.run({
      argv: o.argv,
      env: jobEnvironment(o.env ?? process.env, cwd),
      cwd,
      ...useTty ? { tty: { ...size, term: (o.env ?? process.env).TERM ?? "xterm-256color" } } : {},
      stdin,
      stdout,
      stderr
    });
    if (useTty) {
      raw.enter();
      const onWinch = () => {
        const s = terminalSize();
        job?.resize(s.cols, s.rows).catch(() => {
        });
      };
      process.on("SIGWINCH", onWinch);
      handlers.push(["SIGWINCH", onWinch]);
    }
    if (early)
      await job.signal(early).catch(() => {
      });
    const exit = await job.exit;
    return exitStatus(exit, sigNum);
  } catch (err) {
    raw.restore();
    const e = err;
    const msg = err instanceof MrcFailure ? err.message : e.code === "CONNECTION_CLOSED" && job ? `link to ${link2?.where ?? "target"} lost: ${e.message}` : e.message;
    stderr.write(`mrc: ${msg}
`);
    return 255;
  } finally {
    raw.restore();
    for (const [sig, h] of handlers)
      process.off(sig, h);
    if (stdin === process.stdin)
      process.stdin.pause();
    await link2?.release().catch(() => {
    });
    await files?.close().catch(() => {
    });
  }
}

// ../../work/main/packages/cli/dist/exports.js
import { realpathSync, statSync as statSync4 } from "node:fs";
import { resolve as resolve6, sep as sep2 } from "node:path";
function parseExports(specs, cwd) {
  const out = [];
  for (const spec of specs) {
    const ro = spec.endsWith(":ro");
    const raw = ro ? spec.slice(0, -3) : spec.endsWith(":rw") ? spec.slice(0, -3) : spec;
    let path;
    try {
      path = realpathSync(resolve6(cwd, raw));
    } catch {
      throw new Error(`cannot export ${raw}: no such directory`);
    }
    if (!statSync4(path).isDirectory())
      throw new Error(`cannot export ${raw}: not a directory`);
    if (path === "/")
      throw new Error("refusing to export / (the guest keeps the target's own system); export the directories it needs");
    if (out.some((e) => e.path === path))
      throw new Error(`${path} is exported twice`);
    out.push({ path, readOnly: ro });
  }
  return out;
}
function insideExports(path, exports) {
  return exports.some((e) => path === e.path || path.startsWith(e.path.endsWith(sep2) ? e.path : e.path + sep2));
}

// ../../work/main/packages/cli/dist/commands/run.js
import { realpathSync as realpathSync2 } from "node:fs";
var runCli = {
  describe: "run a command on a target with this terminal's stdio, signals and exit status",
  async main(argv) {
    const a = await yargs_default(argv).scriptName("mrc run").usage("$0 [-r HOST:PORT] [--token-file FILE] [-d DIR[:ro]]... [-t|-T] [-C DIR] [--] CMD [ARGS...]").parserConfiguration({ "halt-at-non-option": true, "populate--": true }).option("r", { alias: "remote", type: "string", describe: "target HOST:PORT (default: an embedded target in this process)" }).option("token-file", { type: "string", describe: "file holding the shared token (else $MRC_TOKEN)" }).option("t", { type: "boolean", describe: "force a pseudo-terminal" }).option("T", { type: "boolean", describe: "never use a pseudo-terminal" }).option("C", { alias: "cwd", type: "string", describe: "working directory of the guest (default: this one, which must lie in an export)" }).option("d", { alias: "export", type: "string", array: true, describe: "export DIR to the guest at the same path (repeatable; DIR:ro read-only; default: the cwd)" }).strict().help().fail((msg, err) => fail(msg ?? err?.message ?? "bad usage")).parseAsync();
    const cmd = [...a._, ...a["--"] ?? []].map(String);
    if (cmd.length === 0)
      fail("no command given (usage: mrc run [-r HOST:PORT] [--] CMD [ARGS...])");
    if (a.t && a.T)
      fail("-t and -T exclude each other");
    let token;
    if (a.r !== void 0) {
      try {
        token = loadToken(a["token-file"]);
      } catch (err) {
        fail(err.message);
      }
    }
    const here = process.cwd();
    let exports;
    try {
      const given = a.d ?? [];
      exports = parseExports(given.length > 0 ? given : here === "/" ? [] : [here], here);
    } catch (err) {
      fail(err.message);
    }
    if (a.C === void 0 && exports.length > 0 && !insideExports(realpathSync2(here), exports)) {
      fail(`the current directory ${here} is in no export; export it with -d or give --cwd`);
    }
    return runCommand({
      exports,
      ...a.r !== void 0 ? { target: a.r } : {},
      ...token !== void 0 ? { token } : {},
      ...a.C !== void 0 ? { cwd: a.C } : exports.length > 0 ? { cwd: realpathSync2(here) } : {},
      argv: cmd,
      tty: a.t ? "force" : a.T ? "never" : "auto"
    });
  }
};

// ../../work/main/packages/cli/dist/target-command.js
async function serveTarget(o) {
  const runner = await TargetRunner.start(o);
  await new Promise((resolve7) => {
    const stop = (sig) => {
      o.logger.info("shutting down", { signal: sig });
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      runner.close().then(resolve7, resolve7);
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
  });
}

// ../../work/main/packages/cli/dist/commands/target.js
var targetCli = {
  describe: "run the target daemon: accept head links and run their jobs",
  async main(argv) {
    const a = await yargs_default(argv).scriptName("mrc target").option("listen", { type: "string", default: "127.0.0.1:7650", describe: "HOST:PORT to listen on" }).option("token-file", { type: "string", describe: "file holding the shared token (else $MRC_TOKEN)" }).option("run-as", { type: "string", describe: "user guests run as (default: this user; nobody when run as root)" }).option("allow-root", { type: "boolean", default: false, describe: "allow --run-as root" }).option("name", { type: "string", describe: "name of this target (default: hostname)" }).option("log-level", { choices: LOG_LEVELS, default: "info", describe: "least severe level logged (JSON lines on stderr)" }).strict().help().fail((msg, err) => fail(msg ?? err?.message ?? "bad usage")).parseAsync();
    let token;
    let addr;
    try {
      token = loadToken(a["token-file"]);
      addr = listenAddress(a.listen);
    } catch (err) {
      fail(err.message);
    }
    const logger = jsonLogger(a["log-level"]);
    try {
      await serveTarget({ ...addr, token, logger, ...a.name ? { name: a.name } : {}, ...a["run-as"] ? { runAs: a["run-as"] } : {}, allowRoot: a["allow-root"] });
    } catch (err) {
      fail(`target: ${err.message}`);
    }
    return 0;
  }
};

// ../../work/main/packages/cli/dist/main.js
var COMMANDS = {
  run: runCli,
  target: targetCli
};
function usage2() {
  const lines = Object.entries(COMMANDS).map(([n, c2]) => `  mrc ${n.padEnd(8)} ${c2.describe}`);
  return `usage: mrc <command> [options]

commands:
${lines.join("\n")}

Run "mrc <command> --help" for a command's options.
`;
}
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage2());
    process.exit(name === void 0 ? 255 : 0);
  }
  if (name === "--version") {
    process.stdout.write("0.1.0\n");
    process.exit(0);
  }
  const cmd = COMMANDS[name];
  if (!cmd)
    fail(`unknown command "${name}"
${usage2()}`);
  const status = await cmd.main(rest);
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(status);
}
function drained(s) {
  if (s.writableLength === 0 || s.destroyed)
    return Promise.resolve();
  return new Promise((r) => {
    s.once("drain", r);
    s.once("close", r);
    s.once("error", () => r());
  });
}
export {
  COMMANDS,
  main
};
/*! Bundled license information:

yargs-parser/build/lib/string-utils.js:
  (**
   * @license
   * Copyright (c) 2016, Contributors
   * SPDX-License-Identifier: ISC
   *)

yargs-parser/build/lib/tokenize-arg-string.js:
  (**
   * @license
   * Copyright (c) 2016, Contributors
   * SPDX-License-Identifier: ISC
   *)

yargs-parser/build/lib/yargs-parser-types.js:
  (**
   * @license
   * Copyright (c) 2016, Contributors
   * SPDX-License-Identifier: ISC
   *)

yargs-parser/build/lib/yargs-parser.js:
  (**
   * @license
   * Copyright (c) 2016, Contributors
   * SPDX-License-Identifier: ISC
   *)

yargs-parser/build/lib/index.js:
  (**
   * @fileoverview Main entrypoint for libraries using yargs-parser in Node.js
   * CJS and ESM environments.
   *
   * @license
   * Copyright (c) 2016, Contributors
   * SPDX-License-Identifier: ISC
   *)
*/
