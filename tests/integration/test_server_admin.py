#!/usr/bin/env python3
"""Statistics, the audit log and staff (docs/api.md 13-15): the day's
figures follow what happened, overdue applications are listed, the audit
log is readable (and its reading audited) and chained, staff lists are
scoped."""
import subprocess
import os

import bm
from bm import jreq, post, login, problem, field_codes
from test_server_applications import new_app


def test_daily_figures_follow_the_day():
    s = login("super01", counter=None)
    r, before = jreq("GET", "/api/v1/stats/daily", token=s)
    assert r.status == 200 and len(before["per_hour"]) == 24, before
    assert before["centre"]["name"] == "红旗社区便民服务站"
    t = login(counter="4")
    r, a = new_app(t)
    post("/api/v1/applications/%d/transitions" % a["id"],
         {"action": "accept"}, t, if_match=1)
    post("/api/v1/queue/tickets", {"category_id": 5}, t)
    r, after = jreq("GET", "/api/v1/stats/daily", token=s)
    assert after["received"] == before["received"] + 1, (before, after)
    assert after["accepted"] == before["accepted"] + 1
    assert after["tickets_issued"] == before["tickets_issued"] + 1
    assert sum(after["per_hour"]) == after["received"]
    svc = [x for x in after["per_service"] if x["service"]["txcode"] ==
           "0501"]
    assert svc and svc[0]["received"] >= 1, after["per_service"]
    r, j = jreq("GET", "/api/v1/stats/daily?counter=4&service_id=%d" %
                a["service"]["id"], token=s)
    assert j["received"] >= 1 and j["tickets_issued"] == 0, j
    r, j = jreq("GET", "/api/v1/stats/daily?date=2999-01-01", token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {"date": "date"}
    r, j = jreq("GET", "/api/v1/stats/daily?centre_id=2", token=s)
    problem(r, j, 403, "forbidden")
    r, j = jreq("GET", "/api/v1/stats/daily?centre_id=2",
                token=login("admin", counter=None))
    assert r.status == 200 and j["centre"]["id"] == 2
    r, j = jreq("GET", "/api/v1/stats/daily", token=t)
    problem(r, j, 403, "forbidden")


def test_overdue_list():
    t = login()
    r, a = new_app(t)
    db = bm.connect()
    db.execute("UPDATE applications SET due_date = '2026-01-05' WHERE "
               "id = ?", (a["id"],))
    db.commit()
    db.close()
    s = login("super01", counter=None)
    r, j = jreq("GET", "/api/v1/stats/overdue?per_page=100", token=s)
    mine = [x for x in j["items"] if x["id"] == a["id"]]
    assert mine and mine[0]["overdue"] and mine[0]["overdue_days"] > 100, j
    dues = [x["due_date"] for x in j["items"]]
    assert dues == sorted(dues)
    r, j = jreq("GET", "/api/v1/stats/overdue", token=login("clerk02"))
    problem(r, j, 403, "forbidden")


def test_audit_log():
    s = login("super01", counter=None)
    t = login()
    rid = bm.find(t, "610202198503150021")
    jreq("POST", "/api/v1/residents/%d/reveal" % rid, {"reason": "核对身份"},
         token=t)
    r, j = jreq("GET", "/api/v1/audit?action=reveal&object=resident/%d" %
                rid, token=s)
    assert r.status == 200 and j["total"] >= 1, j
    row = j["items"][0]
    assert row["staff"]["username"] == "clerk01" and row["detail"] == \
        "核对身份" and len(row["hash"]) == 64, row
    r, j = jreq("GET", "/api/v1/audit?object=resident/&per_page=5", token=s)
    assert all(x["object"].startswith("resident/") for x in j["items"])
    ids = [x["id"] for x in j["items"]]
    assert ids == sorted(ids, reverse=True)
    r, j = jreq("GET", "/api/v1/audit?action=audit_view", token=s)
    assert j["total"] >= 2, j
    # a supervisor sees only the rows of the own centre's staff
    jreq("GET", "/api/v1/residents?q=李", token=login("clerk02"))
    r, j = jreq("GET", "/api/v1/audit?per_page=100", token=s)
    assert "clerk02" not in {x["staff"]["username"] for x in j["items"]
                             if x["staff"]}
    r, j = jreq("GET", "/api/v1/audit?action=dance", token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "action": "option"}
    r, j = jreq("GET", "/api/v1/audit", token=t)
    problem(r, j, 403, "forbidden")
    verify = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                             bm.S.db, "--verify-audit"], capture_output=True,
                            text=True)
    assert verify.returncode == 0, verify.stderr


def test_staff():
    s = login("super01", counter=None)
    r, j = jreq("GET", "/api/v1/staff?per_page=100", token=s)
    names = {x["username"] for x in j["items"]}
    assert {"clerk01", "grid01", "super01"} <= names and "clerk02" not in \
        names, names
    assert all(x["centre"]["id"] == 1 for x in j["items"])
    r, j = jreq("GET", "/api/v1/staff?centre_id=2", token=s)
    assert j["total"] == 0
    r, j = jreq("GET", "/api/v1/staff?role=clerk&q=cle",
                token=login("admin", counter=None))
    assert {x["username"] for x in j["items"]} == {"clerk01", "clerk02"}, j
    assert all(x["phone_masked"] is None or "****" in x["phone_masked"]
               for x in j["items"])
    r, j = jreq("GET", "/api/v1/staff?active=maybe", token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "active": "option"}
    r, j = jreq("GET", "/api/v1/staff", token=login())
    problem(r, j, 403, "forbidden")


if __name__ == "__main__":
    bm.main(globals())
