#!/bin/sh
# Installs the Debian packages bianmin needs to build, run and test, when
# run as root; otherwise prints the exact apt-get line and fails. Then
# installs the OpenAPI linter of make check into the build tree.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential pkg-config gettext faketime
libncurses-dev libcurl4-openssl-dev libcjson-dev libmicrohttpd-dev
libsqlite3-dev libpq-dev libgnutls28-dev libcrypt-dev libcmocka-dev
libcups2-dev libinih-dev libqrencode-dev libcairo2-dev libpango1.0-dev
libicu-dev
fonts-noto-cjk cups-daemon cups-client poppler-utils
tmux sqlite3 postgresql python3 locales tzdata clang libclang-rt-14-dev
valgrind openssl chromium strace x11-utils xfonts-encodings dialog wrk
nginx systemd adduser debhelper dpkg-dev lintian iproute2
python3-yaml python3-jsonschema ncurses-term"

# Node.js runs the OpenAPI linter. A machine may have a newer Node than
# Debian's from elsewhere (with its own npm): that one is used as it is.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "deps: installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing
	else
		echo "deps: missing Debian packages. Run as root:" >&2
		echo "  apt-get install -y$missing" >&2
		exit 1
	fi
fi

# The end-to-end tests also run the client in the Chinese locales (the
# GB ones under luit, from x11-utils, which needs xfonts-encodings) and
# in English.
for loc in zh_CN:zh_CN.UTF-8:UTF-8 zh_CN:zh_CN.GB18030:GB18030 \
    zh_CN:zh_CN.GBK:GBK en_US:en_US.UTF-8:UTF-8; do
	src=${loc%%:*}
	rest=${loc#*:}
	name=${rest%%:*}
	charset=${rest##*:}
	norm=$(echo "$name" | tr 'A-Z' 'a-z' | sed 's/-//g')
	if ! locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/-//g' |
	    grep -qx "$norm"; then
		if [ "$(id -u)" -eq 0 ]; then
			localedef -i "$src" -f "$charset" "$name" ||
			    echo "deps: could not generate $name" >&2
		else
			echo "deps: locale $name missing; as root:" \
			    "localedef -i $src -f $charset $name" >&2
		fi
	fi
done
# The OpenAPI linter (@redocly/cli, with every dependency pinned by
# scripts/openapi/package-lock.json) goes into build/openapi, never into
# the source tree; npm ci runs again only when the lockfile changes.
lint=build/openapi
if ! cmp -s scripts/openapi/package-lock.json "$lint/installed.json" ||
    [ ! -x "$lint/node_modules/.bin/redocly" ]; then
	echo "deps: installing the OpenAPI linter into $lint"
	rm -f "$lint/installed.json"
	mkdir -p "$lint"
	cp scripts/openapi/package.json scripts/openapi/package-lock.json \
	    "$lint/"
	(cd "$lint" && npm ci --ignore-scripts --no-audit --no-fund) || {
		echo "deps: npm ci failed in $lint" >&2
		exit 1
	}
	cp scripts/openapi/package-lock.json "$lint/installed.json"
fi
exit 0
