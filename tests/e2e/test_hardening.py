#!/usr/bin/env python3
"""End to end in tmux, as an attacker and a tired clerk would: a crash,
a paste, escape sequences in server data, a scanner burst, a resize
storm, hang-ups. BIANMIN_SCANS, BIANMIN_RESIZES and BIANMIN_HANGUPS
set the counts (make soak raises them)."""
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, TOP, Server, Tmux, full_numbers, run  # noqa

FULL_ID = "610202198503150021"
MASKED_ID = "610***********0021"
SCANS = int(os.environ.get("BIANMIN_SCANS", "200"))
RESIZES = int(os.environ.get("BIANMIN_RESIZES", "1000"))
HANGUPS = int(os.environ.get("BIANMIN_HANGUPS", "30"))


def client(server, state, binary=None, env=None):
    e = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "", "TERM": "screen",
         "XDG_STATE_HOME": state}
    e.update(env or {})
    cmd = ("%s --api %s --counter 1 --lang en; echo EXIT=$?; "
           "echo MODES=$(stty -a | tr ' ;' '\\n\\n' | "
           "grep -E '^-?(icanon|echo)$'); sleep 60"
           % (binary or os.path.join(BIN, "bianmin"), server.url))
    return Tmux(cmd, 80, 24, env=e)


def log_in(t):
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")
    t.wait_for("陈晓梅")


def descendants(pid):
    out = []
    for child in open("/proc/%d/task/%d/children" % (pid, pid)).read().split():
        out.append(int(child))
        out.extend(descendants(int(child)))
    return out


