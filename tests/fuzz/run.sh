#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) over its
# committed corpus, FUZZ_JOBS (default: the CPUs) at a time, keeping new
# finds out of the tree; prints "ok - NAME" or "not ok - NAME" for the
# test runner, in the order given.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# One target; its TAP lines go to $results/NAME, its status to NAME.rc.
one() {
	bin=$1
	name=$(basename "$bin")
	corpus="$top/tests/fuzz/corpus/${name#fuzz-}"
	work=$(mktemp -d)
	out="$results/$name"
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
	    -dict="$top/tests/fuzz/fuzz.dict" -artifact_prefix="$work/" \
	    -print_final_stats=1 "$work" "$corpus" >"$work/log" 2>&1; then
		echo "ok - $name ($(grep -o 'stat::number_of_executed_units: [0-9]*' \
		    "$work/log" | grep -o '[0-9]*$') runs in ${seconds}s)" >"$out"
		echo 0 >"$out.rc"
	else
		{
			echo "not ok - $name"
			tail -n 40 "$work/log" | sed 's/^/#   /'
			mkdir -p "$top/build/fuzz-artifacts"
			for a in "$work"/crash-* "$work"/leak-* \
			    "$work"/timeout-* "$work"/oom-*; do
				[ -f "$a" ] || continue
				k="$name-$(basename "$a")"
				cp "$a" "$top/build/fuzz-artifacts/$k"
				echo "#   kept: build/fuzz-artifacts/$k"
			done
		} >"$out"
		echo 1 >"$out.rc"
	fi
	rm -rf "$work"
}

running=0
for bin in "$@"; do
	one "$bin" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

rc=0
for bin in "$@"; do
	name=$(basename "$bin")
	if [ -f "$results/$name" ]; then
		cat "$results/$name"
	else
		echo "not ok - $name (did not report)"
	fi
	[ "$(cat "$results/$name.rc" 2>/dev/null)" = 0 ] || rc=1
done
exit $rc
