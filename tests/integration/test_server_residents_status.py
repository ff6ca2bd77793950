#!/usr/bin/env python3
"""The 一库's people (docs/api.md 4, 5, 8): a resident's residence type,
人户 state and status (迁入, 迁出, a death reported by a grid member and
confirmed by a supervisor), data-error flags, the history that keeps who,
when, why and the old value of every change, the refusal of a deceased
or moved-out applicant, and who may do each of these."""
import uuid

import bm
from bm import jreq, post, login, problem, field_codes, find
from test_server_applications import DATA, MATERIALS, service
from test_server_residents import new_id_number

WANG = "61020219671111005X"     # 王建国, 红旗社区, grid 2 (not grid01's)


def grid01():
    return login("grid01", counter=None)


def supervisor():
    return login("super01", counter=None)


def new_resident(grid=1, birth=None, name="赵德厚"):
    """A new resident of 红旗社区 in grid (grid01's is 1), aged 80 or more
    unless birth says otherwise; returns the profile."""
    n = uuid.uuid4().int
    birth = birth or "19%02d%02d%02d" % (30 + n % 15, 1 + n // 15 % 12,
                                         1 + n // 180 % 28)
    r, j = post("/api/v1/residents", {
        "name": name, "id_number": new_id_number(birth),
        "address": "红旗街8号院2号楼1单元301室", "community_id": 1,
        "grid_id": grid}, login())
    assert r.status == 201, j
    return j


def act(t, rid, version, **body):
    return post("/api/v1/residents/%d/transitions" % rid, body, t,
                if_match=version)


def apply_for(t, rid):
    """A 0501 (高龄津贴) application for the resident."""
    return post("/api/v1/applications", {
        "service_id": service(t, "0501")["id"], "resident_id": rid,
        "data": dict(DATA), "materials": MATERIALS}, t)


def history(t, rid):
    r, j = jreq("GET", "/api/v1/residents/%d/history?per_page=100" % rid,
                token=t)
    assert r.status == 200, j
    return j["items"]


def test_death_reported_by_grid_member_and_confirmed_by_supervisor():
    p = new_resident()
    rid, g, s, clerk = p["id"], grid01(), supervisor(), login()
    assert p["status"] == "active" and p["death"] is None, p
    today = bm.service_date()
    r, j = act(g, rid, p["version"], action="report_death", date=today,
               reason="入户走访时家属告知")
    assert r.status == 200, j
    assert j["status"] == "death_reported" and j["version"] == \
        p["version"] + 1, j
    assert j["death"] == {"date": today, "source": None}, j
    # a clerk, or the grid member himself, cannot confirm a death
    for t in (clerk, g):
        r, e = act(t, rid, j["version"], action="confirm_death",
                   source="医院死亡医学证明")
        problem(r, e, 403, "forbidden")
    r, e = act(s, rid, j["version"], action="confirm_death")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "source": "required"}
    r, e = act(s, rid, j["version"], action="confirm_death",
               source="医院死亡医学证明", date=today)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "date": "unknown_field"}
    # while only reported, the resident may still be an applicant
    r, a = apply_for(clerk, rid)
    assert r.status == 201, a
    r, j = act(s, rid, j["version"], action="confirm_death",
               source="医院死亡医学证明")
    assert r.status == 200 and j["status"] == "deceased", j
    assert j["death"] == {"date": today, "source": "医院死亡医学证明"}, j
    # a deceased resident has no action left
    r, e = act(s, rid, j["version"], action="move_out", date=today,
               place="x")
    e = problem(r, e, 409, "invalid-transition")
    assert e["current_status"] == "deceased" and e["allowed"] == [], e
    # the history keeps who, when, why and the old value
    h = history(clerk, rid)
    by = {(x["action"], x["field"]): x for x in h}
    rep = by[("report_death", "status")]
    assert rep["staff"]["name"] == "刘建军" and rep["old_value"] == \
        "active" and rep["new_value"] == "death_reported", rep
    assert rep["reason"] == "入户走访时家属告知", rep
    assert bm.service_date(rep["at"]) == today, rep
    assert by[("report_death", "death_date")]["new_value"] == today
    conf = by[("confirm_death", "status")]
    assert conf["staff"]["name"] == "王秀兰" and conf["old_value"] == \
        "death_reported" and conf["new_value"] == "deceased", conf
    assert by[("confirm_death", "death_source")]["new_value"] == \
        "医院死亡医学证明"
    assert h[0]["id"] > h[-1]["id"], "newest first"
    # a new application for the deceased resident is refused, clearly
    r, e = apply_for(clerk, rid)
    e = problem(r, e, 422, "resident-inactive")
    assert e["resident_status"] == "deceased" and e["since"] == today, e
    assert "死亡" in e["detail"] and "不能作为申请人" in e["detail"], e
    # ... and the one opened before is on the supervisor's list
    r, lst = jreq("GET", "/api/v1/applications?applicant=deceased&"
                  "per_page=100", token=s)
    assert r.status == 200 and a["id"] in [x["id"] for x in lst["items"]]
    assert all(x["status"] in ("submitted", "accepted",
                               "materials_requested", "forwarded")
               for x in lst["items"]), lst
    r, lst = jreq("GET", "/api/v1/applications?applicant=moved_out&"
                  "per_page=100", token=s)
    assert a["id"] not in [x["id"] for x in lst["items"]]
    r, e = jreq("GET", "/api/v1/applications?applicant=alive", token=s)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "applicant": "option"}
    # audited
    db = bm.connect()
    rows = db.execute("SELECT detail FROM audit WHERE action = "
                      "'transition' AND object = ? ORDER BY id",
                      ("resident/%d" % rid,)
                      ).fetchall()
    db.close()
    assert [x[0] for x in rows] == ["report_death", "confirm_death"], rows


