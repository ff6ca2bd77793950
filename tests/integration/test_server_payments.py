#!/usr/bin/env python3
"""Payments, refunds and the counter's cash (docs/api.md 22): a fee paid
once, by a scanned code, in cash into the counter's drawer or waived
with a reason, each with a receipt serial; two counters paying at once
make one payment and a replayed request counts once; a refund or void
changes nothing until another person, a supervisor, approves it, and
then writes a red-letter record beside the payment; an unpaid fee keeps
the result from being handed out (出件); each counter's cash session
opens with a float, closes with the count (over or short with a reason),
is signed off, and one left open blocks the next day's unless a
supervisor overrides; the day-end (日结单) money lines."""
import re
import threading
import uuid

import bm
from bm import jreq, post, login, problem, field_codes
from harness import within_one_day


def counter():
    """A counter of the test's own, so that its drawer is its own."""
    return "T" + uuid.uuid4().hex[:6].upper()


def service(t, txcode):
    r, j = jreq("GET", "/api/v1/services/by-code/" + txcode, token=t)
    assert r.status == 200, j
    return j


def new_resident(t, tags=()):
    from test_server_residents import new_id_number
    n = uuid.uuid4().int
    r, j = post("/api/v1/residents", {
        "name": "吴缴费", "id_number": new_id_number(
            "19%02d%02d%02d" % (50 + n % 40, 1 + n // 40 % 12,
                                1 + n // 480 % 28)),
        "address": "红旗街3号", "community_id": 1, "phone": "13700003333",
        "tags": list(tags)}, t)
    assert r.status == 201, j
    return j


def new_app(t, txcode="1006", tags=()):
    """An application of the ID card's renewal: 20 yuan unless the
    resident's tags waive it."""
    svc = service(t, txcode)
    r, j = post("/api/v1/applications", {
        "service_id": svc["id"], "resident_id": new_resident(t, tags)["id"],
        "data": {"declaration": True, "renewal_reason": "expiry"}
        if txcode == "1006" else {"declaration": True},
        "materials": [{"name": m["name"], "originals": m["originals"],
                       "copies": m["copies"]}
                      for m in svc["materials"] if m["required"]]}, t)
    assert r.status == 201, j
    return j


def pay(t, a, body, want=201, **kw):
    r, j = post("/api/v1/applications/%d/payments" % a["id"], body, t, **kw)
    assert r.status == want, (body, r.status, j)
    return j


def code(amount=2000):
    return {"channel": "code", "amount_fen": amount,
            "reference": "WX" + uuid.uuid4().hex[:20]}


def get(t, path):
    r, j = jreq("GET", path, token=t)
    assert r.status == 200, (path, r.status, j)
    return j


def act(t, a, action, want=200, **body):
    body["action"] = action
    r, j = post("/api/v1/applications/%d/transitions" % a["id"], body, t,
                if_match=a["version"])
    assert r.status == want, (action, r.status, j)
    return j


def open_session(t, float_fen=50000, want=201, **kw):
    body = {"float_fen": float_fen}
    body.update(kw)
    r, j = post("/api/v1/cash-sessions", body, t)
    assert r.status == want, (r.status, j)
    return j


def db_count(sql, *args):
    db = bm.connect()
    n = db.execute(sql, args).fetchone()[0]
    db.close()
    return n


def test_pay_by_code_with_receipt_serial():
    t = login(counter=counter())
    a = new_app(t)
    assert a["fee"]["status"] == "unpaid" and a["fee_fen"] == 2000
    # the amount is the fee, no more and no less; each channel's needs
    j = pay(t, a, dict(code(), amount_fen=1000), want=400)
    assert field_codes(j) == {"amount_fen": "mismatch"}, j
    j = pay(t, a, {"channel": "code", "amount_fen": 2000}, want=400)
    assert field_codes(j) == {"reference": "required"}, j
    j = pay(t, a, {"channel": "code", "amount_fen": 2000,
                   "reference": "微信 123456"}, want=400)
    assert field_codes(j) == {"reference": "pattern"}, j
    j = pay(t, a, {"channel": "cash", "amount_fen": 2000,
                   "reference": "WX12345678"}, want=400)
    assert field_codes(j) == {"reference": "unknown_field"}, j
    j = pay(t, a, {"channel": "waived", "amount_fen": 2000}, want=400)
    assert field_codes(j) == {"reason": "required"}, j
    body = code()
    p = pay(t, a, body)
    assert (p["kind"], p["status"], p["channel"], p["amount_fen"]) == (
        "payment", "in_force", "code", 2000), p
    assert p["reference"] == body["reference"] and p["session_id"] is None
    assert re.fullmatch(r"[0-9A-Za-z-]+-%s-0001" % p["date"].replace(
        "-", ""), p["serial"]) or re.fullmatch(
        r"[0-9A-Za-z-]+-%s-\d{4}" % p["date"].replace("-", ""),
        p["serial"]), p["serial"]
    assert p["application"] == {"id": a["id"], "number": a["number"]}
    assert p["service"]["txcode"] == "1006" and p["centre"]["id"] == 1
    assert p["date"] == bm.service_date(p["at"]), p
    assert get(t, "/api/v1/payments/%d" % p["id"]) == p
    b = get(t, "/api/v1/applications/%d" % a["id"])
    assert b["version"] == a["version"] + 1, b
    assert b["fee"]["status"] == "paid" and b["fee"]["payment"] == {
        "id": p["id"], "serial": p["serial"], "channel": "code",
        "amount_fen": 2000, "at": p["at"]}, b["fee"]
    lst = get(t, "/api/v1/applications/%d/payments" % a["id"])
    assert [x["id"] for x in lst["items"]] == [p["id"]], lst
    # a second payment of the same fee is refused, naming the first
    r, j = post("/api/v1/applications/%d/payments" % a["id"], code(), t)
    j = problem(r, j, 409, "already-paid")
    assert (j["payment_id"], j["serial"]) == (p["id"], p["serial"]), j
    # serials of a centre's day follow one another
    q = pay(t, new_app(t), code())
    assert q["serial"][:-4] == p["serial"][:-4] and int(
        q["serial"][-4:]) == int(p["serial"][-4:]) + 1 or \
        q["date"] != p["date"], (p["serial"], q["serial"])


def test_cash_goes_into_the_open_drawer():
    def run():
        c = counter()
        t = login(counter=c)
        a = new_app(t)
        r, j = post("/api/v1/applications/%d/payments" % a["id"],
                    {"channel": "cash", "amount_fen": 2000}, t)
        j = problem(r, j, 409, "cash-session-required")
        assert j["counter"] == c, j
        s = open_session(t, 30000)
        assert (s["counter"], s["status"], s["expected_fen"]) == (
            c, "open", 30000), s
        p = pay(t, a, {"channel": "cash", "amount_fen": 2000})
        assert p["session_id"] == s["id"], p
        s = get(t, "/api/v1/cash-sessions/%d" % s["id"])
        assert (s["cash_in_fen"], s["cash_out_fen"], s["expected_fen"]) == (
            2000, 0, 32000), s
        # a code payment does not go into the drawer
        pay(t, new_app(t), code())
        assert get(t, "/api/v1/cash-sessions/%d" % s["id"])[
            "expected_fen"] == 32000
    within_one_day(run)


def test_two_counters_paying_at_once_make_one_payment():
    t1, t2 = login(counter=counter()), login(counter=counter())
    apps = [new_app(t1) for _ in range(6)]
    for a in apps:
        answers = []

        def one(t):
            answers.append(post("/api/v1/applications/%d/payments" %
                                a["id"], code(), t))
        threads = [threading.Thread(target=one, args=(t,)) for t in (t1, t2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        statuses = sorted(r.status for r, j in answers)
        assert statuses == [201, 409], answers
        refused = [j for r, j in answers if r.status == 409][0]
        assert refused["type"].endswith("already-paid"), refused
        paid = [j for r, j in answers if r.status == 201][0]
        assert refused["payment_id"] == paid["id"], (refused, paid)
        assert db_count("SELECT count(*) FROM payments WHERE "
                        "application_id = ?", a["id"]) == 1


def test_a_replayed_payment_counts_once():
    t = login(counter=counter())
    a = new_app(t)
    key, body = uuid.uuid4().hex, code()
    r1, p1 = post("/api/v1/applications/%d/payments" % a["id"], body, t,
                  key=key)
    assert r1.status == 201, p1
    # the outbox sends it again after a crash: the same answer, once
    r2, p2 = post("/api/v1/applications/%d/payments" % a["id"], body, t,
                  key=key)
    assert r2.status == 201 and p2 == p1, p2
    assert r2.getheader("Idempotent-Replayed") == "true"
    assert db_count("SELECT count(*) FROM payments WHERE application_id = "
                    "?", a["id"]) == 1
    # the same key with another body is refused, nothing done
    r3, j = post("/api/v1/applications/%d/payments" % a["id"], code(), t,
                 key=key)
    problem(r3, j, 422, "idempotency-key-reused")
    # a burst of the same request at once: one payment
    b = new_app(t)
    key, body, answers = uuid.uuid4().hex, code(), []

    def one():
        answers.append(post("/api/v1/applications/%d/payments" % b["id"],
                            body, t, key=key))
    threads = [threading.Thread(target=one) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ok = [j for r, j in answers if r.status == 201]
    assert ok and all(j == ok[0] for j in ok), answers
    assert all(r.status in (201, 409) for r, j in answers), answers
    assert all(j["type"].endswith("idempotency-in-progress")
               for r, j in answers if r.status == 409), answers
    assert db_count("SELECT count(*) FROM payments WHERE application_id = "
                    "?", b["id"]) == 1


def test_refund_needs_a_supervisors_approval():
    c = counter()
    t = login(counter=c)
    s = login("super01", counter=c)
    a = new_app(t)
    p = pay(t, a, code())
    r, v = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "refund", "reason": "申请不予受理，退还工本费"}, t)
    assert r.status == 201 and v["status"] == "pending", v
    assert v["payment"]["status"] == "reversal_pending" and \
        v["record"] is None, v
    # asked, not approved: nothing changes
    assert get(t, "/api/v1/applications/%d" % a["id"])["fee"]["status"] \
        == "paid"
    assert db_count("SELECT count(*) FROM payments WHERE application_id = "
                    "?", a["id"]) == 1
    # a clerk cannot approve it, their own or anyone's
    r, j = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": True}, t)
    problem(r, j, 403, "forbidden")
    assert get(t, "/api/v1/payments/%d" % p["id"])["status"] == \
        "reversal_pending"
    assert db_count("SELECT count(*) FROM payments WHERE application_id = "
                    "?", a["id"]) == 1
    # a second request of the same payment waits for the first
    r, j = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "void", "reason": "录入错误"}, t)
    j = problem(r, j, 409, "invalid-transition")
    assert j["current_status"] == "reversal_pending" and j["allowed"] == []
    pend = get(s, "/api/v1/payment-reversals?status=pending")
    assert v["id"] in [x["id"] for x in pend["items"]], pend
    r, d = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": True, "note": "已核实"}, s)
    assert r.status == 200 and d["status"] == "approved", d
    red = d["record"]
    assert (red["kind"], red["status"], red["channel"], red["amount_fen"],
            red["reference"]) == ("refund", "red_letter", "code", 2000,
                                  p["reference"]), red
    assert red["original"] == {"id": p["id"], "serial": p["serial"]}, red
    assert red["serial"] != p["serial"] and red["approved_by"]["name"] == \
        "王秀兰" and red["reason"] == "申请不予受理，退还工本费", red
    # the original stays, pointing at its red-letter record
    o = get(t, "/api/v1/payments/%d" % p["id"])
    assert (o["status"], o["reversed_by"]) == ("refunded", {
        "id": red["id"], "serial": red["serial"]}), o
    assert (o["amount_fen"], o["serial"], o["at"]) == (
        p["amount_fen"], p["serial"], p["at"])
    lst = get(t, "/api/v1/applications/%d/payments" % a["id"])
    assert [x["id"] for x in lst["items"]] == [p["id"], red["id"]], lst
    assert get(t, "/api/v1/applications/%d" % a["id"])["fee"]["status"] \
        == "unpaid"
    # decided once
    r, j = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": False}, s)
    assert problem(r, j, 409, "invalid-transition")["current_status"] == \
        "approved"
    r, j = post("/api/v1/payments/%d/reversals" % red["id"], {
        "kind": "refund", "reason": "再退一次"}, t)
    assert problem(r, j, 409, "invalid-transition")["current_status"] == \
        "red_letter"


def test_reversal_by_another_and_rejection():
    c = counter()
    t = login(counter=c)
    s = login("super01", counter=c)
    admin = login("admin", counter=None)
    p = pay(t, new_app(t), code())
    # a supervisor's own request waits for someone else
    r, v = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "void", "reason": "渠道选错"}, s)
    assert r.status == 201, v
    r, j = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": True}, s)
    problem(r, j, 403, "forbidden")
    r, d = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": False, "note": "不予作废"}, admin)
    assert r.status == 200 and d["status"] == "rejected" and \
        d["record"] is None and d["note"] == "不予作废", d
    assert d["payment"]["status"] == "in_force", d
    # a void is of the payment's own day only
    db = bm.connect()
    db.execute("UPDATE payments SET local_date = '2000-01-01' WHERE id = ?",
               (p["id"],))
    db.commit()
    db.close()
    r, j = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "void", "reason": "渠道选错"}, t)
    j = problem(r, j, 409, "invalid-transition")
    assert j["current_status"] == "in_force" and j["allowed"] == [
        "refund"], j


