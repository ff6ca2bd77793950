#!/usr/bin/env python3
"""Applications (docs/api.md 8): taking one with its form, materials and
conditions, the number and due date, idempotency with the permanent
client_request_id, the state machine with If-Match, search and the
timeline."""
import concurrent.futures
import hashlib
import json
import re
import uuid

import bm
from bm import jreq, post, login, problem, field_codes, find

ZHANG = "610202198503150021"
MATERIALS = [{"name": "居民身份证", "originals": 1, "copies": 1},
             {"name": "户口簿", "originals": 1, "copies": 1},
             {"name": "本人社会保障卡或银行卡", "originals": 0, "copies": 1}]
DATA = {"bank": "ssc", "account_no": "6214830912345678",
        "phone": "13700001111", "declaration": True}


def service(t, code):
    r, s = jreq("GET", "/api/v1/services/by-code/" + code, token=t)
    assert r.status == 200, s
    return s


_ELDER = {}


def new_elder(t):
    """A new resident of 红旗社区 aged 80 or more."""
    from test_server_residents import new_id_number
    n = uuid.uuid4().int            # born 1930-1944: 80 or more
    birth = "19%02d%02d%02d" % (30 + n % 15, 1 + n // 15 % 12,
                                1 + n // 180 % 28)
    r, j = post("/api/v1/residents", {
        "name": "王德顺", "id_number": new_id_number(birth),
        "address": "红旗街8号院1号楼1单元101室", "community_id": 1},
        login())
    assert r.status == 201, j
    _ELDER["r"] = j
    return j


def elderly(t):
    """A resident of 红旗社区 aged 80 or more: the last one registered."""
    if "r" not in _ELDER:
        new_elder(t)
    return _ELDER["r"]


def new_app(t, **kw):
    """A 0501 application, for a new elderly resident unless another is
    given (one open 0501 each); returns (response, body)."""
    body = {"service_id": service(t, "0501")["id"],
            "resident_id": kw.get("resident_id") or new_elder(t)["id"],
            "data": dict(DATA), "materials": MATERIALS, "note": "子女代办"}
    key = kw.pop("key", None)
    body.update(kw)
    return post("/api/v1/applications", body, t, key=key or uuid.uuid4().hex)


def test_create():
    t = login(counter="3")
    r, a = new_app(t)
    old = elderly(t)
    assert r.status == 201, a
    assert r.getheader("Location") == "/api/v1/applications/%d" % a["id"]
    assert r.getheader("ETag") == '"1"' and a["version"] == 1
    assert re.fullmatch(r"610202002-\d{8}-\d{4}", a["number"]), a["number"]
    assert a["status"] == "submitted" and a["counter"] == "3", a
    assert a["resident"]["id"] == old["id"] and a["fee_fen"] == 0
    assert a["data"]["id_number"] == old["id_number_masked"], a["data"]
    assert a["data"]["phone"] == "137****1111", a["data"]
    assert a["data"]["community"] == "红旗社区" and a["data"]["age"] >= 80
    # the number, the due date and the creation are one local day's
    day = bm.service_date(a["created_at"])
    assert a["number"][10:18] == day.replace("-", ""), (a["number"], day)
    assert a["due_date"] > day and not a["overdue"]
    assert a["missing_materials"] == [] and a["collector"] is None
    assert re.fullmatch(r"[0-9a-f]{32}", a["client_request_id"])
    bm.no_full_numbers(str(a))
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                 token=t)
    assert [e["action"] for e in tl["items"]] == ["create"], tl
    assert tl["items"][0]["note"] == "子女代办"
    # numbers follow one another without gaps
    r, b = new_app(t)
    assert int(b["number"][-4:]) == int(a["number"][-4:]) + 1, (a, b)


def test_condition_not_met():
    t = login()
    rid = find(t, ZHANG)
    r, j = new_app(t, resident_id=rid)
    problem(r, j, 422, "condition-not-met")
    assert j["reason"] == "申请人须年满80周岁", j
    assert j["failed"] == [{"type": "min_age", "value": 80,
                            "message": "申请人须年满80周岁"}], j
    assert "当前41周岁" in j["detail"], j
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM applications WHERE "
                   "resident_id = ?", (rid,)).fetchone()[0]
    db.close()
    assert n == 0


