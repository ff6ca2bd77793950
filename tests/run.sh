#!/bin/sh
# Runs every test of `make check` and ends with one line:
# "N passed, N failed" (", N skipped" when some were skipped).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

# bianmind reads the tests' config file, never the machine's
# /etc/bianmin/bianmind.conf: see that file
export BIANMIND_CONFIG="$top/tests/lib/bianmind-test.conf"

pass=0
fail=0
skip=0

# Every test's temporary files go under one directory of this run: it is
# removed when all passed, and kept (and named) when something failed.
# Open to all as /tmp is, for the servers that run as another user.
runtmp=$(mktemp -d "${TMPDIR:-/tmp}/bianmin-check.XXXXXX") || exit 2
chmod 1777 "$runtmp"
export TMPDIR="$runtmp"
out=$(mktemp)
pgdir=
cleanup() {
	rm -f "$out"
	[ -z "$pgdir" ] || tests/lib/pgcluster.sh stop "$pgdir"
	if [ "$fail" -eq 0 ]; then
		rm -rf "$runtmp"
	else
		echo "# the tests' files are kept in $runtmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# A cmocka program: its "[ OK ]" lines pass, its exit code counts the
# failures, and a crash or an empty run is a failure of its own.
cmocka() {
	"$@" >"$out" 2>&1
	rc=$?
	cat "$out"
	ok=$(grep -c '^\[       OK \]' "$out")
	pass=$((pass + ok))
	if [ $rc -ge 128 ] || { [ $rc -eq 0 ] && [ "$ok" -eq 0 ]; }; then
		echo "FAILED: $* (exit $rc, $ok passed)"
		fail=$((fail + 1))
	else
		fail=$((fail + rc))
	fi
}

# A script printing "ok - name", "ok - name # skip why", "not ok - name".
tap() {
	"$@" >"$out" 2>&1
	rc=$?
	cat "$out"
	ok=$(grep '^ok ' "$out" | grep -vc '# skip')
	sk=$(grep '^ok ' "$out" | grep -c '# skip')
	bad=$(grep -c '^not ok ' "$out")
	pass=$((pass + ok))
	skip=$((skip + sk))
	fail=$((fail + bad))
	if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		echo "FAILED: $* (exit $rc)"
		fail=$((fail + 1))
	fi
}

started=$(date +%s)

# Each section's title, with the minutes the run has taken so far: where
# make check spends its time is a figure to keep an eye on.
section() {
	printf '\n=== %s (at %d s) ===\n' "$1" $(($(date +%s) - started))
}

section "translations: marked, complete, formats intact, no ambiguous width"
tap python3 scripts/check-i18n.py

section "no circles between files (includes and calls)"
tap python3 scripts/circles.py

section "every function declared in the header named for its file"
tap python3 scripts/headers.py

section "the contract as OpenAPI: linted, the routes served, the prose's examples"
tap scripts/openapi/lint.sh
tap python3 scripts/openapi/check.py

section "unit"
for t in build/tests/test-*; do
	cmocka "$t"
done

section "unit, under ASan and UBSan"
for t in build/asan-tests/test-*; do
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 cmocka "$t"
done

section "integration: the API layer against a real bianmind"
for t in build/integration/test-* build/asan-integration/test-*; do
	case $t in
	*/test-tls*) cmocka tests/integration/with-tls.sh "$t" ;;
	*/test-loopback*) cmocka tests/integration/with-netns.sh "$t" ;;
	*) cmocka tests/integration/with-servers.sh "$t" ;;
	esac
done

section "printing through a private CUPS"
for t in build/print/test-*; do
	cmocka tests/print/with-cupsd.sh "$t"
done

section "integration: bianmind's HTTP contract, every answer by docs/openapi.yaml"
for t in tests/integration/test_*.py; do
	case $t in
	*/test_pg_*) continue ;;	# below, with PostgreSQL
	esac
	tap python3 "$t"
done

section "integration: bianmind's HTTP contract on PostgreSQL"
# the same server tests against a private cluster, then the ones only
# several processes on one database can fail: serials and idempotency
# under concurrency, a database restart under load
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/bianmin-pg.XXXXXX")
if BIANMIN_TEST_PG=$(tests/lib/pgcluster.sh start "$pgdir"); then
	export BIANMIN_TEST_PG BIANMIN_TEST_PG_DIR="$pgdir"
	for t in tests/integration/test_server*.py \
	    tests/integration/test_pg_*.py; do
		tap python3 "$t"
	done
	unset BIANMIN_TEST_PG BIANMIN_TEST_PG_DIR
else
	echo "not ok - a private PostgreSQL cluster starts in $pgdir"
	fail=$((fail + 1))
fi

section "fuzzing, half a minute a target (make fuzz runs ten minutes)"
tap env FUZZ_SECONDS="${FUZZ_SECONDS:-30}" tests/fuzz/run.sh build/fuzz/fuzz-*

section "end to end in tmux"
for t in tests/e2e/test_*.py; do
	tap python3 "$t"
done

section "the date-sensitive tests at the Beijing midnight and after, the machine in UTC"
# Each file runs as if the clock read 10 s before 16:00 UTC (Beijing's
# midnight), 10 s after it, and 23:30 UTC (07:30 the next day there):
# a test that takes "today" from the machine's zone fails here. Of a file
# whose tests are marked @dated (tests/lib/harness.py), only those run.
DATED="tests/integration/test_server_applications.py
tests/integration/test_server_certificates.py
tests/integration/test_server_rules.py
tests/integration/test_server_queue.py
tests/integration/test_server_handoffs.py
tests/integration/test_server_admin.py
tests/integration/test_server_ratings.py
tests/integration/test_server_event_flow.py
tests/integration/test_server_payments.py
tests/e2e/test_event_flow.py
tests/e2e/test_fees.py
tests/e2e/test_today.py
tests/e2e/test_time.py"
for at in 15:59:50 16:00:10 23:30:00; do
	for t in $DATED; do
		tap env TZ=UTC BIANMIN_DATED_ONLY=1 tests/lib/at-utc.sh \
		    "$at" python3 "$t"
	done
done

section "the client on a PC in New York shows the service's dates"
for t in tests/e2e/test_time.py tests/e2e/test_today.py; do
	tap env TZ=America/New_York tests/lib/at-utc.sh 17:30:00 python3 "$t"
done

echo
echo "# make check's tests took $(($(date +%s) - started)) s"
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
