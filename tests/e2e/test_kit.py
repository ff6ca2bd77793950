#!/usr/bin/env python3
"""End to end in tmux: what a day at the counter showed wrong, one test
each, through the screen kit (issue 19). A card scanned is routed before
any screen sees it: on the certificates it changes the resident, on the
lookup it replaces what a failed scan left, at the lock it is never a
password; screens showing what an action changed reload; F3 asks whose
application first; the words are the clerk's."""
import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, TOP, Server, SkipTest, Tmux, run  # noqa
from harness import locale_available  # noqa
import bm  # noqa

ZHANG = "610202198503150021"        # 张红旗, 41, 红旗社区 (clerk01's)
WANG = "61020219671111005X"         # 王建国, 红旗社区
ZHANG_ID = 1
SERVICE = 5                         # 0105 社会保障卡申领, no conditions
MATERIALS = [{"name": "居民身份证", "originals": 1, "copies": 1},
             {"name": "近期一寸免冠照片", "originals": 0, "copies": 2}]
NUMBER = re.compile(r"\d{9}-\d{8}-\d{4}")


def client(server, state, lang="en", term="screen", extra="", cols=80,
           rows=24):
    """The client in a pane; the shell says how it ended, then waits."""
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
           "XDG_STATE_HOME": state,
           "XDG_CONFIG_HOME": os.path.join(state, "config"), "TERM": term}
    if lang == "zh_CN":
        env["LANG"] = "zh_CN.UTF-8"
    # tmux sets a pane's TERM itself: the command sets it again
    return Tmux("TERM=%s %s/bianmin --api %s --counter 1 --lang %s %s; "
                "echo EXIT=$?; sleep 60" % (term, BIN, server.url, lang,
                                            extra), cols, rows, env=env)


def log_in(t, user="clerk01", password="demo-clerk"):
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")
    # logged in: the counter shows in the status bar, in either language
    deadline = time.time() + 10
    while not re.search(r"(Counter|窗口) 1 \|", t.screen().split("\n")[0]):
        assert time.time() < deadline, t.screen()
        time.sleep(0.05)


def scan(t, id_number):
    """The card reader: eighteen characters and Enter, in one burst (one
    tmux command: two could leave the reader's Enter behind a pause)."""
    t.keys(*id_number, "Enter")


def with_client(body, **kw):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, **kw)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def rows(db, sql, *args):
    c = bm.harness.connect(db)
    r = c.execute(sql, args).fetchall()
    c.close()
    return r


def create(server, resident=ZHANG_ID, accept=False):
    """A 0105 application taken through the API."""
    bm.S = server
    tok = bm.login("clerk01")
    r, j = bm.post("/api/v1/applications",
                   {"service_id": SERVICE, "resident_id": resident,
                    "data": {"declaration": True},
                    "materials": MATERIALS}, tok)
    assert r.status == 201, j
    if accept:
        r, j2 = bm.post("/api/v1/applications/%d/transitions" % j["id"],
                        {"action": "accept"}, tok, if_match=1)
        assert r.status == 200, j2
    return j


def focus_field(t, label):
    """Tabs until the cursor sits on the line of label."""
    for _ in range(30):
        y = int(t.display("#{cursor_y}"))
        if label in t.screen().splitlines()[y]:
            return
        t.keys("Tab")
        time.sleep(0.05)
    raise AssertionError("never reached %s:\n%s" % (label, t.screen()))


def open_0105(t):
    """From the profile: F3 0105."""
    t.keys("F3")
    t.wait_for("Transaction code")
    t.type("0105")
    t.keys("Enter")
    t.wait_for("0105", "[record]")


def take_0105(t, opened=False):
    """From the profile (or the form opened): the materials and the
    declaration ticked, F9."""
    if not opened:
        open_0105(t)
    t.keys("C-r")
    t.wait_for("Every required material is ticked")
    t.keys("Enter")                     # on to the declaration
    t.keys("Space")
    t.keys("F9")


