#!/usr/bin/env bash
# End-to-end test: the packed package inside real n8n, for each line users run.
#   line 1: n8n 1.x on the system Node (20)      line 2: n8n 2.x on Node 24
#
# Run after `npm run build && npm run build:tools` (that is `npm run e2e`). Per line it installs n8n
# into a cache outside the repo (reused when there), installs the tarball into the user folder the way
# n8n installs community packages, starts the demo panel, imports credentials and workflows with n8n's
# CLI, runs the e2e workflows with `n8n execute`, then runs `n8n start` with the examples active and
# checks the webhook example, the triggers (each finished order arrives exactly once) and the node's
# tools behind an MCP Server Trigger, called by a real MCP client (mcp.js).
#
# Environment:
#   E2E_LINES="1 2"       lines to run (empty: none, e.g. for the smoke run alone)
#   E2E_SMOKE=1.64.3      older n8n 1.x versions for a smoke run (install, import, `n8n execute`); empty: none
#   E2E_N8N1_VERSION, E2E_N8N2_VERSION, E2E_N8N_OLDEST_VERSION: other n8n versions (versions.sh)
#   E2E_CACHE             n8n installs (default ~/.cache/n8n-nodes-smm-panel-e2e)
#   E2E_TRIGGER_WAIT=180  seconds to wait for the triggers' items under `n8n start`
#   E2E_SETTLE=70         seconds to keep n8n running after that, to catch duplicates
#   E2E_KEEP=1            keep the work folder (logs, outputs) even when everything passed
#   E2E_TARBALL=path.tgz  test this tarball instead of packing the work tree
#   E2E_PANEL_TIME_SCALE=0.1  demo panel speed (0.1: an order takes ~80 s, so it finishes between polls)
#   E2E_SHOP_WAIT=150     seconds to wait for the live-shop example's finished orders after the restart
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LINES="${E2E_LINES-1 2}"
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# The oldest n8n the README claims, in a smoke run beside the two lines.
SMOKE="${E2E_SMOKE-$N8N_OLDEST_VERSION}"
TRIGGER_WAIT="${E2E_TRIGGER_WAIT:-180}"
SETTLE="${E2E_SETTLE:-70}"
PANEL_KEY="demo-key-e2e-$RANDOM$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e.XXXXXX")"
SYSTEM_NODE="$(command -v node)"

# Workflow ids, as in prepare.js and workflows/*.json.
WF_READ=smmE2eRead000001 WF_ORDERS=smmE2eOrders0001 WF_ERRORS=smmE2eErrors0001 WF_REFILLS=smmE2eRefills001
WF_BULK=smmExBulk0000001 WF_STORE=smmE2eStore00001 WF_STOREFRONT=smmExStorefront1 WF_NOTIFY=smmExNotify00001
WF_LOW_BALANCE=smmExLowBalance1 WF_PRICE_WATCH=smmExPriceWatch1 WF_MCP=smmE2eMcp0000001
MCP_PATH=smm-e2e-mcp STATS_PATH=/__panel_stats

E2E_NAME=e2e
# shellcheck source=lib.sh
source "$HERE/lib.sh"

