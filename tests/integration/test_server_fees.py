#!/usr/bin/env python3
"""Fees by rule (docs/api.md 22): the ID card's 工本费 in the catalogue
as the national rules set it, with their sources; what a resident owes,
worked out on the server from their record and tags (a 低保 or 特困
household renews its expired card free, but pays in full for a lost
or damaged one); the fee of 1006 following the form's 换领原因; a
reduction; the fee an application keeps from its creation."""
import json
import urllib.parse
import os
import subprocess
import tempfile
import uuid

import bm
from bm import jreq, post, login, problem, field_codes


RENEW_ID = [None]       # 1006's id, once read


def service(t, txcode):
    r, j = jreq("GET", "/api/v1/services/by-code/" + txcode, token=t)
    assert r.status == 200, j
    if txcode == "1006":
        RENEW_ID[0] = j["id"]
    return j


def new_resident(t, tags=(), birth=None):
    from test_server_residents import new_id_number
    n = uuid.uuid4().int
    birth = birth or "19%02d%02d%02d" % (50 + n % 40, 1 + n // 40 % 12,
                                         1 + n // 480 % 28)
    r, j = post("/api/v1/residents", {
        "name": "周收费", "id_number": new_id_number(birth),
        "address": "红旗街2号", "community_id": 1, "phone": "13700002222",
        "tags": list(tags)}, t)
    assert r.status == 201, j
    return j


def quote(t, service_id, resident_id, want=200, **form):
    """The fee quote; 1006's renewal reason expiry unless form says."""
    if service_id == RENEW_ID[0] and "renewal_reason" not in form:
        form["renewal_reason"] = "expiry"
    form = {k: v for k, v in form.items() if v is not None}
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d%s" % (
        service_id, resident_id, "".join(
            "&" + urllib.parse.urlencode({k: v}) for k, v in form.items())),
        token=t)
    assert r.status == want, (r.status, j)
    return j


def apply(t, svc, resident, renewal="expiry"):
    """An application of the service, its materials all received."""
    names = {f["name"] for s in svc["form"]["sections"] for f in s["fields"]}
    data = {"declaration": True}
    if "reason" in names:
        data["reason"] = "证件到期"
    if "renewal_reason" in names:
        data["renewal_reason"] = renewal
    r, j = post("/api/v1/applications", {
        "service_id": svc["id"], "resident_id": resident["id"],
        "data": data,
        "materials": [{"name": m["name"], "originals": m["originals"],
                       "copies": m["copies"]}
                      for m in svc["materials"] if m["required"]]}, t)
    assert r.status == 201, j
    return j


def test_catalogue_fees_and_their_sources():
    t = login()
    renew, lost, temp = (service(t, c) for c in ("1006", "1007", "1008"))
    # 发改价格〔2003〕2322号: 20 yuan to renew, 40 for a lost card, 10
    # for a temporary one
    assert (renew["fee_fen"], lost["fee_fen"], temp["fee_fen"]) == (
        2000, 4000, 1000), (renew["fee_fen"], lost["fee_fen"])
    for s in (renew, lost, temp):
        assert "发改价格〔2003〕2322号" in s["fee_basis"], s["fee_basis"]
    assert "居民身份证法》第二十条" in renew["fee_basis"]
    # the law waives the fee on renewal for 低保 and 特困 households,
    # never on a replacement
    waived = {(x["condition"]["type"], x["condition"]["value"], x["kind"],
               x["amount_fen"]) for x in renew["fee_reliefs"]}
    assert waived == {("tag", "low_income", "waiver", 0),
                      ("tag", "extreme_poverty", "waiver", 0)}, waived
    assert all("第二十条第二款" in x["basis"] for x in renew["fee_reliefs"])
    assert lost["fee_reliefs"] == [] and temp["fee_reliefs"] == []
    free = service(t, "0501")
    assert free["fee_fen"] == 0 and free["fee_basis"] is None and \
        free["fee_reliefs"] == []


