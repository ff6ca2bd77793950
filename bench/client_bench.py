"""The client's benchmarks: start-up, memory, bytes to the terminal,
keystroke to screen, CPU per key, idle wake-ups, binary and libraries.
Every program runs on its own 80x24 pty (ptyrun.Proc)."""
import json
import os
import re
import select
import shutil
import sqlite3
import statistics
import subprocess
import time

import programs
from fixtures import BIN, TOP, Proxy, call, login
from ptyrun import Proc, Timeout
from report import Row

ASCII20 = "abcdefghijklmnopqrst"
CJK10 = "张红旗李光明王建国赵"
FULL_ID = "610202198503150021"
SURNAME = "张"
LOOKUP = "ID number / name / mobile"
SERVICE = os.path.join(TOP, "tests", "fixtures", "service-0501.json")


def env(ctx, **extra):
    """The environment every program runs in: the same terminal type and
    locale, and state and config folders of the run's own."""
    e = {k: v for k, v in os.environ.items()
         if not k.startswith(("LC_", "BIANMIN_", "NCURSES", "DIALOG"))
         and k not in ("NO_COLOR", "LANGUAGE", "COLUMNS", "LINES")}
    e.update(TERM="screen", LANG="C.UTF-8", LC_ALL="", LANGUAGE="",
             HOME=ctx.home, XDG_STATE_HOME=os.path.join(ctx.home, "state"),
             XDG_CONFIG_HOME=os.path.join(ctx.home, "config"),
             DIALOGRC="/dev/null")
    e.update(extra)
    return e


def pct(values, p):
    v = sorted(values)
    if not v:
        return None
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def bianmin_login(p):
    """Logs in as the demo clerk from the login screen; waits for the
    lookup (or the kept-forms dialog)."""
    p.wait_screen(*programs.MARKERS)
    for k in ("clerk01", "Enter", "demo-clerk", "Enter", "Enter"):
        p.send(k)


def wait_line(p, start, then, timeout=10.0):
    """Reads until a line of the screen holds start and, after it, then
    (a label may be cut to fit: match its start only)."""
    deadline = time.monotonic() + timeout
    while not any(start in p.screen.line(y) and then in
                  p.screen.line(y).split(start, 1)[1]
                  for y in range(p.screen.rows)):
        if time.monotonic() > deadline or p.eof:
            raise Timeout("waited for %r ... %r; screen:\n%s"
                          % (start, then, p.screen.text()))
        p.pump(0.05)


def field_text(p, label):
    """What a field of the screen shows after `label:`."""
    for y in range(p.screen.rows):
        line = p.screen.line(y)
        if label + ":" in line:
            return line.split(label + ":", 1)[1].strip()
    return None


# --- start-up, memory at login, bytes ----------------------------------
def session_login(ctx, prog):
    """One launch: first screen, its bytes, VmHWM, 20 ASCII characters
    into the first field, then 10 moves to the next field."""
    out = {}
    p = Proc(prog.argv(), env(ctx))
    try:
        if isinstance(prog, programs.Null):
            t = p.wait_screen(programs.MARKERS[0])
            out["first_ms"] = (t - p.t_launch) / 1e6
            return out
        t = p.wait_screen(*programs.MARKERS)
        out["first_ms"] = (t - p.t_launch) / 1e6
        p.settle(0.15)
        out["first_bytes"] = p.total
        out["hwm_kb"] = p.status_kb("VmHWM")
        out["pss_kb"] = p.pss_kb()
        guard = p.guard_private_kb()
        if guard is not None:
            out["guard_kb"] = guard
        out["first_cpu_ms"] = p.cpu_ns() / 1e6
        out["ascii_bytes"] = sum(p.change(c, quiet=0.02) for c in ASCII20)
        if ASCII20 not in p.screen.text():
            raise Timeout("%s: typed text not on screen:\n%s"
                          % (prog.name, p.screen.text()))
        out["move_bytes"] = sum(p.change(prog.next_key, quiet=0.02)
                                for _ in range(10))
        if ctx.keep_screens and prog.name not in ctx.screens:
            ctx.screens[prog.name] = p.screen.text()
    finally:
        p.stop()
    return out


def session_cjk(ctx, prog):
    """One launch: 10 Chinese characters typed into the first field."""
    p = Proc(prog.argv(), env(ctx))
    try:
        p.wait_screen(*programs.MARKERS)
        p.settle(0.1)
        n = sum(p.change(c, quiet=0.02) for c in CJK10)
        if CJK10 not in p.screen.text().replace(" ", ""):
            raise Timeout("%s: Chinese text not on screen:\n%s"
                          % (prog.name, p.screen.text()))
    finally:
        p.stop()
    return n


