#!/usr/bin/env python3
"""Tasks (docs/api.md 21): a supervisor issues a task over the residents a
query chooses — the list fixed then, one item per resident for the member
of the resident's grid —, grid members see and work through their own
items only, and the supervisor sees the progress per grid member and the
items left open past the deadline. Time is moved as the other tests move
it: by putting the stored deadline in the past, never the machine's
clock."""

import datetime

import bm
from bm import jreq, post, login, problem, field_codes


def today():
    return datetime.date.fromisoformat(bm.service_date())


def in_days(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def chosen(community, min_age=None, tag=None):
    """{resident id: (grid, grid member)} as the query should choose."""
    born = "9999-12-31"
    if min_age:
        t = today()
        born = "%04d%s" % (t.year - min_age, t.isoformat()[4:])
    db = bm.connect()
    rows = db.execute(
        "SELECT r.id, r.grid_id, g.member_id FROM residents r JOIN grids g "
        "ON g.id = r.grid_id WHERE r.community_id = ? AND r.birth_date <= ? "
        "AND (? = '' OR instr(',' || r.tags || ',', ',' || ? || ',') > 0) "
        "AND r.status NOT IN ('deceased', 'moved_out')",
        (community, born, tag or "", tag or "")).fetchall()
    db.close()
    return {r: (g, m) for r, g, m in rows}


def issue(t, **kw):
    body = {"title": "走访60岁以上居民", "deadline": in_days(7),
            "query": {"community_id": 1, "min_age": 60}}
    body.update(kw)
    return post("/api/v1/tasks", body, t)


def items(t, task, query=""):
    r, j = jreq("GET", "/api/v1/tasks/%d/items?per_page=100%s" % (task,
                query), token=t)
    assert r.status == 200, j
    return j["items"]


def outcome(t, item, version, **body):
    return post("/api/v1/task-items/%d/outcome" % item, body, t,
                if_match=version)


def test_issued_and_worked_through():
    s = login("super01", counter=None)
    g = login("grid01", counter=None)
    want = chosen(1, min_age=60)
    r, task = issue(s, note="重点了解独居情况")
    assert r.status == 201, task
    assert r.getheader("Location") == "/api/v1/tasks/%d" % task["id"]
    assert task["status"] == "open" and task["centre"]["id"] == 1
    assert task["query"] == {"community": {"id": 1, "name": "红旗社区"},
                             "grid": None, "min_age": 60, "tag": None}, task
    assert task["progress"] == {"total": len(want), "open": len(want),
                                "done": 0, "unreachable": 0, "refused": 0,
                                "overdue": 0}, task
    every = items(s, task["id"])
    assert {i["resident"]["id"]: (i["grid"]["id"], i["assignee"]["id"])
            for i in every} == want, every
    assert all(i["age"] >= 60 and i["outcome"] is None and not i["overdue"]
               for i in every), every
    per = {a["assignee"]["id"]: a["total"] for a in task["per_assignee"]}
    assert sum(per.values()) == len(want) and per[2] == sum(
        1 for _, m in want.values() if m == 2) >= 2, per
    # grid01's share, and only his
    mine = items(g, task["id"])
    assert mine and {i["assignee"]["id"] for i in mine} == {2}, mine
    assert items(g, task["id"], "&assignee=6") == []
    r, j = jreq("GET", "/api/v1/tasks/mine?status=open", token=g)
    row = [x for x in j["items"] if x["id"] == task["id"]][0]
    assert row["progress"]["total"] == len(mine), row
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=g)
    assert [a["assignee"]["id"] for a in j["per_assignee"]] == [2], j
    # outcomes: a note says why one was not reached or refused
    a, b = mine[0], mine[1]
    r, j = outcome(g, a["id"], 1, outcome="done")
    assert r.status == 200 and j["outcome"] == "done" and j["version"] == 2
    assert r.getheader("ETag") == '"2"' and j["recorded_by"]["name"] == \
        "刘建军", j
    r, j = outcome(g, b["id"], 1, outcome="refused")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "note": "required"}, j
    r, j = outcome(g, b["id"], 1, outcome="unreachable",
                   note="两次上门无人，电话未接")
    assert r.status == 200 and j["note"] == "两次上门无人，电话未接", j
    r, j = outcome(g, a["id"], 1, outcome="refused", note="x")
    assert problem(r, j, 412, "precondition-failed")[
        "current_version"] == 2, j
    # another member's item is not his to see or record
    other = [i for i in every if i["assignee"]["id"] != 2][0]
    r, j = outcome(g, other["id"], 1, outcome="done")
    problem(r, j, 404, "not-found")
    # the supervisor's view: progress per grid member
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=s)
    assert j["progress"]["done"] == 1 and j["progress"]["unreachable"] \
        == 1 and j["progress"]["open"] == len(want) - 2, j
    mine_row = [x for x in j["per_assignee"] if x["assignee"]["id"] == 2][0]
    assert (mine_row["done"], mine_row["unreachable"], mine_row["open"]) \
        == (1, 1, len(mine) - 2), mine_row
    left = items(s, task["id"], "&outcome=open")
    assert len(left) == len(want) - 2 and a["id"] not in [
        i["id"] for i in left], left
    done = items(s, task["id"], "&outcome=done&outcome=unreachable")
    assert {i["id"] for i in done} == {a["id"], b["id"]}, done
    # the supervisor records one too; then every item is done
    for i in items(s, task["id"], "&outcome=open"):
        r, j = outcome(s, i["id"], i["version"], outcome="done")
        assert r.status == 200, j
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=s)
    assert j["status"] == "done" and j["progress"]["open"] == 0, j
    r, j = jreq("GET", "/api/v1/tasks?status=done&per_page=100", token=s)
    assert task["id"] in [x["id"] for x in j["items"]], j
    r, j = jreq("GET", "/api/v1/tasks?status=open&per_page=100", token=s)
    assert task["id"] not in [x["id"] for x in j["items"]], j


