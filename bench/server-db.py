#!/usr/bin/env python3
"""bianmind on SQLite and on PostgreSQL, one process and two, in one run
(not a test: it asserts nothing).

Seeds the same district (200,000 residents by default, seed number 1)
into a SQLite file and into a database of a private PostgreSQL cluster
(tests/lib/pgcluster.sh, with fsync on, as SQLite runs with
synchronous=FULL), timing both; then for each back end starts one
bianmind, then two on the same database, and runs two scenarios at a
fixed concurrency, the client workers spread over the processes:

  search   GET /api/v1/residents?q=<2-character name prefix>, for a time
  create   POST /api/v1/applications (service 1205), a number of them
           (application numbers allow 9,999 a street a day), each for a
           resident none had before, with a new Idempotency-Key

and prints requests/s and p50/p99 latency as a Markdown table. While
PostgreSQL creates, a psql beside them samples pg_stat_activity and
pg_locks every few milliseconds and counts what each bianmind
connection with a statement running waits for: the lock every write
transaction takes (the write lock), the audit trail's lock, another
advisory lock (a named one), a row (a sequence's, an application's), a
table, the WAL, or nothing.

With --baseline BIN, each row is run with that bianmind as well, on the
same databases, the two in turns (in a different order each round), so
that a change is measured against the build before it in one command:
the table then gives both and their ratio. Only loopback is used.
Usage:

  bench/server-db.py [--residents N] [--concurrency C] [--seconds S]
                     [--creates N] [--threads T] [--rounds R]
                     [--baseline BIN] [--only sqlite|postgresql]
                     [--scenarios search,create] [--processes 1,2]
                     [--out FILE]

The tables go to stdout and to bench/results/server-db.md (--out).
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
import sys
import tempfile
import threading
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

# server/db-pg.c's PG_WRITE_LOCK and server/db.h's DB_LOCK_AUDIT, as
# pg_locks shows a bigint advisory key: classid the high 32 bits, objid
# the low ones
WRITE_LOCK = (7140326502 >> 32, 7140326502 & 0xffffffff)
AUDIT_LOCK = (0, 1)
WAITS = ("write lock", "audit lock", "named lock", "row", "table", "WAL",
         "other", "running")

SAMPLE_SQL = (
    "SELECT a.pid, coalesce(a.wait_event_type, ''), "
    "coalesce(a.wait_event, ''), coalesce(l.locktype, ''), "
    "coalesce(l.classid::text, ''), coalesce(l.objid::text, '') "
    "FROM pg_stat_activity a LEFT JOIN pg_locks l ON l.pid = a.pid AND "
    "NOT l.granted WHERE a.application_name = 'bianmind' AND "
    "a.state = 'active' AND a.datname = current_database();")


def seed(binary, db, residents):
    t0 = time.monotonic()
    subprocess.run([binary, "--db", db, "--seed", "demo", "--residents",
                    str(residents)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - t0


def what_waits(wtype, wevent, locktype, classid, objid):
    """What one active connection of a sample waits for."""
    if locktype == "advisory":
        key = (int(classid or 0), int(objid or 0))
        return {WRITE_LOCK: "write lock", AUDIT_LOCK: "audit lock"}.get(
            key, "named lock")
    if locktype in ("transactionid", "tuple"):
        return "row"
    if locktype in ("relation", "extend", "page"):
        return "table"
    if wtype == "" or wtype == "CPU":
        return "running"
    if wevent.startswith("WAL") or wtype == "IO" and "WAL" in wevent:
        return "WAL"
    return "other"


class Sampler:
    """pg_stat_activity and pg_locks, sampled by one psql while a
    scenario runs: per sample, how many bianmind connections with a
    statement running wait for what."""

    def __init__(self, url, every):
        self.url, self.every = url, every
        self.counts = {w: 0 for w in WAITS}
        self.samples = 0
        self.stop = threading.Event()
        self.proc = subprocess.Popen(
            ["psql", "-X", "-q", "-A", "-t", "-F", "|", "-d", url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            bufsize=1)
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def one(self):
        self.proc.stdin.write(SAMPLE_SQL + "\n\\echo ~end\n")
        self.proc.stdin.flush()
        seen = {}
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            if line == "~end":
                break
            f = line.split("|")
            if len(f) < 6:
                continue
            w = what_waits(*f[1:6])
            # a connection waiting for a lock is counted for it
            if f[0] not in seen or seen[f[0]] == "running":
                seen[f[0]] = w
        for w in seen.values():
            self.counts[w] += 1
        self.samples += 1

    def loop(self):
        while not self.stop.is_set():
            self.one()
            time.sleep(self.every)

    def finish(self):
        self.stop.set()
        self.thread.join()
        self.proc.stdin.close()
        self.proc.wait()
        return self

    def mean(self, w):
        return self.counts[w] / self.samples if self.samples else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=200000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--creates", type=int, default=3000,
                    help="creates per row (within --seconds * 5)")
    ap.add_argument("--threads", type=int,
                    help="bianmind's --threads (default: its own)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--baseline", help="another bianmind to run beside")
    ap.add_argument("--only", choices=("sqlite", "postgresql"))
    ap.add_argument("--scenarios", default="search,create")
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--sample-ms", type=float, default=20)
    ap.add_argument("--out", default=os.path.join(HERE, "results",
                                                   "server-db.md"),
                    help="also write the tables to this file")
    a = ap.parse_args()
    builds = [("this build", BIN)]
    if a.baseline:
        builds.insert(0, ("baseline", os.path.abspath(a.baseline)))
    scenarios = a.scenarios.split(",")
    nprocs = [int(n) for n in a.processes.split(",")]
    # every create of the run is numbered in one street's one day, and
    # docs/api.md allows 9,999: past that the rest would be 409s
    rows = a.rounds * len(builds) * len(nprocs)
    if "create" in scenarios and rows * a.creates > 9999:
        a.creates = 9999 // rows
        print("--creates lowered to %d: %d rows of creates share one "
              "street's 9,999 numbers of a day" % (a.creates, rows),
              file=sys.stderr)
    tmp = tempfile.mkdtemp(prefix="bianmin-bench-")
    os.chmod(tmp, 0o755)    # the cluster may run as another user
    pgdir = os.path.join(tmp, "pg")
    env = dict(os.environ, PGCLUSTER_FSYNC="on")
    out = []

    def say(line=""):
        print(line, flush=True)
        out.append(line)

    try:
        dbs = [("SQLite", os.path.join(tmp, "bench.db"))]
        if a.only != "sqlite":
            url = subprocess.run([CLUSTER, "start", pgdir], env=env,
                                 check=True, capture_output=True,
                                 text=True).stdout.strip()
            subprocess.run(["psql", "-X", "-q", "-d", url, "-c",
                            "CREATE DATABASE bench"], check=True)
            dbs.append(("PostgreSQL",
                        url.replace("/postgres?", "/bench?", 1)))
        # the SQLite file is seeded in any case: the residents come from it
        seeded = {name: seed(BIN, db, a.residents) for name, db in dbs}
        if a.only:
            dbs = [d for d in dbs if d[0].lower() == a.only]
        con = sqlite3.connect(os.path.join(tmp, "bench.db"))
        rows = con.execute("SELECT id, name FROM residents ORDER BY "
                           "random() LIMIT 2000").fetchall()
        svc = con.execute("SELECT id FROM services WHERE txcode = '1205'"
                          ).fetchone()[0]
        # one open application of a service per resident (docs/api.md):
        # each write takes the next adult without one, none twice, and
        # none moved out or dead, whom the server refuses (422)
        fresh = [r[0] for r in con.execute(
            "SELECT id FROM residents WHERE birth_date <= '2000-01-01' AND "
            "status = 'active' AND id NOT IN (SELECT resident_id FROM applications WHERE "
            "service_id = ?) ORDER BY random() LIMIT 150000", (svc,))]
        turn = itertools.count()
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

        say("Run %s UTC: bench/server-db.py %s (load average %.2f as the "
            "rows began)" % (time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
                             shown_args(), os.getloadavg()[0]))
        say()
        say("%d residents; seeding: %s" % (a.residents, ", ".join(
            "%s %.1f s" % (n, s) for n, s in seeded.items())))
        say("%d client workers, search %g s per row, create %d per row, "
            "%s requests at once per bianmind, %d round(s), all on this "
            "machine (%d cores)" % (
                a.concurrency, a.seconds, a.creates,
                a.threads or "its default of", a.rounds, os.cpu_count()))
        say()
        # (back end, processes, scenario, build) -> [(rps, p50, p99, bad,
        # statuses)]; for creates, what bianmind's log says and each
        # connection's mean, and on PostgreSQL what its writers waited for
        a.tmp = tmp
        res, locks, inside = {}, {}, {}
        for rnd_no in range(a.rounds):
            order = builds if rnd_no % 2 == 0 else builds[::-1]
            for name, db in dbs:
                for n in nprocs:
                    for bname, binary in order:
                        run_row(a, name, db, n, bname, binary, scenarios,
                                search, create, res, locks, inside)
        table(a, builds, dbs, nprocs, scenarios, res, say)
        if inside:
            say()
            inside_table(builds, dbs, nprocs, res, inside, say)
        if any(k[0] == "PostgreSQL" for k in locks):
            say()
            lock_table(builds, dbs, nprocs, locks, say)
    finally:
        subprocess.run([CLUSTER, "stop", pgdir])
        shutil.rmtree(tmp, ignore_errors=True)
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(out) + "\n")


def shown_args():
    """The command's arguments, with the files it was given named by
    what they are, not where they were."""
    out, named = [], {"--baseline": "BASELINE", "--out": "FILE"}
    for i, arg in enumerate(sys.argv[1:]):
        key = arg.split("=", 1)[0]
        if key in named and "=" in arg:
            arg = key + "=" + named[key]
        elif i > 0 and sys.argv[i] in named:
            arg = named[sys.argv[i]]
        out.append(arg)
    return " ".join(out)


def start_all(binary, db, n, threads, logs):
    load.BIN = binary
    procs = []
    try:
        for log in logs[:n]:
            procs.append(load.start(db, threads, log))
    except BaseException:
        stop_all(procs)
        raise
    return procs


def stop_all(procs):
    for p, _ in procs:
        p.terminate()
        p.wait()


def skip_log(logs):
    """Marks where the logs are, so that server_ms() reads what follows."""
    for log in logs:
        open(log + ".mark", "w").write(
            str(os.path.getsize(log)) if os.path.exists(log) else "0")


def server_ms(logs, what):
    """The milliseconds bianmind's log gives for the requests of what
    since skip_log(): the time from a request's start to its answer
    inside bianmind, leaving out the time it waited for its worker
    thread and the client's own."""
    ms = []
    for log in logs:
        with open(log + ".mark") as f:
            start = int(f.read())
        with open(log, encoding="utf-8", errors="replace") as f:
            f.seek(start)
            for line in f:
                if what in line:
                    word = line.split(what, 1)[1].split()[1]
                    if word.endswith("ms"):
                        ms.append(int(word[:-2]))
    return ms


