#!/usr/bin/env python3
"""End to end in tmux: grid events. A grid member reports one from the
form (category, urgency, grid, location, description); the server holds
it as reported by them. A supervisor assigns it to the grid member with
a note; the grid member starts work and resolves it with a note; the
server's row and history follow each step. Roles are said as
sentences: a grid member cannot assign, a clerk cannot report."""
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, run  # noqa

PASSWORDS = {"clerk01": "demo-clerk", "grid01": "demo-grid",
             "super01": "demo-super"}
LOCATION = "红旗街12号院3号楼西侧"
DESCRIPTION = "楼道灯损坏，夜间无照明"


def client(server, state):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user):
    t.wait_for("Community service counter - log in")
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user])
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def log_out(t):
    t.keys("Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.type("l")
    t.wait_for("Logged out.")


def db_event(db, eid):
    c = sqlite3.connect(db)
    row = c.execute("SELECT e.category, e.urgency, e.status, r.username, "
                    "a.username, e.location, e.description, e.grid_id, "
                    "e.version FROM events e JOIN staff r ON r.id = "
                    "e.reporter_id LEFT JOIN staff a ON a.id = "
                    "e.assignee_id WHERE e.id = ?", (eid,)).fetchone()
    notes = [n for (n,) in c.execute(
        "SELECT note FROM event_updates WHERE event_id = ? ORDER BY id",
        (eid,))]
    c.close()
    return row, notes


def db_due(db, eid):
    c = sqlite3.connect(db)
    (due,) = c.execute("SELECT due_date FROM events WHERE id = ?",
                       (eid,)).fetchone()
    c.close()
    return due


def newest_event(db):
    c = sqlite3.connect(db)
    (eid,) = c.execute("SELECT max(id) FROM events").fetchone()
    c.close()
    return eid


def test_report_assign_resolve():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    before = newest_event(s.db)
    t = client(s, state)
    try:
        # the grid member reports
        log_in(t, "grid01")
        t.type("e")
        t.wait_for("Grid events assigned to me")
        t.type("n")
        # a form: what has a default (the member's own grid) is skipped
        t.wait_for("Report a grid event", "红旗社区第1网格", "Location:")
        t.keys("BTab", "BTab", "BTab")       # back to the category
        t.keys("Space")                      # the list of categories
        t.wait_for("Environment", "Housing")
        t.type("Facilities")
        t.keys("Enter")
        t.keys("Tab")
        t.type("3")                          # urgency: 3 high
        t.keys("Tab")                        # past the grid
        t.type(LOCATION)
        t.keys("Tab")
        t.type(DESCRIPTION)
        t.keys("F9")
        t.wait_for("reported; a supervisor assigns it.")
        eid = newest_event(s.db)
        assert eid != before
        t.wait_for("Event %d: Facilities, high" % eid)   # once loaded
        row, notes = db_event(s.db, eid)
        assert row[:8] == ("facilities", "high", "reported", "grid01", None,
                           LOCATION, DESCRIPTION, 1), row
        # assigning is not theirs
        t.type("a")
        t.wait_for("Only a supervisor can assign events.")
        # back in the list: not assigned to them yet, but open
        t.keys("Escape")
        t.wait_for("Grid events assigned to me")
        t.keys("F1")                         # this screen's keys
        screen = t.wait_for("Mine / open / due / all", "Choose an event")
        assert "Export CSV" not in screen and "Feedback" not in screen
        t.keys("Escape")
        t.wait_gone("Choose an event")
        t.keys("Tab")
        screen = t.wait_for("Open grid events", LOCATION)
        row = [l for l in screen.splitlines() if LOCATION in l][0]
        due = db_due(s.db, eid)                # high: 3 working days
        assert "Facilities" in row and "reported" in row and \
            due[5:] in row, row
        log_out(t)
        # the supervisor assigns it to the grid member
        log_in(t, "super01")
        t.type("e")
        t.wait_for("Open grid events", LOCATION)
        t.keys("Enter")
        t.wait_for("Event %d: Facilities" % eid)
        t.type("a")
        t.wait_for("Assign the event to")
        t.type("grid01")
        t.keys("Enter")
        t.wait_for("A note for the assignee")
        t.type("请今日内处理")
        t.keys("Enter")
        t.wait_for("Event %d is assigned now." % eid)
        row, notes = db_event(s.db, eid)
        assert row[2:5] == ("assigned", "grid01", "grid01"), row
        assert "请今日内处理" in notes, notes
        log_out(t)
        # the grid member works on it and resolves it
        log_in(t, "grid01")
        t.type("e")
        screen = t.wait_for("Grid events assigned to me", LOCATION)
        lines = screen.splitlines()
        first = lines[[i for i, l in enumerate(lines)
                       if "Reported" in l][0] + 1]
        assert LOCATION in first, screen     # newest first
        t.keys("Enter")
        t.wait_for("Event %d:" % eid)
        t.type("w")
        t.wait_for("Event %d is in progress now." % eid)
        assert db_event(s.db, eid)[0][2] == "in_progress"
        t.type("v")
        t.wait_for("What was done? (required)")
        t.keys("Enter")                      # no note: said, not sent,
        t.wait_for("a resolved event needs a note")
        assert db_event(s.db, eid)[0][2] == "in_progress"
        t.wait_for("What was done? (required)")     # and asked again
        t.type("已联系物业更换灯具")
        t.keys("Enter")
        t.wait_for("Event %d is resolved now." % eid)
        row, notes = db_event(s.db, eid)
        assert row[2] == "resolved" and row[8] == 4, row
        assert notes[-1] == "已联系物业更换灯具", notes
        t.wait_for("已联系物业更换灯具")     # in the history on screen
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def api(server, method, path, body=None, token=None, headers=None):
    import http.client
    import json
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if body is not None:
        h["Content-Type"] = "application/json"
    c.request(method, path, body=json.dumps(body).encode()
              if body is not None else None, headers=h)
    r = c.getresponse()
    j = json.loads(r.read() or b"null")
    c.close()
    assert r.status // 100 == 2, (r.status, j)
    return j


def test_line_breaks_drawn_as_breaks():
    """A description of three lines shows as three lines, aligned; a
    note of two lines in the one-line history row shows its break as a
    mark; no U+FFFD anywhere."""
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = None
    try:
        tok = {}
        for user in ("grid01", "super01"):
            tok[user] = api(s, "POST", "/api/v1/sessions", {
                "username": user, "password": PASSWORDS[user]})["token"]
        ev = api(s, "POST", "/api/v1/events", {
            "category": "facilities", "urgency": "normal", "grid_id": 1,
            "location": "多行测试楼", "description": "第一行\n第二行\n第三行"},
            token=tok["grid01"], headers={"Idempotency-Key": "multiline-1"})
        api(s, "POST", "/api/v1/events/%d/updates" % ev["id"],
            {"note": "甲说\n乙办"}, token=tok["super01"],
            headers={"Idempotency-Key": "multiline-2",
                     "If-Match": '"%d"' % ev["version"]})
        t = client(s, state)
        log_in(t, "super01")
        t.type("e")
        t.wait_for("Open grid events", "多行测试楼")
        t.keys("Enter")
        screen = t.wait_for("Event %d:" % ev["id"], "乙办")
        lines = screen.splitlines()
        rows = [[i for i, l in enumerate(lines) if w in l]
                for w in ("第一行", "第二行", "第三行")]
        assert all(len(r) == 1 for r in rows), screen
        assert rows[1][0] == rows[0][0] + 1 == rows[2][0] - 1, screen
        cols = [lines[r[0]].index(w) for r, w in
                zip(rows, ("第一行", "第二行", "第三行"))]
        assert cols[0] == cols[1] == cols[2], screen
        assert "甲说|乙办" in screen, screen
        assert "\ufffd" not in screen, screen
    finally:
        if t is not None:
            t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_clerk_cannot_report():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    before = newest_event(s.db)
    t = client(s, state)
    try:
        log_in(t, "clerk01")
        t.type("e")
        t.wait_for("Grid events assigned to me")
        t.type("n")
        t.wait_for("Grid members and supervisors report events; a "
                   "clerk's role cannot.")
        assert "Report a grid event" not in t.screen()
        assert newest_event(s.db) == before
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