def test_a_death_reported_in_error_is_rejected():
    p = new_resident()
    rid, g, s = p["id"], grid01(), supervisor()
    r, j = act(g, rid, p["version"], action="report_death",
               date=bm.service_date())
    assert r.status == 200, j
    r, e = act(g, rid, j["version"], action="reject_death", reason="同名误报")
    problem(r, e, 403, "forbidden")
    r, e = act(s, rid, j["version"], action="reject_death")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "reason": "required"}
    r, j = act(s, rid, j["version"], action="reject_death",
               reason="经核实系同名误报")
    assert r.status == 200 and j["status"] == "active", j
    assert j["death"] is None, j
    h = history(s, rid)
    assert h[0]["action"] == "reject_death" and h[0]["reason"] == \
        "经核实系同名误报", h[0]
    assert {(x["field"], x["old_value"], x["new_value"]) for x in h
            if x["action"] == "reject_death"} == {
        ("status", "death_reported", "active"),
        ("death_date", bm.service_date(), None)}, h
    r, a = apply_for(login(), rid)
    assert r.status == 201, a


def test_move_out_and_back_in():
    p = new_resident(birth="19900315")
    rid, clerk = p["id"], login()
    r, e = act(clerk, rid, p["version"], action="move_out",
               date="2999-01-01", place="西安市雁塔区")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "date": "date"}
    r, e = act(clerk, rid, p["version"], action="move_out",
               date="2026-02-30")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "date": "date", "place": "required"}
    r, e = act(clerk, rid, p["version"], action="bury")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "action": "option"}
    r, j = act(clerk, rid, p["version"], action="move_out",
               date="2025-06-01", place="西安市雁塔区", reason="工作调动")
    assert r.status == 200 and j["status"] == "moved_out", j
    assert j["moved_out"] == {"date": "2025-06-01", "to": "西安市雁塔区"}
    r, e = act(clerk, rid, j["version"], action="report_death",
               date="2025-07-01")
    e = problem(r, e, 409, "invalid-transition")
    assert e["current_status"] == "moved_out" and e["allowed"] == [
        "move_in"], e
    r, e = apply_for(clerk, rid)
    e = problem(r, e, 422, "resident-inactive")
    assert e["resident_status"] == "moved_out" and e["since"] == \
        "2025-06-01" and "迁出" in e["detail"], e
    r, j = act(clerk, rid, j["version"], action="move_in",
               date="2025-09-01", place="西安市雁塔区", reason="调回")
    assert r.status == 200 and j["status"] == "active", j
    assert j["moved_in"] == {"date": "2025-09-01", "from": "西安市雁塔区"}
    h = history(clerk, rid)
    got = {(x["action"], x["field"], x["old_value"], x["new_value"])
           for x in h}
    assert ("move_out", "status", "active", "moved_out") in got, got
    assert ("move_out", "moved_out_on", None, "2025-06-01") in got, got
    assert ("move_in", "status", "moved_out", "active") in got, got
    assert all(x["staff"]["name"] == "陈晓梅" for x in h), h


