#!/usr/bin/env python3
"""End to end in tmux: applications (F6) and hand-offs (H). Found by
number, an application is accepted, its missing materials asked for
(all at once, and the notice listing them prints), received, completed
and collected by a person whose ID number is checked first (a wrong
check digit is refused before anything is sent); another is refused
with its reason and the refusal notice prints; a batch of accepted ones
is handed to a back office and the hand-off list prints; an action on
a version changed meanwhile at another counter is refused and the
screen reloads; a key pressed while an answer is awaited is refused
aloud. Each step is checked in the server's database as well
as on the screen."""
import glob
import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run  # noqa
import bm  # noqa

ZHANG_ID = 1                    # 张红旗, 红旗社区 (clerk01's)
LIU_ID = 2                      # 刘强, 红旗社区
WANG_ID = 8                     # 王建国, 红旗社区
COLLECTOR = "610202197009020016"
SERVICE = 5                     # 0105 社会保障卡申领, no conditions
SERVICE2 = 6                    # 0106 社会保障卡挂失与补换, the same
MATERIALS = ["居民身份证", "近期一寸免冠照片"]


def client(server, state):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user="clerk01", password="demo-clerk"):
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def create(server, accept=False, resident=ZHANG_ID, service=SERVICE):
    """An application taken at counter 1 through the API (the intake
    screen has its own test); accepted too when asked. A resident has
    one open application of a service at a time."""
    bm.S = server
    tok = bm.login("clerk01")
    r, j = bm.post("/api/v1/applications",
                   {"service_id": service, "resident_id": resident,
                    "data": dict({"declaration": True},
                                 **({"reason": "遗失"} if service == SERVICE2
                                    else {})),
                    "materials": [{"name": MATERIALS[0], "originals": 1,
                                   "copies": 1},
                                  {"name": MATERIALS[1], "originals": 0,
                                   "copies": 2}]}, tok)
    assert r.status == 201, j
    if accept:
        r, j2 = bm.post("/api/v1/applications/%d/transitions" % j["id"],
                        {"action": "accept"}, tok, if_match=1)
        assert r.status == 200, j2
    return j["number"]


def row(db, number):
    c = sqlite3.connect(db)
    r = c.execute("SELECT status, version, reason, missing_materials, "
                  "department, collector_name, collector_id_number "
                  "FROM applications WHERE number = ?", (number,)).fetchone()
    c.close()
    return r


def wait_status(db, number, status, timeout=10):
    deadline = time.time() + timeout
    while row(db, number)[0] != status:
        if time.time() > deadline:
            raise AssertionError("%s is %r, not %s" % (
                number, row(db, number), status))
        time.sleep(0.05)
    return row(db, number)


def texts(state):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         "*.txt")), key=os.path.getmtime)


def wait_print(state, n, timeout=20):
    deadline = time.time() + timeout
    while len(texts(state)) < n:
        if time.time() > deadline:
            raise AssertionError("%d prints, not %d" % (len(texts(state)),
                                                        n))
        time.sleep(0.1)
    f = texts(state)[-1]
    return "".join(open(f, encoding="utf-8").read().split())


def with_client(body):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def open_number(t, number):
    t.keys("F6")
    t.wait_for("Applications", "Number:")
    t.type(number)
    t.keys("Enter")
    t.wait_for(number, "Timeline")


def confirm(t, question):
    t.wait_for(question)
    t.keys("Enter")


