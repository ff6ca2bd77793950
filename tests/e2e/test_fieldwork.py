#!/usr/bin/env python3
"""End to end in tmux: the grid member's field work. A grid member
records a visit to a household of his grid that was never visited —
whom he met, a hazard that raises a grid event and a normal finding —
and the event is on the server, in the visit and in the events list. A
supervisor issues a task over the residents of 60 and over in a
community; the grid member, on a phone's 50x20 terminal, works through
his share, an outcome for every resident; the supervisor sees the
progress per grid member and the overdue residents of an older task.
The grid member's screens at 50x20 keep their key bar and the parts of
their rows that tell them apart."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, connect, run, service_date  # noqa

PASSWORDS = {"grid01": "demo-grid", "super01": "demo-super"}
HAZARD = "楼道堆放杂物，影响通行"
FOLLOWUP = "三日内复查"
TITLE = "2027年度高龄津贴认证"
REFUSED = "本人不愿配合"
GRID01 = 2      # the demo grid member's staff id, member of grid 1


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user):
    t.wait_for("log in")
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user])
    t.keys("Enter", "Enter")
    t.wait_for("PgDn")                  # the lookup, every user's start
    t.keys("Escape")
    t.wait_for("Main menu")


def log_out(t):
    t.keys("Escape", "Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.type("l")
    t.wait_for("Logged out.")


def query(db, sql, args=()):
    c = connect(db)
    rows = c.execute(sql, args).fetchall()
    c.close()
    return rows


def never_visited(db):
    """Grid 1's households never visited, by id: the first to visit."""
    return query(db, "SELECT id, address FROM households WHERE grid_id = 1 "
                 "AND id NOT IN (SELECT household_id FROM visits) "
                 "ORDER BY id")


def rows_after(screen, heading):
    """The lines under the table heading that holds heading."""
    lines = screen.splitlines()
    i = [k for k, l in enumerate(lines) if heading in l][0]
    return lines[i + 1:]


def choose_row(t, heading, text):
    """Moves the list's selection to the row that shows text."""
    rows = rows_after(t.screen(), heading)
    k = [i for i, l in enumerate(rows) if text in l][0]
    t.keys("Home")
    for _ in range(k):
        t.keys("Down")


def wait_until(t, ok, what, timeout=10):
    """Waits until ok(screen) holds; returns the screen."""
    deadline = time.time() + timeout
    while True:
        screen = t.screen()
        if ok(screen):
            return screen
        if time.time() > deadline:
            raise AssertionError("waited for %s; screen:\n%s"
                                 % (what, screen))
        time.sleep(0.05)


def table_rows(screen, heading):
    """The rows of the table under heading, up to the first blank line."""
    out = []
    for line in rows_after(screen, heading):
        if not line.strip():
            break
        out.append(line)
    return out


def wait_rows(t, heading, *texts):
    """Waits for texts and a loaded list: rows under heading."""
    def ok(screen):
        return (all(x in screen for x in texts) and
                any(heading in l for l in screen.splitlines()) and
                bool(table_rows(screen, heading)))
    return wait_until(t, ok, "rows under %r" % heading)


def bar(screen):
    return screen.rstrip("\n").splitlines()[-1]