def alive(pid):
    """Running, not a zombie waiting to be reaped."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def with_client(fn, binary=None, env=None, server=None):
    s = server or Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, binary, env)
    try:
        fn(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_crash_restores_the_terminal():
    def body(s, t, state):
        log_in(t)
        assert t.display("#{alternate_on}") == "1"
        # the client proper is the guard's child: crash it
        procs = descendants(int(t.display("#{pane_pid}")))
        assert len(procs) >= 2, procs
        os.kill(procs[-1], signal.SIGSEGV)
        screen = t.wait_for("MODES=", "stopped unexpectedly")
        modes = re.search(r"MODES=(.*)", screen).group(1).split()
        assert "icanon" in modes and "echo" in modes, screen
        assert "EXIT=139" in screen, screen
        assert t.display("#{alternate_on}") == "0"
        assert t.display("#{cursor_flag}") == "1"
    with_client(body)


def paste(t, text):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        t.tmux("load-buffer", "-b", "p", f.name)
    t.tmux("paste-buffer", "-p", "-b", "p", "-t", "t")


def test_paste_is_only_text():
    def body(s, t, state):
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        # letters that are bindings here, and line breaks: nothing fires
        paste(t, "q\nr\nl\ny\n")
        time.sleep(0.5)
        screen = t.screen()
        assert "Main menu" in screen and "Quit bianmin?" not in screen
        t.keys("F2")
        t.wait_for("ID number / name / mobile")
        paste(t, "张" * 10000)
        screen = t.wait_for("The paste was cut to 2000 characters")
        line = [l for l in screen.splitlines() if "mobile:" in l][0]
        assert line.count("张") >= 15, line     # the field holds them
        assert "Quit" not in screen.splitlines()[1]
    with_client(body)


def test_a_character_split_by_the_network():
    """Over a slow SSH link a Chinese character can arrive in two
    packets: its first byte, a pause, then the rest with the text that
    follows. Nothing of it is lost and the client does not take the
    stream for a dead terminal."""
    def body(s, t, state):
        log_in(t)
        t.keys("F2")
        t.wait_for("ID number / name / mobile")
        zhang = "张".encode()
        t.tmux("send-keys", "-t", "t", "-H", "%02x" % zhang[0])
        time.sleep(0.4)
        rest = zhang[1:] + "张".encode() * 40 + "李".encode()
        t.tmux("send-keys", "-t", "t", "-H", *["%02x" % b for b in rest])
        screen = t.wait_for("李")
        line = [l for l in screen.splitlines() if "mobile:" in l][0]
        assert "张张张" in line and "\ufffd" not in line, line
        time.sleep(0.5)
        assert "EXIT=" not in t.screen(), t.screen()
    with_client(body)


HOSTILE_NAME = "张\x1b]0;PWNED\x07红\x1b[c旗"
HOSTILE_ADDR = "红旗街\x1b[2J12号\u202e院\r3号楼\x9b1m"
# as the client shows them: each control a replacement glyph
SHOWN_NAME = "\ufffd]0;PWNED\ufffd红"
SHOWN_ADDR = "\ufffd[2J12号"


def test_escape_sequences_from_the_server_stay_text():
    s = Server()
    db = sqlite3.connect(s.db)
    db.execute("UPDATE residents SET name = ?, address = ? WHERE "
               "id_number = ?", (HOSTILE_NAME, HOSTILE_ADDR, FULL_ID))
    db.execute("UPDATE households SET address = ? WHERE id = (SELECT "
               "household_id FROM residents WHERE id_number = ?)",
               (HOSTILE_ADDR, FULL_ID))
    # and the catalog: a service's name (lists), department (its page)
    db.execute("UPDATE services SET name = ?, department = ? WHERE "
               "txcode = '0201'", (HOSTILE_NAME, HOSTILE_ADDR))
    db.commit()
    db.close()
    raw = tempfile.mktemp(prefix="bianmin-pty-")

    def body(s, t, state):
        title = t.display("#{pane_title}")
        t.tmux("pipe-pane", "-t", "t", "-o", "cat >> " + raw)
        log_in(t)
        t.type(FULL_ID)
        t.keys("Enter")
        screen = t.wait_for(MASKED_ID, "Household")
        assert "\ufffd" in screen, screen       # replacement glyphs
        assert "PWNED" in screen                # shown as text, harmless
        assert_terminal_untouched(t, raw, title)
        # the catalog's list and a service's page
        t.keys("s")
        t.wait_for("Search:")
        t.type("0201")
        screen = t.wait_for("1 services")
        t.keys("Enter")
        screen = t.wait_for("Who may apply:", "[2J12号")
        assert_terminal_untouched(t, raw, title)
    try:
        with_client(body, server=s)
    finally:
        if os.path.exists(raw):
            os.unlink(raw)


def assert_terminal_untouched(t, raw, title):
    """Nothing hostile reached the terminal through the pipe at raw, its
    title is as it was, and it was provoked into no reply."""
    time.sleep(0.3)
    assert t.display("#{pane_title}") == title
    with open(raw, "rb") as f:
        out = f.read()
    for bad in (b"\x1b]0;PWNED", b"\x1b]2;PWNED", b"\x1b[c", b"\xc2\x9b",
                "\u202e".encode(), b"\x07", b"\x1b[2J12"):
        assert bad not in out, bad
    # a reply (device attributes) would arrive as input: typed text
    assert "?1;2c" not in t.screen() and "[?" not in t.screen()


def test_escape_sequences_on_the_work_screens():
    """The same text in what the supervisor's screens show: their own
    name in the header, the applications (list, page, timeline notes),
    the day's figures and the grid events (list and page)."""
    s = Server()
    db = sqlite3.connect(s.db)
    db.execute("UPDATE staff SET name = ? WHERE username = 'super01'",
               ("马\x1b]2;PWNED\x07丽",))
    db.execute("UPDATE services SET name = ?", (HOSTILE_NAME,))
    db.execute("UPDATE applications SET note = ?, reason = ?",
               (HOSTILE_ADDR, HOSTILE_ADDR))
    db.execute("UPDATE timeline SET note = ?", (HOSTILE_ADDR,))
    db.execute("UPDATE events SET location = ?, description = ?",
               (HOSTILE_NAME, HOSTILE_ADDR))
    db.execute("UPDATE event_updates SET note = ?", (HOSTILE_ADDR,))
    db.commit()
    db.close()
    raw = tempfile.mktemp(prefix="bianmin-pty-")

    def body(s, t, state):
        # wide enough for the long hostile name beside the counter and
        # the centre: a narrower bar leaves the name out for the centre
        t.resize(100, 24)
        title = t.display("#{pane_title}")
        t.tmux("pipe-pane", "-t", "t", "-o", "cat >> " + raw)
        t.wait_for("bianmin 0.")
        t.type("super01")
        t.keys("Enter")
        t.type("demo-super")
        t.keys("Enter", "Enter")
        t.wait_for("马\ufffd]2;PWNED\ufffd丽", "ID number")  # the header
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for(MASKED_ID, "Household")
        t.keys("Escape", "Escape")
        t.wait_for("Main menu")
        t.keys("F6")                              # the applications of all
        t.wait_for("Type or scan an application number")
        t.keys("Enter")
        t.wait_for("applications", SHOWN_NAME)   # services' names
        t.keys("Enter")
        t.wait_for(SHOWN_ADDR)                    # the page's notes
        assert_terminal_untouched(t, raw, title)
        t.keys("Escape", "Escape", "Escape", "Escape", "Escape")
        t.wait_for("Main menu")
        t.type("t")
        t.wait_for("Received by hour", "Overdue ")
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("e")
        t.wait_for("Open grid events", SHOWN_NAME)
        t.keys("Enter")
        t.wait_for("Event ", SHOWN_ADDR)
        assert_terminal_untouched(t, raw, title)
    try:
        with_client(body, server=s)
    finally:
        if os.path.exists(raw):
            os.unlink(raw)