def test_materials_complete_collect():
    def body(s, t, state):
        number = create(s)
        log_in(t)
        open_number(t, number)
        t.wait_for("Received", "A Accept")
        t.type("a")
        confirm(t, "Accept: %s?" % number)
        wait_status(s.db, number, "accepted")
        t.wait_for("Accepted")
        # the material receipt (材料接收凭证) for what was handed in
        t.type("m")
        paper = wait_print(state, 1)
        assert "材料接收凭证" in paper and number in paper, paper
        assert "近期一寸免冠照片" in paper, paper

        # what is missing, all of it at once
        t.type("b")
        t.wait_for("What is missing?", MATERIALS[0], MATERIALS[1])
        t.keys("Space", "Down", "Space", "Enter")
        r = wait_status(s.db, number, "materials_requested")
        assert json.loads(r[3]) == MATERIALS, r
        t.wait_for("Awaiting materials")
        t.type("p")
        paper = wait_print(state, 2)
        assert "一次性告知书" in paper and number in paper, paper
        assert all(m in paper for m in MATERIALS), paper

        t.type("r")
        confirm(t, "Missing materials received: %s?" % number)
        wait_status(s.db, number, "accepted")
        t.wait_for("Accepted")
        t.type("c")
        confirm(t, "Complete: %s?" % number)
        wait_status(s.db, number, "completed")
        t.wait_for("Completed")

        # the pick-up: a wrong check digit is refused here
        t.type("o")
        t.wait_for("who collects it?")
        t.type("王建国")
        t.keys("Enter")
        t.type(COLLECTOR[:-1] + ("7" if COLLECTOR[-1] != "7" else "8"))
        t.keys("Enter")
        t.wait_for("The check digit is wrong")
        time.sleep(0.5)
        assert row(s.db, number)[0] == "completed", row(s.db, number)
        # the card scanned: its number replaces the mistyped one
        t.type(COLLECTOR)
        t.keys("Enter")
        r = wait_status(s.db, number, "collected")
        assert r[5] == "王建国" and r[6] == COLLECTOR, r
        screen = t.wait_for("Collected")
        assert "610***********0016" in screen, screen
        assert COLLECTOR not in screen, screen
    with_client(body)


def test_refuse_with_reason():
    def body(s, t, state):
        number = create(s)
        log_in(t)
        open_number(t, number)
        t.type("x")
        t.wait_for("Reason for the refusal")
        t.type("不属于本中心受理范围")
        t.keys("Enter")
        r = wait_status(s.db, number, "rejected")
        assert r[2] == "不属于本中心受理范围", r
        t.wait_for("Refused", "不属于本中心受理范围",
                   "P prints the refusal notice")
        # a hint goes with its screen: not left on the list under it
        t.keys("Escape")
        screen = t.wait_gone("Timeline")
        assert "P prints the refusal notice" not in screen, screen
        t.type(number)
        t.keys("Enter")
        t.wait_for(number, "Timeline", "Refused")
        # a refused application takes no further action
        t.type("c")
        t.wait_for("nothing more can be done with it")
        assert row(s.db, number)[0] == "rejected"
        t.type("p")
        paper = wait_print(state, 1)
        assert "不予受理通知书" in paper and number in paper, paper
        assert "不属于本中心受理范围" in paper, paper
    with_client(body)


def test_handoff_list_printed():
    def body(s, t, state):
        first = create(s, accept=True)
        second = create(s, accept=True, resident=LIU_ID)
        other = create(s, resident=WANG_ID)    # submitted: not offered
        log_in(t)
        t.type("h")
        screen = t.wait_for("Hand-off to a back office", first, second)
        assert other not in screen, screen
        # newest first: the two at the top, picked with Space each
        lines = [l for l in screen.splitlines() if "-2026" in l]
        assert second in lines[0] and first in lines[1], lines
        t.keys("Space", "Space")
        t.wait_for("[x]")
        t.keys("Enter")
        t.wait_for("Hand over to which office?")
        t.type("街道民政办")
        t.keys("Enter")
        t.wait_for("sent: 2 applications forwarded. P prints")
        # the hint speaks of this screen's P: not shown over another
        # screen, whose P does something else; back again, it is
        t.keys("F8")
        screen = t.wait_for("Outbox: submissions kept")
        assert "forwarded. P prints" not in screen, screen
        t.keys("Escape")
        t.wait_for("Hand-off to a back office", "forwarded. P prints")
        for number in (first, second):
            r = row(s.db, number)
            assert r[0] == "forwarded" and r[4] == "街道民政办", r
        assert row(s.db, other)[0] == "submitted"
        c = sqlite3.connect(s.db)
        h = c.execute("SELECT h.number, h.to_office, count(i.rowid) FROM "
                      "handoffs h JOIN handoff_items i ON i.handoff_id = "
                      "h.id GROUP BY h.id ORDER BY h.id DESC").fetchone()
        c.close()
        assert h[1] == "街道民政办" and h[2] == 2, h
        t.type("p")
        paper = wait_print(state, 1)
        assert "交接清单" in paper and h[0] in paper, paper
        assert first in paper and second in paper, paper
        assert "接收人签字" in paper, paper
    with_client(body)


