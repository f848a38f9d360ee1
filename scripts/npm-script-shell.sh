#!/bin/sh
# The shell npm runs every package script with (.npmrc: script-shell). It runs this repo's own
# scripts, hooks included (prepack builds dist/ before `npm pack`), and skips the install-time scripts
# of dependencies, on every npm: npm 10 has no allowScripts, and several of those scripts fail here
# (README, "Install scripts").
repo_manifest="$(cd "$(dirname "$0")/.." && pwd)/package.json"
case "${npm_lifecycle_event:-}" in
preinstall | install | postinstall | prepare)
	if [ "${npm_package_json:-}" != "$repo_manifest" ]; then
		echo "skipped the $npm_lifecycle_event script of ${npm_package_name:-a dependency}: dependencies' install scripts do not run in this repo" >&2
		exit 0
	fi
	;;
esac
exec /bin/sh "$@"
