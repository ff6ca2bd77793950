#!/usr/bin/env python3
"""End to end in tmux: the counter's rules. An application withdrawn by
its applicant (W, with the reason) prints its 撤回通知书; a certificate
voided by the supervisor verifies as 已作废 on the public page and is
not printed again; a corrected certificate is reissued under the same
serial marked 更正, and the old one verifies as superseded; an
application taken 容缺 (D on a material of the form) prints its notice in
two copies and cannot be 办结 until the material is brought in (D); a
proof replaced by the resident's written promise (告知承诺, C on a
material) prints its 告知承诺书, the supervisor's later check finds it
false, and the resident is then refused 告知承诺 with the reason on the
clerk's screen; a value of an application corrected by the supervisor
(K, 更正), its old value in the timeline.""" 
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
sys.path.insert(0, os.path.dirname(__file__))
from harness import run  # noqa
from test_applications import (confirm, create, log_in,  # noqa
                               open_number, row, texts, wait_print,
                               wait_status, with_client)
import test_intake as ti  # noqa
import bm  # noqa
import test_certificates as tc  # noqa


def test_withdraw_with_note():
    def body(s, t, state):
        number = create(s, accept=True)
        log_in(t)
        open_number(t, number)
        t.type("w")
        t.wait_for("Withdrawal: the applicant's reason")
        t.type("已在外地办理")
        t.keys("Enter")
        r = wait_status(s.db, number, "withdrawn")
        assert r[2] == "已在外地办理", r
        t.wait_for("Withdrawn", "P prints the withdrawal note")
        # closed: nothing more can be done with it
        t.type("c")
        t.wait_for("nothing more can be done")
        t.type("p")
        paper = wait_print(state, 1)
        assert "撤回通知书" in paper and number in paper, paper
        assert "撤回理由：已在外地办理" in paper, paper
        assert "申请人签字" in paper, paper
    with_client(body)


def issued(s, tenure="own"):
    """A 居住证明 of 张红旗 issued at counter 1 through the API."""
    bm.S = s
    tok = bm.login("clerk01")
    r, j = bm.post("/api/v1/certificates",
                   {"type_id": 1, "resident_id": 1, "purpose": "办理居住证",
                    "data": {"since": "2019-06-01", "tenure": tenure}}, tok)
    assert r.status == 201, j
    return j


def open_certificate(t, serial):
    tc.open_types(t)
    t.type("l")
    t.wait_for("Which certificate?", serial)
    t.keys("Enter")
    t.wait_for("Issued before: %s" % serial)


def page(token):
    r, text = bm.request("GET", "/verify/" + token, source="127.0.0.51")
    assert r.status == 200, text
    return text.decode()


def test_void_verifies_as_void():
    def body(s, t, state):
        c = issued(s)
        assert "有效" in page(c["verify_token"])
        tc.log_in(t, "super01", "demo-super")
        open_certificate(t, c["serial"])
        t.type("v")
        t.wait_for("Void this certificate: the reason")
        t.type("经核查申请人不在本社区居住")
        t.keys("Enter")
        t.wait_for("VOID since", "经核查申请人不在本社区居住")
        day = tc.rows(s.db, "SELECT voided_date FROM certificates WHERE "
                      "id = ?", c["id"])[0][0]
        assert day, day
        # never printed again
        t.type("p")
        t.wait_for("Not printed: this certificate is void")
        t.type("r")
        t.wait_for("Not printed: this certificate is void")
        assert tc.prints(state, "cert-*") == []
        assert tc.rows(s.db, "SELECT reprints FROM certificates WHERE "
                       "id = ?", c["id"]) == [(0,)]
        # the public page: 已作废 with the date, never 有效
        html = page(c["verify_token"])
        assert "已作废" in html and "作废日期" in html and day in html, html
        assert ">有效<" not in html, html
        # the counter's own check by the code says so too
        t.keys("Escape")
        t.wait_for("For 张红旗")
        t.type("v")
        t.wait_for("Verification code printed on the certificate")
        t.type(c["verify_code"])
        t.keys("Enter")
        t.wait_for("VOID since %s" % day)
    with_client(body)


def test_voiding_is_the_supervisors():
    def body(s, t, state):
        c = issued(s)
        tc.log_in(t)
        open_certificate(t, c["serial"])
        t.type("v")
        t.wait_for("Only the supervisor voids or corrects")
        assert tc.rows(s.db, "SELECT voided_at FROM certificates WHERE "
                       "id = ?", c["id"]) == [(None,)]
    with_client(body)