def restart(s):
    s.proc = subprocess.Popen(
        [os.path.join(BIN, "bianmind"), "--db", s.db, "--listen",
         "127.0.0.1:%d" % s.port, "--log", s.log],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_files(pattern, n, timeout=15):
    deadline = time.time() + timeout
    while len(glob.glob(pattern)) < n and time.time() < deadline:
        time.sleep(0.1)
    return sorted(glob.glob(pattern))


# 1. F7 on 王建国's profile, then 张红旗's card: the certificates are for
# 张红旗 (a digit of the card never picks a type, nor the rest filters).
def test_scan_on_the_certificates_changes_the_resident():
    def body(s, t, state):
        log_in(t)
        scan(t, WANG)
        t.wait_for("王建国", "Household")
        t.keys("F7")
        t.wait_for("For 王建国", "居住证明")
        scan(t, ZHANG)
        screen = t.wait_for("For 张红旗")
        assert "come from the record" not in screen, screen
        assert "王建国" not in screen.splitlines()[2], screen
        time.sleep(0.5)
        assert "For 张红旗" in t.screen() and \
            "come from the record" not in t.screen(), t.screen()
    with_client(body)


# 2. A second 0105 for 张红旗 while one is open: refused by the server,
# and the client shows the open one and opens it on a yes.
def test_a_second_open_application_shows_the_first():
    def body(s, t, state):
        first = create(s)
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        take_0105(t)
        t.wait_for("open already", first["number"], "Y = yes",
                   timeout=20)
        t.type("y")
        t.wait_for("Service: 0105", first["number"], "Applicant: 张红旗")
        assert rows(s.db, "SELECT count(*) FROM applications WHERE "
                    "resident_id = ? AND service_id = ?", ZHANG_ID,
                    SERVICE) == [(1,)]
    with_client(body)


# 3. A failed scan does not poison the next: the lookup takes the new
# card whole, not appended to what the misread one left.
def test_a_failed_scan_does_not_poison_the_next():
    def body(s, t, state):
        log_in(t)
        t.wait_for("ID number / name / mobile")
        scan(t, ZHANG[:-1] + "2")             # a misread check digit
        t.wait_for("check digit is wrong")
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
    with_client(body)


# 4. At the lock a scan is no password (no failed login is counted),
# and the throttle's message says the server's real wait.
def test_the_lock_refuses_a_scan_and_says_the_real_wait():
    def body(s, t, state):
        log_in(t)
        t.wait_for("Locked", timeout=15)
        scan(t, ZHANG)
        t.wait_for("The screen is locked: type your password.")
        time.sleep(0.5)
        assert rows(s.db, "SELECT count(*) FROM login_failures") == [(0,)]
        for _ in range(5):
            t.type("wrong")
            t.keys("Enter")
            t.wait_for("Wrong staff name or password")
            t.keys("C-u")
            time.sleep(0.2)
        t.type("wrong")
        t.keys("Enter")
        screen = t.wait_for("Too many attempts")
        assert "15 minute" in screen, screen
        assert "Wait a minute" not in screen, screen
    with_client(body, extra="--lock-minutes 0.05")


# 5. Stale screens: each reloads what an action changed.
def test_the_full_numbers_go_when_the_record_changes():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.type("v")
        t.wait_for("Why is the full ID number needed?")
        t.type("核对身份")
        t.keys("Enter")
        t.wait_for("shown in full", ZHANG)
        t.type("e")
        t.wait_for("Change the resident's record")
        t.keys("C-k")                       # the phone, from its start
        t.type("13912345678")
        t.keys("F9")
        screen = t.wait_for("Saved:", "139****5678")
        assert "shown in full" not in screen, screen
        assert ZHANG not in screen, screen
    with_client(body)


def test_the_profile_counts_a_new_application():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("Applications (0)")
        take_0105(t)
        t.wait_for("Application taken.")
        t.keys("Enter")
        t.wait_for("Applications (1)", "Household")
    with_client(body)


def test_handed_off_rows_leave_the_list():
    def body(s, t, state):
        a = create(s, accept=True)
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("h")
        t.wait_for("Hand-off to a back office", a["number"])
        t.keys("Space")
        t.wait_for("[x]")
        t.keys("Enter")
        t.wait_for("Hand over to which office?")
        t.type("街道民政办")
        t.keys("Enter")
        t.wait_for("sent: 1 applications forwarded")
        t.wait_gone(a["number"])
    with_client(body)


def test_the_outbox_shows_what_the_sender_did():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        open_0105(t)
        s.proc.kill()                       # the link drops
        s.proc.wait()
        take_0105(t, opened=True)
        t.wait_for("Saved in the outbox", timeout=30)
        t.keys("F8")
        screen = t.wait_for("Outbox: submissions kept", "waiting")
        assert "张红旗" in screen, screen   # the applicant, not "-"
        restart(s)
        t.wait_for("sent", timeout=90)
        t.wait_gone("waiting", timeout=10)
    with_client(body)


# 6. F3 with nobody on screen asks whose application first; a card
# scanned into a form's applicant field makes it theirs.
def test_f3_asks_for_the_resident_first():
    def body(s, t, state):
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0105")
        t.keys("Enter")
        t.wait_for("whose application")
        scan(t, ZHANG)
        t.wait_for("0105", "张红旗", "[record]")
    with_client(body)


def test_a_scan_in_the_applicant_field_binds_the_resident():
    def body(s, t, state):
        d = os.path.join(state, "bianmin", "drafts")
        os.makedirs(d, mode=0o700)
        bm.S = s
        r, service = bm.jreq("GET", "/api/v1/services/%d" % SERVICE,
                             token=bm.login("clerk01"))
        doc = {"service": service, "resident_id": 0, "resident_name": "",
               "values": {}, "origins": {}, "overrides": {},
               "materials": [False, False],
               "idempotency_key": "0123456789abcdef0123456789abcdef",
               "saved_at": time.time()}
        path = os.path.join(d, "%d-0.json" % SERVICE)
        with open(path, "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        os.chmod(path, 0o600)
        log_in(t)
        t.wait_for("Forms kept from before")
        t.keys("Enter")
        t.wait_for("0105")
        focus_field(t, "ID number")
        scan(t, ZHANG)
        screen = t.wait_for("The application is 张红旗's", "[record]")
        assert "0105 " in screen.splitlines()[1] and \
            "张红旗" in screen.splitlines()[1], screen
    with_client(body)


# 6b. Digits typed into a field show at once, without waiting to see
# whether a card's burst is coming; when one was, its digits are taken
# out of the field again before the card is routed: never a staff name,
# never a phone number.
def field_line(t, label):
    return [l for l in t.screen().splitlines() if label in l][0]


def test_a_card_typed_into_a_field_leaves_no_digit_there():
    def body(s, t, state):
        t.wait_for("bianmin 0.")
        t.type("clerk01")
        t.wait_for("clerk01")
        time.sleep(0.4)     # by hand; its last digits are no card's
        scan(t, ZHANG)
        t.wait_for("Log in first, then scan the ID card.")
        line = field_line(t, "Staff")
        assert "clerk01" in line and "6102" not in line, line
        t.keys("Enter")
        t.type("demo-clerk")
        t.keys("Enter", "Enter")
        t.wait_for("Counter 1 |")
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        open_0105(t)
        focus_field(t, "Agent phone")
        t.type("139")
        t.wait_for("139")
        time.sleep(0.4)                 # typed by hand: a pause
        scan(t, WANG)
        t.wait_for("王建国", "Household")
        for _ in range(4):
            if "[record]" in t.screen():
                break
            t.keys("Escape")
            time.sleep(0.3)
        t.wait_for("0105", "[record]")
        line = field_line(t, "Agent phone")
        assert "139" in line and "1396" not in line and \
            "0211" not in line, line
        t.type("8")                     # the field goes on from there
        t.wait_for("1398")
    with_client(body)


# 7. The Chinese screens say the clerk's words: no status codes, no
# 待发 for tickets, 出具 (not 取号) on a certificate form, the applicant
# in the outbox.
def test_the_words_are_the_clerks():
    if not locale_available("zh_CN.UTF-8"):
        raise SkipTest("locale zh_CN.UTF-8 not generated (make deps)")

    def body(s, t, state):
        create(s)
        bm.S = s
        tok = bm.login("clerk01")
        r, j = bm.post("/api/v1/queue/tickets", {"category_id": 1}, tok)
        assert r.status == 201, j
        log_in(t)
        scan(t, ZHANG)
        screen = t.wait_for("张红旗", "已收件")
        assert "submitted" not in screen, screen
        t.keys("F7")
        t.wait_for("居住证明")
        line = [l for l in t.screen().splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        screen = t.wait_for("出具证明")
        assert "取号" not in screen.splitlines()[-1], screen
        t.keys("C-g")
        t.wait_for("Y =")
        t.type("y")
        t.wait_for("主菜单")
        t.type("n")
        screen = t.wait_for(j["number"], "等候")
        assert "待发" not in screen, screen
    with_client(body, lang="zh_CN")


# 9. TERM=vt100: keys whose sequences its terminfo lacks still work,
# never typed; F1 says what stands in; the screen is blank after.
def test_vt100_keys_help_and_exit():
    def body(s, t, state):
        log_in(t)
        t.wait_for("ID number / name / mobile")
        t.keys("F7")                     # ESC [ 1 8 ~, which vt100 lacks
        screen = t.wait_for("Certificates", "居住证明")
        assert "[18~" not in screen and "18~" not in screen, screen
        t.keys("Escape")
        t.wait_for("ID number / name / mobile")
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0105")
        t.keys("Enter")
        t.wait_for("0105", "[record]")
        t.keys("F9")
        screen = t.wait_for("Some fields need attention")
        assert "Throw away" not in screen and "[20~" not in screen, screen
        t.keys("F1")
        t.wait_for("On this terminal (TERM=vt100)", "for F1 .. F10")
        t.keys("Escape")
        t.keys("F10")
        t.wait_for("Y =")
        t.type("y")
        screen = t.wait_for("EXIT=0")
        assert "张红旗" not in screen and "610***" not in screen, screen
    with_client(body, term="vt100")


# 10. A provisional receipt (待同步-L1), then the server has the
# application: the clerk is told and offered the real receipt, marked
# as replacing the provisional one.
def test_the_real_receipt_replaces_the_provisional_one():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        open_0105(t)
        s.proc.kill()
        s.proc.wait()
        take_0105(t, opened=True)
        t.wait_for("Saved in the outbox", timeout=30)
        t.type("p")
        t.wait_for("Printed to")
        prints = os.path.join(state, "bianmin", "prints", "receipt-*.txt")
        first = wait_files(prints, 1)
        assert "待同步-L1" in open(first[0], encoding="utf-8").read()
        # at 80 columns the file's name shows, not just its folder
        assert os.path.basename(first[0]) in t.screen(), t.screen()
        restart(s)
        screen = t.wait_for("provisional receipt", "L1", "Y =",
                            timeout=90)
        t.type("y")
        files = wait_files(prints, 2)
        assert len(files) == 2, files
        text = open([f for f in files if f not in first][0],
                    encoding="utf-8").read()
        number = NUMBER.search(text).group(0)
        assert rows(s.db, "SELECT count(*) FROM applications WHERE "
                    "number = ?", number) == [(1,)]
        assert "待同步-L1" in text and "替代" in text, text
    with_client(body)


# The "Also" of the issue.
def test_enter_on_an_empty_reason_asks_again():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.type("v")
        t.wait_for("Why is the full ID number needed?")
        t.keys("Enter")
        t.wait_for("Give the reason")
        assert "Why is the full ID number needed?" in t.screen()
        t.type("核对")
        t.keys("Enter")
        t.wait_for("shown in full", ZHANG)
    with_client(body)


def test_an_unknown_code_keeps_the_f3_prompt():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("9999")
        t.keys("Enter")
        screen = t.wait_for("No service has that code.")
        assert "Transaction code of the service" in screen, screen
        t.keys("C-u")
        t.type("0105")
        t.keys("Enter")
        t.wait_for("0105", "[record]")
    with_client(body)


def test_a_future_move_in_date_is_refused():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.keys("F7")
        t.wait_for("For 张红旗", "居住证明")
        line = [l for l in t.screen().splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        t.wait_for("Living here since")
        t.type("2099-01-01")
        t.keys("Tab")
        t.type("1")
        t.keys("F9")
        t.wait_for("Some fields need attention", "after today")
        bm.S = s
        tok = bm.login("clerk01")
        r, j = bm.post("/api/v1/certificates",
                       {"type_id": 1, "resident_id": ZHANG_ID,
                        "data": {"since": "2099-01-01", "tenure": "own"}},
                       tok)
        assert r.status == 400 and j["errors"][0]["field"] == \
            "data.since", j
    with_client(body)


def test_an_unknown_code_is_no_such_certificate():
    if not locale_available("zh_CN.UTF-8"):
        raise SkipTest("locale zh_CN.UTF-8 not generated (make deps)")

    def body(s, t, state):
        log_in(t)
        t.keys("F7")
        t.wait_for("居住证明")
        t.type("v")
        t.wait_for("核验码")
        t.type("23456789")
        t.keys("Enter")
        t.wait_for("查无此证明")
    with_client(body, lang="zh_CN")


def test_the_open_events_hide_closed_ones():
    if not locale_available("zh_CN.UTF-8"):
        raise SkipTest("locale zh_CN.UTF-8 not generated (make deps)")

    def body(s, t, state):
        bm.S = s
        tok = bm.login("super01")
        me = rows(s.db, "SELECT id FROM staff WHERE username = 'super01'")
        r, ev = bm.post("/api/v1/events", {
            "category": "facilities", "location": "红旗街路灯不亮",
            "description": "三号楼前路灯", "urgency": "normal",
            "grid_id": 1}, tok)
        assert r.status == 201, ev
        r, ev = bm.post("/api/v1/events/%d/assign" % ev["id"],
                        {"assignee_id": me[0][0]}, tok,
                        if_match=ev["version"])
        assert r.status == 200, ev
        for status in ("in_progress", "resolved"):
            r, ev = bm.post("/api/v1/events/%d/updates" % ev["id"],
                            {"status": status, "note": "已处理"}, tok,
                            if_match=ev["version"])
            assert r.status == 200, ev
        log_in(t, "super01", "demo-super")
        t.keys("Escape")
        t.wait_for("主菜单")
        t.type("e")
        screen = t.wait_for("未结网格事件", "红旗街路灯不亮")
        row = [l for l in screen.splitlines() if "红旗街路灯不亮" in l][0]
        assert "已办结" not in row, row       # handled, not yet closed
        t.keys("Enter")
        t.wait_for("三号楼前路灯")
        t.type("k")                           # checked, then closed
        t.wait_for("处置效果如何")
        t.keys("Enter")
        t.wait_for("核查意见")
        t.type("核实已修复")
        t.keys("Enter")
        t.wait_for("已核查")
        t.type("c")
        t.wait_for("结案意见")
        t.keys("Enter")
        t.wait_for("已结案")
        t.keys("Escape")
        t.wait_for("未结网格事件")
        t.wait_gone("红旗街路灯不亮")
    with_client(body, lang="zh_CN")


def test_saving_settings_leaves_the_language_alone():
    def body(s, t, state):
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("p")
        t.wait_for("Settings")
        focus_field(t, "Idle lock")
        t.keys("C-u")
        t.type("5")
        t.keys("F9")
        t.wait_for("Saved in")
        ini = open(os.path.join(state, "config", "bianmin",
                                "config.ini")).read()
        assert "lock_minutes = 5" in ini, ini
        assert "language" not in ini, ini
    with_client(body)


def test_the_main_menu_is_two_keys_away():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.keys("F7")
        t.wait_for("For 张红旗", "居住证明")
        line = [l for l in t.screen().splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        t.wait_for("Living here since")
        t.keys("C-g")
        t.wait_for("Back to the main menu?")
        t.type("y")
        t.wait_for("Main menu", "Resident lookup")
        t.keys("F2")
        t.wait_for("ID number / name / mobile")
        t.keys("C-g")                       # one screen: no question
        t.wait_for("Main menu", "Resident lookup")
    with_client(body)


def test_another_centres_resident_is_one_message_on_f2_and_f4():
    def body(s, t, state):
        log_in(t)
        t.wait_for("ID number / name / mobile")
        scan(t, "610202194007080046")       # 李光明, 光明社区
        t.wait_for("Not a resident of your communities")
        assert "李光明" not in t.screen()
        t.keys("F4")
        t.wait_for("Register a resident", "610202194007080046")
        t.type("李光明")
        t.keys("Tab", "Space")
        t.wait_for("Han")
        t.type("hz")
        t.keys("Enter")
        t.keys("Tab", "Tab")
        t.type("光明街1号")
        t.keys("F9")
        screen = t.wait_for("Not a resident of your communities: "
                            "another centre registered")
        assert "already registered" not in screen, screen
        assert "光明社区" not in screen, screen
    with_client(body)


# 8. Truncation by display width, marked, never inside a number.
def test_cut_text_is_marked_and_numbers_stay_whole():
    def body(s, t, state):
        db = sqlite3.connect(s.db)
        db.execute("UPDATE residents SET address = ? WHERE id = ?",
                   ("陕西省铜川市王益区红旗街道红旗社区幸福小区二期东区"
                    "十七号楼三单元一千二百零一室", ZHANG_ID))
        db.commit()
        db.close()
        log_in(t)
        scan(t, ZHANG)
        screen = t.wait_for("张红旗", "Household")
        line = [l for l in screen.splitlines() if "Address:" in l][0]
        assert line.rstrip().endswith("..."), line
        # the applications list at 50 columns: an application number is
        # shown whole or not at all
        a = create(s)
        t.resize(50, 20)
        t.keys("F6")
        screen = t.wait_for("Applications of 张红旗", "Page 1 of 1")
        assert "..." in screen, screen
        for l in screen.splitlines():
            for m in re.finditer(r"\d[\d-]{6,}", l):
                assert m.group(0) == a["number"] or \
                    not a["number"].startswith(m.group(0)), (l, screen)
    with_client(body)


# 8. The certificate's preview never breaks inside the ID number; on
# 58 mm paper the refusal note's title takes two even lines.
def test_the_preview_keeps_numbers_whole_and_58mm_titles_even():
    def body(s, t, state):
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("张红旗", "Household")
        t.keys("F7")
        screen = t.wait_for("For 张红旗", "居住证明")
        line = [l for l in screen.splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        t.wait_for("Living here since")
        t.type("2019-06-01")
        t.keys("Tab")
        t.type("1")
        t.keys("F9")
        t.wait_for("Issue 居住证明 for 张红旗?")
        t.keys("Enter")
        screen = t.wait_for("Verification code", "兹证明")
        ids = re.findall(r"610[\d*]{12}[\dX]{3}", screen)
        assert ids, screen
        for l in screen.splitlines():
            assert not re.search(r"610[\d*]{0,14}\s*$", l), (l, screen)
        # the refusal note of a type no longer issued, on 58 mm paper
        t.keys("Escape")
        screen = t.wait_for("For 张红旗", "健在证明")
        lines = screen.splitlines()
        first = [i for i, l in enumerate(lines) if l.split()[:1] == ["1"]]
        alive = [i for i, l in enumerate(lines) if "健在证明" in l][0]
        t.keys(*["Up"] * 12)
        t.keys(*["Down"] * (alive - first[0]))
        t.keys("Enter")
        t.wait_for("健在证明 is not issued")
        t.type("p")
        t.wait_for("Printed to")
        note = open(wait_files(os.path.join(state, "bianmin", "prints",
                                            "*.txt"), 1)[0],
                    encoding="utf-8").read().splitlines()
        title = [l.strip() for l in note if l.strip() and
                 l.strip() in "不予出具证明告知书"]
        assert "".join(title) == "不予出具证明告知书", note
        assert min(len(x) for x in title) > 1, note
    with_client(body, extra="--receipt-profile generic-58")


# A name the GB2312 receipt printer cannot print: the clerk is told and
# offered the A4 printer, whose PDF has the name whole.
def test_a_name_gb2312_lacks_goes_to_a4_when_chosen():
    def body(s, t, state):
        db = bm.harness.connect(s.db)
        db.execute("UPDATE residents SET name = ? WHERE id = ?",
                   ("王\U00020BB7堃", ZHANG_ID))
        db.commit()
        db.close()
        log_in(t)
        scan(t, ZHANG)
        t.wait_for("Household")
        take_0105(t)
        t.wait_for("Application number", "P prints")
        t.type("p")
        t.wait_for("The GB2312 receipt printer cannot print: 王",
                   "On the A4 printer")
        assert not glob.glob(os.path.join(state, "bianmin", "prints",
                                          "receipt-*"))
        t.keys("Enter")
        pdf = wait_files(os.path.join(state, "bianmin", "prints",
                                      "receipt-*.pdf"), 1)
        assert pdf, os.listdir(os.path.join(state, "bianmin", "prints"))
        text = subprocess.run(["pdftotext", pdf[0], "-"],
                              capture_output=True, text=True).stdout
        assert "王\U00020BB7堃" in text, text
    with_client(body, extra="--receipt-profile gb2312-80")


def test_the_header_keeps_the_centre_in_sight():
    """At 80 columns in English, a grid member's status bar names the
    centre whole: the program's name gives way first."""
    def body(s, t, state):
        log_in(t, "grid01", "demo-grid")
        top = t.wait_for("红旗社区").splitlines()[0]
        assert "红旗社区便民服务站" in top, top
        assert "grid01" in top and "Counter 1" in top, top
    with_client(body)


def test_keys_lists_every_screen_of_the_sources():
    """Every screen and dialog defined in tui/ is in the registry that
    F1 and --keys read: its title heads a part of --keys."""
    titles = {}
    for path in glob.glob(os.path.join(TOP, "tui", "*.c")):
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r"const struct screen_ops (\w+) = \{(.*?)\n\};",
                             text, re.S):
            t = re.search(r'\.title = N_\("([^"]+)"\)', m.group(2))
            assert t, "%s has no title" % m.group(1)
            if ".keys = NULL" not in m.group(2):
                titles[m.group(1)] = t.group(1)
    assert len(titles) > 25, titles
    r = subprocess.run([os.path.join(BIN, "bianmin"), "--keys", "--lang",
                        "en"], capture_output=True, text=True,
                       env=dict(os.environ, LANG="C.UTF-8", LANGUAGE="",
                                LC_ALL=""))
    heads = {l[:-1] for l in r.stdout.splitlines() if l.endswith(":")}
    missing = {k: v for k, v in titles.items() if v not in heads}
    assert not missing, missing
    assert "Ctrl-U" in r.stdout and "Back to the main menu" in r.stdout



def test_main_menu_scrolls_on_a_phone():
    """At 50x20 the menu does not fit: it scrolls with the selection and
    says which part shows; every item can be reached and opened. The
    status bar keeps the counter and the time."""
    def body(s, t, state):
        t.wait_for("bianmin 0.")
        t.type("clerk01")
        t.keys("Enter")
        t.type("demo-clerk")
        t.keys("Enter", "Enter")
        screen = t.wait_for("ID number / name / mobile")
        # the status bar keeps the counter and the time, not a clock cut
        # after its date
        bar = screen.split("\n")[0]
        assert re.search(r" Counter 1 \| \S", bar), bar
        assert re.search(r"\b\d\d:\d\d\s*$", bar), bar
        t.keys("Escape")
        t.wait_for("Main menu")
        screen = t.wait_for("Main menu (1-")
        assert " X  F10" not in screen, screen        # below the fold
        t.keys("End")
        screen = t.wait_for(" of ", " X  F10")
        assert "Resident lookup" not in screen, screen  # above it now
        t.keys("Up", "Enter")                         # Log out
        t.wait_for("Logged out.")
    with_client(body, cols=50, rows=20)

if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