def test_overdue_after_the_deadline():
    s = login("super01", counter=None)
    g = login("grid01", counter=None)
    r, task = issue(s, title="低保复核", query={"tag": "low_income"})
    assert r.status == 201, task
    want = chosen(1, tag="low_income")
    assert task["progress"]["total"] == len(want), task
    mine = items(g, task["id"])
    assert len(mine) == sum(1 for _, m in want.values() if m == 2) >= 1
    r, j = outcome(g, mine[0]["id"], 1, outcome="done")
    assert r.status == 200, j
    # the deadline passes
    db = bm.connect()
    db.execute("UPDATE tasks SET deadline = ? WHERE id = ?",
               (in_days(-1), task["id"]))
    db.commit()
    db.close()
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=s)
    assert j["status"] == "overdue" and j["progress"]["overdue"] == \
        len(want) - 1, j
    late = items(s, task["id"], "&overdue=true")
    assert len(late) == len(want) - 1 and all(i["overdue"] for i in late)
    assert [i["id"] for i in items(s, task["id"], "&overdue=false")] == [
        mine[0]["id"]]
    r, j = jreq("GET", "/api/v1/tasks?status=overdue&per_page=100", token=s)
    assert task["id"] in [x["id"] for x in j["items"]], j
    # grid01's share is done: for him the task is not overdue
    r, j = jreq("GET", "/api/v1/tasks/mine?status=overdue&per_page=100",
                token=g)
    assert (task["id"] in [x["id"] for x in j["items"]]) == (len(mine) > 1)
    # an outcome may still be recorded late
    for i in late:
        r, j = outcome(s, i["id"], i["version"], outcome="refused",
                       note="本人拒绝")
        assert r.status == 200 and not j["overdue"], j
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=s)
    assert j["status"] == "done" and j["progress"]["overdue"] == 0, j


def test_the_list_is_fixed_when_issued():
    s = login("super01", counter=None)
    r, task = issue(s, query={"community_id": 1, "tag": "disabled"})
    n = task["progress"]["total"]
    db = bm.connect()
    db.execute("UPDATE residents SET tags = 'disabled' WHERE id = (SELECT "
               "min(id) FROM residents WHERE community_id = 1 AND tags = "
               "'')")
    db.commit()
    db.close()
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=s)
    assert j["progress"]["total"] == n, j
    r, again = issue(s, query={"community_id": 1, "tag": "disabled"})
    assert again["progress"]["total"] == n + 1, again


