# bianmin: the counter terminal (bin/bianmin) and its reference server
# (bin/bianmind). One non-recursive Makefile; see README.md.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DATADIR	?= $(PREFIX)/share/bianmin
LIBEXECDIR ?= $(PREFIX)/libexec
DOCDIR	?= $(PREFIX)/share/doc/bianmin
SYSCONFDIR ?= /etc
UNITDIR	?= $(PREFIX)/lib/systemd/system
DESTDIR	?=

CC	?= cc
PKG_CONFIG ?= pkg-config
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined

CLIENT_PKGS = ncursesw libcurl libcjson sqlite3 inih
PRINT_PKGS  = libqrencode
PDF_PKGS    = pangocairo libqrencode
# bianmind links libcurl: its exchange sender pushes messages over HTTPS.
SERVER_PKGS = libmicrohttpd sqlite3 libpq libcjson gnutls libcrypt inih \
	icu-uc icu-i18n libcurl
TEST_PKGS   = cmocka

pkg_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

CLIENT_CFLAGS = $(call pkg_cflags,$(CLIENT_PKGS))
# Neither libcurl nor SQLite is linked: api/curl-load.c opens libcurl
# on the first request, api/sqlite-load.c libsqlite3 with the outbox at
# the first login (their -dev packages are still wanted, for headers).
CLIENT_LIBS   = $(call pkg_libs,$(filter-out libcurl sqlite3,\
	$(CLIENT_PKGS)))
SERVER_CFLAGS = $(call pkg_cflags,$(SERVER_PKGS))
SERVER_LIBS   = $(call pkg_libs,$(SERVER_PKGS)) -lpthread
TEST_CFLAGS   = $(call pkg_cflags,$(TEST_PKGS))
TEST_LIBS     = $(call pkg_libs,$(TEST_PKGS))
# Neither libcups nor libqrencode is linked: printing/cups-load.c opens
# the one on the first job for CUPS, printing/qr-load.c the other on the
# first QR code a receipt printer cannot draw itself (their -dev packages
# are still wanted, for the headers).
PRINT_CFLAGS  = $(call pkg_cflags,$(PRINT_PKGS))
PDF_CFLAGS    = $(call pkg_cflags,$(PDF_PKGS))
PDF_LIBS      = $(call pkg_libs,$(PDF_PKGS))

# --- sources, by module (dependencies point down) -----------------------
UTIL_SRC   = util/xmalloc.c util/buf.c util/log.c util/paths.c util/zone.c \
	     util/utf8.c
LOCALE_SRC = locale/text.c locale/i18n.c locale/conv.c locale/csv.c \
	locale/date.c
VALID_SRC  = forms/idnum.c forms/phone.c
FORMS_SRC  = $(VALID_SRC) forms/lineedit.c forms/form.c forms/schema.c \
	forms/validate.c forms/value.c forms/uscc.c forms/draft.c
