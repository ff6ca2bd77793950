#!/usr/bin/env python3
"""Keystrokes a clerk needs for the counter's everyday tasks, beyond the
characters of the data itself, driven through tmux against a seeded
bianmind; and those of 好差评: the resident's on the evaluator beside the
counter, the supervisor's to close a follow-up; and those of the
counter's rules: 撤回, 容缺受理 and its material brought in, 告知承诺 and
the supervisor's later check of a promise. Each task is checked to have
done its work on the server, so a count can only be reported for a task
that really finished.

Counting: every key sent by name (F3, Enter, Tab, Space, Ctrl-R ...) and
every letter typed as a command is one keystroke; data (an ID number the
card reader types, a transaction code, an account number) is counted
apart, as characters. A paper the task prints is checked in the file
the client prints it to. docs/keystrokes.md has the steps; --check fails
when a task needs more keystrokes than its target; --only runs the tasks
whose names hold the words given."""
import argparse
import glob
import json
import os
import sqlite3
import sys
import tempfile
import time
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
from harness import BIN, Server, Tmux, log_in  # noqa
import bm  # noqa

LI = "610202194007080046"          # 李光明, 86, 光明社区 (clerk02's)
ZHANG = "610202198503150021"       # 张红旗, 红旗社区 (clerk01's)


class Counted:
    """A Tmux that counts what it sends."""

    def __init__(self, t, state=None):
        self.t = t
        self.state = state          # where the client prints to files
        self.keystrokes = 0
        self.data = 0
        self.steps = []

    def key(self, *names):
        self.keystrokes += len(names)
        self.steps.extend(names)
        self.t.keys(*names)

    def command(self, letter):
        """A menu or screen letter: a keystroke, typed literally."""
        self.keystrokes += 1
        self.steps.append(letter)
        self.t.type(letter)

    def type_data(self, text, what):
        self.data += len(text)
        self.steps.append("<%s>" % what)
        self.t.type(text)

    def wait_for(self, *texts):
        return self.t.wait_for(*texts, timeout=20)


def session(server, state, user, extra=""):
    """A client logged in at counter 1; extra: more arguments (the
    evaluator's --evaluator)."""
    t = Tmux("%s/bianmin --api %s --counter 1 %s; sleep 60"
             % (BIN, server.url, extra), 80, 24,
             env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                  "TERM": "screen", "XDG_STATE_HOME": state,
                  "XDG_CONFIG_HOME": state})
    log_in(t, user)
    return t


def task_allowance(server, c):
    """高龄津贴 (0501) for a scanned resident whose record fills the form;
    the bank account is the one thing the record lacks."""
    c.type_data(LI, "scan")
    c.key("Enter")          # the reader's own Enter ends the scan
    c.keystrokes -= 1       # ... and is the reader's, not the clerk's
    c.steps[-1] = "<reader Enter>"
    c.wait_for("李光明", "Household")
    c.key("F3")
    c.wait_for("Transaction code")
    c.type_data("0501", "code")
    c.key("Enter")
    c.wait_for("0501", "[record]")
    c.type_data("6214830912345678", "account")
    c.key("C-r")            # the required materials came
    c.key("Enter")          # on to what is still wanted: the declaration
    c.key("Space")
    c.key("F9")
    c.wait_for("Application taken.")
    db = sqlite3.connect(server.db)
    n = db.execute("SELECT count(*) FROM applications WHERE resident_id = "
                   "(SELECT id FROM residents WHERE id_number = ?)",
                   (LI,)).fetchone()[0]
    db.close()
    assert n == 1, n


def count(server, sql, *args):
    db = sqlite3.connect(server.db)
    n = db.execute(sql, args).fetchone()[0]
    db.close()
    return n


def task_residence_certificate(server, c):
    """居住证明 for a scanned resident: the type by its number in the
    list, the two facts the record lacks, confirm."""
    before = count(server, "SELECT count(*) FROM certificates")
    c.t.keys("Escape")              # from the lookup to the main menu
    c.wait_for("Main menu")
    c.key("F7")
    c.wait_for("Certificates", "Scan the ID card")
    c.type_data(ZHANG, "scan")
    c.t.keys("Enter")               # the reader's own Enter
    c.steps.append("<reader Enter>")
    screen = c.wait_for("For 张红旗", "居住证明")
    digit = [l for l in screen.splitlines() if "居住证明" in l][0].split()[0]
    c.command(digit)
    c.wait_for("Living here since", "Tenure")
    c.type_data("2019-06-01", "since")
    c.key("Tab")
    c.command("1")                  # tenure: owner, the first choice
    c.key("F9")
    c.wait_for("Issue 居住证明 for 张红旗?")
    c.key("Enter")
    c.wait_for("Verification code", "Issued:")
    assert count(server, "SELECT count(*) FROM certificates") == before + 1


