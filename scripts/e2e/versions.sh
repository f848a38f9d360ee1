# The n8n versions the e2e runs prove (sourced by install-n8n.sh, run.sh and .ci/run).
# The newest of each line that installs from the registry (2.41.3 needs @n8n/agents@0.26.2, which the
# registry lacks), and the oldest n8n the README claims (the first with the deduplication store).
N8N1_VERSION="${E2E_N8N1_VERSION:-1.123.81}"
N8N2_VERSION="${E2E_N8N2_VERSION:-2.41.1}"
N8N_OLDEST_VERSION="${E2E_N8N_OLDEST_VERSION:-1.64.3}"
