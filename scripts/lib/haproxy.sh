# shellcheck shell=bash
# HAProxy (Debian's haproxy), the load balancer of the cluster tests.
#
#   ensure_haproxy   install haproxy from Debian's packages if missing and
#                    export $HAPROXY_BIN. The tests write their own config
#                    (the shape of deploy/haproxy.cfg) with free loopback
#                    ports and run their own haproxy processes; the
#                    system's haproxy service is never used.

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

ensure_haproxy() {
    if ! command -v haproxy >/dev/null 2>&1; then
        log "haproxy: installing haproxy (Debian package)"
        _quiet apt-get update || true
        DEBIAN_FRONTEND=noninteractive _quiet apt-get install -y --no-install-recommends haproxy || {
            log "haproxy: apt-get install haproxy failed"
            return 1
        }
    fi
    HAPROXY_BIN="$(command -v haproxy)"
    export HAPROXY_BIN
    # Check deploy/haproxy.cfg parses with this version.
    local root
    root="$(cd "$_CHAT_LIB_DIR/../.." && pwd)"
    if [[ -f "$root/deploy/haproxy.cfg" ]]; then
        "$HAPROXY_BIN" -c -q -f "$root/deploy/haproxy.cfg" || {
            log "haproxy: deploy/haproxy.cfg does not parse"
            return 1
        }
    fi
}
