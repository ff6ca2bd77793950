#!/usr/bin/env python3
"""End to end in tmux: the queue at counter 1. Call next shows the
ticket large and the server marks it called to this counter; recall,
skip, transfer (to a counter and to a category), done and a ticket
issued and printed each change the server's row; the waiting count in
the status bar follows the queue, by itself within its 30-second poll;
a grid member is told the queue is not theirs."""
import glob
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run  # noqa
import bm  # noqa

# tui/bigtext.c's font, for the letters and digits these tests use
FONT = {
    "0": (" ### ", "#  ##", "# # #", "##  #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "  ## ", " #   ", "#####"),
    "A": (" ### ", "#   #", "#####", "#   #", "#   #"),
    "C": (" ####", "#    ", "#    ", "#    ", " ####"),
    "E": ("#####", "#    ", "#### ", "#    ", "#####"),
}


def big(number, scale=1):
    """The rows tui/bigtext.c draws for number: each dot 2 * scale
    columns wide and scale rows high, one dot between letters."""
    rows = []
    for r in range(5):
        line = ("  " * scale).join(
            "".join(("##" if ch == "#" else "  ") * scale
                    for ch in FONT[c][r]) for c in number)
        rows += [line] * scale
    return rows


def shows_big(screen, number, scale=1):
    """The big rows stand one under the other, from the same column."""
    want = big(number, scale)
    width = max(len(l) for l in screen.splitlines()) + len(want[0])
    lines = [l.ljust(width) for l in screen.splitlines()]
    for i in range(len(lines) - len(want) + 1):
        for col in range(width - len(want[0])):
            if all(lines[i + k][col:col + len(w)] == w
                   for k, w in enumerate(want)):
                return True
    return False


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user="clerk01", password="demo-clerk"):
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def issue(server, *categories):
    """Tickets issued at the entrance, by the supervisor's session."""
    bm.S = server
    tok = bm.login("super01", counter=None)
    out = []
    for c in categories:
        r, j = bm.post("/api/v1/queue/tickets", {"category_id": c}, tok)
        assert r.status == 201, j
        out.append(j["number"])
    return out


def ticket(db, number):
    c = sqlite3.connect(db)
    row = c.execute("SELECT t.status, t.counter, s.username, t.recalls, "
                    "c.code FROM tickets t LEFT JOIN staff s ON "
                    "s.id = t.called_by JOIN service_categories c ON "
                    "c.id = t.category_id WHERE t.number = ?",
                    (number,)).fetchone()
    c.close()
    return row


def wait_row(db, number, want, timeout=10):
    deadline = time.time() + timeout
    while True:
        row = ticket(db, number)
        if all(row[i] == v for i, v in want.items()):
            return row
        if time.time() > deadline:
            raise AssertionError("%s is %r, not %r" % (number, row, want))
        time.sleep(0.05)


def status_line(t):
    return t.screen().splitlines()[0]


def with_queue(body, cols=80, rows=24):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, cols, rows)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_call_next_shows_the_ticket_large():
    def body(s, t, state):
        assert issue(s, 5, 1) == ["E001", "A001"]
        log_in(t)
        t.wait_for("Waiting 2")
        t.keys("C-n")                    # the global key, from the menu
        # the category's English name comes with the category list, which
        # may answer after the call itself
        screen = t.wait_for("Ticket E001 called to this counter.",
                            "Elderly care, called to counter 1")
        assert shows_big(screen, "E001"), screen
        wait_row(s.db, "E001", {0: "called", 1: "1", 2: "clerk01"})
        assert ticket(s.db, "A001")[0] == "waiting"
        t.wait_for("Waiting 1")
        assert "A001" in t.screen()      # still in the list
    with_queue(body)


def test_call_next_twice_as_large_at_132x43():
    def body(s, t, state):
        issue(s, 1)
        log_in(t)
        t.type("n")
        t.wait_for("Queue - counter 1")
        t.keys("Enter")
        screen = t.wait_for("Ticket A001 called to this counter.")
        assert shows_big(screen, "A001", 2), screen
        wait_row(s.db, "A001", {0: "called", 1: "1"})
    with_queue(body, 132, 43)