def screen_suite(ctx):
    progs = [programs.Null(), programs.Floor(), programs.Bianmin(ctx.url),
             programs.Dialog(), programs.PyCurses(), programs.FloorPlain()]
    missing = [q.label for q in progs if not q.available()]
    progs = [q for q in progs if q.available()]
    for m in missing:
        ctx.note("%s is not installed: its figures are missing "
                 "(make deps installs it)." % m)
    data = {q.name: {} for q in progs}
    for run in range(-1, ctx.runs):
        order = progs[run % len(progs):] + progs[:run % len(progs)]
        for q in order:
            a = session_login(ctx, q)
            if not isinstance(q, programs.Null):
                a["cjk_bytes"] = session_cjk(ctx, q)
            if run < 0:
                continue            # the warm-up
            for k, v in a.items():
                data[q.name].setdefault(k, []).append(v)
        ctx.progress("screen", run)
    ctx.data.update({"screen": data})
    f, b = data["floor"], data["bianmin"]
    d = data.get("dialog", {})
    ctx.add(Row("start to first full screen", "bianmin", "ms",
                b["first_ms"], "C floor", f["first_ms"], "ratio", 1.5,
                "≤ 1.5× C floor"))
    ctx.add(Row("CPU time to the first full screen", "bianmin", "ms",
                b["first_cpu_ms"], "C floor", f["first_cpu_ms"], "ratio",
                1.5, "≤ 1.5× C floor", fmt="%.2f",
                note="utime+stime of the program from exec until it waits "
                "for keys: start-up cost that a loaded machine cannot "
                "blur"))
    ctx.add(Row("start to first full screen (vs dialog)", "bianmin", "ms",
                b["first_ms"], "dialog --mixedform", d.get("first_ms"),
                "ratio", 1.0, "below dialog"))
    ctx.add(Row("peak memory (VmHWM) at the login screen", "bianmin", "MB",
                [v / 1024 for v in b["hwm_kb"]], "C floor",
                [v / 1024 for v in f["hwm_kb"]], "max", 6.0, "≤ 6 MB",
                fmt="%.2f"))
    ctx.add(Row("memory at the login screen, the guard and the client "
                "together (PSS)", "bianmin", "MB",
                [v / 1024 for v in b["pss_kb"]], "C floor",
                [v / 1024 for v in f["pss_kb"]], fmt="%.2f",
                note="shared pages split among the processes that map "
                "them: unlike VmHWM, it does not depend on which process "
                "of the two touched a library first"))
    if b.get("guard_kb"):
        ctx.add(Row("the guard beside it (a parent that waits), private",
                    "bianmin", "MB", [v / 1024 for v in b["guard_kb"]],
                    fmt="%.2f", note="its pages not shared with the "
                    "client: what it adds to the machine's memory"))
    ctx.add(Row("bytes: first draw of the login screen", "bianmin", "B",
                b["first_bytes"], "C floor", f["first_bytes"], "ratio", 1.0,
                "≤ C floor", fmt="%.0f"))
    ctx.add(Row("bytes per ASCII character typed (20 into a field)",
                "bianmin", "B", [v / 20 for v in b["ascii_bytes"]],
                "C floor", [v / 20 for v in f["ascii_bytes"]], "max", 2.0,
                "≤ 2"))
    ctx.add(Row("bytes per Chinese character typed (10, UTF-8)", "bianmin",
                "B", [v / 10 for v in b["cjk_bytes"]], "C floor",
                [v / 10 for v in f["cjk_bytes"]], "max", 5.0, "≤ 5"))
    ctx.add(Row("bytes: moving between fields 10 times", "bianmin", "B",
                b["move_bytes"], "C floor", f["move_bytes"], "ratio", 1.0,
                "≤ C floor", fmt="%.0f"))
    for q in progs:
        for k, unit, fmt in (("first_ms", "ms", "%.1f"),
                             ("first_cpu_ms", "ms", "%.2f"),
                             ("hwm_kb", "kB", "%.0f"),
                             ("pss_kb", "kB", "%.0f"),
                             ("first_bytes", "B", "%.0f"),
                             ("ascii_bytes", "B", "%.0f"),
                             ("cjk_bytes", "B", "%.0f"),
                             ("move_bytes", "B", "%.0f")):
            if k in data[q.name]:
                ctx.add(Row("login screen: " + k, q.name, unit,
                            data[q.name][k], fmt=fmt, main=False))


# --- the result list ---------------------------------------------------
def list_file(ctx):
    """The pages bianmin shows, fetched from the server, for the floor."""
    s = login(ctx.url)
    st = s["staff"]
    lines = ["S\t bianmin | %s %s | Counter %s | %s" % (
        st["name"], st["username"], s.get("counter") or "1",
        st["centre"]["name"])]
    first = []
    for page in (1, 2):
        code, r = call("%s/api/v1/residents?q=%s&page=%d&per_page=50" % (
            ctx.url, urllib_quote(SURNAME), page), token=s["token"])
        if code != 200:
            raise RuntimeError("resident search: HTTP %d" % code)
        pages = (r["total"] + r["per_page"] - 1) // r["per_page"]
        lines.append("P\t%d\t%d\t%d" % (r["page"], pages, r["total"]))
        for it in r["items"]:
            lines.append("R\t" + "\t".join([
                it["name"], "male" if it["sex"] == "M" else "female",
                str(it["age"]), it["id_number_masked"],
                it["community"]["name"], it["address"]]))
        first.append(r["items"][0]["name"] if r["items"] else "")
        total = r["total"]
    path = os.path.join(ctx.work, "list.tsv")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path, first, total


