#!/usr/bin/env python3
"""End to end in tmux: the self-service terminal (bianmin --kiosk) at
80x24 in Chinese, as a resident uses it. Without a card, the 办事指南 of
a service browsed and printed (the print checked as text, the screen
saying only that it printed); with the ID card's number and the 取件码,
only the resident's own applications, a certificate the clerk released
printed once and the second print refused for the counter; the idle
reset leaving nothing of the visit on the screen and the visit ended on
the server; five wrong codes, then the wait. And the guides in a
GB18030 terminal. And a clerk's code whose answer was lost: its retry
shows no code, a fresh one does."""
import glob
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, SkipTest, Tmux, full_numbers  # noqa
from harness import locale_available, run  # noqa
import bm  # noqa
import chaos  # noqa
from flows import LI, li_0501  # noqa
from test_consent import profile  # noqa
from test_locale import terminfo  # noqa
from test_server_kiosk import identify, issue_certificate, kiosk  # noqa
from test_server_kiosk import resident_with_code  # noqa

IDLE = 4        # seconds: the reset, set short through config.ini


def setup_state():
    """A state and config folder with the kiosk's account: its password
    in a file of mode 0600."""
    state = tempfile.mkdtemp()
    conf = os.path.join(state, "config", "bianmin")
    os.makedirs(conf)
    secret = os.path.join(conf, "kiosk.pass")
    with open(os.open(secret, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write("demo-kiosk\n")
    with open(os.path.join(conf, "config.ini"), "w") as f:
        f.write("[kiosk]\nuser = kiosk01\npassword_file = %s\n"
                "idle_seconds = %d\n" % (secret, IDLE))
    return state


def kiosk_env(state, lang):
    return {"LANG": lang, "LC_ALL": "", "LANGUAGE": "",
            "XDG_STATE_HOME": state,
            "XDG_CONFIG_HOME": os.path.join(state, "config"),
            "TERM": "screen"}


def prints(state, pattern):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         pattern)))


def wait_files(state, pattern, n, timeout=10):
    deadline = time.time() + timeout
    while len(prints(state, pattern)) < n:
        assert time.time() < deadline, (pattern, n, os.listdir(
            os.path.join(state, "bianmin", "prints")))
        time.sleep(0.05)
    return prints(state, pattern)


def one(db, sql, *args):
    """The first row of sql in the server's database (db: its name)."""
    c = bm.connect()
    row = c.execute(sql, args).fetchone()
    c.close()
    return row


def guide_one(s):
    r, j = bm.jreq("POST", "/api/v1/kiosk/sessions",
                   {"username": "kiosk01", "password": "demo-kiosk"})
    assert r.status == 201, j
    r, g = bm.jreq("GET", "/api/v1/kiosk/guides", token=j["token"])
    first = g["items"][0]
    r, d = bm.jreq("GET", "/api/v1/kiosk/guides/%d" % first["id"],
                   token=j["token"])
    return d