def test_call_next_while_the_list_loads():
    """The clerk opens the queue and calls at once, before its list has
    come: the call goes, not a "wait for the answer"."""
    def body(s, t, state):
        issue(s, 1)
        log_in(t)
        t.keys("n", "Enter")              # one burst: the list is on its way
        t.wait_for("Ticket A001 called to this counter.")
        wait_row(s.db, "A001", {0: "called", 1: "1"})
        t.wait_for("Nobody is waiting.")     # and the list read again
    with_queue(body)


def test_recall_skip_transfer_done():
    def body(s, t, state):
        issue(s, 5, 1, 3)
        log_in(t)
        t.type("n")
        t.wait_for("Queue - counter 1", "C001")
        t.type("n")
        t.wait_for("Ticket E001 called to this counter.")
        t.type("r")
        t.wait_for("Ticket E001 called again.")
        wait_row(s.db, "E001", {0: "called", 3: 1})
        t.type("s")
        t.wait_for("Ticket E001 marked as not present (skipped).")
        wait_row(s.db, "E001", {0: "skipped"})
        # the resident came back: choose the skipped ticket, recall it
        t.keys("Down")
        t.type("r")
        t.wait_for("Ticket E001 called again.")
        wait_row(s.db, "E001", {0: "called", 1: "1", 3: 2})
        t.type("d")
        t.wait_for("Ticket E001 done.")
        wait_row(s.db, "E001", {0: "done"})
        # the next one goes to counter 3
        t.type("n")
        t.wait_for("Ticket A001 called to this counter.")
        t.type("t")
        t.wait_for("Transfer the ticket to", "Another counter...")
        t.keys("Enter")
        t.wait_for("Transfer to which counter?")
        t.type("3")
        t.keys("Enter")
        t.wait_for("Ticket A001 transferred; it waits again.")
        wait_row(s.db, "A001", {0: "waiting", 1: "3"})
        # and C001, chosen in the list, to another category
        screen = t.screen()
        order = [l.split()[0] for l in screen.splitlines()
                 if l[:2] in (" A", " C")]
        t.keys(*["Down"] * (order.index("C001") + 1))
        t.type("t")
        t.wait_for("Transfer the ticket to")
        t.type("Social assistance")
        t.keys("Enter")
        t.wait_for("Ticket C001 transferred; it waits again.")
        wait_row(s.db, "C001", {0: "waiting", 4: "04"})
    with_queue(body)


def test_issue_a_ticket_and_print_it():
    def body(s, t, state):
        log_in(t)
        t.type("n")
        t.wait_for("Queue - counter 1", "Nobody is waiting.")
        t.type("i")
        t.wait_for("Issue a ticket for which service category?")
        t.type("Elderly")
        t.keys("Enter")
        t.wait_for("Printed to the file")
        assert ticket(s.db, "E001")[0] == "waiting"
        slips = glob.glob(os.path.join(state, "bianmin", "prints",
                                       "ticket-*.txt"))
        assert len(slips) == 1, slips
        text = open(slips[0], encoding="utf-8").read()
        assert "E001" in text and "养老服务" in text, text
        t.wait_for("Waiting 1")
    with_queue(body)


def test_waiting_count_follows_by_itself():
    """Nothing pressed, nothing called here: a ticket issued at the
    entrance shows in the status bar within the 30-second poll."""
    def body(s, t, state):
        log_in(t)
        t.wait_for("Waiting 0")
        issue(s, 12)
        t.wait_for("Waiting 1", timeout=45)
        assert "Main menu" in t.screen()
    with_queue(body)


def test_grid_member_has_no_queue():
    def body(s, t, state):
        log_in(t, "grid01", "demo-grid")
        assert "Waiting" not in status_line(t)
        t.type("n")
        t.wait_for("The queue is for counter staff")
        t.keys("C-n")
        t.wait_for("The queue is for counter staff")
    with_queue(body)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
