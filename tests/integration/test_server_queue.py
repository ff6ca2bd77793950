#!/usr/bin/env python3
"""The queue (docs/api.md 11): tickets numbered per category, call-next
in queue order with reservations first, recall, skip, transfer, done,
the counts, and a ticket carried into an application."""

import bm
from bm import jreq, post, login, problem, field_codes


def issue(t, category):
    r, j = post("/api/v1/queue/tickets", {"category_id": category}, t)
    assert r.status == 201, j
    return j


def call(t, counter, **kw):
    body = {"counter": counter}
    body.update(kw)
    return post("/api/v1/queue/call-next", body, t)


def test_queue_day():
    t = login(counter="5")
    # empty at first, for this centre
    r, j = call(t, "5")
    problem(r, j, 404, "queue-empty")
    a1, a2, e1 = issue(t, 1), issue(t, 1), issue(t, 5)
    assert a1["number"] == "A001" and a2["number"] == "A002", (a1, a2)
    assert e1["number"] == "E001" and e1["category"]["code"] == "05"
    assert a2["waiting_ahead"] == 1 and a1["status"] == "waiting"
    r, j = jreq("GET", "/api/v1/queue/tickets?status=waiting", token=t)
    assert [i["number"] for i in j["items"]] == ["A001", "A002", "E001"], j
    assert j["counts"]["waiting"] == 3
    assert [c["category"]["code"] for c in j["counts"]["waiting_by_category"]
            ] == ["01", "05"]
    # call-next takes the earliest, and only of the asked categories
    r, c = call(t, "5", category_ids=[5])
    assert c["number"] == "E001" and c["status"] == "called", c
    assert c["counter"] == "5" and c["called_by"]["name"] == "陈晓梅"
    # the next call finishes the counter's current ticket
    r, c2 = call(t, "5")
    assert c2["number"] == "A001", c2
    r, j = jreq("GET", "/api/v1/queue/tickets?status=done", token=t)
    assert [i["number"] for i in j["items"]] == ["E001"], j
    # skip, recall, done
    path = "/api/v1/queue/tickets/%d/" % c2["id"]
    r, s = post(path + "skip", None, t)
    assert s["status"] == "skipped" and s["finished_at"], s
    r, s = post(path + "skip", None, t)
    assert problem(r, s, 409, "invalid-transition")["allowed"] == ["recall"]
    r, s = post(path + "recall", {"counter": "6"}, t)
    assert s["status"] == "called" and s["counter"] == "6", s
    assert s["recalls"] == 1
    r, s = post(path + "recall", {"counter": "7"}, t)
    assert field_codes(problem(r, s, 400, "validation")) == {
        "counter": "mismatch"}
    r, s = post(path + "done", {}, t)
    assert s["status"] == "done"
    r, s = post(path + "transfer", {"counter": "5"}, t)
    problem(r, s, 409, "invalid-transition")


def test_transfer_and_reservation():
    t = login(counter="8")
    x, y = issue(t, 2), issue(t, 2)
    r, s = post("/api/v1/queue/tickets/%d/transfer" % y["id"],
                {"counter": "8", "category_id": 3}, t)
    assert field_codes(problem(r, s, 400, "validation")) == {
        "counter": "mismatch", "category_id": "mismatch"}
    r, s = post("/api/v1/queue/tickets/%d/transfer" % y["id"], {}, t)
    assert field_codes(problem(r, s, 400, "validation")) == {
        "counter": "required", "category_id": "required"}
    r, s = post("/api/v1/queue/tickets/%d/transfer" % y["id"],
                {"counter": "8"}, t)
    assert s["status"] == "waiting" and s["counter"] == "8", s
    # the reservation goes ahead of the earlier ticket, for counter 8 only
    r, c = call(t, "8")
    assert c["id"] == y["id"], c
    r, s = post("/api/v1/queue/tickets/%d/transfer" % x["id"],
                {"category_id": 4}, t)
    assert s["category"]["code"] == "04" and s["number"] == x["number"]
    assert s["queued_at"] == x["queued_at"]


def test_ticket_into_application_and_scope():
    t = login(counter="9")
    tk = issue(t, 12)
    r, svc = jreq("GET", "/api/v1/services/by-code/1205", token=t)
    body = {"service_id": svc["id"], "resident_id": bm.find(
        t, "610202198503150021"), "ticket_id": tk["id"], "data": {
        "reason": "路灯不亮", "phone": "13700002222", "declaration": True},
        "materials": [{"name": "居民身份证", "originals": 1, "copies": 1}]}
    # a waiting ticket is not being served yet
    r, j = post("/api/v1/applications", body, t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "ticket_id": "mismatch"}
    r, c = call(t, "9", category_ids=[12])
    assert c["id"] == tk["id"], c
    r, a = post("/api/v1/applications", body, t)
    assert r.status == 201 and a["ticket_id"] == tk["id"], a
    r, j = jreq("GET", "/api/v1/queue/tickets?status=serving", token=t)
    assert tk["id"] in [i["id"] for i in j["items"]], j
    other = login("clerk02", counter="1")
    r, s = post("/api/v1/queue/tickets/%d/done" % tk["id"], None, other)
    problem(r, s, 404, "not-found")
    r, j = jreq("GET", "/api/v1/queue/tickets", token=other)
    assert tk["id"] not in [i["id"] for i in j["items"]]
    r, j = jreq("GET", "/api/v1/queue/tickets?centre_id=1", token=other)
    assert j["total"] == 0, j
    r, j = post("/api/v1/queue/tickets", {"category_id": 99}, t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "category_id": "not_found"}
    r, j = post("/api/v1/queue/tickets", {"category_id": 1},
                login("grid01", counter=None))
    problem(r, j, 403, "forbidden")


def test_thousandth_ticket_is_refused():
    t = login(counter="2")
    k = issue(t, 11)
    db = bm.connect()
    db.execute("UPDATE sequences SET last = 999 WHERE name LIKE 'tkt:%:L'")
    db.commit()
    db.close()
    r, j = post("/api/v1/queue/tickets", {"category_id": 11}, t)
    problem(r, j, 409, "conflict")
    assert k["number"] == "L001"


if __name__ == "__main__":
    bm.main(globals())
