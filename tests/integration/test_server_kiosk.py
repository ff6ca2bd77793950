#!/usr/bin/env python3
"""The self-service terminal (docs/api.md 25): a kiosk's token refused on
every other route; pickup codes from the 201 of an application and from
the clerk; identifying with a good and a wrong code, five wrong codes
then 429 with the wait, per card and per terminal; a resident's own
applications only; a released certificate printed once; the 办事指南
without a card; ratings; the audit rows of it all; and no code kept for
a replay."""
import json
import os
import subprocess
import uuid

import bm
from bm import jreq, post, login, problem, field_codes
from test_server_applications import DATA, MATERIALS, new_app, new_elder, \
    service
from test_server_residents import new_id_number

KIOSK = ("kiosk01", "demo-kiosk")
KIOSK_ROUTES = ("/api/v1/kiosk/",)
CLERK_ROUTES = ("/api/v1/residents/{id}/pickup-codes",
                "/api/v1/certificates/{id}/kiosk-release")


def add_kiosk(username):
    """Another kiosk of the first centre, with kiosk01's password."""
    db = bm.connect()
    db.execute("INSERT INTO kiosks (username, name, centre_id, "
               "password_hash) SELECT ?, name || '乙', centre_id, "
               "password_hash FROM kiosks WHERE username = 'kiosk01'",
               (username,))
    db.commit()
    db.close()


def kiosk(username="kiosk01"):
    r, j = jreq("POST", "/api/v1/kiosk/sessions",
                {"username": username, "password": KIOSK[1]})
    assert r.status == 201, j
    return j["token"]


def identify(k, id_number, code):
    return jreq("POST", "/api/v1/kiosk/identify",
                {"id_number": id_number, "code": code}, token=k)


def visit_get(k, v, path):
    return jreq("GET", "/api/v1/kiosk/visit" + path, token=k,
                headers={"Kiosk-Visit": v})


def resident_with_code(t):
    """A new resident's application: (its 201 body, the id number)."""
    r, a = new_app(t)
    assert r.status == 201, a
    assert len(a["pickup_code"]) == 6 and a["pickup_code"].isdigit(), a
    db = bm.connect()
    idn = db.execute("SELECT id_number FROM residents WHERE id = ?",
                     (a["resident"]["id"],)).fetchone()[0]
    db.close()
    return a, idn


def audit(action):
    db = bm.connect()
    rows = db.execute("SELECT staff_id, username, object, "
                      "nullif(detail, '') FROM audit "
                      "WHERE action = ? ORDER BY id", (action,)).fetchall()
    db.close()
    return rows


def routes():
    out = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--routes"],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split(" ", 1)) for line in out.splitlines()]


def test_kiosk_token_refused_on_every_other_route():
    k = kiosk()
    n = 0
    for method, path in routes():
        # the public routes, and the exchange's inbound route, reached
        # by a department's signature and never by a session
        if path.startswith(KIOSK_ROUTES) or \
                path.startswith(("/p/", "/api/v1/exchange/")) or \
                "verify" in path or path.endswith("/health") or \
                path == "/api/v1/sessions" and method == "POST":
            continue
        body = {} if method in ("POST", "PATCH") else None
        r, text = bm.request(method, path.replace("{id}", "1").replace(
            "{number}", "X").replace("{txcode}", "0501"), body, token=k,
            key=uuid.uuid4().hex if method == "POST" else None,
            if_match=1 if method in ("POST", "PATCH") else None)
        assert r.status == 403 and b"forbidden" in text, (method, path,
                                                          r.status, text)
        n += 1
    assert n > 100, n
    # and staff tokens on the kiosk's routes
    t = login()
    for method, path in routes():
        if not path.startswith(KIOSK_ROUTES) or path.endswith("/sessions"):
            continue
        r, text = bm.request(method, path.replace("{id}", "1"), {} if
                             method == "POST" else None, token=t)
        assert r.status == 403, (method, path, r.status, text)


def test_guides_without_a_card():
    k = kiosk()
    r, j = jreq("GET", "/api/v1/kiosk/guides", token=k)
    assert r.status == 200 and j["items"][0]["no"] == 1, j
    assert [i["no"] for i in j["items"]] == list(range(1, len(j["items"]) +
                                                       1))
    sid = j["items"][0]["id"]
    r, g = jreq("GET", "/api/v1/kiosk/guides/%d" % sid, token=k)
    assert r.status == 200 and g["id"] == sid and g["materials"], g
    assert isinstance(g["time_limit_days"], int) and g["fee_fen"] >= 0, g
    assert audit("kiosk_guide")[-1] == (None, "kiosk01",
                                        "service/%d" % sid, None)
    r, j = jreq("GET", "/api/v1/kiosk/guides/999999", token=k)
    problem(r, j, 404, "not-found")


