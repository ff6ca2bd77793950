#!/usr/bin/env python3
"""End to end in tmux: a service form with Chinese text survives a
resize and a dropped session (SIGHUP); the draft comes back identical."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, TOP, Server, Tmux, run  # noqa

SERVICE = os.path.join(TOP, "tests", "fixtures", "service-0501.json")
ADDRESS = "陕西省铜川市王益区红旗街12号院3号楼"
AGENT = "买买提·艾力"
RARE = "\u4db5"     # 䶵, typed by its code point


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state, "TERM": "screen"})


def log_in(t):
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")


def seed_draft(state, server):
    """A draft as an earlier session left it: the form just opened."""
    db = sqlite3.connect(server.db)
    rid = db.execute("SELECT id FROM residents WHERE id_number = "
                     "'610202198503150021'").fetchone()[0]
    db.close()
    d = os.path.join(state, "bianmin", "drafts")
    os.makedirs(d, mode=0o700)
    with open(SERVICE) as f:
        service = json.load(f)
    doc = {"service": service, "resident_id": rid, "resident_name": "张红旗",
           "values": {"name": "张红旗"}, "origins": {"name": "record"},
           "overrides": {}, "materials": [False] * 4,
           "idempotency_key": "0123456789abcdef0123456789abcdef",
           "saved_at": time.time()}
    path = os.path.join(d, "%d-%d.json" % (service["id"], rid))
    with open(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    os.chmod(path, 0o600)
    return path


def focus_field(t, label):
    """Tabs until the cursor sits on the line of label (at most 30)."""
    for _ in range(30):
        y = int(t.display("#{cursor_y}"))
        if label in t.screen().splitlines()[y]:
            return
        t.keys("Tab")
        time.sleep(0.05)
    raise AssertionError("never reached %s:\n%s" % (label, t.screen()))


def test_draft_survives_hangup_and_resize():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    path = seed_draft(state, s)
    t = client(s, state)
    try:
        log_in(t)
        t.wait_for("Forms kept from before", "高龄津贴申请")
        t.keys("Enter")
        t.wait_for("0501 高龄津贴申请 - 张红旗", "[record]")
        focus_field(t, "Address")
        t.type(ADDRESS)
        t.keys("Tab")
        t.resize(60, 20)            # a resize in the middle
        t.wait_for("0501")
        t.resize(80, 24)
        focus_field(t, "Agent name")
        t.type(AGENT)
        t.keys("C-v")
        t.wait_for("Character code")
        t.type("4DB5")
        t.keys("Enter")
        t.wait_for(AGENT + RARE)
        t.keys("Tab")               # leaving the field saves the draft
        focus_field(t, "Agent phone")
        t.type("13700001111")
        t.wait_for("13700001111")    # on the clerk's screen, then
        # the session drops: tmux hangs up on the client
        pid = int(t.display("#{pane_pid}"))
        t.kill()
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
                time.sleep(0.05)
            except ProcessLookupError:
                break
        else:
            raise AssertionError("the client outlived its terminal")
        with open(path) as f:
            values = json.load(f)["values"]
        assert values["address"] == ADDRESS, values
        assert values["agent_name"] == AGENT + RARE, values
        assert values["agent_phone"] == "13700001111", values
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        # the next start offers it, every field as it was
        t = client(s, state)
        log_in(t)
        t.wait_for("Forms kept from before")
        t.keys("Enter")
        screen = t.wait_for(ADDRESS, AGENT + RARE, "13700001111")
        assert "[record]" in screen
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_form_checks_before_submit():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    seed_draft(state, s)
    t = client(s, state)
    try:
        log_in(t)
        t.wait_for("Forms kept from before")
        t.keys("Enter")
        t.wait_for("0501")
        focus_field(t, "ID number")
        t.type("610202198503150022")    # a misread check digit
        t.keys("Enter")                 # moves on, never submits
        t.wait_for("check digit is wrong")
        t.keys("F9")
        t.wait_for("Some fields need attention")
        with open(s.log) as f:
            assert "/api/v1/applications" not in f.read()
        # Esc asks before throwing away typed text
        t.keys("Escape")
        t.wait_for("Throw away what was typed")
        t.keys("n")
        t.wait_gone("Throw away what was typed")
        assert "0501" in t.screen()
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_a_kept_form_thrown_away():
    """Del on a kept form deletes its file; the offer goes with the last."""
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    path = seed_draft(state, s)
    t = client(s, state)
    try:
        log_in(t)
        t.wait_for("Forms kept from before", "高龄津贴申请")
        t.keys("DC")
        t.wait_gone("Forms kept from before")
        assert not os.path.exists(path)
        assert "0501" not in t.screen(), t.screen()
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