API_SRC    = $(wildcard api/*.c)
# printing/: the client's part, and the PDF helper's (cairo and pango are
# loaded only by bin/bianmin-pdf, never by the client).
PDF_ONLY   = printing/pdf.c printing/pdf-main.c
PRINT_SRC  = $(filter-out $(PDF_ONLY),$(wildcard printing/*.c))
PDF_SRC    = $(UTIL_SRC) locale/text.c printing/doc.c printing/doc-io.c \
	printing/layout.c $(PDF_ONLY)
TUI_SRC    = $(wildcard tui/*.c) forms/lineedit-draw.c
SERVER_SRC = $(filter-out server/bianmind.c,$(wildcard server/*.c))

CLIENT_LIB_SRC = $(UTIL_SRC) $(LOCALE_SRC) $(FORMS_SRC) $(API_SRC) \
	$(PRINT_SRC)
CLIENT_SRC = $(CLIENT_LIB_SRC) $(TUI_SRC)
SERVERD_SRC = $(UTIL_SRC) $(LOCALE_SRC) $(VALID_SRC) $(SERVER_SRC) \
	server/bianmind.c

UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test-*.c))
INTEG_TESTS = $(patsubst tests/integration/%.c,%,\
	$(wildcard tests/integration/test-*.c))
INTEG_TOOLS = $(patsubst tests/integration/%.c,build/integration/%,\
	$(filter-out tests/integration/test-%,$(wildcard tests/integration/*.c)))
PRINT_TESTS = $(patsubst tests/print/%.c,%,$(wildcard tests/print/test-*.c))

OBJ  = build/obj
ASAN = build/asan

obj = $(patsubst %.c,$(1)/%.o,$(2))

LANGS = zh_CN en
MO = $(foreach l,$(LANGS),build/locale/$(l)/LC_MESSAGES/bianmin.mo)

.PHONY: all check soak fuzz run install deps clean bench bench-check \
	package-check
all: bin/bianmin bin/bianmind bin/bianmin-pdf $(MO)

build/locale/%/LC_MESSAGES/bianmin.mo: locale/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# --- compile rules: one per build flavour --------------------------------
$(OBJ)/tui/%.o $(OBJ)/api/%.o $(OBJ)/forms/lineedit-draw.o: \
	CFLAGS_MOD = $(CLIENT_CFLAGS)
$(OBJ)/locale/i18n.o $(ASAN)/locale/i18n.o: \
	CFLAGS_MOD = -DLOCALEDIR='"$(LOCALEDIR)"'
$(OBJ)/server/%.o: CFLAGS_MOD = $(SERVER_CFLAGS)
$(OBJ)/server/calendar.o $(ASAN)/server/calendar.o: \
	CFLAGS_MOD = $(SERVER_CFLAGS) -DDATADIR='"$(DATADIR)"'
$(OBJ)/printing/%.o $(ASAN)/printing/%.o: CFLAGS_MOD = $(PRINT_CFLAGS)
$(OBJ)/printing/print.o $(ASAN)/printing/print.o: \
	CFLAGS_MOD = $(PRINT_CFLAGS) -DLIBEXECDIR='"$(LIBEXECDIR)"'
$(OBJ)/server/options.o $(ASAN)/server/options.o: \
	CFLAGS_MOD = $(SERVER_CFLAGS) \
	-DCONFIG_FILE='"$(SYSCONFDIR)/bianmin/bianmind.conf"'

$(OBJ)/printing/pdf.o $(OBJ)/printing/pdf-main.o: CFLAGS_MOD = $(PDF_CFLAGS)
$(OBJ)/tests/%.o: CFLAGS_MOD = $(CLIENT_CFLAGS) $(SERVER_CFLAGS) \
	$(TEST_CFLAGS)
$(ASAN)/tui/%.o $(ASAN)/api/%.o $(ASAN)/forms/lineedit-draw.o: \
	CFLAGS_MOD = $(CLIENT_CFLAGS)
$(ASAN)/server/%.o: CFLAGS_MOD = $(SERVER_CFLAGS)
$(ASAN)/tests/%.o: CFLAGS_MOD = $(CLIENT_CFLAGS) $(SERVER_CFLAGS) \
	$(TEST_CFLAGS)

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(CFLAGS_MOD) -MMD -MP -c $< -o $@

$(ASAN)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SANFLAGS) $(CPPFLAGS) $(CFLAGS_MOD) -MMD -MP -c $< -o $@

# --- programs ------------------------------------------------------------
bin/bianmin: $(call obj,$(OBJ),$(CLIENT_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(CLIENT_LIBS) $(LDFLAGS)

# The PDF renderer, run by the client as a child process.
bin/bianmin-pdf: $(call obj,$(OBJ),$(PDF_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(PDF_LIBS) $(LDFLAGS)

# libmicrohttpd's own error pages bind to server/http-errors.c's
# MHD_queue_response(), which the program therefore exports.
SERVER_LDFLAGS = -Wl,--export-dynamic-symbol=MHD_queue_response

bin/bianmind: $(call obj,$(OBJ),$(SERVERD_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(SERVER_LIBS) $(SERVER_LDFLAGS) $(LDFLAGS)

build/asan/bianmind: $(call obj,$(ASAN),$(SERVERD_SRC))
	$(CC) $(SANFLAGS) -o $@ $^ $(SERVER_LIBS) $(SERVER_LDFLAGS) $(LDFLAGS)

build/asan/bianmin: $(call obj,$(ASAN),$(CLIENT_SRC))
	$(CC) $(SANFLAGS) -o $@ $^ $(CLIENT_LIBS) $(LDFLAGS)

# --- tests ---------------------------------------------------------------
# Unit tests link one side: the server's (test-seed*, test-server-*, and
# test-conv, which converts the demo seed's names) or the client's
# modules, as the programs do.
SRV_UNIT = $(filter test-seed% test-server-% test-conv,$(UNIT_TESTS))
CLI_UNIT = $(filter-out $(SRV_UNIT),$(UNIT_TESTS))
# tui/'s pure parts (no curses, no screens) are unit-tested too.
TUI_PURE_SRC = tui/keyseq.c tui/list.c tui/scanner.c tui/messages.c \
	       tui/kiosk-setup.c
CLI_TEST_SRC = $(CLIENT_LIB_SRC) $(TUI_PURE_SRC)
SRV_TEST_SRC = $(UTIL_SRC) $(LOCALE_SRC) $(VALID_SRC) $(SERVER_SRC)

$(addprefix build/tests/,$(CLI_UNIT)): build/tests/%: \
		$(OBJ)/tests/unit/%.o $(call obj,$(OBJ),$(CLI_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS) $(LDFLAGS)

$(addprefix build/tests/,$(SRV_UNIT)): build/tests/%: \
		$(OBJ)/tests/unit/%.o $(call obj,$(OBJ),$(SRV_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(SERVER_LIBS) $(TEST_LIBS) $(LDFLAGS)

$(addprefix build/asan-tests/,$(CLI_UNIT)): build/asan-tests/%: \
		$(ASAN)/tests/unit/%.o $(call obj,$(ASAN),$(CLI_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS) $(LDFLAGS)

$(addprefix build/asan-tests/,$(SRV_UNIT)): build/asan-tests/%: \
		$(ASAN)/tests/unit/%.o $(call obj,$(ASAN),$(SRV_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -o $@ $^ $(SERVER_LIBS) $(TEST_LIBS) $(LDFLAGS)

build/integration/%: $(OBJ)/tests/integration/%.o \
		$(call obj,$(OBJ),$(CLI_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS) $(LDFLAGS)

build/asan-integration/%: $(ASAN)/tests/integration/%.o \
		$(call obj,$(ASAN),$(CLI_TEST_SRC))
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS) $(LDFLAGS)

# Printing through a private cupsd (tests/print/with-cupsd.sh).
build/print/%: $(OBJ)/tests/print/%.o $(call obj,$(OBJ),$(CLIENT_LIB_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS) $(LDFLAGS)

TEST_BINS = $(addprefix build/tests/,$(UNIT_TESTS)) \
	$(addprefix build/print/,$(PRINT_TESTS)) \
	$(addprefix build/asan-tests/,$(UNIT_TESTS)) \
	$(addprefix build/integration/,$(INTEG_TESTS)) \
	$(addprefix build/asan-integration/,$(INTEG_TESTS)) \
	$(INTEG_TOOLS) build/asan/bianmind build/asan/bianmin

# libFuzzer targets (clang): a short run in make check, long in make fuzz.
FUZZ_CC	 ?= clang
FUZZFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
# the models live beside their requests (api/<resource>.c), so the
# fuzzers link the request layer too, but not the outbox
FUZZ_API  = $(filter-out api/outbox.c api/sender.c api/catalog-cache.c \
	    api/sqlite-load.c,$(API_SRC))
FUZZ_SRC  = $(UTIL_SRC) $(LOCALE_SRC) $(FORMS_SRC) $(FUZZ_API)
FUZZ_BINS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_SECONDS ?= 600

build/fuzz/%: tests/fuzz/%.c $(FUZZ_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) $(call pkg_cflags,libcjson libcurl) -o $@ $^ \
		$(call pkg_libs,libcjson) -lm

# The server's parser and the receipt renderer take their own sources.
build/fuzz/fuzz-server-json: tests/fuzz/fuzz-server-json.c \
    server/jsonparse.c util/buf.c util/xmalloc.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) $(call pkg_cflags,libcjson) -o $@ $^ \
		$(call pkg_libs,libcjson)

build/fuzz/fuzz-server-route: tests/fuzz/fuzz-server-route.c \
    $(UTIL_SRC) $(LOCALE_SRC) $(VALID_SRC) $(SERVER_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) $(SERVER_CFLAGS) -o $@ $^ $(SERVER_LIBS) -lm

build/fuzz/fuzz-escpos: tests/fuzz/fuzz-escpos.c printing/escpos.c \
    printing/encode.c printing/layout.c printing/doc.c printing/profile.c \
    printing/qr-load.c locale/text.c util/utf8.c util/buf.c util/xmalloc.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZFLAGS) $(call pkg_cflags,libqrencode inih) -o $@ $^ \
		$(call pkg_libs,inih)

check: deps
	$(MAKE) all $(TEST_BINS) $(FUZZ_BINS)
	tests/run.sh

# The long tier: more scanner bursts and resizes, more kills, longer fuzzing.
soak: deps
	$(MAKE) all $(TEST_BINS) $(FUZZ_BINS)
	BIANMIN_SCANS=1000 BIANMIN_RESIZES=5000 BIANMIN_KILLS=2000 BIANMIN_CRASHES=100 BIANMIN_HANGUPS=100 \
		FUZZ_SECONDS=600 tests/run.sh

fuzz: deps
	$(MAKE) $(FUZZ_BINS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_BINS)

run: deps
	$(MAKE) all
	scripts/demo.sh

# Benchmarks: bianmin beside its baselines, results in bench/results/.
# QUICK=1 for a short pass, CHECK=1 (or make bench-check) to fail when a
# figure misses its target; BENCH_ARGS passes more options to bench/run.py.
build/bench/floor: bench/floor.c util/version.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(call pkg_cflags,ncursesw) \
		-o $@ bench/floor.c $(call pkg_libs,ncursesw) $(LDFLAGS)

bench: deps
	$(MAKE) all build/bench/floor
	python3 bench/run.py $(if $(QUICK),--quick) $(if $(CHECK),--check) \
		$(BENCH_ARGS)
	python3 bench/keystrokes.py $(if $(CHECK),--check)

bench-check:
	$(MAKE) bench CHECK=1

deps:
	@scripts/deps.sh

# The programs, the PDF helper in libexec (where the client looks when
# it is not beside it), the man pages, the data, the catalogs, the docs
# and the sample settings; a settings file already in SYSCONFDIR is kept.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(LIBEXECDIR)/bianmin \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SYSCONFDIR)/bianmin
	install -m 755 bin/bianmin $(DESTDIR)$(BINDIR)/bianmin
	install -m 755 bin/bianmin-pdf \
		$(DESTDIR)$(LIBEXECDIR)/bianmin/bianmin-pdf
	install -m 755 bin/bianmind $(DESTDIR)$(SBINDIR)/bianmind
	install -m 644 man/bianmin.1 $(DESTDIR)$(MANDIR)/man1/bianmin.1
	install -m 644 man/bianmind.8 $(DESTDIR)$(MANDIR)/man8/bianmind.8
	install -d $(DESTDIR)$(DATADIR)
	install -m 644 server/data/calendar-cn.txt \
		$(DESTDIR)$(DATADIR)/calendar-cn.txt
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 build/locale/$$l/LC_MESSAGES/bianmin.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/bianmin.mo; \
	done
	install -m 644 README.md NEWS LICENSE docs/*.md \
		docs/catalog.schema.json $(DESTDIR)$(DOCDIR)
	install -m 644 etc/bianmind.conf etc/config.ini etc/bianmind.service \
		etc/nginx-bianmin.conf $(DESTDIR)$(DOCDIR)/examples
	install -m 644 etc/bianmind.service $(DESTDIR)$(UNITDIR)
	for f in bianmind.conf config.ini; do \
		[ -e $(DESTDIR)$(SYSCONFDIR)/bianmin/$$f ] || \
		install -m 644 etc/$$f $(DESTDIR)$(SYSCONFDIR)/bianmin/$$f; \
	done

# The Debian packages built from a copy of this tree, checked by
# lintian, installed here, run from /usr/bin and /usr/sbin, purged.
package-check: deps
	tests/package-check.sh

clean:
	rm -rf build bin

.SECONDARY:
-include $(shell find build -name '*.d' 2>/dev/null)
