# shellcheck shell=bash
# PostgreSQL for tests, from Debian's packages.
#
#   start_postgres   install `postgresql` if missing, start the local cluster
#                    (creating one if none exists), ensure role chat/chat
#                    (SUPERUSER, password auth over TCP 127.0.0.1), create a
#                    fresh database chat_test_<random> and export
#                      CHAT_TEST_POSTGRES_URL        postgres://chat:chat@127.0.0.1:<port>/chat_test_<random>
#                      CHAT_TEST_POSTGRES_ADMIN_URL  postgres://chat:chat@127.0.0.1:<port>/postgres
#   stop_postgres    drop that database; stop the cluster only if start_postgres started it.

_CHAT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$_CHAT_LIB_DIR/common.sh"

CHAT_PG_USER="${CHAT_PG_USER:-chat}"
CHAT_PG_PASSWORD="${CHAT_PG_PASSWORD:-chat}"

_PG_VERSION=""
_PG_CLUSTER=""
_PG_PORT=""
_PG_STARTED_BY_US=0
_PG_TEST_DB=""

# Prints "version name port status" of the cluster to use ("main" preferred).
_pg_cluster_line() {
    pg_lsclusters -h 2>/dev/null | awk '
        $2 == "main" && !m { m = $1 " " $2 " " $3 " " $4 }
        !f { f = $1 " " $2 " " $3 " " $4 }
        END { if (m) print m; else if (f) print f }'
}

start_postgres() {
    if [[ -n "$_PG_TEST_DB" ]]; then
        log "postgres: already started (database $_PG_TEST_DB)"
        return 0
    fi
    local t0=$SECONDS

    local was_installed=1
    if ! _apt_installed postgresql || ! command -v pg_lsclusters >/dev/null 2>&1; then
        was_installed=0
        need_apt postgresql || return 1
    fi

    local line
    line="$(_pg_cluster_line)"
    if [[ -z "$line" ]]; then
        local ver
        ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
        [[ -n "$ver" ]] || { log "postgres: no server version under /usr/lib/postgresql"; return 1; }
        log "postgres: creating cluster $ver/main"
        _quiet _sudo pg_createcluster "$ver" main || return 1
        line="$(_pg_cluster_line)"
    fi
    local status
    read -r _PG_VERSION _PG_CLUSTER _PG_PORT status <<<"$line"
    if [[ "$status" == online* ]]; then
        # Installing the package may have auto-started it: then it is ours.
        ((was_installed)) || _PG_STARTED_BY_US=1
    else
        log "postgres: starting cluster $_PG_VERSION/$_PG_CLUSTER on port $_PG_PORT"
        if ! _quiet _sudo pg_ctlcluster "$_PG_VERSION" "$_PG_CLUSTER" start; then
            tail -n 20 "/var/log/postgresql/postgresql-$_PG_VERSION-$_PG_CLUSTER.log" >&2 2>/dev/null || true
            return 1
        fi
        _PG_STARTED_BY_US=1
    fi

    local deadline=$((SECONDS + 60))
    until pg_isready -q -h 127.0.0.1 -p "$_PG_PORT"; do
        if ((SECONDS >= deadline)); then
            log "postgres: not ready on 127.0.0.1:$_PG_PORT after 60s"
            tail -n 20 "/var/log/postgresql/postgresql-$_PG_VERSION-$_PG_CLUSTER.log" >&2 2>/dev/null || true
            return 1
        fi
        sleep 0.2
    done

    # Role usable over TCP with password auth (Debian's pg_hba.conf has
    # scram-sha-256 for 127.0.0.1). SUPERUSER so tests can create databases
    # and extensions.
    _quiet as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$_PG_PORT" -d postgres -c "
        DO \$\$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CHAT_PG_USER') THEN
            CREATE ROLE \"$CHAT_PG_USER\" LOGIN SUPERUSER PASSWORD '$CHAT_PG_PASSWORD';
          ELSE
            ALTER ROLE \"$CHAT_PG_USER\" LOGIN SUPERUSER PASSWORD '$CHAT_PG_PASSWORD';
          END IF;
        END \$\$;" || return 1

    local base="postgres://$CHAT_PG_USER:$CHAT_PG_PASSWORD@127.0.0.1:$_PG_PORT"
    local db
    db="chat_test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    _quiet psql -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE \"$db\"" || return 1
    _PG_TEST_DB="$db"

    export CHAT_TEST_POSTGRES_ADMIN_URL="$base/postgres"
    export CHAT_TEST_POSTGRES_URL="$base/$db"
    log "postgres: ready on 127.0.0.1:$_PG_PORT, database $db ($((SECONDS - t0))s)"
}

stop_postgres() {
    if [[ -n "$_PG_TEST_DB" ]]; then
        _quiet psql -X -q "$CHAT_TEST_POSTGRES_ADMIN_URL" \
            -c "DROP DATABASE IF EXISTS \"$_PG_TEST_DB\" WITH (FORCE)" || true
        log "postgres: dropped database $_PG_TEST_DB"
        _PG_TEST_DB=""
        unset CHAT_TEST_POSTGRES_URL CHAT_TEST_POSTGRES_ADMIN_URL
    fi
    if ((_PG_STARTED_BY_US)); then
        _PG_STARTED_BY_US=0
        # On a shared developer machine someone may have started using the
        # cluster meanwhile: leave it running if other clients are connected.
        local others
        others="$(as_postgres psql -X -qAt -p "$_PG_PORT" -d postgres -c \
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" \
            2>/dev/null || echo 0)"
        if [[ "${CHAT_TEST_KEEP_POSTGRES:-}" == 1 ]]; then
            log "postgres: leaving cluster $_PG_VERSION/$_PG_CLUSTER running (CHAT_TEST_KEEP_POSTGRES=1)"
        elif [[ "$others" =~ ^[0-9]+$ ]] && ((others > 0)); then
            log "postgres: leaving cluster $_PG_VERSION/$_PG_CLUSTER running ($others other clients connected)"
        else
            _quiet _sudo pg_ctlcluster -m fast "$_PG_VERSION" "$_PG_CLUSTER" stop || true
            log "postgres: stopped cluster $_PG_VERSION/$_PG_CLUSTER"
        fi
    fi
    return 0
}
