#!/bin/sh
# make package-check: the Debian packages are built from a copy of this
# tree (dpkg-buildpackage -b -us -uc), checked by lintian (no error),
# installed on this machine, run from where the unit and the docs say
# they are, and purged. As root (apt-get); prints "ok"/"not ok" lines
# and "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bianmin-pkg.XXXXXX")
pass=0
fail=0
trap 'rm -rf "$work"' EXIT

check() {
	name=$1
	shift
	if "$@" >"$work/out" 2>&1; then
		echo "ok - $name"
		pass=$((pass + 1))
	else
		echo "not ok - $name"
		sed 's/^/#   /' "$work/out" | tail -40
		fail=$((fail + 1))
	fi
}

finish() {
	echo
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit $?
}

if [ "$(id -u)" -ne 0 ]; then
	echo "ok - packages # skip installing them needs root"
	echo
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

# the tree as it is, uncommitted changes too, without build products
mkdir "$work/src"
(cd "$top" && git ls-files -co --exclude-standard -z |
    xargs -0 tar cf - --no-recursion) | (cd "$work/src" && tar xf -)

build() {
	cd "$work/src" &&
	DEB_BUILD_OPTIONS="parallel=2 nocheck" dpkg-buildpackage -b -us -uc
}
check "dpkg-buildpackage -b -us -uc builds bianmin and bianmind" build
ls "$work"/bianmin_*.deb "$work"/bianmind_*.deb >/dev/null 2>&1 ||
    finish

# lintian prints E: for errors; warnings are reported, not failed on
lint() {
	lintian --fail-on error --tag-display-limit 0 "$work"/*.changes
}
check "lintian finds no error in the packages" lint
sed 's/^/#   lintian: /' "$work/out"	# its warnings, for the record

version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
# first out of the way, whatever an earlier run left
apt-get purge -y -qq bianmin bianmind >/dev/null 2>&1
install_both() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    "$work"/bianmin_*.deb "$work"/bianmind_*.deb
}
check "the packages install (their dependencies from the archive)" \
    install_both
check "bianmin --version from /usr/bin" \
    sh -c "/usr/bin/bianmin --version | grep -qx 'bianmin $version'"
check "bianmind --version from /usr/sbin, as the unit starts it" \
    sh -c "/usr/sbin/bianmind --version | grep -qx 'bianmind $version'"
check "the service's user and state folder are made" \
    sh -c 'getent passwd bianmin && [ "$(stat -c %U /var/lib/bianmin)" = bianmin ]'
check "the config files are conffiles" \
    sh -c 'dpkg-query -W -f="\${Conffiles}\n" bianmind | grep -q /etc/bianmin/bianmind.conf &&
        dpkg-query -W -f="\${Conffiles}\n" bianmin | grep -q /etc/bianmin/config.ini'
check "the unit and the PDF helper are where they are looked for" \
    sh -c 'systemctl cat bianmind >/dev/null 2>&1 || [ -f /lib/systemd/system/bianmind.service ] &&
        [ -x /usr/libexec/bianmin/bianmin-pdf ]'
# bianmind admin as the service's user, on the packaged config
admin_works() {
	runuser -u bianmin -- /usr/sbin/bianmind admin staff list
}
check "bianmind admin runs on the packaged config" admin_works
purge() {
	apt-get purge -y -qq bianmin bianmind &&
	! dpkg-query -W bianmin bianmind 2>/dev/null | grep -q . &&
	[ ! -e /usr/sbin/bianmind ] && [ ! -e /etc/bianmin/bianmind.conf ]
}
check "the packages purge, conffiles too" purge
rm -rf /var/lib/bianmin
finish