def test_scanner_bursts():
    def body(s, t, state):
        log_in(t)
        ids = ["610202198503150021", "61020219671111005X",
               "610203200102200311"]
        for i in range(SCANS):
            want = ids[i % 3]
            for ch in want:
                t.type(ch)
                time.sleep(0.005)
            line = t.wait_for("mobile: " + want, timeout=5)
            t.keys("C-u")
            t.wait_gone("mobile: " + want, timeout=5)
        # and a burst with its Enter opens the resident
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID)
    with_client(body)


def test_resize_storm_under_asan():
    asan = os.path.join(TOP, "build", "asan", "bianmin")
    logdir = tempfile.mkdtemp(prefix="bianmin-asan-")

    def body(s, t, state):
        log_in(t)
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Household")
        rng = random.Random(7)
        sizes = [(10, 3), (300, 100), (40, 10), (50, 12)]
        for i in range(RESIZES):
            cols, rows = sizes[i] if i < len(sizes) else \
                (rng.randint(5, 300), rng.randint(2, 100))
            t.resize(cols, rows)
        t.resize(80, 24)
        screen = t.wait_for("Household", MASKED_ID, "张红旗")
        for line in screen.splitlines():
            assert len(line) <= 80
        pid = descendants(int(t.display("#{pane_pid}")))
        assert pid, "the client died in the storm"
        t.keys("F10")
        t.wait_for("Y =")
        t.keys("y")
        t.wait_for("EXIT=0")
    try:
        with_client(body, binary=asan, env={
            "ASAN_OPTIONS": "log_path=%s/asan:detect_leaks=1" % logdir,
            "UBSAN_OPTIONS": "log_path=%s/ubsan:print_stacktrace=1"
            % logdir})
        reports = os.listdir(logdir)
        assert not reports, open(os.path.join(logdir, reports[0])).read()
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def test_valgrind_finds_no_errors_or_leaks():
    vlog = tempfile.mktemp(prefix="bianmin-valgrind-")

    def body(s, t, state):
        t.wait_for("bianmin 0.", timeout=60)
        t.type("clerk01")
        t.keys("Enter")
        t.type("demo-clerk")
        t.keys("Enter", "Enter")
        t.wait_for("陈晓梅", timeout=60)
        t.type(FULL_ID)
        t.keys("Enter")
        # the whole profile, so that Esc goes back rather than cancels
        # what valgrind keeps waiting
        t.wait_for("Household", MASKED_ID, "Applications (",
                   "Certificates (", timeout=60)
        t.keys("Escape")
        t.type("张红")
        t.keys("Enter")
        t.wait_for("Page 1 of", timeout=60)
        t.keys("F10")
        t.wait_for("Y =", timeout=60)
        t.keys("y")
        screen = t.wait_for("EXIT=", timeout=60)
        assert "EXIT=0" in screen, open(vlog).read()
    try:
        with_client(body, binary="valgrind -q --error-exitcode=99 "
                    "--leak-check=full --errors-for-leak-kinds=definite "
                    "--log-file=%s %s" % (vlog, os.path.join(BIN,
                                                              "bianmin")),
                    env={"BIANMIN_NO_GUARD": "1"})
    finally:
        if os.path.exists(vlog):
            os.unlink(vlog)


