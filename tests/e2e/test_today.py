#!/usr/bin/env python3
"""End to end in tmux: Today. The bar chart by hour shows, above each
hour, the count the server has for it, at 80x24 and at 132x43; a clerk's
figures are their counter's applications, a supervisor's the server's
daily statistics with the overdue list; the day's list exported to CSV
reads back in UTF-8 (with its BOM) and in GB18030 with the same rows the
server lists; the end-of-day slip prints."""
import codecs
import glob
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run, service_date  # noqa
from harness import service_hour, within_one_day  # noqa
import bm  # noqa

PASSWORDS = {"clerk01": "demo-clerk", "super01": "demo-super"}


def client(server, state, cols=80, rows=24, env=None):
    e = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
         "XDG_STATE_HOME": state,
         "XDG_CONFIG_HOME": os.path.join(state, "config"),
         "TERM": "screen", "NO_COLOR": ""}
    e.update(env or {})
    # tmux sets the pane's TERM itself: the command sets it again
    return Tmux("TERM=%s %s/bianmin --api %s --counter 1 --lang en; "
                "echo EXIT=$?; sleep 60" % (e["TERM"], BIN, server.url),
                cols, rows, env=e)


def log_in(t, user):
    t.wait_for("Community service counter - log in")
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user])
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def take_applications(server, n):
    """n applications at counter 1 now, by clerk01."""
    bm.S = server
    import test_server_applications as apps
    apps._ELDER.clear()              # the resident is this server's
    new_app = apps.new_app
    tok = bm.login("clerk01", counter="1")
    for _ in range(n):
        r, j = new_app(tok)
        assert r.status == 201, j


def api(server, user, path):
    bm.S = server
    tok = bm.login(user, counter="1")
    r, j = bm.jreq("GET", path, token=tok)
    assert r.status == 200, j
    return j


def day_list(server, user, counter="1"):
    date = service_date()
    items, page = [], 1
    while True:
        j = api(server, user, "/api/v1/applications?from=%s&to=%s"
                "&per_page=100&page=%d%s" % (date, date, page,
                                             "&counter=" + counter
                                             if counter else ""))
        items += j["items"]
        if len(items) >= j["total"]:
            return date, items
        page += 1


def chart(screen):
    """The hour chart as read off the screen: {hour: label above its
    bar}, and the hours that have a bar."""
    lines = screen.splitlines()
    axis = max(i for i, l in enumerate(lines)
               if len(l.split()) >= 10 and
               all(w.isdigit() and len(w) == 2 for w in l.split()))
    labels = {}
    for col in range(len(lines[axis])):
        word = lines[axis][col:col + 2]
        if not (word.isdigit() and (col == 0 or lines[axis][col - 1] == " ")):
            continue
        r = axis - 1
        while r >= 0 and lines[r][col:col + 2] == "##":
            r -= 1
        if r < axis - 1:
            labels[int(word)] = int(lines[r][col:col + 3].split()[0])
        else:
            assert lines[r][col:col + 2].strip() == "", (word, lines[r])
    return labels


def expected_hours(items):
    want = {}
    for a in items:
        h = service_hour(a["created_at"])
        want[h] = want.get(h, 0) + 1
    return want


# An SGR sequence that sets a colour (30-37, 40-47, 38;..., 48;...).
COLOUR = re.compile(r"\x1b\[[0-9;]*?(?<![0-9])(3[0-8]|4[0-8])[;m]")


