#!/usr/bin/env python3
"""The translation check of `make check`. Prints one TAP line per rule
("ok - ...", "not ok - ...") and exits non-zero when any rule fails.

Rules, over the client's C sources (tui/, forms/, api/, locale/, and for
the catalogs printing/):

1. marked: a string literal the clerk can see is wrapped in _() or N_().
   What the clerk can see:
   - any literal argument of the drawing and message functions
     (CALLS below: draw_text, draw_text_right, draw_cell, app_message,
     app_session_ended, say, refuse, problem),
   - the format of fprintf(stderr, ...), fprintf(f, ...) and printf(...),
   - every literal in a `struct keyhelp` table (key names and labels),
   - the label member (third) of the main menu's `struct item` table,
   - a literal assigned to a `.question` or `.label` member.
   A literal with no letter in it once its printf directives are removed
   ("%s: %s", ":", " ") says nothing to translate and is exempt, and so
   are the literals in ALLOWED (names and versions that stay as they are).
2. complete: every msgid that xgettext finds in those sources has a
   translation, not fuzzy, in locale/zh_CN.po and locale/en.po (msgcmp),
   and neither catalog keeps a msgid that the sources no longer have.
3. formats: each catalog, merged with the sources' template so that it
   carries their c-format flags, passes msgfmt --check-format.
4. narrow: no East Asian Ambiguous character (such as U+00B7, U+2014,
   U+2026, U+201C, U+2460 or box drawing) in any msgid or msgstr: they
   are one column on one terminal and two on another.

Usage: check-i18n.py [TOP], TOP being the source tree (default: ours).
"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

CALLS = ("draw_text", "draw_text_right", "draw_cell", "app_message",
         "app_session_ended", "say", "refuse", "problem")
PRINTS = ("fprintf", "printf")
ALLOWED = {
    "bianmin ",          # "bianmin " BIANMIN_VERSION: a name and a number
    "bianmin %s\n",      # --version
    "bianmin: %s\n",     # the program's name before an error's words
}
DIRS = ("tui", "forms", "api", "locale", "printing")
# printing/ speaks to the clerk only through messages it returns, which
# are marked; its documents are Chinese paperwork and its child's pipe
# a protocol, so the marking rule reads the other folders only.
MARKED_DIRS = ("tui", "forms", "api", "locale")
CATALOGS = ("zh_CN", "en")

failed = 0


def report(ok, name, details=()):
    global failed
    print("%s - %s" % ("ok" if ok else "not ok", name), flush=True)
    for d in details:
        print("#   " + d, flush=True)
    if not ok:
        failed += 1


def sources(top, dirs=DIRS):
    out = []
    for d in dirs:
        for f in sorted(os.listdir(os.path.join(top, d))):
            if f.endswith(".c"):
                out.append(os.path.join(d, f))
    return out


def strip_comments(text):
    """Blanks comments (keeping line breaks) but not string literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def literal_value(run):
    """The text of adjacent literals, escapes left as written except the
    common ones."""
    parts = LITERAL.findall(run)
    s = "".join(p[1:-1] for p in parts)
    return s.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"')


def says_something(s):
    s = re.sub(r"%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t|L)?[a-zA-Z%]", "", s)
    return any(ch.isalpha() for ch in s)


def split_args(text, start):
    """The arguments of the call whose '(' is at start, as
    (offset, text) pairs, and the offset after its ')'."""
    depth, i, args, cur = 0, start, [], start + 1
    while i < len(text):
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((cur, text[cur:i]))
                return args, i + 1
        elif c == "," and depth == 1:
            args.append((cur, text[cur:i]))
            cur = i + 1
        i += 1
    return args, len(text)


def bare_literal(arg):
    """The literal an argument starts with, unless it is marked."""
    a = arg.strip()
    if not a.startswith('"'):
        return None
    m = re.match(r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)', a)
    return literal_value(m.group(1)) if m else None


def line_of(text, off):
    return text.count("\n", 0, off) + 1


def unmarked_in_calls(path, text):
    bad = []
    names = "|".join(CALLS + PRINTS)
    for m in re.finditer(r"\b(%s)\s*\(" % names, text):
        name = m.group(1)
        args, _ = split_args(text, m.end() - 1)
        if name == "fprintf":
            args = args[1:2]
        elif name == "printf":
            args = args[:1]
        for off, a in args:
            s = bare_literal(a)
            if s is not None and says_something(s) and s not in ALLOWED:
                bad.append("%s:%d: %s(%r) is not marked"
                           % (path, line_of(text, off), name, s))
    return bad


