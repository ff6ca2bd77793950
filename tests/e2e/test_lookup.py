#!/usr/bin/env python3
"""End to end in tmux: log in, scan an ID card, read the profile, quit."""
import os
import re
import signal
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, SkipTest, Tmux, locale_available, run  # noqa

FULL_ID = "610202198503150021"
MASKED_ID = "610***********0021"


def client(server, lang="C.UTF-8", extra="", cols=80, rows=24):
    """The client in a pane whose shell reports, after it exits, its exit
    code and the terminal modes it left behind."""
    cmd = ("%s/bianmin --api %s --counter 1 %s; echo EXIT=$?; "
           "echo MODES=$(stty -a | tr ' ;' '\\n\\n' | "
           "grep -E '^-?(icanon|echo)$'); sleep 60"
           % (BIN, server.url, extra))
    return Tmux(cmd, cols, rows, env={"LANG": lang, "LC_ALL": "",
                                      "LANGUAGE": "", "TERM": "screen"})


def log_in(t, password="demo-clerk"):
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")


def scan_and_quit(lang, extra, logged_in_text, profile_labels):
    s = Server()
    t = client(s, lang, extra)
    try:
        log_in(t)
        t.wait_for(logged_in_text)
        # the card reader types the number and Enter in one burst
        t.type(FULL_ID)
        t.keys("Enter")
        # a frame may be read half drawn, its key bar (which names the
        # household) before the members: wait for their 户主 as well
        screen = t.wait_for("张红旗", MASKED_ID, "户主", *profile_labels)
        assert FULL_ID not in screen, screen
        assert t.display("#{alternate_on}") == "1"
        t.keys("F10")
        t.wait_for("Y =", timeout=5)
        t.keys("y")
        screen = t.wait_for("EXIT=0", "MODES=")
        modes = re.search(r"MODES=(.*)", screen).group(1).split()
        assert "icanon" in modes and "echo" in modes, screen
        assert t.display("#{alternate_on}") == "0"
        assert t.display("#{cursor_flag}") == "1"
    finally:
        t.kill()
        s.stop()


def test_scan_in_english():
    scan_and_quit("C.UTF-8", "--lang en", "陈晓梅",
                  ["ID number", "Household"])


def test_scan_in_chinese():
    if not locale_available("zh_CN.UTF-8"):
        raise SkipTest("locale zh_CN.UTF-8 not generated (make deps)")
    scan_and_quit("zh_CN.UTF-8", "", "陈晓梅", ["身份证号", "家庭成员"])


def test_wrong_check_digit_is_caught_locally():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type("610202198503150022")
        t.keys("Enter")
        t.wait_for("check digit is wrong")
        # the server was never asked: its log has no resident search
        with open(s.log) as f:
            assert "/api/v1/residents" not in f.read()
    finally:
        t.kill()
        s.stop()


def test_a_resident_of_another_centre_stays_closed():
    """clerk01 (红旗社区) scans 李光明 of 光明社区: not found, as if not
    there, and not by name either."""
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type("610202194007080046")
        t.keys("Enter")
        screen = t.wait_for("Not a resident of your communities")
        assert "李光明" not in screen, screen
        t.keys("C-u")
        t.type("李光明")
        t.keys("Enter")
        screen = t.wait_for("No resident found")
        assert "光明社区" not in screen, screen
    finally:
        t.kill()
        s.stop()


def sgr_codes(t):
    """The SGR parameters the pane's cells carry."""
    raw = t.tmux("capture-pane", "-p", "-e", "-t", "t")
    codes = set()
    for m in re.finditer(r"\x1b\[([0-9;]*)m", raw):
        codes.update(m.group(1).split(";"))
    return codes


def monochrome(term, env):
    s = Server()
    # tmux sets a pane's TERM itself: the command sets it again
    cmd = "TERM=%s %s/bianmin --api %s --counter 1 --lang en; sleep 60" % (
        term, BIN, s.url)
    e = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    e.update(env)
    t = Tmux(cmd, 80, 24, env=e)
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.keys("Escape")
        t.wait_for("Main menu")
        codes = sgr_codes(t)
        colours = [c for c in codes if re.fullmatch(r"3[0-8]|4[0-8]|9[0-7]|"
                                                    r"10[0-7]", c)]
        assert not colours, codes
        # the choice and the bars still show, by reverse video
        assert "7" in codes, codes
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("张红旗", MASKED_ID)
    finally:
        t.kill()
        s.stop()


def test_monochrome_with_no_color():
    monochrome("screen", {"NO_COLOR": "1"})


def test_monochrome_on_vt100():
    monochrome("vt100", {})


