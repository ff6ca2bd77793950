#!/usr/bin/env python3
"""Load benchmark of bianmind (not a test: it asserts nothing).

Seeds a district (200,000 residents by default) into a temporary folder,
starts bianmind on loopback and runs four scenarios one after the other,
each at a fixed concurrency for a fixed time, with one keep-alive
connection per worker:

  id-lookup     GET /api/v1/residents?id_number=...   (random residents)
  name-search   GET /api/v1/residents?q=<2-character name prefix>
  create-app    POST /api/v1/applications              (service 1205)
  issue-cert    POST /api/v1/certificates              (居住证明)

and prints p50/p99 latency and requests per second for each. Only
loopback is used. Usage:

  bench/server-load.py [--residents N] [--concurrency C] [--seconds S]
                       [--threads T] [--db FILE]
"""
import argparse
import http.client
import getpass
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(TOP, "bin", "bianmind")


def start(db, threads, log=None):
    """bianmind on db, on a free loopback port: (process, port), with
    --threads threads (None: bianmind's default). log: a file for its
    log (one line a request, with the milliseconds it took inside
    bianmind)."""
    d = tempfile.mkdtemp(prefix="bianmin-bench-")
    port_file = os.path.join(d, "port")
    # the bench's settings only, and as the user running it
    proc = subprocess.Popen([BIN, "--no-config", "--user",
                             getpass.getuser(), "--db", db, "--listen",
                             "127.0.0.1:0",
                             "--port-file", port_file,
                             "--max-per-address", "512"] +
                            (["--threads", str(threads)] if threads
                             else []) +
                            (["--log", log] if log else []),
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while not os.path.exists(port_file):
        if proc.poll() is not None:
            sys.exit("bianmind did not start")
        time.sleep(0.05)
    with open(port_file) as f:
        port = int(f.read())
    shutil.rmtree(d)
    return proc, port


def login(port, user, password):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("POST", "/api/v1/sessions", json.dumps(
        {"username": user, "password": password, "counter": "9"}),
        {"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    c.close()
    return body["token"]


def run(port, token, make, concurrency, seconds, count=None, statuses=None,
        per_worker=None):
    """Runs make() -> (method, path, body) from each worker until the
    time is up (or count requests are made, all workers together);
    returns latencies (s), errors and elapsed time. port may be a list:
    the workers take its ports in turn. statuses, a dict, counts the
    answers that were errors by status; per_worker, a list, gets each
    worker's (each connection's) mean latency (s)."""
    ports = port if isinstance(port, (list, tuple)) else [port]
    lat, errors, lock = [], [0], threading.Lock()
    stop = time.monotonic() + seconds
    left = [count]

    def another():
        if time.monotonic() >= stop:
            return False
        if left[0] is None:
            return True
        with lock:
            left[0] -= 1
            return left[0] >= 0

    def worker(port):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while another():
            method, path, body = make()
            h = {"Authorization": "Bearer " + token}
            if body is not None:
                h["Content-Type"] = "application/json"
                h["Idempotency-Key"] = uuid.uuid4().hex
            t0 = time.monotonic()
            c.request(method, path, body, h)
            r = c.getresponse()
            r.read()
            mine.append(time.monotonic() - t0)
            if r.status >= 300:
                bad += 1
                if statuses is not None:
                    with lock:
                        statuses[r.status] = statuses.get(r.status, 0) + 1
        c.close()
        with lock:
            lat.extend(mine)
            errors[0] += bad
            if per_worker is not None and mine:
                per_worker.append(statistics.mean(mine))

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(ports[i % len(ports)],))
          for i in range(concurrency)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return lat, errors[0], time.monotonic() - t0


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=200000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--db")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bianmin-bench-")
    db = a.db or os.path.join(tmp, "bench.db")
    try:
        if not os.path.exists(db):
            t0 = time.monotonic()
            subprocess.run([BIN, "--db", db, "--seed", "demo",
                            "--residents", str(a.residents)], check=True)
            print("seeded %d residents in %.1f s" % (
                a.residents, time.monotonic() - t0))
        con = sqlite3.connect(db)
        rows = con.execute("SELECT id, id_number, name FROM residents "
                           "ORDER BY random() LIMIT 2000").fetchall()
        # one open application of a service per resident (docs/api.md):
        # each write takes the next resident, none twice
        fresh = [r[0] for r in con.execute(
            "SELECT id FROM residents ORDER BY random() LIMIT 100000")]
        turn = itertools.count()
        svc = con.execute("SELECT id FROM services WHERE txcode = '1205'"
                          ).fetchone()[0]
        cert = con.execute("SELECT id FROM certificate_types WHERE "
                           "code = 'residence'").fetchone()[0]
        con.close()
        proc, port = start(db, a.threads)
        token = login(port, "admin", "demo-admin")
        rnd = random.Random(1)

        def id_lookup():
            return ("GET", "/api/v1/residents?id_number=" +
                    rnd.choice(rows)[1], None)

        def name_search():
            return ("GET", "/api/v1/residents?q=" + urllib.parse.quote(
                rnd.choice(rows)[2][:2]), None)

        def create_app():
            return ("POST", "/api/v1/applications", json.dumps({
                "service_id": svc,
                "resident_id": fresh[next(turn) % len(fresh)],
                "data": {"reason": "路灯损坏，请求维修", "phone":
                         "13700001111", "declaration": True},
                "materials": [{"name": "居民身份证", "originals": 1,
                               "copies": 1}]}))

        def issue_cert():
            return ("POST", "/api/v1/certificates", json.dumps({
                "type_id": cert, "resident_id": rnd.choice(rows)[0],
                "purpose": "办理居住证", "data": {"since": "2019-06-01",
                                                 "tenure": "rent"}}))

        print("%d residents, concurrency %d, %g s each, %d server threads"
              % (a.residents, a.concurrency, a.seconds, a.threads))
        print("%-12s %9s %9s %9s %9s %7s" % ("scenario", "requests",
                                             "req/s", "p50 ms", "p99 ms",
                                             "errors"))
        try:
            for name, make in (("id-lookup", id_lookup),
                               ("name-search", name_search),
                               ("create-app", create_app),
                               ("issue-cert", issue_cert)):
                lat, bad, took = run(port, token, make, a.concurrency,
                                     a.seconds)
                print("%-12s %9d %9.0f %9.1f %9.1f %7d" % (
                    name, len(lat), len(lat) / took, statistics.median(lat)
                    * 1000, pct(lat, 0.99), bad), flush=True)
        finally:
            proc.terminate()
            proc.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
