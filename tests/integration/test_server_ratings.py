#!/usr/bin/env python3
"""Evaluation (好差评, docs/api.md 19): a finished service waits at its
counter for the resident's rating; one rating per (object, occasion) by
either channel; a reason below 基本满意; the public progress page by an
unguessable token, rate limited and showing no personal data beyond a
masked name, and a certificate's own page to rate its issue; a
follow-up opened by a bad rating and closed in order; the satisfaction
figures; and every step audited."""
import re
import urllib.parse
import uuid

import bm
from bm import jreq, post, login, problem, field_codes, no_full_numbers
from test_server_applications import new_app, elderly
from test_server_certificates import issue as issue_certificate

_SRC = [20]


def source():
    """A fresh client address: its own budget of the public routes."""
    _SRC[0] += 1
    return "127.0.0.%d" % _SRC[0]


def act(t, a, action, **body):
    body["action"] = action
    r, j = post("/api/v1/applications/%d/transitions" % a["id"], body, t,
                if_match=a["version"])
    assert r.status == 200, (action, j)
    return j


def finished(t):
    """A new application, accepted and completed at counter 1."""
    r, a = new_app(t)
    assert r.status == 201, a
    return act(t, act(t, a, "accept"), "complete")


def pending(t, counter="1"):
    r, j = jreq("GET", "/api/v1/evaluations/pending?counter=" + counter,
                token=t)
    assert r.status == 200, j
    return j["pending"]


def rate(t, p, level, **kw):
    kw["level"] = level
    return post("/api/v1/evaluations/pending/%d/rating" % p["id"], kw, t)


def page(token_url, src=None, body=None):
    path = urllib.parse.urlsplit(token_url).path
    if body is None:
        r, text = bm.request("GET", path, source=src or source())
    else:
        r, text = bm.request(
            "POST", path, raw=urllib.parse.urlencode(body, True).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            source=src or source())
    return r, text.decode()


def test_rated_once_per_occasion():
    clerk = login()
    evaluator = login()                 # the second terminal's session
    a = finished(clerk)
    p = pending(evaluator)
    assert p["object"] == "application/%d" % a["id"], p
    assert p["occasion"] == "completed" and p["service"] == "高龄津贴申请"
    assert p["counter"] == "1" and [x["code"] for x in p["reasons"]] == [
        "attitude", "slow", "trips", "materials", "rules", "other"], p
    r, j = rate(evaluator, p, "satisfied")
    assert r.status == 201, j
    assert j["object"] == p["object"] and j["occasion"] == "completed"
    assert j["good"] and j["channel"] == "counter" and j["counter"] == "1"
    assert j["followup_id"] is None and j["staff"]["id"] == p["staff"]["id"]
    assert pending(evaluator) is None
    r, j = rate(evaluator, p, "satisfied")
    problem(r, j, 404, "not-found")
    # collected is another occasion of the same application
    a = act(clerk, a, "collect", collector={
        "name": "王建国", "id_number": "61020219671111005X"})
    p = pending(evaluator)
    assert p["occasion"] == "collected", p
    # rated on the page first: the counter's answer is then refused
    r, text = page(a["progress_url"], body={"occasion": "collected",
                                            "level": "basic"})
    assert r.status == 200 and "感谢您的评价" in text, text
    r, j = rate(evaluator, p, "very_satisfied")
    j = problem(r, j, 409, "already-rated")
    assert j["rating_id"] > 0 and j["rated_at"], j
    r, text = page(a["progress_url"], body={"occasion": "completed",
                                            "level": "basic"})
    assert r.status == 409 and "已评价" in text, text
    # a certificate issued and a ticket served wait for theirs too
    r, c = issue_certificate(clerk)
    assert r.status == 201, c
    p = pending(evaluator)
    assert p["object"] == "certificate/%d" % c["id"], p
    assert p["occasion"] == "certificate" and p["service"] == "居住证明"
    r, tk = post("/api/v1/queue/tickets", {"category_id": 1}, clerk)
    r, called = post("/api/v1/queue/call-next", {"counter": "1"}, clerk)
    assert r.status == 200, called
    r, d = post("/api/v1/queue/tickets/%d/done" % called["id"], None, clerk)
    assert r.status == 200, d
    p = pending(evaluator)
    assert p["object"] == "ticket/%d" % called["id"], p
    assert p["occasion"] == "ticket", p
    # another counter has none of it; another centre's clerk neither
    assert pending(evaluator, "9") is None
    assert pending(login("clerk02")) is None


