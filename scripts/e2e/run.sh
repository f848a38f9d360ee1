#!/usr/bin/env bash
# End-to-end test: the packed package inside real n8n, for each line users run.
#   line 1: n8n 1.x on the system Node (20)      line 2: n8n 2.x on Node 24
#
# Run after `npm run build && npm run build:tools` (that is `npm run e2e`). Per line it installs n8n
# into a cache outside the repo (reused when there), installs the tarball into the user folder the way
# n8n installs community packages, starts the demo panel, imports credentials and workflows with n8n's
# CLI, runs the e2e workflows with `n8n execute`, then runs `n8n start` with the examples active and
# checks the webhook example and the triggers (each finished order arrives exactly once).
#
# Environment:
#   E2E_LINES="1 2"       lines to run
#   E2E_CACHE             n8n installs (default ~/.cache/n8n-nodes-smm-panel-e2e)
#   E2E_TRIGGER_WAIT=180  seconds to wait for the triggers' items under `n8n start`
#   E2E_SETTLE=70         seconds to keep n8n running after that, to catch duplicates
#   E2E_KEEP=1            keep the work folder (logs, outputs) even when everything passed
#   E2E_TARBALL=path.tgz  test this tarball instead of packing the work tree
#   E2E_PANEL_TIME_SCALE=0.1  demo panel speed (0.1: an order takes ~80 s, so it finishes between polls)
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LINES="${E2E_LINES:-1 2}"
TRIGGER_WAIT="${E2E_TRIGGER_WAIT:-180}"
SETTLE="${E2E_SETTLE:-70}"
PANEL_KEY="demo-key-e2e-$RANDOM$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e.XXXXXX")"
SYSTEM_NODE="$(command -v node)"

# Workflow ids, as in prepare.js and workflows/*.json.
WF_READ=smmE2eRead000001 WF_ORDERS=smmE2eOrders0001 WF_ERRORS=smmE2eErrors0001 WF_REFILLS=smmE2eRefills001
WF_BULK=smmExBulk0000001 WF_STOREFRONT=smmExStorefront1 WF_NOTIFY=smmExNotify00001
WF_LOW_BALANCE=smmExLowBalance1 WF_PRICE_WATCH=smmExPriceWatch1

# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- one line ----
run_line() { # 1|2
	local line="$1" lw="$WORK/line$line" t0=$SECONDS tl
	mkdir -p "$lw"
	echo
	echo "== line $line"

	# -- n8n itself, from the cache or installed into it --
	install_n8n_line "$line" "$lw/install.log" || return
	local n8n_dir="$N8N_DIR" n8n_bin="$N8N_BIN"

	# -- the package, installed the way n8n installs community packages --
	local user="$lw/user"
	install_package "$line" "$user" "$lw/nodes-install.log" || return

	# -- the demo panel --
	# Slow enough that the orders placed below are still running when the trigger first polls.
	start_panel "$line" "$lw/panel.log" PANEL_API_KEY="$PANEL_KEY" PANEL_TIME_SCALE="${E2E_PANEL_TIME_SCALE:-0.1}" || return
	local panel_pid=$PANEL_PID panel_url=$PANEL_URL

	# -- n8n's environment for this line --
	local n8n_port broker_port
	n8n_port="$(free_port)"
	broker_port="$(free_port)"
	n8n_env_for "$line" "$user" "$n8n_port" "$broker_port"
	local n8n_env=("${N8N_ENV[@]}")
	n8n() { env "${n8n_env[@]}" "$n8n_bin" "$@"; }

	# -- import --
	tl=$SECONDS
	E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" "$SYSTEM_NODE" "$HERE/prepare.js" credentials "$lw/credentials.json" &&
		"$SYSTEM_NODE" "$HERE/prepare.js" run "$lw/run"
	if n8n import:credentials --input="$lw/credentials.json" >"$lw/import.log" 2>&1 &&
		n8n import:workflow --separate --input="$lw/run" >>"$lw/import.log" 2>&1; then
		pass "line $line: import credentials and $(ls "$lw/run" | wc -l) workflows ($((SECONDS - tl)) s)"
	else
		fail "line $line: import credentials and workflows"
		show_log "$lw/import.log"
		return
	fi

	# -- workflows run with `n8n execute` --
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
	execute_and_check read "$WF_READ" "services listed, filtered; balance read"
	execute_and_check orders "$WF_ORDERS" "orders placed, read with Get Many and Get; estimate only" "$lw/order-ids"
	execute_and_check errors "$WF_ERRORS" "panel errors as items (wrong key, below min, unknown id)"
	execute_and_check bulk "$WF_BULK" "example scheduled-bulk-orders (manual start) places its rows"
	local order_ids
	order_ids="$(cat "$lw/order-ids" 2>/dev/null)"
	if [ -z "$order_ids" ]; then
		fail "line $line: no order ids to watch; trigger steps skipped"
		return
	fi

	# -- examples active under `n8n start` --
	tl=$SECONDS
	local collector_port
	collector_port="$(free_port)"
	E2E_ORDER_IDS="$order_ids" E2E_COLLECTOR_URL="http://127.0.0.1:$collector_port" "$SYSTEM_NODE" "$HERE/prepare.js" activate "$lw/activate"
	local activated=true id
	n8n import:workflow --separate --input="$lw/activate" >"$lw/activate.log" 2>&1 || activated=false
	for id in "$WF_STOREFRONT" "$WF_NOTIFY" "$WF_LOW_BALANCE" "$WF_PRICE_WATCH"; do
		$activated && { n8n update:workflow --id="$id" --active=true >>"$lw/activate.log" 2>&1 || activated=false; }
	done
	if $activated; then
		pass "line $line: import and activate 4 examples ($((SECONDS - tl)) s)"
	else
		fail "line $line: import and activate the examples"
		show_log "$lw/activate.log"
		return
	fi

	start_bg "$lw/collector.log" "$SYSTEM_NODE" "$HERE/collector.js" "$collector_port" "$lw/collected.jsonl"
	tl=$SECONDS
	start_bg "$lw/n8n-start.log" env "${n8n_env[@]}" "$n8n_bin" start
	local n8n_pid=$BG_PID
	if wait_for 120 http_ok "http://127.0.0.1:$n8n_port/healthz" && wait_for 60 grep -q 'Editor is now accessible' "$lw/n8n-start.log"; then
		pass "line $line: n8n start ready in $((SECONDS - tl)) s"
	else
		fail "line $line: n8n start"
		show_log "$lw/n8n-start.log" 40
		stop_bg "$n8n_pid"
		return
	fi

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

	# The trigger examples: every watched order once, one low balance alert, no price alert.
	note "waiting for the triggers (polls every minute; orders $order_ids finish about 80 s after they were placed)"
	wait_for "$TRIGGER_WAIT" "$SYSTEM_NODE" "$HERE/check.js" collector-ready "$lw/collected.jsonl" "$order_ids"
	local arrived=$((SECONDS - tl))
	sleep "$SETTLE"
	if out="$("$SYSTEM_NODE" "$HERE/check.js" collector "$lw/collected.jsonl" "$order_ids")"; then
		pass "line $line: triggers under n8n start: each finished order exactly once (all in after $arrived s, watched $SETTLE s more)"
		echo "$out"
	else
		fail "line $line: triggers under n8n start (waited $arrived + $SETTLE s)"
		echo "$out"
	fi
	stop_bg "$n8n_pid"
	local problems
	problems="$(grep -E 'problem activating|did fail|Problem loading|Unrecognized node type|is not a function' "$lw/n8n-start.log" | sed 's/ | retry in.*//' | awk '!seen[$0]++' | head -n 5)"
	if [ -z "$problems" ]; then
		pass "line $line: n8n start log has no activation or node loading errors"
	else
		fail "line $line: n8n start log has activation or node loading errors"
		echo "$problems" | sed 's/^/      | /'
	fi

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

main() {
	pack_package
	local line
	for line in $LINES; do
		case "$line" in
		1 | 2) run_line "$line" ;;
		*) fail "unknown line \"$line\" in E2E_LINES (use 1 and/or 2)" ;;
		esac
	done
	echo
	echo "e2e: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# On one line, so that editing this file while it runs cannot change what runs.
main "$@"; exit $?