def test_cash_refund_paid_out_of_the_drawer():
    def run():
        c = counter()
        t = login(counter=c)
        s = login("super01", counter=c)
        sess = open_session(t, 10000)
        p = pay(t, new_app(t), {"channel": "cash", "amount_fen": 2000})
        r, v = post("/api/v1/payments/%d/reversals" % p["id"], {
            "kind": "refund", "reason": "重复收费"}, t)
        assert r.status == 201, v
        r, d = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                    {"approve": True}, s)
        assert r.status == 200, d
        assert d["record"]["session_id"] == sess["id"], d
        x = get(t, "/api/v1/cash-sessions/%d" % sess["id"])
        assert (x["cash_in_fen"], x["cash_out_fen"], x["expected_fen"]) == (
            2000, 2000, 10000), x
    within_one_day(run)


def test_unpaid_fee_cannot_be_collected():
    t = login(counter=counter())
    a = new_app(t)
    a = act(t, a, "accept")
    a = act(t, a, "complete")
    collector = {"name": "吴缴费", "id_number": "61020219671111005X"}
    j = act(t, a, "collect", want=409, collector=collector)
    assert j["type"].endswith("fee-unpaid") and j["due_fen"] == 2000, j
    assert get(t, "/api/v1/applications/%d" % a["id"])["status"] == \
        "completed"
    pay(t, a, code())
    a = get(t, "/api/v1/applications/%d" % a["id"])
    assert act(t, a, "collect", collector=collector)["status"] == "collected"
    # waived with a reason: handed out, nothing taken
    w = new_app(t)
    p = pay(t, w, {"channel": "waived", "amount_fen": 2000,
                   "reason": "持街道出具的困难证明减免"})
    assert p["reason"] == "持街道出具的困难证明减免" and p["session_id"] is None
    w = get(t, "/api/v1/applications/%d" % w["id"])
    assert w["fee"]["status"] == "waived", w["fee"]
    w = act(t, act(t, w, "accept"), "complete")
    assert act(t, w, "collect", collector=collector)["status"] == "collected"
    # a free application (by rule) is handed out without a payment
    f = new_app(t, tags=["low_income"])
    assert f["fee"]["status"] == "free"
    f = act(t, act(t, f, "accept"), "complete")
    assert act(t, f, "collect", collector=collector)["status"] == "collected"


