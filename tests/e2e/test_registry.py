#!/usr/bin/env python3
"""End to end in tmux: the 一库's people on the profile. A grid member
reports a resident's death (T: its date, how it was learned); the
profile marks it 死亡待确认 and the grid member is not offered the
confirmation; the supervisor confirms it with its source, finds the
deceased resident's open application on his list (D), and the history
(H) shows who did what, from what to what, and why; a clerk's
application for the deceased resident is then refused with the reason
on the form, which stays as typed. A household is split from the
profile's household table (U) and both profiles' tables follow; the
history keeps the change with who and why; a change made meanwhile at
another counter is caught (If-Match) and said. A data-error flag raised by
a grid member (F) is resolved by the supervisor from his list. Every
new screen and dialog works at 50x20."""
import os
import re
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run, service_date  # noqa
import bm  # noqa
from test_server_residents import new_id_number  # noqa

PASSWORDS = {"clerk01": "demo-clerk", "grid01": "demo-grid",
             "super01": "demo-super"}
LIU_QIANG = "610202198307240038"        # 刘强, household 1 (张红旗's)
ZHANG = "610202198503150021"
SERVICE2 = 6                            # 0106, a reason in its data


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def with_client(body, cols=80, rows=24):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, cols, rows)
    try:
        body(s, t)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def log_in(t, user):
    t.wait_for("Community service counter - log in")
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user])
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")


