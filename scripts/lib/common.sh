# shellcheck shell=bash
# Helpers shared by scripts/test, .ci/run and scripts/lib/*.sh.
# Source it; it does not change shell options of the caller.
#
#   log MSG...                     one status line on stderr, prefixed with the script name
#   die MSG...                     log and exit 1
#   need_apt PKG...                apt-get install the missing ones (apt-get update at most once per run)
#   apt_available PKG              true if apt knows PKG (runs apt-get update once if needed)
#   free_port                      print a free TCP port on 127.0.0.1
#   wait_for_tcp HOST PORT SECS    wait until HOST:PORT accepts connections (returns 1 on timeout)
#   as_postgres CMD...             run CMD as the postgres OS user

[[ -n "${_CHAT_COMMON_SH:-}" ]] && return 0
_CHAT_COMMON_SH=1

CHAT_LOG_NAME="${CHAT_LOG_NAME:-$(basename -- "${0:-sh}")}"

log() {
    printf '[%s] %s\n' "$CHAT_LOG_NAME" "$*" >&2
}

die() {
    log "ERROR: $*"
    exit 1
}

# Runs a command with its output sent to a log file; on failure prints the
# tail of that log and returns the command's status.
_quiet() {
    local out rc=0
    out="$(mktemp "${TMPDIR:-/tmp}/chat-cmd.XXXXXX")"
    "$@" >"$out" 2>&1 || rc=$?
    if ((rc != 0)); then
        log "command failed (exit $rc): $*"
        tail -n 40 "$out" >&2
    fi
    rm -f "$out"
    return "$rc"
}

_sudo() {
    if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}

# Exported so that child scripts of the same run do not update again.
_apt_update_once() {
    [[ "${_CHAT_APT_UPDATED:-}" == 1 ]] && return 0
    log "apt-get update"
    _quiet _sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 update -q || return 1
    export _CHAT_APT_UPDATED=1
}

# True if every named package is installed.
_apt_installed() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
        [[ "$status" == installed ]] || return 1
    done
}

apt_available() {
    local cand
    cand="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [[ -z "$cand" || "$cand" == "(none)" ]]; then
        _apt_update_once || return 1
        cand="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    fi
    [[ -n "$cand" && "$cand" != "(none)" ]]
}

need_apt() {
    local pkg missing=()
    for pkg in "$@"; do
        _apt_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    _apt_update_once || return 1
    log "apt-get install ${missing[*]}"
    local t0=$SECONDS
    _quiet _sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" || return 1
    log "installed ${missing[*]} in $((SECONDS - t0))s"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_tcp() {
    local host="$1" port="$2" timeout_s="${3:-30}"
    local deadline=$((SECONDS + timeout_s))
    while ((SECONDS < deadline)); do
        # shellcheck disable=SC2016  # $0/$1 expand in the child bash
        if timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

as_postgres() {
    # cd / so psql does not warn about an unreadable working directory.
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -u postgres -- "$@")
    fi
}