def test_kiosk_at_80x24():
    if not locale_available("zh_CN.UTF-8"):
        raise SkipTest("locale zh_CN.UTF-8 not generated (make deps)")
    s = Server()
    bm.S = s
    state = setup_state()
    t = None
    try:
        tok = bm.login()
        a, idn = resident_with_code(tok)
        b, idn2 = resident_with_code(tok)
        cert = issue_certificate(tok, a["resident"]["id"])
        r, rel = bm.post("/api/v1/certificates/%d/kiosk-release" %
                         cert["id"], None, tok)
        assert r.status == 200, rel
        name = one(s.db, "SELECT name FROM residents WHERE id = ?",
                   a["resident"]["id"])[0]
        g = guide_one(s)
        t = Tmux("%s/bianmin --kiosk --api %s; echo EXIT=$?; sleep 60"
                 % (BIN, s.url), 80, 24, env=kiosk_env(state, "zh_CN.UTF-8"))
        t.wait_for("请刷身份证，或按 + 查看办事指南", "1. 将身份证")
        # the keypad stays numeric: in application mode the Linux
        # console sends ESC O S (F4) for its - and ESC O l for its +
        assert t.display("#{keypad_flag}#{keypad_cursor_flag}") == "00"
        # letters, F-keys and Ctrl-C lead nowhere
        t.keys("F10", "C-c", "q")
        t.type("a")
        assert "EXIT" not in t.screen(), t.screen()

        # the 办事指南 without a card, printed
        t.type("+")
        t.wait_for("序号：", g["name"])
        t.type("1")
        t.keys("Enter")
        t.wait_for("按 Enter 打印这份指南", "办理条件：", "申请材料：")
        t.keys("Enter")
        screen = t.wait_for("已打印。")
        assert "prints" not in screen and state not in screen, screen
        text = open(wait_files(state, "*.txt", 1)[0],
                    encoding="utf-8").read()
        flat = "".join(text.split())
        assert "办事指南" in flat and g["name"] in flat, text
        assert "所需材料" in flat and "办理时限" in flat, text
        assert "".join(g["materials"][0]["name"].split()) in flat, text
        t.keys("Escape", "Escape")
        t.wait_for("1. 将身份证")

        # the card (a keyboard wedge types it) and the 取件码
        t.type(idn)
        t.keys("Enter")
        t.wait_for("请输入回执上的 6 位取件码")
        assert idn not in t.screen(), t.screen()
        t.type(a["pickup_code"])
        t.keys("Enter")
        t.wait_for("您好，", "1  打印我的证明")
        # own applications only
        t.type("2")
        screen = t.wait_for(a["number"])
        assert b["number"] not in screen, screen
        assert full_numbers(screen) == [], screen
        t.keys("Escape")
        t.wait_for("1  打印我的证明")
        # the released certificate, once
        t.type("1")
        t.wait_for(cert["serial"], "打印机已就绪。")
        t.type("1")
        t.wait_for("已打印。")
        wait_files(state, "kiosk-cert-*", 1)
        assert one(s.db, "SELECT count(*) FROM audit WHERE action = "
                   "'kiosk_print'")[0] == 1
        t.type("1")
        t.wait_for("这份证明已在本机打印过：补打请到窗口办理。")
        time.sleep(0.3)
        assert len(prints(state, "kiosk-cert-*")) == 1

        # the idle reset: nothing of the visit left, the visit ended
        screen = t.wait_for("1. 将身份证", timeout=IDLE + 5)
        for secret in (name, idn, a["pickup_code"], a["number"],
                       cert["serial"], "您好"):
            assert secret not in screen, (secret, screen)
        assert "*" not in screen, screen
        deadline = time.time() + 5
        while one(s.db, "SELECT count(*) FROM kiosk_visits")[0] != 0:
            assert time.time() < deadline, "the visit was not ended"
            time.sleep(0.05)

        # five wrong codes, then the wait
        wrong = "%06d" % ((int(b["pickup_code"]) + 1) % 1000000)
        t.type(idn2)
        t.keys("Enter")
        t.wait_for("请输入回执上的 6 位取件码")
        for left in (4, 3, 2, 1, 0):
            t.type(wrong)
            t.keys("Enter")
            t.wait_for("还可以再试 %d 次" % left)
        t.type(b["pickup_code"])
        t.keys("Enter")
        screen = t.wait_for("取件码错误次数过多：请 15 分钟后再试")
        assert "您好" not in screen, screen
        t.kill()
        t = None
    finally:
        if t is not None:
            t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_guides_in_gb18030():
    if not locale_available("zh_CN.GB18030"):
        raise SkipTest("locale zh_CN.GB18030 not generated (make deps)")
    if shutil.which("luit") is None:
        raise SkipTest("luit not installed (make deps)")
    s = Server()
    bm.S = s
    state = setup_state()
    env = kiosk_env(state, "C.UTF-8")
    env.update({"TERMINFO": terminfo(), "TERM": "screen"})
    g = guide_one(s)        # before the kiosk logs in: a login ends
    t = Tmux("luit -encoding GB18030 -- env TERM=bianmin-noacs "
             "LANG=zh_CN.GB18030 LC_ALL= LANGUAGE= %s/bianmin --kiosk "
             "--api %s; echo EXIT=$?; sleep 60" % (BIN, s.url), 80, 24,
             env=env)
    try:
        t.wait_for("请刷身份证，或按 + 查看办事指南", "1. 将身份证")
        t.type("+")
        t.wait_for("序号：", g["name"])
        t.type("1")
        t.keys("Enter")
        t.wait_for("办理条件：", "申请材料：", g["materials"][0]["name"])
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