def run_row(a, name, db, n, bname, binary, scenarios, search, create, res,
            locks, inside):
    """One back end, n processes of one build: each scenario once."""
    logs = [os.path.join(a.tmp, "bianmind-%d.log" % i) for i in range(n)]
    procs = start_all(binary, db, n, a.threads, logs)
    try:
        ports = [port for _, port in procs]
        token = load.login(ports[0], "admin", "demo-admin")
        for scen in scenarios:
            sampler = None
            if scen == "create" and name == "PostgreSQL":
                sampler = Sampler(db, a.sample_ms / 1000)
            statuses, conns = {}, []
            skip_log(logs)
            if scen == "create":
                lat, bad, took = load.run(ports, token, create,
                                          a.concurrency, a.seconds * 5,
                                          a.creates, statuses, conns)
                inside.setdefault((name, n, bname), []).append(
                    (server_ms(logs, "POST /api/v1/applications "), conns))
            else:
                lat, bad, took = load.run(ports, token, search,
                                          a.concurrency, a.seconds,
                                          statuses=statuses)
            if sampler is not None:
                locks.setdefault((name, n, bname), []).append(
                    sampler.finish())
            r = (len(lat) / took, statistics.median(lat) * 1000,
                 load.pct(lat, 0.99), bad, statuses)
            res.setdefault((name, n, scen, bname), []).append(r)
            print("  %s, %d process(es), %s, %s: %.0f/s p50 %.1f ms "
                  "p99 %.1f ms, %d errors %s" % ((name, n, scen, bname) +
                                                 r[:4] + (statuses or "",)),
                  file=sys.stderr, flush=True)
    finally:
        stop_all(procs)


