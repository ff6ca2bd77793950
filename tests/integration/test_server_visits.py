#!/usr/bin/env python3
"""Visits (走访, docs/api.md 20): a grid member records visits to the
households of his own grid — whom he met, what he found, the event a
finding raised — and no other's; a supervisor sees his centre's, a clerk
reads them; per grid, the households visited in the last 30 and 90 days
and those never visited, on the coverage route, the unvisited list and
the supervisor's daily figures."""

import datetime

import bm
from bm import jreq, post, login, problem, field_codes


def households(grid):
    """The households of a grid, each with its members' ids."""
    db = bm.connect()
    rows = db.execute("SELECT h.id, r.id FROM households h JOIN residents "
                      "r ON r.household_id = h.id WHERE h.grid_id = ? "
                      "ORDER BY h.id, r.id", (grid,)).fetchall()
    db.close()
    out = {}
    for h, r in rows:
        out.setdefault(h, []).append(r)
    return out


def ago(days):
    t = datetime.datetime.now(datetime.timezone.utc) - \
        datetime.timedelta(days=days)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def visit(t, household, key=None, **kw):
    body = {"household_id": household, "met_note": "无人在家",
            "findings": [{"type": "normal"}]}
    body.update(kw)
    return post("/api/v1/visits", body, t, **({"key": key} if key else {}))


def test_visit_with_an_event():
    g = login("grid01", counter=None)
    hid, members = sorted(households(1).items())[0]
    r, e = post("/api/v1/events", {"category": "safety", "location": "3号楼",
                "description": "楼道堆放杂物", "urgency": "normal",
                "grid_id": 1, "resident_id": members[0]}, g)
    assert r.status == 201, e
    r, v = post("/api/v1/visits", {
        "household_id": hid, "met": [members[0]],
        "findings": [{"type": "normal"},
                     {"type": "hazard", "note": "楼道堆放杂物\n影响通行",
                      "followup": "三日内复查", "event_id": e["id"]}]}, g)
    assert r.status == 201, v
    assert r.getheader("Location") == "/api/v1/visits/%d" % v["id"]
    assert v["household"]["id"] == hid and v["grid"]["id"] == 1
    assert v["staff"]["name"] == "刘建军" and v["met_note"] is None
    assert [m["id"] for m in v["met"]] == [members[0]]
    assert v["met"][0]["id_number_masked"].count("*") == 11
    assert v["findings"][0] == {"type": "normal", "note": None,
                                "followup": None, "event": None}, v
    assert v["findings"][1]["event"] == {"id": e["id"],
                                         "category": "safety",
                                         "status": "reported"}, v
    assert v["findings"][1]["followup"] == "三日内复查"
    assert bm.service_date(v["visited_at"]) == bm.service_date()
    # the grid member, his supervisor and a clerk of the centre read it
    for who in ("grid01", "super01", "clerk01"):
        r, j = jreq("GET", "/api/v1/visits/%d" % v["id"], token=login(
                    who, counter="1" if who == "clerk01" else None))
        assert r.status == 200 and j == v, (who, j)
    r, j = jreq("GET", "/api/v1/visits/%d" % v["id"],
                token=login("clerk02"))
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/visits?household_id=%d" % hid, token=g)
    assert j["items"][0]["id"] == v["id"], j
    # the event moves on; the visit shows where it is
    s = login("super01", counter=None)
    r, j = post("/api/v1/events/%d/assign" % e["id"], {"assignee_id": 2},
                s, if_match=1)
    assert r.status == 200, j
    r, j = jreq("GET", "/api/v1/visits/%d" % v["id"], token=g)
    assert j["findings"][1]["event"]["status"] == "assigned", j
    # a replay gives the same visit, a second one is another
    key = "visit-replay-1"
    r1, a = visit(g, hid, key=key)
    r2, b = visit(g, hid, key=key)
    assert r1.status == 201 and r2.getheader("Idempotent-Replayed") == \
        "true" and a["id"] == b["id"], (a, b)


def test_only_his_own_grid():
    g = login("grid01", counter=None)
    s = login("super01", counter=None)
    other = sorted(households(2))[0]
    r, j = visit(g, other)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "household_id": "not_found"}, j
    # a clerk records no visit
    r, j = visit(login(), other)
    problem(r, j, 403, "forbidden")
    # the supervisor records one in grid 2; grid01 does not see it
    r, v = visit(s, other)
    assert r.status == 201 and v["staff"]["name"] == "王秀兰", v
    r, j = jreq("GET", "/api/v1/visits/%d" % v["id"], token=g)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/visits?grid_id=2", token=g)
    assert j["total"] == 0, j
    r, mine = visit(g, sorted(households(1))[0])
    r, j = jreq("GET", "/api/v1/visits?per_page=100", token=g)
    assert mine["id"] in [x["id"] for x in j["items"]]
    assert j["items"] and {x["grid"]["id"] for x in j["items"]} == {1}, j
    r, j = jreq("GET", "/api/v1/visits?grid_id=2", token=login())
    assert v["id"] in [x["id"] for x in j["items"]], j
    # another centre's staff see none of them
    r, j = jreq("GET", "/api/v1/visits?per_page=100", token=login("clerk02"))
    assert "红旗社区" not in str(j), j


