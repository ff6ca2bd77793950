#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 10) over its
# committed corpus, keeping new finds out of the tree; prints
# "ok - NAME" or "not ok - NAME" for the test runner.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-10}
rc=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus="$top/tests/fuzz/corpus/${name#fuzz-}"
	work=$(mktemp -d)
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
	    -dict="$top/tests/fuzz/fuzz.dict" -artifact_prefix="$work/" \
	    -print_final_stats=1 "$work" "$corpus" >"$work/log" 2>&1; then
		echo "ok - $name ($(grep -o 'stat::number_of_executed_units: [0-9]*' \
		    "$work/log" | grep -o '[0-9]*$') runs in ${seconds}s)"
	else
		echo "not ok - $name"
		tail -n 40 "$work/log" | sed 's/^/#   /'
		mkdir -p "$top/build/fuzz-artifacts"
		for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
		    "$work"/oom-*; do
			[ -f "$a" ] || continue
			cp "$a" "$top/build/fuzz-artifacts/$name-$(basename "$a")"
			echo "#   kept: build/fuzz-artifacts/$name-$(basename "$a")"
		done
		rc=1
	fi
	rm -rf "$work"
done
exit $rc