def errors(runs):
    """The errors of a row's runs, with their statuses."""
    n, by = 0, {}
    for r in runs:
        n += r[3]
        for s, k in r[4].items():
            by[s] = by.get(s, 0) + k
    return "%d%s" % (n, " (%s)" % ", ".join(
        "%d× %d" % (k, s) for s, k in sorted(by.items())) if by else "")


def med(runs, i):
    return statistics.median(r[i] for r in runs)


def table(a, builds, dbs, nprocs, scenarios, res, say):
    if len(builds) == 1:
        say("| back end | processes | scenario | requests/s | p50 ms | "
            "p99 ms | errors |")
        say("|---|---:|---|---:|---:|---:|---:|")
    else:
        say("| back end | processes | scenario | requests/s (baseline → "
            "this build) | ratio | p50 ms | p99 ms | ratio of p99 | "
            "errors |")
        say("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for name, _ in dbs:
        for n in nprocs:
            for scen in scenarios:
                got = [res[(name, n, scen, b)] for b, _ in builds]
                bad = "/".join(errors(g) for g in got)
                if len(got) == 1:
                    g = got[0]
                    say("| %s | %d | %s | %.0f | %.1f | %.1f | %s |" % (
                        name, n, scen, med(g, 0), med(g, 1), med(g, 2),
                        bad))
                    continue
                b, t = got
                say("| %s | %d | %s | %.0f → %.0f | %.2f× | %.1f → %.1f "
                    "| %.1f → %.1f | %.2f× | %s |" % (
                        name, n, scen, med(b, 0), med(t, 0),
                        med(t, 0) / med(b, 0), med(b, 1), med(t, 1),
                        med(b, 2), med(t, 2), med(t, 2) / med(b, 2), bad))
    if a.rounds > 1:
        say()
        say("Medians of %d rounds." % a.rounds)


def inside_table(builds, dbs, nprocs, res, inside, say):
    say("Creates: p99 as the clients saw it and inside bianmind (its "
        "log: from a request's start to its answer, leaving out the wait "
        "for a worker thread), and the mean latency of the fastest and "
        "the slowest client connection (medians of the rounds)")
    say()
    say("| back end | processes | build | p99 ms (clients) | p99 ms "
        "(inside bianmind) | fastest connection, mean ms | slowest "
        "connection, mean ms |")
    say("|---|---:|---|---:|---:|---:|---:|")
    for name, _ in dbs:
        for n in nprocs:
            for bname, _ in builds:
                got = inside.get((name, n, bname))
                if not got:
                    continue
                p99s = [load.pct([m / 1000 for m in ms], 0.99)
                        for ms, _ in got if ms]
                say("| %s | %d | %s | %.1f | %s | %.1f | %.1f |" % (
                    name, n, bname, med(res[(name, n, "create", bname)],
                                        2),
                    "%.0f" % statistics.median(p99s) if p99s else "-",
                    statistics.median(min(c) for _, c in got) * 1000,
                    statistics.median(max(c) for _, c in got) * 1000))


def lock_table(builds, dbs, nprocs, locks, say):
    say("PostgreSQL, during create: bianmind connections with a statement "
        "running, by what they wait for (mean per sample; samples "
        "every few ms)")
    say()
    say("| processes | build | samples | " + " | ".join(WAITS) + " |")
    say("|---:|---|---:|" + "---:|" * len(WAITS))
    for n in nprocs:
        for bname, _ in builds:
            got = locks.get(("PostgreSQL", n, bname))
            if not got:
                continue
            samples = sum(s.samples for s in got)
            say("| %d | %s | %d | %s |" % (n, bname, samples, " | ".join(
                "%.2f" % (sum(s.counts[w] for s in got) / max(samples, 1))
                for w in WAITS)))


if __name__ == "__main__":
    main()