# ---- the live-shop example (examples/track-store-orders.json) across an n8n restart ----
# Called from run_line (it sees run_line's locals: lw, line, n8n_env, n8n_bin, n8n_port, panel_url,
# collector_port, n8n_pid). Shop orders E2E-S1 and E2E-S2 are placed before the restart, E2E-S3
# just before it (it finishes after); E2E-S1 comes again after the restart. The tracking flow runs
# every 10 s throughout. State lives in n8n's database only: its data table and the node's memory.
SHOP_ORDERS=E2E-S1,E2E-S2,E2E-S3
shop_ok=false
shop_seconds=0 # what the live shop adds to the line
shop_post() { # shop-order call-number
	local order="$1" n="$2"
	"$SYSTEM_NODE" "$HERE/post.js" "http://127.0.0.1:$n8n_port/webhook/smm-shop-order" \
		"{\"shopOrder\":\"$order\",\"service\":1,\"link\":\"https://www.instagram.com/e2e_$order/\",\"quantity\":100}" "$lw/shop/$order-$n.reply" 60
	note "shop order $order (call $n): $(cat "$lw/shop/$order-$n.reply" 2>/dev/null)"
}
shop() { E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" E2E_PANEL_STATS_URL="${panel_url%/api/v2}$STATS_PATH" "$SYSTEM_NODE" "$HERE/shop.js" "$@"; }

shop_before_restart() {
	local t0=$SECONDS base="http://127.0.0.1:$n8n_port" table_id out
	shop_ok=false
	shop_seconds=0
	mkdir -p "$lw/shop"
	if table_id="$(shop table "$base" "$lw/shop/state.json")" &&
		E2E_DATA_TABLE_ID="$table_id" E2E_COLLECTOR_URL="http://127.0.0.1:$collector_port" "$SYSTEM_NODE" "$HERE/prepare.js" shop "$lw/shop/workflow.json" &&
		out="$(shop activate "$base" "$lw/shop/workflow.json" "$lw/shop/state.json")"; then
		pass "line $line: live shop: data table and workflow made through n8n's REST API, workflow active ($((SECONDS - t0)) s)"
		echo "$out"
	else
		fail "line $line: live shop: data table and workflow through n8n's REST API"
		echo "$table_id${out:-}"
		return
	fi
	shop_post E2E-S1 1 && shop_post E2E-S2 1 && shop_ok=true
	shop_seconds=$((shop_seconds + SECONDS - t0))
}

shop_at_restart() {
	$shop_ok || return 0
	local t0=$SECONDS
	# E2E-S1 and E2E-S2 reported before the restart, so that after it only the node's memory stops repeats.
	wait_for 90 shop reported "$lw/shop/state.json" "$lw/collected.jsonl" E2E-S1,E2E-S2 ||
		note "E2E-S1/E2E-S2 not reported before the restart"
	shop_post E2E-S3 1 || shop_ok=false
	shop now "$lw/shop/state.json" restartAt
	shop_seconds=$((shop_seconds + SECONDS - t0))
}

shop_after_restart() {
	$shop_ok || return 0
	local t0=$SECONDS pid out
	start_bg "$lw/n8n-restart.log" env "${n8n_env[@]}" "$n8n_bin" start
	pid=$BG_PID
	if ! { wait_for 120 http_ok "http://127.0.0.1:$n8n_port/healthz" && wait_for 60 grep -q 'Editor is now accessible' "$lw/n8n-restart.log"; }; then
		fail "line $line: live shop: n8n restart"
		show_log "$lw/n8n-restart.log" 40
		stop_bg "$pid"
		return
	fi
	note "n8n restarted in $((SECONDS - t0)) s"
	shop_post E2E-S1 2
	wait_for "${E2E_SHOP_WAIT:-150}" shop reported "$lw/shop/state.json" "$lw/collected.jsonl" "$SHOP_ORDERS" 2
	sleep 15 # two more runs, to catch a repeat
	if out="$(shop check "http://127.0.0.1:$n8n_port" "$lw/shop/state.json" "$lw/collected.jsonl" "$lw/shop" "$SHOP_ORDERS")"; then
		pass "line $line: live shop across a restart: one panel order per shop order, each finish reported once ($((SECONDS - t0)) s after the restart)"
	else
		fail "line $line: live shop across a restart ($((SECONDS - t0)) s)"
	fi
	echo "$out"
	stop_bg "$pid"
	local problems
	problems="$(grep -E 'problem activating|did fail|Problem loading|Unrecognized node type|is not a function' "$lw/n8n-restart.log" | awk '!seen[$0]++' | head -n 5)"
	[ -z "$problems" ] || { fail "line $line: n8n restart log has errors"; echo "$problems" | sed 's/^/      | /'; }
	shop_seconds=$((shop_seconds + SECONDS - t0))
	note "the live shop added $shop_seconds s to line $line"
}

# ---- one line ----
# One workflow run with `n8n execute`, its output checked by check.js (sees line, lw, n8n).
execute_and_check() { # name workflow-id label [save-file]
	local name="$1" id="$2" label="$3" save="${4:-}" ts=$SECONDS out
	n8n execute --id="$id" --rawOutput >"$lw/$name.out" 2>"$lw/$name.err"
	local rc=$?
	if out="$("$SYSTEM_NODE" "$HERE/check.js" "$name" "$lw/$name.out" "$save")" && [ $rc -eq 0 ]; then
		pass "line $line: $label ($((SECONDS - ts)) s)"
		echo "$out"
	else
		fail "line $line: $label (n8n exit $rc, $((SECONDS - ts)) s)"
		echo "$out"
		show_log "$lw/$name.err" 15
		show_log "$lw/$name.out" 15
		return 1
	fi
}

# The credential and the test workflows imported with n8n's CLI, then run with `n8n execute`.
# Sees the caller's locals (line, the name in PASS lines; lw, panel_url, n8n); sets order_ids (the caller's local).
import_and_execute() {
	local tl
	tl=$SECONDS
	E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" "$SYSTEM_NODE" "$HERE/prepare.js" credentials "$lw/credentials.json" &&
		"$SYSTEM_NODE" "$HERE/prepare.js" run "$lw/run"
	if n8n import:credentials --input="$lw/credentials.json" >"$lw/import.log" 2>&1 &&
		n8n import:workflow --separate --input="$lw/run" >>"$lw/import.log" 2>&1; then
		pass "line $line: import credentials and $(ls "$lw/run" | wc -l) workflows ($((SECONDS - tl)) s)"
	else
		fail "line $line: import credentials and workflows"
		show_log "$lw/import.log"
		return 1
	fi

	execute_and_check read "$WF_READ" "services listed, filtered; balance read"
	execute_and_check orders "$WF_ORDERS" "orders placed, read with Get Many and Get; estimate only" "$lw/order-ids"
	execute_and_check errors "$WF_ERRORS" "panel errors as items (wrong key, below min, unknown id)"
	execute_and_check bulk "$WF_BULK" "example scheduled-bulk-orders (manual start) places its rows"
	order_ids="$(cat "$lw/order-ids" 2>/dev/null)"
	if [ -z "$order_ids" ]; then
		fail "line $line: no order ids to watch; trigger steps skipped"
		return 1
	fi
}

run_line() { # 1|2
	local line="$1" lw="$WORK/line$line" t0=$SECONDS tl
	mkdir -p "$lw"
	echo
	echo "== line $line"

	local n8n_dir node_bin n8n_bin user panel_url panel_pid n8n_port n8n_env n8n_pid
	setup_n8n "$line" "$lw" || return
	setup_package "$line" "$lw" || return
	# Slow enough that the orders placed below are still running when the trigger first polls.
	setup_panel "$line" "$lw" "${E2E_PANEL_TIME_SCALE:-0.1}" || return
	setup_n8n_env "$line"

	local order_ids
	import_and_execute || return
	execute_and_check store-first "$WF_STORE" "Idempotency Key: a keyed order placed" &&
		execute_and_check store-again "$WF_STORE" "Idempotency Key: the same key refused in the next execution, from n8n's database"

	# -- examples active under `n8n start` --
	tl=$SECONDS
	local collector_port
	collector_port="$(free_port)"
	E2E_ORDER_IDS="$order_ids" E2E_COLLECTOR_URL="http://127.0.0.1:$collector_port" "$SYSTEM_NODE" "$HERE/prepare.js" activate "$lw/activate"
	local activated=true id
	n8n import:workflow --separate --input="$lw/activate" >"$lw/activate.log" 2>&1 || activated=false
	for id in "$WF_STOREFRONT" "$WF_NOTIFY" "$WF_LOW_BALANCE" "$WF_PRICE_WATCH" "$WF_MCP"; do
		$activated && { n8n update:workflow --id="$id" --active=true >>"$lw/activate.log" 2>&1 || activated=false; }
	done
	if $activated; then
		pass "line $line: import and activate 4 examples and the MCP server ($((SECONDS - tl)) s)"
	else
		fail "line $line: import and activate the examples"
		show_log "$lw/activate.log"
		return
	fi

	start_bg "$lw/collector.log" "$SYSTEM_NODE" "$HERE/collector.js" "$collector_port" "$lw/collected.jsonl"
	tl=$SECONDS
	start_n8n "$line" "$lw" || return

	# What the editor asks for: the credential's Test button, the Service list's search, Fetch Test Event.
	local out
	if out="$("$SYSTEM_NODE" "$HERE/editor.js" "http://127.0.0.1:$n8n_port" "$n8n_dir" "$WF_NOTIFY" "Order Finished" "$order_ids")"; then
		pass "line $line: editor: credential test, service search, trigger's Fetch Test Event"
	else
		fail "line $line: editor: credential test, service search, trigger's Fetch Test Event"
	fi
	echo "$out"

	# The webhook example: a storefront posts an order.
	if "$SYSTEM_NODE" "$HERE/post.js" "http://127.0.0.1:$n8n_port/webhook/smm-order" \
		'{"service":1,"link":"https://www.instagram.com/e2e_storefront/","quantity":150}' "$lw/webhook-reply.json" 60; then
		pass "line $line: example storefront-webhook-order answers $(cat "$lw/webhook-reply.json")"
	else
		fail "line $line: example storefront-webhook-order: $(cat "$lw/webhook-reply.json" 2>/dev/null)"
	fi
	shop_before_restart

	# The trigger examples: every watched order once, one low balance alert, no price alert.
	note "waiting for the triggers (polls every minute; orders $order_ids finish about 80 s after they were placed)"
	wait_for "$TRIGGER_WAIT" "$SYSTEM_NODE" "$HERE/check.js" collector-ready "$lw/collected.jsonl" "$order_ids"
	local arrived=$((SECONDS - tl))

	# The tools behind the MCP Server Trigger, called by a real MCP client while the orders are
	# finished (so refills can be made; the refill workflow below runs well after they complete).
	local tm=$SECONDS
	if out="$("$SYSTEM_NODE" "$HERE/mcp.js" "http://127.0.0.1:$n8n_port/mcp/$MCP_PATH" "${panel_url%/api/v2}$STATS_PATH" "$PANEL_KEY" "$order_ids")"; then
		pass "line $line: MCP Server Trigger: tools listed and called by an MCP client, limits refused with the panel untouched ($((SECONDS - tm)) s)"
	else
		fail "line $line: MCP Server Trigger tools called by an MCP client ($((SECONDS - tm)) s)"
	fi
	echo "$out"

	sleep "$SETTLE"
	if out="$("$SYSTEM_NODE" "$HERE/check.js" collector "$lw/collected.jsonl" "$order_ids")"; then
		pass "line $line: triggers under n8n start: each finished order exactly once (all in after $arrived s, watched $SETTLE s more)"
		echo "$out"
	else
		fail "line $line: triggers under n8n start (waited $arrived + $SETTLE s)"
		echo "$out"
	fi
	shop_at_restart
	stop_bg "$n8n_pid"
	local problems
	problems="$(grep -E 'problem activating|did fail|Problem loading|Unrecognized node type|is not a function' "$lw/n8n-start.log" | sed 's/ | retry in.*//' | awk '!seen[$0]++' | head -n 5)"
	if [ -z "$problems" ]; then
		pass "line $line: n8n start log has no activation or node loading errors"
	else
		fail "line $line: n8n start log has activation or node loading errors"
		echo "$problems" | sed 's/^/      | /'
	fi
	shop_after_restart

	# -- after the orders finished: refills and cancels --
	E2E_ORDER_IDS="$order_ids" "$SYSTEM_NODE" "$HERE/prepare.js" after "$lw/after"
	if n8n import:workflow --separate --input="$lw/after" >"$lw/after-import.log" 2>&1; then
		execute_and_check refills "$WF_REFILLS" "refills created and read (Get Many from an array expression); cancel answers per id"
	else
		fail "line $line: import the refill workflow"
		show_log "$lw/after-import.log"
	fi

	stop_bg "$panel_pid"
	note "line $line took $((SECONDS - t0)) s"
}

# A smoke run on an older n8n of line 1 (the oldest the README claims): the package loads and the
# workflows run with `n8n execute` pass. The triggers, webhooks and tools are the full lines' part.
run_smoke() { # n8n version
	local version="$1" line="1 (n8n $1)" lw="$WORK/n8n-$1" t0=$SECONDS
	mkdir -p "$lw"
	echo
	echo "== n8n $version (smoke run)"
	local n8n_dir node_bin n8n_bin user panel_url panel_pid n8n_port n8n_env order_ids
	setup_n8n 1 "$lw" "$version" || return
	setup_package 1 "$lw" || return
	setup_panel 1 "$lw" 1 || return
	setup_n8n_env 1
	import_and_execute
	# Before n8n 1.82 n8n runs Order → Create through its routing alone, which gives nodes no store.
	execute_and_check store-unavailable "$WF_STORE" "Idempotency Key: refused with what to do, nothing placed (n8n before 1.82 gives it no store)"
	stop_bg "$panel_pid"
	note "n8n $version took $((SECONDS - t0)) s"
}

main() {
	pack_package
	run_lines
	local version
	for version in $SMOKE; do run_smoke "$version"; done
	echo
	echo "e2e: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# On one line, so that editing this file while it runs cannot change what runs.
main "$@"; exit $?
