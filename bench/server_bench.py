"""The server's benchmarks: seeding 200,000 residents, reads under load
at 16 connections (wrk), the write routes where this build has them,
and the disk's own fsync rate for context."""
import os
import re
import shutil
import sqlite3
import subprocess
import time
import urllib.parse

from fixtures import HERE, call, login, seed
from report import Row

CONNECTIONS = 16


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


def wrk(ctx, token, paths, seconds):
    pf = os.path.join(ctx.work, "paths.txt")
    with open(pf, "w") as f:
        f.write("\n".join(paths) + "\n")
    e = dict(os.environ, BENCH_TOKEN=token, BENCH_PATHS=pf)
    threads = max(1, min(CONNECTIONS, (os.cpu_count() or 2)))
    r = subprocess.run(
        ["wrk", "-t%d" % threads, "-c%d" % CONNECTIONS,
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


def probe(ctx, token, method, path):
    st, body = call(ctx.url + path, method, {} if method == "POST" else None,
                    token, {"Idempotency-Key": "0" * 32})
    kind = (body or {}).get("type", "") if isinstance(body, dict) else ""
    return st, kind


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
        ("ID lookup", "GET /api/v1/residents?id_number=", 2.0,
         ["/api/v1/residents?id_number=%s" % i for i in ids]),
        ("name search", "GET /api/v1/residents?q=<surname>&per_page=50",
         20.0, ["/api/v1/residents?q=%s&per_page=50" % q(n)
                for n in names]),
    ]
    base = None
    for name, route, limit, paths in loads:
        wrk(ctx, token, paths, ctx.warmup_seconds)
        res = []
        for run in range(ctx.load_runs):
            res.append(wrk(ctx, token, paths, ctx.load_seconds))
            ctx.progress("wrk " + name, run)
        bad = sum(r["bad"] for r in res)
        if base is None:
            base = res
            continue
        bname = "health check"
        ctx.add(Row("server %s p50, %d connections" % (name, CONNECTIONS),
                    "bianmind", "ms", [r["p50"] for r in res], bname,
                    [r["p50"] for r in base], fmt="%.3f", note=route))
        ctx.add(Row("server %s p99, %d connections" % (name, CONNECTIONS),
                    "bianmind", "ms", [r["p99"] for r in res], bname,
                    [r["p99"] for r in base], kind="max", limit=limit,
                    target="≤ %g ms" % limit, fmt="%.3f", note=route))
        ctx.add(Row("server %s throughput" % name, "bianmind", "req/s",
                    [r["rps"] for r in res], bname,
                    [r["rps"] for r in base], fmt="%.0f", note=route))
        if bad or any(r["errors"] for r in res):
            ctx.note("%s: %d answers were not 2xx; %s" % (
                name, bad, "; ".join(r["errors"] for r in res
                                     if r["errors"])))
    ctx.note("Server load: wrk with %d threads and %d connections on "
             "this same machine, so wrk and bianmind (%s worker threads) "
             "share its CPUs; the health check (no session, no search) "
             "is the baseline of what the HTTP stack itself costs here."
             % (max(1, min(CONNECTIONS, os.cpu_count() or 2)), CONNECTIONS,
                "4"))
    absent = []
    for what, method, path in (
            ("create application", "POST", "/api/v1/applications"),
            ("issue certificate", "POST", "/api/v1/certificates"),
            ("service catalog", "GET", "/api/v1/services/by-code/0501")):
        st, kind = probe(ctx, token, method, path)
        if st == 404:
            absent.append("%s (%s %s: 404)" % (what, method, path))
        else:
            ctx.note("%s: %s %s answers %d: the route exists, but this "
                     "harness does not load it yet." % (what, method, path,
                                                        st))
    if absent:
        ctx.note("Not on this build of bianmind, so not measured: %s."
                 % "; ".join(absent))


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
