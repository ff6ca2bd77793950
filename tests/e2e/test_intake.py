#!/usr/bin/env python3
"""End to end in tmux: take an application at the counter and print its
receipt; a condition the resident fails is said before anything is
typed; with the server gone the submission waits in the outbox, a
provisional receipt prints, and it is sent once when the server is back."""
import glob
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, run  # noqa
from flows import LI, fill_0501, log_in  # noqa
ZHANG = "610202198503150021"    # 张红旗, 41, 红旗社区 (clerk01's)
NUMBER = re.compile(r"\d{9}-\d{8}-\d{4}")


def client(server, state):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state, "TERM": "screen"})


def open_0501(t, id_number, name):
    t.type(id_number)
    t.keys("Enter")
    t.wait_for(name, "Household")
    t.keys("F3")
    t.wait_for("Transaction code")
    t.type("0501")
    t.keys("Enter")


def prints(state):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         "*.txt")))


def applications(db):
    c = sqlite3.connect(db)
    rows = c.execute("SELECT number, client_request_id FROM "
                     "applications WHERE resident_id = (SELECT id FROM "
                     "residents WHERE id_number = ?)", (LI,)).fetchall()
    c.close()
    return rows


def test_intake_and_receipt():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "clerk02")
        open_0501(t, LI, "李光明")
        fill_0501(t)
        t.keys("F9")
        screen = t.wait_for("Application taken.", "Promised by")
        number = NUMBER.search(screen).group(0)
        rows = applications(s.db)
        assert [r[0] for r in rows] == [number], rows
        t.type("p")
        t.wait_for("Printed to the file")
        files = prints(state)
        assert len(files) == 1, files
        text = open(files[0], encoding="utf-8").read()
        assert "受理回执" in text and number in text and "李光明" in text
        assert LI not in text and "610***********0046" in text
        # the QR opens the progress-and-rating page by its token, never
        # the bare number (docs/api.md 19)
        qr = re.search(r"\[QR\] (\S+)", text).group(1)
        assert re.fullmatch(r"%s/p/[0-9a-f]{32}" % re.escape(s.url), qr), qr
        with urllib.request.urlopen(qr) as page:
            html = page.read().decode()
        assert number in html and "李*明" in html and "李光明" not in html
        # a second copy is asked for and marked
        t.type("p")
        t.wait_for("Print again, marked as a reprint?")
        t.type("y")
        deadline = time.time() + 10
        while len(prints(state)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        assert len(prints(state)) == 2, prints(state)
        text = open([f for f in prints(state) if "-r1" in f][0],
                    encoding="utf-8").read()
        assert "补打" in text, text
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_enter_goes_to_what_is_still_wanted():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "clerk02")
        open_0501(t, LI, "李光明")
        t.wait_for("0501", "[record]")
        t.type("6214830912345678")
        t.keys("C-r")
        screen = t.wait_for("Every required material is ticked")
        assert "[x] 居民身份证" in screen, screen
        # Enter skips the agent's optional fields and the ticked
        # materials: the Space lands on the declaration
        t.keys("Enter", "Space")
        screen = t.wait_for("I declare the informati...:* [x]")
        assert "[x] 户口簿" in screen, screen
        assert "[ ] 代办人身份证" in screen, screen     # not required
        t.keys("Enter")
        t.wait_for("Everything is filled in")
        t.keys("F9")
        t.wait_for("Application taken.")
        assert len(applications(s.db)) == 1
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_condition_said_before_typing():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "clerk01")
        open_0501(t, ZHANG, "张红旗")
        screen = t.wait_for("cannot apply for", "80")
        assert "[record]" not in screen     # no form was opened
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_offline_outbox_then_replay():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "clerk02")
        open_0501(t, LI, "李光明")
        fill_0501(t)
        s.proc.kill()                       # the link drops
        s.proc.wait()
        t.keys("F9")
        t.wait_for("Saved in the outbox", "Outbox 1", timeout=30)
        t.type("p")
        t.wait_for("Printed to the file")
        text = open(prints(state)[0], encoding="utf-8").read()
        assert "待同步" in text, text
        assert applications(s.db) == []
        # the server comes back on the same address
        s.proc = subprocess.Popen(
            [os.path.join(BIN, "bianmind"), "--db", s.db, "--listen",
             "127.0.0.1:%d" % s.port, "--log", s.log],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        screen = t.wait_for("Application taken.", timeout=90)
        number = NUMBER.search(screen).group(0)
        rows = applications(s.db)
        assert [r[0] for r in rows] == [number], rows
        assert "Outbox" not in t.screen().splitlines()[0]
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_form_opens_offline_from_the_kept_catalog():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "clerk02")
        open_0501(t, LI, "李光明")
        t.wait_for("0501", "[record]")       # read once, and kept
        t.keys("Escape")
        t.wait_gone("[record]")
        s.proc.kill()                       # then the link drops
        s.proc.wait()
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0501")
        t.keys("Enter")
        t.wait_for("0501", "[record]", "Offline: this form is the one kept",
                   timeout=30)
        fill_0501(t)
        t.keys("F9")
        t.wait_for("Saved in the outbox", timeout=30)
        # a code never read before cannot be guessed
        t.keys("Escape")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0502")
        t.keys("Enter")
        screen = t.wait_gone("Transaction code", timeout=30)
        assert "0502" not in screen.splitlines()[1], screen
        s.proc = subprocess.Popen(
            [os.path.join(BIN, "bianmind"), "--db", s.db, "--listen",
             "127.0.0.1:%d" % s.port, "--log", s.log],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 90
        while not applications(s.db) and time.time() < deadline:
            time.sleep(0.5)
        assert len(applications(s.db)) == 1, applications(s.db)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
