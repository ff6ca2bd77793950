#!/usr/bin/env python3
"""End to end in tmux: the grid event's loop from the event page. A
supervisor escalates an event to a unit, signs for the unit and gives
its feedback; its reporter checks it with a rating; the supervisor
closes it, and the timeline on screen shows every step. A report sent
back says its reason; an extension asked by the grid member and
approved by the supervisor moves the deadline. A grid member works from
a phone's 50x20 terminal: the list shows the deadline and its marks,
the event page its steps in the key bar."""
import datetime
import os
import shutil
import sqlite3
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, run, within_one_day  # noqa
from test_events import PASSWORDS, api, log_in, log_out  # noqa


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def tokens(s):
    return {u: api(s, "POST", "/api/v1/sessions", {
        "username": u, "password": PASSWORDS[u]})["token"]
        for u in ("grid01", "super01")}


def new_event(s, tok, location, **kw):
    body = {"category": "environment", "urgency": "normal", "grid_id": 1,
            "location": location, "description": "垃圾桶满溢，无人清运"}
    body.update(kw)
    return api(s, "POST", "/api/v1/events", body, token=tok["grid01"],
               headers={"Idempotency-Key": uuid.uuid4().hex})


def step(s, tok, user, e, path, body):
    return api(s, "POST", "/api/v1/events/%d/%s" % (e["id"], path), body,
               token=tok[user], headers={
                   "Idempotency-Key": "e2e-%d-%d" % (e["id"], e["version"]),
                   "If-Match": '"%d"' % e["version"]})


def db_row(db, eid):
    c = sqlite3.connect(db)
    row = c.execute("SELECT e.status, u.code, e.rating, e.due_date, "
                    "e.ext_until FROM events e LEFT JOIN event_units u "
                    "ON u.id = e.unit_id WHERE e.id = ?",
                    (eid,)).fetchone()
    steps = c.execute("SELECT action, note FROM event_updates WHERE "
                      "event_id = ? ORDER BY id", (eid,)).fetchall()
    c.close()
    return row, steps


def open_event(t, location, eid, tab=0):
    """From the main menu to the event's page, through the list."""
    t.type("e")
    t.wait_for("rid events")
    for _ in range(tab):
        t.keys("Tab")
    t.wait_for(location)
    lines = t.screen().splitlines()
    first = [i for i, l in enumerate(lines) if "Location" in l][0] + 1
    at = [i for i, l in enumerate(lines) if location in l][0]
    t.keys(*["Down"] * (at - first))
    t.keys("Enter")
    t.wait_for("Event %d:" % eid)