def test_stale_version_is_refused():
    p = new_resident()
    rid, g = p["id"], grid01()
    r, e = act(g, rid, p["version"] + 1, action="report_death",
               date=bm.service_date())
    assert problem(r, e, 412, "precondition-failed")["current_version"] \
        == p["version"], e
    r, e = post("/api/v1/residents/%d/transitions" % rid, {
        "action": "report_death", "date": bm.service_date()}, g)
    problem(r, e, 428, "precondition-required")
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=g)
    assert j["status"] == "active" and history(g, rid) == [], j


def test_residence_and_presence_keep_their_history():
    p = new_resident(birth="19950101")
    rid, clerk = p["id"], login()
    assert p["residence"] == "registered" and p["presence"] == \
        "consistent", p
    r, e = jreq("PATCH", "/api/v1/residents/%d" % rid, {
        "residence": "tourist", "status": "deceased"}, token=clerk,
        if_match=p["version"])
    assert field_codes(problem(r, e, 400, "validation")) == {
        "residence": "option", "status": "not_patchable"}, e
    r, j = jreq("PATCH", "/api/v1/residents/%d" % rid, {
        "residence": "floating", "presence": "here_not_registered",
        "phone": "13912345678", "reason": "走访核实：户籍在西安，在此租住"},
        token=clerk, if_match=p["version"])
    assert r.status == 200 and j["residence"] == "floating", j
    assert j["presence"] == "here_not_registered", j
    h = {x["field"]: x for x in history(clerk, rid)}
    assert h["residence"]["old_value"] == "registered" and \
        h["residence"]["new_value"] == "floating", h
    assert h["presence"]["reason"] == "走访核实：户籍在西安，在此租住"
    assert h["presence"]["action"] == "update" and h["presence"][
        "staff"]["name"] == "陈晓梅", h
    # the phone is kept masked, as the API shows it
    assert h["phone"]["old_value"] is None and h["phone"]["new_value"] == \
        "139****5678", h["phone"]
    r, j2 = jreq("PATCH", "/api/v1/residents/%d" % rid, {
        "phone": "13912340000"}, token=clerk, if_match=j["version"])
    assert r.status == 200, j2
    last = history(clerk, rid)[0]
    assert last["field"] == "phone" and last["old_value"] == \
        "139****5678" and last["reason"] is None, last
    r, s = jreq("GET", "/api/v1/residents?id_number=" + find_id(rid),
                token=clerk)
    assert s["items"][0]["status"] == "active", s


def find_id(rid):
    db = bm.connect()
    (n,) = db.execute("SELECT id_number FROM residents WHERE id = ?",
                      (rid,)).fetchone()
    db.close()
    return n


