#!/bin/sh
# Lints docs/openapi.yaml with the pinned @redocly/cli that make deps
# installs into build/openapi, by the rules of redocly.yaml here; one
# TAP line, its output below it when it fails.
top=$(cd "$(dirname "$0")/../.." && pwd)
redocly=$top/build/openapi/node_modules/.bin/redocly
name="docs/openapi.yaml passes redocly lint (scripts/openapi/redocly.yaml)"
if [ ! -x "$redocly" ]; then
	echo "not ok - $name"
	echo "#   no $redocly: run make deps"
	exit 1
fi
out=$(cd "$top" && REDOCLY_TELEMETRY=off \
    REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 "$redocly" lint \
    --config scripts/openapi/redocly.yaml docs/openapi.yaml 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
	echo "ok - $name"
else
	echo "not ok - $name"
	echo "$out" | sed 's/^/#   /'
fi
exit $rc
