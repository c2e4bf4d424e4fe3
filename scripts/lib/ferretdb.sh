# shellcheck shell=bash
# FerretDB (MongoDB wire protocol) with its SQLite backend, for tests.
#
#   ensure_ferretdb   make sure a working ferretdb v1.24.2 binary exists at
#                     $FERRETDB_BIN (default: $(go env GOPATH)/bin/ferretdb),
#                     building it from the Go module proxy if not (about 2 min)
#   start_ferretdb    start it on a free port of 127.0.0.1, data in a fresh
#                     temporary directory, and export
#                       CHAT_TEST_MONGO_URL=mongodb://127.0.0.1:<port>/
#                     ($_FERRETDB_PORT holds the port)
#   stop_ferretdb     kill it and remove that directory
#   mongo_command HOST PORT DB JSON
#                     send one command over OP_MSG (no driver needed), print
#                     the reply as JSON; fails unless the reply has ok: 1
#
# Why not a plain `go install .../cmd/ferretdb@v1.24.2`: the module zip lacks
# the generated build/version/version.txt, so that binary panics at start
# ("Invalid build/version/version.txt file content"). ensure_ferretdb copies
# the module source, writes version.txt and builds it there instead.

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
_FERRETDB_PID=""
_FERRETDB_DIR=""
_FERRETDB_PORT=""

_ferretdb_works() {
    # Capture first: `--version | grep -q` can SIGPIPE ferretdb and fail under pipefail.
    local out
    [[ -x "$1" ]] || return 1
    out="$("$1" --version 2>/dev/null)" || return 1
    [[ $'\n'"$out"$'\n' == *$'\n'"version: $FERRETDB_VERSION"$'\n'* ]]
}

ensure_ferretdb() {
    if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
        PATH="$PATH:/usr/local/go/bin"
    fi
    if [[ -z "${FERRETDB_BIN:-}" ]]; then
        command -v go >/dev/null 2>&1 || { log "ferretdb: go is not installed"; return 1; }
        FERRETDB_BIN="$(go env GOPATH)/bin/ferretdb"
    fi
    export FERRETDB_BIN
    if _ferretdb_works "$FERRETDB_BIN"; then
        return 0
    fi
    command -v go >/dev/null 2>&1 || { log "ferretdb: go is not installed"; return 1; }

    local t0=$SECONDS work mod_dir
    log "ferretdb: building $FERRETDB_VERSION into $FERRETDB_BIN (takes ~2 min)"
    work="$(mktemp -d "${TMPDIR:-/tmp}/chat-ferretdb-build.XXXXXX")"
    mod_dir="$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("Dir", "")); sys.exit(1 if d.get("Error") else 0)')" || {
        log "ferretdb: go mod download failed"
        rm -rf "$work"
        return 1
    }
    cp -r "$mod_dir/." "$work/src"
    chmod -R u+w "$work/src"
    echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
    mkdir -p "$(dirname "$FERRETDB_BIN")"
    # modernc.org/sqlite is pure Go: no C compiler needed.
    if ! (cd "$work/src" && _quiet env CGO_ENABLED=0 \
        go build -buildvcs=false -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb); then
        rm -rf "$work" "$FERRETDB_BIN.tmp"
        return 1
    fi
    mv -f "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
    rm -rf "$work"
    _ferretdb_works "$FERRETDB_BIN" || { log "ferretdb: built binary does not report $FERRETDB_VERSION"; return 1; }
    log "ferretdb: built in $((SECONDS - t0))s"
}

mongo_command() {
    python3 - "$@" <<'PY'
import json, socket, struct, sys

host, port, db, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])

def enc_elem(k, v):
    n = k.encode() + b"\0"
    if isinstance(v, bool):
        return b"\x08" + n + (b"\x01" if v else b"\x00")
    if isinstance(v, int):
        if -2**31 <= v < 2**31:
            return b"\x10" + n + struct.pack("<i", v)
        return b"\x12" + n + struct.pack("<q", v)
    if isinstance(v, float):
        return b"\x01" + n + struct.pack("<d", v)
    if isinstance(v, str):
        s = v.encode() + b"\0"
        return b"\x02" + n + struct.pack("<i", len(s)) + s
    if v is None:
        return b"\x0a" + n
    if isinstance(v, dict):
        return b"\x03" + n + enc_doc(v)
    if isinstance(v, list):
        return b"\x04" + n + enc_doc({str(i): x for i, x in enumerate(v)})
    raise TypeError(type(v))

def enc_doc(d):
    body = b"".join(enc_elem(k, v) for k, v in d.items()) + b"\0"
    return struct.pack("<i", len(body) + 4) + body