def test_reason_below_basic():
    t = login()
    finished(t)
    p = pending(t)
    for body in ({}, {"reasons": []}, {"comment": ""}, {"reasons": None}):
        r, j = rate(t, p, "dissatisfied", **body)
        assert field_codes(problem(r, j, 400, "validation")) == {
            "reasons": "required"}, (body, j)
    r, j = rate(t, p, "very_dissatisfied", reasons=["fly"])
    assert field_codes(problem(r, j, 400, "validation")) == {
        "reasons[0]": "option"}
    r, j = rate(t, p, "meh")
    assert field_codes(problem(r, j, 400, "validation")) == {
        "level": "option"}
    r, j = rate(t, p, "dissatisfied", comment="等了很久")
    assert r.status == 201 and not j["good"] and j["followup_id"], j
    finished(t)
    r, j = rate(t, pending(t), "dissatisfied", reasons=["slow", "trips"])
    assert r.status == 201 and j["reasons"] == ["slow", "trips"], j
    finished(t)
    r, j = rate(t, pending(t), "basic")     # basic needs none
    assert r.status == 201 and j["good"] and j["followup_id"] is None, j
    # the page asks for a reason as well
    r, a = new_app(t)
    a = act(t, act(t, a, "accept"), "complete")
    r, text = page(a["progress_url"], body={"occasion": "completed",
                                            "level": "dissatisfied"})
    assert r.status == 400 and "原因" in text, text
    r, text = page(a["progress_url"], body={"occasion": "collected",
                                            "level": "satisfied"})
    assert r.status == 400, text            # not collected yet


def test_public_page():
    t = login()
    r, a = new_app(t)
    url = a["progress_url"]
    m = re.fullmatch(r"http://[^/]+/p/([0-9a-f]{32})", url)
    assert m, url
    # the token is random, not the number or id (whose digits may well
    # turn up somewhere in 32 random hex characters)
    assert a["number"] not in url and m.group(1) not in (
        str(a["id"]), "%032x" % a["id"], "%032d" % a["id"])
    r, text = page(url)
    assert r.status == 200, text
    assert r.getheader("Content-Type") == "text/html; charset=utf-8"
    assert "default-src 'none'" in r.getheader("Content-Security-Policy")
    assert a["number"] in text and "高龄津贴申请" in text and "已收件" in text
    assert "王*顺" in text and "王德顺" not in text, text
    no_full_numbers(text)
    assert "13700001111" not in text and "6214830912345678" not in text
    assert "<form" not in text              # nothing to rate yet
    a = act(t, act(t, a, "accept"), "complete")
    r, text = page(url)
    assert "已办结" in text and text.count("<form") == 1, text
    assert 'name="occasion" value="completed"' in text
    r, text = page(url, body={"occasion": "completed", "level": "satisfied"})
    assert r.status == 200
    r, text = page(url)
    assert "<form" not in text
    r, text = page(url.rsplit("/", 1)[0] + "/" + "0" * 32)
    assert r.status == 404 and "未找到该办件" in text
    r, text = page(url.rsplit("/", 1)[0] + "/" + a["number"])
    assert r.status == 404
    # 30 a minute per address, counted with verification
    src = source()
    for i in range(29):
        r, _ = page(url, src)
        assert r.status == 200, i
    r, j = jreq("GET", "/api/v1/verify/" + "A" * 43, source=src)
    assert r.status == 404, j
    r, text = page(url, src)
    assert r.status == 429 and int(r.getheader("Retry-After")) > 0
    r, text = page(url, src, body={"occasion": "completed",
                                   "level": "basic"})
    assert r.status == 429
    r, text = page(url)                     # another address goes on
    assert r.status == 200


