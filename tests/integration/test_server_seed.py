#!/usr/bin/env python3
"""The demo district at work (bianmind --seed demo): applications in every
state with consistent timelines, certificates (some expired, some
reprinted) that verify, and grid events in every status of their loop,
with their timelines and deadlines."""

import datetime

import bm
from bm import jreq, login

STATUSES = ["submitted", "accepted", "materials_requested", "forwarded",
            "completed", "collected", "rejected"]


def test_applications_in_every_state():
    admin = login("admin", counter=None)
    for s in STATUSES:
        r, j = jreq("GET", "/api/v1/applications?status=" + s, token=admin)
        assert r.status == 200 and j["total"] > 0, (s, j)
        a = j["items"][0]
        r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                     token=admin)
        steps = tl["items"]
        assert steps[0]["action"] == "create" and steps[-1]["to_status"] \
            == s, (s, steps)
        assert len(steps) == a["version"], (a, steps)
        for before, after in zip(steps, steps[1:]):
            assert after["from_status"] == before["to_status"], steps
    r, j = jreq("GET", "/api/v1/applications?status=collected",
                token=admin)
    r, a = jreq("GET", "/api/v1/applications/%d" % j["items"][0]["id"],
                token=admin)
    assert a["collector"]["id_number_masked"].count("*") == 11, a
    # the demo clerk finds the own centre's applications
    r, j = jreq("GET", "/api/v1/applications", token=login())
    assert j["total"] > 0 and {x["community"]["id"] for x in j["items"]} \
        == {1}, j


def test_certificates_and_events():
    today = datetime.date.fromisoformat(bm.service_date())
    db = bm.connect()
    expired, reprinted, total = db.execute(
        "SELECT sum(CASE WHEN valid_until < ? THEN 1 ELSE 0 END), "
        "sum(CASE WHEN reprints > 0 THEN 1 ELSE 0 END), count(*) FROM "
        "certificates", (today.isoformat(),)).fetchone()
    token = db.execute("SELECT verify_token FROM certificates WHERE "
                       "valid_until < ? LIMIT 1", ((today - datetime.
                       timedelta(days=1)).isoformat(),)).fetchone()[0]
    statuses = {s for (s,) in db.execute("SELECT DISTINCT status FROM "
                                         "events")}
    db.close()
    assert total >= 25 and expired > 0 and reprinted > 0, (total, expired)
    assert statuses == {"reported", "returned", "assigned", "escalated",
                        "in_progress", "resolved", "checked",
                        "closed"}, statuses
    r, v = jreq("GET", "/api/v1/verify/" + token, source="127.0.0.61")
    assert r.status == 200 and v["valid"] is False, v
    s = login("super01", counter=None)
    r, j = jreq("GET", "/api/v1/events?per_page=100", token=s)
    assert j["total"] >= 25
    items = j["items"]
    # deadlines that pass and that are near, a unit's event, a 延期
    # waiting, 督办, a 自办自结
    assert any(x["overdue"] for x in items), items
    assert any(x["due_soon"] for x in items), items
    assert any(x["unit"] and x["status"] == "escalated" for x in items)
    assert any(x["extension"] for x in items)
    assert any(x["supervisions"] for x in items)
    assert any(x["self_resolved"] for x in items)
    closed = [x for x in items if x["status"] == "closed" and x["unit"]][0]
    r, e = jreq("GET", "/api/v1/events/%d" % closed["id"], token=s)
    assert [u["action"] for u in e["updates"]] == [
        "report", "escalate", "sign", "feedback", "check", "close"], e
    assert e["version"] == 6 and r.getheader("ETag") == '"6"', e


def test_visits_and_tasks():
    """Visits with findings of every type, one linked to an event, and
    tasks open, overdue and done with their items' outcomes."""
    db = bm.connect()
    types = {t for (t,) in db.execute("SELECT DISTINCT type FROM "
                                      "visit_findings")}
    (linked,) = db.execute("SELECT count(*) FROM visit_findings WHERE "
                           "event_id IS NOT NULL").fetchone()
    db.close()
    assert types == {"normal", "hardship", "hazard", "dispute",
                     "info_change"} and linked > 0, (types, linked)
    g = login("grid01", counter=None)
    r, j = jreq("GET", "/api/v1/visits?per_page=100", token=g)
    assert j["total"] > 0 and {x["grid"]["id"] for x in j["items"]} == {1}
    r, c = jreq("GET", "/api/v1/visits/coverage", token=g)
    cov = c["items"][0]
    assert cov["visited_30d"] > 0 and cov["visited_90d"] > \
        cov["visited_30d"] and cov["never_visited"] > 0, cov
    s = login("super01", counter=None)
    r, j = jreq("GET", "/api/v1/tasks?per_page=100", token=s)
    statuses = {x["status"] for x in j["items"]}
    assert statuses == {"open", "overdue", "done"}, j
    outcomes = set()
    for t in j["items"]:
        p = t["progress"]
        outcomes |= {k for k in ("done", "unreachable", "refused", "open")
                     if p[k] > 0}
    assert outcomes == {"done", "unreachable", "refused", "open"}, j
    r, j = jreq("GET", "/api/v1/tasks/mine", token=g)
    assert j["total"] > 0, j


if __name__ == "__main__":
    bm.main(globals())
