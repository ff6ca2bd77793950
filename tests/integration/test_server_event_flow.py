#!/usr/bin/env python3
"""The grid event's loop (docs/api.md 12): 签收, 反馈, 自办自结, 退回,
上报上级 with the unit's 签收, 核查 with a rating, 结案, 延期 asked and
approved or refused, 督办; each step in the timeline, each refused with
409 from a wrong state and 403 from a wrong person; deadlines from the
urgency on the working-day calendar, with due-soon and overdue marks."""
import datetime
import os
import tempfile

import bm
from bm import jreq, post, login, problem, field_codes


def staff_id(username):
    db = bm.connect()
    (i,) = db.execute("SELECT id FROM staff WHERE username = ?",
                      (username,)).fetchone()
    db.close()
    return i


def unit_id(code):
    r, j = jreq("GET", "/api/v1/event-units", token=login())
    assert r.status == 200, j
    return [u["id"] for u in j["items"] if u["code"] == code][0]


def grid_member_of_grid_2():
    """grid-002, the member of 红旗社区第2网格, able to log in."""
    db = bm.connect()
    db.execute("UPDATE staff SET password_hash = (SELECT password_hash "
               "FROM staff WHERE username = 'grid01') WHERE username = "
               "'grid-002'")
    db.commit()
    db.close()
    bm.PASSWORDS["grid-002"] = bm.PASSWORDS["grid01"]
    return login("grid-002", counter=None)


def report(t, **kw):
    body = {"category": "environment", "location": "红旗街8号院东门",
            "description": "垃圾桶满溢，无人清运", "urgency": "normal",
            "grid_id": 1}
    body.update(kw)
    r, e = post("/api/v1/events", body, t)
    assert r.status == 201, e
    return e


def act(t, e, action, **kw):
    """One step on event e at its version; (response, body)."""
    body = {"action": action}
    body.update(kw)
    return post("/api/v1/events/%d/actions" % e["id"], body, t,
                if_match=e["version"])


def ok(t, e, action, **kw):
    r, j = act(t, e, action, **kw)
    assert r.status == 200, (action, j)
    assert j["version"] == e["version"] + 1, j
    return j


def steps(e):
    return [(u["action"], u["status"]) for u in e["updates"]]


def grid():
    return login("grid01", counter=None)


def boss():
    return login("super01", counter=None)


def test_escalated_signed_handled_checked_closed():
    g, s = grid(), boss()
    e = report(g)
    assert e["actions"] == ["self_resolve"], e
    r, j = jreq("GET", "/api/v1/events/%d" % e["id"], token=s)
    assert j["actions"] == ["return", "escalate", "close", "supervise"], j
    # only a supervisor sends it up, to a unit of the centre's list
    r, j = act(g, e, "escalate", unit_id=unit_id("urban"), note="需执法")
    problem(r, j, 403, "forbidden")
    r, j = act(s, e, "escalate", note="需执法")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "unit_id": "required"}
    r, j = act(s, e, "escalate", unit_id=999, note="需执法")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "unit_id": "not_found"}
    e = ok(s, e, "escalate", unit_id=unit_id("urban"),
           note="占道堆放，需城管执法")
    assert e["status"] == "escalated" and e["unit"]["name"] == \
        "城市管理执法中队" and e["unit"]["level"] == "department", e
    assert e["updates"][-1]["unit"]["code"] == "urban", e
    # the unit signs for it: the supervisor acts for it, not the grid
    r, j = act(g, e, "sign")
    assert problem(r, j, 403, "forbidden")["detail"] == \
        "签收须由站长代上级单位办理", j
    e = ok(s, e, "sign", note="城管中队张队长签收")
    assert e["status"] == "in_progress" and e["unit"]["code"] == "urban"
    r, j = act(g, e, "feedback", note="已清运")
    problem(r, j, 403, "forbidden")
    r, j = act(s, e, "feedback")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}
    e = ok(s, e, "feedback", note="已清运并处罚占道商户")
    assert e["status"] == "resolved" and e["due_soon"] is False
    # checked by its reporter, with a rating; closed by the supervisor
    r, j = act(g, e, "check")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "rating": "required"}
    r, j = act(g, e, "check", rating=6)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "rating": "range"}
    r, j = act(g, e, "close")
    assert problem(r, j, 409, "invalid-transition")["current_status"] == \
        "resolved", j
    e = ok(g, e, "check", rating=4, note="现场已无垃圾")
    assert e["status"] == "checked" and e["rating"] == 4, e
    assert e["actions"] == [], e
    r, j = act(g, e, "close")
    problem(r, j, 403, "forbidden")
    e = ok(s, e, "close")
    assert e["status"] == "closed" and e["actions"] == [], e
    assert steps(e) == [("report", "reported"), ("escalate", "escalated"),
                        ("sign", "in_progress"), ("feedback", "resolved"),
                        ("check", "checked"), ("close", "closed")], e
    who = [u["staff"]["name"] for u in e["updates"]]
    assert who == ["刘建军", "王秀兰", "王秀兰", "王秀兰", "刘建军",
                   "王秀兰"], who
    assert e["updates"][4]["rating"] == 4 and e["updates"][2]["note"] == \
        "城管中队张队长签收", e
    # nothing follows 结案
    for action in ("supervise", "return", "sign"):
        r, j = act(s, e, action, note="x")
        assert problem(r, j, 409, "invalid-transition")["actions"] == [], j