def clerk_chart(cols, rows, env=None):
    """The clerk's chart as drawn; returns the pane with its attributes
    (capture-pane -e)."""
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        take_applications(s, 3)
        date, items = day_list(s, "clerk01")
        assert len(items) >= 3
        t = client(s, state, cols, rows, env)
        try:
            log_in(t, "clerk01")
            t.type("t")
            screen = t.wait_for("Today %s, counter 1" % date,
                                "Received by hour")
            screen = t.wait_for("Received %d" % len(items))
            assert chart(screen) == expected_hours(items), screen
            attrs = t.tmux("capture-pane", "-p", "-e", "-t", "t")
            rule = [l for l in screen.splitlines()
                    if "Received by hour" in l][0]
            # the section's rule is ACS line drawing: Unicode where
            # ncurses knows the terminal takes it, else the VT100
            # alternate set (SO, then "q" for a horizontal line)
            if not rule.startswith("\u2500\u2500 Received by hour \u2500"):
                assert rule.startswith("qq Received by hour qqq"), rule
                arule = [l for l in attrs.splitlines()
                         if "Received by hour" in l][0]
                assert "\x0eqq" in arule, repr(arule)
            if rows >= 43:                   # every panel fits
                assert "By service: received / completed" in screen
                assert "0501" in screen and "Pending applications" in screen
            return attrs
        finally:
            t.kill()
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_chart_80x24():
    attrs = within_one_day(clerk_chart, 80, 24)
    assert COLOUR.search(attrs), attrs       # colour, when there is some


def test_chart_132x43():
    within_one_day(clerk_chart, 132, 43)


def test_chart_monochrome_vt100():
    attrs = within_one_day(clerk_chart, 80, 24, {"TERM": "vt100"})
    assert not COLOUR.search(attrs), attrs


def test_chart_monochrome_no_color():
    attrs = within_one_day(clerk_chart, 80, 24, {"NO_COLOR": "1"})
    assert not COLOUR.search(attrs), attrs


def test_f1_shows_todays_keys():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        t = client(s, state)
        try:
            log_in(t, "clerk01")
            t.type("t")
            t.wait_for("Received by hour")
            t.keys("F1")
            screen = t.wait_for("Export CSV", "UTF-8 / GB18030",
                                "Counter / centre", "Reload")
            assert "Resident lookup" in screen       # and the global ones
            assert "Mine / open / all" not in screen  # not another's
            t.keys("Escape")
            t.wait_gone("Reload")
            t.wait_for("Received by hour")
        finally:
            t.kill()
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_supervisor_figures_and_overdue():
    within_one_day(supervisor_figures_and_overdue)


def supervisor_figures_and_overdue():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        take_applications(s, 2)
        stats = api(s, "super01", "/api/v1/stats/daily")
        overdue = api(s, "super01", "/api/v1/stats/overdue")
        t = client(s, state, 132, 43)
        try:
            log_in(t, "super01")
            t.type("t")
            # the overdue rows come last: the figures show before them
            screen = t.wait_for("Received %d" % stats["received"],
                                "Overdue applications: %d" %
                                overdue["total"],
                                *[a["number"] for a in
                                  overdue["items"][:3]])
            want = {h: n for h, n in enumerate(stats["per_hour"]) if n}
            assert chart(screen) == want, screen
            assert "Tickets issued %d" % stats["tickets_issued"] in screen
            for a in overdue["items"][:3]:
                assert a["number"] in screen, (a["number"], screen)
            t.type("p")                      # the 日结 slip
            t.wait_for("Printed to the file")
            slip = glob.glob(os.path.join(state, "bianmin", "prints",
                                          "daily-*.txt"))
            text = open(slip[0], encoding="utf-8").read()
            assert "日结单" in text and stats["date"][:4] in text, text
        finally:
            t.kill()
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def visit_rows(screen, want):
    """{grid id: [households, 30 d, 90 d, never]} of the rows of the
    visits panel on screen, each told by its grid's name (the community's
    in front left out) and its member."""
    got = {}
    for line in screen.splitlines():
        for g in want:
            short = g["grid"]["name"].replace(g["community"]["name"], "")
            member = g["member"]["name"] if g["member"] else "-"
            words = line.split()
            if len(words) == 6 and words[0] == short and \
                    words[1] == member:
                got[g["grid"]["id"]] = [int(w) for w in words[2:]]
    return got


