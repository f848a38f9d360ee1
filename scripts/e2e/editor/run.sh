#!/usr/bin/env bash
# The editor in a real browser: for each n8n line, the packed package installed into real n8n the
# way n8n installs community packages (as `npm run e2e` does, see ../lib.sh), the demo panel, and
# Chromium driven by Playwright through what a new user does (browser.js: owner setup, node panel,
# credential Test, fields, order types, Service list, Execute step, Fetch Test Event).
#
# Run after `npm run build && npm run build:tools` (that is `npm run e2e:editor`).
#
# Environment:
#   E2E_LINES="1 2"       lines to run (1: n8n 1.x on Node 20, 2: n8n 2.x on Node 24)
#   E2E_CACHE             n8n installs (default ~/.cache/n8n-nodes-smm-panel-e2e)
#   E2E_CONTRACT          the contract to compare fields with (default test/fixtures/contract.md)
#   E2E_SCREENSHOTS=docs  copy the last line's screenshots into docs/ (for the README)
#   E2E_BROWSER_TIMEOUT=600  seconds the browser checks of one line may take in all
#   E2E_KEEP=1            keep the work folder (logs, screenshots) even when everything passed
#   E2E_TARBALL=path.tgz  test this tarball instead of packing the work tree
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LINES="${E2E_LINES:-1 2}"
CONTRACT="${E2E_CONTRACT:-$ROOT/test/fixtures/contract.md}"
PANEL_KEY="demo-key-e2e-$RANDOM$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smm-panel-e2e-editor.XXXXXX")"
SYSTEM_NODE="$(command -v node)"
CHROMIUM=/usr/bin/chromium
BROWSER_TIMEOUT="${E2E_BROWSER_TIMEOUT:-600}"
WF_TRIGGER=smmEditorTrig001 # as in workflows/editor-trigger.json

E2E_NAME=e2e:editor
# shellcheck source=../lib.sh
source "$HERE/lib.sh"

# Debian's Chromium: Playwright's own browser downloads do not work here.
ensure_chromium() {
	if [ -x "$CHROMIUM" ]; then
		pass "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
		return
	fi
	local t0=$SECONDS
	echo "== installing chromium (apt-get)"
	if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } >"$WORK/apt.log" 2>&1 && [ -x "$CHROMIUM" ]; then
		pass "chromium installed in $((SECONDS - t0)) s: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
	else
		fail "chromium: apt-get install chromium"
		show_log "$WORK/apt.log"
	fi
}

run_line() { # 1|2
	local line="$1" lw="$WORK/line$line" t0=$SECONDS tl
	mkdir -p "$lw/screenshots"
	echo
	echo "== line $line"

	local n8n_dir node_bin n8n_bin user panel_url panel_pid n8n_port n8n_env n8n_pid
	setup_n8n "$line" "$lw" || return
	setup_package "$line" "$lw" || return
	setup_panel "$line" "$lw" 1 || return
	setup_n8n_env "$line"

	# A trigger workflow with saved state, for Fetch Test Event to leave alone.
	tl=$SECONDS
	if n8n import:workflow --input="$HERE/workflows/editor-trigger.json" >"$lw/import.log" 2>&1; then
		pass "line $line: import the trigger workflow ($((SECONDS - tl)) s)"
	else
		fail "line $line: import the trigger workflow"
		show_log "$lw/import.log"
		return
	fi

	start_n8n "$line" "$lw" || return

	# Each step has its own timeout; this bounds the whole browser run as well.
	tl=$SECONDS
	E2E_BASE="http://127.0.0.1:$n8n_port" E2E_PANEL_URL="$panel_url" E2E_PANEL_KEY="$PANEL_KEY" E2E_LINE="$line" \
		E2E_OUT="$lw/screenshots" E2E_CONTRACT="$CONTRACT" E2E_TRIGGER_WORKFLOW="$WF_TRIGGER" \
		timeout --kill-after=10 "$BROWSER_TIMEOUT" "$SYSTEM_NODE" "$HERE/editor/browser.js" 2>&1 | tee "$lw/browser.log"
	local rc=${PIPESTATUS[0]}
	passed=$((passed + $(grep -c '^PASS ' "$lw/browser.log")))
	failed=$((failed + $(grep -c '^FAIL ' "$lw/browser.log")))
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$lw/browser.log"; then
		fail "line $line: editor: the browser run ended with exit code $rc ($((SECONDS - tl)) s; 124: over ${BROWSER_TIMEOUT} s)"
	fi
	note "browser checks took $((SECONDS - tl)) s"
	LAST_SCREENSHOTS="$lw/screenshots"

	stop_bg "$n8n_pid"
	stop_bg "$panel_pid"
	note "line $line took $((SECONDS - t0)) s"
}

main() {
	local t0=$SECONDS
	ensure_chromium
	if [ ! -f "$CONTRACT" ]; then
		fail "contract not found at $CONTRACT (set E2E_CONTRACT)"
		echo "e2e:editor: $passed passed, $failed failed"
		return 1
	fi
	pack_package
	LAST_SCREENSHOTS=
	run_lines
	if [ "${E2E_SCREENSHOTS:-}" = docs ] && [ -n "$LAST_SCREENSHOTS" ] && [ "$failed" -eq 0 ]; then
		local shot
		mkdir -p "$ROOT/docs"
		for shot in node-panel credential-test order-type-fields service-list; do
			cp "$LAST_SCREENSHOTS/$shot.png" "$ROOT/docs/editor-$shot.png"
		done
		note "screenshots copied into docs/ (editor-*.png)"
	fi
	echo
	echo "e2e:editor: $passed passed, $failed failed ($((SECONDS - t0)) s)"
	[ "$failed" -eq 0 ]
}

# On one line, so that editing this file while it runs cannot change what runs.
main "$@"; exit $?
