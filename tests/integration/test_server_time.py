#!/usr/bin/env python3
"""bianmind's time: one service time zone (Asia/Shanghai unless set),
told to clients in the login and the health check and used for every
local date; the working-day calendar read from a file, reloaded on
SIGHUP, and its end said in the daily figures; settings from a config
file."""
import datetime
import os
import signal
import subprocess
import tempfile
import time
import zoneinfo

import bm
from bm import jreq, login, problem

import test_server_applications as apps
from test_server_applications import new_app


def utc_date(ts):
    return ts[:10]


def zone_date(ts, zone):
    t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    return t.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%d")


def own(*args):
    """A server of this test's own; the module's bm.S is put back."""
    shared = bm.S
    s = bm.OwnServer(*args)
    bm.S = s
    apps._ELDER.clear()         # the resident is each server's
    return s, shared


def today(zone="Asia/Shanghai"):
    return datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()


def test_zone_told_in_health_and_login():
    r, h = jreq("GET", "/api/v1/health")
    assert r.status == 200 and h["time_zone"] == "Asia/Shanghai", h
    r, j = jreq("POST", "/api/v1/sessions", {"username": "clerk01",
                "password": "demo-clerk", "counter": "1"})
    assert r.status == 201 and j["time_zone"] == "Asia/Shanghai", j
    r, j = jreq("GET", "/api/v1/sessions/current", token=j["token"])
    assert j["time_zone"] == "Asia/Shanghai", j


def test_another_zone_dates_the_numbers():
    # a site elsewhere: the number's day is that zone's day of creation
    s, shared = own("--time-zone", "America/New_York")
    try:
        r, h = jreq("GET", "/api/v1/health")
        assert h["time_zone"] == "America/New_York", h
        r, a = new_app(login(counter="2"))
        assert r.status == 201, a
        day = zone_date(a["created_at"], "America/New_York")
        assert a["number"][10:18] == day.replace("-", ""), (a, day)
        r, j = jreq("GET", "/api/v1/applications?from=%s&to=%s" % (day, day),
                    token=login())
        assert a["id"] in [x["id"] for x in j["items"]], j
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()


def test_unknown_zone_is_refused():
    for bad in ("Mars/Olympus", "../../etc/passwd", "", "Asia/Shanghai "):
        r = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                            "/nonexistent/x.db", "--time-zone", bad],
                           capture_output=True, text=True, timeout=10)
        assert r.returncode == 2 and "time zone" in r.stderr, (bad, r)


def test_settings_from_a_config_file():
    d = tempfile.mkdtemp(prefix="bianmin-conf-")
    conf = os.path.join(d, "bianmind.conf")
    with open(conf, "w") as f:
        # user = root: CI runs the tests as root, refused without it
        f.write("# a site's settings\n[bianmind]\ntime-zone = UTC\n"
                "threads = 2\nuser = root\n")
    s, shared = own("--config", conf)
    try:
        r, h = jreq("GET", "/api/v1/health")
        assert h["time_zone"] == "UTC", h
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()
    # the command line wins over the file
    s, shared = own("--config", conf, "--time-zone", "Asia/Shanghai")
    try:
        r, h = jreq("GET", "/api/v1/health")
        assert h["time_zone"] == "Asia/Shanghai", h
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()
    with open(conf, "w") as f:
        f.write("time-zone = UTC\nno-such-setting = 1\n")
    r = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--config", conf,
                        "--db", os.path.join(d, "x.db")],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 2 and "no-such-setting" in r.stderr, r
    assert not os.path.exists(os.path.join(d, "x.db"))


def calendar_file(d, text):
    path = os.path.join(d, "calendar.txt")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.rename(path + ".tmp", path)
    return path


def daily(token):
    r, j = jreq("GET", "/api/v1/stats/daily", token=token)
    assert r.status == 200, j
    return j


def test_calendar_end_is_said_and_reloaded():
    y = today().year
    d = tempfile.mkdtemp(prefix="bianmin-cal-")
    path = calendar_file(d, "year %d\n" % y)
    s, shared = own("--calendar", path)
    try:
        sup = login("super01", counter=None)
        j = daily(sup)
        assert j["calendar_until"] == "%d-12-31" % y, j
        # a due date past the end is near enough only in the year's end
        longest = 60
        near = (datetime.date(y, 12, 31) - today()).days < longest * 7 / 5
        if not near:
            assert j["calendar_short"] is False, j
        # next year is loaded into the running server
        calendar_file(d, "year %d\n%d-01-01 off New Year\n" % (y, y + 1))
        s.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 5
        while daily(sup)["calendar_until"] != "%d-12-31" % (y + 1):
            assert time.time() < deadline, daily(sup)
            time.sleep(0.05)
        assert daily(sup)["calendar_short"] is False
        # a bad file is refused, the server goes on with the calendar
        calendar_file(d, "%d-13-01 off\n" % (y + 1))
        s.proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert s.proc.poll() is None
        assert daily(sup)["calendar_until"] == "%d-12-31" % (y + 1)
        log = open(s.log).read()
        assert "calendar.txt:1: not a date" in log, log
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()


def test_no_calendar_for_this_year():
    # an old file: the server still answers, counting weekends, and
    # says the schedule is missing
    d = tempfile.mkdtemp(prefix="bianmin-cal-")
    path = calendar_file(d, "2020-01-01 off\n")
    s, shared = own("--calendar", path)
    try:
        t = login()
        r, a = new_app(t)
        assert r.status == 201, a
        due = datetime.date.fromisoformat(a["due_date"])
        assert due.weekday() < 5, a
        j = daily(login("super01", counter=None))
        assert j["calendar_until"] is None and j["calendar_short"], j
        log = open(s.log).read()
        assert log.count("the working-day calendar does not cover") == 1, log
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()


def test_due_date_counts_the_calendar_file():
    # every working day of the next four weeks off: the due date of a
    # 0501 is its time limit in working days after them
    r, svc = jreq("GET", "/api/v1/services/by-code/0501", token=login())
    limit = svc["time_limit_days"]
    t0 = today()
    end = t0 + datetime.timedelta(days=28)
    lines = ["year %d" % y for y in range(t0.year, t0.year + 2)]
    day = t0 + datetime.timedelta(days=1)
    while day <= end:
        if day.weekday() < 5:
            lines.append("%s off test" % day.isoformat())
        day += datetime.timedelta(days=1)
    want, n = end, 0
    while n < limit:
        want += datetime.timedelta(days=1)
        n += want.weekday() < 5
    d = tempfile.mkdtemp(prefix="bianmin-cal-")
    s, shared = own("--calendar", calendar_file(d, "\n".join(lines) + "\n"))
    try:
        r, a = new_app(login())
        assert r.status == 201, a
        if bm.service_date(a["created_at"]) == t0.isoformat():
            assert a["due_date"] == want.isoformat(), (a, want)
    finally:
        s.stop()
        bm.S = shared
        apps._ELDER.clear()


if __name__ == "__main__":
    bm.main(globals())
