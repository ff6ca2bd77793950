#!/bin/sh
# A private PostgreSQL cluster for the server tests.
#   pgcluster.sh start DIR   initdb into DIR, start on a free loopback
#                            port with its socket in DIR; prints the
#                            libpq URL of its "postgres" database
#   pgcluster.sh kill DIR    kills its postmaster with SIGKILL
#   pgcluster.sh restart DIR starts it again on the same port
#   pgcluster.sh stop DIR    stops it and removes DIR
# PostgreSQL refuses to run as root: as root, the cluster runs as
# "nobody", which then owns DIR.
set -eu
cmd=$1
dir=$2
bindir=$(pg_config --bindir 2>/dev/null || true)
for d in "$bindir" /usr/lib/postgresql/*/bin; do
	if [ -x "$d/initdb" ]; then
		bindir=$d
		break
	fi
done

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

run() {
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	    -t 30 -o "-k $dir -p $(cat "$dir/port") \
	    -c listen_addresses=127.0.0.1 -c max_connections=200 \
	    -c fsync=${PGCLUSTER_FSYNC:-off} \
	    -c full_page_writes=${PGCLUSTER_FSYNC:-off}" start >/dev/null
}

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown nobody "$dir"
	as_owner "$bindir/initdb" -D "$dir/data" -A trust -U bianmin \
	    -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1
	python3 -c 'import socket; s = socket.socket(); '\
's.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$dir/port"
	run
	echo "postgresql://bianmin@/postgres?host=$dir&port=$(cat "$dir/port")"
	;;
kill)
	kill -9 "$(head -n 1 "$dir/data/postmaster.pid")"
	;;
restart)
	# a killed postmaster's backends leave soon after it; until then
	# their shared memory keeps a new one from starting
	rm -f "$dir/data/postmaster.pid"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		if run 2>/dev/null; then
			exit 0
		fi
		rm -f "$dir/data/postmaster.pid"
		sleep 0.5
	done
	run
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w \
		    stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pgcluster.sh start|kill|restart|stop DIR" >&2
	exit 2
	;;
esac