def test_validation():
    t = login()
    old = elderly(t)
    r, j = new_app(t, data=dict(DATA, colour="red", bank="xyz",
                                account_no="12ab", id_number=ZHANG,
                                declaration=False, age="84"),
                   materials=[{"name": "居民身份证", "originals": 1,
                               "copies": 1}, {"name": "结婚证",
                                              "originals": 1, "copies": 1}])
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"data.colour": "unknown_field", "data.bank": "option",
                     "data.account_no": "too_short",
                     "data.id_number": "mismatch", "data.age": "mismatch",
                     "data.declaration": "required",
                     "materials[1].name": "option"}, codes
    r, j = new_app(t, materials=MATERIALS[:1])
    assert field_codes(problem(r, j, 400, "validation")) == {
        "materials": "required"}
    r, j = new_app(t, service_id=99999, resident_id=find(
        login("clerk02"), "610202194007080046"), note="x" * 501, ticket_id=1.5)
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"service_id": "not_found", "resident_id": "not_found",
                     "note": "too_long", "ticket_id": "type"}, codes
    r, j = new_app(login("super01", counter=None))
    assert field_codes(problem(r, j, 400, "validation")) == {
        "counter": "required"}
    r, j = new_app(login("grid01", counter=None))
    problem(r, j, 403, "forbidden")
    # the same resident's record may be restated unchanged
    r, j = new_app(t, data=dict(DATA, id_number=old["id_number_masked"]))
    assert field_codes(problem(r, j, 400, "validation")) == {
        "data.id_number": "mismatch"}


def test_idempotency_and_client_request_id():
    t = login()
    key = uuid.uuid4().hex
    r, a = new_app(t, key=key)
    assert r.status == 201
    body = {"service_id": a["service"]["id"], "resident_id":
            a["resident"]["id"], "data": DATA, "materials": MATERIALS,
            "note": "子女代办"}
    r1, t1 = bm.request("POST", "/api/v1/applications", body, token=t,
                        key=key)
    assert r1.status == 201 and r1.getheader("Idempotent-Replayed") == \
        "true", t1
    r, j = post("/api/v1/applications", dict(body, note="其他"), t, key=key)
    problem(r, j, 422, "idempotency-key-reused")
    # the 7-day record has gone: the application itself still answers
    db = bm.connect()
    db.execute("DELETE FROM idempotency WHERE key = ?", (key,))
    db.commit()
    r, j = post("/api/v1/applications", body, t, key=key)
    assert r.status == 200 and j["id"] == a["id"], j
    assert r.getheader("Idempotent-Replayed") == "true"
    r, j = post("/api/v1/applications", body, login("super01"), key=key)
    problem(r, j, 409, "conflict")
    n = db.execute("SELECT count(*) FROM applications WHERE "
                   "client_request_id = ?", (key,)).fetchone()[0]
    assert n == 1
    # a key still running answers 409 with Retry-After
    busy = uuid.uuid4().hex
    staff = db.execute("SELECT id FROM staff WHERE username = 'clerk01'"
                       ).fetchone()[0]
    body_hash = hashlib.sha256(b"{}").hexdigest()
    fp = hashlib.sha256(("POST\n/api/v1/applications?\n" + body_hash)
                        .encode()).hexdigest()
    db.execute("INSERT INTO idempotency (staff_id, key, fingerprint, state, "
               "created_at) VALUES (?, ?, ?, 'running', 0)",
               (staff, busy, fp))
    db.commit()
    db.close()
    r, j = jreq("POST", "/api/v1/applications", {}, token=t, key=busy)
    problem(r, j, 409, "idempotency-in-progress")
    assert r.getheader("Retry-After") == "1"
    r, j = jreq("POST", "/api/v1/applications", {"x": 1}, token=t, key=busy)
    problem(r, j, 422, "idempotency-key-reused")


def test_concurrent_duplicates_make_one_application():
    t = login()
    key = uuid.uuid4().hex
    body = {"service_id": service(t, "0501")["id"],
            "resident_id": elderly(t)["id"], "data": DATA,
            "materials": MATERIALS}
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        res = list(ex.map(lambda _: bm.request(
            "POST", "/api/v1/applications", body, token=t, key=key),
            range(8)))
    statuses = sorted(r.status for r, _ in res)
    assert set(statuses) <= {201, 409}, statuses
    created = {json.loads(x)["id"] for r, x in res if r.status == 201}
    assert len(created) == 1, res
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM applications WHERE "
                   "client_request_id = ?", (key,)).fetchone()[0]
    db.close()
    assert n == 1