def test_assigned_signed_handled_and_checked():
    g, s = grid(), boss()
    e = report(g)
    r, e = post("/api/v1/events/%d/assign" % e["id"], {
        "assignee_id": staff_id("grid01")}, s, if_match=e["version"])
    assert e["status"] == "assigned", e
    assert e["actions"] == ["sign", "return", "escalate", "extend",
                            "supervise"], e
    r, j = jreq("GET", "/api/v1/events/%d" % e["id"], token=g)
    assert j["actions"] == ["sign", "return", "extend"], j
    r, j = act(g, e, "feedback", note="x")
    problem(r, j, 409, "invalid-transition")
    e = ok(g, e, "sign")
    e = ok(g, e, "feedback", note="已清运")
    # the reporter is not satisfied: back to the handler with a reason
    r, j = act(g, e, "return")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}
    e = ok(g, e, "return", note="东门仍有垃圾")
    assert e["status"] == "in_progress" and e["assignee"]["name"] == \
        "刘建军", e
    e = ok(g, e, "feedback", note="东门已清运")
    e = ok(s, e, "check", rating=5)
    e = ok(s, e, "close", note="办结")
    assert [a for a, _ in steps(e)] == [
        "report", "assign", "sign", "feedback", "return", "feedback",
        "check", "close"], e


def test_self_resolved_checked_by_the_supervisor():
    g, s = grid(), boss()
    e = report(g, urgency="low")
    r, j = act(s, e, "self_resolve", note="x")
    assert problem(r, j, 403, "forbidden")["detail"] == \
        "只有上报人可以自办自结", j
    r, j = act(g, e, "self_resolve")
    problem(r, j, 400, "validation")
    e = ok(g, e, "self_resolve", note="已自行联系物业清运")
    assert e["status"] == "resolved" and e["self_resolved"] is True, e
    # who handled it does not check it
    r, j = act(g, e, "check", rating=5)
    assert "站长核查" in problem(r, j, 403, "forbidden")["detail"], j
    # not accepted: back to its reporter, who reports it again
    e = ok(s, e, "return", note="需物业书面回复")
    assert e["status"] == "returned" and e["self_resolved"] is False, e
    assert e["actions"] == ["supervise"], e
    r, j = act(s, e, "resubmit")
    problem(r, j, 403, "forbidden")
    e = ok(g, e, "resubmit", note="已取得物业回复")
    assert e["status"] == "reported", e
    e = ok(g, e, "self_resolve", note="物业已书面回复并清运")
    e = ok(s, e, "check", rating=3)
    e = ok(s, e, "close")
    assert [a for a, _ in steps(e)] == [
        "report", "self_resolve", "return", "resubmit", "self_resolve",
        "check", "close"], e


def test_returns_go_back_a_step():
    g, s = grid(), boss()
    # a report the centre sends back to its reporter
    e = report(g)
    e = ok(s, e, "return", note="地点不详，请补充门牌号")
    assert e["status"] == "returned", e
    assert e["updates"][-1]["note"] == "地点不详，请补充门牌号"
    # an assignee who is not the one for it hands it back to the centre
    e = report(g)
    r, e = post("/api/v1/events/%d/assign" % e["id"], {
        "assignee_id": staff_id("grid01")}, s, if_match=e["version"])
    e = ok(g, e, "return", note="不属本网格")
    assert e["status"] == "reported" and e["assignee"] is None, e
    # a unit that is not the one for it sends it back to the centre
    e = ok(s, e, "escalate", unit_id=unit_id("fire"), note="疑似消防隐患")
    e = ok(s, e, "return", note="经查非消防问题")
    assert e["status"] == "reported" and e["unit"] is None, e
    assert e["updates"][-1]["unit"]["code"] == "fire", e
    # and from there to a staff of the centre after all
    r, e = post("/api/v1/events/%d/assign" % e["id"], {
        "assignee_id": staff_id("grid01")}, s, if_match=e["version"])
    assert e["status"] == "assigned" and e["unit"] is None


