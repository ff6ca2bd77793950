#!/usr/bin/env python3
"""make bench: every benchmark of bench/, bianmin beside its baselines in
the same run, results in bench/results/latest.md and latest.csv.

usage: bench/run.py [--quick] [--check] [--only SUITE,...] [--runs N]
                    [--idle-seconds S] [--hold-seconds S] [--out DIR]

--check exits 1 when a figure misses its target. Everything runs on
loopback; every process started here is stopped before it returns."""
import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import client_bench  # noqa: E402
import fixtures  # noqa: E402
import programs  # noqa: E402
import report  # noqa: E402
import server_bench  # noqa: E402

SUITES = ["seed", "screen", "login", "list", "work", "keys", "instr",
          "idle", "binary", "load", "fsync"]


class Context:
    def __init__(self, a):
        self.quick = a.quick
        self.runs = a.runs or (3 if a.quick else 7)
        self.latency_runs = 1 if a.quick else 3
        self.held_runs = 1 if a.quick else 2
        self.seed_runs = 1 if a.quick else 3
        self.load_runs = 1 if a.quick else 3
        self.read_runs = 1 if a.quick else 5    # the read loads in turns
        self.load_seconds = 3 if a.quick else 6
        self.warmup_seconds = 1 if a.quick else 2
        self.fsync_seconds = 1.0 if a.quick else 2.0
        self.idle_seconds = a.idle_seconds or (10 if a.quick else 60)
        self.hold_seconds = a.hold_seconds or (5 if a.quick else 30)
        self.residents = a.residents
        self.keep_screens = a.screens
        self.screens = {}
        self.rows = []
        self.notes = []
        self.sections = []
        self.data = {}
        build = os.path.join(fixtures.TOP, "build", "bench")
        os.makedirs(build, exist_ok=True)
        # on the disk the project lives on, not a tmpfs: fsync matters
        self.work = tempfile.mkdtemp(prefix="run-", dir=build)
        self.home = os.path.join(self.work, "home")
        os.makedirs(os.path.join(self.home, "state"), mode=0o700)
        os.makedirs(os.path.join(self.home, "config"), mode=0o700)
        self.db = os.path.join(self.work, "district.db")
        self.server = None
        self.t0 = time.monotonic()

    @property
    def url(self):
        return self.server.url

    @property
    def server_port(self):
        return self.server.port

    def add(self, row):
        self.rows.append(row)

    def note(self, text):
        self.notes.append(text)

    def progress(self, what, run):
        print("bench: %-10s %s (%.0f s)" % (
            what, "warm-up" if run < 0 else "run %d" % (run + 1),
            time.monotonic() - self.t0), flush=True)


def peers_table(ctx):
    d = ctx.data.get("screen")
    if not d:
        return None
    cols = [("first screen (ms)", "first_ms", "%.1f"),
            ("CPU to first screen (ms)", "first_cpu_ms", "%.2f"),
            ("VmHWM (MB)", "hwm_kb", "%.2f"),
            ("first draw (B)", "first_bytes", "%.0f"),
            ("20 ASCII (B)", "ascii_bytes", "%.0f"),
            ("10 Chinese (B)", "cjk_bytes", "%.0f"),
            ("10 moves (B)", "move_bytes", "%.0f")]
    idle = ctx.data.get("idle", {})
    rows = []
    labels = {"null": "a program printing one line (launch cost)",
              "floor": "C floor (ncursesw)", "bianmin": "bianmin",
              "floor-plain": "C floor, typed text not underlined",
              "dialog": "dialog --mixedform", "python": "Python curses"}
    for name, vals in d.items():
        out = []
        for _, k, fmt in cols:
            v = report.median(vals.get(k, []))
            if v is not None and k == "hwm_kb":
                v /= 1024
            out.append("" if v is None else fmt % v)
        w = idle.get(name)
        out.append("" if w is None else "%.2f" % w[0])
        rows.append((labels.get(name, name), out))
    return {"columns": cols + [("idle wake-ups (/s)", None, None)],
            "rows": rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--idle-seconds", type=float, default=0)
    ap.add_argument("--hold-seconds", type=float, default=0)
    ap.add_argument("--residents", type=int, default=200000)
    ap.add_argument("--screens", action="store_true",
                    help="print the screens the programs drew")
    ap.add_argument("--out", default=os.path.join(fixtures.HERE,
                                                  "results"))
    a = ap.parse_args()
    only = [s for s in a.only.split(",") if s]
    for s in only:
        if s not in SUITES:
            ap.error("no suite %r (%s)" % (s, ", ".join(SUITES)))
    for prog in ("bianmin", "bianmind"):
        if not os.access(os.path.join(fixtures.BIN, prog), os.X_OK):
            print("bench: bin/%s is missing: run make first" % prog,
                  file=sys.stderr)
            return 2
    ctx = Context(a)

    def on_signal(sig, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    failed = []
    try:
        programs.build_floor()
        want = only or SUITES
        if "seed" in want or not os.path.exists(ctx.db):
            saved = ctx.seed_runs
            if "seed" not in want:
                ctx.seed_runs = 1
            server_bench.seed_suite(ctx)
            ctx.seed_runs = saved
            if "seed" not in want:
                ctx.rows.clear()
        ctx.server = fixtures.Server(ctx.db, ctx.work)
        suites = {
            "screen": client_bench.screen_suite,
            "login": client_bench.login_suite,
            "list": client_bench.list_suite,
            "work": client_bench.work_suite,
            "keys": client_bench.latency_suite,
            "instr": client_bench.instr_suite,
            "idle": client_bench.idle_suite,
            "binary": client_bench.binary_suite,
            "load": server_bench.load_suite,
            "fsync": server_bench.fsync_suite,
        }
        for name in SUITES:
            if name == "seed" or name not in want:
                continue
            try:
                suites[name](ctx)
            except Exception as e:
                failed.append(name)
                traceback.print_exc()
                ctx.note("The %s benchmark failed: %s" % (
                    name, str(e).splitlines()[0] if str(e) else
                    type(e).__name__))
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        fixtures.stop_all()
        shutil.rmtree(ctx.work, ignore_errors=True)

    for k, v in ctx.screens.items():
        print("--- %s\n%s" % (k, v))
    mode = " QUICK=1" if a.quick else ""
    runs = ("Client figures are medians of %d runs after a warm-up "
            "(keystrokes: %d × 1,000 keys idle, %d × 1,000 with the server "
            "holding requests and as many of the floor at the same pace); "
            "server figures are medians of %d runs of %d s after a "
            "warm-up (the reads: %d, the health check and the searches in "
            "turns). The whole run took %.0f s." % (
                ctx.runs, ctx.latency_runs, ctx.held_runs, ctx.load_runs,
                ctx.load_seconds, ctx.read_runs, time.monotonic() - ctx.t0))
    md = report.write(ctx.rows, peers_table(ctx), ctx.notes, a.out,
                      {"mode": mode, "runs": runs}, ctx.sections)
    with open(md) as f:
        print(f.read())
    misses = [r for r in ctx.rows if r.result == "FAIL"]
    print("bench: %d figures, %d miss their target%s; %s" % (
        len(ctx.rows), len(misses),
        ", %d benchmarks failed to run" % len(failed) if failed else "",
        md))
    if failed:
        return 2
    if a.check and misses:
        for r in misses:
            print("bench: FAIL %s: %s %s, target %s" % (
                r.metric, r.f(r.med), r.unit, r.target))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