def test_certificate_rated_on_its_page():
    clerk = login()
    r, c = issue_certificate(clerk)
    assert r.status == 201, c
    url = c["rate_url"]
    m = re.fullmatch(r"http://[^/]+/p/([0-9a-f]{32})", url)
    assert m, url
    assert m.group(1) not in c["verify_url"], c
    r, j = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=clerk)
    assert j["rate_url"] == url, j
    r, text = page(url)
    assert r.status == 200, text
    assert "default-src 'none'" in r.getheader("Content-Security-Policy")
    assert "居住证明" in text and "红旗社区" in text, text
    assert "张*旗" in text and "张红旗" not in text, text
    no_full_numbers(text)
    for secret in (c["serial"], c["verify_code"], c["verify_token"],
                   "红旗街"):
        assert secret not in text, (secret, text)
    assert text.count("<form") == 1, text
    assert 'name="occasion" value="certificate"' in text, text
    # only the issue can be rated there
    r, text = page(url, body={"occasion": "completed", "level": "basic"})
    assert r.status == 400, text
    r, text = page(url, body={"occasion": "certificate",
                              "level": "very_dissatisfied"})
    assert r.status == 400 and "原因" in text, text
    r, text = page(url, body={"occasion": "certificate",
                              "level": "very_satisfied"})
    assert r.status == 200 and "感谢您的评价" in text, text
    r, text = page(url, body={"occasion": "certificate",
                              "level": "satisfied"})
    assert r.status == 409 and "已评价" in text, text
    r, text = page(url)
    assert r.status == 200 and "<form" not in text, text
    # the counter's evaluation of the same issue is refused now
    p = pending(login())
    assert p["object"] == "certificate/%d" % c["id"], p
    r, j = rate(clerk, p, "satisfied")
    problem(r, j, 409, "already-rated")
    db = bm.connect()
    rows = db.execute("SELECT occasion, level, channel, counter, staff_id "
                      "FROM ratings WHERE object = ?",
                      ("certificate/%d" % c["id"],)).fetchall()
    db.close()
    assert [tuple(x) for x in rows] == [
        ("certificate", "very_satisfied", "web", None,
         c["issued_by"]["id"])], rows
    # an application's page takes no certificate occasion
    r, a = new_app(clerk)
    a = act(clerk, act(clerk, a, "accept"), "complete")
    r, text = page(a["progress_url"], body={"occasion": "certificate",
                                            "level": "basic"})
    assert r.status == 400, text


def followups(t, status="open"):
    r, j = jreq("GET", "/api/v1/followups?per_page=100&status=" + status,
                token=t)
    assert r.status == 200, j
    return j["items"]


def step(t, f, want=200, **body):
    r, j = post("/api/v1/followups/%d/actions" % f, body, t)
    assert r.status == want, (body, r.status, j)
    return j


