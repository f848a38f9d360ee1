#!/usr/bin/env bash
# End-to-end test in queue mode: n8n main + 3 workers, Postgres, Redis, the package installed as a
# community package on each, against the demo panel with a rate limit. Every scenario is checked
# against the panel's own log of the orders it took (GET /demo/orders).
#
#   1. bulk across workers: 600 rows in 6 webhook calls at once, on both workers: each row once, 0 failed
#   2. webhook storm, the README's way (examples/queue-mode-claimed-orders.json: the key claimed in Postgres),
#      under load: 3 bulk executions of 300 keyed rows running, 45,000 claims and a 45,000-entry store row
#      of history; one shop order posted 8 times at once, 20 rounds: 1 panel order each, its claim row says so
#   3. a worker killed (SIGKILL) in the middle of a 300-row execution, key off and on; then a re-run
#   4. tracking flow (Get Many, report finished) on a schedule and the trigger on main: each finished order once
#
# Run after `npm run build && npm run build:tools` (that is `npm run e2e:queue`).
# Environment (as run.sh: E2E_LINES, E2E_CACHE, E2E_KEEP, E2E_TARBALL), and:
#   E2E_PANEL_RATE_LIMIT=20   the demo panel's limit, requests per second (all workers together)
#   E2E_STORM_ROUNDS=20       how often scenario 2 posts its 8 copies
#   E2E_WORKER_CONCURRENCY=3  executions per worker (`n8n worker --concurrency`)
#   E2E_TRACKING_SECONDS=15   the tracking flow's schedule
#   E2E_TRACKING_WAIT=180     seconds to wait for every finished order to be reported
#   E2E_SETTLE=65             seconds to keep watching after that, to catch repeats (one more trigger poll)
set -uo pipefail

QUEUE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Keys are taken 10 at a time with one order in flight (the bulk workflows' setting), the next 10 while
# these are sent, and placed marks written with the claim after: at most three chunks in doubt.
IN_DOUBT_MAX=30
STORM_POSTS=8
HISTORY_ENTRIES=45000
HERE="$(cd "$QUEUE/.." && pwd)" # scripts/e2e, as lib.sh expects
ROOT="$(cd "$HERE/../.." && pwd)"
LINES="${E2E_LINES:-1 2}"
RATE_LIMIT="${E2E_PANEL_RATE_LIMIT:-20}"
STORM_ROUNDS="${E2E_STORM_ROUNDS:-20}"
CONCURRENCY="${E2E_WORKER_CONCURRENCY:-3}"
TRACKING_SECONDS="${E2E_TRACKING_SECONDS:-15}"
TRACKING_WAIT="${E2E_TRACKING_WAIT:-180}"
SETTLE="${E2E_SETTLE:-65}"
PANEL_KEY="demo-key-e2e-$RANDOM$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e-queue.XXXXXX")"
SYSTEM_NODE="$(command -v node)"
PG_DATA_ROOT=

# Workflow ids, as in prepare.js.
WF_BULK=smmQBulk00000001 WF_BULK_BG=smmQBulkBg000001 WF_BULK_KEY=smmQBulkKey00001
WF_STOREFRONT=smmQStorefront01 WF_CLAIMED=smmQClaimed00001 WF_TRACKING=smmQTracking0001 WF_TRIGGER=smmQTrigger00001

E2E_NAME="e2e queue"
# shellcheck source=../lib.sh
source "$HERE/lib.sh"
# shellcheck source=services.sh
source "$QUEUE/services.sh"
trap queue_cleanup EXIT

check() { "$SYSTEM_NODE" "$QUEUE/check.js" "$@"; }