def test_fee_by_rule_with_waivers():
    t = login()
    renew, lost = service(t, "1006"), service(t, "1007")
    plain = new_resident(t)
    q = quote(t, renew["id"], plain["id"])
    assert (q["standard_fen"], q["due_fen"], q["relief"]) == (2000, 2000,
                                                              None), q
    assert q["reason"] == "到期换领，每证20元" and "2322号" in q["basis"], q
    assert q["service"] == {"id": renew["id"], "txcode": "1006",
                            "name": "居民身份证换领"}, q
    assert q["resident"]["id"] == plain["id"] and \
        q["resident"]["id_number_masked"].count("*") == 11, q
    for tag in ("low_income", "extreme_poverty"):
        poor = new_resident(t, [tag])
        q = quote(t, renew["id"], poor["id"])
        assert q["due_fen"] == 0 and q["standard_fen"] == 2000, q
        assert q["relief"]["kind"] == "waiver" and \
            q["relief"]["condition"]["value"] == tag, q
        assert q["reason"] == q["relief"]["message"] and "免收" in \
            q["reason"], q
        assert q["basis"] == q["relief"]["basis"], q
        # a lost card is paid for in full, 低保 or not
        q = quote(t, lost["id"], poor["id"])
        assert (q["due_fen"], q["relief"]) == (4000, None), q
    q = quote(t, service(t, "0501")["id"], plain["id"])
    assert q["due_fen"] == 0 and q["reason"] == "本事项不收费", q


def test_renewal_reason_sets_the_fee():
    """1006 asks why the card is renewed: an expired card 20 yuan,
    waived for 低保; a damaged one 40 yuan as a lost one, never waived
    (发改价格〔2003〕2322号; the waiver of 居民身份证法 art. 20 read as
    the expired card's only); no reason, no fee told."""
    t = login()
    renew = service(t, "1006")
    form = [f for s in renew["form"]["sections"] for f in s["fields"]
            if f["name"] == "renewal_reason"][0]
    assert form["required"] and form["type"] == "select" and \
        [(o["value"], o["label"]) for o in form["options"]] == [
            ("expiry", "到期换领"), ("damaged", "损坏换领")], form
    assert [(k["field"], k["value"], k["fee_fen"], k["reliefs"])
            for k in renew["fee_cases"]] == [
        ("renewal_reason", "expiry", 2000, True),
        ("renewal_reason", "damaged", 4000, False)], renew["fee_cases"]
    plain, poor = new_resident(t), new_resident(t, ["low_income"])
    q = quote(t, renew["id"], plain["id"], renewal_reason="expiry")
    assert (q["standard_fen"], q["due_fen"], q["relief"]) == (
        2000, 2000, None) and "到期换领" in q["reason"], q
    q = quote(t, renew["id"], plain["id"], renewal_reason="damaged")
    assert (q["standard_fen"], q["due_fen"], q["relief"]) == (
        4000, 4000, None), q
    assert "损坏换领" in q["reason"] and "丢失补领、损坏换领每证40元" in \
        q["basis"] and "不适用于损坏换领" in q["basis"], q
    q = quote(t, renew["id"], poor["id"], renewal_reason="expiry")
    assert (q["due_fen"], q["relief"]["condition"]["value"]) == (
        0, "low_income") and "免收" in q["reason"], q
    q = quote(t, renew["id"], poor["id"], renewal_reason="damaged")
    assert (q["due_fen"], q["relief"]) == (4000, None), q
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d" % (
        renew["id"], plain["id"]), token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "renewal_reason": "required"}, j
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d&"
                "renewal_reason=" % (renew["id"], plain["id"]), token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "renewal_reason": "required"}, j
    # a field the fee of another service does not follow is unknown
    lost = service(t, "1007")
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d&"
                "renewal_reason=damaged" % (lost["id"], plain["id"]), token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "renewal_reason": "unknown_field"}, j