def task_complete_by_number(server, c):
    """An accepted application found by its number (scanned from the
    receipt or typed) and marked complete."""
    bm.S = server
    tok = bm.login("clerk01", counter="2")
    r, app = bm.post("/api/v1/applications",
                     {"service_id": 5, "resident_id": 1,       # 0105
                      "data": {"declaration": True},
                      "materials": [{"name": "居民身份证", "originals": 1,
                                     "copies": 1},
                                    {"name": "近期一寸免冠照片",
                                     "originals": 0, "copies": 2}]}, tok)
    assert r.status == 201, app
    r, j = bm.post("/api/v1/applications/%d/transitions" % app["id"],
                   {"action": "accept"}, tok, if_match=1)
    assert r.status == 200, j
    c.t.keys("Escape")
    c.wait_for("Main menu")
    c.key("F6")
    c.wait_for("Applications", "Number:")
    c.type_data(app["number"], "number")
    c.key("Enter")
    c.wait_for(app["number"], "Timeline")
    c.command("c")
    c.wait_for("Complete: %s?" % app["number"])
    c.key("Enter")
    c.wait_for("Completed")
    assert count(server, "SELECT count(*) FROM applications WHERE "
                 "number = ? AND status = 'completed'", app["number"]) == 1


def finish_application(server):
    """An application of 张红旗 completed at counter 1 by clerk01 (a
    session of its own): the counter's evaluation waits for the
    resident. Returns the application."""
    bm.S = server
    tok = bm.login("clerk01", counter="1")
    r, app = bm.post("/api/v1/applications",
                     {"service_id": 5, "resident_id": 1,       # 0105
                      "data": {"declaration": True},
                      "materials": [{"name": "居民身份证", "originals": 1,
                                     "copies": 1},
                                    {"name": "近期一寸免冠照片",
                                     "originals": 0, "copies": 2}]}, tok)
    assert r.status == 201, app
    for action in ("accept", "complete"):
        r, app = bm.post("/api/v1/applications/%d/transitions" % app["id"],
                         {"action": action}, tok, if_match=app["version"])
        assert r.status == 200, app
    return app, tok


def rating_of(server, app):
    db = sqlite3.connect(server.db)
    row = db.execute("SELECT r.level, r.reasons, r.channel, f.id FROM "
                     "ratings r LEFT JOIN followups f ON f.rating_id = "
                     "r.id WHERE r.object = ?",
                     ("application/%d" % app["id"],)).fetchone()
    db.close()
    return row


def task_good_rating(server, c):
    """The resident's 非常满意 on the evaluator beside the counter, after
    the clerk completed an application: one key."""
    app, _ = finish_application(server)
    c.wait_for("Please rate this service")
    c.command("1")
    c.wait_for("Thank you for your evaluation")
    level, reasons, channel, followup = rating_of(server, app)
    assert (level, channel, followup) == ("very_satisfied", "counter",
                                          None), (level, channel)


def task_bad_rating(server, c):
    """非常不满意 with its reason on the evaluator: the level, then the
    reason's number."""
    app, _ = finish_application(server)
    c.wait_for("Please rate this service")
    c.command("5")
    c.wait_for("What was not satisfactory?")
    c.command("1")                  # 服务态度不好, the first reason
    c.wait_for("Thank you for your evaluation")
    level, reasons, channel, followup = rating_of(server, app)
    assert (level, reasons, channel) == ("very_dissatisfied",
                                         '["attitude"]', "counter"), level
    assert followup is not None