# ---- n8n processes of one line ----
# Each process has its own user folder with the package installed, as separate machines would.
start_main() { # log
	start_bg "$1" env "${n8n_env[@]}" "${QUEUE_ENV[@]}" "$n8n_bin" start
	MAIN_PID=$BG_PID
	wait_for 120 http_ok "http://127.0.0.1:$n8n_port/healthz" && wait_for 60 grep -q 'Editor is now accessible' "$1"
}
WORKER_PIDS=()
WORKER_NAMES=()
WORKER_HEALTH=()
WORKER_STARTS=0
# Worker <n> (1 to 3); with "fresh", on a new user folder, as a new machine (a restart keeps its folder).
launch_worker() { # number [fresh]
	local n="$1" broker folder
	WORKER_STARTS=$((WORKER_STARTS + 1))
	WORKER_NAMES[n]="worker$n-$WORKER_STARTS"
	folder="$LW/worker$n"
	[ "${2:-}" = fresh ] && folder="$LW/${WORKER_NAMES[n]}"
	WORKER_HEALTH[n]="$(free_port)"
	broker="$(free_port)"
	[ -d "$folder/.n8n/nodes" ] || { mkdir -p "$folder/.n8n" && cp -a "$user/.n8n/nodes" "$folder/.n8n/"; }
	start_bg "$LW/${WORKER_NAMES[n]}.log" env "${n8n_env[@]}" "${QUEUE_ENV[@]}" N8N_USER_FOLDER="$folder" N8N_RUNNERS_BROKER_PORT="$broker" \
		QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT="${WORKER_HEALTH[n]}" "$n8n_bin" worker --concurrency="$CONCURRENCY"
	WORKER_PIDS[n]=$BG_PID
}
worker_ready() { # number
	wait_for 90 http_ok "http://127.0.0.1:${WORKER_HEALTH[$1]}/healthz" && wait_for 30 grep -q 'worker is now ready' "$LW/${WORKER_NAMES[$1]}.log"
}
start_worker() { # number [fresh]
	launch_worker "$@" && worker_ready "$1"
}
kill_worker() { # number
	kill -KILL -- "-${WORKER_PIDS[$1]}"
	wait "${WORKER_PIDS[$1]}" 2>/dev/null
}
# The worker processes (as worker<n>-<start>) whose log says they started execution <id>.
workers_of() { # execution-id
	grep -l "started execution $1 " "$LW"/worker*.log 2>/dev/null | xargs -r -n 1 basename | sed 's/\.log$//' | tr '\n' ' '
}
# "worker1-1 ran 3, worker2-2 ran 3" for the executions given.
spread_of() { # execution-ids...
	local id
	for id in "$@"; do workers_of "$id" | tr ' ' '\n'; done | grep . | sort | uniq -c | awk '{printf "%s%s ran %s", (NR > 1 ? ", " : ""), $2, $1}'
}

executions_of() { # workflow-id : ids, oldest first
	sql "$DB" "SELECT id FROM execution_entity WHERE \"workflowId\" = '$1' ORDER BY id" | tr '\n' ' '
}
execution_status() { sql "$DB" "SELECT status FROM execution_entity WHERE id = $1"; }
final_status() { case "$(execution_status "$1")" in success | error | crashed | canceled) return 0 ;; *) return 1 ;; esac; }

# ---- scenarios ----
scenario_bulk() {
	local t0=$SECONDS out before after
	before="$(check stats "$panel_url")"
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" rows "$WEBHOOK/queue-bulk" s1 6 100 "$LW/s1.json"
	after="$(check stats "$panel_url")"
	local took=$((SECONDS - t0)) ids spread overlap
	ids="$(executions_of "$WF_BULK")"
	spread="$(spread_of $ids)"
	# All six ran at once: the last one started before the first one ended.
	overlap="$(sql "$DB" "SELECT MAX(\"startedAt\") < MIN(\"stoppedAt\") FROM execution_entity WHERE \"workflowId\" = '$WF_BULK'")"
	if out="$(check rows "$panel_url" s1 6 100 "$LW/s1.json")"; then
		pass "1 bulk across workers: 600 rows in 6 executions at once, each row placed exactly once, 0 failed ($took s)"
	else
		fail "1 bulk across workers ($took s)"
	fi
	note "$out"
	note "executions $ids: $spread; all six at once: $overlap; panel: $(requests_between "$before" "$after")"
	[ "$(echo "$spread" | grep -o 'ran' | wc -l)" -ge 2 ] && [ "$overlap" = t ] ||
		fail "1 bulk across workers: the six executions did not run at once on both workers"
}

