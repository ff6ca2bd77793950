#!/usr/bin/env python3
"""Departments reading the 一库 (docs/api.md 23): a department account
reads residents only under a purpose of its own department, sees only
that purpose's fields (the ID number masked unless the purpose has it),
is refused without the consent the purpose needs — of every adult of
the household for 低保 — and leaves an audit row and a 查询记录 line
for every read; it gets 403 on every other route."""

import datetime
import os
import subprocess
import uuid

import bm
from bm import jreq, post, login, problem, field_codes

ZHANG = "610202198503150021"    # 张红旗, head of a household
LIU = "610202198307240038"      # 刘强, her husband
XIAOYU = "610202201209100044"   # 刘小雨, their daughter, a minor
bm.PASSWORDS.update({"dept-mz": "demo-dept", "dept-wj": "demo-dept"})


def day(n=0):
    return (datetime.date.fromisoformat(bm.service_date()) +
            datetime.timedelta(days=n)).isoformat()


def dept(user="dept-mz"):
    return login(user, counter=None)


def read(token, purpose, id_number=ZHANG):
    return jreq("GET", "/api/v1/dept/residents?purpose=%s&id_number=%s" %
                (purpose, id_number), token=token)


def consent(clerk, resident, purpose="mz-dibao", **kw):
    body = {"purpose": purpose, "scope": "家庭收入、存款、车辆、房产核对",
            "signed_on": day()}
    body.update(kw)
    return post("/api/v1/residents/%d/consents" % resident, body, clerk)


def test_purposes_of_the_callers_department():
    r, j = jreq("GET", "/api/v1/purposes", token=dept())
    assert r.status == 200, j
    assert {p["department"]["code"] for p in j["items"]} == {"mz"}, j
    assert {p["code"] for p in j["items"]} >= {"mz-gaoling", "mz-dibao"}
    r, j = jreq("GET", "/api/v1/purposes", token=login())
    assert {p["department"]["code"] for p in j["items"]} >= {"mz", "wj"}


def test_only_the_purposes_fields_and_a_masked_id():
    t = dept()
    r, j = read(t, "mz-gaoling")
    assert r.status == 200 and j["count"] == 1, j
    p = j["items"][0]
    assert set(p) == {"id", "purpose", "name", "sex", "birth_date", "age",
                      "community", "status", "id_number_masked"}, p
    assert p["name"] == "张红旗" and p["id_number_masked"] != ZHANG
    assert p["id_number_masked"] == ZHANG[:3] + "*" * 11 + ZHANG[-4:], p
    r, j2 = jreq("GET", "/api/v1/dept/residents/%d?purpose=mz-gaoling" %
                 p["id"], token=t)
    assert r.status == 200 and j2 == p, j2
    r, j = read(t, "mz-gaoling", "610202190001010000")
    assert r.status == 200 and j["count"] == 0 and j["items"] == [], j


def test_another_departments_purpose_is_refused():
    t = dept()
    for purpose in ("wj-qianyue", "no-such-purpose"):
        r, j = read(t, purpose)
        problem(r, j, 403, "purpose-refused")
        assert "张红旗" not in str(j)
    r, j = jreq("GET", "/api/v1/dept/residents?id_number=" + ZHANG, token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "purpose": "required"}, j
    r, j = jreq("GET", "/api/v1/dept/residents/1", token=t)
    problem(r, j, 400, "validation")
    db = bm.connect()
    db.execute("UPDATE purposes SET active = 0 WHERE code = 'mz-gaoling'")
    db.commit()
    try:
        problem(*read(t, "mz-gaoling"), 403, "purpose-refused")
    finally:
        db.execute("UPDATE purposes SET active = 1 WHERE "
                   "code = 'mz-gaoling'")
        db.commit()
        db.close()


def missing(r, j):
    problem(r, j, 409, "consent-required")
    return sorted(m["name"] for m in j["missing"])


