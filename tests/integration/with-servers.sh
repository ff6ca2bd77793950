#!/bin/sh
# Runs one integration program with a seeded bianmind and a server of
# broken replies on loopback; their URLs go in BIANMIN_TEST_API and
# BIANMIN_TEST_BAD_API. Both are stopped when the program ends.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
server=""
bad=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	[ -n "$bad" ] && kill "$bad" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

python3 -c "import sys; sys.path.insert(0, '$top/tests/lib');
import harness, shutil; shutil.copy(harness.seeded_db(), '$dir/test.db')" ||
    exit 2
"$top/bin/bianmind" --db "$dir/test.db" --listen 127.0.0.1:0 \
    --port-file "$dir/port" --log "$dir/server.log" &
server=$!
python3 "$top/tests/fixtures/bad_server.py" "$dir/badport" &
bad=$!
i=0
while [ ! -s "$dir/port" ] || [ ! -s "$dir/badport" ]; do
	i=$((i + 1))
	if [ $i -gt 200 ]; then
		echo "with-servers: the servers did not start" >&2
		exit 2
	fi
	sleep 0.05
done
BIANMIN_TEST_API="http://127.0.0.1:$(cat "$dir/port")" \
BIANMIN_TEST_BAD_API="http://127.0.0.1:$(cat "$dir/badport")" "$@"