# "<requests> requests, <n> refused with 429" between two `check stats` readings.
requests_between() { # before after
	local b=($1) a=($2)
	echo "$((a[0] - b[0])) requests, $((a[1] - b[1])) answered 429 (limit $RATE_LIMIT/s)"
}

# History, as a shop that ran for a while has it: 45,000 claims in the claims table, and 45,000 entries
# in the keyed bulk node's row of n8n's store (written the way n8n writes it: md5, base64).
seed_history() {
	sql "$DB" "INSERT INTO smm_order_claims (shop_order, panel_order, status) SELECT 'history-' || g, g::text, 'placed' FROM generate_series(1, $HISTORY_ENTRIES) g" &&
		"$SYSTEM_NODE" "$QUEUE/history-sql.js" "$WF_BULK_KEY" "$WF_BULK_KEY-3" "$HISTORY_ENTRIES" >"$LW/history.sql" &&
		"${PSQL[@]}" -d "$DB" -f "$LW/history.sql" >/dev/null
}

scenario_storm() {
	local round counts=() answers claim out t0=$SECONDS bulk_after ok=0
	seed_history || { fail "2 storm: write the history"; return; }
	note "2: history written: $(sql "$DB" "SELECT count(*) FROM smm_order_claims") claims; the bulk node's store row $(sql "$DB" "SELECT pg_column_size(value) FROM processed_data WHERE \"workflowId\" = '$WF_BULK_KEY'") bytes"
	# Load: three bulk executions of 300 keyed rows each, answered at once and placed in the background.
	bulk_after="$(newest_execution_after "$WF_BULK_KEY" 0)"
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" rows "$WEBHOOK/queue-bulk-key" s2_bulk 3 300 "$LW/s2-bulk.json"
	for round in $(seq 1 "$STORM_ROUNDS"); do
		"$SYSTEM_NODE" "$QUEUE/post-at-once.js" same "$WEBHOOK/smm-claimed-order" "s2_round$round" "$STORM_POSTS" "$LW/s2-$round.json"
		claim="$(sql "$DB" "SELECT status || ' ' || coalesce(panel_order, '-') FROM smm_order_claims WHERE shop_order = 'shop-s2_round$round'")"
		out="$(check claimed "$panel_url" "s2_round$round" "$claim")" && ok=$((ok + 1))
		counts+=("$(echo "$out" | cut -d' ' -f1)")
		answers="$("$SYSTEM_NODE" -e 'const a = require(process.argv[1]); const c = {}; for (const x of a) { const k = x.status !== 200 && x.status !== 422 ? `HTTP ${x.status}` : x.body.placedEarlier ? `earlier (${x.body.status})` : x.body.ok ? "placed" : `failed: ${String(x.body.message).slice(0, 80)}`; c[k] = (c[k] ?? 0) + 1; } console.log(Object.entries(c).map(([k, n]) => `${n} × ${k}`).join(", "))' "$LW/s2-$round.json")"
		note "round $round: $out; answers: $answers"
	done
	local running
	running="$(sql "$DB" "SELECT count(*) FROM execution_entity WHERE \"workflowId\" = '$WF_BULK_KEY' AND id > ${bulk_after:-0} AND status IN ('running', 'new')")"
	note "storm executions: $(spread_of $(executions_of "$WF_CLAIMED")); bulk executions still running after the last round: $running of 3 ($((SECONDS - t0)) s)"
	if [ "$ok" -eq "$STORM_ROUNDS" ]; then
		pass "2 webhook storm, the README's way (claim in Postgres), under load: $STORM_POSTS posts at once gave 1 panel order and its claim row in each of $STORM_ROUNDS rounds (0 duplicates, 0 lost)"
	else
		fail "2 webhook storm: rounds exact: $ok of $STORM_ROUNDS; panel orders per round: ${counts[*]}"
	fi
	# The bulk, for the record: three executions on several workers writing one node row at once,
	# which n8n's store does not make exact (the README says so).
	local id
	for id in $(sql "$DB" "SELECT id FROM execution_entity WHERE \"workflowId\" = '$WF_BULK_KEY' AND id > ${bulk_after:-0}"); do
		wait_for 300 final_status "$id"
	done
	note "2: the bulk under the storm: $(check rows "$panel_url" s2_bulk 3 300); store row afterwards: $(sql "$DB" "SELECT pg_column_size(value) FROM processed_data WHERE \"workflowId\" = '$WF_BULK_KEY'") bytes"
}