def test_consent_of_every_adult_of_the_household():
    t, clerk = dept(), login()
    zhang, liu = bm.find(clerk, ZHANG), bm.find(clerk, LIU)
    # none yet: both adults wanting, the daughter is a minor
    assert missing(*read(t, "mz-dibao")) == ["刘强", "张红旗"]
    r, c = consent(clerk, zhang)
    assert r.status == 201 and c["valid"] and c["expires_on"] == \
        (datetime.date.fromisoformat(day()) +
         datetime.timedelta(days=365)).isoformat(), c
    assert missing(*read(t, "mz-dibao")) == ["刘强"]
    # expired: signed 400 days ago, it lasted 365
    r, old = consent(clerk, liu, signed_on=day(-400))
    assert r.status == 201 and not old["valid"], old
    assert missing(*read(t, "mz-dibao")) == ["刘强"]
    r, c = consent(clerk, liu)
    assert r.status == 201, c
    r, j = read(t, "mz-dibao")
    assert r.status == 200 and j["count"] == 1, j
    p = j["items"][0]
    assert p["id_number"] == ZHANG and "id_number_masked" not in p, p
    assert "phone" not in p and "birth_date" not in p, p
    assert sorted(m["name"] for m in p["household"]["members"]) == \
        ["刘小雨", "刘强", "张红旗"], p
    # withdrawn: refused again, and a second withdrawal is refused
    r, w = post("/api/v1/consents/%d/withdraw" % c["id"],
                {"reason": "本人撤回授权"}, clerk)
    assert r.status == 200 and w["withdrawn_on"] == day() and \
        not w["valid"], w
    assert missing(*read(t, "mz-dibao")) == ["刘强"]
    r, j = post("/api/v1/consents/%d/withdraw" % c["id"],
                {"reason": "再撤"}, clerk)
    problem(r, j, 409, "consent-withdrawn")
    r, j = jreq("GET", "/api/v1/residents/%d/consents" % liu, token=clerk)
    assert r.status == 200 and [x["valid"] for x in j["items"]] == \
        [False, False], j


def test_subject_consent_and_its_checks():
    t, clerk = dept("dept-wj"), login()
    xiaoyu = bm.find(clerk, XIAOYU)
    r, j = read(t, "wj-qianyue", XIAOYU)
    assert missing(r, j) == ["刘小雨"]
    for body, field in (({"signed_on": day(1)}, "signed_on"),
                        ({"expires_on": day(400)}, "expires_on"),
                        ({"expires_on": day(-1)}, "expires_on")):
        r, j = consent(clerk, xiaoyu, "wj-qianyue", **body)
        assert field in field_codes(problem(r, j, 400, "validation")), j
    r, j = consent(clerk, xiaoyu, "mz-gaoling")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "purpose": "option"}, j
    r, c = consent(clerk, xiaoyu, "wj-qianyue", expires_on=day(30))
    assert r.status == 201 and c["expires_on"] == day(30), c
    r, j = read(t, "wj-qianyue", XIAOYU)
    assert r.status == 200 and set(j["items"][0]) == {
        "id", "purpose", "name", "sex", "age", "phone", "address",
        "community", "id_number_masked"}, j


def test_every_read_is_audited_and_in_the_resident_record():
    t, clerk = dept(), login()
    zhang = bm.find(clerk, ZHANG)
    read(t, "mz-gaoling")
    r, j = post("/api/v1/residents/%d/reveal" % zhang, {"reason": "核对身份"},
                clerk)
    assert r.status == 200, j
    db = bm.connect()
    rows = db.execute("SELECT detail FROM audit WHERE action = 'dept_read' "
                      "AND object = ?", ("resident/%d" % zhang,)).fetchall()
    assert ("purpose=mz-gaoling department=mz records=1",) in rows, rows
    n = db.execute("SELECT count(*) FROM data_reads WHERE resident_id = ?",
                   (zhang,)).fetchone()[0]
    db.close()
    assert n == len(rows), (n, rows)
    r, j = jreq("GET", "/api/v1/residents/%d/reads" % zhang,
                token=login("super01", counter=None))
    assert r.status == 200 and j["resident"]["name"] == "张红旗", j
    kinds = [(x["kind"], x["purpose"] and x["purpose"]["code"],
              x["refused"]) for x in j["items"]]
    ats = [x["at"] for x in j["items"]]
    assert ats == sorted(ats, reverse=True), ats
    reveal = [x for x in j["items"] if x["kind"] == "reveal"]
    assert reveal[0]["reason"] == "核对身份" and reveal[0]["staff"][
        "username"] == "clerk01" and reveal[0]["purpose"] is None, reveal
    mine = [x for x in j["items"] if x["kind"] == "dept_read" and
            x["purpose"]["code"] == "mz-gaoling"]
    assert mine and mine[0]["staff"]["username"] == "dept-mz" and \
        mine[0]["department"]["name"] == "民政" and \
        mine[0]["records"] == 1 and not mine[0]["refused"], mine
    r, j = jreq("GET", "/api/v1/residents/%d/reads?from=%s" % (zhang,
                day(1)), token=clerk)
    assert r.status == 200 and j["items"] == [], j
    # another centre's clerk does not see it
    r, j = jreq("GET", "/api/v1/residents/%d/reads" % zhang,
                token=login("clerk02", counter="1"))
    problem(r, j, 404, "not-found")


