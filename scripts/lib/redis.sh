# shellcheck shell=bash
# Redis 7 (Debian's redis-server), for the cluster tests and benchmark.
#
#   ensure_redis   install redis-server from Debian's packages if missing
#                  (the cluster tests start their own private redis-server
#                  processes from it; $REDIS_SERVER_BIN is exported)
#   start_redis    start one on a free port of 127.0.0.1, no persistence,
#                  data in a fresh temporary directory, and export
#                    CHAT_TEST_REDIS_URL=redis://127.0.0.1:<port>
#                  ($_REDIS_PORT holds the port)
#   stop_redis     stop it and remove that directory
# The system's own redis service (if the package started one on 6379) is
# never used: tests and benchmarks run side by side with other users.

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

_REDIS_PID=""
_REDIS_DIR=""
_REDIS_PORT=""

ensure_redis() {
    if ! command -v redis-server >/dev/null 2>&1; then
        log "redis: installing redis-server (Debian package)"
        _quiet apt-get update || true
        DEBIAN_FRONTEND=noninteractive _quiet apt-get install -y --no-install-recommends redis-server || {
            log "redis: apt-get install redis-server failed"
            return 1
        }
    fi
    REDIS_SERVER_BIN="$(command -v redis-server)"
    export REDIS_SERVER_BIN
}

start_redis() {
    if [[ -n "$_REDIS_PID" ]]; then
        log "redis: already started (pid $_REDIS_PID)"
        return 0
    fi
    ensure_redis || return 1
    _REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/chat-redis.XXXXXX")"
    local attempt port
    for attempt in 1 2 3; do
        port="$(free_port)"
        "$REDIS_SERVER_BIN" --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
            --dir "$_REDIS_DIR" --logfile "$_REDIS_DIR/redis.log" </dev/null >/dev/null 2>&1 &
        _REDIS_PID=$!
        if wait_for_tcp 127.0.0.1 "$port" 10 && kill -0 "$_REDIS_PID" 2>/dev/null; then
            _REDIS_PORT="$port"
            export CHAT_TEST_REDIS_URL="redis://127.0.0.1:$port"
            log "redis: ready on 127.0.0.1:$port"
            return 0
        fi
        log "redis: attempt $attempt on port $port failed"
        kill "$_REDIS_PID" 2>/dev/null || true
        wait "$_REDIS_PID" 2>/dev/null || true
        _REDIS_PID=""
    done
    tail -n 20 "$_REDIS_DIR/redis.log" >&2 || true
    rm -rf "$_REDIS_DIR"
    _REDIS_DIR=""
    return 1
}

stop_redis() {
    if [[ -n "$_REDIS_PID" ]]; then
        kill "$_REDIS_PID" 2>/dev/null || true
        wait "$_REDIS_PID" 2>/dev/null || true
        log "redis: stopped (pid $_REDIS_PID)"
        _REDIS_PID=""
        _REDIS_PORT=""
        unset CHAT_TEST_REDIS_URL
    fi
    if [[ -n "$_REDIS_DIR" ]]; then
        rm -rf "$_REDIS_DIR"
        _REDIS_DIR=""
    fi
    return 0
}
