#!/usr/bin/env bash
# Self-check of the test infrastructure: installs and starts PostgreSQL and
# FerretDB, installs Chromium, checks each answers, stops everything.
#   bash scripts/lib/selftest-infra.sh
set -euo pipefail

LIB="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$LIB/common.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$LIB/postgres.sh"
# shellcheck source=scripts/lib/ferretdb.sh
source "$LIB/ferretdb.sh"
# shellcheck source=scripts/lib/chromium.sh
source "$LIB/chromium.sh"

T0=$SECONDS
cleanup() {
    local rc=$?
    stop_ferretdb
    stop_postgres
    if ((rc == 0)); then log "OK ($((SECONDS - T0))s)"; else log "FAILED (exit $rc)"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres
start_ferretdb
ensure_chromium

# PostgreSQL: the test database and the admin URL, both over TCP with a password.
out="$(psql -X -qAt "$CHAT_TEST_POSTGRES_URL" -c 'select 1')"
[[ "$out" == 1 ]] || die "postgres: select 1 gave '$out'"
out="$(psql -X -qAt "$CHAT_TEST_POSTGRES_ADMIN_URL" -c 'select current_database()')"
[[ "$out" == postgres ]] || die "postgres: admin URL gave database '$out'"
log "postgres: select 1 ok via $CHAT_TEST_POSTGRES_URL"

# FerretDB: ping, then a write and a read back.
port="$_FERRETDB_PORT"
mongo_command 127.0.0.1 "$port" admin '{"ping": 1}' >/dev/null || die "ferretdb: ping failed"
mongo_command 127.0.0.1 "$port" selftest '{"insert": "t", "documents": [{"_id": "a", "n": 1}]}' >/dev/null ||
    die "ferretdb: insert failed"
reply="$(mongo_command 127.0.0.1 "$port" selftest '{"find": "t", "filter": {"_id": "a"}}')" ||
    die "ferretdb: find failed: $reply"
python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert d["cursor"]["firstBatch"] == [{"_id": "a", "n": 1}], d' "$reply" ||
    die "ferretdb: find returned $reply"
log "ferretdb: ping, insert and find ok via $CHAT_TEST_MONGO_URL"

# Chromium: version, then a headless render of a data: URL.
ver="$("$CHROMIUM_PATH" --version 2>/dev/null)" || die "chromium: --version failed"
udd="$(mktemp -d "${TMPDIR:-/tmp}/chat-chromium.XXXXXX")"
dom="$(timeout 60 "$CHROMIUM_PATH" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$udd" --dump-dom 'data:text/html,<p id=x>chat-selftest</p>' 2>/dev/null)" || true
rm -rf "$udd"
[[ "$dom" == *chat-selftest* ]] || die "chromium: headless --dump-dom did not render"
log "chromium: $ver, headless render ok"