def test_one_open_application_of_a_service():
    """A second 0501 while one is open is refused, naming it; another
    counter's at the same moment makes one; once closed, a new one."""
    t = login()
    r, a = new_app(t)
    assert r.status == 201, a
    rid = a["resident"]["id"]
    r, j = new_app(t, resident_id=rid)
    problem(r, j, 409, "application-open")
    assert j["existing_id"] == a["id"], j
    assert j["existing_number"] == a["number"], j
    assert j["existing_status"] == "submitted", j
    assert a["number"] in j["detail"], j
    # the same submission again (an outbox's retry) is the same one
    r, j = new_app(t, resident_id=rid, key=a["client_request_id"])
    assert r.status in (200, 201) and j["id"] == a["id"], j
    # two counters at once, each with its key: one application
    other = new_elder(t)
    body = {"service_id": a["service"]["id"], "resident_id": other["id"],
            "data": DATA, "materials": MATERIALS}
    t2 = login(counter="2")
    with concurrent.futures.ThreadPoolExecutor(6) as ex:
        res = list(ex.map(lambda i: bm.request(
            "POST", "/api/v1/applications", body, token=(t, t2)[i % 2],
            key=uuid.uuid4().hex), range(6)))
    statuses = sorted(r.status for r, _ in res)
    assert statuses == [201] + [409] * 5, statuses
    assert all(json.loads(x)["type"].endswith("application-open")
               for r, x in res if r.status == 409), res
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM applications WHERE resident_id = ? "
                   "AND service_id = ?", (other["id"],
                                          a["service"]["id"])).fetchone()[0]
    db.close()
    assert n == 1
    # refused, it is closed: the resident may apply again
    r, j = post("/api/v1/applications/%d/transitions" % a["id"],
                {"action": "reject", "reason": "材料不全"}, t, if_match=1)
    assert r.status == 200, j
    r, j = new_app(t, resident_id=rid)
    assert r.status == 201, j


def test_one_open_is_the_services_setting():
    t = login()
    r, s = jreq("GET", "/api/v1/services/by-code/0501", token=t)
    assert s["one_open"] is True, s
    db = bm.connect()
    db.execute("UPDATE services SET one_open = 0, version = version + 1 "
               "WHERE txcode = '0501'")
    db.commit()
    db.close()
    r, s = jreq("GET", "/api/v1/services/by-code/0501", token=t)
    assert s["one_open"] is False, s
    r, a = new_app(t)
    r, b = new_app(t, resident_id=a["resident"]["id"])
    assert r.status == 201 and b["id"] != a["id"], b
    db = bm.connect()
    db.execute("UPDATE services SET one_open = 1 WHERE txcode = '0501'")
    db.commit()
    db.close()


def test_transitions():
    t = login()
    r, a = new_app(t)
    aid, v = a["id"], 1
    path = "/api/v1/applications/%d/transitions" % aid

    def act(body, version=None, want=200):
        r, j = post(path, body, t, if_match=version or v)
        assert r.status == want, (body, r.status, j)
        return r, j
    r, j = post(path, {"action": "accept"}, t)
    problem(r, j, 428, "precondition-required")
    r, j = act({"action": "complete"}, want=409)
    assert j["current_status"] == "submitted" and j["allowed"] == [
        "accept", "reject", "withdraw"], j
    r, j = act({"action": "accept", "department": "x"}, want=400)
    assert field_codes(j) == {"department": "unknown_field"}
    r, j = act({"action": "fly"}, want=400)
    assert field_codes(j) == {"action": "option"}
    r, j = act({"action": "accept"})
    assert j["status"] == "accepted" and j["version"] == 2
    assert r.getheader("ETag") == '"2"'
    r, j = act({"action": "accept"}, version=1, want=412)
    assert j["current_version"] == 2
    v = 2
    r, j = act({"action": "request_materials", "missing_materials": []},
               want=400)
    assert field_codes(j) == {"missing_materials": "too_short"}
    r, j = act({"action": "request_materials",
                "missing_materials": ["户口簿复印件"], "note": "五日内补交"})
    assert j["status"] == "materials_requested"
    assert j["missing_materials"] == ["户口簿复印件"]
    v = j["version"]
    r, j = act({"action": "receive_materials"})
    assert j["status"] == "accepted" and j["missing_materials"] == []
    v = j["version"]
    r, j = act({"action": "forward", "department": "街道民政办"})
    assert j["department"] == "街道民政办"
    v = j["version"]
    r, j = act({"action": "complete"})
    v = j["version"]
    r, j = act({"action": "collect", "collector": {"name": "王建国",
                "id_number": "61020219671111005x"}})
    assert j["status"] == "collected", j
    assert j["collector"]["id_number_masked"] == "610***********005X"
    v = j["version"]
    r, j = act({"action": "reject", "reason": "不符合"}, want=409)
    assert j["allowed"] == [], j
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % aid, token=t)
    assert [e["action"] for e in tl["items"]] == [
        "create", "accept", "request_materials", "receive_materials",
        "forward", "complete", "collect"], tl
    assert tl["items"][2]["missing_materials"] == ["户口簿复印件"]
    assert tl["items"][6]["collector"]["name"] == "王建国"
    bm.no_full_numbers(str(tl))
    # reject needs a reason; from submitted it is allowed
    r, b = new_app(t)
    r, j = post("/api/v1/applications/%d/transitions" % b["id"],
                {"action": "reject"}, t, if_match=1)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "reason": "required"}
    r, j = post("/api/v1/applications/%d/transitions" % b["id"],
                {"action": "reject", "reason": "材料不实"}, t, if_match=1)
    assert j["status"] == "rejected" and j["reason"] == "材料不实"
    # other centre: 404; grid member: 403
    r, j = post(path, {"action": "accept"}, login("clerk02"), if_match=v)
    problem(r, j, 404, "not-found")
    r, j = post(path, {"action": "accept"}, login("grid01", counter=None),
                if_match=v)
    problem(r, j, 403, "forbidden")