def test_the_dead_and_moved_out_are_left_out():
    """A task over residents leaves out the dead and those moved away;
    a death only reported stays, for the grid member to see to."""
    s = login("super01", counter=None)
    db = bm.connect()
    ids = [r for (r,) in db.execute(
        "SELECT id FROM residents WHERE community_id = 1 AND status = "
        "'active' AND instr(',' || tags || ',', ',disabled,') = 0 ORDER "
        "BY id LIMIT 3").fetchall()]
    for rid, status in zip(ids, ("deceased", "moved_out",
                                 "death_reported")):
        db.execute("UPDATE residents SET tags = 'disabled', status = ? "
                   "WHERE id = ?", (status, rid))
    db.commit()
    db.close()
    r, task = issue(s, query={"community_id": 1, "tag": "disabled"})
    assert r.status == 201, task
    got = {i["resident"]["id"] for i in items(s, task["id"])}
    assert ids[0] not in got and ids[1] not in got, got
    assert ids[2] in got, got
    assert got == set(chosen(1, tag="disabled")), got


def test_who_may():
    s = login("super01", counter=None)
    r, task = issue(s, query={"grid_id": 3, "min_age": 1})
    assert r.status == 201 and {a["assignee"]["id"] for a in
                                task["per_assignee"]} == {7}, task
    item = items(s, task["id"])[0]
    g = login("grid01", counter=None)
    c = login()
    # a clerk issues no task and sees none
    for t in (c, g):
        r, j = issue(t)
        problem(r, j, 403, "forbidden")
        r, j = jreq("GET", "/api/v1/tasks", token=t)
        problem(r, j, 403, "forbidden")
    for path in ("/api/v1/tasks/mine", "/api/v1/tasks/%d" % task["id"],
                 "/api/v1/tasks/%d/items" % task["id"]):
        r, j = jreq("GET", path, token=c)
        problem(r, j, 403, "forbidden")
    r, j = outcome(c, item["id"], 1, outcome="done")
    problem(r, j, 403, "forbidden")
    # grid01 has no item in it: he does not see it
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=g)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/tasks/%d/items" % task["id"], token=g)
    problem(r, j, 404, "not-found")
    r, j = outcome(g, item["id"], 1, outcome="done")
    problem(r, j, 404, "not-found")
    # another centre's supervisor neither
    bm.add_staff("super03", "super01", 2)
    o = login("super03", counter=None)
    r, j = jreq("GET", "/api/v1/tasks/%d" % task["id"], token=o)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/tasks?per_page=100", token=o)
    assert task["id"] not in [x["id"] for x in j["items"]], j
    r, j = outcome(o, item["id"], 1, outcome="done")
    problem(r, j, 404, "not-found")


def test_what_a_task_must_hold():
    s = login("super01", counter=None)
    r, j = post("/api/v1/tasks", {"title": "", "deadline": in_days(-1)}, s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "title": "required", "deadline": "date", "query": "required"}, j
    r, j = issue(s, query={})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "query": "required"}, j
    r, j = issue(s, deadline="2026-02-30", query={
        "community_id": 2, "tag": "rich", "min_age": 0, "x": 1})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "deadline": "date", "query.community_id": "not_found",
        "query.tag": "option", "query.min_age": "range",
        "query.x": "unknown_field"}, j
    r, j = issue(s, query={"community_id": 1, "min_age": 150})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "query": "empty"}, j
    r, j = issue(login("admin", counter=None), query={
        "community_id": 1, "grid_id": 9, "min_age": 60})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "query.grid_id": "mismatch"}, j
    r, j = issue(login("admin", counter=None), query={"min_age": 60})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "query.community_id": "required"}, j
    r, t = issue(s)
    r, j = jreq("GET", "/api/v1/tasks/%d/items?outcome=lost&overdue=1" %
                t["id"], token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "outcome": "option", "overdue": "option"}, j
    item = items(s, t["id"])[0]
    r, j = outcome(s, item["id"], 1, outcome="lost", note="x" * 501)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "outcome": "option", "note": "too_long"}, j


if __name__ == "__main__":
    bm.main(globals())