def urllib_quote(s):
    import urllib.parse
    return urllib.parse.quote(s)


def session_list(ctx, argv, is_bianmin, first):
    p = Proc(argv, env(ctx))
    try:
        if is_bianmin:
            bianmin_login(p)
        p.wait_screen(LOOKUP)
        p.settle(0.2)
        p.change(SURNAME, quiet=0.02)
        opened = p.change("Enter", until=("Page 1 of",), quiet=0.05)
        paged = p.change("PgDn", until=("Page 2 of",), quiet=0.05)
        row = p.screen.line(5).split()
        if not row or row[0] != first[1]:
            raise Timeout("page 2 does not start with %s:\n%s"
                          % (first[1], p.screen.text()))
        if ctx.keep_screens:
            ctx.screens["list-" + ("bianmin" if is_bianmin else "floor")] \
                = p.screen.text()
    finally:
        p.stop()
    return opened, paged


def list_suite(ctx):
    path, first, total = list_file(ctx)
    if total < 100:
        ctx.note("the list benchmark found only %d residents named %s*"
                 % (total, SURNAME))
    progs = [("floor", [programs.FLOOR, "--list", path], False),
             ("bianmin", programs.Bianmin(ctx.url).argv(), True)]
    data = {n: ([], []) for n, _, _ in progs}
    for run in range(-1, ctx.runs):
        for name, argv, is_b in (progs if run % 2 else progs[::-1]):
            o, g = session_list(ctx, argv, is_b, first)
            if run >= 0:
                data[name][0].append(o)
                data[name][1].append(g)
        ctx.progress("list", run)
    b, f = data["bianmin"], data["floor"]
    ctx.add(Row("bytes: open a result list (%s*, %d residents, "
                "50 a page)" % (SURNAME, total), "bianmin", "B", b[0],
                "C floor", f[0], "ratio", 1.0, "≤ C floor", fmt="%.0f"))
    ctx.add(Row("bytes: PgDn to the next page of the list", "bianmin", "B",
                b[1], "C floor", f[1], "ratio", 1.0, "≤ C floor",
                fmt="%.0f"))
    for n in ("floor",):
        ctx.add(Row("list: open", n, "B", data[n][0], fmt="%.0f",
                    main=False))
        ctx.add(Row("list: PgDn", n, "B", data[n][1], fmt="%.0f",
                    main=False))


# --- login to the screen after it ---------------------------------------
def session_logon(ctx, burst):
    """One launch, logged in as the demo clerk: the time from the Enter
    that sends the login to the lookup screen drawn with the clerk's
    counter, and the CPU the client used from that Enter until it is quiet.
    As a clerk logs in (burst False): the name, Enter, the password, a
    pause (a password takes seconds to type), then Enter. All at once
    (burst True, as a paste would): the time runs from the first key."""
    p = Proc(programs.Bianmin(ctx.url).argv(), env(ctx))
    try:
        p.wait_screen(*programs.MARKERS)
        p.settle(0.1)
        cpu0 = p.cpu_ns()
        t0 = time.perf_counter_ns()
        p.send("clerk01", "Enter", "demo-clerk", "Enter")
        if not burst:
            p.settle(0.3)
            cpu0 = p.cpu_ns()
            t0 = time.perf_counter_ns()
        p.send("Enter")
        t = p.wait_screen(LOOKUP, "| Counter 1 |")
        p.settle(0.1)
        return (t - t0) / 1e6, (p.cpu_ns() - cpu0) / 1e6
    finally:
        p.stop()


def login_request_ms(ctx):
    """The same login by Python's urllib on a new connection: what the
    server (its password hash) and loopback take by themselves."""
    t0 = time.perf_counter_ns()
    login(ctx.url)
    return (time.perf_counter_ns() - t0) / 1e6


