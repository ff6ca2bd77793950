#!/usr/bin/env python3
"""The counter's rules (docs/api.md 8 and 10): an application withdrawn
by its applicant before 办结 (撤回); a certificate voided (作废) and one
corrected (更正), and what public verification then says; 容缺受理: an
application taken with a secondary material to be brought later, which
cannot be 办结 until it is received."""
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


def issue(t):
    from test_server_certificates import types
    r, c = post("/api/v1/certificates", {
        "type_id": types(t)["residence"]["id"], "resident_id":
        new_resident(t), "purpose": "办理居住证",
        "data": {"since": "2019-06-01", "tenure": "own"}}, t)
    assert r.status == 201, c
    return c


def verify(c, src="127.0.0.41"):
    r, v = jreq("GET", "/api/v1/verify/" + c["verify_token"], source=src)
    assert r.status == 200, v
    r, v2 = jreq("GET", "/api/v1/verify?code=" + c["verify_code"],
                 source=src)
    assert v2 == v, (v, v2)
    return v


def test_void():
    t = login()
    c = issue(t)
    assert c["status"] == "valid" and c["void"] is None, c
    assert c["corrections"] == 0 and c["correction"] is None, c
    path = "/api/v1/certificates/%d/void" % c["id"]
    # the supervisor's decision: a clerk cannot void
    r, j = post(path, {"reason": "开具有误"}, t)
    problem(r, j, 403, "forbidden")
    s = login("super01")
    r, j = post(path, {}, s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "reason": "required"}
    r, j = post(path, {"reason": "经核查申请人不在本社区居住", "x": 1}, s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "x": "unknown_field"}
    key = uuid.uuid4().hex
    r, v = post(path, {"reason": "经核查申请人不在本社区居住"}, s, key=key)
    assert r.status == 200, v
    assert v["status"] == "void" and v["void"]["reason"] == \
        "经核查申请人不在本社区居住", v
    assert v["void"]["staff"]["id"] != c["issued_by"]["id"]
    day = bm.service_date(v["void"]["at"])
    assert v["void"]["on"] == day, v
    # the stub and everything else are kept
    for k in ("serial", "body", "verify_token", "verify_code", "stub"):
        assert v[k] == c[k], k
    r, again = post(path, {"reason": "经核查申请人不在本社区居住"}, s, key=key)
    assert r.status == 200 and again == v
    r, j = post(path, {"reason": "再次作废"}, s)
    assert problem(r, j, 409, "certificate-void")["voided_on"] == day
    # public verification: void with the date, never valid
    res = verify(c)
    assert res["valid"] is False and res["status"] == "void", res
    assert res["voided_on"] == day, res
    r, text = bm.request("GET", "/verify/" + c["verify_token"],
                         source="127.0.0.41")
    page = text.decode()
    assert r.status == 200 and "已作废" in page and day in page, page
    assert "有效</td>" not in page, page
    # valid_until later does not make it valid again
    db = bm.connect()
    db.execute("UPDATE certificates SET valid_until = '2099-12-31' WHERE "
               "id = ?", (c["id"],))
    db.commit()
    db.close()
    assert verify(c)["status"] == "void"
    # never printed again, nor corrected
    r, j = post("/api/v1/certificates/%d/reprints" % c["id"],
                {"reason": "遗失补打"}, t)
    problem(r, j, 409, "certificate-void")
    r, j = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=t)
    assert j["reprints"] == 0 and j["status"] == "void", j
    r, j = post("/api/v1/certificates/%d/corrections" % c["id"],
                {"reason": "更正用途", "purpose": "子女入学"}, s)
    problem(r, j, 409, "certificate-void")
    r, j = jreq("GET", "/api/v1/certificates?resident_id=%d" %
                c["resident"]["id"], token=t)
    assert [(x["id"], x["status"]) for x in j["items"]] == [
        (c["id"], "void")], j
    r, j = jreq("GET", "/api/v1/audit?action=void", token=s)
    assert any(x["object"] == "certificate/%d" % c["id"]
               for x in j["items"]), j