def test_without_libcurl_the_login_says_why():
    """libcurl is loaded on the first request, not at exec: a PC whose
    libcurl is missing or broken still shows the login form, and the
    login says what is wrong instead of sending anything."""
    libs = tempfile.mkdtemp(prefix="bianmin-nocurl-")
    with open(os.path.join(libs, "libcurl.so.4"), "w") as f:
        f.write("not a library\n")

    def body(s, t, state):
        t.wait_for("bianmin 0.")
        t.type("clerk01")
        t.keys("Enter")
        t.type("demo-clerk")
        t.keys("Enter", "Enter")
        screen = t.wait_for("This PC cannot send requests: libcurl.so.4")
        assert "Password:" in screen, screen    # still at the login
        t.keys("F10")
        t.wait_for("Y =")
        t.keys("y")
        screen = t.wait_for("EXIT=")
        assert "EXIT=0" in screen, screen
    try:
        with_client(body, env={"LD_LIBRARY_PATH": libs})
    finally:
        shutil.rmtree(libs, ignore_errors=True)


def test_without_sqlite_submissions_are_refused_and_lookups_work():
    """SQLite is loaded with the outbox at the first login: without it
    the login screen and the lookups still work, and the clerk is told
    that submissions are refused."""
    libs = tempfile.mkdtemp(prefix="bianmin-nosqlite-")
    with open(os.path.join(libs, "libsqlite3.so.0"), "w") as f:
        f.write("not a library\n")

    def body(s, t, state):
        log_in(t)
        t.wait_for("The local database cannot be opened")
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID)
    try:
        with_client(body, env={"LD_LIBRARY_PATH": libs})
    finally:
        shutil.rmtree(libs, ignore_errors=True)


def test_idle_lock_hides_the_resident():
    def body(s, t, state):
        log_in(t)
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID)
        screen = t.wait_for("Locked", timeout=15)    # 3 s without keys
        assert "张红旗" not in screen and MASKED_ID not in screen, screen
        assert "Household" not in screen
        t.type("wrong")
        t.keys("Enter")
        t.wait_for("Wrong staff name or password")
        assert "张红旗" not in t.screen()
        t.type("demo-clerk")
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID, "张红旗")   # as it was
    with_client(body, binary=os.path.join(BIN, "bianmin") +
                " --lock-minutes 0.05")


def test_no_personal_numbers_in_logs_or_cores():
    def body(s, t, state):
        log_in(t)
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID)
        procs = descendants(int(t.display("#{pane_pid}")))
        for pid in procs + [s.proc.pid]:
            limits = open("/proc/%d/limits" % pid).read()
            core = [l for l in limits.splitlines()
                    if l.startswith("Max core file size")][0]
            assert core.split()[4:6] == ["0", "0"], core
        t.keys("F10")
        t.keys("y")
        t.wait_for("EXIT=0")
        logs = [os.path.join(state, "bianmin", "bianmin.log"), s.log]
        text = ""
        for path in logs:
            with open(path, encoding="utf-8", errors="replace") as f:
                text += f.read()
        assert "/api/v1/residents" in text      # the logs did log
        found = full_numbers(text, anywhere=True)
        assert not found, found
        assert not re.search(r"[0-9a-f]{64}", text)     # no token
        mode = os.stat(logs[0]).st_mode & 0o777
        assert mode == 0o600, oct(mode)
        assert os.stat(os.path.join(state, "bianmin")).st_mode & 0o777 \
            == 0o700
    with_client(body, env={}, binary=os.path.join(BIN, "bianmin") + " -v")


def test_split_escape_sequences():
    """An arrow key's sequence (ESC O A, as a terminal in keypad mode
    sends it) split by gaps below the escape delay is still the arrow;
    past it, a lone Esc (which does nothing on the main menu) and two
    characters typed: O opens the outbox. ESCDELAY is raised to 400 ms so that a
    loaded machine cannot make a gap longer than meant."""
    def press_split(t, gap):
        for h in ("1b", "4f", "41"):
            t.tmux("send-keys", "-t", "t", "-H", h)
            time.sleep(gap)

    def body(s, t, state):
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        for gap in (0, 0.02, 0.05, 0.1, 0.2):
            press_split(t, gap)
            # Up from the first item is the last: Quit, which asks
            t.keys("Enter")
            t.wait_for("Y = yes")
            t.keys("n")
            t.wait_gone("Y = yes")
            t.keys("Down")              # back to the first item
        press_split(t, 0.8)
        t.wait_for("Outbox: submissions kept")
        t.keys("Escape")
        t.wait_for("Main menu")
        # Esc and a digit together (Alt-2) is F2
        t.tmux("send-keys", "-t", "t", "-H", "1b", "32")
        t.wait_for("ID number / name / mobile")

    with_client(body, env={"ESCDELAY": "400"})