def login_suite(ctx):
    res = {"typed": [], "burst": [], "request": []}
    for run in range(-1, ctx.runs):
        for burst in (False, True):
            r = session_logon(ctx, burst)
            if run >= 0:
                res["burst" if burst else "typed"].append(r)
        r = login_request_ms(ctx)
        if run >= 0:
            res["request"].append(r)
        ctx.progress("login", run)
    req = res["request"]
    ctx.add(Row("login: Enter to the lookup screen (name, password, "
                "then Enter)", "bianmin", "ms",
                [r[0] for r in res["typed"]], "the login request alone",
                req, fmt="%.1f", note="the request alone: Python's "
                "urllib, a new connection, same server"))
    ctx.add(Row("login: first key to the lookup screen (the whole login "
                "at once)", "bianmin", "ms", [r[0] for r in res["burst"]],
                "the login request alone", req, fmt="%.1f"))
    ctx.add(Row("CPU from the login's Enter until quiet at the lookup "
                "screen", "bianmin", "ms", [r[1] for r in res["typed"]],
                fmt="%.2f"))
    ctx.add(Row("CPU from the first key until quiet at the lookup screen "
                "(the whole login at once)", "bianmin", "ms",
                [r[1] for r in res["burst"]], fmt="%.2f"))


# --- memory after a working session ------------------------------------
def seed_draft(ctx, state):
    """A form kept from an earlier session, as the client saves it: the
    way to open a form while the server has no service catalog."""
    db = sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True)
    rid = db.execute("SELECT id FROM residents WHERE id_number = ?",
                     (FULL_ID,)).fetchone()[0]
    db.close()
    with open(SERVICE) as f:
        service = json.load(f)
    d = os.path.join(state, "bianmin", "drafts")
    os.makedirs(d, mode=0o700)
    doc = {"service": service, "resident_id": rid, "resident_name": "张红旗",
           "values": {"name": "张红旗"}, "origins": {"name": "record"},
           "overrides": {}, "materials": [False] * 4,
           "idempotency_key": "0123456789abcdef0123456789abcdef",
           "saved_at": time.time()}
    path = os.path.join(d, "%d-%d.json" % (service["id"], rid))
    with open(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    os.chmod(path, 0o600)


def elderly_resident(ctx, n):
    """The ID number and name of the n-th resident of the demo clerk's
    centre aged 80 or more, who may apply for 0501 (each run its own:
    the server refuses a second open 0501 for the same resident)."""
    with sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True) as db:
        return db.execute(
            "SELECT r.id_number, r.name FROM residents r JOIN communities "
            "c ON c.id = r.community_id WHERE c.centre_id = 1 AND "
            "length(r.id_number) = 18 AND r.birth_date <= date('now', "
            "'-81 years') ORDER BY r.id LIMIT 1 OFFSET ?", (n,)).fetchone()


def session_work(ctx, run):
    """Login, a form (from a kept draft), an ID lookup and the profile,
    then F3 0501 from the catalog, submitted, its receipt printed to a
    file. Returns (VmHWM at login, after, what was done)."""
    state = os.path.join(ctx.work, "state-work")
    shutil.rmtree(state, ignore_errors=True)
    seed_draft(ctx, state)
    p = Proc(programs.Bianmin(ctx.url).argv(),
             env(ctx, XDG_STATE_HOME=state))
    how = []
    try:
        p.wait_screen(*programs.MARKERS)
        p.settle(0.1)
        at_login = p.status_kb("VmHWM")
        bianmin_login(p)
        p.wait_screen("Forms kept from before")
        p.send("Enter")
        p.wait_screen("0501 ")
        p.settle(0.1)
        how.append("from a kept draft")
        p.send("Esc")
        p.settle(0.1)
        if "Throw away" in p.screen.text():
            p.send("y")
        p.wait_screen(LOOKUP)
        # an application taken and its receipt printed (to a file, as
        # with no printer set up): 0501 for a resident of 80 or more
        who, name = elderly_resident(ctx, run)
        p.send(who, "Enter")
        p.wait_screen("Household", name)
        p.settle(0.1)
        p.send("F3")
        p.wait_screen("Transaction code")
        p.send("0501", "Enter")
        p.wait_screen("0501 ", "[record]")
        for ch in "6214830912345678":
            p.send(ch)
        p.send("C-r")
        p.wait_screen("Every required material is ticked")
        p.send("Enter", "Space")
        wait_line(p, "I declare", "[x]")
        p.send("F9")
        p.wait_screen("Application taken.")
        how.append("F3 0501 for %s, filled from the record, submitted"
                   % name)
        prints = os.path.join(state, "bianmin", "prints")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (
                os.path.isdir(prints) and os.listdir(prints)):
            p.pump(0.05)
        if not (os.path.isdir(prints) and os.listdir(prints)):
            raise Timeout("no receipt in %s" % prints)
        how.append("its receipt printed to a file")
        pdf = [m for m in p.maps() if "libcairo" in m or "libpango" in m]
        how.append("cairo/pango mapped by the client: %s"
                   % (", ".join(os.path.basename(m) for m in pdf) or "none"))
        p.settle(0.2)
        after = p.status_kb("VmHWM")
        pss = p.pss_kb()
        libs = len([m for m in p.maps() if ".so" in os.path.basename(m)
                    or "ld-linux" in m])
    finally:
        p.stop()
        shutil.rmtree(state, ignore_errors=True)
    return at_login, after, how, libs, pss