ZHANG = "610202198503150021"    # 张红旗, 红旗社区 (clerk01's)


def test_clerk_gives_a_code_and_releases():
    """C on the profile prints a fresh 取件码 on a slip; S on the
    certificate releases it to the kiosk; the kiosk takes both."""
    s = Server()
    bm.S = s
    state = setup_state()
    t = Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
             "sleep 60" % (BIN, s.url), 80, 24,
             env=kiosk_env(state, "C.UTF-8"))
    try:
        tok = bm.login()
        rid = bm.find(tok, ZHANG)
        cert = issue_certificate(tok, rid)
        profile(t)
        t.type("k")
        t.wait_for("Printed to the file pickup-")
        slip = open(wait_files(state, "pickup-*.txt", 1)[0],
                    encoding="utf-8").read()
        assert "取件码" in slip and "张红旗" in slip and ZHANG not in slip
        code = [w for w in slip.split() if len(w) == 6 and w.isdigit()]
        assert len(code) == 1, slip
        assert code[0] not in t.screen(), t.screen()
        t.keys("Escape")
        t.wait_for("Page 1 of 1")
        t.keys("Escape")
        t.wait_for("Main menu")
        t.keys("F7")
        t.wait_for("Certificates", "Scan the ID card")
        t.type(ZHANG)
        t.keys("Enter")
        t.wait_for("For 张红旗")
        t.type("l")
        t.wait_for("Which certificate?", cert["serial"])
        t.keys("Enter")
        t.wait_for("Issued before: %s" % cert["serial"])
        t.type("s")
        t.wait_for("Released: the resident may print %s once" %
                   cert["serial"])
        assert one(s.db, "SELECT count(*) FROM audit WHERE action = "
                   "'kiosk_release' AND object = ?",
                   "certificate/%d" % cert["id"])[0] == 1
        # the kiosk takes the code and has the certificate to print
        k = kiosk()
        r, v = identify(k, ZHANG, code[0])
        assert r.status == 201, v
        r, j = bm.jreq("GET", "/api/v1/kiosk/visit/certificates",
                       token=k, headers={"Kiosk-Visit": v["visit"]})
        assert [i["id"] for i in j["items"]] == [cert["id"]], j
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def pickup_codes(rid, want=None, timeout=10):
    """The resident's pickup codes at the server, once there are want."""
    deadline = time.time() + timeout
    while True:
        n = one(None, "SELECT count(*) FROM pickup_codes WHERE "
                "resident_id = ?", rid)[0]
        if want is None or n == want or time.time() > deadline:
            return n
        time.sleep(0.05)