def test_the_tag_read_now():
    """The rule reads the resident's record as it is: a tag added after
    a first quote changes the next one."""
    t = login()
    renew = service(t, "1006")
    p = new_resident(t)
    assert quote(t, renew["id"], p["id"])["due_fen"] == 2000
    r, j = jreq("PATCH", "/api/v1/residents/%d" % p["id"],
                {"tags": ["low_income"]}, token=t, if_match=p["version"])
    assert r.status == 200, j
    assert quote(t, renew["id"], p["id"])["due_fen"] == 0


def test_reduction_lowest_amount_wins():
    """A reduction (减收) gives a lower amount; with a waiver too, the
    lowest amount of those that apply is owed."""
    t = login()
    temp = service(t, "1008")
    reliefs = [
        {"condition": {"type": "min_age", "value": 60,
                       "message": "60周岁以上减半"}, "kind": "reduction",
         "amount_fen": 500, "message": "60周岁以上减半收取",
         "basis": "测试依据甲"},
        {"condition": {"type": "tag", "value": "disabled",
                       "message": "残疾人免收"}, "kind": "waiver",
         "amount_fen": 0, "message": "残疾人免收", "basis": "测试依据乙"}]
    db = bm.connect()
    db.execute("UPDATE services SET fee_reliefs = ? WHERE txcode = '1008'",
               (json.dumps(reliefs, ensure_ascii=False),))
    db.commit()
    db.close()
    try:
        old = new_resident(t, birth="19500101")
        q = quote(t, temp["id"], old["id"])
        assert (q["due_fen"], q["relief"]["kind"], q["basis"]) == (
            500, "reduction", "测试依据甲"), q
        both = new_resident(t, ["disabled"], birth="19500101")
        q = quote(t, temp["id"], both["id"])
        assert (q["due_fen"], q["relief"]["kind"]) == (0, "waiver"), q
        young = new_resident(t, birth="19900101")
        assert quote(t, temp["id"], young["id"])["due_fen"] == 1000
    finally:
        db = bm.connect()
        db.execute("UPDATE services SET fee_reliefs = '[]' WHERE txcode = "
                   "'1008'")
        db.commit()
        db.close()


def test_application_keeps_the_fee_of_its_creation():
    t = login()
    renew = service(t, "1006")
    poor = new_resident(t, ["low_income"])
    a = apply(t, renew, poor)
    assert a["fee_fen"] == 0, a
    assert a["fee"] == {"standard_fen": 2000, "due_fen": 0,
                        "reason": "领取最低生活保障金的居民换领居民身份证，"
                        "免收工本费", "basis": a["fee"]["basis"],
                        "status": "free", "payment": None}, a["fee"]
    assert "第二十条第二款" in a["fee"]["basis"]
    # the household leaves 低保: what was told at intake stands
    r, j = jreq("PATCH", "/api/v1/residents/%d" % poor["id"], {"tags": []},
                token=t, if_match=poor["version"])
    assert r.status == 200, j
    r, j = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert j["fee_fen"] == 0 and j["fee"]["status"] == "free", j["fee"]
    plain = new_resident(t)
    b = apply(t, renew, plain)
    assert b["fee_fen"] == 2000 and b["fee"]["status"] == "unpaid", b["fee"]
    assert b["fee"]["reason"] == "到期换领，每证20元", b["fee"]
    # a damaged card's renewal keeps 40 yuan, 低保 or not
    c = apply(t, renew, new_resident(t, ["low_income"]), "damaged")
    assert (c["fee_fen"], c["fee"]["standard_fen"], c["fee"]["status"]) == (
        4000, 4000, "unpaid"), c["fee"]
    assert "损坏换领" in c["fee"]["reason"] and "40元" in \
        c["fee"]["basis"], c["fee"]
    free = apply(t, service(t, "0105"), plain)
    assert free["fee"]["status"] == "free" and free["fee_fen"] == 0