def test_identify_and_own_applications():
    t = login()
    a, idn = resident_with_code(t)
    other, _ = resident_with_code(t)
    k = kiosk()
    r, j = identify(k, idn, "12345")
    assert r.status == 400 and field_codes(j) == {"code": "pattern"}, j
    r, v = identify(k, idn, a["pickup_code"])
    assert r.status == 201 and len(v["visit"]) == 64, v
    assert "*" in v["resident"]["name"], v
    row = audit("kiosk_identify")[-1]
    assert row[:3] == (None, "kiosk01", "resident/%d" % a["resident"]["id"])
    assert row[3].startswith("ok ") and idn not in row[3], row
    r, j = visit_get(k, v["visit"], "/applications")
    assert r.status == 200, j
    assert [i["id"] for i in j["items"]] == [a["id"]], j
    assert other["id"] not in [i["id"] for i in j["items"]]
    assert j["items"][0]["rated"] == [] and j["items"][0]["rateable"] == []
    assert audit("kiosk_applications")[-1][2] == "resident/%d" % \
        a["resident"]["id"]
    # a clerk's fresh code works too; the old one still does
    r, c = post("/api/v1/residents/%d/pickup-codes" % a["resident"]["id"],
                None, t)
    assert r.status == 201 and len(c["code"]) == 6, c
    assert audit("pickup_code")[-1][2:] == (
        "resident/%d" % a["resident"]["id"], None)
    r, v2 = identify(k, idn, c["code"])
    assert r.status == 201, v2
    # the visit is bound to its kiosk, and ends
    add_kiosk("kiosk-other")
    r, j = visit_get(kiosk("kiosk-other"), v2["visit"], "/applications")
    problem(r, j, 401, "unauthorized")
    r, j = jreq("DELETE", "/api/v1/kiosk/visit", token=k,
                headers={"Kiosk-Visit": v2["visit"]})
    assert r.status == 204
    r, j = visit_get(k, v2["visit"], "/applications")
    problem(r, j, 401, "unauthorized")
    r, j = visit_get(k, "0" * 64, "/certificates")
    problem(r, j, 401, "unauthorized")


def test_wrong_codes_per_card():
    t = login()
    a, idn = resident_with_code(t)
    b, idn2 = resident_with_code(t)
    add_kiosk("kiosk-card1")
    add_kiosk("kiosk-card2")
    k1, k2 = kiosk("kiosk-card1"), kiosk("kiosk-card2")
    wrong = "%06d" % ((int(a["pickup_code"]) + 1) % 1000000)
    for left in (4, 3, 2, 1, 0):
        r, j = identify(k1 if left % 2 else k2, idn, wrong)
        problem(r, j, 422, "wrong-code")
        assert j["attempts_left"] == left, j
    assert audit("kiosk_identify")[-1][3].startswith("wrong "), audit(
        "kiosk_identify")[-1]
    # the card is refused at any kiosk, even with the right code
    r, j = identify(k2, idn, a["pickup_code"])
    problem(r, j, 429, "too-many-requests")
    wait = int(r.getheader("Retry-After"))
    assert 800 < wait <= 900 and j["retry_after"] == wait, (wait, j)
    assert audit("kiosk_identify")[-1][3].startswith("throttled "), audit(
        "kiosk_identify")[-1]
    # another card at a kiosk with fewer than five wrong codes goes on
    add_kiosk("kiosk-card3")
    r, v = identify(kiosk("kiosk-card3"), idn2, b["pickup_code"])
    assert r.status == 201, v


def test_wrong_codes_per_kiosk():
    t = login()
    add_kiosk("kiosk-term")
    k = kiosk("kiosk-term")
    a, idn = resident_with_code(t)
    # many residents each mistyping once: the terminal goes on past a
    # card's five, and stops at twenty
    for i in range(20):
        # twenty different cards: a birth date each
        r, j = identify(k, new_id_number(birth="199001%02d" % (i + 1)),
                        "000000")
        problem(r, j, 422, "wrong-code")
        assert j["attempts_left"] == min(4, 19 - i), (i, j)
    r, j = identify(k, idn, a["pickup_code"])
    problem(r, j, 429, "too-many-requests")
    assert int(r.getheader("Retry-After")) > 800, r.getheader("Retry-After")
    # the card itself is fine at another kiosk
    r, v = identify(kiosk(), idn, a["pickup_code"])
    assert r.status == 201, v