def test_correct():
    t = login()
    c = issue(t)
    s = login("super01")
    path = "/api/v1/certificates/%d/corrections" % c["id"]
    r, j = post(path, {"reason": "居住性质登记有误",
                       "data": {"tenure": "rent"}}, t)
    problem(r, j, 403, "forbidden")
    r, j = post(path, {"reason": "没有改动"}, s)
    j = problem(r, j, 400, "validation")
    assert field_codes(j) == {
        "data": "required"}, j
    r, j = post(path, {"reason": "没有改动", "purpose": "办理居住证",
                       "data": {"tenure": "own"}}, s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "data": "required"}
    r, j = post(path, {"reason": "居住性质登记有误",
                       "data": {"tenure": "castle"}}, s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "data.tenure": "option"}, j
    r, k = post(path, {"reason": "居住性质登记有误", "purpose": "子女入学",
                       "data": {"tenure": "rent"}}, s)
    assert r.status == 200, k
    # the same certificate and serial, text and verification renewed
    assert k["id"] == c["id"] and k["serial"] == c["serial"], k
    assert k["status"] == "valid" and k["corrections"] == 1, k
    assert k["purpose"] == "子女入学" and k["data"]["tenure"] == "rent"
    assert "租住" in k["body"] and "子女入学" in k["body"], k["body"]
    assert "自有住房" in c["body"]
    assert k["verify_token"] != c["verify_token"]
    assert k["verify_code"] != c["verify_code"]
    assert k["valid_until"] == c["valid_until"]
    assert k["stub"]["issued_on"] == c["stub"]["issued_on"]
    x = k["correction"]
    assert x["correction_no"] == 1 and x["reason"] == "居住性质登记有误", x
    assert x["fields"] == ["purpose", "data.tenure"], x
    assert x["old"] == {"purpose": "办理居住证", "data.tenure": "own"}, x
    # the old paper verifies as superseded, the new one as valid
    old = verify(c, "127.0.0.42")
    assert old["status"] == "superseded" and old["valid"] is False, old
    assert old["superseded_on"] == bm.service_date(x["at"]), old
    new = verify(k, "127.0.0.42")
    assert new["status"] == "valid" and new["valid"] is True, new
    r, text = bm.request("GET", "/verify/" + c["verify_token"],
                         source="127.0.0.42")
    assert "已更正" in text.decode() and "更正日期" in text.decode()
    # a second correction keeps both earlier papers
    r, k2 = post(path, {"reason": "用途再次更正", "purpose": "办理居住证"},
                 s)
    assert r.status == 200 and k2["corrections"] == 2, k2
    assert k2["correction"]["old"] == {"purpose": "子女入学"}, k2
    assert verify(k, "127.0.0.42")["status"] == "superseded"
    assert verify(c, "127.0.0.42")["status"] == "superseded"
    # voiding the corrected one voids every paper of it
    r, v = post("/api/v1/certificates/%d/void" % c["id"],
                {"reason": "经核查不实"}, s)
    assert r.status == 200, v
    for p in (c, k, k2):
        assert verify(p, "127.0.0.43")["status"] == "void"


PHOTO = "近期一寸免冠照片"     # defer_days 5 in the demo catalog


def deferred_app(t, resident=None, deferred=(PHOTO,), materials=None):
    return post("/api/v1/applications", {
        "service_id": SERVICE, "resident_id": resident or new_resident(t),
        "data": {"declaration": True, "phone": "13700001111"},
        "materials": materials if materials is not None else MATERIALS[:1],
        "deferred_materials": list(deferred)}, t)


def test_deferral_catalog():
    r, s = jreq("GET", "/api/v1/services/%d" % SERVICE, token=login())
    m = {x["name"]: x for x in s["materials"]}
    assert m[PHOTO]["defer_days"] == 5 and "defer_days" not in m[
        "居民身份证"], m


def test_deferral_taken_and_refused():
    t = login()
    # a required material neither received nor deferred still blocks
    r, j = deferred_app(t, deferred=())
    assert r.status == 400 and field_codes(j) == {"materials": "required"}
    # only a material the catalog lets be 容缺
    r, j = deferred_app(t, deferred=("居民身份证",), materials=[])
    assert r.status == 400 and field_codes(j)["deferred_materials"] == \
        "option", j
    r, j = deferred_app(t, deferred=("户口簿",), materials=MATERIALS)
    assert r.status == 400 and field_codes(j) == {
        "deferred_materials": "option"}, j
    # not received and deferred at once
    r, j = deferred_app(t, materials=MATERIALS)
    assert r.status == 400 and field_codes(j) == {
        "deferred_materials": "duplicate"}, j
    r, a = deferred_app(t)
    assert r.status == 201, a
    today = bm.service_date(a["created_at"])
    [d] = a["deferred"]
    assert d["name"] == PHOTO and d["received_at"] is None, d
    # 5 working days: after today, within 5 to 15 calendar days
    import datetime
    days = (datetime.date.fromisoformat(d["due_date"]) -
            datetime.date.fromisoformat(today)).days
    assert 5 <= days <= 15, (today, d)
    assert a["deferred_due"] == d["due_date"], a
    # the clock keeps running: the promised date is the service's
    assert a["due_date"] > today and a["status"] == "submitted"
    return t, a


