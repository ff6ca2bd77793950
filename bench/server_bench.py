"""The server's benchmarks: seeding 200,000 residents, reads under load
at 16 connections (wrk), the write routes where this build has them,
and the disk's own fsync rate for context."""
import importlib.util
import itertools
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import time
import urllib.parse

from fixtures import HERE, call, login, seed
from report import Row

CONNECTIONS = 16
# more clients than bianmind's turns (--threads, 16): the rest wait
CROWD = 64


def seed_suite(ctx):
    """Seeds the district `runs` times; the last database stays for the
    other benchmarks."""
    times = []
    for run in range(ctx.seed_runs):
        times.append(seed(ctx.db, ctx.residents))
        ctx.progress("seed", run)
    ctx.add(Row("seed --seed demo --residents %d" % ctx.residents,
                "bianmind", "s", times, kind="max", limit=20.0,
                target="≤ 20 s", fmt="%.2f"))
    with sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True) as db:
        n = db.execute("SELECT count(*) FROM residents").fetchone()[0]
    if n < ctx.residents:
        ctx.note("the seed made %d residents, not %d" % (n, ctx.residents))


def fsync_rate(path, seconds, limit, sync):
    """Appends 4 KiB and syncs, again and again: syncs per second."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    buf = b"\0" * 4096
    n = 0
    t0 = time.monotonic()
    try:
        while n < limit and time.monotonic() - t0 < seconds:
            os.write(fd, buf)
            sync(fd)
            n += 1
    finally:
        os.close(fd)
        os.unlink(path)
    return n / (time.monotonic() - t0)


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def parse_wrk(out):
    lat = {}
    for m in re.finditer(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out,
                         re.M):
        lat[int(m.group(1))] = float(m.group(2)) * UNITS[m.group(3)]
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors:.*", out)
    total = re.search(r"(\d+) requests in", out)
    return {"p50": lat.get(50), "p99": lat.get(99),
            "rps": float(rps.group(1)) if rps else None,
            "bad": int(bad.group(1)) if bad else 0,
            "errors": errs.group(0) if errs else "",
            "requests": int(total.group(1)) if total else 0}


def wrk(ctx, token, paths, seconds, connections=CONNECTIONS):
    pf = os.path.join(ctx.work, "paths.txt")
    with open(pf, "w") as f:
        f.write("\n".join(paths) + "\n")
    e = dict(os.environ, BENCH_TOKEN=token, BENCH_PATHS=pf)
    threads = max(1, min(connections, (os.cpu_count() or 2)))
    r = subprocess.run(
        ["wrk", "-t%d" % threads, "-c%d" % connections,
         "-d%ds" % max(1, int(seconds)), "--timeout", "10s", "--latency",
         "-s", os.path.join(HERE, "wrk-get.lua"), ctx.url],
        env=e, capture_output=True, text=True, timeout=seconds + 60)
    if r.returncode != 0:
        raise RuntimeError("wrk failed: %s" % r.stderr.strip())
    return parse_wrk(r.stdout)


def scope_samples(ctx, centre_id):
    """ID numbers and surnames of residents the demo clerk may see."""
    with sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True) as db:
        ids = [r[0] for r in db.execute(
            "SELECT r.id_number FROM residents r JOIN communities c ON "
            "c.id = r.community_id WHERE c.centre_id = ? AND "
            "length(r.id_number) = 18 ORDER BY random() LIMIT 2000",
            (centre_id,))]
        names = [r[0] for r in db.execute(
            "SELECT substr(r.name, 1, 1) s FROM residents r JOIN "
            "communities c ON c.id = r.community_id WHERE c.centre_id = ? "
            "GROUP BY s ORDER BY count(*) DESC LIMIT 40", (centre_id,))]
    return ids, names


def _server_load():
    """bench/server-load.py's keep-alive client workers (the file name
    is not a module name)."""
    spec = importlib.util.spec_from_file_location(
        "server_load", os.path.join(HERE, "server-load.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_bodies(ctx, centre_id):
    """make() functions for an application of service 1205 and a
    residence certificate, each for a random resident of the centre,
    and how many residents the applications take in turn."""
    with sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True) as db:
        rids = [r[0] for r in db.execute(
            "SELECT r.id FROM residents r JOIN communities c ON "
            "c.id = r.community_id WHERE c.centre_id = ? AND "
            "r.birth_date <= '2000-01-01' ORDER BY random() LIMIT 100000",
            (centre_id,))]
        svc = db.execute("SELECT id FROM services WHERE txcode = '1205'"
                         ).fetchone()[0]
        cert = db.execute("SELECT id FROM certificate_types WHERE "
                          "code = 'residence'").fetchone()[0]
    rnd = random.Random(1)
    # one open application of a service per resident (docs/api.md): each
    # takes the next resident, none twice
    turn = itertools.count()

    def application():
        return ("POST", "/api/v1/applications", json.dumps({
            "service_id": svc, "resident_id": rids[next(turn) % len(rids)],
            "data": {"reason": "路灯损坏，请求维修", "phone": "13700001111",
                     "declaration": True},
            "materials": [{"name": "居民身份证", "originals": 1,
                           "copies": 1}]}))

    def certificate():
        return ("POST", "/api/v1/certificates", json.dumps({
            "type_id": cert, "resident_id": rnd.choice(rids),
            "purpose": "办理居住证",
            "data": {"since": "2019-06-01", "tenure": "own"}}))
    return application, certificate, len(rids)


# Application numbers end in a 4-digit daily sequence per street: the
# 10,000th of a day is refused (docs/api.md). The runs together stay
# below that, counted in requests rather than seconds; and below the
# centre's adults, each of whom may have one open application of the
# service: a second would be a 409, answered fast, in the figures.
WRITES_PER_RUN = 2000


def writes_per_run(ctx, residents):
    """The warm-up (a quarter run) and the runs within residents."""
    return max(1, min(WRITES_PER_RUN,
                      int(residents * 0.95 / (ctx.load_runs + 0.25))))


def write_loads(ctx, token, centre_id):
    """Creates at CONNECTIONS connections, each request a new
    Idempotency-Key: every one a committed transaction (synchronous=FULL),
    to set beside the disk's fsync rate of the same run."""
    load = _server_load()
    port = int(ctx.url.rsplit(":", 1)[1].split("/")[0])
    application, certificate, residents = write_bodies(ctx, centre_id)
    per_run = writes_per_run(ctx, residents)
    for name, make in (("create application", application),
                       ("issue certificate", certificate)):
        load.run(port, token, make, CONNECTIONS, ctx.warmup_seconds,
                 per_run // 4)
        res = []
        for run in range(ctx.load_runs):
            lat, bad, took = load.run(port, token, make, CONNECTIONS,
                                      ctx.load_seconds * 5, per_run)
            res.append((len(lat) / took, load.pct(lat, 0.5),
                        load.pct(lat, 0.99), bad))
            ctx.progress("writes " + name, run)
        route = "%s at %d connections (Python workers), %d a run" % (
            "POST /api/v1/applications" if "application" in name else
            "POST /api/v1/certificates", CONNECTIONS, per_run)
        ctx.add(Row("server %s throughput" % name, "bianmind", "/s",
                    [r[0] for r in res], fmt="%.0f", note=route))
        ctx.add(Row("server %s p50" % name, "bianmind", "ms",
                    [r[1] for r in res], fmt="%.2f", note=route))
        ctx.add(Row("server %s p99" % name, "bianmind", "ms",
                    [r[2] for r in res], fmt="%.2f", note=route))
        if any(r[3] for r in res):
            ctx.note("%s: %d answers were not 2xx." % (
                name, sum(r[3] for r in res)))
    return per_run


def load_suite(ctx):
    if shutil.which("wrk") is None:
        ctx.note("wrk is not installed: no server load figures "
                 "(make deps installs it).")
        return
    s = login(ctx.url)
    token = s["token"]
    ids, names = scope_samples(ctx, s["staff"]["centre"]["id"])
    q = urllib.parse.quote
    loads = [
        ("health check", "GET /api/v1/health (public, no search)", None,
         ["/api/v1/health"]),
        # the ID lookup's tail against the HTTP stack's own, in the
        # same run (issue 28); the name search's in milliseconds
        ("ID lookup", "GET /api/v1/residents?id_number=", ("ratio", 1.3),
         ["/api/v1/residents?id_number=%s" % i for i in ids]),
        ("name search", "GET /api/v1/residents?q=<surname>&per_page=50",
         ("max", 20.0), ["/api/v1/residents?q=%s&per_page=50" % q(n)
                         for n in names]),
    ]
    # in turns, run by run: the machine's other work then weighs on
    # the health check as it does on the searches set beside it
    measured = {name: [] for name, _, _, _ in loads}
    for name, route, limit, paths in loads:
        wrk(ctx, token, paths, ctx.warmup_seconds)
    for run in range(ctx.read_runs):
        for name, route, limit, paths in loads:
            measured[name].append(wrk(ctx, token, paths, ctx.load_seconds))
            ctx.progress("wrk " + name, run)
    base = measured[loads[0][0]]
    for name, route, limit, paths in loads[1:]:
        res = measured[name]
        bname = "health check"
        ctx.add(Row("server %s p50, %d connections" % (name, CONNECTIONS),
                    "bianmind", "ms", [r["p50"] for r in res], bname,
                    [r["p50"] for r in base], fmt="%.3f", note=route))
        ctx.add(Row("server %s p99, %d connections" % (name, CONNECTIONS),
                    "bianmind", "ms", [r["p99"] for r in res], bname,
                    [r["p99"] for r in base], kind=limit[0],
                    limit=limit[1], target=("≤ %g× health check"
                                            if limit[0] == "ratio" else
                                            "≤ %g ms") % limit[1],
                    fmt="%.3f", note=route))
        ctx.add(Row("server %s throughput" % name, "bianmind", "req/s",
                    [r["rps"] for r in res], bname,
                    [r["rps"] for r in base], fmt="%.0f", note=route))
        note_not_2xx(ctx, name, res)
    id_paths = {name: p for name, _, _, p in loads}["ID lookup"]
    crowd_suite(ctx, token, id_paths, measured["ID lookup"])
    ctx.note("Server load: wrk with %d threads and %d connections on "
             "this same machine, so wrk and bianmind (%s worker threads) "
             "share its CPUs; the health check (no session, no search) "
             "is the baseline of what the HTTP stack itself costs here. "
             "The health check, the ID lookups and the name searches run "
             "in turns, %d runs of each."
             % (max(1, min(CONNECTIONS, os.cpu_count() or 2)), CONNECTIONS,
                "16, its default", len(base)))
    per_run = write_loads(ctx, token, s["staff"]["centre"]["id"])
    ctx.note("Writes: Python client workers (bench/server-load.py) at %d "
             "connections, %d requests a run (application numbers allow "
             "9,999 a street a day, and each of the centre's adults one "
             "open application of the service), each with a new "
             "Idempotency-Key, so each is a transaction committed with "
             "synchronous=FULL; the disk rows give this filesystem's own "
             "fsync rate in the same run." % (CONNECTIONS, per_run))


def crowd_suite(ctx, token, paths, at16):
    """ID lookups from more clients than requests run at once: the
    others wait their turn, and the waiting should cost nothing."""
    wrk(ctx, token, paths, ctx.warmup_seconds, CROWD)
    res = []
    for run in range(ctx.load_runs):
        res.append(wrk(ctx, token, paths, ctx.load_seconds, CROWD))
        ctx.progress("wrk crowd", run)
    base = "ID lookup, %d connections" % CONNECTIONS
    ctx.add(Row("server ID lookup throughput, %d connections" % CROWD,
                "bianmind", "req/s", [r["rps"] for r in res], base,
                [r["rps"] for r in at16], kind="ratio-min", limit=0.6,
                target="≥ 0.6× at %d" % CONNECTIONS, fmt="%.0f",
                note="%d clients, %d requests at once (--threads): the "
                "others wait their turn" % (CROWD, CONNECTIONS)))
    ctx.add(Row("server ID lookup p50, %d connections" % CROWD, "bianmind",
                "ms", [r["p50"] for r in res], base,
                [r["p50"] for r in at16], fmt="%.3f"))
    note_not_2xx(ctx, "ID lookups at %d connections" % CROWD, res)


def note_not_2xx(ctx, name, res):
    """Notes the answers of wrk's runs res that were not 2xx, and its
    socket errors."""
    bad = sum(r["bad"] for r in res)
    if bad or any(r["errors"] for r in res):
        ctx.note("%s: %d answers were not 2xx; %s" % (
            name, bad, "; ".join(r["errors"] for r in res if r["errors"])))


def fsync_suite(ctx):
    path = os.path.join(ctx.work, "fsync.test")
    rates = {"fsync": [], "fdatasync": []}
    for run in range(ctx.seed_runs):
        rates["fsync"].append(fsync_rate(path, ctx.fsync_seconds, 20000,
                                         os.fsync))
        rates["fdatasync"].append(fsync_rate(path, ctx.fsync_seconds, 20000,
                                             os.fdatasync))
    ctx.add(Row("write 4 KiB + fsync, on the database's filesystem",
                "disk", "/s", rates["fsync"], fmt="%.0f"))
    ctx.add(Row("write 4 KiB + fdatasync", "disk", "/s",
                rates["fdatasync"], fmt="%.0f"))
