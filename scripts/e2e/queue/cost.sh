#!/usr/bin/env bash
# What the Idempotency Key costs in one n8n process (regular mode), on SQLite and on Postgres: bulk
# rows posted to a webhook answered when they are placed, key off and on, with an empty store and with
# a 45,000-entry history written into the node's row first. Every run is checked against the demo
# panel's own list (each row once, none failed). Prints a table; exits 1 on a failed check.
#
#   bash scripts/e2e/queue/cost.sh     after `npm run build && npm run build:tools`
#   E2E_COST_ROWS="500 2000"   rows per run
#   E2E_COST_LIMITED=500       rows against the panel limited to 10 requests/s (0: skip)
#   E2E_COST_DBS="sqlite postgres"
set -uo pipefail

QUEUE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HERE="$(cd "$QUEUE/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LINES=1
ROWS_LIST="${E2E_COST_ROWS:-500 2000}"
LIMITED_ROWS="${E2E_COST_LIMITED:-500}"
DBS="${E2E_COST_DBS:-sqlite postgres}"
HISTORY_ENTRIES=45000
PANEL_KEY="demo-key-e2e-$RANDOM$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e-cost.XXXXXX")"
SYSTEM_NODE="$(command -v node)"
PG_DATA_ROOT=
WF_NO_KEY=smmCostNoKey0001 WF_KEY=smmCostKey000001
# The Place Orders node's id, as prepare.js's chain() names it (third node).
KEY_NODE="$WF_KEY-3"

E2E_NAME="e2e cost"
# shellcheck source=../lib.sh
source "$HERE/lib.sh"
# shellcheck source=services.sh
source "$QUEUE/services.sh"
trap queue_cleanup EXIT

check() { "$SYSTEM_NODE" "$QUEUE/check.js" "$@"; }

# One statement file against this database (SQLite through n8n's own sqlite3 module).
db_file() { # sql-file
	if [ "$DB_KIND" = postgres ]; then
		"${PSQL[@]}" -d "$DB" -f "$1" >/dev/null
	else
		"$node_bin/node" -e '
			const sqlite3 = require(process.argv[1]);
			const db = new sqlite3.Database(process.argv[2]);
			db.exec(require("fs").readFileSync(process.argv[3], "utf8"), (error) => { if (error) { console.error(error.message); process.exit(1); } db.close(); });
		' "$n8n_dir/node_modules/sqlite3" "$user/.n8n/database.sqlite" "$1"
	fi
}
store_history() { # entries
	"$SYSTEM_NODE" "$QUEUE/history-sql.js" "$WF_KEY" "$KEY_NODE" "$1" >"$WORK/history.sql" && db_file "$WORK/history.sql"
}
processed_data_bytes() { sql "$DB" "SELECT pg_total_relation_size('processed_data')"; }

# Posts <rows> rows to the webhook, waits for the answer; prints the seconds it took. Fails unless the
# panel took each row exactly once and none failed.
timed_run() { # hook tag rows
	local t0 t1 out
	t0="$(date +%s.%N)"
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" rows "$WEBHOOK/$1" "$2" 1 "$3" "$WORK/$2.json"
	t1="$(date +%s.%N)"
	if ! out="$(check rows "$panel_url" "$2" 1 "$3" "$WORK/$2.json")"; then
		fail "cost $DB_KIND $2: $out"
		return 1
	fi
	echo "$t1 - $t0" | bc -l | xargs printf '%.1f'
}

# A demo panel of its own (its balance covers one database's runs), and the credential pointing at it.
# Sets panel_url, panel_pid.
fresh_panel() { # name [PANEL_SETTING=value...]
	local name="$1"
	shift
	[ -n "${panel_pid:-}" ] && stop_bg "$panel_pid"
	mkdir -p "$WORK/$name"
	setup_panel 1 "$WORK/$name" 0.1 "$@" &&
		E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" "$SYSTEM_NODE" "$HERE/prepare.js" credentials "$WORK/$name/credentials.json" &&
		n8n import:credentials --input="$WORK/$name/credentials.json" >"$WORK/$name/import.log" 2>&1 ||
		{ fail "cost $name: panel and credential"; show_log "$WORK/$name/import.log"; return 1; }
}

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2fx'; }