# The newest execution of a workflow with an id above <after> (0 for any), or nothing yet.
newest_execution_after() { # workflow-id after
	sql "$DB" "SELECT MAX(id) FROM execution_entity WHERE \"workflowId\" = '$1' AND id > $2"
}
# Posts 300 rows in one call (the webhook answers at once, the rows are placed in the background) and
# waits for the execution to end. Sets RUN_ID (0 if none started).
run_rows_in_background() { # tag webhook-path workflow-id
	local after
	after="$(newest_execution_after "$3" 0)"
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" rows "$WEBHOOK/$2" "$1" 1 300 "$LW/$1-$RANDOM.json"
	RUN_ID=0
	wait_for 30 started_after "$3" "${after:-0}" || return 1
	RUN_ID="$(newest_execution_after "$3" "${after:-0}")"
}
started_after() { [ -n "$(newest_execution_after "$1" "$2")" ]; }

# A worker is SIGKILLed in the middle of a 300-row execution, once the panel took 100 of its rows.
#   restart: the worker comes back at once with its own folder (a container restarting with its volume)
#   replace: it stays dead until n8n has dealt with the job, then a new one starts on a fresh folder
# Then the user runs the same rows again (posts them again), unless n8n ran them to the end itself.
# Sets S3_LINE: what the panel took, as check.js rows says it.
scenario_killed_worker() { # tag webhook-path workflow-id label restart|replace
	local tag="$1" hook="$2" wf="$3" label="$4" mode="$5" t0=$SECONDS id victim placed_at_kill
	run_rows_in_background "$tag" "$hook" "$wf"
	id="$RUN_ID"
	wait_for 30 has_worker "$id"
	victim="$(workers_of "$id" | grep -o '^worker[0-9]' | grep -o '[0-9]')"
	if [ "$id" = 0 ] || [ -z "$victim" ] || ! wait_for 60 check placed-at-least "$panel_url" "$tag" 100; then
		fail "3 $label: the execution did not start on a worker (execution $id)"
		return 1
	fi
	kill_worker "$victim"
	placed_at_kill="$(check count "$panel_url" "$tag")"
	local killed_at=$SECONDS
	note "$label: SIGKILL worker $victim running execution $id, with $placed_at_kill of 300 rows placed"
	[ "$mode" = restart ] && { start_worker "$victim" || fail "3 $label: worker $victim did not start again"; }

	# n8n recovers: a worker coming back finds the execution in its event log and marks it crashed;
	# otherwise the job's lock runs out and the other worker runs the job again from the start
	# (QUEUE_WORKER_MAX_STALLED_COUNT=1), or the main marks it crashed in its queue recovery.
	if ! wait_for 300 final_status "$id"; then
		fail "3 $label: execution $id neither finished nor crashed $((SECONDS - killed_at)) s after the kill (status $(execution_status "$id"))"
		return 1
	fi
	local status
	status="$(execution_status "$id")"
	note "$label: $((SECONDS - killed_at)) s after the kill, execution $id is '$status' (started by: $(workers_of "$id")); its summary: $(check summary "$LW/collected.jsonl" "$id")"
	note "$label: the panel took: $(check rows "$panel_url" "$tag" 1 300)"
	[ "$mode" = replace ] && { start_worker "$victim" fresh || fail "3 $label: a new worker $victim did not start"; }

	if [ "$status" != success ]; then
		# The user's re-run, as the README says: the same rows again.
		if run_rows_in_background "$tag" "$hook" "$wf" && wait_for 120 final_status "$RUN_ID"; then
			note "$label: the user's re-run, execution $RUN_ID: '$(execution_status "$RUN_ID")'; its summary: $(check summary "$LW/collected.jsonl" "$RUN_ID")"
		else
			fail "3 $label: the re-run did not finish (execution $RUN_ID)"
		fi
	fi
	S3_LINE="$(check rows "$panel_url" "$tag" 1 300)"
	note "$label: in the end the panel took: $S3_LINE ($((SECONDS - t0)) s)"
}
has_worker() { [ -n "$(workers_of "$1")" ]; }

