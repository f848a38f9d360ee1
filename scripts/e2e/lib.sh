#!/usr/bin/env bash
# What the end-to-end scripts share (sourced by run.sh, editor/run.sh and queue/run.sh): counting PASS/FAIL lines,
# background processes stopped by their id, free ports, packing the package, and per n8n line:
# n8n from the cache, the package installed into the user folder the way n8n installs community
# packages, the demo panel, n8n's environment and `n8n start`.
#
# The sourcing script sets HERE (scripts/e2e), ROOT, WORK, SYSTEM_NODE, PANEL_KEY and E2E_NAME (the
# name in its summary line). The setup_* functions set variables the caller declares `local`
# (bash's dynamic scope), named in each function's comment; they return 1 after a FAIL line.

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
note() { echo "      $*"; }
# The last lines of a log, indented, when a step failed.
show_log() { [ -s "$1" ] && tail -n "${2:-25}" "$1" | sed 's/^/      | /'; }

# ---- background processes: each in its own process group, stopped by its id ----
STARTED=()
BG_PID=
start_bg() { # log command...
	local log="$1"
	shift
	setsid "$@" >"$log" 2>&1 &
	BG_PID=$!
	STARTED+=("$BG_PID")
}
stop_bg() { # pid
	local pid="$1" i
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	for i in $(seq 1 30); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() {
	local pid
	for pid in "${STARTED[@]}"; do stop_bg "$pid"; done
	if [ "$failed" -eq 0 ] && [ "${E2E_KEEP:-}" != 1 ]; then rm -rf "$WORK"; else echo "$E2E_NAME: logs and outputs kept in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$SYSTEM_NODE" "$HERE/free-port.js"; }
wait_for() { # seconds command... : retries the command every second
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 1
	done
}
http_ok() { "$SYSTEM_NODE" -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }

# run_line (each script's own) for every line in $LINES.
run_lines() {
	local line
	for line in $LINES; do
		case "$line" in
		1 | 2) run_line "$line" ;;
		*) fail "unknown line \"$line\" in E2E_LINES (use 1 and/or 2)" ;;
		esac
	done
}

pack_package() {
	# preconditions
	for f in dist/nodes/SmmPanel/SmmPanel.node.js dist/nodes/SmmPanel/SmmPanelTrigger.node.js dist/credentials/SmmPanelApi.credentials.js build/demo/panel/cli.js; do
		if [ ! -f "$ROOT/$f" ]; then
			echo "FAIL  $f is missing: run npm run build && npm run build:tools first"
			echo "$E2E_NAME: 0 passed, 1 failed"
			exit 1
		fi
	done

	echo "== pack"
	TARBALL=
	if [ -n "${E2E_TARBALL:-}" ]; then
		cp "$E2E_TARBALL" "$WORK/" && TARBALL="$WORK/$(basename "$E2E_TARBALL")"
	elif (cd "$ROOT" && npm pack --silent --pack-destination "$WORK" >"$WORK/pack.log" 2>&1); then
		TARBALL="$(ls "$WORK"/n8n-nodes-smm-panel-*.tgz 2>/dev/null | head -n 1)"
	fi
	if [ -n "$TARBALL" ]; then
		pass "npm pack: $(basename "$TARBALL") ($(tar tzf "$TARBALL" | wc -l) files)"
	else
		fail "npm pack"
		show_log "$WORK/pack.log"
	fi
}

# ---- one n8n line ----
# Sets n8n_dir, node_bin, n8n_bin.
setup_n8n() { # line lw [n8n version]
	local line="$1" lw="$2" tl=$SECONDS installed
	if ! installed="$(bash "$HERE/install-n8n.sh" "$line" ${3:+"$3"} 2>"$lw/install.log")"; then
		fail "line $line: install n8n ($((SECONDS - tl)) s)"
		show_log "$lw/install.log"
		return 1
	fi
	read -r n8n_dir node_bin <<<"$installed"
	n8n_bin="$n8n_dir/node_modules/n8n/bin/n8n"
	local n8n_version node_version
	n8n_version="$("$node_bin/node" -p "require('$n8n_dir/node_modules/n8n/package.json').version")"
	node_version="$("$node_bin/node" -v)"
	pass "line $line: n8n $n8n_version on Node $node_version ready in $((SECONDS - tl)) s ($(grep -q reusing "$lw/install.log" && echo cached || echo installed))"
}