def log_out(t):
    t.keys("Escape", "Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.type("l")
    t.wait_for("Logged out.")


def open_resident(t, id_number, name):
    """From the lookup: the resident's profile."""
    t.type(id_number)
    t.keys("Enter")
    return t.wait_for(name, "Household")


def to_lookup(t):
    t.keys("Escape")
    t.wait_for("ID number / name / mobile")


def db_resident(db, id_number):
    c = sqlite3.connect(db)
    r = c.execute("SELECT status, death_date, death_source, household_id, "
                  "relation FROM residents WHERE id_number = ?",
                  (id_number,)).fetchone()
    c.close()
    return r


def wait_db(fn, want, timeout=10):
    import time
    deadline = time.time() + timeout
    while fn() != want:
        if time.time() > deadline:
            raise AssertionError("%r, not %r" % (fn(), want))
        time.sleep(0.05)


def newcomer(s, name="赵德厚"):
    """A resident of grid01's grid registered by the clerk, with an open
    0106 application; returns the ID number and the application's
    number."""
    bm.S = s
    tok = bm.login("clerk01")
    idn = new_id_number("19500304")
    r, j = bm.post("/api/v1/residents", {
        "name": name, "id_number": idn, "address": "红旗街8号院2号楼1单元"
        "301室", "phone": "13900001234", "community_id": 1,
        "grid_id": 1}, tok)
    assert r.status == 201, j
    r, a = bm.post("/api/v1/applications", {
        "service_id": SERVICE2, "resident_id": j["id"],
        "data": {"declaration": True, "reason": "遗失"},
        "materials": [{"name": "居民身份证", "originals": 1, "copies": 1},
                      {"name": "近期一寸免冠照片", "originals": 0,
                       "copies": 2}]}, tok)
    assert r.status == 201, a
    return idn, a["number"]


def report_death(t, idn, name):
    open_resident(t, idn, name)
    t.type("t")
    t.wait_for("Change the status", "Report a death (报告死亡)",
               "Move out (迁出)")
    t.keys("Enter")
    t.wait_for("Date of death (YYYY-MM-DD)", service_date())
    t.keys("Enter")
    t.wait_for("How was it learned?")
    t.type("入户走访时家属告知")
    t.keys("Enter")
    t.wait_for("[death reported]",
               "Died: %s, to be confirmed" % service_date())


def test_death_reported_confirmed_then_applicant_refused():
    def body(s, t):
        idn, number = newcomer(s)
        log_in(t, "grid01")
        report_death(t, idn, "赵德厚")
        assert db_resident(s.db, idn)[:3] == ("death_reported",
                                              service_date(), None)
        # the grid member may not confirm his own report
        t.type("t")
        t.wait_for("赵德厚's death awaits the supervisor's confirmation.")
        log_out(t)

        log_in(t, "super01")
        open_resident(t, idn, "赵德厚")
        t.type("t")
        t.wait_for("Confirm the death (确认死亡)",
                   "Reject the death report (撤销)")
        t.keys("Enter")
        t.wait_for("The death is confirmed by", "医院死亡医学证明")
        t.keys("Enter")
        t.wait_for("[deceased]", "Died: %s, 医院死亡医学证明"
                   % service_date())
        wait_db(lambda: db_resident(s.db, idn)[:3],
                ("deceased", service_date(), "医院死亡医学证明"))
        # the history: who, when, what from what to what, why
        t.type("h")
        screen = t.wait_for("History of 赵德厚", "王秀兰", "刘建军",
                            "death reported -> deceased",
                            "active -> death reported")
        row = [l for l in screen.splitlines()
               if "active -> death reported" in l][0]
        assert "刘建军" in row and "Status" in row, row
        for _ in range(4):
            t.keys("Down")
        t.wait_for("Why: 入户走访时家属告知")
        # his open application is on the supervisor's list
        t.keys("Escape")
        t.wait_for("[deceased]")
        t.keys("Escape", "Escape")
        t.wait_for("Main menu", "Data errors, deceased applicants")
        t.type("d")
        t.wait_for("Open data-error flags")
        t.keys("Tab")
        screen = t.wait_for("Open applications of deceased residents",
                            number)
        assert "赵德厚" in screen, screen
        log_out(t)

        # the clerk's application for him is refused, the form kept
        log_in(t, "clerk01")
        open_resident(t, idn, "赵德厚")
        t.wait_for("[deceased]")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0105")
        t.keys("Enter")
        t.wait_for("0105", "[record]")
        t.keys("C-r")
        t.keys("Enter")
        t.keys("Space")
        t.keys("F9")
        t.wait_for("Refused: 赵德厚 died %s (confirmed)." % service_date(),
                   "0105")
        c = sqlite3.connect(s.db)
        n = c.execute("SELECT count(*) FROM applications a JOIN residents "
                      "r ON r.id = a.resident_id WHERE r.id_number = ?",
                      (idn,)).fetchone()[0]
        c.close()
        assert n == 1, n        # only the one taken before
    with_client(body)


def household_rows(screen):
    """The profile's household table: (relation, name) per row."""
    lines = screen.splitlines()
    start = [i for i, l in enumerate(lines) if "Relation" in l and
             "Name" in l][0]
    rows = []
    for l in lines[start + 1:]:
        m = re.match(r"\s*(\S+)\s+(\S+)\s+(male|female)\s", l)
        if not m:
            break
        rows.append((m.group(1), m.group(2)))
    return rows


def test_household_split_from_the_profile():
    def body(s, t):
        log_in(t, "grid01")
        screen = open_resident(t, LIU_QIANG, "刘强")
        assert household_rows(screen) == [("户主", "张红旗"),
                                          ("配偶", "刘强"),
                                          ("女", "刘小雨")], screen
        t.type("u")
        t.wait_for("Change the household", "Make 刘强 the head (户主)",
                   "Split members off into a new household")
        t.keys("End", "Enter")
        t.wait_for("Who leaves?", "[ ] 刘小雨 (女)")
        t.keys("Down", "Space", "Down", "Space")
        t.wait_for("[x] 刘强 (配偶)", "[x] 刘小雨 (女)")
        t.keys("Enter")
        t.wait_for("The new household's head")
        t.keys("Enter")                         # 刘强
        t.wait_for("刘小雨's relation to the new head")
        t.keys("Down", "Down", "Enter")         # 女
        t.wait_for("The new household's address")
        t.keys("C-u")
        t.type("红旗街12号院5号楼1单元302室")
        t.keys("Enter")
        t.wait_for("Why? (kept; may stay empty)")
        t.type("分户另居")
        t.keys("Enter")
        t.wait_for("Split: the new household is made.")
        screen = t.wait_for("户主     刘强")
        assert household_rows(screen) == [("户主", "刘强"),
                                          ("女", "刘小雨")], screen
        zhang, liu = db_resident(s.db, ZHANG), db_resident(s.db, LIU_QIANG)
        assert zhang[3] == 1 and liu[3] != 1 and liu[4] == "户主", (zhang,
                                                                  liu)
        # the history keeps it: who, what from what to what, why
        t.type("h")
        screen = t.wait_for("History of 刘强", "配偶 -> 户主")
        row = [l for l in screen.splitlines() if "配偶 -> 户主" in l][0]
        assert "刘建军" in row and "Relation to the head" in row, row
        t.wait_for("Why: 分户另居")
        # 张红旗's profile: alone in household 1 now
        t.keys("Escape")
        to_lookup(t)
        screen = open_resident(t, ZHANG, "张红旗")
        assert household_rows(screen) == [("户主", "张红旗")], screen
    with_client(body)


def test_household_changed_meanwhile_is_caught():
    """Two counters change one household: the second, at the version it
    read, is refused (If-Match) and says so; done again, it goes."""
    def body(s, t):
        log_in(t, "grid01")
        open_resident(t, "610202201209100044", "刘小雨")
        t.type("u")
        t.wait_for("Change the household", "Set 刘小雨's relation to the "
                   "head")
        # meanwhile another counter changes the household
        bm.S = s
        tok = bm.login("clerk01")
        r, j = bm.jreq("GET", "/api/v1/households/1", token=tok)
        r, j = bm.post("/api/v1/households/1/actions",
                       {"action": "set_relation", "resident_id": 2,
                        "relation": "其他"}, tok, if_match=j["version"])
        assert r.status == 200, j
        t.keys("Down", "Down", "Enter")         # set the relation
        t.wait_for("刘小雨's relation to the head")
        t.keys("Down", "Enter")                 # 子
        t.wait_for("Why? (kept; may stay empty)")
        t.keys("Enter")
        t.wait_for("Someone else changed this household meanwhile")
        assert db_resident(s.db, "610202201209100044")[4] == "女"
        t.wait_for("其他     刘强")            # the profile as it is now
        t.type("u")
        t.wait_for("Set 刘小雨's relation to the head")
        t.keys("Down", "Down", "Enter")
        t.wait_for("刘小雨's relation to the head")
        t.keys("Down", "Enter")
        t.wait_for("Why? (kept; may stay empty)")
        t.keys("Enter")
        t.wait_for("Saved: the household is changed.", "子       刘小雨")
        assert db_resident(s.db, "610202201209100044")[4] == "子"
    with_client(body)


def test_flag_and_new_screens_at_50x20():
    def body(s, t):
        idn, number = newcomer(s, "钱守义")
        log_in(t, "grid01")
        screen = open_resident(t, idn, "钱守义")
        assert "H Changes" in screen, screen     # in the key bar
        assert "Residence: registered here" in screen, screen
        # a data-error flag, raised by the grid member
        t.type("f")
        t.wait_for("What is wrong in the record?")
        t.type("门牌号已变更为8号院3号楼")
        t.keys("Enter")
        t.wait_for("Flag raised", "Data error: 门牌号已变更为8号院3号楼")
        # the status dialog fits
        t.type("t")
        t.wait_for("Report a death (报告死亡)", "Move out (迁出)")
        t.keys("Down", "Enter")
        t.wait_for("Moved out on (YYYY-MM-DD)")
        t.keys("Enter")
        t.wait_for("Moved out to where?")
        t.type("西安市雁塔区")
        t.keys("Enter")
        t.wait_for("Why? (kept; may stay empty)")
        t.keys("Enter")
        t.wait_for("[moved out]", "Moved out: %s, 西安市雁塔区"
                   % service_date())
        # the history fits, the reason of the chosen change below
        t.type("h")
        screen = t.wait_for("History of 钱守义", "active -> moved out",
                            "Why")
        t.keys("Escape")
        t.wait_for("[moved out]")
        # the household dialog fits
        to_lookup(t)
        open_resident(t, LIU_QIANG, "刘强")
        t.type("u")
        screen = t.wait_for("Add a member (by ID number)",
                            "Split members off into a new househ")
        t.keys("Escape")
        log_out(t)

        # the supervisor's list, at 50x20 too: resolve the flag
        log_in(t, "super01")
        to_lookup(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("d")
        screen = t.wait_for("Open data-error flags", "钱守义", "in all")
        t.keys("End")
        t.type("r")
        t.wait_for("What was found or done?")
        t.type("已入户核实，地址已更正")
        t.keys("Enter")
        t.wait_for("Resolved: the flag leaves the list.")
        t.wait_gone("门牌号已变更为8号院3号楼")
        c = sqlite3.connect(s.db)
        r = c.execute("SELECT s.username, f.resolution FROM resident_flags "
                      "f JOIN residents r ON r.id = f.resident_id JOIN "
                      "staff s ON s.id = f.resolved_by WHERE "
                      "r.id_number = ?", (idn,)).fetchone()
        c.close()
        assert r == ("super01", "已入户核实，地址已更正"), r
        t.keys("Tab", "Tab")
        t.wait_for("Open applications of residents moved out", number)
    with_client(body, 50, 20)


if __name__ == "__main__":
    run([(n, f) for n, f in sorted(globals().items())
         if n.startswith("test_")])