def test_no_fee_no_payment():
    t = login(counter=counter())
    f = new_app(t, tags=["low_income"])
    r, j = post("/api/v1/applications/%d/payments" % f["id"], code(0), t)
    j = problem(r, j, 409, "fee-not-due")
    assert (j["current_status"], j["due_fen"]) == ("submitted", 0), j
    w = act(t, new_app(t), "withdraw", reason="不办了")
    r, j = post("/api/v1/applications/%d/payments" % w["id"], code(), t)
    assert problem(r, j, 409, "fee-not-due")["current_status"] == \
        "withdrawn"
    r, j = post("/api/v1/applications/%d/payments" % w["id"], code(),
                login("grid01", counter=None))
    problem(r, j, 403, "forbidden")


def test_cash_session_open_close_sign_off():
    def run():
        c = counter()
        t = login(counter=c)
        s = login("super01", counter=c)
        x = open_session(t, 50000)
        # one drawer a day at a counter
        r, j = post("/api/v1/cash-sessions", {"float_fen": 100}, t)
        j = problem(r, j, 409, "cash-session-open")
        assert (j["session_id"], j["business_date"], j["counter"]) == (
            x["id"], x["business_date"], c), j
        pay(t, new_app(t), {"channel": "cash", "amount_fen": 2000})
        # over or short needs a reason
        r, j = post("/api/v1/cash-sessions/%d/close" % x["id"],
                    {"counted_fen": 51900}, t)
        assert field_codes(problem(r, j, 400, "validation")) == {
            "reason": "required"}, j
        r, j = post("/api/v1/cash-sessions/%d/sign-off" % x["id"], None, s)
        j = problem(r, j, 409, "invalid-transition")
        assert (j["current_status"], j["allowed"]) == ("open", ["close"]), j
        r, y = post("/api/v1/cash-sessions/%d/close" % x["id"],
                    {"counted_fen": 51900, "reason": "找零多找1元"}, t)
        assert r.status == 200, y
        assert (y["status"], y["expected_fen"], y["counted_fen"],
                y["short_fen"], y["over_fen"], y["reason"]) == (
            "closed", 52000, 51900, 100, 0, "找零多找1元"), y
        r, j = post("/api/v1/cash-sessions/%d/close" % x["id"],
                    {"counted_fen": 52000}, t)
        assert problem(r, j, 409, "invalid-transition")["allowed"] == [
            "sign_off"]
        # the clerk does not sign their own count off
        r, j = post("/api/v1/cash-sessions/%d/sign-off" % x["id"], {}, t)
        problem(r, j, 403, "forbidden")
        r, z = post("/api/v1/cash-sessions/%d/sign-off" % x["id"],
                    {"note": "短款已由经办人补齐"}, s)
        assert r.status == 200 and z["status"] == "signed", z
        assert z["signed_by"]["name"] == "王秀兰" and z["sign_note"] == \
            "短款已由经办人补齐", z
        # a count equal to the expected cash needs no reason; a drawer
        # closed today lets the counter open another
        n = open_session(t, 1000)
        r, k = post("/api/v1/cash-sessions/%d/close" % n["id"],
                    {"counted_fen": 1000}, t)
        assert r.status == 200 and k["over_fen"] == k["short_fen"] == 0, k
        lst = get(s, "/api/v1/cash-sessions?counter=%s&date=%s" % (
            c, x["business_date"]))
        assert [i["id"] for i in lst["items"]] == [x["id"], n["id"]], lst
        lst = get(s, "/api/v1/cash-sessions?counter=%s&status=signed" % c)
        assert [i["id"] for i in lst["items"]] == [x["id"]], lst
    within_one_day(run)


