#!/usr/bin/env python3
"""End to end in tmux: evaluation (好差评) at the counter with two
clients. The clerk marks a ticket done at counter 1; the evaluator
beside the counter (bianmin --evaluator --counter 1, 40x12, Chinese)
asks the resident, who presses 5 and a reason while the clerk's client
goes on working; the rating is recorded; the 非常不满意 reaches the
supervisor's follow-ups, closed there through call back, rectification
and closing; Today shows the satisfaction figure. And the evaluator in a
GB18030 terminal (under luit, as tests/e2e/test_locale.py runs it): the
same question and reasons, and a character whose GB18030 bytes hold the
digits 1 and 3 is no rating."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, SkipTest, Tmux, locale_available, run  # noqa
import bm  # noqa
from test_locale import terminfo  # noqa


def client(server, state, extra="", lang="en", cols=80, rows=24):
    loc = "zh_CN.UTF-8" if lang == "zh_CN" else "C.UTF-8"
    return Tmux("%s/bianmin --api %s --counter 1 --lang %s %s; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url, lang, extra), cols, rows,
                env={"LANG": loc, "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user, password, ready):
    t.wait_for(": 1")                     # the counter offered
    t.type(user)
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")
    t.wait_for(ready)


def satisfaction(tok):
    r, j = bm.jreq("GET", "/api/v1/stats/satisfaction", token=tok)
    assert r.status == 200, j
    return j


def test_rating_at_the_counter():
    if not locale_available("zh_CN.UTF-8"):
        lang = "en"
    else:
        lang = "zh_CN"
    s = Server()
    bm.S = s
    dirs = [tempfile.mkdtemp() for _ in range(3)]
    clerk = ev = sup = None
    try:
        tok = bm.login("super01", counter=None)
        r, k = bm.post("/api/v1/queue/tickets", {"category_id": 1}, tok)
        assert r.status == 201, k
        ev = client(s, dirs[0], "--evaluator", lang, 40, 12)
        clerk = client(s, dirs[1])
        log_in(ev, "clerk01", "demo-clerk",
               "1 号窗口" if lang == "zh_CN" else "Counter 1")
        log_in(clerk, "clerk01", "demo-clerk", "ID number / name / mobile")
        clerk.keys("Escape")
        clerk.wait_for("Main menu")
        # the evaluator has no menu: F-keys and letters do nothing
        ev.keys("F2", "F10", "Escape")
        ev.type("n")
        assert "Main menu" not in ev.screen() and "EXIT" not in ev.screen()
        clerk.type("n")
        clerk.wait_for("Queue - counter 1")
        clerk.keys("Enter")
        clerk.wait_for("Ticket %s called to this counter." % k["number"])
        clerk.type("d")
        clerk.wait_for("done")
        ask = "请 对 本 次 服 务 进 行 评 价" if lang == "zh_CN" else \
            "Please rate this service"
        screen = ev.wait_for(ask, timeout=10)
        if lang == "zh_CN":
            assert "非常满意" in screen and "非常不满意" in screen, screen
        # the clerk's screen never shows the rating
        assert ask not in clerk.screen() and "非常" not in clerk.screen()
        ev.type("5")
        ev.wait_for("服务态度不好" if lang == "zh_CN" else "1")
        # meanwhile the clerk goes on working
        clerk.keys("Escape")
        clerk.wait_for("Main menu")
        clerk.type("t")
        clerk.wait_for("Today")
        ev.type("1")
        ev.wait_for("感 谢 您 的 评 价" if lang == "zh_CN" else
                    "Thank you for your evaluation")
        # recorded: one bad rating at counter 1, and its follow-up
        j = satisfaction(tok)
        assert j["total"]["rated"] == 1 and j["total"]["bad"] == 1, j
        assert j["per_counter"][0]["key"] == "1", j
        assert j["followups"]["open"] == 1, j
        r, f = bm.jreq("GET", "/api/v1/followups", token=tok)
        assert f["items"][0]["rating"]["level"] == "very_dissatisfied", f
        assert f["items"][0]["rating"]["reasons"] == ["attitude"], f
        assert f["items"][0]["rating"]["channel"] == "counter", f
        ev.wait_gone("感 谢" if lang == "zh_CN" else "Thank you", timeout=8)
        # the clerk's client still answers
        clerk.keys("Escape")
        clerk.wait_for("Main menu")
        # the supervisor closes the follow-up on the screen
        sup = client(s, dirs[2])
        log_in(sup, "super01", "demo-super", "ID number / name / mobile")
        sup.keys("Escape")
        sup.wait_for("Main menu")
        sup.type("f")
        sup.wait_for("Follow-ups of bad ratings: not closed",
                     "Very dissatisfied", "To call back")
        sup.keys("Enter")
        sup.wait_for("Follow-up ")
        sup.type("c")
        sup.wait_for("Call-back notes")
        sup.type("已电话回访，居民反映态度问题")
        sup.keys("Enter")
        sup.wait_for("Called back.")
        sup.type("r")
        sup.wait_for("Rectification done")
        sup.type("已批评教育并整改")
        sup.keys("Enter")
        sup.wait_for("Rectified.")
        sup.type("e")
        sup.wait_for("The resident's answer")
        sup.keys("Enter")                 # 满意, the first
        sup.wait_for("Closed.")
        r, f = bm.jreq("GET", "/api/v1/followups?status=all", token=tok)
        assert [x["status"] for x in f["items"]] == ["closed"], f
        assert f["items"][0]["closing"]["answer"] == "satisfied", f
        sup.keys("Escape")
        sup.wait_for("No follow-ups.")
        sup.keys("Escape")
        sup.wait_for("Main menu")
        sup.type("t")
        sup.wait_for("Satisfaction 0.0% of 1 rated, 1 bad",
                     "Follow-ups open 0", "Counter 1 0.0%")
        # Ctrl-Q twice quits the evaluator
        ev.keys("C-q", "C-q")
        ev.wait_for("EXIT=0")
    finally:
        for t in (ev, clerk, sup):
            if t is not None:
                t.kill()
        s.stop()
        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)


def ticket_done():
    """A ticket called to counter 1 and served, by clerk01: the
    evaluator at counter 1 asks."""
    tok = bm.login("clerk01", counter="1")
    r, k = bm.post("/api/v1/queue/tickets", {"category_id": 1}, tok)
    assert r.status == 201, k
    r, called = bm.post("/api/v1/queue/call-next", {"counter": "1"}, tok)
    assert r.status == 200, called
    r, d = bm.post("/api/v1/queue/tickets/%d/done" % called["id"], None,
                   tok)
    assert r.status == 200, d


def test_evaluator_in_gb18030():
    if not locale_available("zh_CN.GB18030"):
        raise SkipTest("locale zh_CN.GB18030 not generated (make deps)")
    if shutil.which("luit") is None:
        raise SkipTest("luit not installed (make deps)")
    s = Server()
    bm.S = s
    ev = Tmux("luit -encoding GB18030 -- env TERM=bianmin-noacs "
              "LANG=zh_CN.GB18030 LC_ALL= LANGUAGE= %s/bianmin --api %s "
              "--counter 1 --evaluator; echo EXIT=$?; sleep 60"
              % (BIN, s.url), 40, 12,
              env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                   "TERMINFO": terminfo()})
    try:
        log_in(ev, "clerk01", "demo-clerk", "1 号窗口")
        ticket_done()
        screen = ev.wait_for("请 对 本 次 服 务 进 行 评 价", "非常不满意",
                             "请按数字键 1-5", timeout=10)
        # the levels in a column, each name two columns after its key
        rows = [l for l in screen.splitlines() if l.strip()[:1] in "12345"
                and "满意" in l]
        assert len(rows) == 5, screen
        assert len({l.index(l.strip()[0]) for l in rows}) == 1, screen
        ev.type("5")
        screen = ev.wait_for("服务态度不好", "其他")
        # 㦕 is 82 31 81 31 in GB18030: its bytes are no key 1
        ev.type("㦕")
        time.sleep(1.5)
        assert "服务态度不好" in ev.screen(), ev.screen()
        db = bm.connect()
        assert db.execute("SELECT count(*) FROM ratings").fetchone()[0] == 0
        db.close()
        ev.type("2")
        ev.wait_for("感 谢 您 的 评 价")
        db = bm.connect()
        rows = db.execute("SELECT level, reasons, channel FROM "
                          "ratings").fetchall()
        db.close()
        assert [tuple(x) for x in rows] == [
            ("very_dissatisfied", '["slow"]', "counter")], rows
        ev.keys("C-q", "C-q")
        ev.wait_for("EXIT=0")
    finally:
        ev.kill()
        s.stop()


if __name__ == "__main__":
    run([("test_rating_at_the_counter", test_rating_at_the_counter),
         ("test_evaluator_in_gb18030", test_evaluator_in_gb18030)])
