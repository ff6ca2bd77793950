#!/usr/bin/env python3
"""End to end in tmux: the -v log says what happened at the counter (the
start, each request with its status and duration, the screens, the
outbox, the print job) and never a whole ID number, mobile number or
the session token, even across a scan by full ID, the audited reveal, an
application and its receipt."""
import glob
import hashlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, run  # noqa
from flows import LI, form_0501, log_in  # noqa

MASKED = "610***********0046"
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
MOBILE = re.compile(r"1[3-9]\d{9}")
HEX64 = re.compile(r"[0-9a-f]{64}")
REQUEST = re.compile(r"http: (GET|POST|PATCH|DELETE) (/api/v1/\S+) -> "
                     r"(\d{3}) in (\d+) ms")


def client(server, state):
    return Tmux("%s/bianmin -v --api %s --counter 1 --lang en; "
                "echo EXIT=$?; sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state, "TERM": "screen"})


def session(t):
    """Logs in, scans by full ID, reveals it, takes an application and
    prints its receipt to a file, then quits."""
    log_in(t)
    t.type(LI)
    t.keys("Enter")
    t.wait_for("李光明", "Household", MASKED)
    t.type("v")
    t.wait_for("Why is the full ID number needed?")
    t.type("核对身份")
    t.keys("Enter")
    t.wait_for(LI, "recorded")
    t.keys("F5")
    t.wait_gone(LI)
    form_0501(t)
    t.keys("F9")
    t.wait_for("Application taken.")
    t.type("p")
    t.wait_for("Printed to the file")
    t.keys("F10")
    t.wait_for("Y =", timeout=5)
    t.keys("y")
    t.wait_for("EXIT=0")


def token_hashes(db):
    c = sqlite3.connect(db)
    rows = {r[0] for r in c.execute("SELECT token_hash FROM sessions")}
    c.close()
    return rows


def test_log_tells_what_happened_and_no_numbers():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        session(t)
        with open(os.path.join(state, "bianmin", "bianmin.log"),
                  encoding="utf-8") as f:
            log = f.read()
        hashes = token_hashes(s.db)
        assert hashes, "no session was recorded"
        # nothing a clerk must not leave behind
        assert not ID_NUMBER.search(log), ID_NUMBER.search(log).group(0)
        assert not MOBILE.search(log), MOBILE.search(log).group(0)
        for h in HEX64.findall(log):
            assert hashlib.sha256(h.encode()).hexdigest() not in hashes, h
        assert not HEX64.search(log), "a token-like string in the log"
        assert "Bearer" not in log
        # what an operator reads: each request, its status and duration
        reqs = [(m.group(1), m.group(2), m.group(3))
                for m in REQUEST.finditer(log)]
        assert ("POST", "/api/v1/sessions", "201") in reqs, reqs
        assert any(m == "GET" and p.startswith("/api/v1/residents?") and
                   "id_number=" + MASKED in p and st == "200"
                   for m, p, st in reqs), reqs
        assert any(m == "POST" and p.endswith("/reveal") and st == "200"
                   for m, p, st in reqs), reqs
        assert any(m == "POST" and p == "/api/v1/applications" and
                   st in ("200", "201") for m, p, st in reqs), reqs
        # the start, the screens, the outbox and the print job
        assert re.search(r"start: bianmin \S+, language en", log), log
        assert re.search(r"terminal: TERM=\S+, 80x24", log), log
        assert "codeset UTF-8" in log, log
        assert re.search(r"screen: push \S+ over", log), log
        assert re.search(r"screen: pop \S+ back to", log), log
        assert re.search(r"outbox: item \d+ queued: POST "
                         r"/api/v1/applications", log), log
        assert re.search(r"outbox: item \d+ sent: HTTP 20[01]", log), log
        assert re.search(r"print: \S+ copy \d+ to file: sending", log), log
        assert re.search(r"print: \S+ copy \d+: done", log), log
        assert glob.glob(os.path.join(state, "bianmin", "prints", "*"))
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([("the -v log tells what happened, and no ID, mobile or token",
          test_log_tells_what_happened_and_no_numbers)])