def test_extension_asked_refused_and_approved():
    g, s = grid(), boss()
    e = report(g, urgency="high")
    r, e = post("/api/v1/events/%d/assign" % e["id"], {
        "assignee_id": staff_id("grid01")}, s, if_match=e["version"])
    e = ok(g, e, "sign")
    due = e["due_date"]
    later = (datetime.date.fromisoformat(due) +
             datetime.timedelta(days=5)).isoformat()
    r, j = act(g, e, "extend", until=due, note="需协调物业")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "until": "date"}
    r, j = act(g, e, "extend", until=later)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}
    r, j = act(g, e, "sign", until=later)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "until": "mismatch"}
    e = ok(g, e, "extend", until=later, note="需协调物业")
    assert e["extension"]["until"] == later and e["extension"][
        "reason"] == "需协调物业" and e["extension"]["requested_by"][
        "name"] == "刘建军", e
    assert e["due_date"] == due and e["status"] == "in_progress"
    r, j = act(g, e, "extend", until=later, note="再次")
    assert problem(r, j, 409, "invalid-transition")["detail"] == \
        "已有延期申请待审批", j
    r, j = act(g, e, "approve_extension")
    problem(r, j, 403, "forbidden")
    # refused: the deadline stays
    e = ok(s, e, "refuse_extension", note="三日内可以完成")
    assert e["extension"] is None and e["due_date"] == due, e
    r, j = act(s, e, "approve_extension")
    assert problem(r, j, 409, "invalid-transition")["detail"] == \
        "没有待审批的延期申请", j
    # approved: the deadline moves
    e = ok(g, e, "extend", until=later, note="物业经理出差")
    e = ok(s, e, "approve_extension", note="同意")
    assert e["extension"] is None and e["due_date"] == later, e
    assert [(u["action"], u["until"]) for u in e["updates"][-4:]] == [
        ("extend", later), ("refuse_extension", later),
        ("extend", later), ("approve_extension", later)], e
    assert all(u["status"] is None for u in e["updates"][-4:]), e


def test_supervision_is_counted():
    g, s = grid(), boss()
    e = report(g)
    r, j = act(g, e, "supervise", note="x")
    problem(r, j, 403, "forbidden")
    r, j = act(s, e, "supervise")
    problem(r, j, 400, "validation")
    e = ok(s, e, "supervise", note="请尽快派遣")
    e = ok(s, e, "supervise", note="已超过一日，请今日处理")
    assert e["supervisions"] == 2 and e["status"] == "reported", e
    assert [u["note"] for u in e["updates"] if u["action"] ==
            "supervise"] == ["请尽快派遣", "已超过一日，请今日处理"], e
    r, j = jreq("GET", "/api/v1/events?status=reported", token=s)
    assert [x["supervisions"] for x in j["items"] if x["id"] ==
            e["id"]] == [2], j


def test_who_may_act():
    g, s = grid(), boss()
    e = report(g)
    # the member of another grid, a clerk: no part in it
    other = grid_member_of_grid_2()
    r, j = act(other, e, "self_resolve", note="x")
    problem(r, j, 403, "forbidden")
    r, j = act(login("clerk01"), e, "check", rating=1)
    problem(r, j, 403, "forbidden")
    # another centre's clerk does not see it at all
    r, j = act(login("clerk02"), e, "supervise", note="x")
    problem(r, j, 404, "not-found")
    # once it is his, a clerk signs for it
    r, e = post("/api/v1/events/%d/assign" % e["id"], {
        "assignee_id": staff_id("clerk01")}, s, if_match=e["version"])
    r, j = act(other, e, "sign")
    problem(r, j, 403, "forbidden")
    r, j = act(g, e, "sign")
    problem(r, j, 403, "forbidden")
    e = ok(login("clerk01"), e, "sign")
    # an admin acts as a supervisor
    e = ok(login("admin", counter=None), e, "supervise", note="抽查")
    # the version is checked before the state
    r, j = post("/api/v1/events/%d/actions" % e["id"], {"action": "close"},
                s, if_match=1)
    problem(r, j, 412, "precondition-failed")
    r, j = post("/api/v1/events/%d/actions" % e["id"], {"action": "close"},
                s)
    problem(r, j, 428, "precondition-required")
    r, j = act(s, e, "fly")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "action": "option"}
    r, j = act(s, e, "supervise", note="x", rating=3, unit_id=1)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "rating": "mismatch", "unit_id": "mismatch"}


