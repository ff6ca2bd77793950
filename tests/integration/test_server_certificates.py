#!/usr/bin/env python3
"""Certificate types and certificates (docs/api.md 10): retained types
with templates, cancelled ones refused with their basis, issuing with a
gap-free serial, the stub, reprints, and public verification as JSON and
as an HTML page (looked at in headless Chromium when it is installed)."""
import os
import re
import shutil
import subprocess
import tempfile

import bm
from bm import jreq, post, login, problem, field_codes, find

ZHANG = "610202198503150021"


def types(t, include=""):
    r, j = jreq("GET", "/api/v1/certificate-types?per_page=100" + include,
                token=t)
    assert r.status == 200, j
    return {x["code"]: x for x in j["items"]}


def issue(t, **kw):
    body = {"type_id": types(t)["residence"]["id"], "resident_id":
            find(t, ZHANG), "purpose": "办理居住证",
            "data": {"since": "2019-06-01", "tenure": "own"}}
    body.update(kw)
    return post("/api/v1/certificates", body, t)


def test_types():
    t = login("grid01", counter=None)
    kept = types(t)
    assert len(kept) >= 5 and all(x["status"] == "retained"
                                  for x in kept.values()), kept.keys()
    for x in kept.values():
        assert x["basis"] and x["template"]["body"] and x["validity_days"]
        assert "{{" in x["template"]["body"], x
    alltypes = types(t, "&include=cancelled")
    gone = [x for x in alltypes.values() if x["status"] == "cancelled"]
    assert len(gone) == 20, len(gone)
    assert {"亲属关系证明", "婚姻状况证明", "健在证明", "死亡证明",
            "居民就业状况证明", "居民财产证明"} <= {x["name"] for x in gone}
    for x in gone:
        assert x["template"] is None and x["alternative"], x
        assert "民发〔2020〕20号" in x["basis"], x
    k = alltypes["kinship"]
    r, j = jreq("GET", "/api/v1/certificate-types/%d" % k["id"], token=t)
    assert r.status == 200 and j == k and r.getheader("ETag") == '"1"'
    r, j = jreq("GET", "/api/v1/certificate-types?include=all", token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "include": "option"}


def test_issue_and_serials():
    t = login()
    r, c = issue(t)
    assert r.status == 201, c
    assert r.getheader("Location") == "/api/v1/certificates/%d" % c["id"]
    m = re.fullmatch(r"红旗社区〔(\d{4})〕第(\d{6})号", c["serial"])
    assert m and m.group(1) == c["issued_at"][:4], c["serial"]
    assert c["body"].startswith("兹证明张红旗（性别：女，公民身份号码："
                                "610202198503150021），自2019年6月1日起"), c
    assert "居住性质为自有住房" in c["body"] and "30日内有效" in c["body"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", c["verify_token"])
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", c["verify_code"])
    assert c["verify_url"].endswith("/verify/" + c["verify_token"])
    assert c["stub"]["serial"] == c["serial"] and c["reprints"] == 0
    assert c["stub"]["id_number_masked"] == "610***********0021"
    assert c["stub"]["verify_code"] == c["verify_code"]
    # a refused request uses no number: the next one follows on
    r, j = issue(t, data={"since": "2019-13-01", "tenure": "own"})
    assert field_codes(problem(r, j, 400, "validation")) == {
        "data.since": "date"}
    r, d = issue(t)
    assert int(d["serial"][-7:-1]) == int(c["serial"][-7:-1]) + 1, d
    r, g = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=t)
    assert g == c, g
    r, j = jreq("GET", "/api/v1/certificates?serial=" + c["serial"],
                token=t)
    assert [x["id"] for x in j["items"]] == [c["id"]]
    r, j = jreq("GET", "/api/v1/residents/%d/certificates" %
                c["resident"]["id"], token=t)
    assert [x["id"] for x in j["items"]][:2] == [d["id"], c["id"]], j
    r, j = jreq("GET", "/api/v1/certificates/%d" % c["id"],
                token=login("clerk02"))
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/certificates", token=login(
        "grid01", counter=None))
    problem(r, j, 403, "forbidden")


def test_cancelled_type_is_refused_with_its_basis():
    t = login()
    k = types(t, "&include=cancelled")["kinship"]
    r, j = issue(t, type_id=k["id"], data={"anything": 1})
    problem(r, j, 422, "certificate-not-issued")
    assert j["certificate_type"] == {"id": k["id"], "code": "kinship",
                                     "name": "亲属关系证明"}, j
    assert j["basis"] == k["basis"] and j["alternative"] == k["alternative"]
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM audit WHERE action = 'refuse'"
                   ).fetchone()[0]
    db.close()
    assert n >= 1