def test_flags_raised_and_resolved():
    p = new_resident()
    rid, clerk, g, s = p["id"], login(), grid01(), supervisor()
    path = "/api/v1/residents/%d/flags" % rid
    r, e = post(path, {"text": "x"}, clerk)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "text": "too_short"}
    r, f = post(path, {"text": "库内姓名为赵德厚，户口簿为赵得厚"}, clerk)
    assert r.status == 201 and f["status"] == "open", f
    assert f["raised_by"]["name"] == "陈晓梅" and f["resolved_at"] is None
    r, f2 = post(path, {"text": "已搬离本址，现住址不详"}, g)
    assert r.status == 201 and f2["raised_by"]["name"] == "刘建军", f2
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=clerk)
    assert [x["id"] for x in j["flags"]] == [f["id"], f2["id"]], j
    assert j["version"] == p["version"] + 2, j
    r, lst = jreq("GET", "/api/v1/resident-flags?status=open&resident_id="
                  "%d" % rid, token=s)
    assert [x["id"] for x in lst["items"]] == [f["id"], f2["id"]], lst
    res = "/api/v1/resident-flags/%d/resolve" % f["id"]
    for t in (clerk, g):
        r, e = post(res, {"resolution": "已核对"}, t)
        problem(r, e, 403, "forbidden")
    r, done = post(res, {"resolution": "核对户口簿，已更正为赵得厚"}, s)
    assert r.status == 200 and done["status"] == "resolved", done
    assert done["resolved_by"]["name"] == "王秀兰", done
    r, e = post(res, {"resolution": "再次处理"}, s)
    assert problem(r, e, 409, "invalid-transition")["current_status"] == \
        "resolved"
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=clerk)
    assert [x["id"] for x in j["flags"]] == [f2["id"]], j
    h = history(clerk, rid)
    assert h[0]["action"] == "resolve_flag" and h[0]["old_value"] == \
        "库内姓名为赵德厚，户口簿为赵得厚" and h[0]["new_value"] == \
        "核对户口簿，已更正为赵得厚", h[0]
    assert {x["action"] for x in h} >= {"flag", "resolve_flag"}, h
    r, lst = jreq("GET", "/api/v1/resident-flags?status=resolved&"
                  "resident_id=%d" % rid, token=s)
    assert [x["id"] for x in lst["items"]] == [f["id"]], lst


def test_grid_member_sees_and_changes_only_his_grid():
    g, clerk = grid01(), login()
    wang = find(clerk, WANG)
    r, j = jreq("GET", "/api/v1/residents?id_number=" + WANG, token=g)
    assert r.status == 200 and j["total"] == 0, j
    r, p = jreq("GET", "/api/v1/residents/%d" % wang, token=clerk)
    for method, path, body in (
            ("GET", "/api/v1/residents/%d", None),
            ("GET", "/api/v1/residents/%d/history", None),
            ("POST", "/api/v1/residents/%d/flags", {"text": "核实"}),
            ("POST", "/api/v1/residents/%d/transitions", {
                "action": "report_death", "date": bm.service_date()}),
            ("PATCH", "/api/v1/residents/%d", {"residence": "lodging"})):
        r, e = jreq(method, path % wang, body, token=g,
                    key=uuid.uuid4().hex if method == "POST" else None,
                    if_match=p["version"] if method != "GET" else None)
        problem(r, e, 404, "not-found")
    r, e = jreq("GET", "/api/v1/households/%d" % p["household"]["id"],
                token=g)
    problem(r, e, 404, "not-found")
    r, hh = jreq("GET", "/api/v1/households?per_page=100", token=g)
    assert hh["total"] > 0 and all(x["grid"]["id"] == 1
                                   for x in hh["items"]), hh
    r, j = jreq("GET", "/api/v1/residents?per_page=100&community_id=1",
                token=g)
    assert j["total"] > 0, j
    # his own grid's residents he reaches
    mine = new_resident()
    r, j = jreq("GET", "/api/v1/residents/%d" % mine["id"], token=g)
    assert r.status == 200, j
    r, j = jreq("GET", "/api/v1/residents/%d" % wang, token=clerk)
    assert r.status == 200 and j["status"] == "active", j


def household(t, hid):
    r, j = jreq("GET", "/api/v1/households/%d" % hid, token=t)
    assert r.status == 200, j
    assert r.getheader("ETag") == '"%d"' % j["version"], j
    return j


def hh_act(t, hid, version, **body):
    return post("/api/v1/households/%d/actions" % hid, body, t,
                if_match=version)


def members(h):
    return {m["id"]: m["relation"] for m in h["members"]}