def test_units_and_list_filters():
    s = boss()
    r, j = jreq("GET", "/api/v1/event-units", token=login("grid01",
                                                           counter=None))
    assert r.status == 200 and j["items"][0]["level"] == "street", j
    assert {u["code"] for u in j["items"]} >= {"street", "urban", "fire"}
    r, j = jreq("GET", "/api/v1/event-units?x=1", token=s)
    problem(r, j, 400, "validation")
    e = report(grid())
    e = ok(s, e, "escalate", unit_id=unit_id("police"), note="治安")
    r, j = jreq("GET", "/api/v1/events?unit_id=%d&status=escalated" %
                unit_id("police"), token=s)
    assert e["id"] in [x["id"] for x in j["items"]], j
    r, j = jreq("GET", "/api/v1/events?due=later", token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {"due": "option"}


# --- deadlines --------------------------------------------------------

def workday_fn(off, work):
    def workday(d):
        return d in work or (d.weekday() < 5 and d not in off)
    return workday


def add_workdays(d, n, workday):
    while n > 0:
        d += datetime.timedelta(days=1)
        n -= workday(d)
    return d


def deadlines():
    # the first weekday after today off (a holiday), the first Saturday
    # worked (调休): each deadline counts them, and the weekends
    t0 = datetime.date.fromisoformat(bm.service_date())
    day = t0 + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    sat = t0 + datetime.timedelta(days=(5 - t0.weekday()) % 7 or 7)
    off, work = {day}, {sat}
    lines = ["year %d" % y for y in (t0.year - 1, t0.year, t0.year + 1)]
    lines += ["%s off 测试假日" % day, "%s work 测试调休" % sat]
    d = tempfile.mkdtemp(prefix="bianmin-cal-")
    path = os.path.join(d, "calendar.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    workday = workday_fn(off, work)
    shared = bm.S
    bm.S = bm.OwnServer("--calendar", path)
    try:
        g, s = grid(), boss()
        got = {}
        for urgency, n in (("urgent", 1), ("high", 3), ("normal", 7),
                           ("low", 15)):
            e = report(g, urgency=urgency)
            on = datetime.date.fromisoformat(
                bm.service_date(e["reported_at"]))
            want = add_workdays(on, n, workday).isoformat()
            assert e["due_date"] == want, (urgency, e["due_date"], want)
            got[urgency] = e
        # an urgent one is due on the next working day: due soon
        assert got["urgent"]["due_soon"] is True, got["urgent"]
        assert got["low"]["due_soon"] is False and got["low"][
            "overdue"] is False
        r, j = jreq("GET", "/api/v1/events?due=soon&per_page=100", token=s)
        ids = [x["id"] for x in j["items"]]
        assert got["urgent"]["id"] in ids and got["low"]["id"] not in ids
        assert all(x["due_soon"] for x in j["items"]), j
        # past its deadline: overdue, until it is handled
        e = got["normal"]
        db = bm.connect()
        db.execute("UPDATE events SET due_date = ? WHERE id = ?",
                   ((t0 - datetime.timedelta(days=3)).isoformat(),
                    e["id"]))
        db.commit()
        db.close()
        r, e = jreq("GET", "/api/v1/events/%d" % e["id"], token=s)
        assert e["overdue"] is True and e["due_soon"] is False, e
        r, j = jreq("GET", "/api/v1/events?due=overdue&per_page=100",
                    token=s)
        ids = [x["id"] for x in j["items"]]
        assert e["id"] in ids and got["urgent"]["id"] not in ids, j
        assert all(x["overdue"] for x in j["items"]), j
        e = ok(g, e, "self_resolve", note="已处理")
        assert e["overdue"] is False, e
    finally:
        bm.S.stop()
        bm.S = shared


def test_deadlines_by_urgency_count_the_calendar():
    bm.harness.within_one_day(deadlines)


if __name__ == "__main__":
    bm.main(globals())