def task_close_followup(server, c):
    """A supervisor closes the follow-up of a bad rating from the main
    menu: opens the follow-ups and the first, calls back, rectifies and
    closes with the resident's answer 满意 (the first choice); the notes
    are data."""
    app, tok = finish_application(server)
    r, j = bm.jreq("GET", "/api/v1/evaluations/pending?counter=1",
                   token=tok)
    r, rating = bm.post("/api/v1/evaluations/pending/%d/rating"
                        % j["pending"]["id"], {"level": "dissatisfied",
                                               "reasons": ["slow"]}, tok)
    assert r.status == 201 and rating["followup_id"], rating
    c.t.keys("Escape")              # from the lookup to the main menu
    c.wait_for("Main menu")
    c.command("f")
    c.wait_for("Follow-ups of bad ratings: not closed", "Dissatisfied")
    c.key("Enter")
    c.wait_for("Follow-up ")
    c.command("c")
    c.wait_for("Call-back notes")
    c.type_data("已电话回访，居民反映等候时间长", "notes")
    c.key("Enter")
    c.wait_for("Called back.")
    c.command("r")
    c.wait_for("Rectification done")
    c.type_data("已增设窗口，高峰时段分流", "notes")
    c.key("Enter")
    c.wait_for("Rectified.")
    c.command("e")
    c.wait_for("The resident's answer")
    c.key("Enter")                  # 满意, the first answer
    c.wait_for("Closed.")
    assert count(server, "SELECT count(*) FROM followups WHERE id = ? AND "
                 "status = 'closed' AND close_answer = 'satisfied'",
                 rating["followup_id"]) == 1


def prints(state):
    """The papers the client printed (to files, there being no printer),
    oldest first."""
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         "*.txt")), key=os.path.getmtime)


def wait_paper(state, n):
    """The n-th paper printed, its blanks taken out."""
    deadline = time.time() + 20
    while len(prints(state)) < n:
        assert time.time() < deadline, "%d prints, not %d" % (
            len(prints(state)), n)
        time.sleep(0.1)
    return "".join(open(prints(state)[n - 1], encoding="utf-8").read()
                   .split())


def open_by_number(c, number):
    """From the main menu, F6 and the number (typed or scanned from the
    receipt): the application with its actions."""
    c.key("F6")
    c.wait_for("Applications", "Number:")
    c.type_data(number, "number")
    c.key("Enter")
    c.wait_for(number, "Timeline")


def task_withdraw(server, c):
    """An open application found by its number and withdrawn with the
    applicant's reason (data); the 撤回通知书 printed for the applicant
    to sign."""
    bm.S = server
    tok = bm.login("clerk01", counter="2")
    r, app = bm.post("/api/v1/applications",
                     {"service_id": 5, "resident_id": 1,       # 0105
                      "data": {"declaration": True},
                      "materials": [{"name": "居民身份证", "originals": 1,
                                     "copies": 1},
                                    {"name": "近期一寸免冠照片",
                                     "originals": 0, "copies": 2}]}, tok)
    assert r.status == 201, app
    r, j = bm.post("/api/v1/applications/%d/transitions" % app["id"],
                   {"action": "accept"}, tok, if_match=1)
    assert r.status == 200, j
    c.t.keys("Escape")
    c.wait_for("Main menu")
    open_by_number(c, app["number"])
    c.command("w")
    c.wait_for("Withdrawal: the applicant's reason")
    c.type_data("已在外地办理", "reason")
    c.key("Enter")                  # the reason given is the yes
    c.wait_for("Withdrawn", "P prints the withdrawal note")
    c.command("p")
    paper = wait_paper(c.state, 1)
    assert "撤回通知书" in paper and app["number"] in paper, paper
    r, j = bm.jreq("GET", "/api/v1/applications/%d" % app["id"], token=tok)
    assert (j["status"], j["reason"]) == ("withdrawn", "已在外地办理"), j


CARD = "本人社会保障卡或银行卡"          # 0501's; defer_days 5 in the demo