def test_what_a_visit_must_hold():
    g = login("grid01", counter=None)
    homes = sorted(households(1).items())
    (hid, members), (_, others) = homes[0], homes[1]
    r, e = post("/api/v1/events", {"category": "other", "location": "x",
                "description": "y", "urgency": "low", "grid_id": 2},
                login("super01", counter=None))
    r, j = post("/api/v1/visits", {
        "household_id": hid, "met": [others[0], members[0], members[0]],
        "visited_at": ago(-1),
        "findings": [{"type": "hazard"}, {"type": "ufo"},
                     {"type": "dispute", "note": "邻里纠纷",
                      "event_id": e["id"], "x": 1}]}, g)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "met[0]": "mismatch", "met[2]": "duplicate",
        "visited_at": "date", "findings[0].note": "required",
        "findings[1].type": "option", "findings[2].event_id": "mismatch",
        "findings[2].x": "unknown_field"}, j
    r, j = post("/api/v1/visits", {"household_id": hid, "findings": [],
                "visited_at": "2026-11-29 08:30"}, g)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "findings": "too_short", "visited_at": "pattern"}, j
    r, j = post("/api/v1/visits", {"household_id": hid, "met": [],
                "findings": [{"type": "normal"}]}, g)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "met": "required"}, j
    r, j = visit(g, hid, visited_at=ago(400))
    assert field_codes(problem(r, j, 400, "validation")) == {
        "visited_at": "date"}, j
    r, j = visit(g, hid, findings=[{"type": "normal"}] * 11)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "findings": "too_long"}, j


def coverage(t, grid):
    r, j = jreq("GET", "/api/v1/visits/coverage?grid_id=%d" % grid, token=t)
    assert r.status == 200 and j["total"] == 1, j
    return j["items"][0]


def unvisited(t, grid, days=None):
    q = "/api/v1/visits/unvisited?per_page=100&grid_id=%d" % grid
    r, j = jreq("GET", q + ("&days=%d" % days if days else ""), token=t)
    assert r.status == 200, j
    return [x["id"] for x in j["items"]]


def test_visited_and_never_visited():
    s = login("super01", counter=None)
    homes = households(3)
    before = coverage(s, 3)
    assert before["households"] == len(homes), before
    assert before["grid"]["name"] == "红旗社区第3网格" and \
        before["member"]["id"] == 7, before
    never = unvisited(s, 3)
    assert len(never) == before["never_visited"] >= 3, (never, before)
    a, b, c = never[:3]
    for h, days in ((a, 0), (b, 40), (c, 100)):
        r, j = visit(s, h, visited_at=ago(days))
        assert r.status == 201, j
    after = coverage(s, 3)
    assert after["visited_30d"] == before["visited_30d"] + 1, after
    assert after["visited_90d"] == before["visited_90d"] + 2, after
    assert after["never_visited"] == before["never_visited"] - 3, after
    assert bm.service_date(after["last_visit_at"]) == bm.service_date()
    assert not {a, b, c} & set(unvisited(s, 3))
    assert c in unvisited(s, 3, 90) and b not in unvisited(s, 3, 90)
    assert b in unvisited(s, 3, 30) and a not in unvisited(s, 3, 30)
    r, j = jreq("GET", "/api/v1/visits/unvisited?grid_id=3&days=90",
                token=s)
    row = [x for x in j["items"] if x["id"] == c][0]
    assert row["last_visit_at"] == ago(100)[:10] + row["last_visit_at"][
        10:] and row["grid"]["id"] == 3 and row["member_count"] >= 1, row
    # the supervisor's daily figures: the centre's and each grid's
    r, d = jreq("GET", "/api/v1/stats/daily", token=s)
    assert r.status == 200, d
    grids = {x["grid"]["id"]: x for x in d["visits"]["per_grid"]}
    g3 = {k: grids[3][k] for k in ("households", "visited_30d",
                                    "visited_90d", "never_visited")}
    assert g3 == {k: after[k] for k in g3}, (g3, after)
    assert set(grids) == set(range(1, 9)), grids.keys()
    assert d["visits"]["households"] == sum(x["households"] for x in
                                            grids.values()), d["visits"]
    assert d["visits"]["never_visited"] == sum(
        x["never_visited"] for x in grids.values()), d["visits"]
    # a day before the visits, they were not there yet
    yesterday = (datetime.date.fromisoformat(bm.service_date()) -
                 datetime.timedelta(days=1)).isoformat()
    r, d = jreq("GET", "/api/v1/stats/daily?date=" + yesterday, token=s)
    grids = {x["grid"]["id"]: x for x in d["visits"]["per_grid"]}
    assert grids[3]["visited_30d"] == before["visited_30d"] + 0 and \
        grids[3]["visited_90d"] == before["visited_90d"] + 1, grids[3]


def test_a_grid_members_coverage_is_his_own():
    g = login("grid01", counter=None)
    r, j = jreq("GET", "/api/v1/visits/coverage?per_page=100", token=g)
    assert [x["grid"]["id"] for x in j["items"]] == [1], j
    r, j = jreq("GET", "/api/v1/visits/coverage?grid_id=3", token=g)
    assert j["total"] == 0, j
    assert unvisited(g, 3) == []
    r, j = jreq("GET", "/api/v1/visits/coverage?per_page=100",
                token=login())
    assert [x["grid"]["id"] for x in j["items"]] == list(range(1, 9)), j
    r, j = jreq("GET", "/api/v1/visits/coverage?days=3", token=g)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "days": "unknown_field"}, j


if __name__ == "__main__":
    bm.main(globals())