def test_session_left_open_blocks_the_next_day():
    def run():
        c = counter()
        t = login(counter=c)
        s = login("super01", counter=c)
        old = open_session(t, 20000)
        db = bm.connect()
        db.execute("UPDATE cash_sessions SET business_date = '2000-01-01' "
                   "WHERE id = ?", (old["id"],))
        db.commit()
        db.close()
        # yesterday's drawer was never closed: today's does not open
        r, j = post("/api/v1/cash-sessions", {"float_fen": 20000}, t)
        j = problem(r, j, 409, "cash-session-open")
        assert (j["session_id"], j["business_date"]) == (old["id"],
                                                         "2000-01-01"), j
        # cash cannot go into yesterday's drawer
        r, j = post("/api/v1/applications/%d/payments" % new_app(t)["id"],
                    {"channel": "cash", "amount_fen": 2000}, t)
        problem(r, j, 409, "cash-session-required")
        r, j = post("/api/v1/cash-sessions", {
            "float_fen": 20000, "override_reason": "昨日经办人病假未日结"}, t)
        problem(r, j, 403, "forbidden")
        n = open_session(s, 20000, override_reason="昨日经办人病假未日结")
        assert n["override"]["session_id"] == old["id"] and \
            n["override"]["reason"] == "昨日经办人病假未日结" and \
            n["override"]["staff"]["name"] == "王秀兰", n
        r, j = jreq("GET", "/api/v1/audit?action=cash_override", token=s)
        assert any(x["object"] == "cash_session/%d" % n["id"]
                   for x in j["items"]), j
        # the old one stays open until it is closed
        assert get(t, "/api/v1/cash-sessions/%d" % old["id"])["status"] \
            == "open"
        r, y = post("/api/v1/cash-sessions/%d/close" % old["id"],
                    {"counted_fen": 20000}, t)
        assert r.status == 200 and y["status"] == "closed", y
        # an override with nothing to override is a mistake
        r, j = post("/api/v1/cash-sessions", {
            "float_fen": 1, "override_reason": "无"}, s)
        assert field_codes(problem(r, j, 400, "validation")) == {
            "override_reason": "too_short"}, j
    within_one_day(run)