def task_allowance_deferred(server, c):
    """0501 as in task_allowance, its card taken 容缺: the usual path,
    then up to the card, D, and after submitting the 容缺受理通知书 (two
    copies, D)."""
    c.type_data(LI, "scan")
    c.t.keys("Enter")               # the reader's own Enter
    c.steps.append("<reader Enter>")
    c.wait_for("李光明", "Household")
    c.key("F3")
    c.wait_for("Transaction code")
    c.type_data("0501", "code")
    c.key("Enter")
    c.wait_for("0501", "[record]")
    c.type_data("6214830912345678", "account")
    c.key("C-r")            # the required materials came ...
    c.key("Enter")          # on to what is still wanted: the declaration
    c.key("Space")
    c.key("Up", "Up")       # ... but the card: past 代办人身份证 to it
    c.command("d")
    c.wait_for("[D] " + CARD)
    c.key("F9")
    screen = c.wait_for("Application taken.", "D prints the 容缺 notice")
    c.command("d")
    paper = wait_paper(c.state, 1)
    assert paper.count("容缺受理通知书") == 2 and CARD in paper, paper
    db = sqlite3.connect(server.db)
    number, deferred, materials = db.execute(
        "SELECT number, deferred, materials FROM applications WHERE "
        "resident_id = (SELECT id FROM residents WHERE id_number = ?)",
        (LI,)).fetchone()
    db.close()
    assert number in screen and number in paper, (number, screen)
    [d] = json.loads(deferred)
    assert d["name"] == CARD and d["received_at"] is None, d
    assert sorted(m["name"] for m in json.loads(materials)) == [
        "居民身份证", "户口簿"], materials


def task_deferred_brought_in(server, c):
    """The card of a 0501 taken 容缺 (and accepted since) brought in
    days later: the application found by its number, D, yes (only one
    material is owed)."""
    bm.S = server
    tok = bm.login("clerk02", counter="2")
    r, svc = bm.jreq("GET", "/api/v1/services/by-code/0501", token=tok)
    assert r.status == 200, svc
    r, app = bm.post("/api/v1/applications",
                     {"service_id": svc["id"],
                      "resident_id": bm.find(tok, LI),
                      "data": {"bank": "ssc",
                               "account_no": "6214830912345678",
                               "declaration": True},
                      "materials": [{"name": "居民身份证", "originals": 1,
                                     "copies": 1},
                                    {"name": "户口簿", "originals": 1,
                                     "copies": 1}],
                      "deferred_materials": [CARD]}, tok)
    assert r.status == 201, app
    r, j = bm.post("/api/v1/applications/%d/transitions" % app["id"],
                   {"action": "accept"}, tok, if_match=1)
    assert r.status == 200, j
    c.t.keys("Escape")
    c.wait_for("Main menu")
    open_by_number(c, app["number"])
    c.wait_for("待补齐", CARD)
    c.command("d")
    c.wait_for("容缺 material brought in: %s?" % CARD)
    c.key("Enter")
    c.wait_for("(brought in)")
    r, j = bm.jreq("GET", "/api/v1/applications/%d" % app["id"], token=tok)
    [d] = j["deferred"]
    assert d["name"] == CARD and d["received_at"], j["deferred"]


INCOME = "家庭成员收入证明材料"        # 0401's; promise: true in the demo


def task_promise(server, c):
    """低保 (0401) for a scanned resident, the income proof replaced by
    her written promise (C on it; the server is asked first whether she
    may promise), and the 告知承诺书 printed (G) for her to sign. The
    household size, the income and the reason are data."""
    c.type_data(ZHANG, "scan")
    c.t.keys("Enter")               # the reader's own Enter
    c.steps.append("<reader Enter>")
    c.wait_for("张红旗", "Household")
    c.key("F3")
    c.wait_for("Transaction code")
    c.type_data("0401", "code")
    c.key("Enter")
    c.wait_for("0401", "Household size")
    c.type_data("3", "size")
    c.key("Enter")
    c.type_data("1200", "income")
    c.key("Enter")
    c.type_data("家庭困难", "reason")
    c.key("Enter")                  # on to the consent
    c.key("Space")
    c.key("C-r")                    # the required materials ...
    c.key("Enter")                  # on to the declaration
    c.key("Space")
    c.key("Up", "Up")               # ... but the income proof: past 申请书
    c.command("c")
    c.wait_for("[C] " + INCOME)
    c.key("F9")
    screen = c.wait_for("Application taken.", "G prints the 告知承诺书")
    c.command("g")
    paper = wait_paper(c.state, 1)
    assert paper.count("证明事项告知承诺书") == 2 and INCOME in paper, paper
    db = sqlite3.connect(server.db)
    rows = db.execute(
        "SELECT a.number, p.kind, p.matter, p.outcome, a.materials FROM "
        "promises p JOIN applications a ON a.id = p.application_id WHERE "
        "a.resident_id = (SELECT id FROM residents WHERE id_number = ?)",
        (ZHANG,)).fetchall()
    db.close()
    [(number, kind, matter, outcome, materials)] = rows
    assert number in screen and number in paper, (number, screen)
    assert (kind, matter, outcome) == ("material", INCOME, None), rows[0]
    assert INCOME not in [m["name"] for m in json.loads(materials)]


