#!/bin/sh
# Runs one program with a private CUPS on loopback: a cupsd with its own
# configuration, spool and socket, and two ippeveprinter "printers" that
# keep every document they receive. Queues:
#   receipt   raw queue to the receipt printer (keeps .prn/.pdf files)
#   a4        raw queue to the A4 printer
#   broken    raw queue to a printer whose print command fails (aborts)
# The program gets CUPS_SERVER (the cupsd socket) and PRINT_TEST_DIR,
# PRINT_TEST_RECEIPT_SPOOL, PRINT_TEST_A4_SPOOL, PRINT_TEST_CUPSD_PID,
# PRINT_TEST_CUPSD (the command that starts cupsd again).
# Everything is stopped and removed when the program ends.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
base=$(mktemp -d /tmp/bianmin-cups.XXXXXX)
pids=""
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	if [ -s "$base/cupsd.pid" ]; then
		cpid=$(cat "$base/cupsd.pid")
		kill "$cpid" 2>/dev/null
		# the test may have started it again: not our child to wait for
		i=0
		while kill -0 "$cpid" 2>/dev/null && [ $i -lt 100 ]; do
			i=$((i + 1))
			sleep 0.1
		done
	fi
	wait 2>/dev/null
	rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

for t in cupsd lpadmin lpstat; do
	if ! command -v "$t" >/dev/null 2>&1 &&
	    [ ! -x "/usr/sbin/$t" ]; then
		echo "with-cupsd: $t is missing (scripts/deps.sh installs it)" >&2
		exit 2
	fi
done
PATH=$PATH:/usr/sbin
export PATH

# A free loopback port, asked of the kernel.
free_port() {
	python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# cupsd's children run as lp when cupsd runs as root: the tree must be
# reachable by it.
mkdir -p "$base/spool/tmp" "$base/cache" "$base/state" "$base/log" \
    "$base/conf/ppd" "$base/conf/ssl" "$base/receipt" "$base/a4" \
    "$base/broken"
chmod 755 "$base"
chmod 1777 "$base/spool/tmp"
cport=$(free_port)
user=lp
[ "$(id -u)" -ne 0 ] && user=$(id -un)

cat >"$base/conf/cupsd.conf" <<CONF
LogLevel debug
Listen 127.0.0.1:$cport
Listen $base/sock
Browsing Off
DefaultShared No
ErrorPolicy abort-job
JobRetryLimit 0
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 500
WebInterface No
<Location />
  Order allow,deny
  Allow from all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF

cat >"$base/conf/cups-files.conf" <<CONF
User $user
Group lp
SystemGroup root
ServerRoot $base/conf
RequestRoot $base/spool
TempDir $base/spool/tmp
CacheDir $base/cache
StateDir $base/state
AccessLog $base/log/access_log
ErrorLog $base/log/error_log
PageLog $base/log/page_log
ServerBin $base/serverbin
DataDir /usr/share/cups
FileDevice No
Printcap $base/printcap
CONF
cp /usr/share/cups/mime/*.types /usr/share/cups/mime/*.convs \
    "$base/conf/" 2>/dev/null

# The printers: a private backend, keep://NAME, that keeps every document
# it receives in $base/NAME/job-ID.bin (Debian 12's ippeveprinter will not
# start without a DNS-SD daemon). Fault switches, files in $base:
#   NAME.fail          the job fails (the queue's error policy aborts it)
#   NAME.media-empty   reports media-empty-error and waits until removed
mkdir -p "$base/serverbin/backend"
for d in daemon filter notifier cgi-bin monitor driver; do
	[ -e "/usr/lib/cups/$d" ] && ln -s "/usr/lib/cups/$d" "$base/serverbin/$d"
done
sed "s|@BASE@|$base|" "$top/tests/print/keep-backend.sh" \
    >"$base/serverbin/backend/keep"
chmod 700 "$base/serverbin/backend/keep"

cupsd_cmd="cupsd -c $base/conf/cupsd.conf -s $base/conf/cups-files.conf"
$cupsd_cmd -t >"$base/log/cupsd-t.log" 2>&1 || { cat "$base/log/cupsd-t.log" >&2; exit 2; }
$cupsd_cmd -f >"$base/log/cupsd.out" 2>&1 &
echo $! >"$base/cupsd.pid"
CUPS_SERVER=$base/sock
export CUPS_SERVER

# Waits until something answers on a port or socket.
wait_for() {
	i=0
	while ! eval "$1" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "with-cupsd: $2 did not start" >&2
			tail -20 "$base/log/error_log" >&2 2>/dev/null
			exit 2
		fi
		sleep 0.05
	done
}
wait_for "lpstat -r | grep -q 'is running'" cupsd

add_queue() {	# queue port
	lpadmin -p "$1" -E -v "keep://$2" \
	    -o printer-error-policy=abort-job 2>>"$base/log/lpadmin.log" ||
	    { echo "with-cupsd: lpadmin $1 failed" >&2;
	      cat "$base/log/lpadmin.log" >&2; exit 2; }
}
add_queue receipt receipt
add_queue a4 a4
add_queue broken broken
touch "$base/broken.fail"

PRINT_TEST_DIR=$base
PRINT_TEST_RECEIPT_SPOOL=$base/receipt
PRINT_TEST_A4_SPOOL=$base/a4
PRINT_TEST_CUPSD_PID=$base/cupsd.pid
PRINT_TEST_CUPSD=$cupsd_cmd
export PRINT_TEST_DIR PRINT_TEST_RECEIPT_SPOOL PRINT_TEST_A4_SPOOL \
    PRINT_TEST_CUPSD_PID PRINT_TEST_CUPSD
"$@"
rc=$?
if [ $rc -ne 0 ] && [ -n "${PRINT_TEST_VERBOSE:-}" ]; then
	tail -50 "$base/log/error_log" >&2
fi
exit $rc