def test_visit_raises_an_event():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        hid, address = never_visited(s.db)[0]
        members = query(s.db, "SELECT id, name FROM residents WHERE "
                        "household_id = ? ORDER BY id", (hid,))
        (events_before,) = query(s.db, "SELECT count(*) FROM events")[0]
        log_in(t, "grid01")
        t.type("v")
        screen = wait_rows(t, "Last visit", "Households to visit")
        first = table_rows(screen, "Last visit")[0]
        assert "never" in first and address[-6:] in first, screen
        t.keys("Enter")
        t.wait_for(address, "Never visited. N records a visit.")
        t.type("n")
        t.wait_for("Record a visit", "Met (M): -")
        # nobody met yet, no finding: the visit is not sent
        t.keys("F9")
        t.wait_for("Whom did you meet?")
        t.type("m")
        t.wait_for("Whom did you meet? Space ticks")
        t.keys("Space", "Enter")
        t.wait_gone("Space ticks")
        head = [n for i, n in members
                if "Met (M): %s" % n in t.screen()]
        assert len(head) == 1, t.screen()
        t.type("a")
        t.wait_for("What kind of finding?")
        t.type("Hazard")
        t.keys("Enter")
        t.wait_for("What did you find? (required)")
        t.keys("Enter")                 # a hazard needs a note
        t.wait_for("Say what you found.")
        t.type(HAZARD)
        t.keys("Enter")
        t.wait_for("What is to follow")
        t.type(FOLLOWUP)
        t.keys("Enter")
        t.wait_for("Raise a grid event for this finding?")
        t.type("y")
        t.wait_for("Raise a grid event: its category")
        t.keys("Enter")                 # a hazard's: safety
        t.wait_for("How urgent?")
        t.type("high")
        t.keys("Enter")
        t.wait_for("reported with the visit (Safety hazard, high)")
        t.type("a")
        t.wait_for("What kind of finding?")
        t.type("Normal")
        t.keys("Enter")
        t.wait_for("A note (may be left empty)")
        t.keys("Enter")
        t.wait_for("What is to follow")
        t.keys("Enter")
        screen = t.wait_for("Normal  ")
        assert "Raise a grid event" not in screen   # none for normal
        t.keys("F9")
        t.wait_for("Visit recorded. Findings: 2; events reported: 1.")
        # on the server: the visit, whom he met, the findings in order,
        # the event they raised, reported by him for the household's grid
        visits = query(s.db, "SELECT id, staff_id, grid_id FROM visits "
                       "WHERE household_id = ?", (hid,))
        assert len(visits) == 1 and visits[0][1:] == (GRID01, 1), visits
        vid = visits[0][0]
        met = query(s.db, "SELECT r.name FROM visit_met m JOIN residents r "
                    "ON r.id = m.resident_id WHERE m.visit_id = ?", (vid,))
        assert [n for (n,) in met] == head, met
        found = query(s.db, "SELECT type, note, followup, event_id FROM "
                      "visit_findings WHERE visit_id = ? ORDER BY position",
                      (vid,))
        assert [f[:3] for f in found] == [("hazard", HAZARD, FOLLOWUP),
                                          ("normal", None, None)], found
        eid = found[0][3]
        assert eid is not None and found[1][3] is None, found
        ev = query(s.db, "SELECT e.category, e.urgency, e.status, "
                   "e.grid_id, e.location, e.description, s.username FROM "
                   "events e JOIN staff s ON s.id = e.reporter_id WHERE "
                   "e.id = ?", (eid,))[0]
        assert ev == ("safety", "high", "reported", 1, address, HAZARD,
                      "grid01"), ev
        assert query(s.db, "SELECT count(*) FROM events")[0][0] == \
            events_before + 1
        # the household's visit shows it, with where the event stands
        t.wait_for("Hazard, Normal")
        t.keys("Enter")
        t.wait_for("Hazard (event %d: reported)" % eid, HAZARD,
                   "Follow-up: %s" % FOLLOWUP, "Met: %s" % head[0])
        # and the events list has it, newest first
        t.keys("Escape", "Escape", "Escape", "Escape")
        t.wait_for("Main menu")
        t.type("e")
        t.wait_for("Grid events assigned to me")
        t.keys("Tab")
        screen = wait_rows(t, "Reported", "Open grid events")
        first = table_rows(screen, "Reported")[0]
        assert "Safety hazard" in first and "high" in first and \
            "reported" in first and address[:8] in first, screen
        t.keys("Enter")
        t.wait_for("Event %d: Safety hazard" % eid)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def issue_task(t, db):
    """The supervisor issues the task over 红旗社区's residents of 60 and
    over; returns its id."""
    t.type("g")
    t.wait_for("Tasks: open")
    t.type("n")
    t.wait_for("Issue a task", "Deadline:")
    t.type(TITLE)
    t.keys("Tab", "Tab")                # past the deadline, two weeks on
    t.keys("Space")
    t.wait_for("Enter Choose")
    t.type("红旗社区")
    t.keys("Enter")
    t.keys("Tab")
    t.type("60")
    t.keys("F9")
    t.wait_for("Task issued: ")
    (tid,) = query(db, "SELECT id FROM tasks WHERE title = ?", (TITLE,))[0]
    return tid


