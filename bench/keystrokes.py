#!/usr/bin/env python3
"""Keystrokes a clerk needs for the counter's everyday tasks, beyond the
characters of the data itself, driven through tmux against a seeded
bianmind. Each task is checked to have done its work on the server, so a
count can only be reported for a task that really finished.

Counting: every key sent by name (F3, Enter, Tab, Space, Ctrl-R ...) and
every letter typed as a command is one keystroke; data (an ID number the
card reader types, a transaction code, an account number) is counted
apart, as characters. docs/keystrokes.md has the steps; --check fails
when a task needs more keystrokes than its target."""
import argparse
import os
import sqlite3
import sys
import tempfile
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
from harness import BIN, Server, Tmux  # noqa

LI = "610202194007080046"          # 李光明, 86, 光明社区 (clerk02's)


class Counted:
    """A Tmux that counts what it sends."""

    def __init__(self, t):
        self.t = t
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


def session(server, state, user):
    t = Tmux("%s/bianmin --api %s --counter 1; sleep 60"
             % (BIN, server.url), 80, 24,
             env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                  "TERM": "screen", "XDG_STATE_HOME": state,
                  "XDG_CONFIG_HOME": state})
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type("demo-" + user.rstrip("0123456789"))
    t.keys("Enter", "Enter")
    t.wait_for("Counter 1")
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


TASKS = [
    # name, user, target keystrokes, function
    ("高龄津贴 (0501) for a scanned resident", "clerk02", 8,
     task_allowance),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    failed = 0
    print("| task | keystrokes | target | data characters | steps |")
    print("|---|---|---|---|---|")
    for name, user, target, fn in TASKS:
        s = Server()
        state = tempfile.mkdtemp(prefix="bianmin-keys-")
        t = session(s, state, user)
        c = Counted(t)
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