def test_wrong_password():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t, password="wrong")
        t.wait_for("Wrong staff name or password")
        t.keys("F10")
        t.wait_for("Y =")
        t.keys("y")
        t.wait_for("EXIT=0")
    finally:
        t.kill()
        s.stop()


def test_resize_and_too_small():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("张红旗", MASKED_ID)
        t.resize(132, 43)
        screen = t.wait_for("张红旗")
        assert len(screen.splitlines()[0]) > 80 or "Online" in screen
        t.resize(40, 10)
        t.wait_for("Window too small")
        t.resize(80, 24)
        screen = t.wait_for("张红旗", MASKED_ID, "Household")
        assert "Window too small" not in screen
        # every line fits: nothing drawn past the right edge
        for line in screen.splitlines():
            assert len(line) <= 80, line
    finally:
        t.kill()
        s.stop()


def test_name_search_list_and_keys():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type("张红")
        t.keys("Enter")
        screen = t.wait_for("张红旗", "Page 1 of")
        assert FULL_ID not in screen
        # the list has the focus: Enter opens the selected resident
        t.keys("Enter")
        t.wait_for("Household", MASKED_ID)
        t.keys("Escape")
        t.wait_for("Page 1 of")
        # function keys still reach the shell from the list
        t.keys("F1")
        t.wait_for("Keys", "Choose a resident")
        t.keys("Escape")
        t.wait_gone("Choose a resident")
        t.keys("F10")
        t.wait_for("Y =")
        t.keys("y")
        t.wait_for("EXIT=0")
    finally:
        t.kill()
        s.stop()


def test_scan_anywhere():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type(FULL_ID)             # the reader, on the main menu
        t.keys("Enter")
        t.wait_for("张红旗", MASKED_ID, "Household")
        t.type("61020219671111005X")    # and again on a profile
        t.keys("Enter")
        screen = t.wait_for("王建国", "610***********005X", "Household")
        # a short number and Enter is no scan: the menu is left alone
        t.keys("Escape")
        t.keys("Escape")
        t.keys("Escape")
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("12")
        t.keys("Down")
        assert "Main menu" in t.screen()
        # X is an ID number's last character only: alone, it is the
        # menu's letter for quitting
        t.type("x")
        t.wait_for("Quit bianmin?")
        t.type("n")
        t.wait_gone("Quit bianmin?")
    finally:
        t.kill()
        s.stop()


def test_what_is_typed_while_a_scan_waits_is_kept():
    """The server stops answering as a card is scanned: what the clerk
    types while the lookup waits stays in the field when the client gives
    up on the server, rather than going with the scanned number."""
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("ID number / name / mobile")
        os.kill(s.proc.pid, signal.SIGSTOP)
        t.keys(*FULL_ID, "Enter")       # the reader, in one burst
        t.wait_for("Working")
        t.keys("C-u")
        t.type("王建国")
        t.wait_for("王建国")
        t.wait_for("did not answer in time", timeout=30)
        line = [l for l in t.screen().splitlines()
                if "ID number / name / mobile" in l][0]
        assert "王建国" in line, t.screen()
        os.kill(s.proc.pid, signal.SIGCONT)
        t.keys("Enter")                 # and the search goes on from it
        t.wait_for("王建国", "610***********005X")
    finally:
        os.kill(s.proc.pid, signal.SIGCONT)
        t.kill()
        s.stop()


def test_reveal_is_deliberate_and_recorded():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type(FULL_ID)
        t.keys("Enter")
        screen = t.wait_for("Household", MASKED_ID)
        assert FULL_ID not in screen
        t.type("v")
        t.wait_for("Why is the full ID number needed?")
        t.type("核对身份")
        t.keys("Enter")
        screen = t.wait_for(FULL_ID, "recorded")
        db = sqlite3.connect(s.db)
        rows = db.execute("SELECT detail FROM audit WHERE action = "
                          "'reveal'").fetchall()
        db.close()
        assert len(rows) == 1 and "核对身份" in rows[0][0], rows
        # it shows only while asked for: F5 reloads it masked
        t.keys("F5")
        t.wait_gone(FULL_ID)
        assert MASKED_ID in t.screen()
    finally:
        t.kill()
        s.stop()


def test_server_dies_mid_session():
    s = Server()
    t = client(s, extra="--lang en")
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        s.proc.kill()
        s.proc.wait()
        t.type(FULL_ID)
        t.keys("Enter")
        t.wait_for("Cannot reach the server", "OFFLINE")
        # typing still works while offline
        t.keys("C-u")
        t.type("张红")
        t.wait_for("张红")
    finally:
        t.kill()
        s.stop()


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
