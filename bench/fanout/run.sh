#!/usr/bin/env bash
# Builds and runs the fan-out benchmark against a release chat-server.
#
#   bench/fanout/run.sh                      # 1,000 sockets in 10 servers, 250 msg/s for 10 s
#   bench/fanout/run.sh --idle 10000         # memory per idle identified socket
#   bench/fanout/run.sh --url http://127.0.0.1:8080 --users 200
#
# Extra arguments go to the benchmark (see `--help`). Set SERVER_BIN to
# use another server binary. 10,000 sockets need 10,000+ file descriptors
# in both processes: the limit is raised here (the server inherits it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cargo build --release --manifest-path "$here/Cargo.toml"
args=("$@")
if [[ " $* " != *" --url "* ]]; then
  if [[ -z "${SERVER_BIN:-}" ]]; then
    cargo build --release --manifest-path "$root/Cargo.toml" -p chat-server
    SERVER_BIN="$target/release/chat-server"
  fi
  args=(--server-bin "$SERVER_BIN" "${args[@]}")
fi
exec "$target/release/chat-bench-fanout" "${args[@]}"