def test_followup_opened_and_closed():
    t = login()
    finished(t)
    r, rating = rate(t, pending(t), "very_dissatisfied",
                     reasons=["attitude"], comment="态度生硬")
    assert r.status == 201, rating
    f = rating["followup_id"]
    sup = login("super01")
    mine = [x for x in followups(sup) if x["id"] == f]
    assert len(mine) == 1, followups(sup)
    x = mine[0]
    assert x["status"] == "open" and x["rating"]["id"] == rating["id"]
    assert x["rating"]["level"] == "very_dissatisfied"
    assert x["due_date"] > bm.service_date() and not x["overdue"], x
    assert x["callback"] is None and x["closing"] is None
    r, j = jreq("GET", "/api/v1/followups", token=t)
    problem(r, j, 403, "forbidden")
    r, j = jreq("GET", "/api/v1/followups/%d" % f, token=login("super01"))
    assert r.status == 200 and j == x, j
    j = step(sup, f, 409, action="close", answer="satisfied")
    assert j["current_status"] == "open" and j["allowed"] == ["callback"]
    j = step(sup, f, 400, action="callback")
    assert field_codes(j) == {"notes": "required"}
    j = step(sup, f, action="callback", notes="已电话回访，居民反映窗口态度生硬")
    assert j["status"] == "called_back" and j["callback"]["notes"]
    j = step(sup, f, action="rectify", notes="窗口人员已批评教育，加强培训")
    assert j["status"] == "rectified" and j["rectification"]["staff"][
        "name"], j
    j = step(sup, f, 400, action="close")
    assert field_codes(j) == {"answer": "required"}
    j = step(sup, f, action="close", answer="satisfied", notes="居民表示认可")
    assert j["status"] == "closed" and j["closing"]["answer"] == "satisfied"
    assert f not in [y["id"] for y in followups(sup)]
    assert f in [y["id"] for y in followups(sup, "closed")]
    r, j = jreq("GET", "/api/v1/followups/%d" % f, token=login("super01"))
    assert j["version"] == 4
    db = bm.connect()
    rows = db.execute("SELECT action FROM audit WHERE object = ? OR "
                      "object = ? ORDER BY id", ("rating/%d" % rating["id"],
                                                 "followup/%d" % f)).fetchall()
    db.close()
    assert [x[0] for x in rows] == ["rate", "followup_callback",
                                    "followup_rectify", "followup_close"]


def test_overdue_followup():
    t = login()
    finished(t)
    r, rating = rate(t, pending(t), "dissatisfied", reasons=["slow"])
    db = bm.connect()
    db.execute("UPDATE followups SET due_date = '2020-01-02' WHERE id = ?",
               (rating["followup_id"],))
    db.commit()
    db.close()
    items = followups(login("super01"))
    assert items[0]["id"] == rating["followup_id"] and items[0]["overdue"]


def satisfaction(t):
    r, j = jreq("GET", "/api/v1/stats/satisfaction", token=t)
    assert r.status == 200, j
    return j


def by(items, key):
    return {x["key"]: x for x in items}.get(key, {"rated": 0, "good": 0,
                                                   "bad": 0})


def test_figures():
    sup = login("super01")
    t = login()
    before = satisfaction(sup)
    assert before["from"] == before["to"] == bm.service_date()
    for level in ("very_satisfied", "satisfied", "basic"):
        finished(t)
        r, j = rate(t, pending(t), level)
        assert r.status == 201
    finished(t)
    r, j = rate(t, pending(t), "very_dissatisfied", reasons=["trips"])
    after = satisfaction(sup)
    tot = after["total"]
    assert tot["rated"] - before["total"]["rated"] == 4
    assert tot["good"] - before["total"]["good"] == 3
    assert tot["rate_permille"] == tot["good"] * 1000 // tot["rated"]
    c0, c1 = by(before["per_counter"], "1"), by(after["per_counter"], "1")
    assert (c1["rated"] - c0["rated"], c1["bad"] - c0["bad"]) == (4, 1)
    s0 = by(before["per_service"], "高龄津贴申请")
    s1 = by(after["per_service"], "高龄津贴申请")
    assert s1["rated"] - s0["rated"] == 4
    name = j["staff"]["name"]
    p1 = by(after["per_staff"], name)
    assert p1["staff_id"] == j["staff"]["id"] and p1["rated"] >= 4
    assert after["followups"]["open"] == before["followups"]["open"] + 1
    r, j = jreq("GET", "/api/v1/stats/satisfaction", token=t)
    problem(r, j, 403, "forbidden")
    r, j = jreq("GET", "/api/v1/stats/satisfaction?from=2026-02-01&to="
                "2026-01-01", token=sup)
    assert field_codes(problem(r, j, 400, "validation")) == {"to": "date"}
    r, j = jreq("GET", "/api/v1/stats/satisfaction?from=2000-01-01&to="
                "2000-01-02", token=sup)
    assert j["total"]["rated"] == 0 and j["total"]["rate_permille"] is None


if __name__ == "__main__":
    bm.main(globals())