def test_corrected_certificate():
    def body(s, t, state):
        c = issued(s)
        tc.log_in(t, "super01", "demo-super")
        open_certificate(t, c["serial"])
        t.type("k")
        t.wait_for("Corrected purpose of the certificate")
        t.type("子女入学")
        t.keys("Enter")
        t.wait_for("Reason for the correction")
        t.type("用途填写有误")
        t.keys("Enter")
        t.wait_for("Corrected (1 times)")
        new = tc.rows(s.db, "SELECT serial, purpose, verify_token, "
                      "corrections FROM certificates WHERE id = ?",
                      c["id"])[0]
        assert new[0] == c["serial"] and new[1] == "子女入学", new
        assert new[2] != c["verify_token"] and new[3] == 1, new
        # the reissued paper: same serial, marked 更正, the new purpose
        t.type("p")
        pdfs = tc.wait_files(state, "cert-*.pdf", 1)
        assert "-c1" in pdfs[0], pdfs
        text = tc.pdf_text(pdfs[0])
        assert "更正" in text and c["serial"] in text, text
        assert "子女入学" in text, text
        # the old paper verifies as superseded, the new one as valid
        html = page(c["verify_token"])
        assert "已更正" in html and "更正日期" in html, html
        assert ">有效<" in page(new[2])
    with_client(body)


def test_deferred_material_blocks_completion():
    card = "本人社会保障卡或银行卡"        # defer_days 5 in the demo catalog
    def body(s, t, state):
        ti.log_in(t, "clerk02")
        ti.open_0501(t, ti.LI, "李光明")
        t.wait_for("0501", "[record]")
        t.type("6214830912345678")
        for _ in range(6):
            t.keys("Tab")
        # 居民身份证 and 户口簿 received; the card taken 容缺
        t.keys("Space", "Tab", "Space", "Tab")
        t.type("d")
        t.wait_for("[D] " + card, "taken 容缺, to be brought within 5")
        t.keys("Tab", "Tab", "Space")
        t.keys("F9")
        screen = t.wait_for("Application taken.", "容缺 (待补齐)", card,
                            "D prints the 容缺 notice")
        number = ti.NUMBER.search(screen).group(0)
        t.type("d")
        paper = wait_print(state, 1)
        assert paper.count("容缺受理通知书") == 2, paper
        assert "第一联申请人留存" in paper and "第二联窗口存档" in paper, paper
        assert number in paper and card in paper and "补交期限" in paper
        assert "不予办结" in paper and "申请人签字（承诺）" in paper, paper
        import sqlite3
        db = sqlite3.connect(s.db)
        (deferred,) = db.execute("SELECT deferred FROM applications WHERE "
                                 "number = ?", (number,)).fetchone()
        db.close()
        import json
        [d] = json.loads(deferred)
        assert d["name"] == card and d["received_at"] is None, d
        y, m, dd = d["due_date"].split("-")
        assert "%d年%d月%d日" % (int(y), int(m), int(dd)) in paper, paper
        t.keys("Enter")
        open_number(t, number)
        t.wait_for("待补齐", "to bring by " + d["due_date"])
        t.type("a")
        confirm(t, "Accept: %s?" % number)
        wait_status(s.db, number, "accepted")
        # not 办结 while the card is still to come
        t.type("c")
        confirm(t, "Complete: %s?" % number)
        t.wait_for("Not completed: a material taken 容缺 is still to come")
        assert row(s.db, number)[0] == "accepted"
        t.type("d")
        confirm(t, "容缺 material brought in: %s?" % card)
        t.wait_for("(brought in)")
        t.type("c")
        confirm(t, "Complete: %s?" % number)
        wait_status(s.db, number, "completed")
        t.wait_for("Completed")
    with_client(body)


def test_overdue_deferred_list():
    def body(s, t, state):
        bm.S = s
        tok = bm.login("clerk01")
        r, a = bm.post("/api/v1/applications", {
            "service_id": 5, "resident_id": 1,
            "data": {"declaration": True},
            "materials": [{"name": "居民身份证", "originals": 1,
                           "copies": 1}],
            "deferred_materials": ["近期一寸免冠照片"]}, tok)
        assert r.status == 201, a
        other = create(s, resident=8)
        import sqlite3
        db = sqlite3.connect(s.db)
        db.execute("UPDATE applications SET deferred_due = '2020-01-02' "
                   "WHERE id = ?", (a["id"],))
        db.commit()
        db.close()
        tc.log_in(t, "super01", "demo-super")
        t.keys("F6")
        t.wait_for("Applications", "Number:")
        t.keys("Tab", "Left")
        t.wait_for("[ 容缺 overdue (补齐逾期) ]")
        t.keys("Enter")
        screen = t.wait_for("1 applications", a["number"])
        assert other not in screen, screen
    with_client(body)


INCOME = "家庭成员收入证明材料"      # promise: true in the demo catalog


