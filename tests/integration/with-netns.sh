#!/bin/sh
# Runs one program in a private network and mount namespace made here:
# loopback up, plus 198.18.0.1 (a benchmarking address, reachable only
# inside this namespace) on it, and an /etc/hosts that sends the name
# 127.evil.example there. Nothing leaves the namespace.
set -u
if [ "${BIANMIN_IN_NETNS:-}" != 1 ]; then
	BIANMIN_IN_NETNS=1 exec unshare -rnm "$0" "$@"
fi
hosts=$(mktemp)
trap 'rm -f "$hosts"' EXIT
printf '127.0.0.1 localhost\n::1 localhost\n198.18.0.1 127.evil.example\n' \
    >"$hosts"
ip link set lo up || exit 2
ip addr add 198.18.0.1/32 dev lo || exit 2
mount --bind "$hosts" /etc/hosts || exit 2
BIANMIN_TEST_ELSEWHERE=198.18.0.1 "$@"
