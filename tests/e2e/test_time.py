#!/usr/bin/env python3
"""End to end in tmux: every date and time the counter shows and prints
is the service's (Asia/Shanghai), whatever the counter PC's zone and
whatever the hour. Run without a fake clock, the file runs itself at
17:30 UTC (01:30 of the next day in Beijing), the machine's zone UTC;
under tests/lib/at-utc.sh it runs at the instant and in the zone given
there. The receipt's time and due date, the profile's lists and the
day's slip are read back and compared with the application number and
the server's own timestamps."""
import datetime
import glob
import os
import re
import shutil
import sys
import tempfile
import time
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
if "FAKETIME" not in os.environ:
    os.execvp(os.path.join(HERE, "..", "lib", "at-utc.sh"),
              ["at-utc.sh", "17:30:00", sys.executable] + sys.argv)

sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
from harness import (BIN, SERVICE_ZONE, Server, Tmux, connect,  # noqa
                     run, service_date, within_one_day)
import bm  # noqa
from flows import LI, li_0501  # noqa

NUMBER = re.compile(r"\d{9}-(\d{8})-\d{4}")
ZONE = zoneinfo.ZoneInfo(SERVICE_ZONE)


def client(server, state):
    # the PC's own zone is whatever this run has (UTC by default): the
    # client must not use it
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state, "TERM": "screen",
                     "TZ": os.environ.get("TZ", "UTC")})


def local(ts):
    """The service-zone datetime of a server timestamp."""
    return datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).astimezone(ZONE)


def chinese(date):
    y, m, d = (int(x) for x in date.split("-"))
    return "%d年%d月%d日" % (y, m, d)


def take_0501(t):
    """李光明's 高龄津贴, taken at the counter; its number."""
    li_0501(t)
    t.keys("F9")
    screen = t.wait_for("Application taken.", "Promised by")
    return NUMBER.search(screen).group(0)


def back_to_menu(t):
    """Esc, screen after screen, down to the main menu."""
    for _ in range(8):
        if "Main menu" in t.screen():
            return
        before = t.screen()
        t.keys("Escape")
        for _ in range(40):
            if t.screen() != before:
                break
            time.sleep(0.05)
    t.wait_for("Main menu")


def field(text, name):
    """A receipt's field: the text after "name：" on its line."""
    m = re.search(r"%s[：:]\s*(.+)" % name, text)
    assert m, (name, text)
    return m.group(1).strip()


def printed(state, pattern):
    files = glob.glob(os.path.join(state, "bianmin", "prints", pattern))
    assert len(files) == 1, files
    return open(files[0], encoding="utf-8").read()


def receipt_profile_and_slip():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        number = take_0501(t)
        db = connect(s.db)
        created, due = db.execute("SELECT created_at, due_date FROM "
                                  "applications WHERE number = ?",
                                  (number,)).fetchone()
        db.close()
        at = local(created)
        # the number's date is the service's day of the creation
        assert number[10:18] == at.strftime("%Y%m%d"), (number, created)
        # the receipt: the same day and the service's time of day
        t.type("p")
        t.wait_for("Printed to the file")
        text = printed(state, "*.txt")
        assert number in text, text
        when = field(text, "时间")
        assert when == at.strftime("%Y-%m-%d %H:%M"), (when, created, text)
        assert field(text, "承诺办结") == chinese(due), (due, text)
        # the profile's list of applications dates it the same way
        t.keys("Enter")
        t.wait_gone("Application number:")  # the result screen is gone
        t.type(LI)
        t.keys("Enter")
        # the list's row, not the message line that names the receipt's
        # file: the row says the service's day before the number
        t.wait_for("Household")
        screen = t.wait_for(" " + number + " ")
        row = [line for line in screen.splitlines()
               if " " + number + " " in line][0]
        assert at.strftime("%Y-%m-%d") + "  " + number in row, row
        # the clerk's day: today's slip is the service's day
        back_to_menu(t)
        t.type("t")
        t.wait_for("Today %s, counter 1" % at.strftime("%Y-%m-%d"))
        # P waits for the day's figures to be loaded, which under load
        # may take a moment after the title shows
        for _ in range(20):
            t.type("p")
            time.sleep(0.5)
            if "Wait until the day's figures" not in t.screen():
                break
        t.wait_for("Printed to the file")
        slip = printed(state, "daily-*.txt")
        assert field(slip, "日期") == chinese(at.strftime("%Y-%m-%d")), slip
        stamp = field(slip, "打印时间")
        assert stamp[:10] == service_date(), (stamp, slip)
        # the status bar's clock reads the service's time too
        screen = t.screen()
        now = datetime.datetime.now(ZONE)
        clock = [now.strftime("%Y-%m-%d %H:%M"),
                 (now - datetime.timedelta(minutes=1)).strftime(
                     "%Y-%m-%d %H:%M")]
        assert any(c in screen for c in clock), (clock, screen)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_receipt_profile_and_slip_in_service_time():
    within_one_day(receipt_profile_and_slip)


def test_certificate_date_on_the_profile():
    def body():
        s = Server()
        state = tempfile.mkdtemp(prefix="bianmin-state-")
        try:
            bm.S = s
            tok = bm.login("clerk01")
            r, types = bm.jreq("GET", "/api/v1/certificate-types",
                               token=tok)
            kind = [x for x in types["items"] if x["name"] == "居住证明"][0]
            r, c = bm.post("/api/v1/certificates", {
                "type_id": kind["id"],
                "resident_id": bm.find(tok, "610202198503150021"),
                "purpose": "办理居住证",
                "data": {"since": "2019-06-01", "tenure": "own"}}, tok)
            assert r.status == 201, c
            day = local(c["issued_at"]).strftime("%Y-%m-%d")
            t = client(s, state)
            try:
                t.wait_for("bianmin 0.")
                t.type("clerk01")
                t.keys("Enter")
                t.type("demo-clerk")
                t.keys("Enter", "Enter")
                t.wait_for("ID number / name / mobile")
                t.type("610202198503150021")
                t.keys("Enter")
                screen = t.wait_for(c["serial"])
                row = [line for line in screen.splitlines()
                       if c["serial"] in line][0]
                assert row.strip().startswith(day), (day, c["issued_at"],
                                                     row)
            finally:
                t.kill()
        finally:
            s.stop()
            shutil.rmtree(state, ignore_errors=True)
    within_one_day(body)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
