#!/bin/sh
# Makes a private CA and server certificates (good, expired, not yet
# valid, for the wrong host, self-signed), serves each with openssl
# s_server on loopback, and runs one program with their URLs in
# BIANMIN_TLS_<NAME> plus BIANMIN_TLS_CA and BIANMIN_TLS_PIN (the good
# key's pin) and BIANMIN_TLS_OTHER_PIN (another key's).
set -u
here=$(pwd)
dir=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir" || exit 2
q() { "$@" >/dev/null 2>&1 || { echo "with-tls: $* failed" >&2; exit 2; }; }

q openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt \
    -days 3650 -subj "/CN=bianmin test CA"
mkdir -p db/new && : >db/index.txt && echo 1000 >db/serial
cat >ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = $dir/db
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[any]
commonName = supplied
CNF

# cert NAME SAN START END: a key and a certificate signed by the CA
cert() {
	q openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" \
	    -subj "/CN=$1" -addext "subjectAltName=$2"
	q openssl ca -batch -config ca.cnf -in "$1.csr" -out "$1.crt" \
	    -startdate "$3" -enddate "$4" -notext
}
cert good "IP:127.0.0.1,DNS:localhost" 20200101000000Z 20991231000000Z
cert expired "IP:127.0.0.1,DNS:localhost" 20200101000000Z 20210101000000Z
cert future "IP:127.0.0.1,DNS:localhost" 20980101000000Z 20991231000000Z
cert wronghost "DNS:wrong.example" 20200101000000Z 20991231000000Z
q openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key \
    -out selfsigned.crt -days 365 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1"

pin() {
	openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin \
	    -outform der | openssl dgst -sha256 -binary | openssl enc -base64
}
BIANMIN_TLS_CA="$dir/ca.crt"
BIANMIN_TLS_PIN="sha256//$(pin good.crt)"
BIANMIN_TLS_OTHER_PIN="sha256//$(pin selfsigned.crt)"
export BIANMIN_TLS_CA BIANMIN_TLS_PIN BIANMIN_TLS_OTHER_PIN

for name in good expired future wronghost selfsigned; do
	port=$(python3 -c 'import socket; s=socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	openssl s_server -quiet -www -accept "127.0.0.1:$port" \
	    -cert "$name.crt" -key "$name.key" >/dev/null 2>&1 &
	pids="$pids $!"
	upper=$(echo "$name" | tr a-z A-Z)
	export "BIANMIN_TLS_$upper=https://127.0.0.1:$port"
done
# wait until every server answers the TCP handshake
for name in GOOD EXPIRED FUTURE WRONGHOST SELFSIGNED; do
	eval url=\$BIANMIN_TLS_$name
	port=${url##*:}
	i=0
	until python3 -c "import socket; socket.create_connection(
('127.0.0.1', $port), 1)" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "with-tls: s_server $name" >&2; exit 2; }
		sleep 0.05
	done
done
cd "$here" || exit 2
"$@"