def task_check_promise(server, c):
    """The supervisor's later check (事后核查) of the one promise waiting,
    found true (属实), from the main menu; the note is optional."""
    bm.S = server
    tok = bm.login("clerk01", counter="2")
    r, svc = bm.jreq("GET", "/api/v1/services/by-code/0401", token=tok)
    assert r.status == 200, svc
    r, app = bm.post("/api/v1/applications",
                     {"service_id": svc["id"], "resident_id": 1,
                      "data": {"family_size": 3,
                               "family_income_fen": 120000,
                               "reason": "家庭困难", "consent": True,
                               "declaration": True},
                      "materials": [{"name": n, "originals": 1,
                                     "copies": 1}
                                    for n in ("居民身份证", "户口簿",
                                              "申请书")],
                      "promised_materials": [INCOME]}, tok)
    assert r.status == 201, app
    [promise] = app["promises"]
    c.t.keys("Escape")              # from the lookup to the main menu
    c.wait_for("Main menu")
    c.command("k")
    c.wait_for("Promises to check", "张红旗", INCOME)
    c.command("t")
    c.wait_for("True (属实)")
    c.key("Enter")                  # no note
    c.wait_for("Recorded: the promise of 张红旗 was true.")
    r, j = bm.jreq("GET", "/api/v1/promises/%d" % promise["id"],
                   token=tok)
    assert r.status == 200 and j["status"] == "truthful", j
    assert j["check"]["outcome"] == "truthful", j


TASKS = [
    # name, user, target keystrokes, function, client arguments
    ("居住证明 for a scanned resident", "clerk01", 6,
     task_residence_certificate, ""),
    ("高龄津贴 (0501) for a scanned resident", "clerk02", 8,
     task_allowance, ""),
    ("an application found by number and completed", "clerk01", 6,
     task_complete_by_number, ""),
    ("the resident's good rating on the evaluator", "clerk01", 1,
     task_good_rating, "--evaluator"),
    ("the resident's bad rating with a reason on the evaluator", "clerk01",
     2, task_bad_rating, "--evaluator"),
    ("a follow-up of a bad rating closed by the supervisor", "super01", 8,
     task_close_followup, ""),
    ("an application found by number and withdrawn (撤回), the note printed",
     "clerk01", 5, task_withdraw, ""),
    ("0501 for a scanned resident, one material taken 容缺, the notice "
     "printed", "clerk02", 10, task_allowance_deferred, ""),
    ("a 容缺 material brought in, the application found by number",
     "clerk02", 4, task_deferred_brought_in, ""),
    ("低保 (0401), a proof replaced by the promise (告知承诺), "
     "the 告知承诺书 printed", "clerk01", 14, task_promise, ""),
    ("a promise checked as 属实 by the supervisor (事后核查)", "super01",
     3, task_check_promise, ""),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true",
                    help="fail when a task needs more than its target")
    ap.add_argument("--only", metavar="WORDS", action="append",
                    help="only the tasks whose name holds WORDS (again "
                    "for more)")
    args = ap.parse_args()
    tasks = [t for t in TASKS if not args.only or
             any(w in t[0] for w in args.only)]
    if not tasks:
        ap.error("no task is named so")
    failed = 0
    print("| task | keystrokes | target | data characters | steps |")
    print("|---|---|---|---|---|")
    for name, user, target, fn, extra in tasks:
        s = Server()
        state = tempfile.mkdtemp(prefix="bianmin-keys-")
        t = session(s, state, user, extra)
        c = Counted(t, state)
        try:
            fn(s, c)
            ok = c.keystrokes <= target
            print("| %s | %d | %d | %d | %s |" % (
                name, c.keystrokes, target, c.data, " ".join(c.steps)))
            if not ok:
                failed += 1
        finally:
            t.kill()
            s.stop()
            shutil.rmtree(state, ignore_errors=True)
    if args.check and failed:
        print("%d task(s) over their keystroke target" % failed)
        sys.exit(1)


if __name__ == "__main__":
    main()