def test_deferral_blocks_completion():
    t, a = test_deferral_taken_and_refused()
    a = act(t, a, {"action": "accept"})
    j = act(t, a, {"action": "complete"}, want=409)
    assert j["type"].endswith("deferred-outstanding"), j
    assert j["outstanding"] == [PHOTO] and PHOTO in j["detail"], j
    # a material that is not an outstanding deferred one
    j = act(t, a, {"action": "receive_deferred", "material": "居民身份证"},
            want=400)
    assert field_codes(j) == {"material": "option"}, j
    j = act(t, a, {"action": "receive_deferred"}, want=400)
    assert field_codes(j) == {"material": "required"}, j
    b = act(t, a, {"action": "receive_deferred", "material": PHOTO,
                   "note": "已补交照片"})
    assert b["status"] == "accepted" and b["version"] == a["version"] + 1
    assert b["deferred"][0]["received_at"] is not None, b
    assert b["deferred_due"] is None, b
    # twice: no longer outstanding
    act(t, b, {"action": "receive_deferred", "material": PHOTO}, want=400)
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % b["id"],
                 token=t)
    last = tl["items"][-1]
    assert last["action"] == "receive_deferred" and last[
        "from_status"] == last["to_status"] == "accepted", last
    assert last["missing_materials"] == [PHOTO], last
    c = act(t, b, {"action": "complete"})
    assert c["status"] == "completed"


def test_deferral_overdue_list():
    t, a = test_deferral_taken_and_refused()
    sup = login("super01")
    path = "/api/v1/applications?deferred=%s&resident_id=%d"
    r, j = jreq("GET", path % ("outstanding", a["resident"]["id"]),
                token=sup)
    assert [i["id"] for i in j["items"]] == [a["id"]], j
    r, j = jreq("GET", path % ("overdue", a["resident"]["id"]), token=sup)
    assert j["items"] == [], j
    db = bm.connect()
    db.execute("UPDATE applications SET deferred_due = '2020-01-02' WHERE "
               "id = ?", (a["id"],))
    db.commit()
    db.close()
    r, j = jreq("GET", path % ("overdue", a["resident"]["id"]), token=sup)
    assert [i["id"] for i in j["items"]] == [a["id"]], j
    assert j["items"][0]["deferred_due"] == "2020-01-02", j
    r, j = jreq("GET", "/api/v1/applications?deferred=late", token=sup)
    assert r.status == 400 and field_codes(j) == {"deferred": "option"}, j
    # withdrawn: no longer on the list
    act(t, a, {"action": "withdraw", "reason": "不办了"})
    r, j = jreq("GET", path % ("overdue", a["resident"]["id"]), token=sup)
    assert j["items"] == [], j


INCOME = "家庭成员收入证明材料"   # promise: true in the demo catalog
LOW_INCOME = "0401"                # 最低生活保障申请: materials I H F S
RECEIVED = [{"name": "居民身份证", "originals": 1, "copies": 1},
            {"name": "户口簿", "originals": 1, "copies": 1},
            {"name": "申请书", "originals": 1, "copies": 0}]


def service(t, txcode):
    r, s = jreq("GET", "/api/v1/services/by-code/" + txcode, token=t)
    assert r.status == 200, s
    return s


def promised_app(t, resident=None, promised=(INCOME,), materials=None,
                 deferred=None):
    body = {"service_id": service(t, LOW_INCOME)["id"],
            "resident_id": resident or new_resident(t),
            "data": {"phone": "13700001111", "family_size": 3,
                     "family_income_fen": 120000, "reason": "家庭困难",
                     "consent": True, "declaration": True},
            "materials": RECEIVED if materials is None else materials,
            "promised_materials": list(promised)}
    if deferred is not None:
        body["deferred_materials"] = deferred
    return post("/api/v1/applications", body, t)