def work_suite(ctx):
    after, libs, pss = [], [], []
    how = None
    for run in range(min(ctx.runs, 3)):
        _, a, how, n, ps = session_work(ctx, run)
        after.append(a / 1024)
        libs.append(n)
        pss.append(ps / 1024)
    ctx.add(Row("peak memory (VmHWM) after login, a lookup, a form, a "
                "receipt", "bianmin", "MB", after, kind="max", limit=12.0,
                target="≤ 12 MB", fmt="%.2f",
                note="; ".join(how or [])))
    ctx.add(Row("memory after that session, the guard and the client "
                "together (PSS)", "bianmin", "MB", pss, fmt="%.2f"))
    ctx.add(Row("shared libraries mapped after that working session",
                "bianmin", "", libs, fmt="%.0f",
                note="what the login screen does without, loaded by then"))
    ctx.note("Memory after a working session: login; the form 0501 "
             "opened %s; an ID lookup and the profile; then %s." % (
                 (how or ["?"])[0], "; ".join(how[1:]) or "nothing more"))


# --- keystroke to screen, CPU per key -------------------------------------
def key_sequence():
    """1,000 keys: 50 times ten digits then ten Backspaces. A lost digit
    shows as a missing echo, a lost Backspace as text left behind."""
    seq = []
    for g in range(50):
        seq += [str((g + i) % 10) for i in range(10)] + ["BSpace"] * 10
    return seq


def type_keys(p, pace=0.0, busy_text=None, between=None):
    """Types key_sequence() one key at a time, each after the echo of the
    one before. Returns latencies (ns), keys without an echo, CPU (ns)
    the program used, and how many keys went in while busy_text showed.
    between(p) runs before each group of 20 keys, when the field holds
    what it held at the start."""
    lat, lost, busy = [], 0, 0
    cpu0 = p.cpu_ns()
    t0 = time.monotonic()
    for i, k in enumerate(key_sequence()):
        if between is not None and i % 20 == 0:
            between(p)
        if pace:
            delay = t0 + i * pace - time.monotonic()
            if delay > 0:
                p.pump(delay)
        if busy_text is not None and busy_text in p.screen.line(
                p.screen.rows - 2):
            busy += 1
        ns, ok = p.echo_time(k, k.encode() if k != "BSpace" else None)
        if ok:
            lat.append(ns)
        else:
            lost += 1
            if lost >= 20:      # the program has stopped answering
                lost += len(key_sequence()) - i - 1
                break
    return lat, lost, p.cpu_ns() - cpu0, busy


def latency_run(ctx, which, pace=0.0):
    """1,000 keys into the Staff field of the login form."""
    if which == "floor":
        p = Proc(programs.Floor().argv(), env(ctx))
    else:
        p = Proc(programs.Bianmin(ctx.url).argv(), env(ctx))
    try:
        p.wait_screen(*programs.MARKERS)
        p.settle(0.2)
        lat, lost, cpu, _ = type_keys(p, pace)
        p.settle(0.05)
        if field_text(p, "Staff") != "":
            lost += 1
    finally:
        p.stop()
    return lat, lost, cpu, None


def search_again(p):
    """The client has given up on the held lookup: ask again, so that a
    request is waiting on the server the whole time."""
    if "Working" in p.screen.line(p.screen.rows - 2):
        return
    p.send("Enter")
    deadline = time.monotonic() + 2.0
    while "Working" not in p.screen.line(p.screen.rows - 2) and \
            time.monotonic() < deadline:
        p.pump(0.02)


def latency_held_run(ctx):
    """Logged in through the proxy, which then holds every request: a
    lookup waits on the server while the clerk types 1,000 keys."""
    proxy = Proxy(ctx.server_port, ctx.work)
    p = Proc(programs.Bianmin(proxy.url).argv(), env(ctx))
    try:
        bianmin_login(p)
        p.wait_screen(LOOKUP)
        p.settle(0.2)
        proxy.hold()
        p.send(FULL_ID, "Enter")
        p.wait_screen("Working")
        lat, lost, cpu, busy = type_keys(p, ctx.hold_seconds / 1000.0,
                                         "Working", search_again)
        p.settle(0.05)
        if field_text(p, LOOKUP) not in (FULL_ID, FULL_ID + " "):
            lost += 1
    finally:
        p.stop()
        proxy.stop()
    return lat, lost, cpu, busy


