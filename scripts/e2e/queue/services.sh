# Postgres and Redis for the queue-mode run: Debian's packages (installed when missing), on loopback,
# free ports, throwaway data folders, started with start_bg so cleanup stops them. Sourced after ../lib.sh.

# Replaces lib.sh's exit trap: the processes stop newest first (n8n before the database and Redis it
# uses), then lib.sh's cleanup runs, then Postgres's data folder goes (it lives outside WORK).
queue_cleanup() {
	local i
	for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_bg "${STARTED[i]}"; done
	cleanup
	[ -z "${PG_DATA_ROOT:-}" ] || rm -rf "$PG_DATA_ROOT"
}

# Installs the Debian packages that provide the given commands when any is missing.
ensure_debian_packages() {
	local missing=()
	command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
	if [ ${#missing[@]} -eq 0 ]; then
		pass "redis-server and postgresql installed"
		return
	fi
	local t0=$SECONDS sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
	if "${sudo[@]}" apt-get update >"$WORK/apt.log" 2>&1 &&
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1; then
		pass "apt-get install ${missing[*]} ($((SECONDS - t0)) s)"
	else
		fail "apt-get install ${missing[*]}"
		show_log "$WORK/apt.log"
		return 1
	fi
}

# Postgres from Debian's newest installed version, in a folder of its own (owned by the user that runs
# it: initdb refuses root, so as root it runs as `postgres`). Sets PG_PORT and PG_DATA_ROOT.
start_postgres() {
	local bin run_as=() t0=$SECONDS
	bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
	PG_DATA_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e-pg.XXXXXX")"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$PG_DATA_ROOT"
		run_as=(runuser -u postgres --)
	fi
	PG_PORT="$(free_port)"
	if ! "${run_as[@]}" "$bin/initdb" -D "$PG_DATA_ROOT/data" -U postgres --auth=trust -E UTF8 >"$WORK/initdb.log" 2>&1; then
		fail "postgres: initdb"
		show_log "$WORK/initdb.log"
		return 1
	fi
	# Durability settings off: the data is thrown away, and locking behaves the same.
	start_bg "$WORK/postgres.log" "${run_as[@]}" "$bin/postgres" -D "$PG_DATA_ROOT/data" -p "$PG_PORT" \
		-c listen_addresses=127.0.0.1 -c unix_socket_directories="$PG_DATA_ROOT" \
		-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100
	if wait_for 30 "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
		pass "postgres $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($((SECONDS - t0)) s)"
	else
		fail "postgres start"
		show_log "$WORK/postgres.log"
		return 1
	fi
	PSQL=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
}

# One SQL statement's result, rows on lines, columns separated by |.
sql() { # database statement
	"${PSQL[@]}" -d "$1" -c "$2"
}

start_redis() {
	REDIS_PORT="$(free_port)"
	mkdir -p "$WORK/redis"
	start_bg "$WORK/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis"
	if wait_for 15 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping; then
		pass "redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-) on 127.0.0.1:$REDIS_PORT"
	else
		fail "redis start"
		show_log "$WORK/redis.log"
		return 1
	fi
}