def audit_rows(action, obj):
    db = bm.connect()
    rows = db.execute("SELECT detail FROM audit WHERE action = ? AND "
                      "object = ?", (action, obj)).fetchall()
    db.close()
    return [x[0] for x in rows]


def test_promise_catalog():
    t = login()
    m = {x["name"]: x for x in service(t, LOW_INCOME)["materials"]}
    assert m[INCOME]["promise"] is True, m
    assert "promise" not in m["居民身份证"], m
    from test_server_certificates import types
    ts = types(t)
    assert ts["residence"]["promise"] is True, ts["residence"]
    assert ts["hardship"]["promise"] is False, ts["hardship"]
    r, j = jreq("GET", "/api/v1/certificate-types?include=cancelled",
                token=t)
    assert all(x["promise"] is False for x in j["items"]
               if x["status"] == "cancelled"), j


def test_promise_taken():
    t = login()
    # the proof neither received nor promised still blocks
    r, j = promised_app(t, promised=())
    assert field_codes(problem(r, j, 400, "validation")) == {
        "materials": "required"}, j
    # only a material the catalogue lets be promised
    r, j = promised_app(t, promised=("居民身份证",), materials=RECEIVED[1:])
    assert field_codes(j)["promised_materials"] == "option", j
    # not received, nor taken 容缺, as well
    r, j = promised_app(t, materials=RECEIVED + [
        {"name": INCOME, "originals": 0, "copies": 1}])
    assert field_codes(j) == {"promised_materials": "duplicate"}, j
    r, j = promised_app(t, promised=(INCOME, INCOME))
    assert field_codes(j)["promised_materials"] == "duplicate", j
    r, a = promised_app(t)
    assert r.status == 201, a
    [p] = a["promises"]
    assert p["matter"] == INCOME and p["status"] == "unchecked", p
    assert p["made_by"]["id"] == a["staff"]["id"], p
    assert p["made_at"] == a["created_at"], p
    r, again = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert again["promises"] == a["promises"], again
    r, pr = jreq("GET", "/api/v1/promises/%d" % p["id"], token=t)
    assert r.status == 200, pr
    assert pr["kind"] == "material" and pr["subject"] == "最低生活保障申请"
    assert pr["application"] == {"id": a["id"], "number": a["number"]}, pr
    assert pr["certificate"] is None and pr["check"] is None, pr
    assert pr["ban_days"] == 365 and pr["resident"] == a["resident"], pr
    assert audit_rows("promise", "promise/%d" % p["id"]) == [INCOME]
    # another centre does not see it
    if "clerk09" not in bm.PASSWORDS:
        bm.add_staff("clerk09", "clerk01", 2)
    other = login("clerk09")
    r, j = jreq("GET", "/api/v1/promises/%d" % p["id"], token=other)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/promises?resident_id=%d" %
                a["resident"]["id"], token=other)
    assert j["total"] == 0, j
    return t, a, pr


def check(token, pid, body, want=200, key=None):
    r, j = post("/api/v1/promises/%d/check" % pid, body, token,
                key=key or uuid.uuid4().hex)
    assert r.status == want, (body, r.status, j)
    return j