def test_day_end_money_lines():
    def run():
        c = counter()
        t = login(counter=c)
        s = login("super01", counter=c)
        sess = open_session(t, 10000)
        cash = pay(t, new_app(t), {"channel": "cash", "amount_fen": 2000})
        pay(t, new_app(t), code())
        pay(t, new_app(t), {"channel": "waived", "amount_fen": 2000,
                            "reason": "困难证明"})
        new_app(t, tags=["low_income"])         # free by rule
        r, v = post("/api/v1/payments/%d/reversals" % cash["id"], {
            "kind": "refund", "reason": "重复收费"}, t)
        r, d = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                    {"approve": True}, s)
        assert r.status == 200, d
        r, y = post("/api/v1/cash-sessions/%d/close" % sess["id"],
                    {"counted_fen": 9900, "reason": "短款1元"}, t)
        assert r.status == 200, y
        day = get(s, "/api/v1/stats/daily?counter=%s&date=%s" % (
            c, sess["business_date"]))
        m = day["money"]
        assert m["by_channel"] == [
            {"channel": "cash", "payments": 1, "paid_fen": 2000,
             "reversals": 1, "reversed_fen": 2000},
            {"channel": "code", "payments": 1, "paid_fen": 2000,
             "reversals": 0, "reversed_fen": 0}], m["by_channel"]
        assert (m["taken_fen"], m["returned_fen"]) == (4000, 2000), m
        assert m["refunds"] == {"count": 1, "amount_fen": 2000}, m
        assert m["voids"] == {"count": 0, "amount_fen": 0}, m
        assert m["waived"] == {"count": 1, "amount_fen": 2000}, m
        assert m["relief"] == {"count": 1, "amount_fen": 2000}, m
        assert m["cash"] == {"sessions": 1, "open": 0, "unsigned": 1,
                             "float_fen": 10000, "expected_fen": 10000,
                             "counted_fen": 9900, "over_fen": 0,
                             "short_fen": 100}, m["cash"]
        assert [x["id"] for x in m["sessions"]] == [sess["id"]], m
        assert day["received"] == 4, day
        # the centre's day holds this counter's lines among others
        whole = get(s, "/api/v1/stats/daily?date=%s" % sess["business_date"])
        assert whole["money"]["taken_fen"] >= 4000
        assert sess["id"] in [x["id"] for x in whole["money"]["sessions"]]
    within_one_day(run)


