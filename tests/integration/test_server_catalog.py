#!/usr/bin/env python3
"""The service catalog (docs/api.md 7): categories, search, a service with
its conditions, materials and form, by id and by transaction code."""
import re

import bm
from bm import jreq, login, problem, field_codes

FIELD_KEYS = {"name", "label", "label_en", "type", "required", "min_length",
              "max_length", "pattern", "min", "max", "options", "default",
              "prefill", "help"}
TYPES = {"text", "multiline", "id_number", "uscc", "phone", "postal_code",
         "date", "number", "money", "select", "multiselect", "checkbox",
         "materials"}


def test_categories():
    r, j = jreq("GET", "/api/v1/service-categories", token=login())
    assert r.status == 200 and j["total"] == 12 and j["per_page"] == 12, j
    assert [c["code"] for c in j["items"]] == ["%02d" % i
                                               for i in range(1, 13)]
    assert len({c["queue_prefix"] for c in j["items"]}) == 12
    assert sum(c["service_count"] for c in j["items"]) >= 100
    assert all(c["service_count"] >= 8 for c in j["items"]), j


def test_every_service_is_complete():
    t = login("grid01", counter=None)
    r, j = jreq("GET", "/api/v1/services?per_page=100", token=t)
    r2, j2 = jreq("GET", "/api/v1/services?per_page=100&page=2", token=t)
    items = j["items"] + j2["items"]
    assert j["total"] >= 100 and len(items) == j["total"], j["total"]
    codes = [s["txcode"] for s in items]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for s in items:
        assert re.fullmatch(r"[0-9]{4}", s["txcode"]), s
        assert s["txcode"][:2] == s["category"]["code"], s
        assert re.fullmatch(r"[a-z]+", s["pinyin"]), s
        r, d = jreq("GET", "/api/v1/services/%d" % s["id"], token=t)
        assert r.status == 200 and r.getheader("ETag") == '"%d"' % \
            d["version"], d
        assert d["approval_chain"][0].startswith("社区"), d
        assert d["department"] and d["materials"], d
        names = set()
        for sec in d["form"]["sections"]:
            for f in sec["fields"]:
                assert set(f) == FIELD_KEYS, f
                assert f["type"] in TYPES, f
                assert re.fullmatch(r"[a-z][a-z0-9_]{0,39}", f["name"]), f
                assert f["name"] not in names, f
                names.add(f["name"])
                if f["type"] in ("select", "multiselect"):
                    assert f["options"], f
        assert "materials" in names and "declaration" in names, d


def test_old_age_allowance():
    t = login()
    r, d = jreq("GET", "/api/v1/services/by-code/0501", token=t)
    assert r.status == 200, d
    assert d["name"] == "高龄津贴申请" and d["pinyin"] == "gljtsq", d
    assert d["conditions"] == [{"type": "min_age", "value": 80,
                                "message": "申请人须年满80周岁"}], d
    assert d["time_limit_days"] == 20 and d["fee_fen"] == 0
    prefills = {f["name"]: f["prefill"] for s in d["form"]["sections"]
                for f in s["fields"]}
    assert prefills["id_number"] == "id_number"
    assert prefills["community"] == "community.name"
    bank = [f for s in d["form"]["sections"] for f in s["fields"]
            if f["name"] == "bank"][0]
    assert {"value": "ccb", "label": "中国建设银行", "label_en":
            "China Construction Bank", "pinyin": "zgjsyh"} in \
        bank["options"], bank
    r, x = jreq("GET", "/api/v1/services/by-code/0501", token=t,
                headers={"If-None-Match": r.getheader("ETag")})
    assert r.status == 304


def test_search():
    t = login()
    for q, want in (("0501", "0501"), ("gljt", "0501"), ("高龄", "0501"),
                    ("610200-yl-05", "0501"), ("GLJT", "0501")):
        r, j = jreq("GET", "/api/v1/services?q=" + q, token=t)
        assert r.status == 200 and want in [s["txcode"] for s in
                                            j["items"]], (q, j)
    r, j = jreq("GET", "/api/v1/services?category_id=5&per_page=100",
                token=t)
    assert j["total"] >= 10 and {s["category"]["code"] for s in
                                 j["items"]} == {"05"}
    r, j = jreq("GET", "/api/v1/services?q=%27%3B%20DROP%20TABLE%20services"
                "--", token=t)
    assert r.status == 200 and j["total"] == 0
    r, j = jreq("GET", "/api/v1/services?q=" + "x" * 33, token=t)
    assert field_codes(problem(r, j, 400, "validation")) == {"q": "too_long"}


def test_unknown_services():
    t = login()
    for path in ("/api/v1/services/99999", "/api/v1/services/by-code/9999",
                 "/api/v1/services/by-code/05a1", "/api/v1/services/0",
                 "/api/v1/services/01"):
        r, j = jreq("GET", path, token=t)
        problem(r, j, 404, "not-found")


if __name__ == "__main__":
    bm.main(globals())