def test_task_worked_through():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        log_in(t, "super01")
        tid = issue_task(t, s.db)
        total = query(s.db, "SELECT count(*) FROM task_items WHERE "
                      "task_id = ?", (tid,))[0][0]
        t.wait_for("Task issued: %d residents" % total, TITLE,
                   "0 of %d done" % total)
        mine = query(s.db, "SELECT r.name FROM task_items i JOIN residents "
                     "r ON r.id = i.resident_id WHERE i.task_id = ? AND "
                     "i.assignee_id = ? ORDER BY i.id", (tid, GRID01))
        assert len(mine) >= 2, mine
        log_out(t)
        # the grid member, on a phone
        t.resize(50, 20)
        log_in(t, "grid01")
        t.type("g")
        t.wait_for("My tasks: open", TITLE[:6])
        choose_row(t, "Deadline", TITLE[:6])
        t.keys("Enter")
        t.wait_for("0 of %d done" % len(mine), *[n for (n,) in mine])
        # every one of his residents given an outcome, open ones first
        for k, (name,) in enumerate(mine):
            wait_until(t, lambda sc: any(name in l for l in
                                         table_rows(sc, "Outcome")),
                       "%s in the list" % name)
            choose_row(t, "Outcome", name)
            t.keys("Enter")
            t.wait_for("Outcome for %s" % name)
            if k == 0:
                t.type("Refused")
                t.keys("Enter")
                t.wait_for("Why? (required)")
                t.keys("Enter")
                t.wait_for("Say why")
                t.type(REFUSED)
            else:
                t.type("Done")
                t.keys("Enter")
                t.wait_for("A note (may be left empty)")
            t.keys("Enter")
            t.wait_for("%s: %s, recorded." % (name, "Refused" if k == 0
                                               else "Done"))
            # recorded: off the list of open ones once it reloads
            wait_until(t, lambda sc: "Outcome" not in sc or not any(
                name in l for l in table_rows(sc, "Outcome")),
                "%s gone from the open ones" % name)
        t.wait_for("Every resident of yours has an outcome.",
                   "%d of %d done" % (len(mine), len(mine)))
        got = query(s.db, "SELECT outcome, note FROM task_items WHERE "
                    "task_id = ? AND assignee_id = ? ORDER BY id",
                    (tid, GRID01))
        assert got[0] == ("refused", REFUSED), got
        assert all(o == "done" for o, _ in got[1:]), got
        # his share done: the task is off his open list
        t.keys("Escape")
        wait_until(t, lambda sc: "My tasks: open" in sc and
                   TITLE[:6] not in sc, "the task gone from his open ones")
        log_out(t)
        # the supervisor sees the progress per grid member
        t.resize(80, 24)
        log_in(t, "super01")
        t.type("g")
        wait_rows(t, "Deadline", "Tasks: open", TITLE)
        choose_row(t, "Deadline", TITLE)
        t.keys("Enter")
        screen = t.wait_for("%d of %d done" % (len(mine), total),
                            "Member")
        row = [l for l in rows_after(screen, "Member") if "刘建军" in l][0]
        n = len(mine)
        # done, unreachable, refused, open, overdue, total
        assert row.split()[1:] == [str(n - 1), "0", "1", "0", "0",
                                   str(n)], row
        t.keys("Tab")
        t.wait_for("No resident is overdue.")
        # an older task past its deadline: its overdue residents
        late = query(s.db, "SELECT t.id, t.title, count(*) FROM tasks t "
                     "JOIN task_items i ON i.task_id = t.id WHERE "
                     "i.outcome IS NULL AND t.deadline < ? GROUP BY t.id, "
                     "t.title ORDER BY t.id", (service_date(),))
        title, count = late[0][1], late[0][2]
        t.keys("Escape")
        screen = wait_rows(t, "Deadline", "Tasks: open", title)
        row = [l for l in rows_after(screen, "Deadline") if title in l][0]
        assert "Overdue" in row, row
        choose_row(t, "Deadline", title)
        t.keys("Enter")
        t.wait_for(title, "Member")
        t.keys("Tab")
        screen = t.wait_for("Page 1 of 1, %d residents" % count)
        rows = table_rows(screen, "Outcome")
        assert rows and all("OVERDUE" in l for l in rows), screen
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_grid_member_screens_at_50x20():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, 50, 20)
    try:
        mine = [a for (a,) in query(s.db, "SELECT address FROM households "
                                    "WHERE grid_id = 1")]
        log_in(t, "grid01")
        t.type("v")
        screen = wait_rows(t, "Last visit", "Households to visit")
        assert bar(screen).split() == ["Enter", "Open", "Tab", "Other",
                                       "list", "Esc", "Back", "F1",
                                       "Help"], bar(screen)
        # each row shows what tells its address apart: its end
        rows = table_rows(screen, "Last visit")
        assert rows, screen
        for line in rows:
            assert any(a[-4:] in line for a in mine), (line, screen)
        t.keys("Tab")
        screen = wait_rows(t, "Visited", "Visits made lately")
        assert "Enter Open" in bar(screen), screen
        visited = query(s.db, "SELECT h.address FROM visits v JOIN "
                        "households h ON h.id = v.household_id WHERE "
                        "h.grid_id = 1 ORDER BY v.visited_at DESC, v.id "
                        "DESC LIMIT 3")
        rows = table_rows(screen, "Visited")
        for (a,), line in zip(visited, rows):
            assert a[-4:] in line, (a, line)
        t.keys("Enter")
        screen = t.wait_for("Found", "members")
        assert visited[0][0] in screen, screen      # the whole address
        assert bar(screen).split()[:6] == ["N", "New", "visit", "Enter",
                                           "Open", "Esc"], bar(screen)
        t.type("n")
        screen = t.wait_for("Record a visit", "Met (M)")
        assert bar(screen).split() == ["M", "Met", "A", "Finding", "E",
                                       "Event", "F9", "Record", "F1",
                                       "Help"], bar(screen)
        t.keys("Escape")                # nothing typed: no question
        t.wait_for("New visit")
        t.keys("Escape", "Escape", "Escape")
        t.wait_for("Main menu")
        t.type("g")
        screen = wait_rows(t, "Deadline", "My tasks: open")
        assert bar(screen).startswith(" Enter Open  Tab Open / all"), \
            bar(screen)
        t.keys("Enter")
        screen = wait_rows(t, "Age", "Outcome")
        item = query(s.db, "SELECT r.name, i.id FROM task_items i JOIN "
                     "residents r ON r.id = i.resident_id WHERE "
                     "i.assignee_id = ? AND i.outcome IS NULL ORDER BY "
                     "i.task_id, i.id", (GRID01,))[0]
        row = [l for l in rows_after(screen, "Age") if item[0] in l]
        assert row and ("OVERDUE" in row[0] or " - " in row[0]), screen
        assert bar(screen).split() == ["Enter", "Outcome", "Tab", "View",
                                       "Esc", "Back", "F1", "Help"], \
            bar(screen)
        assert "Page 1 of 1" in screen, screen
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