def latency_suite(ctx):
    res = {"floor": [], "bianmin": [], "held": [], "paced": []}
    runs = ctx.latency_runs
    for run in range(-1, runs):
        for which in ("floor", "bianmin"):
            r = latency_run(ctx, which)
            if run >= 0:
                res[which].append(r)
        ctx.progress("keys", run)
    for run in range(ctx.held_runs):
        res["held"].append(latency_held_run(ctx))
        ctx.progress("keys held", run)
    # the floor typed at the same pace: every key wakes a sleeping process
    for run in range(ctx.held_runs):
        res["paced"].append(latency_run(ctx, "floor",
                                        ctx.hold_seconds / 1000.0))
        ctx.progress("keys paced", run)

    def col(rs, i):
        return [r[i] for r in rs]

    def p50(rs):
        return [statistics.median(r[0]) / 1e6 for r in rs if r[0]]

    def p99(rs):
        return [pct(r[0], 99) / 1e6 for r in rs if r[0]]

    f, b, h, fp = res["floor"], res["bianmin"], res["held"], res["paced"]
    paced = "C floor, same pace"
    ctx.add(Row("keystroke to screen, median (1,000 keys, idle)",
                "bianmin", "ms", p50(b), "C floor", p50(f), "max", 1.0,
                "≤ 1 ms", fmt="%.3f"))
    ctx.add(Row("keystroke to screen, p99 (idle)", "bianmin", "ms", p99(b),
                "C floor", p99(f), "max", 5.0, "≤ 5 ms", fmt="%.3f"))
    ctx.add(Row("keystroke to screen, median (server holds requests)",
                "bianmin", "ms", p50(h), paced, p50(fp), "max", 1.0,
                "≤ 1 ms", fmt="%.3f"))
    ctx.add(Row("keystroke to screen, p99 (server holds requests)",
                "bianmin", "ms", p99(h), paced, p99(fp), "max", 5.0,
                "≤ 5 ms", fmt="%.3f"))
    ctx.add(Row("keys lost, all runs (idle and held)", "bianmin", "",
                [sum(col(b, 1)) + sum(col(h, 1))], "C floor",
                [sum(col(f, 1)) + sum(col(fp, 1))], "max", 0, "0",
                fmt="%.0f"))
    ctx.add(Row("CPU per keystroke (idle)", "bianmin", "µs",
                [c / 1000 / 1000 for c in col(b, 2)], "C floor",
                [c / 1000 / 1000 for c in col(f, 2)], "ratio", 1.5,
                "≤ 1.5× C floor"))
    ctx.add(Row("CPU per keystroke (server holds requests)", "bianmin",
                "µs", [c / 1000 / 1000 for c in col(h, 2)], paced,
                [c / 1000 / 1000 for c in col(fp, 2)], fmt="%.1f",
                note="includes the spinner's redraws"))
    if h:
        ctx.note("Held requests: the proxy answered nothing for %.0f s "
                 "while 1,000 keys went in, one every %.0f ms; keys typed "
                 "while the lookup's spinner showed: %s per run. The "
                 "client gives up on a stalled request after 10 s (its "
                 "low-speed limit); the harness then presses Enter again "
                 "between two groups of keys. CPU per key here includes "
                 "the spinner's redraws and a wake-up for every key."
                 % (ctx.hold_seconds, ctx.hold_seconds,
                    ", ".join(str(r[3]) for r in h)))


# --- instruction counts (callgrind): figures no load can blur -----------
def callgrind_count(ctx, argv, keys):
    """Instructions a program executes from exec until it leaves, having
    drawn the login screen and taken `keys` keys of key_sequence()."""
    # one file per process: bianmin's guard forks the client (a shared
    # file would hold whichever left last). The child's count carries
    # what the parent did before the fork, so the figure is the largest
    # count: the client's, from exec; the guard only waits after it.
    outs = os.path.join(ctx.work, "callgrind")
    shutil.rmtree(outs, ignore_errors=True)
    os.makedirs(outs)
    p = Proc(["valgrind", "--tool=callgrind", "--callgrind-out-file=" +
              os.path.join(outs, "out.%p")] + argv, env(ctx))
    try:
        p.wait_screen(*programs.MARKERS, timeout=120)
        p.settle(0.3)
        for k in key_sequence()[:keys]:
            _, ok = p.echo_time(k, k.encode() if k != "BSpace" else None,
                                timeout=10.0)
            if not ok:
                raise Timeout("%s: no echo under valgrind" % argv[0])
    finally:
        p.stop(timeout=60)
    total = None
    for name in os.listdir(outs):
        with open(os.path.join(outs, name)) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    total = max(total or 0, int(line.split()[1]))
                    break
    if total is None:
        raise RuntimeError("callgrind wrote no totals")
    return total