# The package, installed the way n8n installs community packages. Sets user (the user folder).
setup_package() { # line lw
	local line="$1" lw="$2"
	user="$lw/user"
	local nodes="$lw/user/.n8n/nodes"
	mkdir -p "$nodes"
	echo '{"name":"installed-nodes","private":true,"dependencies":{}}' >"$nodes/package.json"
	if [ -n "$TARBALL" ] &&
		(cd "$nodes" && PATH="$node_bin:$PATH" npm install --ignore-scripts --legacy-peer-deps --no-audit --no-fund "$TARBALL" >"$lw/nodes-install.log" 2>&1) &&
		[ -f "$nodes/node_modules/n8n-nodes-smm-panel/dist/nodes/SmmPanel/SmmPanel.node.js" ]; then
		pass "line $line: package installed into .n8n/nodes ($(ls "$nodes/node_modules" | tr '\n' ' '))"
	else
		fail "line $line: package installed into .n8n/nodes"
		show_log "$lw/nodes-install.log"
		return 1
	fi
}

# The demo panel at the given speed (PANEL_TIME_SCALE), with any further PANEL_* settings given
# (e.g. PANEL_RATE_LIMIT=20). Sets panel_url, panel_pid.
setup_panel() { # line lw time-scale [PANEL_SETTING=value...]
	local line="$1" lw="$2" time_scale="$3" panel_port
	shift 3
	panel_port="$(free_port)"
	start_bg "$lw/panel.log" env PANEL_PORT="$panel_port" PANEL_API_KEY="$PANEL_KEY" PANEL_TIME_SCALE="$time_scale" PANEL_STATS_PATH="${STATS_PATH:-}" "$@" \
		"$SYSTEM_NODE" "$ROOT/build/demo/panel/cli.js"
	panel_pid=$BG_PID
	if wait_for 15 grep -q 'URL:' "$lw/panel.log"; then
		panel_url="$(grep -o 'http://[^ ]*' "$lw/panel.log" | head -n 1)"
		pass "line $line: demo panel at $panel_url"
	else
		fail "line $line: demo panel start"
		show_log "$lw/panel.log"
		return 1
	fi
}

# n8n's environment for this line (needs n8n_bin, node_bin, user). Sets n8n_env, n8n_port; defines n8n.
setup_n8n_env() { # line
	local line="$1" broker_port
	n8n_port="$(free_port)"
	broker_port="$(free_port)"
	n8n_env=(
		PATH="$node_bin:$PATH"
		N8N_USER_FOLDER="$user"
		N8N_ENCRYPTION_KEY=smm-panel-e2e-fixed-encryption-key
		N8N_LOG_LEVEL=info
		N8N_DIAGNOSTICS_ENABLED=false
		N8N_VERSION_NOTIFICATIONS_ENABLED=false
		N8N_TEMPLATES_ENABLED=false
		N8N_PERSONALIZATION_ENABLED=false
		N8N_SECURE_COOKIE=false
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
		N8N_PORT="$n8n_port"
		N8N_LISTEN_ADDRESS=127.0.0.1
		N8N_RUNNERS_BROKER_PORT="$broker_port"
		GENERIC_TIMEZONE=UTC
	)
	[ "$line" = 1 ] && n8n_env+=(N8N_EXPRESSION_ENGINE=legacy)
	# n8n 2.x refreshes a registry of MCP servers from the internet at start; nothing here needs it.
	[ "$line" = 2 ] && n8n_env+=(N8N_DISABLED_MODULES=mcp-registry)
	n8n() { env "${n8n_env[@]}" "$n8n_bin" "$@"; }
}

# `n8n start` in the background, until its editor answers. Sets n8n_pid.
start_n8n() { # line lw
	local line="$1" lw="$2" tl=$SECONDS
	start_bg "$lw/n8n-start.log" env "${n8n_env[@]}" "$n8n_bin" start
	n8n_pid=$BG_PID
	if wait_for 120 http_ok "http://127.0.0.1:$n8n_port/healthz" && wait_for 60 grep -q 'Editor is now accessible' "$lw/n8n-start.log"; then
		pass "line $line: n8n start ready in $((SECONDS - tl)) s"
	else
		fail "line $line: n8n start"
		show_log "$lw/n8n-start.log" 40
		stop_bg "$n8n_pid"
		return 1
	fi
}