def test_search_by_resident_status_and_date():
    def body(s, t, state):
        taken = create(s, accept=True)
        fresh = create(s, service=SERVICE2)
        log_in(t)
        t.type("610202198503150021")     # scanned: the profile opens
        t.keys("Enter")
        t.wait_for("张红旗", "Household")
        t.keys("F6")
        screen = t.wait_for("Applications of 张红旗", taken, fresh,
                            "2 applications")
        # only the ones just received, taken from their day on: the day
        # in the number, the service's (never the PC's, nor UTC's)
        today = "%s-%s-%s" % (fresh[10:14], fresh[14:16], fresh[16:18])
        t.keys("Tab", "Tab", "Space")
        t.wait_for("[ Received ]")
        t.keys("Tab")
        t.type(today)
        t.keys("Enter")
        screen = t.wait_for("1 applications")
        assert fresh in screen and taken not in screen, screen
        # nothing is taken tomorrow
        t.keys("Tab", "Tab", "Tab", "C-u")
        t.type("2099-01-01")
        t.keys("Enter")
        t.wait_for("No application matches")
        # the same question to the server gives the same answer
        bm.S = s
        tok = bm.login("clerk01")
        r, j = bm.jreq("GET", "/api/v1/applications?resident_id=%d&"
                       "status=submitted&from=%s" % (ZHANG_ID, today),
                       token=tok)
        assert [a["number"] for a in j["items"]] == [fresh], j
    with_client(body)


def test_changed_meanwhile_is_not_overwritten():
    def body(s, t, state):
        number = create(s)
        log_in(t)
        open_number(t, number)
        t.wait_for("Received", "A Accept")
        # another counter refuses it while this screen shows version 1
        bm.S = s
        tok = bm.login("clerk01", counter="2")
        r, j = bm.jreq("GET", "/api/v1/applications/by-number/" + number,
                       token=tok)
        r, j = bm.post("/api/v1/applications/%d/transitions" % j["id"],
                       {"action": "reject", "reason": "材料不全"}, tok,
                       if_match=1)
        assert r.status == 200, j
        t.type("a")
        confirm(t, "Accept: %s?" % number)
        t.wait_for("Someone else changed this application meanwhile")
        t.wait_for("Refused", "材料不全")
        r = row(s.db, number)
        assert r[0] == "rejected" and r[1] == 2, r
    with_client(body)


def test_a_key_while_the_answer_is_awaited_is_refused_aloud():
    """The server stops answering while an accept is on its way. C
    (complete), pressed meanwhile, is not dropped without a word: the
    clerk is told to wait or press Esc, and nothing is done with it.
    When the answer comes the application is accepted, not completed,
    and C then completes it."""
    def body(s, t, state):
        number = create(s)
        log_in(t)
        open_number(t, number)
        t.wait_for("Received", "A Accept")
        os.kill(s.proc.pid, signal.SIGSTOP)
        try:
            t.type("a")
            confirm(t, "Accept: %s?" % number)
            t.wait_for("Sending")
            t.type("c")
            t.wait_for("Wait for the answer, or press Esc to cancel it.")
        finally:
            os.kill(s.proc.pid, signal.SIGCONT)
        wait_status(s.db, number, "accepted")
        t.wait_for("Accepted")
        time.sleep(0.5)
        assert row(s.db, number)[:2] == ("accepted", 2), row(s.db, number)
        t.type("c")
        confirm(t, "Complete: %s?" % number)
        wait_status(s.db, number, "completed")
    with_client(body)


if __name__ == "__main__":
    run([("an application accepted, materials asked for with the notice, "
          "completed, collected with the collector's ID checked",
          test_materials_complete_collect),
         ("an application refused with its reason; the notice prints",
          test_refuse_with_reason),
         ("an application changed at another counter meanwhile is not "
          "overwritten; the screen reloads it",
          test_changed_meanwhile_is_not_overwritten),
         ("applications of a resident found by status and date",
          test_search_by_resident_status_and_date),
         ("a batch handed to a back office; the hand-off list prints",
          test_handoff_list_printed),
         ("a key pressed while an answer is awaited is refused with a "
          "word, and nothing is done with it",
          test_a_key_while_the_answer_is_awaited_is_refused_aloud)])