def instr_suite(ctx):
    if shutil.which("valgrind") is None:
        ctx.note("valgrind is not installed: no instruction counts "
                 "(make deps installs it).")
        return
    n = 200
    res = {}
    for name, argv in (("floor", programs.Floor().argv()),
                       ("bianmin", programs.Bianmin(ctx.url).argv())):
        start = callgrind_count(ctx, argv, 0)
        typed = callgrind_count(ctx, argv, n)
        res[name] = (start, (typed - start) / n)
        ctx.progress("callgrind", 0)
    ctx.add(Row("instructions from exec to the login screen (and exit)",
                "bianmin", "M", [res["bianmin"][0] / 1e6], "C floor",
                [res["floor"][0] / 1e6], "ratio", 1.5, "≤ 1.5× C floor",
                fmt="%.2f", note="callgrind"))
    ctx.add(Row("instructions per keystroke (%d keys)" % n, "bianmin", "k",
                [res["bianmin"][1] / 1e3], "C floor",
                [res["floor"][1] / 1e3], "ratio", 1.5, "≤ 1.5× C floor",
                fmt="%.1f", note="callgrind"))


# --- idle wake-ups -----------------------------------------------------
def idle_suite(ctx):
    """bianmin at its main menu beside the peers at their login forms,
    all idle for the same seconds."""
    procs = []
    try:
        b = Proc(programs.Bianmin(ctx.url).argv(), env(ctx))
        procs.append(("bianmin", b))
        bianmin_login(b)
        b.wait_screen(LOOKUP)
        b.settle(0.2)
        b.send("Esc")
        b.wait_screen("Main menu")
        for q in (programs.Floor(), programs.Dialog(), programs.PyCurses()):
            if q.available():
                p = Proc(q.argv(), env(ctx))
                procs.append((q.name, p))
                p.wait_screen(*programs.MARKERS)
        time.sleep(1.0)
        for _, p in procs:
            p.settle(0.05)
        before = [(p.ctxt_switches()[1], p.cpu_ns(), time.monotonic())
                  for _, p in procs]
        deadline = time.monotonic() + ctx.idle_seconds
        fds = {p.fd: p for _, p in procs}
        while time.monotonic() < deadline:
            r, _, _ = select.select(list(fds), [], [],
                                    max(0, min(1.0, deadline -
                                               time.monotonic())))
            for fd in r:
                fds[fd].pump(0)
        after = [(p.ctxt_switches()[1], p.cpu_ns(), time.monotonic())
                 for _, p in procs]
    finally:
        for _, p in procs:
            p.stop()
    fig = {}
    for (name, _), (v0, c0, t0), (v1, c1, t1) in zip(procs, before, after):
        fig[name] = ((v1 - v0) / (t1 - t0), (c1 - c0) / (t1 - t0) / 1e7)
    ctx.add(Row("idle wake-ups at the main menu (%.0f s)"
                % ctx.idle_seconds, "bianmin", "/s", [fig["bianmin"][0]],
                "C floor", [fig["floor"][0]], "max", 1.0, "≤ 1/s",
                fmt="%.2f"))
    ctx.add(Row("idle CPU at the main menu", "bianmin", "%",
                [fig["bianmin"][1]], "C floor", [fig["floor"][1]], "max",
                0.1, "< 0.1 %", fmt="%.4f"))
    for n, (w, c) in fig.items():
        ctx.add(Row("idle wake-ups", n, "/s", [w], fmt="%.2f",
                    main=False))
        ctx.add(Row("idle CPU", n, "%", [c], fmt="%.4f", main=False))
    ctx.data["idle"] = fig


# --- binary and libraries ------------------------------------------------
REASONS = {
    "libncursesw": "the ncursesw wide-character drawing calls",
    "libtinfo": "terminfo, split out of ncurses",
    "libcurl": "HTTP(S) to the server (libcurl multi)",
    "libcjson": "JSON of the API",
    "libm": "maths, linked by the Makefile (-lm)",
    "libqrencode": "QR codes on receipts and certificates",
    "libinih": "the settings file (INI)",
    "libsqlite3": "the outbox (SQLite)",
    "libc": "the C library",
    "ld-linux": "the dynamic loader",
    "libnghttp2": "HTTP/2",
    "libidn2": "international domain names",
    "librtmp": "RTMP streaming URLs",
    "libssh2": "SCP and SFTP URLs",
    "libpsl": "the public suffix list, for cookies",
    "libssl": "TLS (OpenSSL)",
    "libcrypto": "TLS (OpenSSL)",
    "libgssapi_krb5": "Kerberos / GSS-API authentication",
    "libldap": "LDAP URLs",
    "liblber": "LDAP URLs",
    "libzstd": "zstd content encoding",
    "libbrotlidec": "brotli content encoding",
    "libbrotlicommon": "brotli content encoding",
    "libz": "gzip content encoding",
    "libunistring": "Unicode strings, for libidn2",
    "libgnutls": "TLS (GnuTLS), for librtmp",
    "libhogweed": "public-key crypto, for GnuTLS and librtmp",
    "libnettle": "crypto, for GnuTLS and librtmp",
    "libgmp": "big numbers, for GnuTLS and librtmp",
    "libp11-kit": "PKCS#11 modules, for GnuTLS",
    "libtasn1": "ASN.1, for GnuTLS",
    "libkrb5": "Kerberos",
    "libk5crypto": "Kerberos crypto",
    "libcom_err": "Kerberos error tables",
    "libkrb5support": "Kerberos",
    "libkeyutils": "the kernel key ring, for Kerberos",
    "libresolv": "DNS, for Kerberos",
    "libsasl2": "SASL, for LDAP",
    "libffi": "foreign calls, for p11-kit",
    "libgcrypt": "crypto, for libssh2",
    "libgpg-error": "errors, for libgcrypt",
}


