#!/bin/sh
# The demo: a seeded server on a free loopback port and the client in this
# terminal. The database and logs live in the state folder, not the tree.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
state=${BIANMIN_DEMO_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/bianmin/demo}
mkdir -p "$state"
chmod 700 "$state"
db="$state/demo.db"

if [ ! -s "$db" ]; then
	echo "demo: seeding the demo district into $db ..."
	if ! "$top/bin/bianmind" --no-config --db "$db" --seed demo; then
		rm -f "$db" "$db-wal" "$db-shm"
		exit 1
	fi
fi

rm -f "$state/port"
# the demo's own settings, whatever /etc/bianmin says; as this user
"$top/bin/bianmind" --no-config --user "$(id -un)" --db "$db" \
    --listen 127.0.0.1:0 --port-file "$state/port" \
    --log "$state/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' \
    EXIT INT TERM HUP

i=0
while [ ! -s "$state/port" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$server" 2>/dev/null; then
		echo "demo: the server did not start; see $state/server.log" >&2
		exit 1
	fi
	sleep 0.1
done
port=$(cat "$state/port")

echo "demo: server on http://127.0.0.1:$port (log: $state/server.log)"
echo "demo: log in as clerk01 / demo-clerk"
"$top/bin/bianmin" --api "http://127.0.0.1:$port" --counter 1 "$@"