def issue_certificate(t, resident):
    r, types = jreq("GET", "/api/v1/certificate-types", token=t)
    res = [x for x in types["items"] if x["code"] == "residence"][0]
    r, c = post("/api/v1/certificates", {
        "type_id": res["id"], "resident_id": resident,
        "purpose": "办理居住证",
        "data": {"since": "2019-06-01", "tenure": "own"}}, t)
    assert r.status == 201, c
    return c


def test_print_once():
    t = login()
    a, idn = resident_with_code(t)
    rid = a["resident"]["id"]
    c = issue_certificate(t, rid)
    assert c["kiosk"] is None, c
    k = kiosk()
    r, v = identify(k, idn, a["pickup_code"])
    h = {"Kiosk-Visit": v["visit"]}
    path = "/api/v1/kiosk/visit/certificates/%d/print" % c["id"]
    # not released: nothing to print
    r, j = visit_get(k, v["visit"], "/certificates")
    assert j["items"] == [], j
    r, j = jreq("POST", path, {}, token=k, headers=h)
    problem(r, j, 404, "not-found")
    r, rel = post("/api/v1/certificates/%d/kiosk-release" % c["id"], None, t)
    assert r.status == 200 and rel["kiosk"]["printed_at"] is None, rel
    assert audit("kiosk_release")[-1][2] == "certificate/%d" % c["id"]
    r, j = visit_get(k, v["visit"], "/certificates")
    assert [i["id"] for i in j["items"]] == [c["id"]], j
    # another resident's visit does not reach it
    b, idn2 = resident_with_code(t)
    r, v2 = identify(k, idn2, b["pickup_code"])
    r, j = jreq("POST", path, {}, token=k, headers={"Kiosk-Visit":
                                                    v2["visit"]})
    problem(r, j, 404, "not-found")
    r, p = jreq("POST", path, {}, token=k, headers=h)
    assert r.status == 200 and p["serial"] == c["serial"], p
    assert p["kiosk"]["printed_at"] is not None, p
    assert audit("kiosk_print")[-1] == (None, "kiosk01",
                                        "certificate/%d" % c["id"], None)
    r, j = jreq("POST", path, {}, token=k, headers=h)
    problem(r, j, 409, "kiosk-printed")
    assert j["printed_at"] == p["kiosk"]["printed_at"], j
    r, j = visit_get(k, v["visit"], "/certificates")
    assert j["items"] == [], j
    # released again: one more print
    r, rel = post("/api/v1/certificates/%d/kiosk-release" % c["id"], None, t)
    r, p = jreq("POST", path, {}, token=k, headers=h)
    assert r.status == 200, p


def test_rate_at_the_kiosk():
    t = login()
    a, idn = resident_with_code(t)
    k = kiosk()
    r, v = identify(k, idn, a["pickup_code"])
    h = {"Kiosk-Visit": v["visit"]}
    body = {"application_id": a["id"], "occasion": "completed",
            "level": "satisfied"}
    r, j = jreq("POST", "/api/v1/kiosk/visit/ratings", body, token=k,
                headers=h)
    problem(r, j, 409, "invalid-transition")
    for action in ("accept", "complete"):
        r, a = post("/api/v1/applications/%d/transitions" % a["id"],
                    {"action": action}, t, if_match=a["version"])
        assert r.status == 200, a
    r, j = visit_get(k, v["visit"], "/applications")
    assert j["items"][0]["rateable"] == ["completed"], j
    assert j["items"][0]["completed_on"] is not None, j
    r, j = jreq("POST", "/api/v1/kiosk/visit/ratings", body, token=k,
                headers=h)
    assert r.status == 201 and j["channel"] == "kiosk", j
    assert j["counter"] is None, j
    r, j = jreq("POST", "/api/v1/kiosk/visit/ratings", body, token=k,
                headers=h)
    problem(r, j, 409, "already-rated")
    r, j = visit_get(k, v["visit"], "/applications")
    assert j["items"][0]["rated"] == ["completed"], j
    # another resident's application
    b, idn2 = resident_with_code(t)
    r, v2 = identify(k, idn2, b["pickup_code"])
    r, j = jreq("POST", "/api/v1/kiosk/visit/ratings", body, token=k,
                headers={"Kiosk-Visit": v2["visit"]})
    problem(r, j, 404, "not-found")


