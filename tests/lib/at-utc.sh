#!/bin/sh
# at-utc.sh HH:MM:SS COMMAND...: runs COMMAND as if the clock read that
# time (UTC) of today's UTC date, for it and every process it starts,
# and with the machine's zone UTC unless TZ says otherwise. One offset
# from the real clock (libfaketime), so the test, bianmind and the
# client agree on the time and it goes on running. (Monotonic clocks are
# shifted too: with them left alone, libfaketime 0.9.10 fails Python's
# sleeps with EINVAL.) Each TAP line gets the instant.
set -eu
at=$1
shift
if ! command -v faketime >/dev/null; then
	echo "not ok - faketime is installed (make deps)"
	exit 1
fi
now=$(date -u +%s)
target=$(date -u -d "$(date -u +%F) $at UTC" +%s)
export TZ="${TZ:-UTC}"
# a pipe would hide the command's exit code: keep it in a file
rc=$(mktemp)
{ st=0
  faketime -m -f "$(printf '%+d' $((target - now)))" "$@" 2>&1 || st=$?
  echo $st >"$rc"; } |
    sed "s#^\(not ok\|ok\) - #\1 - [$at UTC, TZ=$TZ] #"
status=$(cat "$rc")
rm -f "$rc"
exit "$status"
