#!/usr/bin/env bash
# Re-downloads the browser assets that the GraphiQL page embeds, from the npm
# registry, into static/ beside this script. Versions are pinned below; pass
# others through the environment, for example:
#
#   GRAPHIQL_VERSION=3.9.0 REACT_VERSION=18.3.1 ./vendor.sh
#
# Then update static/README.md (versions and checksums; the script prints
# them) and run the package's tests.
set -euo pipefail

GRAPHIQL_VERSION="${GRAPHIQL_VERSION:-3.9.0}"
REACT_VERSION="${REACT_VERSION:-18.3.1}"
REACT_DOM_VERSION="${REACT_DOM_VERSION:-$REACT_VERSION}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
static="$here/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch NAME VERSION: unpacks the package into $work/NAME.
fetch() {
	local name="$1" version="$2" tarball
	tarball="$(cd "$work" && npm pack --silent "$name@$version" | tail -n 1)"
	mkdir -p "$work/$name"
	tar -xzf "$work/$tarball" -C "$work/$name" --strip-components=1
}

# place PACKAGE FILE...: copies the package's files and LICENSE to static/PACKAGE/.
place() {
	local name="$1"
	shift
	rm -rf "${static:?}/$name"
	mkdir -p "$static/$name"
	cp "$work/$name/LICENSE" "$static/$name/LICENSE"
	for f in "$@"; do
		cp "$work/$name/$f" "$static/$name/$(basename "$f")"
	done
}

fetch graphiql "$GRAPHIQL_VERSION"
fetch react "$REACT_VERSION"
fetch react-dom "$REACT_DOM_VERSION"

place graphiql graphiql.min.js graphiql.min.css
place react umd/react.production.min.js
place react-dom umd/react-dom.production.min.js

echo "graphiql $(node -p "require('$work/graphiql/package.json').version")"
echo "react $(node -p "require('$work/react/package.json').version")"
echo "react-dom $(node -p "require('$work/react-dom/package.json').version")"
(cd "$static" && sha256sum graphiql/* react/* react-dom/*)