def test_issue_errors():
    t = login()
    r, j = issue(t, type_id=999, resident_id=find(login("clerk02"),
                 "610202194007080046"), data=[])
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"type_id": "not_found", "resident_id": "not_found",
                     "data": "type"}, codes
    r, j = issue(t, data={"since": "2019-06-01", "tenure": "castle"},
                 purpose="p" * 101)
    codes = field_codes(problem(r, j, 400, "validation"))
    assert codes == {"data.tenure": "option", "purpose": "too_long"}, codes
    hard = types(t)["hardship"]
    r, j = issue(t, type_id=hard["id"], purpose="", data={
        "hardship_reason": "illness", "family_size": 3})
    assert r.status == 201 and j["purpose"] == hard["purpose"], j
    assert "其家庭因病，生活困难" in j["body"], j["body"]


def test_reprints():
    t = login()
    r, c = issue(t)
    path = "/api/v1/certificates/%d/reprints" % c["id"]
    r, p = post(path, {"reason": "原件遗失，居民申请补打"}, t)
    assert r.status == 201 and r.getheader("Location") is None, p
    assert p["reprint_no"] == 1 and p["certificate_id"] == c["id"]
    r, p = post(path, {"reason": "再次遗失"}, t)
    assert p["reprint_no"] == 2
    r, g = jreq("GET", "/api/v1/certificates/%d" % c["id"], token=t)
    assert g["reprints"] == 2 and g["body"] == c["body"]
    assert g["verify_code"] == c["verify_code"]
    r, p = post(path, {"reason": "x"}, t)
    assert field_codes(problem(r, p, 400, "validation")) == {
        "reason": "too_short"}


def test_public_verification():
    t = login()
    r, c = issue(t)
    src = "127.0.0.31"
    r, v = jreq("GET", "/api/v1/verify/" + c["verify_token"], source=src)
    assert r.status == 200, v
    assert v == {"valid": True, "status": "valid", "type": "居住证明",
                 "issued_on": bm.service_date(c["issued_at"]),
                 "community": "红旗社区", "valid_until": c["valid_until"],
                 "voided_on": None, "superseded_on": None}, v
    code = c["verify_code"].lower()
    r, v2 = jreq("GET", "/api/v1/verify?code=%s-%s" % (code[:4], code[4:]),
                 source=src)
    assert v2 == v, v2
    r, j = jreq("GET", "/api/v1/verify?code=ABC", source=src)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "code": "pattern"}
    r, j = jreq("GET", "/api/v1/verify?code=22222222", source=src)
    problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/verify/" + "A" * 43, source=src)
    problem(r, j, 404, "not-found")
    # an expired certificate is reported as such
    db = bm.connect()
    db.execute("UPDATE certificates SET valid_until = '2020-01-01' WHERE "
               "id = ?", (c["id"],))
    db.commit()
    db.close()
    r, v = jreq("GET", "/api/v1/verify/" + c["verify_token"], source=src)
    assert v["valid"] is False and v["status"] == "expired", v


def test_verification_is_rate_limited():
    src = "127.0.0.32"
    statuses = [bm.request("GET", "/api/v1/verify/" + "B" * 43,
                           source=src)[0] for _ in range(31)]
    assert [r.status for r in statuses[:30]] == [404] * 30
    assert statuses[30].status == 429
    assert int(statuses[30].getheader("Retry-After")) > 0
    r, text = bm.request("GET", "/verify/" + "B" * 43, source=src)
    assert r.status == 429 and b"<html" in text
    r, text = bm.request("GET", "/verify/" + "B" * 43, source="127.0.0.33")
    assert r.status == 404 and "未找到该证明" in text.decode()


def test_html_page():
    t = login()
    r, c = issue(t)
    r, text = bm.request("GET", "/verify/" + c["verify_token"],
                         source="127.0.0.34")
    assert r.status == 200
    assert r.getheader("Content-Type") == "text/html; charset=utf-8"
    assert r.getheader("Content-Security-Policy") == \
        "default-src 'none'; style-src 'unsafe-inline'"
    assert r.getheader("Referrer-Policy") == "no-referrer"
    html = text.decode()
    for want in ("<title>证明核验</title>", "有效", "居住证明", "红旗社区",
                 c["valid_until"]):
        assert want in html, want
    assert "<script" not in html and "张红旗" not in html
    assert "610202" not in html
    browser = shutil.which("chromium")
    if browser is None:
        raise bm.SkipTest("chromium is not installed")
    home = tempfile.mkdtemp(prefix="bianmin-chromium-")
    try:
        out = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run",
             "--user-data-dir=" + home, "--dump-dom",
             c["verify_url"]],
            capture_output=True, text=True, timeout=60)
        shot = os.path.join(home, "page.png")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run",
             "--user-data-dir=" + home, "--window-size=390,700",
             "--screenshot=" + shot, bm.S.url + "/verify/" +
             c["verify_token"]], capture_output=True, timeout=60)
        assert os.path.getsize(shot) > 1000
    finally:
        shutil.rmtree(home, ignore_errors=True)
    dom = out.stdout
    assert "证明核验" in dom and "核验结果" in dom and "有效" in dom, (
        dom, out.stderr[-2000:])
    assert "红旗社区" in dom and "<script" not in dom


if __name__ == "__main__":
    bm.main(globals())
