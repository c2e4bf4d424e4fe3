# shellcheck shell=bash
# An S3-compatible server for the S3 blob-store tests: moto's server mode,
# installed from PyPI into the project's venv (~/.cache/chat-venv, shared
# with Schemathesis). Why moto and not SeaweedFS: see docs/decisions.md
# ("Attachments").
#
#   ensure_moto   install moto[server] $MOTO_VERSION into the venv
#   start_s3      start it on a free port of 127.0.0.1, create the bucket
#                 `chat-test`, and export
#                   CHAT_TEST_S3_URL=s3://chat-test?endpoint=http://127.0.0.1:<port>&region=us-east-1
#                   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (moto takes any)
#   stop_s3       kill it

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
CHAT_VENV="${CHAT_VENV:-$HOME/.cache/chat-venv}"
_S3_PID=""
_S3_LOG=""

ensure_moto() {
    local have=""
    if [[ -x "$CHAT_VENV/bin/python" ]]; then
        have="$("$CHAT_VENV/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
    fi
    [[ "$have" == "$MOTO_VERSION" ]] && return 0
    if [[ ! -x "$CHAT_VENV/bin/python" ]]; then
        if ! python3 -m venv --help >/dev/null 2>&1; then
            need_apt python3-venv || return 1
        fi
        python3 -m venv "$CHAT_VENV" || return 1
    fi
    log "s3: installing moto[server] $MOTO_VERSION into $CHAT_VENV"
    _quiet "$CHAT_VENV/bin/pip" install "moto[server]==$MOTO_VERSION"
}

start_s3() {
    if [[ -n "$_S3_PID" ]]; then
        log "s3: already started (pid $_S3_PID)"
        return 0
    fi
    ensure_moto || return 1
    _S3_LOG="$(mktemp "${TMPDIR:-/tmp}/chat-moto.XXXXXX")"
    local attempt port
    for attempt in 1 2 3; do
        port="$(free_port)"
        "$CHAT_VENV/bin/moto_server" -H 127.0.0.1 -p "$port" </dev/null >>"$_S3_LOG" 2>&1 &
        _S3_PID=$!
        if wait_for_tcp 127.0.0.1 "$port" 30 && kill -0 "$_S3_PID" 2>/dev/null; then
            if curl -fsS -X PUT "http://127.0.0.1:$port/chat-test" >/dev/null 2>>"$_S3_LOG"; then
                export AWS_ACCESS_KEY_ID=chat-test AWS_SECRET_ACCESS_KEY=chat-test
                export CHAT_TEST_S3_URL="s3://chat-test?endpoint=http://127.0.0.1:$port&region=us-east-1"
                log "s3: moto on 127.0.0.1:$port (pid $_S3_PID), bucket chat-test"
                return 0
            fi
        fi
        kill "$_S3_PID" 2>/dev/null || true
        wait "$_S3_PID" 2>/dev/null || true
        _S3_PID=""
        log "s3: attempt $attempt failed; retrying"
    done
    log "s3: could not start moto; its log:"
    cat "$_S3_LOG" >&2
    return 1
}

stop_s3() {
    if [[ -n "$_S3_PID" ]]; then
        kill "$_S3_PID" 2>/dev/null || true
        wait "$_S3_PID" 2>/dev/null || true
        log "s3: stopped (pid $_S3_PID)"
        _S3_PID=""
    fi
    [[ -n "$_S3_LOG" ]] && rm -f "$_S3_LOG"
    _S3_LOG=""
    return 0
}
