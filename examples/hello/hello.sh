#!/bin/sh
# hello.sh: show where and how a job runs. Try it locally, then through mrc:
#   ./examples/hello/hello.sh a b
#   npx mrc run -- ./examples/hello/hello.sh a b
#   echo some input | npx mrc run -- ./examples/hello/hello.sh
#   HELLO_EXIT=3 npx mrc run -- ./examples/hello/hello.sh; echo "status $?"
# Prints the host, cwd, user, arguments and whether it has a terminal; reads stdin when stdin is
# not a terminal; exits with $HELLO_EXIT (default 0).

echo "hello from $(uname -n)"
echo "cwd:  $(pwd)"
echo "user: $(id -un) (uid $(id -u))"
echo "argv: $0${1+ $*} ($# argument(s))"
n=0
for a in "$@"; do
  n=$((n + 1))
  echo "  \$$n = '$a'"
done

if [ -t 0 ]; then
  echo "tty:  yes (stdin is a terminal, not read)"
else
  echo "tty:  no"
  # stdin is a pipe or file: read all of it (give </dev/null to skip).
  lines=0
  bytes=0
  first=""
  while IFS= read -r line || [ -n "$line" ]; do
    [ "$lines" -eq 0 ] && first=$line
    lines=$((lines + 1))
    bytes=$((bytes + ${#line} + 1))
  done
  if [ "$lines" -eq 0 ]; then
    echo "stdin: empty"
  else
    echo "stdin: $lines line(s), about $bytes byte(s); first line: '$first'"
  fi
fi

status=${HELLO_EXIT:-0}
echo "exiting with status $status" >&2
exit "$status"
