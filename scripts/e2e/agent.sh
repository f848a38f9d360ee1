# The AI Agent run of the e2e (agent.js): n8n's AI Agent and OpenAI Chat Model node with the SMM
# Panel tools as the README's recipe sets them up, against a scripted OpenAI-compatible server.
# Sourced by run.sh; called from run_line (it sees run_line's locals: lw, line, n8n_port,
# panel_url, order_ids) after the other workflows are active, and again under `n8n start`.
AGENT_WORKFLOW=smmE2eAgent00001
AGENT_WEBHOOK=smm-e2e-agent
agent_model_pid=""

agent_setup() { # before `n8n start`: the model server, its credential and the workflow, active
	local model_port tl=$SECONDS
	model_port="$(free_port)"
	: >"$lw/model-requests.jsonl"
	start_bg "$lw/model-server.log" "$SYSTEM_NODE" "$HERE/agent.js" serve "$model_port" "$lw/model-requests.jsonl"
	agent_model_pid=$BG_PID
	if E2E_MODEL_URL="http://127.0.0.1:$model_port/v1" "$SYSTEM_NODE" "$HERE/agent.js" prepare "$lw/agent" "$lw/agent-credentials.json" "$line" &&
		n8n import:credentials --input="$lw/agent-credentials.json" >"$lw/agent-import.log" 2>&1 &&
		n8n import:workflow --separate --input="$lw/agent" >>"$lw/agent-import.log" 2>&1 &&
		n8n update:workflow --id="$AGENT_WORKFLOW" --active=true >>"$lw/agent-import.log" 2>&1; then
		pass "line $line: import and activate the AI Agent workflow, scripted model server on port $model_port ($((SECONDS - tl)) s)"
	else
		fail "line $line: import and activate the AI Agent workflow"
		show_log "$lw/agent-import.log"
	fi
}

agent_run() { # under `n8n start`, once the orders finished (so refills can be asked for)
	local ta=$SECONDS out
	if out="$("$SYSTEM_NODE" "$HERE/agent.js" ask "http://127.0.0.1:$n8n_port/webhook/$AGENT_WEBHOOK" "$order_ids" "$lw/agent-reply.txt" \
		"$lw/model-requests.jsonl" "${panel_url%/api/v2}$STATS_PATH" "$PANEL_KEY")"; then
		pass "line $line: AI Agent with the OpenAI Chat Model: statuses, balance, a comments order, two refusals the model read (panel untouched), refills ($((SECONDS - ta)) s)"
	else
		fail "line $line: AI Agent with the OpenAI Chat Model ($((SECONDS - ta)) s)"
		show_log "$lw/model-server.log" 10
	fi
	echo "$out"
	[ -z "$agent_model_pid" ] || stop_bg "$agent_model_pid"
}