def dec_doc(b, i, arr=False):
    end = i + struct.unpack_from("<i", b, i)[0]
    i += 4
    out = {}
    while b[i] != 0:
        t = b[i]
        j = b.index(b"\0", i + 1)
        k = b[i + 1:j].decode()
        i = j + 1
        if t == 0x01:
            v = struct.unpack_from("<d", b, i)[0]; i += 8
        elif t in (0x02, 0x0d, 0x0e):
            n = struct.unpack_from("<i", b, i)[0]; v = b[i + 4:i + 3 + n].decode(); i += 4 + n
        elif t in (0x03, 0x04):
            v, i = dec_doc(b, i, t == 0x04)
        elif t == 0x05:
            n = struct.unpack_from("<i", b, i)[0]; v = b[i + 5:i + 5 + n].hex(); i += 5 + n
        elif t == 0x07:
            v = b[i:i + 12].hex(); i += 12
        elif t == 0x08:
            v = b[i] == 1; i += 1
        elif t == 0x09:
            v = struct.unpack_from("<q", b, i)[0]; i += 8
        elif t in (0x06, 0x0a, 0x7f, 0xff):
            v = None
        elif t == 0x0b:
            j = b.index(b"\0", i); j2 = b.index(b"\0", j + 1); v = b[i:j].decode(); i = j2 + 1
        elif t == 0x10:
            v = struct.unpack_from("<i", b, i)[0]; i += 4
        elif t in (0x11, 0x12):
            v = struct.unpack_from("<q", b, i)[0]; i += 8
        elif t == 0x13:
            v = b[i:i + 16].hex(); i += 16
        else:
            raise ValueError("unsupported BSON type %#x" % t)
        out[k] = v
    return (list(out.values()) if arr else out), end

cmd["$db"] = db
payload = struct.pack("<I", 0) + b"\0" + enc_doc(cmd)
msg = struct.pack("<iiii", 16 + len(payload), 1, 0, 2013) + payload
with socket.create_connection((host, port), timeout=5) as s:
    s.sendall(msg)
    def recv(n):
        buf = b""
        while len(buf) < n:
            c = s.recv(n - len(buf))
            if not c:
                raise EOFError("connection closed")
            buf += c
        return buf
    length, _, _, op = struct.unpack("<iiii", recv(16))
    body = recv(length - 16)
if op != 2013 or body[4] != 0:
    sys.exit("unexpected reply opcode %d" % op)
reply, _ = dec_doc(body, 5)
print(json.dumps(reply))
sys.exit(0 if reply.get("ok") == 1 else 1)
PY
}

start_ferretdb() {
    if [[ -n "$_FERRETDB_PID" ]]; then
        log "ferretdb: already started (pid $_FERRETDB_PID)"
        return 0
    fi
    local t0=$SECONDS
    ensure_ferretdb || return 1

    _FERRETDB_DIR="$(mktemp -d "${TMPDIR:-/tmp}/chat-ferretdb.XXXXXX")"
    mkdir -p "$_FERRETDB_DIR/data"
    local logf="$_FERRETDB_DIR/ferretdb.log" attempt port deadline
    for attempt in 1 2 3; do
        port="$(free_port)"
        # --debug-addr=- : no metrics HTTP listener (default 127.0.0.1:8088 would clash)
        # --state-dir    : state.json goes in our dir, not the working directory
        # --telemetry=disable and DO_NOT_TRACK=1: no beacon calls on a closed network
        DO_NOT_TRACK=1 "$FERRETDB_BIN" \
            --handler=sqlite \
            --sqlite-url="file:$_FERRETDB_DIR/data/" \
            --listen-addr="127.0.0.1:$port" \
            --debug-addr=- \
            --state-dir="$_FERRETDB_DIR" \
            --telemetry=disable \
            --log-level=info \
            </dev/null >>"$logf" 2>&1 &
        _FERRETDB_PID=$!
        deadline=$((SECONDS + 30))
        while ((SECONDS < deadline)); do
            kill -0 "$_FERRETDB_PID" 2>/dev/null || break
            if mongo_command 127.0.0.1 "$port" admin '{"ping": 1}' >/dev/null 2>&1; then
                _FERRETDB_PORT="$port"
                export CHAT_TEST_MONGO_URL="mongodb://127.0.0.1:$port/"
                log "ferretdb: ready on 127.0.0.1:$port, data in $_FERRETDB_DIR ($((SECONDS - t0))s)"
                return 0
            fi
            sleep 0.2
        done
        log "ferretdb: attempt $attempt on port $port failed"
        kill "$_FERRETDB_PID" 2>/dev/null || true
        wait "$_FERRETDB_PID" 2>/dev/null || true
        _FERRETDB_PID=""
    done
    log "ferretdb: did not start; last lines of $logf:"
    tail -n 30 "$logf" >&2 || true
    rm -rf "$_FERRETDB_DIR"
    _FERRETDB_DIR=""
    return 1
}

stop_ferretdb() {
    if [[ -n "$_FERRETDB_PID" ]]; then
        kill "$_FERRETDB_PID" 2>/dev/null || true
        local _
        for _ in $(seq 50); do
            kill -0 "$_FERRETDB_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$_FERRETDB_PID" 2>/dev/null || true
        wait "$_FERRETDB_PID" 2>/dev/null || true
        log "ferretdb: stopped (pid $_FERRETDB_PID)"
        _FERRETDB_PID=""
        _FERRETDB_PORT=""
        unset CHAT_TEST_MONGO_URL
    fi
    if [[ -n "$_FERRETDB_DIR" ]]; then
        rm -rf "$_FERRETDB_DIR"
        _FERRETDB_DIR=""
    fi
    return 0
}