def unmarked_in_tables(path, text):
    bad = []
    for m in re.finditer(r"struct\s+(keyhelp|item)\s+\w+\s*\[\s*\]\s*=\s*\{",
                         text):
        args, end = split_args(text, m.end() - 1)
        for off, row in args:
            row = row.strip()
            if not row.startswith("{"):
                continue
            fields, _ = split_args(row.replace("{", "(", 1)[::-1]
                                   .replace("}", ")", 1)[::-1], 0)
            which = range(len(fields)) if m.group(1) == "keyhelp" else [2]
            for k in which:
                if k >= len(fields):
                    continue
                s = bare_literal(fields[k][1])
                if s is not None and says_something(s) and \
                        s not in ALLOWED and not re.match(r"^F\d+$", s):
                    bad.append("%s:%d: %r in a %s table is not marked"
                               % (path, line_of(text, off), s,
                                  m.group(1)))
    for m in re.finditer(r"[.>](question|label)\s*=\s*(\"(?:[^\"\\\n]|\\.)*\")",
                         text):
        s = literal_value(m.group(2))
        if says_something(s) and s not in ALLOWED:
            bad.append("%s:%d: %s = %r is not marked"
                       % (path, line_of(text, m.start()), m.group(1), s))
    return bad


def rule_marked(top):
    bad = []
    for path in sources(top, MARKED_DIRS):
        with open(os.path.join(top, path), encoding="utf-8") as f:
            text = strip_comments(f.read())
        bad += unmarked_in_calls(path, text)
        bad += unmarked_in_tables(path, text)
    report(not bad, "every user-visible string in the client is marked "
           "for translation", bad)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def template(top, tmp):
    pot = os.path.join(tmp, "bianmin.pot")
    r = run(["xgettext", "--from-code=UTF-8", "--language=C",
             "--keyword=_", "--keyword=N_", "--add-comments=TRANSLATORS",
             "--no-location", "-o", pot] + sources(top), cwd=top)
    if r.returncode != 0:
        report(False, "xgettext reads the sources", r.stderr.splitlines())
        return None
    return pot


def msgids(po):
    r = run(["msgcat", "--no-wrap", "--sort-output", po])
    ids, cur = set(), None
    for line in r.stdout.splitlines():
        if line.startswith("msgid "):
            cur = [line[6:]]
        elif cur is not None and line.startswith('"'):
            cur.append(line)
        elif cur is not None:
            ids.add("".join(cur))
            cur = None
    ids.discard('""')
    return ids


def rule_complete(top, pot):
    for lang in CATALOGS:
        po = os.path.join(top, "locale", lang + ".po")
        r = run(["msgcmp", po, pot])
        problems = [l for l in (r.stdout + r.stderr).splitlines()
                    if "msgcmp:" not in l or "found" in l]
        extra = sorted(msgids(po) - msgids(pot))
        details = problems + ["no longer in the sources: %s" % e
                              for e in extra]
        report(r.returncode == 0 and not extra,
               "locale/%s.po translates every msgid of the sources, and "
               "only those" % lang, details)


def rule_formats(top, pot, tmp):
    for lang in CATALOGS:
        po = os.path.join(top, "locale", lang + ".po")
        merged = os.path.join(tmp, lang + ".po")
        r = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                 po, pot])
        if r.returncode == 0:
            r = run(["msgfmt", "--check-format", "-o", os.devnull, merged])
        report(r.returncode == 0, "locale/%s.po keeps every format string "
               "intact" % lang, r.stderr.splitlines())


def rule_narrow(top):
    bad = []
    for lang in CATALOGS:
        path = os.path.join("locale", lang + ".po")
        with open(os.path.join(top, path), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("#"):
                    continue
                for ch in line:
                    if unicodedata.east_asian_width(ch) == "A":
                        bad.append("%s:%d: U+%04X %s" % (
                            path, n, ord(ch), unicodedata.name(ch, "?")))
    report(not bad, "no ambiguous-width character in the catalogs", bad)


def update(top):
    """Merges new msgids into both catalogs (empty msgstr) and drops
    the ones no source uses any more; the checks then list what is left
    to translate."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = template(top, tmp)
        if pot is None:
            sys.exit(1)
        for po in CATALOGS:
            path = os.path.join(top, "locale", po + ".po")
            r = run(["msgmerge", "--quiet", "--no-fuzzy-matching",
                     "--no-location", "--update", "--backup=off", path, pot])
            if r.returncode != 0:
                sys.exit(r.stderr)
            r = run(["msgattrib", "--no-obsolete", "--no-location",
                     "-o", path, path])
            if r.returncode != 0:
                sys.exit(r.stderr)


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    top = os.path.abspath(args[0] if args else
                          os.path.join(os.path.dirname(__file__), ".."))
    if "--update" in sys.argv[1:]:
        update(top)
    rule_marked(top)
    with tempfile.TemporaryDirectory() as tmp:
        pot = template(top, tmp)
        if pot is not None:
            rule_complete(top, pot)
            rule_formats(top, pot, tmp)
    rule_narrow(top)
    sys.exit(min(failed, 100))


if __name__ == "__main__":
    main()
