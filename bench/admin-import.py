#!/usr/bin/env python3
"""How long `bianmind admin residents import` takes for a city's list
(not a test: it asserts nothing unless --check). Makes a CSV of N
residents (default 200,000) in households of one to five, with valid ID
numbers, in the demo district's communities; imports it into a database
that has the demo's organisation and nobody else; then imports it once
more (every row an unchanged upsert). Prints the seconds of each and the
rows per second; --check fails when the first takes a minute or more.

    python3 bench/admin-import.py [--rows N] [--postgres URL] [--check]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIANMIND = os.path.join(TOP, "bin", "bianmind")
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def idc(first17):
    return first17 + "10X98765432"[sum(int(c) * k for c, k in
                                       zip(first17, W)) % 11]


def bianmind(db, *args):
    return subprocess.run([BIANMIND, "--no-config", "--db", db] +
                          list(args), capture_output=True, text=True)


def make_csv(path, n, communities, rng):
    relations = ["配偶", "子", "女", "父", "母"]
    seen = set()
    rows = ["户号,与户主关系,姓名,公民身份号码,所属社区,居住地址,联系电话,民族"]
    hh = 0
    while len(rows) - 1 < n:
        hh += 1
        code = rng.choice(communities)
        size = min(rng.randint(1, 5), n - (len(rows) - 1))
        address = "陕西省铜川市某路%d号" % hh
        for k in range(size):
            while True:
                birth = "%04d%02d%02d" % (rng.randint(1930, 2020),
                                          rng.randint(1, 12),
                                          rng.randint(1, 28))
                first = code[:6] + birth + "%03d" % rng.randint(0, 999)
                if first not in seen:
                    seen.add(first)
                    break
            rows.append("H%07d,%s,测试%d,%s,%s,%s,%s,汉族" % (
                hh, "户主" if k == 0 else relations[k - 1], len(rows),
                idc(first), code, address,
                "138%08d" % len(rows) if k < 2 else ""))
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    return hh


def timed(db, path):
    t = time.monotonic()
    r = bianmind(db, "admin", "residents", "import", path)
    took = time.monotonic() - t
    if r.returncode != 0:
        sys.exit("import failed (%d): %s%s" % (r.returncode, r.stdout,
                                               r.stderr))
    return took, r.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200000)
    ap.add_argument("--postgres", help="an empty PostgreSQL database URL")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    d = tempfile.mkdtemp(prefix="bianmin-import-bench-")
    try:
        demo = os.path.join(d, "demo.db")
        bianmind(demo, "--seed", "demo", "--residents", "50")
        org = os.path.join(d, "org.csv")
        bianmind(demo, "admin", "org", "export", org)
        communities = [l.split(",")[1] for l in open(org)
                       if l.startswith("community,")]
        db = a.postgres or os.path.join(d, "site.db")
        r = bianmind(db, "admin", "org", "import", org)
        if r.returncode != 0:
            sys.exit(r.stderr)
        path = os.path.join(d, "residents.csv")
        hh = make_csv(path, a.rows, communities, random.Random(1))
        size = os.path.getsize(path)
        first, out1 = timed(db, path)
        second, out2 = timed(db, path)
        print("residents import, %s, %d rows in %d households (%.1f MB)"
              % ("PostgreSQL" if a.postgres else "SQLite", a.rows, hh,
                 size / 1e6))
        print("  into an empty database: %6.1f s  (%d rows/s)  %s" %
              (first, a.rows / first, out1))
        print("  the same file again:    %6.1f s  (%d rows/s)  %s" %
              (second, a.rows / second, out2))
        if a.check and first >= 60:
            sys.exit("FAIL: %.1f s for %d rows (target: under 60 s)" %
                     (first, a.rows))
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