def test_sigterm_saves_the_draft_and_exits_0():
    def body(s, t, state):
        log_in(t)
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("张红旗", MASKED_ID)
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0201")                 # employment registration
        t.keys("Enter")
        t.wait_for("0201", "[record]")
        t.type("4")
        t.wait_for("4")
        pid = int(t.display("#{pane_pid}"))
        client = [p for p in descendants(pid)
                  if open("/proc/%d/comm" % p).read().strip() == "bianmin"]
        assert client, descendants(pid)
        for p in client:
            os.kill(p, signal.SIGTERM)
        screen = t.wait_for("EXIT=0", "MODES=")
        modes = re.search(r"MODES=(.*)", screen).group(1).split()
        assert "icanon" in modes and "echo" in modes, screen
        assert t.display("#{alternate_on}") == "0"
        drafts = os.path.join(state, "bianmin", "drafts")
        files = os.listdir(drafts)
        assert len(files) == 1, files
        path = os.path.join(drafts, files[0])
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        import json
        doc = json.load(open(path))
        assert doc["service"]["txcode"] == "0201", doc
        assert "4" in doc["values"].values(), doc["values"]

    with_client(body)


def test_hangups_keep_every_draft():
    """The terminal vanishes while a form is being typed (tmux kills the
    session, the client gets SIGHUP): each time the client is gone
    within 2 s and the draft holds what was on the screen."""
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    drafts = os.path.join(state, "bianmin", "drafts")
    kept = 0
    try:
        for i in range(HANGUPS):
            t = client(s, state)
            log_in(t)
            t.type(FULL_ID)
            t.keys("Enter")
            t.wait_for("张红旗", MASKED_ID)
            t.keys("F3")
            t.wait_for("Transaction code")
            t.type("0201")
            t.keys("Enter")
            t.wait_for("0201", "[record]")
            value = "%d" % (10 + i % 50)
            t.type(value)
            t.wait_for(value)
            pid = int(t.display("#{pane_pid}"))
            procs = [p for p in descendants(pid) if open(
                "/proc/%d/comm" % p).read().strip() == "bianmin"]
            t.kill()
            deadline = time.time() + 2
            while any(alive(p) for p in procs):
                assert time.time() < deadline, "the client outlived " \
                    "its terminal by 2 s (round %d)" % i
                time.sleep(0.02)
            files = os.listdir(drafts)
            assert len(files) == 1, (i, files)
            import json
            with open(os.path.join(drafts, files[0])) as f:
                doc = json.load(f)
            assert value in doc["values"].values(), (i, doc["values"])
            os.unlink(os.path.join(drafts, files[0]))
            kept += 1
        print("# %d of %d hang-ups: draft kept, client gone within 2 s"
              % (kept, HANGUPS))
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_vanished_pty_neither_lingers_nor_spins():
    """The pty goes away under the client (an SSH session's end with no
    tmux to tell it): gone within 5 s, having used under 1 s of CPU."""
    import pty
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"LANG": "C.UTF-8", "LC_ALL": "", "TERM": "screen",
                           "XDG_STATE_HOME": state})
        os.execv(os.path.join(BIN, "bianmin"),
                 ["bianmin", "--api", s.url, "--counter", "1"])
    try:
        seen = b""
        deadline = time.time() + 10
        while b"bianmin 0." not in seen and time.time() < deadline:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
        assert b"bianmin 0." in seen, seen[-300:]
        family = descendants(pid)
        os.close(fd)
        start = time.time()
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            assert time.time() - start < 5, "still running 5 s later"
            time.sleep(0.05)
        pid = 0
        cpu = usage.ru_utime + usage.ru_stime
        assert cpu < 1.0, cpu
        while any(alive(p) for p in family):
            assert time.time() - start < 5, "a child stayed behind"
            time.sleep(0.05)
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