def test_department_token_refused_on_every_other_route():
    t = dept()
    out = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--routes"],
                         capture_output=True, text=True, check=True).stdout
    allowed = {("GET", "/api/v1/purposes"),
               ("GET", "/api/v1/dept/residents"),
               ("GET", "/api/v1/dept/residents/{id}"),
               ("GET", "/api/v1/sessions/current"),
               ("DELETE", "/api/v1/sessions/current"),
               ("POST", "/api/v1/sessions/current/password"),
               ("POST", "/api/v1/sessions"),
               ("POST", "/api/v1/kiosk/sessions")}     # a kiosk's login
    walked = 0
    for method, path in (line.split(" ", 1) for line in out.splitlines()):
        # the public routes, and the exchange's inbound route, reached
        # by a department's signature and never by a session
        if (method, path) in allowed or "verify" in path or \
                path.startswith(("/p/", "/api/v1/exchange/")) or \
                path.endswith("/health"):
            continue
        url = path.replace("{id}", "1").replace("{number}", "x").replace(
            "{txcode}", "0501").replace("{token}", "x")
        body = {} if method in ("POST", "PATCH") else None
        r, text = bm.request(method, url, body, token=t,
                             key=uuid.uuid4().hex, if_match=1)
        assert r.status == 403 and b"forbidden" in text, (
            method, path, r.status, text)
        walked += 1
    assert walked >= 100, walked
    r, j = jreq("GET", "/api/v1/sessions/current", token=t)
    assert j["staff"]["role"] == "department" and \
        j["staff"]["department"] == {"code": "mz", "name": "民政"} and \
        j["staff"]["communities"] == [], j


def admin(*args):
    return subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                           bm.S.db, "admin"] + list(args),
                          capture_output=True, text=True, timeout=60)


def test_admin_adds_lists_and_disables_a_purpose():
    base = ["purpose", "add", "wj-manbing", "--department", "wj", "--name",
            "慢病随访", "--basis", "《基本公共卫生服务规范》", "--fields",
            "name,age,phone"]
    # bad input writes nothing: an unknown field, consent without days
    r = admin(*base[:-1], "name,salary", "--consent", "none")
    assert r.returncode == 1 and "--fields" in r.stderr, r.stderr
    r = admin(*base, "--consent", "subject")
    assert r.returncode == 1 and "--days" in r.stderr, r.stderr
    assert admin("purpose", "add", "x").returncode == 2
    t = dept("dept-wj")
    problem(*read(t, "wj-manbing"), 403, "purpose-refused")
    r = admin(*base, "--consent", "none")
    assert r.returncode == 0, r.stderr
    assert admin(*base, "--consent", "none").returncode == 1
    r, j = read(t, "wj-manbing")
    assert r.status == 200 and set(j["items"][0]) == {
        "id", "purpose", "name", "age", "phone", "id_number_masked"}, j
    line = [x for x in admin("purpose", "list").stdout.splitlines()
            if x.startswith("wj-manbing ")]
    assert len(line) == 1 and "active" in line[0] and "慢病随访" in line[0]
    assert admin("purpose", "disable", "wj-manbing").returncode == 0
    problem(*read(t, "wj-manbing"), 403, "purpose-refused")
    assert "disabled" in [x for x in admin("purpose", "list").stdout
                          .splitlines() if x.startswith("wj-manbing ")][0]
    assert admin("purpose", "disable", "wj-manbing").returncode == 1
    r, j = jreq("GET", "/api/v1/audit?action=purpose_add&action="
                "purpose_disable&per_page=100", token=login("admin",
                                                            counter=None))
    assert [x["action"] for x in j["items"] if x["object"] ==
            "wj-manbing"] == ["purpose_disable", "purpose_add"], j


if __name__ == "__main__":
    bm.main(globals())