def new_household(t, head=None, grid=1):
    body = {"community_id": 1, "grid_id": grid,
            "address": "红旗街20号院1号楼2单元101室"}
    if head:
        body["head_id"] = head
    r, h = post("/api/v1/households", body, t)
    assert r.status == 201, h
    assert r.getheader("Location") == "/api/v1/households/%d" % h["id"]
    return h


def test_household_members_added_moved_removed_and_head_changed():
    clerk = login()
    a, b, c, d = (new_resident(birth=x)["id"] for x in (
        "19600101", "19900202", "19920303", "19650404"))
    h = new_household(clerk, head=a)
    assert h["version"] == 1 and members(h) == {a: "户主"}, h
    assert h["head"]["id"] == a, h
    r, e = hh_act(clerk, h["id"], 1, action="add_member", resident_id=b,
                  relation="户主")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "relation": "option"}
    r, e = hh_act(clerk, h["id"], 1, action="remove_member",
                  resident_id=b, relation="子")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "relation": "unknown_field"}
    r, h = hh_act(clerk, h["id"], 1, action="add_member", resident_id=b,
                  relation="子", reason="户口簿登记")
    assert r.status == 200 and members(h) == {a: "户主", b: "子"}, h
    assert h["version"] == 2 and h["member_count"] == 2, h
    # c moves here from another household, which changes too
    other = new_household(clerk, head=d)
    r, o = hh_act(clerk, other["id"], 1, action="add_member",
                  resident_id=c, relation="女")
    assert r.status == 200, o
    r, e = hh_act(clerk, h["id"], 2, action="add_member", resident_id=b)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "resident_id": "mismatch"}
    r, h = hh_act(clerk, h["id"], 2, action="add_member", resident_id=c,
                  relation="儿媳", reason="婚后迁入")
    assert r.status == 200 and members(h)[c] == "儿媳", h
    o = household(clerk, other["id"])
    assert members(o) == {d: "户主"} and o["version"] == 3, o
    hist = {x["field"]: x for x in reversed(history(clerk, c))
            if x["action"] == "household"}     # the newest of each
    assert hist["household_id"]["old_value"] == str(other["id"]) and \
        hist["household_id"]["new_value"] == str(h["id"]), hist
    assert hist["relation"]["old_value"] == "女" and \
        hist["relation"]["new_value"] == "儿媳" and \
        hist["relation"]["reason"] == "婚后迁入", hist
    # the profile's household table follows
    r, pa = jreq("GET", "/api/v1/residents/%d" % a, token=clerk)
    assert {m["id"] for m in pa["household"]["members"]} == {a, b, c}, pa
    # the head of a household with members may not leave it
    r, e = hh_act(clerk, h["id"], h["version"], action="remove_member",
                  resident_id=a)
    assert problem(r, e, 409, "household-head")["household_id"] == h["id"]
    r, e = hh_act(clerk, other["id"], 3, action="add_member",
                  resident_id=a, relation="其他")
    problem(r, e, 409, "household-head")
    r, e = hh_act(clerk, h["id"], h["version"], action="change_head",
                  resident_id=b)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "former_head_relation": "required"}
    r, e = hh_act(clerk, h["id"], h["version"], action="set_relation",
                  resident_id=a, relation="父")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "resident_id": "mismatch"}
    r, h = hh_act(clerk, h["id"], h["version"], action="change_head",
                  resident_id=b, former_head_relation="父")
    assert r.status == 200 and members(h) == {a: "父", b: "户主",
                                             c: "儿媳"}, h
    assert h["head"]["id"] == b, h
    r, h = hh_act(clerk, h["id"], h["version"], action="set_relation",
                  resident_id=c, relation="配偶")
    assert members(h)[c] == "配偶", h
    r, h = hh_act(clerk, h["id"], h["version"], action="remove_member",
                  resident_id=a, reason="老人随女儿居住")
    assert r.status == 200 and a not in members(h), h
    r, pa = jreq("GET", "/api/v1/residents/%d" % a, token=clerk)
    assert pa["household"] is None, pa
    r, e = hh_act(clerk, h["id"], h["version"], action="remove_member",
                  resident_id=a)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "resident_id": "not_found"}
    db = bm.connect()
    rows = db.execute("SELECT detail FROM audit WHERE action = "
                      "'household_change' AND object = ? ORDER BY id",
                      ("household/%d" % h["id"],)).fetchall()
    db.close()
    assert [x[0] for x in rows] == ["add_member", "add_member",
                                    "change_head", "set_relation",
                                    "remove_member"], rows