# The README's way out when a re-run skips rows the panel never took: those rows again, with new keys.
recover_by_hand() { # tag label
	local tag="$1" label="$2" missing out
	missing="$(check missing "$panel_url" "$tag" 300)"
	local after
	after="$(newest_execution_after "$WF_BULK_KEY" 0)"
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" again "$WEBHOOK/queue-bulk-key" "$tag" "$missing" -again "$LW/$tag-again.json"
	if wait_for 30 started_after "$WF_BULK_KEY" "$after" && wait_for 120 final_status "$(newest_execution_after "$WF_BULK_KEY" "$after")" &&
		out="$(check rows "$panel_url" "$tag" 1 300)"; then
		pass "3 worker killed, $label: after the README's recovery (the $(echo "$missing" | tr ',' '\n' | grep -c .) rows the panel lacks again, with new keys) every row placed exactly once"
	else
		fail "3 worker killed, $label: after the README's recovery: $out"
	fi
}

# The tracking flow on a schedule and the trigger on main watch every order the panel took so far,
# 20 of them still running (the panel runs at 0.1: an order takes about 80 s); each must report each
# finished order exactly once.
scenario_tracking() {
	local ids count
	"$SYSTEM_NODE" "$QUEUE/post-at-once.js" rows "$WEBHOOK/queue-bulk" s4 1 20 "$LW/s4.json"
	ids="$(check ids "$panel_url")"
	count="$(echo "$ids" | tr ',' '\n' | grep -c .)"
	# Workflows imported with n8n's CLI are activated when the main starts: it restarts with them.
	local tl=$SECONDS
	stop_bg "$MAIN_PID"
	if E2E_ORDER_IDS="$ids" E2E_COLLECTOR_URL="$COLLECTOR" E2E_TRACKING_SECONDS="$TRACKING_SECONDS" "$SYSTEM_NODE" "$QUEUE/prepare.js" tracking "$LW/tracking" &&
		import_active "$LW/tracking" "$WF_TRACKING" "$WF_TRIGGER" >"$LW/tracking-import.log" 2>&1 &&
		start_main "$LW/main-2.log"; then
		note "4: main restarted with the tracking flow (every $TRACKING_SECONDS s) and the trigger (every minute) active, watching $count orders ($((SECONDS - tl)) s)"
	else
		fail "4 tracking and trigger: import, activate, restart the main"
		show_log "$LW/tracking-import.log"
		show_log "$LW/main-2.log"
		return
	fi
	tl=$SECONDS
	wait_for "$TRACKING_WAIT" all_arrived "$ids"
	local arrived=$((SECONDS - tl)) route out
	sleep "$SETTLE"
	for route in tracking trigger; do
		if out="$(check collected "$LW/collected.jsonl" "$route" "$ids")"; then
			pass "4 $route: each of $count finished orders reported exactly once (all in after $arrived s, watched $SETTLE s more)"
		else
			fail "4 $route: not each finished order exactly once (waited $arrived + $SETTLE s)"
		fi
		note "$out"
	done
	note "tracking executions: $(spread_of $(executions_of "$WF_TRACKING")); trigger executions: $(spread_of $(executions_of "$WF_TRIGGER"))"
}
all_arrived() { check arrived "$LW/collected.jsonl" tracking "$1" && check arrived "$LW/collected.jsonl" trigger "$1"; }

