process.env.UV_THREADPOOL_SIZE ||= "16";
import("./mrc-bundle.mjs").then((m) => m.main(process.argv.slice(2)));