def test_household_edits_from_two_counters_conflict():
    c1, c2 = login(counter="1"), login(counter="2")
    a, b, c = (new_resident(birth=x)["id"] for x in (
        "19700101", "19980202", "19990303"))
    h = new_household(c1, head=a)
    r, j = hh_act(c1, h["id"], h["version"], action="add_member",
                  resident_id=b, relation="子")
    assert r.status == 200, j
    # the second counter still has version 1
    r, e = hh_act(c2, h["id"], h["version"], action="add_member",
                  resident_id=c, relation="女")
    assert problem(r, e, 412, "precondition-failed")["current_version"] \
        == j["version"], e
    r, e = post("/api/v1/households/%d/split" % h["id"], {"members": [
        {"resident_id": b, "relation": "户主"}]}, c2, if_match=h["version"])
    problem(r, e, 412, "precondition-failed")
    r, e = post("/api/v1/households/%d/actions" % h["id"], {
        "action": "add_member", "resident_id": c}, c2)
    problem(r, e, 428, "precondition-required")
    assert members(household(c2, h["id"])) == {a: "户主", b: "子"}
    r, e = jreq("GET", "/api/v1/households/%d" % h["id"], token=c2,
                headers={"If-None-Match": '"%d"' % j["version"]})
    assert r.status == 304, r.status


def test_household_split():
    clerk = login()
    a, b, c, d = (new_resident(birth=x)["id"] for x in (
        "19550101", "19800202", "19820303", "20100404"))
    h = new_household(clerk, head=a)
    for rid, rel in ((b, "子"), (c, "儿媳"), (d, "孙女")):
        r, h = hh_act(clerk, h["id"], h["version"], action="add_member",
                      resident_id=rid, relation=rel)
        assert r.status == 200, h
    path = "/api/v1/households/%d/split" % h["id"]
    v = h["version"]
    for body, codes in (
            ({"members": [{"resident_id": b, "relation": "子"}]},
             {"members": "mismatch"}),
            ({"members": []}, {"members": "too_long"}),
            ({"members": [{"resident_id": b, "relation": "户主"},
                          {"resident_id": b, "relation": "户主"}]},
             {"members[1].resident_id": "duplicate"}),
            ({"members": [{"resident_id": x, "relation": "户主" if
                           x == a else "其他"} for x in (a, b, c, d)]},
             {"members": "mismatch"}),
            ({"members": [{"resident_id": 999999, "relation": "户主"}]},
             {"members[0].resident_id": "not_found"})):
        r, e = post(path, body, clerk, if_match=v)
        assert field_codes(problem(r, e, 400, "validation")) == codes, (
            body, e)
    r, e = post(path, {"members": [{"resident_id": a, "relation": "户主"}]},
                clerk, if_match=v)
    problem(r, e, 409, "household-head")
    r, n = post(path, {"members": [
        {"resident_id": b, "relation": "户主"},
        {"resident_id": c, "relation": "配偶"},
        {"resident_id": d, "relation": "女"}],
        "address": "红旗街20号院3号楼1单元502室", "reason": "分户另居"},
        clerk, if_match=v)
    assert r.status == 201, n
    assert r.getheader("Location") == "/api/v1/households/%d" % n["id"]
    assert members(n) == {b: "户主", c: "配偶", d: "女"}, n
    assert n["address"] == "红旗街20号院3号楼1单元502室" and \
        n["grid"]["id"] == 1 and n["community"]["id"] == 1, n
    old = household(clerk, h["id"])
    assert members(old) == {a: "户主"} and old["version"] == v + 1, old
    r, pb = jreq("GET", "/api/v1/residents/%d" % b, token=clerk)
    assert pb["household"]["id"] == n["id"], pb
    hist = [x for x in history(clerk, d) if x["action"] == "household"]
    assert {(x["field"], x["old_value"], x["new_value"]) for x in hist[:2]}\
        == {("household_id", str(h["id"]), str(n["id"])),
            ("relation", "孙女", "女")}, hist
    assert hist[0]["reason"] == "分户另居", hist