def twice(path, body, t):
    """The same POST twice with one Idempotency-Key: both answers, as
    bytes, and the body the server stored for replays."""
    key = uuid.uuid4().hex
    r1, first = bm.request("POST", path, body, token=t, key=key)
    r2, again = bm.request("POST", path, body, token=t, key=key)
    assert r1.status == 201 and r1.getheader("Idempotent-Replayed") is None
    assert r2.status == 201 and r2.getheader("Idempotent-Replayed") == \
        "true", again
    db = bm.connect()
    stored = db.execute("SELECT body FROM idempotency WHERE key = ?",
                        (key,)).fetchone()[0]
    db.close()
    if isinstance(stored, str):     # PostgreSQL's bytea, as psql writes it
        stored = bytes.fromhex(stored[2:]) if stored.startswith("\\x") \
            else stored.encode()
    return first, again, bytes(stored)


def test_a_code_is_not_kept_for_a_replay():
    """docs/api.md 1.8 and 25: a replay has null for the code, the rest
    byte for byte; the stored answer is that one; the code shown first
    still identifies."""
    t = login()
    body = {"service_id": service(t, "0501")["id"],
            "resident_id": new_elder(t)["id"], "data": dict(DATA),
            "materials": MATERIALS}
    first, again, stored = twice("/api/v1/applications", body, t)
    code = json.loads(first)["pickup_code"]
    assert len(code) == 6 and code.isdigit(), first
    assert again == first.replace(b'"pickup_code":"%s"' % code.encode(),
                                  b'"pickup_code":null'), again
    assert stored == again
    db = bm.connect()
    idn = db.execute("SELECT id_number FROM residents WHERE id = ?",
                     (body["resident_id"],)).fetchone()[0]
    db.close()
    k = kiosk()
    r, v = identify(k, idn, code)
    assert r.status == 201, v
    # the clerk's fresh code, the same way
    first, again, stored = twice("/api/v1/residents/%d/pickup-codes" %
                                 body["resident_id"], None, t)
    fresh = json.loads(first)
    assert json.loads(again) == {"code": None,
                                 "expires_at": fresh["expires_at"]}, again
    assert again == first.replace(b'"code":"%s"' % fresh["code"].encode(),
                                  b'"code":null')
    assert stored == again
    r, v = identify(k, idn, fresh["code"])
    assert r.status == 201, v


def test_codes_stored_before_are_dropped():
    """The upgrade from a server that kept pickup codes in its stored
    answers (schema 19) drops those answers and keeps the others."""
    pg = bm.S.db.startswith("postgresql://")
    rows = {
        "old-application": '{"id":1,"number":"x","pickup_code":"123456"}',
        "old-clerks-code": '{"code":"654321","expires_at":"2027-01-01"}',
        "new-application": '{"id":2,"number":"y","pickup_code":null}',
        "a-note-saying-it": '{"id":3,"note":"\\"pickup_code\\":\\"1\\""}',
    }
    db = bm.connect()
    staff = db.execute("SELECT id FROM staff WHERE username = 'clerk01'"
                       ).fetchone()[0]
    for key, body in rows.items():
        db.execute("INSERT INTO idempotency (staff_id, key, fingerprint, "
                   "state, created_at, status, body) VALUES (?, ?, 'f', "
                   "'done', 0, 201, %s)" % ("convert_to(?, 'UTF8')" if pg
                                           else "CAST(? AS BLOB)"),
                   (staff, key, body))
    if pg:
        db.execute("DELETE FROM schema_version WHERE version >= 20")
    else:
        db.execute("PRAGMA user_version = 19")
    db.commit()
    db.close()
    r = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db", bm.S.db,
                        "--verify-audit"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    db = bm.connect()
    left = {k for (k,) in db.execute(
        "SELECT key FROM idempotency WHERE key IN (?, ?, ?, ?)",
        tuple(rows)).fetchall()}
    db.close()
    assert left == {"new-application", "a-note-saying-it"}, left


if __name__ == "__main__":
    bm.main(globals())