def test_search_and_get():
    t = login(counter="7")
    r, a = new_app(t)
    for q in ("number=" + a["number"], "resident_id=%d" % a["resident"]["id"],
              "service_id=%d" % a["service"]["id"], "status=submitted",
              "status=accepted&status=submitted", "counter=7",
              "from=%s&to=%s" % ((bm.service_date(a["created_at"]),) * 2)):
        r, j = jreq("GET", "/api/v1/applications?" + q, token=t)
        assert r.status == 200 and a["id"] in [i["id"] for i in
                                                j["items"]], (q, j)
    r, j = jreq("GET", "/api/v1/applications?from=2026-12-02&to=2026-12-01",
                token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {"to": "date"}
    r, j = jreq("GET", "/api/v1/applications?status=lost", token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "status": "option"}
    r, j = jreq("GET", "/api/v1/applications?number=" + a["number"],
                token=login("clerk02"))
    assert j["total"] == 0
    r, j = jreq("GET", "/api/v1/applications/by-number/" + a["number"],
                token=t)
    assert r.status == 200 and j["id"] == a["id"]
    r2, j2 = jreq("GET", "/api/v1/applications/by-number/" + a["number"],
                  token=login("clerk02"))
    problem(r2, j2, 404, "not-found")
    r2, j2 = jreq("GET", "/api/v1/applications/by-number/abc", token=t)
    problem(r2, j2, 404, "not-found")
    r, j = jreq("GET", "/api/v1/applications/%d" % a["id"], token=login(
        "grid01", counter=None))
    assert r.status == 200
    r, j = jreq("GET", "/api/v1/residents/%d/applications" %
                a["resident"]["id"], token=t)
    assert a["id"] in [i["id"] for i in j["items"]]
    dates = [i["created_at"] for i in j["items"]]
    assert dates == sorted(dates, reverse=True)
    r, j = jreq("GET", "/api/v1/residents/%d/applications" %
                a["resident"]["id"], token=login("clerk02"))
    problem(r, j, 404, "not-found")


def test_overdue_flag():
    t = login()
    r, a = new_app(t)
    db = bm.connect()
    db.execute("UPDATE applications SET due_date = '2020-01-02' WHERE "
               "id = ?", (a["id"],))
    db.commit()
    db.close()
    r, j = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert j["overdue"] is True, j




def test_daily_sequence_exhausted():
    t = login()
    r, a = new_app(t)
    prefix, day = a["number"][:9], a["number"][10:18]
    db = bm.connect()
    db.execute("UPDATE sequences SET last = 9999 WHERE name = ?",
               ("app:%s:%s" % (prefix, day),))
    db.commit()
    r, j = new_app(t)
    problem(r, j, 409, "conflict")
    # nothing was taken: the sequence is where it was
    (last,) = db.execute("SELECT last FROM sequences WHERE name = ?",
                         ("app:%s:%s" % (prefix, day),)).fetchone()
    db.execute("UPDATE sequences SET last = ? WHERE name = ?",
               (int(a["number"][-4:]), "app:%s:%s" % (prefix, day)))
    db.commit()
    db.close()
    assert last == 9999, last


if __name__ == "__main__":
    bm.main(globals())
