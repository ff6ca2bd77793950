#!/usr/bin/env python3
"""Hand-offs (docs/api.md 9): a batch of accepted applications forwarded
in one transaction with a numbered 交接单, refused whole when one is not
accepted, and the back office's receipt on every timeline."""
import re

import bm
from bm import jreq, post, login, problem, field_codes
from test_server_applications import new_app


def accepted(t):
    r, a = new_app(t)
    r, j = post("/api/v1/applications/%d/transitions" % a["id"],
                {"action": "accept"}, t, if_match=1)
    assert r.status == 200, j
    return j


def test_handoff_and_receipt():
    t = login()
    a, b = accepted(t), accepted(t)
    r, h = post("/api/v1/handoffs", {"application_ids": [b["id"], a["id"]],
                "to": "街道民政办", "note": "高龄津贴 2 件"}, t)
    assert r.status == 201, h
    assert r.getheader("Location") == "/api/v1/handoffs/%d" % h["id"]
    assert re.fullmatch(r"610202002-J\d{8}-\d{3}", h["number"]), h
    assert h["status"] == "sent" and h["received_at"] is None
    assert [x["id"] for x in h["applications"]] == [b["id"], a["id"]]
    assert {x["status"] for x in h["applications"]} == {"forwarded"}
    r, g = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert g["department"] == "街道民政办" and g["version"] == 3, g
    r, j = jreq("GET", "/api/v1/handoffs?status=sent", token=t)
    assert h["id"] in [x["id"] for x in j["items"]]
    assert [x for x in j["items"] if x["id"] == h["id"]][0][
        "application_count"] == 2
    r, rc = post("/api/v1/handoffs/%d/receipt" % h["id"],
                 {"received_by": "赵敏", "note": "原件齐全"}, t)
    assert r.status == 200 and rc["status"] == "received", rc
    assert rc["received_by"] == "赵敏" and rc["receipt_staff"]["id"]
    r, rc2 = post("/api/v1/handoffs/%d/receipt" % h["id"],
                  {"received_by": "赵敏"}, t)
    j = problem(r, rc2, 409, "invalid-transition")
    assert j["current_status"] == "received" and j["allowed"] == []
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                 token=t)
    acts = [(e["action"], e["note"]) for e in tl["items"]]
    assert acts[-2] == ("forward", "交接单 " + h["number"]), acts
    assert acts[-1] == ("handoff_received", "交接单 " + h["number"]), acts
    r, j = jreq("GET", "/api/v1/handoffs/%d" % h["id"],
                token=login("clerk02"))
    problem(r, j, 404, "not-found")


def test_refused_whole():
    t = login()
    a = accepted(t)
    r, b = new_app(t)
    r, j = post("/api/v1/handoffs", {"application_ids": [a["id"], b["id"]],
                "to": "街道民政办"}, t)
    problem(r, j, 409, "invalid-transition")
    assert j["conflicts"] == [{"id": b["id"], "number": b["number"],
                               "status": "submitted"}], j
    r, g = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert g["status"] == "accepted", g
    r, j = post("/api/v1/handoffs", {"application_ids": [a["id"], a["id"],
                999999], "to": ""}, t)
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"application_ids": "duplicate", "to": "required"}, codes
    r, j = post("/api/v1/handoffs", {"application_ids": [999999],
                "to": "x"}, t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "application_ids[0]": "not_found"}
    r, j = post("/api/v1/handoffs", {"application_ids": [a["id"]],
                "to": "x"}, login("grid01", counter=None))
    problem(r, j, 403, "forbidden")


if __name__ == "__main__":
    bm.main(globals())
