#!/usr/bin/env python3
"""End to end in tmux: the service catalog searched by pinyin initials,
by code and by category; an item's conditions, materials, time limit,
fee and department; and the intake started from it for the resident on
screen."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, log_in, run  # noqa

OLD_ID = "610202194007080046"   # 李光明, 86, 光明社区


def client(server, lang="C.UTF-8", cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1; sleep 60"
                % (BIN, server.url), cols, rows,
                env={"LANG": lang, "LC_ALL": "", "LANGUAGE": "",
                     "TERM": "screen"})


def test_search_and_read_an_item():
    s = Server()
    t = client(s)
    try:
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.keys("s")
        screen = t.wait_for("Search:", "services")
        assert "112 services" in screen, screen
        t.type("gljt")                    # 高龄津贴 by its initials
        screen = t.wait_for("1 services")
        assert "0501" in screen and "Old-age allowance" in screen, screen
        t.keys("C-u")
        t.type("10")                      # a code prefix
        screen = t.wait_for("1001")
        codes = [l.split()[0] for l in screen.splitlines()
                 if l[:5].strip().isdigit() and len(l.split()[0]) == 4]
        assert codes and all(c.startswith("10") for c in codes), screen
        t.keys("C-u", "Tab")              # the first category only
        # the title changes at once, the list when the category's page
        # has come: wait for the page, not only the title
        screen = t.wait_for("Category: Social insurance", " 0101 ")
        codes = [l.split()[0] for l in screen.splitlines()
                 if l[:5].strip().isdigit() and len(l.split()[0]) == 4]
        assert codes and all(c.startswith("01") for c in codes), screen
        t.keys("BTab")                    # back to all
        t.wait_for("all categories", "112 services")
        t.type("0501")
        t.wait_for("1 services")
        t.keys("Enter")
        screen = t.wait_for("Who may apply:", "Materials")
        for text in ("20 working days", "free", "Department:",
                     "申请人须年满80周岁", "居民身份证  1 / 1",
                     "社区受理/初审 > 街道审核"):
            assert text in screen, (text, screen)
    finally:
        t.kill()
        s.stop()


def test_apply_from_the_catalog_for_the_resident_on_screen():
    s = Server()
    t = client(s)
    try:
        log_in(t, "clerk02")             # 光明社区's clerk
        t.type(OLD_ID)
        t.keys("Enter")
        t.wait_for("李光明", "Change the record")
        t.keys("s")
        t.wait_for("Search:")
        t.type("gljt")
        t.wait_for("1 services")
        t.keys("Enter")
        t.wait_for("Who may apply:")
        t.keys("Enter")
        # the intake, filled from the record of the resident below
        t.wait_for("高龄津贴申请 - 李光明")
    finally:
        t.kill()
        s.stop()


def test_catalog_through_resizes_in_chinese():
    s = Server()
    t = client(s, lang="zh_CN.UTF-8")
    try:
        log_in(t, ready="窗口 1")
        t.keys("Escape")
        t.keys("s")
        t.type("gljt")
        screen = t.wait_for("0501")
        assert "高龄津贴" in screen, screen
        t.resize(40, 10)
        t.wait_for("50x12")
        t.resize(132, 43)
        screen = t.wait_for("0501", "gljt")   # the search kept
        t.keys("Enter")
        t.wait_for("申请人须年满80周岁", "20 个工作日")
    finally:
        t.kill()
        s.stop()


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