def test_other_centre_sees_no_money():
    c = counter()
    t = login(counter=c)
    p = pay(t, new_app(t), code())
    sess = open_session(t, 100)
    bm.add_staff("clerk09", "clerk01", 2)
    other = login("clerk09", counter=c)
    for path in ("/api/v1/payments/%d" % p["id"],
                 "/api/v1/applications/%d/payments" % p["application"]["id"],
                 "/api/v1/cash-sessions/%d" % sess["id"]):
        r, j = jreq("GET", path, token=other)
        problem(r, j, 404, "not-found")
    lst = get(other, "/api/v1/cash-sessions?counter=%s" % c)
    assert lst["items"] == [], lst
    r, j = post("/api/v1/cash-sessions/%d/close" % sess["id"],
                {"counted_fen": 100}, other)
    problem(r, j, 404, "not-found")


def test_receipts_reprinted_are_numbered_and_audited():
    """A payment's receipt and its red-letter record's are printed again
    (补打) only once recorded: numbered per record, also two at once, the
    record unchanged, counted in its reprints, audited with the reason;
    none for another centre."""
    c = counter()
    t = login(counter=c)
    s = login("super01", counter=c)
    p = pay(t, new_app(t), code())
    assert p["reprints"] == 0, p
    path = "/api/v1/payments/%d/reprints" % p["id"]
    r, j = post(path, {"reason": "x"}, t)
    assert "reason" in field_codes(problem(r, j, 400, "validation")), j
    r, j = post(path, {"reason": "居民遗失收据", "copies": 2}, t)
    problem(r, j, 400, "validation")
    r, one = post(path, {"reason": "居民遗失收据"}, t)
    assert r.status == 201 and one["reprint_no"] == 1 and \
        one["payment_id"] == p["id"] and one["staff"]["name"] == "陈晓梅", one
    answers = []

    def again():
        answers.append(post(path, {"reason": "打印机卡纸"}, t))
    threads = [threading.Thread(target=again) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(j["reprint_no"] for r, j in answers) == [2, 3], answers
    after = get(t, "/api/v1/payments/%d" % p["id"])
    assert after["reprints"] == 3, after
    assert {k: v for k, v in after.items() if k != "reprints"} == \
        {k: v for k, v in p.items() if k != "reprints"}, (p, after)
    # the red-letter receipt is numbered on its own
    r, v = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "refund", "reason": "申请人放弃办理"}, t)
    r, d = post("/api/v1/payment-reversals/%d/decision" % v["id"],
                {"approve": True}, s)
    assert r.status == 200, d
    red = d["record"]
    r, j = post("/api/v1/payments/%d/reprints" % red["id"],
                {"reason": "冲红收据补打"}, s)
    assert r.status == 201 and j["reprint_no"] == 1, j
    assert get(t, "/api/v1/payments/%d" % red["id"])["reprints"] == 1
    r, j = jreq("GET", "/api/v1/audit?action=reprint&per_page=100",
                token=s)
    assert r.status == 200, j
    mine = [e for e in j["items"] if e["object"] in (
        "payment/%d" % p["id"], "payment/%d" % red["id"])]
    assert len(mine) == 4, mine
    assert "冲红收据补打" in [e["detail"] for e in mine], mine
    bm.add_staff("clerk08", "clerk01", 2)
    r, j = post(path, {"reason": "居民遗失收据"}, login("clerk08",
                                                        counter=c))
    problem(r, j, 404, "not-found")
    assert db_count("SELECT count(*) FROM payment_reprints WHERE "
                    "payment_id = ?", p["id"]) == 3


if __name__ == "__main__":
    bm.main(globals())
