#!/usr/bin/env python3
"""bianmind on SQLite and on PostgreSQL, one process and two, in one run
(not a test: it asserts nothing).

Seeds the same district (200,000 residents by default, seed number 1)
into a SQLite file and into a database of a private PostgreSQL cluster
(tests/lib/pgcluster.sh, with fsync on, as SQLite runs with
synchronous=FULL), timing both; then for each back end starts one
bianmind, then two on the same database, and runs two scenarios at a
fixed concurrency, the client workers spread over the processes:

  search   GET /api/v1/residents?q=<2-character name prefix>
  create   POST /api/v1/applications (service 1205)

and prints requests/s and p50/p99 latency as a Markdown table. Only
loopback is used. Usage:

  bench/server-db.py [--residents N] [--concurrency C] [--seconds S]
                     [--threads T]
"""
import argparse
import importlib.util
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BIN = os.path.join(TOP, "bin", "bianmind")
CLUSTER = os.path.join(TOP, "tests", "lib", "pgcluster.sh")

_spec = importlib.util.spec_from_file_location(
    "server_load", os.path.join(HERE, "server-load.py"))
load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load)


def seed(db, residents):
    t0 = time.monotonic()
    subprocess.run([BIN, "--db", db, "--seed", "demo", "--residents",
                    str(residents)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=200000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--threads", type=int, default=4)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bianmin-bench-")
    os.chmod(tmp, 0o755)    # the cluster may run as another user
    pgdir = os.path.join(tmp, "pg")
    env = dict(os.environ, PGCLUSTER_FSYNC="on")
    try:
        url = subprocess.run([CLUSTER, "start", pgdir], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()
        subprocess.run(["psql", "-X", "-q", "-d", url, "-c",
                        "CREATE DATABASE bench"], check=True)
        dbs = [("SQLite", os.path.join(tmp, "bench.db")),
               ("PostgreSQL", url.replace("/postgres?", "/bench?", 1))]
        seeded = {name: seed(db, a.residents) for name, db in dbs}
        con = sqlite3.connect(dbs[0][1])
        rows = con.execute("SELECT id, name FROM residents ORDER BY "
                           "random() LIMIT 2000").fetchall()
        # one open application of a service per resident (docs/api.md):
        # each write takes the next resident, none twice
        fresh = [r[0] for r in con.execute(
            "SELECT id FROM residents ORDER BY random() LIMIT 100000")]
        turn = itertools.count()
        svc = con.execute("SELECT id FROM services WHERE txcode = '1205'"
                          ).fetchone()[0]
        con.close()
        rnd = random.Random(1)

        def search():
            return ("GET", "/api/v1/residents?q=" + urllib.parse.quote(
                rnd.choice(rows)[1][:2]), None)

        def create():
            return ("POST", "/api/v1/applications", json.dumps({
                "service_id": svc,
                "resident_id": fresh[next(turn) % len(fresh)],
                "data": {"reason": "路灯损坏，请求维修", "phone":
                         "13700001111", "declaration": True},
                "materials": [{"name": "居民身份证", "originals": 1,
                               "copies": 1}]}))

        print("%d residents; seeding: %s" % (a.residents, ", ".join(
            "%s %.1f s" % (n, s) for n, s in seeded.items())))
        print("%d client workers, %g s per row, %d worker threads per "
              "bianmind, all on this machine (%d cores)\n" % (
                  a.concurrency, a.seconds, a.threads, os.cpu_count()))
        print("| back end | processes | scenario | requests/s | p50 ms | "
              "p99 ms | errors |")
        print("|---|---:|---|---:|---:|---:|---:|")
        for name, db in dbs:
            for n in (1, 2):
                procs = [load.start(db, a.threads) for _ in range(n)]
                try:
                    ports = [port for _, port in procs]
                    token = load.login(ports[0], "admin", "demo-admin")
                    for scen, make in (("search", search),
                                       ("create", create)):
                        lat, bad, took = load.run(ports, token, make,
                                             a.concurrency, a.seconds)
                        print("| %s | %d | %s | %.0f | %.1f | %.1f | %d |"
                              % (name, n, scen, len(lat) / took,
                                 statistics.median(lat) * 1000,
                                 load.pct(lat, 0.99), bad), flush=True)
                finally:
                    for p, _ in procs:
                        p.terminate()
                        p.wait()
    finally:
        subprocess.run([CLUSTER, "stop", pgdir])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