def reason(path):
    base = os.path.basename(path)
    for k in sorted(REASONS, key=len, reverse=True):
        if base.startswith(k + ".") or base.startswith(k + "-") or \
                base == k or base.startswith(k + "_"):
            return REASONS[k]
    return "?"


def mapped_libs(argv, ctx):
    p = Proc(argv, env(ctx))
    try:
        p.wait_screen(*programs.MARKERS)
        p.settle(0.1)
        return [m for m in p.maps() if ".so" in os.path.basename(m) or
                "ld-linux" in m]
    finally:
        p.stop()


def dynamic(path):
    """(SONAME, [NEEDED]) of an ELF file, from readelf."""
    if shutil.which("readelf") is None:
        return None, []
    out = subprocess.run(["readelf", "-d", path], capture_output=True,
                         text=True).stdout
    so = re.search(r"\(SONAME\).*\[(.+?)\]", out)
    return (so.group(1) if so else None,
            re.findall(r"\(NEEDED\).*\[(.+?)\]", out))


def libs_table(binary, libs):
    """Markdown: each library mapped, its size, who needs it, and why."""
    names = {}                          # path -> soname
    needs = {"bin/bianmin": dynamic(binary)[1]}
    for lib in libs:
        so, need = dynamic(lib)
        names[lib] = so or os.path.basename(lib)
        needs[names[lib]] = need
    rows = []
    for lib in libs:
        so = names[lib]
        by = sorted(x for x, n in needs.items() if so in n)
        if "bin/bianmin" in by:
            by.remove("bin/bianmin")
            by.insert(0, "bin/bianmin")
        shown = ", ".join(by[:3]) + (" and %d more" % (len(by) - 3)
                                     if len(by) > 3 else "")
        rows.append((0 if by[:1] == ["bin/bianmin"] else 1, so,
                     os.path.getsize(os.path.realpath(lib)),
                     shown or "(the loader)", reason(lib)))
    rows.sort(key=lambda r: (r[0], -r[2]))
    out = ["| library | kB | needed by | what it is for |",
           "|---|---|---|---|"]
    for _, so, size, by, why in rows:
        out.append("| %s | %.0f | %s | %s |" % (so, size / 1024, by, why))
    return "\n".join(out)


def binary_suite(ctx):
    binary = os.path.join(BIN, "bianmin")
    size = os.path.getsize(binary)
    text = None
    if shutil.which("size"):
        out = subprocess.run(["size", binary], capture_output=True,
                             text=True).stdout.splitlines()
        if len(out) > 1:
            f = out[1].split()
            text = int(f[0]) + int(f[1]) + int(f[2])
    libs = mapped_libs(programs.Bianmin(ctx.url).argv(), ctx)
    floor_libs = mapped_libs(programs.Floor().argv(), ctx)
    total = sum(os.path.getsize(os.path.realpath(x)) for x in libs)
    ftotal = sum(os.path.getsize(os.path.realpath(x)) for x in floor_libs)
    ctx.add(Row("binary size of bin/bianmin (file, with debug info)",
                "bianmin", "kB", [size / 1024], "C floor",
                [os.path.getsize(programs.FLOOR) / 1024], fmt="%.0f"))
    if text:
        ctx.add(Row("bin/bianmin text+data+bss (what is loaded)", "bianmin",
                    "kB", [text / 1024], fmt="%.0f"))
    ctx.add(Row("shared libraries mapped at the login screen", "bianmin",
                "", [len(libs)], "C floor", [len(floor_libs)], fmt="%.0f"))
    ctx.add(Row("size of those libraries on disk", "bianmin", "MB",
                [total / 1048576], "C floor", [ftotal / 1048576],
                fmt="%.1f"))
    curl = any("libcurl" in os.path.basename(m) for m in libs)
    ctx.sections.append((
        "Shared libraries bianmin maps at the login screen",
        "%d libraries, %.1f MB on disk (the floor: %d, %.1f MB). %s\n\n%s"
        % (len(libs), total / 1048576, len(floor_libs), ftotal / 1048576,
           "Only the first rows are bianmin's own choice; the rest come "
           "with Debian's libcurl." if curl else "libcurl (with the "
           "thirty libraries Debian's brings) and SQLite are loaded later: "
           "libcurl on the first request (or while the password is "
           "typed), SQLite with the outbox at the first login.",
           libs_table(binary, libs))))