def open_service(t, id_number, name, txcode):
    t.keys("F2")
    t.wait_for("ID number / name / mobile")
    t.type(id_number)
    t.keys("Enter")
    t.wait_for(name, "Household")
    t.keys("F3")
    t.wait_for("Transaction code")
    t.type(txcode)
    t.keys("Enter")


def wait_flat(t, text, timeout=10):
    """The screen with every blank taken out, once it holds text (which
    may wrap over lines)."""
    import time
    deadline = time.time() + timeout
    while True:
        flat = "".join(t.screen().split())
        if text in flat:
            return flat
        if time.time() > deadline:
            raise AssertionError("%r not on the screen:\n%s" % (
                text, t.screen()))
        time.sleep(0.1)


def switch_user(t, user, password):
    """Back to the main menu (a yes when screens would close), log out,
    log in as user."""
    import time
    t.keys("C-g")
    deadline = time.time() + 10
    while "Main menu" not in t.screen():
        if "Back to the main menu?" in t.screen():
            t.type("y")
        assert time.time() < deadline, t.screen()
        time.sleep(0.1)
    t.type("l")
    log_in(t, user, password)


def test_promise_checked_false_bars_the_resident():
    def body(s, t, state):
        log_in(t)
        open_service(t, ti.ZHANG, "张红旗", "0401")
        t.wait_for("0401", "Household size")
        t.type("3")
        t.keys("Tab")
        t.type("1200")
        t.keys("Tab")
        t.type("家庭困难")
        t.keys("Tab", "Space")
        for _ in range(5):              # the agent's four fields
            t.keys("Tab")
        # 居民身份证 and 户口簿 received, the income proof promised
        t.keys("Space", "Tab", "Space", "Tab")
        t.type("c")                     # the server is asked first
        t.wait_for("[C] " + INCOME, "written promise (告知承诺)",
                   timeout=20)
        t.keys("Tab", "Space", "Tab", "Space")
        t.keys("F9")
        screen = t.wait_for("Application taken.", "告知承诺",
                            "G prints the 告知承诺书")
        number = ti.NUMBER.search(screen).group(0)
        t.type("g")
        paper = wait_print(state, 1)
        assert paper.count("证明事项告知承诺书") == 2, paper
        assert "第一联申请人留存" in paper and "第二联窗口存档" in paper
        assert number in paper and INCOME in paper, paper
        assert "最低生活保障申请（0401）" in paper and "张红旗" in paper
        for words in ("事后核查", "信用记录", "撤销已作出的决定",
                      "365日内", "不再适用告知承诺制", "法律责任",
                      "申请人签字（承诺）", "日期："):
            assert words in paper, (words, paper)
        import sqlite3
        db = sqlite3.connect(s.db)
        (pid, matter, by, outcome) = db.execute(
            "SELECT p.id, p.matter, s.username, p.outcome FROM promises p "
            "JOIN applications a ON a.id = p.application_id JOIN staff s "
            "ON s.id = p.made_by WHERE a.number = ?", (number,)).fetchone()
        db.close()
        assert (matter, by, outcome) == (INCOME, "clerk01", None)
        t.keys("Enter")
        # the supervisor's later check finds it false
        switch_user(t, "super01", "demo-super")
        t.type("k")
        t.wait_for("Promises to check", "张红旗", INCOME, number)
        t.type("f")
        t.wait_for("FALSE (虚假): what the check found")
        t.type("隐瞒家庭经营收入")
        t.keys("Enter")
        t.wait_for("Recorded: the promise of 张红旗 was FALSE",
                   "Every promise has been checked.")
        db = sqlite3.connect(s.db)
        (since, until, reason) = db.execute(
            "SELECT since, until, reason FROM promise_bans WHERE "
            "promise_id = ?", (pid,)).fetchone()
        db.close()
        assert reason == "%s（%s）：隐瞒家庭经营收入" % (INCOME, number)
        # the clerk is refused 告知承诺 for her, the reason and the end
        # date on screen, before anything is printed
        switch_user(t, "clerk01", "demo-clerk")
        open_service(t, ti.ZHANG, "张红旗", "0401")
        t.wait_for("0401", "Household size")
        for _ in range(10):             # on to the income proof
            t.keys("Tab")
        t.type("c")
        t.wait_for("No 告知承诺 until " + until, timeout=20)
        flat = wait_flat(t, "No告知承诺forthisresidentuntil%s" % until)
        assert "foundfalseon%s" % since in flat, flat
        assert "Reason:%s" % "".join(reason.split()) in flat, flat
        assert "[ ] " + INCOME in t.screen(), t.screen()
        assert len(texts(state)) == 1, texts(state)
    with_client(body)



