#!/usr/bin/env python3
"""Counts exported functions declared in a header not named for the .c
file that defines them (x.c's functions belong in x.h), per folder.

    scripts/headers.py [-v] [DIR ...]    (default: the client's folders)

A folder's module header (tui/tui.h) is the deliberate exception its top
comment names; this script counts it like any other."""
import os
import re
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DIRS = ["util", "locale", "forms", "api", "printing", "tui"]
DEFINED = re.compile(r'^(?!static)[A-Za-z_][\w \t*]*\n\**([A-Za-z_]\w*)\(',
                     re.M)
COMMENT = re.compile(r'/\*.*?\*/|"(?:\\.|[^"\\])*"', re.S)


def main():
    args = sys.argv[1:]
    verbose = args[:1] == ["-v"]
    dirs = (args[1:] if verbose else args) or DIRS
    headers, defs = {}, {}
    for d in dirs:
        for f in sorted(os.listdir(os.path.join(TOP, d))):
            p = os.path.join(TOP, d, f)
            text = COMMENT.sub("", open(p, encoding="utf-8").read())
            if f.endswith(".h"):
                headers[os.path.join(d, f)] = text
            elif f.endswith(".c"):
                for name in DEFINED.findall(text):
                    defs.setdefault(name, os.path.join(d, f))
    total, wrong = 0, {}
    for name, c in sorted(defs.items()):
        decl = [h for h, t in headers.items()
                if re.search(r'\b%s\s*\(' % re.escape(name), t) and
                re.search(r'^[^#\n]*\b%s\s*\(' % re.escape(name), t, re.M)]
        if not decl:
            continue
        total += 1
        if c[:-2] + ".h" not in decl:
            wrong.setdefault(c.split("/")[0], []).append((name, c, decl))
    n = sum(len(v) for v in wrong.values())
    for d in dirs:
        print("%-9s %3d" % (d + "/", len(wrong.get(d, []))))
        if verbose:
            for name, c, decl in wrong.get(d, []):
                print("    %s (%s) in %s" % (name, c, ", ".join(decl)))
    print("%d of %d exported functions are declared in a header not "
          "named for their file" % (n, total))


if __name__ == "__main__":
    main()