def test_grid_member_changes_only_his_grids_households():
    g, clerk = grid01(), login()
    wang = find(clerk, WANG)
    r, p = jreq("GET", "/api/v1/residents/%d" % wang, token=clerk)
    theirs = p["household"]["id"]
    mine = new_resident()["id"]
    for path, body in (
            ("/api/v1/households/%d/actions", {"action": "add_member",
                                               "resident_id": mine}),
            ("/api/v1/households/%d/split", {"members": [
                {"resident_id": wang, "relation": "户主"}]})):
        r, e = post(path % theirs, body, g, if_match=1)
        problem(r, e, 404, "not-found")
    r, e = post("/api/v1/households", {"community_id": 1, "grid_id": 2,
                "address": "红旗街1号"}, g)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "grid_id": "not_found"}
    r, e = post("/api/v1/households", {"community_id": 1,
                "address": "红旗街1号"}, g)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "grid_id": "required"}
    # another grid's resident he cannot name either
    r, e = post("/api/v1/households", {"community_id": 1, "grid_id": 1,
                "address": "红旗街1号", "head_id": wang}, g)
    assert field_codes(problem(r, e, 400, "validation")) == {
        "head_id": "not_found"}
    h = new_household(g, head=mine)
    other = new_resident()["id"]
    r, h = hh_act(g, h["id"], h["version"], action="add_member",
                  resident_id=other, relation="配偶")
    assert r.status == 200 and members(h) == {mine: "户主",
                                             other: "配偶"}, h
    assert history(g, other)[0]["staff"]["name"] == "刘建军"
    # the clerk may change the other grid's household
    r, e = hh_act(clerk, theirs, 1000, action="set_relation",
                  resident_id=wang, relation="父")
    assert field_codes(problem(r, e, 400, "validation")) == {
        "resident_id": "mismatch"}


def test_the_demo_seed_has_residents_in_each_status():
    """grid01 finds in his grid a 流动 and a 寄住 resident, one moved
    out, a death awaiting the supervisor, one deceased, and an open
    data-error flag, each with its history."""
    db = bm.connect()
    rows = db.execute("SELECT id, residence, presence, status FROM "
                      "residents WHERE grid_id = 1 AND (residence <> "
                      "'registered' OR presence <> 'consistent' OR status "
                      "<> 'active' OR moved_in_on IS NOT NULL)").fetchall()
    named = db.execute("SELECT count(*) FROM residents WHERE id_number IN "
                       "(?, ?) AND status = 'active' AND residence = "
                       "'registered'", ("610202198503150021", WANG)
                       ).fetchone()[0]
    db.close()
    assert named == 2
    got = {(x[1], x[2], x[3]) for x in rows}
    for want in (("floating", "here_not_registered", "active"),
                 ("lodging", "consistent", "active"),
                 ("registered", "registered_not_here", "active"),
                 ("registered", "consistent", "moved_out"),
                 ("registered", "consistent", "death_reported"),
                 ("registered", "consistent", "deceased")):
        assert want in got, (want, got)
    g = grid01()
    reported = [x[0] for x in rows if x[3] == "death_reported"][0]
    r, p = jreq("GET", "/api/v1/residents/%d" % reported, token=g)
    assert r.status == 200 and p["death"]["source"] is None, p
    h = history(g, reported)
    assert h[0]["action"] == "report_death" and h[0]["staff"]["name"] == \
        "刘建军", h
    r, f = jreq("GET", "/api/v1/resident-flags?status=open", token=g)
    assert f["total"] >= 1, f
    r, f = jreq("GET", "/api/v1/resident-flags?status=resolved",
                token=supervisor())
    assert f["total"] >= 1 and f["items"][0]["resolution"], f


if __name__ == "__main__":
    bm.main(globals())
