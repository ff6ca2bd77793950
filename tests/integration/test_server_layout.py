#!/usr/bin/env python3
"""How bianmind's files depend on one another (STYLE.md 5 and 14): no
two server files need each other, through the functions and data one
uses of the other or the header of the other it includes; and the
functions a server file exports are declared in the header named for
it. Read from the sources and from the objects make builds."""
import collections
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import TOP, run, SkipTest  # noqa: E402

SERVER = os.path.join(TOP, "server")
OBJ = os.path.join(TOP, "build", "obj", "server")
# defined for others than the server's own files: the program's entry,
# and libmicrohttpd's own error pages (http-errors.c)
NOT_OURS = {"main", "MHD_queue_response"}


def objects():
    objs = sorted(glob.glob(os.path.join(OBJ, "*.o")))
    objs = [o for o in objs if os.path.exists(os.path.join(
        SERVER, os.path.basename(o)[:-2] + ".c"))]
    if not objs:
        raise SkipTest("no objects in build/obj/server: run make first")
    return objs


def symbols():
    """Each file's defined functions and data, and what it uses."""
    defs, funcs, uses = {}, collections.defaultdict(set), {}
    for o in objects():
        name = os.path.basename(o)[:-2]
        out = subprocess.run(["nm", o], capture_output=True, text=True,
                             check=True).stdout
        uses[name] = set()
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in "TDBRVW":
                defs[p[2]] = name
                if p[1] == "T":
                    funcs[name].add(p[2])
            elif len(p) == 2 and p[0] == "U":
                uses[name].add(p[1])
    return defs, funcs, uses


def included(name, seen):
    """The server headers a file includes, directly or through others."""
    with open(os.path.join(SERVER, name)) as f:
        text = f.read()
    for h in re.findall(r'^#include "([^"/]+\.h)"', text, re.M):
        if h not in seen and os.path.exists(os.path.join(SERVER, h)):
            seen.add(h)
            included(h, seen)
    return seen


def graph():
    """file -> {file it needs: why}."""
    defs, _, uses = symbols()
    edges = collections.defaultdict(dict)
    for a, syms in uses.items():
        for s in syms:
            b = defs.get(s)
            if b is not None and b != a:
                edges[a].setdefault(b, s)
        for h in included(a + ".c", set()):
            b = h[:-2]
            if b != a and b in uses:
                edges[a].setdefault(b, "#include " + h)
    return edges


def circles(edges):
    """The strongly connected groups of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(set(edges) | {w for e in edges.values() for w in e}):
        if v not in index:
            visit(v)
    return out


def test_no_file_circles():
    edges = graph()
    found = circles(edges)
    why = ["%s -> %s (%s)" % (a, b, edges[a][b]) for g in found
           for a in g for b in g if b in edges.get(a, {})]
    assert not found, "\n".join(why)


def test_exported_functions_in_their_own_header():
    _, funcs, _ = symbols()
    headers = {}
    for h in glob.glob(os.path.join(SERVER, "*.h")):
        with open(h) as f:
            headers[os.path.basename(h)[:-2]] = f.read()
    wrong = []
    for name, fns in sorted(funcs.items()):
        own = headers.get(name, "")
        for fn in sorted(fns - NOT_OURS):
            if not re.search(r"[\s*(]%s\s*\(" % re.escape(fn), own):
                where = [h for h, t in headers.items() if re.search(
                    r"[\s*(]%s\s*\(" % re.escape(fn), t)]
                wrong.append("%s() of %s.c: in %s" % (
                    fn, name, ", ".join(w + ".h" for w in where) or
                    "no header"))
    assert not wrong, "\n".join(wrong)


if __name__ == "__main__":
    run([(n, f) for n, f in sorted(globals().items())
         if n.startswith("test_")])