def test_escalated_signed_handled_checked_closed():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    tok = tokens(s)
    e = new_event(s, tok, "红旗街8号院东门")
    t = client(s, state)
    try:
        log_in(t, "super01")
        open_event(t, "红旗街8号院东门", e["id"])
        bar = t.wait_for("U Escalate").splitlines()[-1]
        assert "B Return" in bar and "W Sign" not in bar, bar
        t.type("u")
        t.wait_for("Send it up to", "街道综治中心", "城市管理执法中队")
        t.type("城市管理")
        t.keys("Enter")
        t.wait_for("Why send it up? (required)")
        t.type("占道堆放，需城管执法")
        t.keys("Enter")
        t.wait_for("Event %d is escalated now." % e["id"])
        assert db_row(s.db, e["id"])[0][:2] == ("escalated", "urban")
        t.wait_for("Unit: 城市管理执法中队")
        # the supervisor signs for the unit, and gives its feedback
        t.type("w")
        t.wait_for("Who at the unit signed for it?")
        t.type("张队长签收")
        t.keys("Enter")
        t.wait_for("Event %d is in progress now." % e["id"])
        t.type("v")
        t.wait_for("What was done? (required)")
        t.type("已清运并处罚占道商户")
        t.keys("Enter")
        t.wait_for("Event %d is resolved now." % e["id"])
        bar = t.screen().splitlines()[-1]
        assert "K Check" in bar and "C Close" not in bar, bar
        log_out(t)
        # its reporter checks it, with a rating
        log_in(t, "grid01")
        open_event(t, "红旗街8号院东门", e["id"], tab=1)
        t.type("k")
        t.wait_for("How well was it handled?", "5 very good")
        t.type("4 good")
        t.keys("Enter")
        t.wait_for("A note on the check")
        t.type("现场已无垃圾")
        t.keys("Enter")
        t.wait_for("Event %d is checked now." % e["id"])
        t.type("c")
        t.wait_for("Close is not open to you on this event now")
        log_out(t)
        # the supervisor closes it; the timeline shows every step
        log_in(t, "super01")
        open_event(t, "红旗街8号院东门", e["id"], tab=0)
        t.type("c")
        t.wait_for("A note on the close (Enter for none)")
        t.keys("Enter")
        screen = t.wait_for("Event %d is closed now." % e["id"],
                            "closed it")
        for said in ("sent it up to 城市管理执法中队: 占道堆放",
                     "signed for it 城市管理执法中队: 张队长签收",
                     "gave feedback 城市管理执法中队: 已清运",
                     "checked it 4/5: 现场已无垃圾"):
            assert said in screen, (said, screen)
        row, steps = db_row(s.db, e["id"])
        assert row[0] == "closed" and row[2] == 4, row
        assert [a for a, _ in steps] == ["report", "escalate", "sign",
                                         "feedback", "check", "close"]
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_returned_with_a_reason_and_extension_approved():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    tok = tokens(s)
    back = new_event(s, tok, "红旗街9号院")
    e = new_event(s, tok, "红旗街10号院", urgency="high")
    e = step(s, tok, "super01", e, "assign", {"assignee_id": 2})
    e = step(s, tok, "grid01", e, "actions", {"action": "sign"})
    due = e["due_date"]
    later = (datetime.date.fromisoformat(due) +
             datetime.timedelta(days=4)).isoformat()
    t = client(s, state)
    try:
        # a report sent back to its reporter, never without a reason
        log_in(t, "super01")
        open_event(t, "红旗街9号院", back["id"])
        t.type("b")
        t.wait_for("Why send it back? (required)")
        t.keys("Enter")
        t.wait_for("an event sent back needs a reason")
        assert db_row(s.db, back["id"])[0][0] == "reported"
        t.wait_for("Why send it back? (required)")
        t.type("地点不详，请补充门牌号")
        t.keys("Enter")
        t.wait_for("Event %d is returned now." % back["id"])
        assert db_row(s.db, back["id"])[1][-1] == (
            "return", "地点不详，请补充门牌号")
        log_out(t)
        # the grid member asks for more time
        log_in(t, "grid01")
        open_event(t, "红旗街10号院", e["id"])
        t.wait_for("Due: " + due)
        t.type("x")
        t.wait_for("The new deadline (YYYY-MM-DD)")
        t.type(due)
        t.keys("Enter")
        t.wait_for("Give a date after the deadline %s" % due)
        t.wait_for("The new deadline (YYYY-MM-DD)")
        t.type(later)
        t.keys("Enter")
        t.wait_for("Why more time? (required)")
        t.type("物业经理出差")
        t.keys("Enter")
        t.wait_for("Event %d: Extension, done." % e["id"])
        t.wait_for("Extension: to %s, asked by 刘建军: 物业经理出差" % later)
        assert db_row(s.db, e["id"])[0][3:] == (due, later)
        log_out(t)
        # the supervisor approves it: the deadline moves
        log_in(t, "super01")
        open_event(t, "红旗街10号院", e["id"])
        t.type("p")
        t.wait_for("A note on the approval")
        t.type("同意")
        t.keys("Enter")
        t.wait_for("Event %d: Approve, done." % e["id"], "Due: " + later)
        assert db_row(s.db, e["id"])[0][3:] == (later, None)
        t.wait_for("approved the extension to %s: 同意" % later)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_grid_member_on_a_phone():
    # "due soon" and the list's order are one day's: a run across the
    # Beijing midnight runs again within the new day
    within_one_day(grid_member_on_a_phone)


def grid_member_on_a_phone():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    tok = tokens(s)
    e = new_event(s, tok, "红旗街11号院", urgency="urgent",
                  description="井盖缺失，行人易跌落\n已设临时围挡")
    e = step(s, tok, "super01", e, "assign", {"assignee_id": 2})
    t = client(s, state, 50, 20)
    try:
        log_in(t, "grid01")
        t.type("e")
        # the legend is drawn below the rows: waited for too, or a
        # frame caught half drawn lacks it
        screen = t.wait_for("Grid events assigned to me", "红旗街11号院",
                            "! overdue, * due soon")
        row = [l for l in screen.splitlines() if "红旗街11号院" in l][0]
        # due on the next working day: marked due soon
        assert e["due_date"][5:] + "*" in row and "assigned" in row, row
        # the demo's own events, seeded at times of the seeding's day,
        # can sort above it just after midnight: go down to it
        for _ in range(8):
            t.keys("Enter")
            if "Event %d: " % e["id"] in t.wait_for("Timeline"):
                break
            t.keys("Escape")
            t.wait_for("Grid events assigned to me")
            t.keys("Down")
        screen = t.wait_for("Event %d: Environment, urgent" % e["id"],
                            "Due: " + e["due_date"], "due soon",
                            "Timeline")
        lines = screen.splitlines()
        assert len(lines) <= 20 and all(len(l) <= 50 for l in lines)
        bar = lines[-1]
        assert "Enter Steps" in bar and "W Sign" in bar and \
            "B Return" in bar, bar
        assert "Location: 红旗街11号院" in screen, screen
        t.type("w")
        t.wait_for("Event %d is in progress now." % e["id"])
        bar = t.screen().splitlines()[-1]
        assert "V Feedback" in bar and "W Sign" not in bar, bar
        # every step behind Enter, even those the bar has no room for
        t.keys("Enter")
        screen = t.wait_for("Take a step", "Feedback", "Extension")
        t.keys("Escape")
        t.wait_gone("Take a step")
        t.type("v")
        t.wait_for("What was done? (required)")
        t.type("已加盖新井盖")
        t.keys("Enter")
        screen = t.wait_for("Event %d is resolved now." % e["id"],
                            "gave feedback: 已加盖新井盖")
        assert db_row(s.db, e["id"])[0][0] == "resolved"
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