def through_proxy(body):
    """body(t, state, proxy) with a clerk's client in tmux whose server
    sits behind the chaos proxy."""
    s = Server()
    bm.S = s
    proxy = chaos.Proxy(s.port)
    state = setup_state()
    t = Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
             "sleep 60" % (BIN, proxy.url), 80, 24,
             env=kiosk_env(state, "C.UTF-8"))
    try:
        body(t, state, proxy)
    finally:
        t.kill()
        proxy.stop()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_a_lost_code_is_not_shown_again():
    """K, the answer lost after the server made the code: K again is
    its retry, answered without the code (docs/api.md 1.8), which the
    screen says; a third K prints a fresh code that the kiosk takes."""
    def body(t, state, proxy):
        rid = bm.find(bm.login(), ZHANG)
        before = pickup_codes(rid)
        profile(t)
        proxy.set("reset_after_request /api/v1/residents/%d/pickup-codes"
                  % rid)
        t.type("k")
        assert pickup_codes(rid, before + 1) == before + 1
        t.wait_for("Cannot reach the server.")
        proxy.set("pass")
        t.type("k")
        t.wait_for("The answer with the code was lost: press K again for "
                   "a fresh code.")
        assert pickup_codes(rid) == before + 1
        assert prints(state, "pickup-*.txt") == []
        t.type("k")
        t.wait_for("Printed to the file pickup-")
        slip = open(wait_files(state, "pickup-*.txt", 1)[0],
                    encoding="utf-8").read()
        code = [w for w in slip.split() if len(w) == 6 and w.isdigit()]
        assert len(code) == 1 and pickup_codes(rid) == before + 2, slip
        r, v = identify(kiosk(), ZHANG, code[0])
        assert r.status == 201, v
    through_proxy(body)


def applications_of(rid):
    return one(None, "SELECT count(*) FROM applications WHERE "
               "resident_id = ?", rid)[0]


def lost_answer(t, proxy):
    """clerk02 takes 李光明's 0501 and its answer is lost after the
    server took it; 李光明's id once the server has the application."""
    rid = bm.find(bm.login("clerk02"), LI)
    before = applications_of(rid)
    li_0501(t)
    proxy.set("reset_after_request /api/v1/applications")
    t.keys("F9")
    deadline = time.time() + 10
    while applications_of(rid) == before:
        assert time.time() < deadline, t.screen()
        time.sleep(0.05)
    return rid, before


def test_a_lost_answer_says_the_code_is_lost():
    """F9, the answer lost after the server took the application: the
    outbox sends it again and gets the replay, without the code. The
    result says so in a line of its own and the receipt tells the
    resident to ask; the application is there once."""
    def body(t, state, proxy):
        rid, before = lost_answer(t, proxy)
        proxy.set("pass")
        screen = t.wait_for("Application taken.", "Pickup code lost with "
                            "the answer: K on the profile prints a fresh "
                            "one.", timeout=60)
        assert applications_of(rid) == before + 1, screen
        t.type("p")
        receipt = open(wait_files(state, "receipt-*.txt", 1)[0],
                       encoding="utf-8").read()
        assert "请向工作人员另取" in receipt, receipt
    through_proxy(body)


def test_a_lost_answer_sent_later_says_so():
    """The same, the clerk gone back to the profile before the outbox
    sends it: the message line says the code was lost."""
    def body(t, state, proxy):
        rid, before = lost_answer(t, proxy)
        t.wait_for("Saved in the outbox")
        t.keys("Escape")
        t.wait_for("李光明", "Household")
        proxy.set("pass")
        screen = t.wait_for("Application taken for 李光明; pickup code "
                            "lost: K on the profile prints one.",
                            timeout=60)
        assert applications_of(rid) == before + 1, screen
    through_proxy(body)

if __name__ == "__main__":
    run([("test_kiosk_at_80x24", test_kiosk_at_80x24),
         ("test_guides_in_gb18030", test_guides_in_gb18030),
         ("test_clerk_gives_a_code_and_releases",
          test_clerk_gives_a_code_and_releases),
         ("test_a_lost_code_is_not_shown_again",
          test_a_lost_code_is_not_shown_again),
         ("test_a_lost_answer_says_the_code_is_lost",
          test_a_lost_answer_says_the_code_is_lost),
         ("test_a_lost_answer_sent_later_says_so",
          test_a_lost_answer_sent_later_says_so)])
