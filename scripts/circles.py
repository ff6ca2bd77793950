#!/usr/bin/env python3
"""Finds circles between C files: x.c and x.h are one node; A depends on
B when A includes B's header or calls a function B's .c defines (not
static). A group of files that depend on each other round a circle is
reported; each should become a one-way dependency or one file.

    scripts/circles.py [--known FILE] [DIR ...]
                                     (default: the client's and server's)

Exits 1 when there is a circle, or with --known, a circle that FILE
(one "circle: ..." line each, as printed here) does not list: the
circles not broken yet, which may shrink but never grow."""
import os
import re
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DIRS = ["util", "locale", "forms", "api", "printing", "tui", "server"]
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)
DEFINED = re.compile(r'^(?!static)[A-Za-z_][\w \t*]*\n\**([A-Za-z_]\w*)\(',
                     re.M)
CALLED = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/|"(?:\\.|[^"\\])*"', re.S)


def node(path):
    return os.path.splitext(os.path.relpath(path, TOP))[0]


def files(dirs):
    out = []
    for d in dirs:
        p = os.path.join(TOP, d)
        for f in sorted(os.listdir(p)):
            if f.endswith((".c", ".h")):
                out.append(os.path.join(p, f))
    return out


def graph(dirs):
    paths = files(dirs)
    text = {p: open(p, encoding="utf-8", errors="replace").read()
            for p in paths}
    owner = {}                  # function -> node of the .c defining it
    for p in paths:
        if p.endswith(".c"):
            for name in DEFINED.findall(COMMENT.sub("", text[p])):
                owner.setdefault(name, set()).add(node(p))
    edges = {node(p): set() for p in paths}
    for p in paths:
        a = node(p)
        for inc in INCLUDE.findall(text[p]):
            b = node(os.path.normpath(os.path.join(os.path.dirname(p),
                                                   inc)))
            if b in edges and b != a:
                edges[a].add(b)
        if p.endswith(".c"):
            body = COMMENT.sub("", text[p])
            for name in set(CALLED.findall(body)):
                for b in owner.get(name, ()):
                    # a name defined in several programs (two mains'
                    # helpers) is no edge
                    if b != a and len(owner[name]) == 1:
                        edges[a].add(b)
    return edges


def circles(edges):
    """Tarjan's strongly connected components of more than one node."""
    index, low, stack, on, out = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    args = sys.argv[1:]
    known = set()
    if args[:1] == ["--known"]:
        with open(args[1]) as f:
            known = {l.strip() for l in f if l.startswith("circle: ")}
        args = args[2:]
    found = ["circle: " + " <-> ".join(c) for c in circles(graph(args or
                                                                 DIRS))]
    for c in found:
        print(c + ("  (known)" if c in known else ""))
    print("%d circle(s), %d not known" % (len(found),
                                         len(set(found) - known)))
    new = set(found) - known
    print("%s - no circle between files beyond the known ones"
          % ("not ok" if new else "ok"))
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