def test_false_promise_bars_the_resident():
    t, a, pr = test_promise_taken()
    resident = a["resident"]["id"]
    s = login("super01")
    # the later check is the supervisor's
    j = check(t, pr["id"], {"outcome": "false", "note": "隐瞒收入"}, 403)
    assert j["type"].endswith("forbidden"), j
    path = "/api/v1/promises?status=unchecked&resident_id=%d" % resident
    r, j = jreq("GET", path, token=s)
    assert [x["id"] for x in j["items"]] == [pr["id"]], j
    j = check(s, pr["id"], {"outcome": "false"}, 400)
    assert field_codes(j) == {"note": "required"}, j
    j = check(s, pr["id"], {"outcome": "maybe", "note": "xx"}, 400)
    assert field_codes(j) == {"outcome": "option"}, j
    key = uuid.uuid4().hex
    k = check(s, pr["id"], {"outcome": "false", "note": "隐瞒家庭经营收入"},
              key=key)
    assert k["status"] == "false" and k["check"]["outcome"] == "false", k
    today = bm.service_date(k["check"]["at"])
    assert k["check"]["on"] == today and k["check"]["note"] == \
        "隐瞒家庭经营收入", k
    assert check(s, pr["id"], {"outcome": "false", "note": "隐瞒家庭经营收入"},
                 key=key) == k
    j = check(s, pr["id"], {"outcome": "truthful"}, 409)
    assert j["type"].endswith("promise-checked"), j
    assert j["outcome"] == "false" and j["checked_on"] == today, j
    r, j = jreq("GET", path, token=s)
    assert j["items"] == [], j
    r, j = jreq("GET", "/api/v1/promises?status=false&resident_id=%d" %
                resident, token=s)
    assert [x["id"] for x in j["items"]] == [pr["id"]], j
    r, j = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert j["promises"][0]["status"] == "false", j
    assert j["status"] == "submitted", j
    assert audit_rows("promise_check", "promise/%d" % pr["id"]) == [
        "false：隐瞒家庭经营收入"]
    # the mark: a year from the check, with the reason
    import datetime
    until = (datetime.date.fromisoformat(today) +
             datetime.timedelta(days=365)).isoformat()
    r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" % resident,
                token=t)
    assert r.status == 200 and b["barred"] is True, b
    ban = b["ban"]
    assert ban["since"] == today and ban["until"] == until, ban
    assert ban["promise_id"] == pr["id"], ban
    reason = "%s（%s）：隐瞒家庭经营收入" % (INCOME, a["number"])
    assert ban["reason"] == reason, ban
    assert b["records"] == [ban], b
    # refused 告知承诺, naming the reason and the end date
    r, j = promised_app(t, resident=resident)
    j = problem(r, j, 422, "promise-barred")
    assert j["until"] == until and j["since"] == today, j
    assert j["reason"] == reason and j["promise_id"] == pr["id"], j
    assert until in j["detail"] and reason in j["detail"], j
    assert len(audit_rows("promise_refused", "resident/%d" % resident)) == 1
    from test_server_certificates import types
    r, j = post("/api/v1/certificates", {
        "type_id": types(t)["residence"]["id"], "resident_id": resident,
        "data": {"since": "2019-06-01", "tenure": "own"}, "promise": True},
        t)
    problem(r, j, 422, "promise-barred")
    # without a promise the resident is served as before
    r, c = post("/api/v1/certificates", {
        "type_id": types(t)["residence"]["id"], "resident_id": resident,
        "data": {"since": "2019-06-01", "tenure": "own"}}, t)
    assert r.status == 201 and c["promise"] is None, c
    return t, resident, pr


def test_ban_ends_after_its_last_day():
    t, resident, pr = test_false_promise_bars_the_resident()
    import datetime
    today = bm.service_date()
    db = bm.connect()
    db.execute("UPDATE promise_bans SET until = ? WHERE promise_id = ?",
               (today, pr["id"]))
    db.commit()
    r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" % resident,
                token=t)
    assert b["barred"] is True and b["ban"]["until"] == today, b
    yesterday = (datetime.date.fromisoformat(today) -
                 datetime.timedelta(days=1)).isoformat()
    db.execute("UPDATE promise_bans SET until = ? WHERE promise_id = ?",
               (yesterday, pr["id"]))
    db.commit()
    db.close()
    r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" % resident,
                token=t)
    assert b["barred"] is False and b["ban"] is None, b
    assert b["records"][0]["until"] == yesterday, b
    # the open 0401 was withdrawn first: one open at a time
    r, apps_ = jreq("GET", "/api/v1/applications?resident_id=%d" % resident,
                    token=t)
    for x in apps_["items"]:
        act(t, x, {"action": "withdraw", "reason": "重新申请"})
    r, a = promised_app(t, resident=resident)
    assert r.status == 201, a


def test_truthful_promise():
    t = login()
    r, a = promised_app(t)
    assert r.status == 201, a
    s = login("super01")
    k = check(s, a["promises"][0]["id"], {"outcome": "truthful"})
    assert k["status"] == "truthful" and k["check"]["note"] is None, k
    r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" %
                a["resident"]["id"], token=t)
    assert b == {"barred": False, "ban": None, "records": []}, b


