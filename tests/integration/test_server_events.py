#!/usr/bin/env python3
"""Grid events (docs/api.md 12): reported by a grid member, assigned by a
supervisor, worked through by the assignee, each step with If-Match and
kept in the history; who may do what."""

import bm
from bm import jreq, post, login, problem, field_codes, find


def staff_id(username):
    db = bm.connect()
    (i,) = db.execute("SELECT id FROM staff WHERE username = ?",
                      (username,)).fetchone()
    db.close()
    return i


def report(t, **kw):
    body = {"category": "facilities", "location": "红旗街12号院3号楼西侧",
            "description": "楼道灯损坏，夜间无照明\n独居老人出行不便",
            "urgency": "normal", "grid_id": 1}
    body.update(kw)
    return post("/api/v1/events", body, t)


def test_event_lifecycle():
    g = login("grid01", counter=None)
    s = login("super01", counter=None)
    rid = find(g, "610202198503150021")
    r, e = report(g, resident_id=rid)
    assert r.status == 201, e
    assert r.getheader("Location") == "/api/v1/events/%d" % e["id"]
    assert r.getheader("ETag") == '"1"' and e["status"] == "reported"
    assert e["community"]["name"] == "红旗社区" and e["reporter"]["name"] \
        == "刘建军"
    assert e["resident"]["id_number_masked"] == "610***********0021"
    assert len(e["updates"]) == 1
    path = "/api/v1/events/%d/" % e["id"]
    # a grid member who is not the assignee may not update it
    r, j = post(path + "updates", {"note": "看过了"}, g, if_match=1)
    problem(r, j, 403, "forbidden")
    r, j = post(path + "assign", {"assignee_id": staff_id("grid01")}, g,
                if_match=1)
    problem(r, j, 403, "forbidden")
    r, j = post(path + "assign", {"assignee_id": staff_id("grid01"),
                "note": "请今日内处理"}, s)
    problem(r, j, 428, "precondition-required")
    r, j = post(path + "assign", {"assignee_id": staff_id("clerk02")}, s,
                if_match=1)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "assignee_id": "not_found"}
    r, j = post(path + "assign", {"assignee_id": staff_id("grid01"),
                "note": "请今日内处理"}, s, if_match=1)
    assert r.status == 200 and j["status"] == "assigned", j
    assert j["assignee"]["name"] == "刘建军" and j["version"] == 2
    r, j = post(path + "updates", {"status": "resolved", "note": "x"}, g,
                if_match=2)
    assert problem(r, j, 409, "invalid-transition")["allowed"] == [
        "in_progress"], j
    r, j = post(path + "updates", {"status": "in_progress"}, g, if_match=1)
    assert problem(r, j, 412, "precondition-failed")["current_version"] == 2
    r, j = post(path + "updates", {"status": "in_progress"}, g, if_match=2)
    assert j["status"] == "in_progress", j
    r, j = post(path + "updates", {"status": "resolved"}, g, if_match=3)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}
    r, j = post(path + "updates", {"status": "resolved",
                "note": "已更换灯具"}, g, if_match=3)
    assert j["status"] == "resolved"
    r, j = post(path + "updates", {"status": "closed"}, g, if_match=4)
    problem(r, j, 409, "invalid-transition")
    # a handled event is checked (核查) before it is closed
    r, j = post(path + "updates", {"status": "closed"}, s, if_match=4)
    assert problem(r, j, 409, "invalid-transition")["actions"] == [
        "return", "check", "supervise"], j
    r, j = post(path + "actions", {"action": "check", "rating": 5}, s,
                if_match=4)
    assert j["status"] == "checked" and j["rating"] == 5, j
    r, j = post(path + "updates", {"status": "closed"}, s, if_match=5)
    assert j["status"] == "closed", j
    assert [u["status"] for u in j["updates"]] == [
        "reported", "assigned", "in_progress", "resolved", "checked",
        "closed"], j
    assert [u["action"] for u in j["updates"]] == [
        "report", "assign", "sign", "feedback", "check", "close"], j
    r, j = jreq("GET", "/api/v1/events/%d" % e["id"], token=login())
    assert r.status == 200 and r.getheader("ETag") == '"6"'
    r, j = jreq("GET", "/api/v1/events/%d" % e["id"],
                token=login("clerk02"))
    problem(r, j, 404, "not-found")


def test_lists_and_errors():
    g = login("grid01", counter=None)
    r, e = report(g, urgency="urgent")
    r, j = jreq("GET", "/api/v1/events?urgency=urgent&status=reported",
                token=g)
    assert e["id"] in [x["id"] for x in j["items"]] and "updates" not in \
        j["items"][0], j
    r, j = jreq("GET", "/api/v1/events?assignee=me", token=g)
    assert r.status == 200
    r, j = jreq("GET", "/api/v1/events", token=login("clerk02"))
    assert e["id"] not in [x["id"] for x in j["items"]]
    r, j = report(g, category="ufo", urgency="soon", grid_id=9,
                  description="", location="x" * 101)
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"category": "option", "urgency": "option",
                     "grid_id": "not_found", "description": "required",
                     "location": "too_long"}, codes
    r, j = report(login())
    problem(r, j, 403, "forbidden")
    # a report that was unfounded is closed by a supervisor, with a note
    s = login("super01", counter=None)
    r, j = post("/api/v1/events/%d/updates" % e["id"], {"status": "closed"},
                s, if_match=1)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}
    r, j = post("/api/v1/events/%d/updates" % e["id"], {"status": "closed",
                "note": "重复上报"}, s, if_match=1)
    assert j["status"] == "closed", j


if __name__ == "__main__":
    bm.main(globals())