def supervisor_visits(cols, rows, scrolls=False):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        v = api(s, "super01", "/api/v1/stats/daily")["visits"]
        assert len(v["per_grid"]) > 2 and v["never_visited"] > 0 and \
            v["visited_30d"] > 0, v
        t = client(s, state, cols, rows)
        try:
            log_in(t, "super01")
            t.type("t")
            # the centre's totals under the day's figures
            t.wait_for("Visits: %d households, 30 d %d, 90 d %d, never %d"
                       % (v["households"], v["visited_30d"],
                          v["visited_90d"], v["never_visited"]))
            for _ in range(3):               # hours, services, overdue,
                t.keys("Tab")                # then the visits by grid
            screen = t.wait_for("Visits by grid, 红旗社区", "Households",
                                "30 d", "90 d", "Never")
            want = {g["grid"]["id"]: [g["households"], g["visited_30d"],
                                      g["visited_90d"], g["never_visited"]]
                    for g in v["per_grid"]}
            got = visit_rows(screen, v["per_grid"])
            assert got and got.items() <= want.items(), (got, screen)
            assert len(got) < len(want) or not scrolls, screen
            if len(got) < len(want):         # not all fit: they scroll
                assert "of %d, Up/Down" % len(want) in screen, screen
                for _ in range(len(want)):
                    t.keys("Down")
                t.wait_for("-%d of %d" % (len(want), len(want)))
                got.update(visit_rows(t.screen(), v["per_grid"]))
            assert got == want, (got, want, t.screen())
            t.keys("Tab")                    # the day's money (日结)
            t.wait_for("Money of the day")
            t.keys("Tab")                    # round to the hours again
            t.wait_for("Received by hour")
        finally:
            t.kill()
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_supervisor_visits_80x24():
    within_one_day(supervisor_visits, 80, 24)


def test_supervisor_visits_132x43():
    within_one_day(supervisor_visits, 132, 43)


def test_supervisor_visits_50x20():
    within_one_day(supervisor_visits, 50, 20)


def test_supervisor_visits_scroll_50x16():
    within_one_day(supervisor_visits, 50, 16, scrolls=True)


def test_clerk_has_no_visits_panel():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        t = client(s, state, 132, 43)
        try:
            log_in(t, "clerk01")
            t.type("t")
            t.wait_for("Received by hour")
            for _ in range(3):               # hours, services, pending
                t.keys("Tab")
            screen = t.wait_for("Received by hour")
            assert "Visits" not in screen, screen
        finally:
            t.kill()
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def read_csv(path, encoding):
    import csv
    import io
    raw = open(path, "rb").read()
    if encoding == "utf-8-sig":
        assert raw.startswith(codecs.BOM_UTF8), raw[:8]
    else:
        assert not raw.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(raw.decode(encoding))))


def test_export_csv_in_both_encodings():
    within_one_day(export_csv_in_both_encodings)


def export_csv_in_both_encodings():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    exports = os.path.join(state, "bianmin", "exports")
    try:
        take_applications(s, 2)
        date, items = day_list(s, "clerk01")
        t = client(s, state)
        try:
            log_in(t, "clerk01")
            t.type("t")
            t.wait_for("Received %d" % len(items))
            t.type("e")
            t.wait_for("applications written as UTF-8 to")
            first = glob.glob(os.path.join(exports, "*.csv"))
            assert len(first) == 1, first
            utf8 = read_csv(first[0], "utf-8-sig")
            t.type("g")
            t.wait_for("GB18030")
            t.type("e")
            t.wait_for("applications written as GB18030 to")
            second = [p for p in glob.glob(os.path.join(exports, "*.csv"))
                      if p != first[0]]
            gb = read_csv(second[0], "gb18030")
        finally:
            t.kill()
        assert utf8 == gb
        assert utf8[0][0] == "Application number", utf8[0]
        assert sorted(r[0] for r in utf8[1:]) == \
            sorted(a["number"] for a in items)
        names = {a["number"]: a["resident"]["name"] for a in items}
        for r in utf8[1:]:
            assert r[3] == names[r[0]], r
            assert "*" in r[4], r            # masked, never the full number
        assert any("王德顺" in r[3] for r in gb[1:]), gb
        assert oct(os.stat(second[0]).st_mode & 0o777) == "0o600"
    finally:
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