def test_certificate_on_promise():
    from test_server_certificates import types
    t = login()
    ts = types(t)
    resident = new_resident(t)
    r, j = post("/api/v1/certificates", {
        "type_id": ts["hardship"]["id"], "resident_id": resident,
        "data": {"hardship_reason": "illness", "family_size": 3},
        "promise": True}, t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "promise": "mismatch"}, j
    r, c = post("/api/v1/certificates", {
        "type_id": ts["residence"]["id"], "resident_id": resident,
        "data": {"since": "2019-06-01", "tenure": "rent"}, "promise": True},
        t)
    assert r.status == 201, c
    p = c["promise"]
    assert p["matter"] == "居住证明" and p["status"] == "unchecked", p
    r, j = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=t)
    assert j["promise"] == p, j
    r, pr = jreq("GET", "/api/v1/promises/%d" % p["id"], token=t)
    assert pr["kind"] == "certificate" and pr["application"] is None, pr
    assert pr["certificate"] == {"id": c["id"], "serial": c["serial"]}, pr
    # a false one: the resident is barred; voiding the paper is its own act
    s = login("super01")
    k = check(s, p["id"], {"outcome": "false", "note": "实际未在本社区居住"})
    assert k["status"] == "false", k
    r, j = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=t)
    assert j["status"] == "valid" and j["promise"]["status"] == "false", j
    r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" % resident,
                token=t)
    assert b["ban"]["reason"] == "居住证明（%s）：实际未在本社区居住" % \
        c["serial"], b


def test_ban_days_from_the_catalogue():
    t = login()
    db = bm.connect()
    db.execute("INSERT INTO settings (name, value) VALUES "
               "('promise_ban_days', '30')")
    db.commit()
    try:
        r, a = promised_app(t)
        assert r.status == 201, a
        pid = a["promises"][0]["id"]
        r, pr = jreq("GET", "/api/v1/promises/%d" % pid, token=t)
        assert pr["ban_days"] == 30, pr
        # a change later does not change what the resident signed
        db.execute("UPDATE settings SET value = '90' WHERE name = "
                   "'promise_ban_days'")
        db.commit()
        k = check(login("super01"), pid, {"outcome": "false",
                                          "note": "虚报家庭人口"})
        import datetime
        r, b = jreq("GET", "/api/v1/residents/%d/promise-ban" %
                    a["resident"]["id"], token=t)
        assert b["ban"]["until"] == (datetime.date.fromisoformat(
            k["check"]["on"]) + datetime.timedelta(days=30)).isoformat(), b
    finally:
        db.execute("DELETE FROM settings WHERE name = 'promise_ban_days'")
        db.commit()
        db.close()


def test_promise_list_order_and_filters():
    t = login()
    r, a = promised_app(t)
    r, b = promised_app(t)
    s = login("super01")
    check(s, b["promises"][0]["id"], {"outcome": "truthful", "note": "属实"})
    r, j = jreq("GET", "/api/v1/promises?per_page=100", token=s)
    made = [(x["made_at"], x["id"]) for x in j["items"]]
    assert made == sorted(made), made
    ids = {x["id"]: x["status"] for x in j["items"]}
    pa, pb = a["promises"][0]["id"], b["promises"][0]["id"]
    assert ids[pa] == "unchecked" and ids[pb] == "truthful", ids
    r, j = jreq("GET", "/api/v1/promises?status=unchecked&status=truthful"
                "&per_page=100", token=s)
    got = {x["id"] for x in j["items"]}
    assert {pa, pb} <= got, got
    r, j = jreq("GET", "/api/v1/promises?status=truthful&per_page=100",
                token=s)
    assert pa not in {x["id"] for x in j["items"]}, j
    r, j = jreq("GET", "/api/v1/promises?status=kept", token=s)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "status": "option"}, j
    r, j = jreq("GET", "/api/v1/promises", token=login("grid01"))
    problem(r, j, 403, "forbidden")



def correct(token, a, body, want=200, key=None, version=None):
    r, j = post("/api/v1/applications/%d/corrections" % a["id"], body,
                token, if_match=version or a["version"],
                key=key or uuid.uuid4().hex)
    assert r.status == want, (body, r.status, j)
    if want == 200:
        assert r.getheader("ETag") == '"%d"' % j["version"], j
    return j