measure_db() { # sqlite|postgres
	DB_KIND="$1"
	local extra=() rows base empty hist growth before after tag
	if [ "$DB_KIND" = postgres ]; then
		DB="n8n_cost"
		sql postgres "CREATE DATABASE $DB" || { fail "cost: create database"; return; }
		extra=(DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_DATABASE="$DB"
			DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=unused-with-trust)
	fi
	n8n_env+=("${extra[@]}")
	fresh_panel "panel-$DB_KIND" || return
	n8n import:workflow --separate --input="$WORK/workflows" >>"$WORK/import-$DB_KIND.log" 2>&1 &&
		n8n update:workflow --id="$WF_NO_KEY" --active=true >>"$WORK/import-$DB_KIND.log" 2>&1 &&
		n8n update:workflow --id="$WF_KEY" --active=true >>"$WORK/import-$DB_KIND.log" 2>&1 ||
		{ fail "cost $DB_KIND: import"; show_log "$WORK/import-$DB_KIND.log"; return; }
	local n8n_pid
	start_n8n 1 "$WORK" || return
	WEBHOOK="http://127.0.0.1:$n8n_port/webhook"
	timed_run cost-no-key "warm_$DB_KIND" 50 >/dev/null
	for rows in $ROWS_LIST; do
		base="$(timed_run cost-no-key "nokey_${DB_KIND}_$rows" "$rows")" || continue
		store_history 0
		empty="$(timed_run cost-key "empty_${DB_KIND}_$rows" "$rows")" || continue
		store_history "$HISTORY_ENTRIES"
		[ "$DB_KIND" = postgres ] && before="$(processed_data_bytes)"
		hist="$(timed_run cost-key "hist_${DB_KIND}_$rows" "$rows")" || continue
		growth=
		if [ "$DB_KIND" = postgres ]; then
			after="$(processed_data_bytes)"
			growth="; processed_data grew $(((after - before) / 1024)) KB ($(((after - before) * 1000 / rows / 1024)) KB per 1,000 orders)"
		fi
		echo "| $rows | $DB_KIND | no limit | $base s | $empty s ($(ratio "$empty" "$base")) | $hist s ($(ratio "$hist" "$base")) |" >>"$WORK/table.md"
		pass "cost $DB_KIND, $rows rows: no key $base s, keys $empty s, keys with history $hist s$growth"
	done
	stop_bg "$n8n_pid"
	n8n_env=("${n8n_env[@]:0:${#n8n_env[@]}-${#extra[@]}}")
}

measure_limited() { # on SQLite, against a panel limited to 10 requests/s
	[ "$LIMITED_ROWS" -gt 0 ] || return 0
	local base hist n8n_pid
	DB_KIND=sqlite
	fresh_panel limited PANEL_RATE_LIMIT=10 || return
	start_n8n 1 "$WORK" || return
	base="$(timed_run cost-no-key "lim_nokey" "$LIMITED_ROWS")" &&
		store_history "$HISTORY_ENTRIES" &&
		hist="$(timed_run cost-key "lim_hist" "$LIMITED_ROWS")" &&
		echo "| $LIMITED_ROWS | sqlite | 10 requests/s | $base s | | $hist s ($(ratio "$hist" "$base")) |" >>"$WORK/table.md" &&
		pass "cost at 10 requests/s, $LIMITED_ROWS rows: no key $base s, keys with history $hist s"
	stop_bg "$n8n_pid"
}

main() {
	local db
	ensure_debian_packages || return 1
	pack_package
	[[ "$DBS" == *postgres* ]] && { start_postgres || return 1; }
	local n8n_dir node_bin n8n_bin user panel_url panel_pid n8n_port n8n_env
	setup_n8n 1 "$WORK" && setup_package 1 "$WORK" && setup_n8n_env 1 && "$SYSTEM_NODE" "$QUEUE/prepare.js" cost "$WORK/workflows" || return 1
	echo "| rows | database | panel | no key | keys, empty store | keys, $HISTORY_ENTRIES entries |" >"$WORK/table.md"
	echo "|---:|---|---|---:|---:|---:|" >>"$WORK/table.md"
	for db in $DBS; do measure_db "$db"; done
	measure_limited
	echo
	cat "$WORK/table.md"
	echo
	echo "e2e cost: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"; exit $?
