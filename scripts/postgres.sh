# Sourced by scripts/test and scripts/with-postgres: start_postgres starts a throwaway
# PostgreSQL from Debian's packages on a temp folder (port $TALLY_PG_PORT, default 55432,
# 127.0.0.1 only) with a role `tally` that may create databases and a database
# `tally_test`, exports POSTGRES_URL, and stops and deletes it all when the shell exits.
pg_dir=""
pg_bin=""
# Runs a PostgreSQL program as the `postgres` user when we are root (the server refuses to
# run as root), as ourselves otherwise.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd "$pg_dir" && runuser -u postgres -- "$@"); else (cd "$pg_dir" && "$@"); fi
}
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
      as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
}
start_postgres() {
  local port="${TALLY_PG_PORT:-55432}"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "test: PostgreSQL server programs not found under /usr/lib/postgresql (install the postgresql package)" >&2
    exit 1
  fi
  pg_dir="$(mktemp -d /tmp/tally-pg.XXXXXX)"
  trap stop_postgres EXIT
  trap 'exit 130' INT TERM
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; fi
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  # Many suites run at once, each in databases of its own that are created and dropped:
  # room for their locks and connections.
  # A test server: durability traded for speed (it is deleted at exit anyway), unless
  # TALLY_PG_DURABLE=1 (benchmarks measure with fsync on, as in production).
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${TALLY_PG_DURABLE:-0}" = 1 ]; then durability=""; fi
  if ! as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_locks_per_transaction=1024 -c max_connections=300 $durability" >/dev/null; then
    echo "test: PostgreSQL did not start (is port $port taken? set TALLY_PG_PORT)" >&2
    cat "$pg_dir/server.log" >&2 || true
    exit 1
  fi
  as_pg "$pg_bin/psql" -X -q -h "$pg_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE tally LOGIN CREATEDB PASSWORD 'tally'" \
    -c "CREATE DATABASE tally_test OWNER tally" >/dev/null
  export POSTGRES_URL="postgres://tally:tally@127.0.0.1:$port/tally_test"
  echo "test: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (POSTGRES_URL=$POSTGRES_URL)" >&2
}