def test_quote_asks_for_a_resident_in_scope():
    t = login()
    renew = service(t, "1006")
    r, j = jreq("GET", "/api/v1/services/%d/fee" % renew["id"], token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "resident_id": "required"}, j
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=x" % renew["id"],
                token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "resident_id": "type"}, j
    # a resident of another centre's community is not found
    admin = login("admin", counter=None)
    r, j = jreq("GET", "/api/v1/residents?id_number=610203196405120010",
                token=admin)
    other = j["items"][0]["id"]
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d" % (
        renew["id"], other), token=t)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/services/999999/fee?resident_id=%d" % other,
                token=admin)
    problem(r, j, 404, "not-found")
    assert quote(admin, renew["id"], other)["due_fen"] == 2000
    r, j = jreq("GET", "/api/v1/services/%d/fee?resident_id=%d" % (
        renew["id"], other), token=login("grid01", counter=None))
    problem(r, j, 403, "forbidden")


def admin(*args):
    return subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                           bm.S.db, "admin"] + list(args),
                          capture_output=True, text=True, timeout=120)


def test_fee_rules_in_the_catalogue_file():
    """A site's catalogue file carries each fee's basis and reliefs: an
    export imported again changes nothing; a relief added in the file
    applies; a relief that is none is refused and nothing written."""
    d = tempfile.mkdtemp(prefix="bianmin-fees-")
    path = os.path.join(d, "catalog.json")
    r = admin("catalog", "export", path)
    assert r.returncode == 0, r.stderr
    cat = json.load(open(path, encoding="utf-8"))
    renew = [x for x in cat["services"] if x["txcode"] == "1006"][0]
    assert "2322号" in renew["fee_basis"] and len(renew["fee_reliefs"]) \
        == 2, renew
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and " 0 created, 0 updated" in r.stdout, r
    temp = [x for x in cat["services"] if x["txcode"] == "1008"][0]
    temp["fee_reliefs"] = [{
        "condition": {"type": "tag", "value": "disabled",
                      "message": "残疾人减半"},
        "amount_fen": 500, "message": "残疾人减半收取", "basis": "本地规定"}]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and "1 updated" in r.stdout, r
    t = login()
    s = service(t, "1008")
    assert s["fee_reliefs"][0]["kind"] == "reduction" and \
        s["fee_reliefs"][0]["amount_fen"] == 500, s["fee_reliefs"]
    q = quote(t, s["id"], new_resident(t, ["disabled"])["id"])
    assert (q["due_fen"], q["reason"]) == (500, "残疾人减半收取"), q
    temp["fee_reliefs"][0]["amount_fen"] = 1000
    temp["fee_reliefs"].append({"condition": {
        "type": "community", "value": ["610202001001"], "message": "x"},
        "amount_fen": 0, "message": "x", "basis": "x"})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    r = admin("catalog", "import", path)
    assert r.returncode == 1 and "services[%d].fee_reliefs[0]: amount_fen" \
        % cat["services"].index(temp) in r.stderr and \
        "fee_reliefs[1]: condition" in r.stderr, r.stderr
    assert service(t, "1008")["fee_reliefs"][0]["amount_fen"] == 500
    # the file without reliefs sets none
    del temp["fee_reliefs"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    assert admin("catalog", "import", path).returncode == 0
    assert service(t, "1008")["fee_reliefs"] == []
    # 1006's cases are the centre's to change: a damaged card waived for
    # 低保 too; a case on no option of the form is refused
    assert [k["value"] for k in renew["fee_cases"]] == ["expiry", "damaged"]
    renew["fee_cases"][1]["reliefs"] = True
    renew["fee_cases"].append(dict(renew["fee_cases"][0], value="lost"))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    r = admin("catalog", "import", path)
    assert r.returncode == 1 and "services[%d].fee_cases[2]: field and " \
        "value" % cat["services"].index(renew) in r.stderr, r.stderr
    renew["fee_cases"].pop()
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and "1 updated" in r.stdout, r
    s = service(t, "1006")
    q = quote(t, s["id"], new_resident(t, ["low_income"])["id"],
              renewal_reason="damaged")
    assert (q["standard_fen"], q["due_fen"]) == (4000, 0), q
    renew["fee_cases"][1]["reliefs"] = False
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False)
    assert admin("catalog", "import", path).returncode == 0


if __name__ == "__main__":
    bm.main(globals())
