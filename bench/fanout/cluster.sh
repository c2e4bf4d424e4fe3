#!/usr/bin/env bash
# The cluster comparison: the same fan-out load (default 1,000 sockets in 10
# servers, 250 msg/s for 10 s) on ONE instance, then on TWO instances
# joined through Redis (sockets and senders spread over both), both on one
# fresh PostgreSQL database. Prints both reports, with each instance's and
# Redis's CPU per delivered event.
#
#   bench/fanout/cluster.sh                 # needs PostgreSQL (scripts/lib/postgres.sh)
#   bench/fanout/cluster.sh --seconds 20    # extra arguments go to both runs
#   PROFILE=debug bench/fanout/cluster.sh   # use the debug builds (no release build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
source "$root/scripts/lib/postgres.sh"
source "$root/scripts/lib/redis.sh"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

profile="${PROFILE:-release}"
if [[ "$profile" == release ]]; then
  cargo build --release --manifest-path "$root/Cargo.toml" -p chat-server -p chat-bench-fanout
else
  cargo build --manifest-path "$root/Cargo.toml" -p chat-server -p chat-bench-fanout
fi
start_postgres
start_redis
data="$(mktemp -d "${TMPDIR:-/tmp}/chat-bench-cluster.XXXXXX")"
trap 'stop_redis; stop_postgres; rm -rf "$data"' EXIT

common=(--server-bin "$target/$profile/chat-server" --storage postgres
  --server-arg --database-url --server-arg "$CHAT_TEST_POSTGRES_URL"
  --server-arg --data-dir --server-arg "$data")

echo "=== one instance ==="
"$target/$profile/chat-bench-fanout" "${common[@]}" --instances 1 "$@" || true
echo
echo "=== two instances, events through Redis ==="
"$target/$profile/chat-bench-fanout" "${common[@]}" --instances 2 \
  --server-arg --cluster --server-arg "$CHAT_TEST_REDIS_URL" --redis-pid "$_REDIS_PID" "$@"
