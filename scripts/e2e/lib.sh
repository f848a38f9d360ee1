# Shared by the end-to-end scripts (run.sh, queue/run.sh); sourced, not run.
# Results, background processes, ports, the packed package, n8n installs and the demo panel.
# The sourcing script sets ROOT (the repo), WORK (its work folder) and SYSTEM_NODE first.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ---- results ----
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
# Last started first: n8n stops before the database and Redis it uses.
stop_all_bg() {
	local i
	for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_bg "${STARTED[i]}"; done
}
cleanup() {
	stop_all_bg
	if [ "$failed" -eq 0 ] && [ "${E2E_KEEP:-}" != 1 ]; then rm -rf "$WORK"; else echo "e2e: logs and outputs kept in $WORK"; fi
}

free_port() { "$SYSTEM_NODE" "$E2E_DIR/free-port.js"; }
wait_for() { # seconds command... : retries the command every second
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 1
	done
}
http_ok() { "$SYSTEM_NODE" -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }

# ---- the package ----
# Sets TARBALL (empty when packing failed).
pack_package() {
	# preconditions
	for f in dist/nodes/SmmPanel/SmmPanel.node.js dist/nodes/SmmPanel/SmmPanelTrigger.node.js dist/credentials/SmmPanelApi.credentials.js build/demo/panel/cli.js; do
		if [ ! -f "$ROOT/$f" ]; then
			echo "FAIL  $f is missing: run npm run build && npm run build:tools first"
			echo "e2e: 0 passed, 1 failed"
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

# ---- n8n and the package inside it ----
# n8n for one line, from the cache or installed into it (install-n8n.sh). Sets N8N_DIR, NODE_BIN
# (folder of the node binary to run it with) and N8N_BIN. Returns 1 (after a FAIL) when it cannot.
install_n8n_line() { # line log
	local line="$1" log="$2" t0=$SECONDS installed
	if ! installed="$(bash "$E2E_DIR/install-n8n.sh" "$line" 2>"$log")"; then
		fail "line $line: install n8n ($((SECONDS - t0)) s)"
		show_log "$log"
		return 1
	fi
	read -r N8N_DIR NODE_BIN <<<"$installed"
	N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
	local n8n_version node_version
	n8n_version="$("$NODE_BIN/node" -p "require('$N8N_DIR/node_modules/n8n/package.json').version")"
	node_version="$("$NODE_BIN/node" -v)"
	pass "line $line: n8n $n8n_version on Node $node_version ready in $((SECONDS - t0)) s ($(grep -q reusing "$log" && echo cached || echo installed))"
}

# The packed package installed into <user>/.n8n/nodes the way n8n installs community packages.
install_package() { # line user-folder log
	local line="$1" nodes="$2/.n8n/nodes" log="$3"
	mkdir -p "$nodes"
	echo '{"name":"installed-nodes","private":true,"dependencies":{}}' >"$nodes/package.json"
	if [ -n "$TARBALL" ] &&
		(cd "$nodes" && PATH="$NODE_BIN:$PATH" npm install --ignore-scripts --legacy-peer-deps --no-audit --no-fund "$TARBALL" >"$log" 2>&1) &&
		[ -f "$nodes/node_modules/n8n-nodes-smm-panel/dist/nodes/SmmPanel/SmmPanel.node.js" ]; then
		pass "line $line: package installed into .n8n/nodes ($(ls "$nodes/node_modules" | tr '\n' ' '))"
	else
		fail "line $line: package installed into .n8n/nodes"
		show_log "$log"
		return 1
	fi
}

# n8n's environment shared by every n8n process of a line; sets the array N8N_ENV.
n8n_env_for() { # line user-folder n8n-port runner-broker-port
	N8N_ENV=(
		PATH="$NODE_BIN:$PATH"
		N8N_USER_FOLDER="$2"
		N8N_ENCRYPTION_KEY=smm-panel-e2e-fixed-encryption-key
		N8N_LOG_LEVEL=info
		N8N_DIAGNOSTICS_ENABLED=false
		N8N_VERSION_NOTIFICATIONS_ENABLED=false
		N8N_TEMPLATES_ENABLED=false
		N8N_PERSONALIZATION_ENABLED=false
		N8N_SECURE_COOKIE=false
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
		N8N_PORT="$3"
		N8N_LISTEN_ADDRESS=127.0.0.1
		N8N_RUNNERS_BROKER_PORT="$4"
		GENERIC_TIMEZONE=UTC
	)
	[ "$1" = 1 ] && N8N_ENV+=(N8N_EXPRESSION_ENGINE=legacy)
	return 0
}

# ---- the demo panel ----
# Starts it with the given PANEL_* settings; sets PANEL_PID and PANEL_URL. Returns 1 (after a FAIL) when it does not start.
start_panel() { # line log PANEL_SETTING=value...
	local line="$1" log="$2" port
	shift 2
	port="$(free_port)"
	start_bg "$log" env PANEL_PORT="$port" "$@" "$SYSTEM_NODE" "$ROOT/build/demo/panel/cli.js"
	PANEL_PID=$BG_PID
	if wait_for 15 grep -q 'URL:' "$log"; then
		PANEL_URL="$(grep -o 'http://[^ ]*' "$log" | head -n 1)"
		pass "line $line: demo panel at $PANEL_URL"
	else
		fail "line $line: demo panel start"
		show_log "$log"
		return 1
	fi
}