def test_application_correction():
    t = login()
    a = new_app(t)
    assert a["data"]["phone"] == "137****1111", a["data"]
    s = login("super01")
    body = {"reason": "联系电话录入有误", "data": {"phone": "13900002222"}}
    # the supervisor's act: a clerk or a grid member cannot
    j = correct(t, a, body, 403)
    assert j["type"].endswith("forbidden"), j
    r, j = post("/api/v1/applications/%d/corrections" % a["id"], body, s)
    problem(r, j, 428, "precondition-required")
    j = correct(s, a, body, 412, version=a["version"] + 1)
    assert j["current_version"] == a["version"], j
    j = correct(s, a, {"reason": "x"}, 400)
    assert field_codes(j) == {"reason": "too_short", "data": "required"}, j
    j = correct(s, a, {"reason": "更正", "data": {
        "id_number": "610202198503150021", "nosuch": 1,
        "phone": "123"}}, 400)
    assert field_codes(j) == {"data.id_number": "not_patchable",
                              "data.nosuch": "unknown_field",
                              "data.phone": "pattern"}, j
    j = correct(s, a, {"reason": "没有改动", "data": {
        "phone": "13700001111"}}, 400)
    assert field_codes(j) == {"data": "required"}, j
    key = uuid.uuid4().hex
    b = correct(s, a, body, key=key)
    assert b["version"] == a["version"] + 1 and b["status"] == a["status"]
    assert b["data"]["phone"] == "139****2222", b["data"]
    assert b["due_date"] == a["due_date"] and b["materials"] == \
        a["materials"], b
    assert correct(s, a, body, key=key) == b      # a replay
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                 token=t)
    last = tl["items"][-1]
    assert last["action"] == "correct" and last["reason"] == \
        "联系电话录入有误", last
    assert last["from_status"] == last["to_status"] == "submitted", last
    assert last["changes"] == [{"field": "data.phone", "label": "联系电话",
                                "old": "137****1111",
                                "new": "139****2222"}], last
    assert tl["items"][0]["changes"] == [], tl
    # kept in full, shown masked; the audit names the field, not values
    db = bm.connect()
    (data,) = db.execute("SELECT data FROM applications WHERE id = ?",
                         (a["id"],)).fetchone()
    (full,) = db.execute("SELECT changes_full FROM timeline WHERE "
                         "application_id = ? AND action = 'correct'",
                         (a["id"],)).fetchone()
    db.close()
    import json
    assert json.loads(data)["phone"] == "13900002222", data
    assert json.loads(full) == [{"field": "data.phone", "old":
                                 "13700001111", "new": "13900002222"}]
    assert audit_rows("correct", "application/%d" % a["id"]) == [
        "联系电话录入有误：data.phone"]
    # only what changes is recorded; an optional value may be removed,
    # a required one not
    c = correct(s, b, {"reason": "补填代办人", "data": {
        "phone": "13900003333", "declaration": True,
        "agent_name": "王建国"}})
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                 token=t)
    assert [x["field"] for x in tl["items"][-1]["changes"]] == [
        "data.phone", "data.agent_name"], tl["items"][-1]
    assert tl["items"][-1]["changes"][1]["old"] is None, tl
    d = correct(s, c, {"reason": "代办人填错", "data": {"agent_name": None}})
    assert "agent_name" not in d["data"], d["data"]
    r, tl = jreq("GET", "/api/v1/applications/%d/timeline" % a["id"],
                 token=t)
    assert tl["items"][-1]["changes"] == [{
        "field": "data.agent_name", "label": "代办人姓名", "old": "王建国",
        "new": None}], tl["items"][-1]
    j = correct(s, d, {"reason": "删电话", "data": {"phone": None}}, 400)
    assert field_codes(j) == {"data.phone": "required"}, j
    return s, b


def test_application_correction_not_once_closed():
    t = login()
    s = login("super01")
    a = act(t, new_app(t), {"action": "accept"})
    a = act(t, a, {"action": "complete"})
    j = correct(s, a, {"reason": "联系电话录入有误",
                       "data": {"phone": "13900002222"}}, 409)
    assert j["type"].endswith("application-closed"), j
    assert j["current_status"] == "completed", j
    w = act(t, new_app(t), {"action": "withdraw", "reason": "不办了"})
    j = correct(s, w, {"reason": "联系电话录入有误",
                       "data": {"phone": "13900002222"}}, 409)
    assert j["current_status"] == "withdrawn", j
    # while it is open, any status will do
    o = act(t, new_app(t), {"action": "accept"})
    o = act(t, o, {"action": "request_materials",
                   "missing_materials": ["户口簿"]})
    k = correct(s, o, {"reason": "联系电话录入有误",
                       "data": {"phone": "13900002222"}})
    assert k["status"] == "materials_requested", k


if __name__ == "__main__":
    bm.main(globals())