# ---- one line ----
run_line() { # 1|2
	local line="$1" t0=$SECONDS tl
	LW="$WORK/line$line"
	mkdir -p "$LW"
	WORKER_PIDS=()
	WORKER_NAMES=()
	WORKER_HEALTH=()
	echo
	echo "== line $line (queue mode)"

	local n8n_dir node_bin n8n_bin user panel_url panel_pid n8n_port n8n_env
	setup_n8n "$line" "$LW" || return
	setup_package "$line" "$LW" || return
	setup_panel "$line" "$LW" 0.1 PANEL_RATE_LIMIT="$RATE_LIMIT" || return
	setup_n8n_env "$line"

	DB="n8n_line$line"
	sql postgres "CREATE DATABASE $DB" || { fail "line $line: create database $DB"; return; }
	# The claims table of the queue-mode example, as docs/queue-mode.md makes it.
	local create_claims
	create_claims="$(sed -n '/^CREATE TABLE smm_order_claims/,/^);/p' "$ROOT/docs/queue-mode.md")"
	[ -n "$create_claims" ] && sql "$DB" "$create_claims" || { fail "line $line: create smm_order_claims as docs/queue-mode.md says"; return; }
	local collector_port
	collector_port="$(free_port)"
	COLLECTOR="http://127.0.0.1:$collector_port"
	WEBHOOK="http://127.0.0.1:$n8n_port/webhook"
	QUEUE_ENV=(
		DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_DATABASE="$DB"
		DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=unused-with-trust
		EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$REDIS_PORT" QUEUE_BULL_REDIS_DB="$line"
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
		# A dead worker's job is found stalled after lock + stalled interval (n8n's defaults: 60 s and
		# 30 s); shorter here so the run stays short, same mechanism. The lock stays longer than a
		# worker takes to restart: with 20 s, a slow restart let the other worker re-run the job while
		# the restarted one marked it crashed.
		QUEUE_WORKER_LOCK_DURATION=40000 QUEUE_WORKER_STALLED_INTERVAL=10000
	)
	n8n() { env "${n8n_env[@]}" "${QUEUE_ENV[@]}" "$n8n_bin" "$@"; }
	# n8n 1.x activates while it imports (queue mode only); n8n 2.x's importer cannot (it has no
	# user to do it as): one call per workflow.
	import_active() { # folder workflow-ids...
		local folder="$1" id
		shift
		if [ "$line" = 1 ]; then
			n8n import:workflow --separate --activeState=fromJson --input="$folder"
			return
		fi
		n8n import:workflow --separate --input="$folder" || return
		for id in "$@"; do n8n update:workflow --id="$id" --active=true || return; done
	}

	# -- import and activate --
	tl=$SECONDS
	E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" "$SYSTEM_NODE" "$HERE/prepare.js" credentials "$LW/credentials.json" &&
		E2E_COLLECTOR_URL="$COLLECTOR" "$SYSTEM_NODE" "$QUEUE/prepare.js" bulk "$LW/workflows" &&
		E2E_COLLECTOR_URL="$COLLECTOR" "$SYSTEM_NODE" "$QUEUE/prepare.js" keyed "$LW/workflows" &&
		E2E_PG_PORT="$PG_PORT" E2E_PG_DATABASE="$DB" "$SYSTEM_NODE" "$QUEUE/prepare.js" claimed "$LW/workflows" "$LW/credentials-pg.json"
	if n8n import:credentials --input="$LW/credentials.json" >"$LW/import.log" 2>&1 &&
		n8n import:credentials --input="$LW/credentials-pg.json" >>"$LW/import.log" 2>&1 &&
		import_active "$LW/workflows" "$WF_BULK" "$WF_BULK_BG" "$WF_BULK_KEY" "$WF_STOREFRONT" "$WF_CLAIMED" >>"$LW/import.log" 2>&1; then
		pass "line $line: import into Postgres and activate $(ls "$LW/workflows" | wc -l) workflows ($((SECONDS - tl)) s)"
	else
		fail "line $line: import and activate"
		show_log "$LW/import.log"
		return
	fi

	# -- main, three workers, the collector --
	start_bg "$LW/collector.log" "$SYSTEM_NODE" "$HERE/collector.js" "$collector_port" "$LW/collected.jsonl"
	COLLECTOR_PID=$BG_PID
	tl=$SECONDS
	launch_worker 1
	launch_worker 2
	launch_worker 3
	if start_main "$LW/main.log" && worker_ready 1 && worker_ready 2 && worker_ready 3; then
		pass "line $line: main and 3 workers (concurrency $CONCURRENCY) ready in $((SECONDS - tl)) s"
	else
		fail "line $line: main and 2 workers"
		show_log "$LW/main.log" 20
		local log
		for log in "$LW"/worker*.log; do show_log "$log" 20; done
		return
	fi

	# -- scenarios --
	tl=$SECONDS
	scenario_bulk
	note "scenario 1 took $((SECONDS - tl)) s"

	tl=$SECONDS
	scenario_storm
	note "scenario 2 took $((SECONDS - tl)) s"

	local mode
	for mode in restart replace; do
		tl=$SECONDS
		# Without a key nothing tells a run which rows were placed: what happens is recorded, not required.
		scenario_killed_worker "s3_off_$mode" queue-bulk-bg "$WF_BULK_BG" "key off, $mode" "$mode" &&
			pass "3 worker killed, key off, $mode: n8n recovered ($((SECONDS - tl)) s); what the panel took is above"
		tl=$SECONDS
		if scenario_killed_worker "s3_key_$mode" queue-bulk-key "$WF_BULK_KEY" "key on, $mode" "$mode"; then
			local in_doubt
			in_doubt="$(check missing "$panel_url" "s3_key_$mode" 300 | tr ',' '\n' | grep -c .)"
			if [[ "$S3_LINE" == "every row placed exactly once"* ]]; then
				pass "3 worker killed, key on, $mode: after n8n's recovery and a re-run every row placed exactly once ($((SECONDS - tl)) s)"
			elif [[ "$S3_LINE" == *'"placedTwiceOrMore":0'* ]] && [ "$in_doubt" -le "$IN_DOUBT_MAX" ]; then
				# Keys are taken a chunk at a time: the chunk being sent at the kill is in doubt, and the
				# re-run says so for those rows ("may have placed it"); the README says to check them.
				pass "3 worker killed, key on, $mode: no row placed twice; the re-run placed every row but the $in_doubt of the chunks taken at the kill (at most $IN_DOUBT_MAX), which it reports as in doubt ($((SECONDS - tl)) s)"
				recover_by_hand "s3_key_$mode" "key on, $mode"
			else
				fail "3 worker killed, key on, $mode: after n8n's recovery, a re-run of the same rows leaves rows unplaced: $S3_LINE"
				recover_by_hand "s3_key_$mode" "key on, $mode"
			fi
		fi
	done

	tl=$SECONDS
	scenario_tracking
	note "scenario 4 took $((SECONDS - tl)) s"

	stop_all_line "$panel_pid"
	note "line $line took $((SECONDS - t0)) s"
}

# Stops this line's n8n processes, the collector and the panel (Postgres and Redis stay for the next line).
stop_all_line() { # panel-pid
	local pid
	for pid in "${WORKER_PIDS[@]}"; do stop_bg "$pid"; done
	stop_bg "$MAIN_PID"
	stop_bg "$COLLECTOR_PID"
	stop_bg "$1"
}

main() {
	ensure_debian_packages || { echo "e2e queue: $passed passed, $failed failed"; return 1; }
	pack_package
	start_postgres && start_redis || { echo "e2e queue: $passed passed, $failed failed"; return 1; }
	run_lines
	echo
	echo "e2e queue: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# On one line, so that editing this file while it runs cannot change what runs.
main "$@"; exit $?