def test_application_value_corrected():
    def body(s, t, state):
        bm.S = s
        tok = bm.login("clerk01")
        r, a = bm.post("/api/v1/applications", {
            "service_id": 5, "resident_id": 1,
            "data": {"declaration": True, "phone": "13700001111"},
            "materials": [{"name": "居民身份证", "originals": 1,
                           "copies": 1},
                          {"name": "近期一寸免冠照片", "originals": 0,
                           "copies": 2}]}, tok)
        assert r.status == 201, a
        number = a["number"]
        # the clerk is told whose it is
        log_in(t)
        open_number(t, number)
        t.type("k")
        t.wait_for("Only the supervisor corrects an application")
        switch_user(t, "super01", "demo-super")
        open_number(t, number)
        t.type("k")
        t.wait_for("Correct which value?", "Phone: 137****1111")
        t.type("Phone")
        t.keys("Enter")
        t.wait_for("Phone: the corrected value")
        t.type("13900002222")
        t.keys("Enter")
        t.wait_for("Why is Phone corrected?")
        t.type("联系电话录入有误")
        t.keys("Enter")
        t.wait_for("Corrected: Phone. The old value is kept in the "
                   "timeline.")
        flat = wait_flat(t, "联系电话:137****1111->139****2222")
        assert "联系电话录入有误" in flat, flat
        assert "Corrected(更正)" in flat, flat
        import json
        import sqlite3
        db = sqlite3.connect(s.db)
        (data, version) = db.execute(
            "SELECT data, version FROM applications WHERE number = ?",
            (number,)).fetchone()
        (changes, full, who) = db.execute(
            "SELECT t.changes, t.changes_full, s.username FROM timeline t "
            "JOIN staff s ON s.id = t.staff_id JOIN applications a ON "
            "a.id = t.application_id WHERE a.number = ? AND t.action = "
            "'correct'", (number,)).fetchone()
        db.close()
        assert json.loads(data)["phone"] == "13900002222", data
        assert version == 2 and who == "super01", (version, who)
        assert json.loads(full)[0]["old"] == "13700001111", full
        assert json.loads(changes)[0]["new"] == "139****2222", changes
    with_client(body)



def test_certificate_issued_on_promise():
    def body(s, t, state):
        tc.log_in(t)
        tc.open_types(t)
        line = [l for l in t.screen().splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        t.wait_for("Living here since", "On the resident's writt")
        t.type("2019-06-01")
        t.keys("Tab")
        t.type("1")                     # 自有住房, then the purpose
        t.keys("Tab", "Space")          # the promise box
        t.keys("F9")
        t.wait_for("Issue 居住证明 for 张红旗 on the resident's written "
                   "promise (告知承诺)?", timeout=20)
        t.keys("Enter")
        t.wait_for("Verification code", "On a promise (告知承诺), not "
                   "checked yet: G prints the 告知承诺书.")
        [(serial, kind, matter)] = tc.rows(
            s.db, "SELECT x.serial, p.kind, p.matter FROM promises p JOIN "
            "certificates x ON x.id = p.certificate_id")
        assert (kind, matter) == ("certificate", "居住证明"), (kind, matter)
        t.type("g")
        paper = wait_print(state, 1)
        assert paper.count("证明事项告知承诺书") == 2, paper
        assert "证明编号：" + serial in paper, paper
        assert "申请出具居住证明" in paper and "不再入户走访" in paper, paper
        assert "申请人签字（承诺）" in paper, paper
    with_client(body)


if __name__ == "__main__":
    run([("an application withdrawn with the applicant's reason; the "
          "withdrawal note prints", test_withdraw_with_note),
         ("a certificate voided by the supervisor verifies as void on the "
          "public page and is not printed again",
          test_void_verifies_as_void),
         ("a clerk cannot void a certificate", test_voiding_is_the_supervisors),
         ("a corrected certificate is reissued under its serial marked 更正; "
          "the old paper verifies as superseded",
          test_corrected_certificate),
         ("an application taken 容缺 prints its notice in two copies and "
          "is not 办结 until the material is brought in",
          test_deferred_material_blocks_completion),
         ("the supervisor lists the applications whose 容缺 material is "
          "overdue", test_overdue_deferred_list),
         ("a proof replaced by a written promise prints its 告知承诺书; the "
          "supervisor's check finds it false and the clerk is then refused "
          "告知承诺 for the resident, the reason on screen",
          test_promise_checked_false_bars_the_resident),
         ("a value of an application corrected by the supervisor, the old "
          "value in its timeline", test_application_value_corrected),
         ("a certificate issued on the resident's promise prints its "
          "告知承诺书", test_certificate_issued_on_promise)])
