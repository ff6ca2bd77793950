#!/usr/bin/env python3
"""The counter's rules (docs/api.md 8 and 10): an application withdrawn
by its applicant before 办结 (撤回); a certificate voided (作废) and one
corrected (更正), and what public verification then says."""
import uuid

import bm
from bm import jreq, post, login, problem, field_codes

SERVICE = 5                     # 0105 社会保障卡申领, no conditions
MATERIALS = [{"name": "居民身份证", "originals": 1, "copies": 1},
             {"name": "近期一寸免冠照片", "originals": 0, "copies": 2}]


def new_resident(t):
    from test_server_residents import new_id_number
    n = uuid.uuid4().int
    r, j = post("/api/v1/residents", {
        "name": "刘撤回", "id_number": new_id_number(
            "19%02d%02d%02d" % (50 + n % 40, 1 + n // 40 % 12,
                                1 + n // 480 % 28)),
        "address": "红旗街1号", "community_id": 1}, t)
    assert r.status == 201, j
    return j["id"]


def new_app(t, resident=None):
    r, j = post("/api/v1/applications", {
        "service_id": SERVICE, "resident_id": resident or new_resident(t),
        "data": {"declaration": True, "phone": "13700001111"},
        "materials": MATERIALS}, t)
    assert r.status == 201, j
    return j


def act(t, a, body, want=200):
    r, j = post("/api/v1/applications/%d/transitions" % a["id"], body, t,
                if_match=a["version"])
    assert r.status == want, (body, r.status, j)
    return j


def test_withdraw():
    t = login()
    a = new_app(t)
    # the applicant's reason is required, 2 to 200 characters
    j = act(t, a, {"action": "withdraw"}, want=400)
    assert field_codes(j) == {"reason": "required"}, j
    j = act(t, a, {"action": "withdraw", "reason": "x"}, want=400)
    assert field_codes(j) == {"reason": "too_short"}, j
    j = act(t, a, {"action": "withdraw", "reason": "不办了",
                   "department": "x"}, want=400)
    assert field_codes(j) == {"department": "unknown_field"}, j
    a = act(t, a, {"action": "accept"})
    a = act(t, a, {"action": "request_materials",
                   "missing_materials": ["户口簿"]})
    # waiting for materials, it may still be withdrawn
    w = act(t, a, {"action": "withdraw", "reason": "申请人已在外地办理"})
    assert w["status"] == "withdrawn" and w["reason"] == "申请人已在外地办理"
    assert w["overdue"] is False
    # closed: nothing more, and the service may be applied for again
    j = act(t, w, {"action": "accept"}, want=409)
    assert j["current_status"] == "withdrawn" and j["allowed"] == [], j
    again = new_app(t, w["resident"]["id"])
    assert again["status"] == "submitted"
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % w["id"],
                 token=t)
    last = tl["items"][-1]
    assert last["action"] == "withdraw" and last["to_status"] == \
        "withdrawn" and last["from_status"] == "materials_requested", last
    assert last["reason"] == "申请人已在外地办理", last
    r, j = jreq("GET", "/api/v1/applications?status=withdrawn&resident_id="
                "%d" % w["resident"]["id"], token=t)
    assert r.status == 200 and [i["id"] for i in j["items"]] == [w["id"]]


def test_withdraw_not_after_completion():
    t = login()
    a = new_app(t)
    a = act(t, a, {"action": "accept"})
    a = act(t, a, {"action": "complete"})
    j = act(t, a, {"action": "withdraw", "reason": "不办了"}, want=409)
    assert j["current_status"] == "completed" and j["allowed"] == [
        "collect"], j
    # from submitted it is allowed, and listed among the allowed
    b = new_app(t)
    j = act(t, b, {"action": "complete"}, want=409)
    assert j["allowed"] == ["accept", "reject", "withdraw"], j


def test_withdraw_grid_refused():
    t = login()
    a = new_app(t)
    g = login("grid01")
    r, j = post("/api/v1/applications/%d/transitions" % a["id"],
                {"action": "withdraw", "reason": "不办了"}, g, if_match=1)
    problem(r, j, 403, "forbidden")


if __name__ == "__main__":
    bm.main(globals())
