#!/usr/bin/env python3
"""The whole route table against docs/api.md: every documented route
exists (and nothing else), and every route is tried against {own
community, other community, no token, expired token, wrong role}, with
HEAD for every GET and bad bodies for every body."""
import json
import os
import re
import subprocess
import uuid

import bm
from bm import jreq, post, login, problem, find
from test_server_applications import new_app

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
DOC = open(os.path.join(TOP, "docs", "api.md"), encoding="utf-8").read()
ROLES = ("clerk", "grid", "supervisor", "admin")
USERS = {"clerk": "clerk01", "grid": "grid01", "supervisor": "super01",
         "admin": "admin"}
OTHER = {"clerk": "clerk02", "grid": "grid02", "supervisor": "super02"}
RATING = "/api/v1/evaluations/pending/{id}/rating"
# what a route needs of a caller with no counter (docs/api.md 19)
QUERIES = {"/api/v1/evaluations/pending": "?counter=1"}


def routes():
    out = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--routes"],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split(" ", 1)) for line in out.splitlines()]


def session_routes():
    """The routes reached with a session or none: all but the exchange's
    inbound route, reached by signature (docs/api.md 24), whose refusals
    test_server_exchange.py checks."""
    return [(m, p) for m, p in routes()
            if not p.startswith("/api/v1/exchange/")]


def public_page(path):
    """The public, rate-limited routes: verification and the progress
    page (docs/api.md 10, 19)."""
    return "verify" in path or path.startswith("/p/")


def matrix():
    """Section 16: route -> {role: "public" | "ok" | "forbidden"}."""
    m = {}
    for line in DOC.split("## 16.")[1].split("## 17.")[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("`"):
            continue
        method, path = cells[0].strip("`").split(" ", 1)
        m[(method, path)] = {
            role: "public" if c == "public" else "forbidden" if c == "—"
            else "assignee" if c in ("assignee", "party") else "ok"
            for role, c in zip(ROLES, cells[1:])}
    return m


def test_documented_routes_are_served():
    documented = set(re.findall(r"^### `([A-Z]+) (/[^`]*)`$", DOC, re.M))
    served = set(routes())
    assert documented == served, (documented - served, served - documented)
    assert set(matrix()) == served, set(matrix()) ^ served


class World:
    """Rows of centre 1 (红旗社区) to address, and tokens."""


W = World()


def build_world():
    if hasattr(W, "tokens"):
        return
    bm.add_staff("super02", "super01", 2)
    bm.add_staff("grid02", "grid01", 2)
    W.tokens = {role: login(u, counter="1" if role == "clerk" else None)
                for role, u in USERS.items()}
    W.other = {role: login(u, counter="1" if role == "clerk" else None)
               for role, u in OTHER.items()}
    W.kiosk = kiosk_login()
    t = W.tokens["clerk"]
    W.resident = find(t, "610202198503150021")
    r, a = new_app(t)
    W.application, W.number = a["id"], a["number"]
    r, a2 = new_app(t)
    post("/api/v1/applications/%d/transitions" % a2["id"],
         {"action": "accept"}, t, if_match=1)
    r, h = post("/api/v1/handoffs", {"application_ids": [a2["id"]],
                "to": "街道民政办"}, t)
    W.handoff = h["id"]
    r, types = jreq("GET", "/api/v1/certificate-types", token=t)
    res = [x for x in types["items"] if x["code"] == "residence"][0]
    r, c = post("/api/v1/certificates", {"type_id": res["id"],
                "resident_id": W.resident, "data": {"since": "2019-06-01",
                                                    "tenure": "own"}}, t)
    W.certificate, W.token = c["id"], c["verify_token"]
    r, k = post("/api/v1/queue/tickets", {"category_id": 1}, t)
    W.ticket = k["id"]
    r, e = post("/api/v1/events", {"category": "other", "location": "x",
                "description": "y", "urgency": "low", "grid_id": 1},
                W.tokens["grid"])
    W.event = e["id"]
    hid = bm.connect().execute("SELECT min(id) FROM households WHERE "
                               "grid_id = 1").fetchone()[0]
    r, v = post("/api/v1/visits", {"household_id": hid, "met_note": "无人在家",
                "findings": [{"type": "normal"}]}, W.tokens["grid"])
    W.visit = v["id"]
    r, k = post("/api/v1/tasks", {"title": "走访", "deadline": "2099-12-31",
                "query": {"grid_id": 1, "min_age": 1}},
                W.tokens["supervisor"])
    W.task = k["id"]
    r, j = jreq("GET", "/api/v1/tasks/%d/items" % W.task,
                token=W.tokens["grid"])
    W.task_item = j["items"][0]["id"]
    r, p = jreq("GET", "/api/v1/residents/%d" % W.resident, token=t)
    W.household = p["household"]["id"]
    r, f = post("/api/v1/residents/%d/flags" % W.resident,
                {"text": "核对测试"}, t)
    W.flag = f["id"]
    # issued before the pending one below: an issue is pending too
    r, c2 = post("/api/v1/certificates", {"type_id": res["id"],
                 "resident_id": W.resident, "promise": True,
                 "data": {"since": "2019-06-01", "tenure": "own"}}, t)
    W.promise = c2["promise"]["id"]
    # a very bad rating opens a follow-up; the next service finished
    # stays pending
    r, f = post(RATING.replace("{id}", str(finished(t))),
                {"level": "very_dissatisfied", "reasons": ["slow"]}, t)
    assert r.status == 201 and f["followup_id"], f
    W.followup = f["followup_id"]
    W.pending = finished(t)
    # a fee paid, a refund of it asked for, a drawer open (docs/api.md 22)
    r, svc = jreq("GET", "/api/v1/services/by-code/1006", token=t)
    r, a3 = post("/api/v1/applications", {
        "service_id": svc["id"], "resident_id": W.resident,
        "data": {"declaration": True, "renewal_reason": "expiry"},
        "materials": [
            {"name": "居民身份证", "originals": 1, "copies": 1},
            {"name": "户口簿", "originals": 1, "copies": 1}]}, t)
    assert r.status == 201, a3
    r, p = post("/api/v1/applications/%d/payments" % a3["id"], {
        "channel": "code", "amount_fen": 2000, "reference": "WX12345678"}, t)
    assert r.status == 201, p
    W.payment = p["id"]
    r, v = post("/api/v1/payments/%d/reversals" % p["id"], {
        "kind": "refund", "reason": "测试退费"}, t)
    assert r.status == 201, v
    W.reversal = v["id"]
    r, k = post("/api/v1/cash-sessions", {"float_fen": 0}, t)
    assert r.status == 201, k
    W.session = k["id"]
    # a consent recorded (docs/api.md 23)
    r, k = post("/api/v1/residents/%d/consents" % W.resident, {
        "purpose": "wj-qianyue", "signed_on": bm.service_date()}, t)
    assert r.status == 201, k
    W.consent = k["id"]


def kiosk_login():
    """The seeded kiosk's token (docs/api.md 25)."""
    r, j = jreq("POST", "/api/v1/kiosk/sessions",
                {"username": "kiosk01", "password": "demo-kiosk"})
    assert r.status == 201, j
    return j["token"]


def caller(path):
    """The admin's token, or the kiosk's on the kiosk's own routes."""
    return W.kiosk if path.startswith("/api/v1/kiosk/") else \
        W.tokens["admin"]


def fill(path):
    """The path with centre 1's row for each parameter."""
    ids = {"residents": W.resident, "households": W.household,
           "communities": 1, "grids": 1, "applications": W.application,
           "handoffs": W.handoff, "certificates": W.certificate,
           "tickets": W.ticket, "events": W.event, "services": 1,
           "certificate-types": 1, "pending": W.pending,
           "followups": W.followup, "promises": W.promise,
           "payments": W.payment, "payment-reversals": W.reversal,
           "cash-sessions": W.session,
           "resident-flags": W.flag, "guides": 1,
           "visits": W.visit, "tasks": W.task,
           "task-items": W.task_item, "consents": W.consent}
    segs = path.split("/")
    for i, s in enumerate(segs):
        if s == "{id}":
            segs[i] = str(ids[segs[i - 1]])
        elif s == "{number}":
            segs[i] = W.number
        elif s == "{txcode}":
            segs[i] = "0501"
        elif s == "{token}":
            segs[i] = W.token
    return "/".join(segs)


def version(path):
    """The current version of the row a transition or PATCH addresses."""
    m = re.match(r"/api/v1/(residents|applications|events)/(\d+)", path)
    if not m:
        return None
    r, j = jreq("GET", "/api/v1/%s/%s" % m.groups(), token=login("admin",
                counter=None))
    return j["version"]


BODIES = {
    "/api/v1/residents/{id}/reveal": {"reason": "核对身份"},
    "/api/v1/residents/{id}": {"phone": "13800000000"},
    "/api/v1/residents/{id}/transitions": {"action": "move_in",
                                           "date": "2020-01-01",
                                           "place": "西安市"},
    "/api/v1/residents/{id}/flags": {"text": "核对测试"},
    "/api/v1/resident-flags/{id}/resolve": {"resolution": "已核对"},
    # the head of a household with members: refused, nothing changes
    "/api/v1/households": {"community_id": 1, "address": "红旗街1号"},
    "/api/v1/households/{id}/actions": {"action": "set_relation",
                                        "resident_id": 0, "relation": "父"},
    "/api/v1/households/{id}/split": {"members": [{"resident_id": 0,
                                                   "relation": "户主"}]},
    "/api/v1/applications/{id}/transitions": {"action": "reject",
                                              "reason": "测试拒绝"},
    "/api/v1/applications/{id}/corrections": {"reason": "更正测试",
                                              "data": {"phone":
                                                       "13900002222"}},
    "/api/v1/handoffs/{id}/receipt": {"received_by": "赵敏"},
    "/api/v1/certificates/{id}/reprints": {"reason": "补打测试"},
    "/api/v1/certificates/{id}/void": {"reason": "作废测试"},
    "/api/v1/promises/{id}/check": {"outcome": "truthful"},
    "/api/v1/certificates/{id}/corrections": {"reason": "更正测试",
                                              "purpose": "更正测试用途"},
    "/api/v1/queue/tickets/{id}/recall": {},
    "/api/v1/queue/tickets/{id}/skip": {},
    "/api/v1/queue/tickets/{id}/transfer": {"counter": "2"},
    "/api/v1/queue/tickets/{id}/done": {},
    "/api/v1/events/{id}/assign": {"assignee_id": 2},
    "/api/v1/events/{id}/updates": {"note": "进展"},
    "/api/v1/events/{id}/actions": {"action": "supervise", "note": "督办"},
    RATING: {"level": "satisfied"},
    "/api/v1/followups/{id}/actions": {"action": "callback",
                                       "notes": "已电话回访"},
    "/api/v1/applications/{id}/payments": {"channel": "code",
                                           "amount_fen": 2000,
                                           "reference": "WX87654321",
                                           "counter": "1"},
    "/api/v1/payments/{id}/reversals": {"kind": "refund",
                                        "reason": "测试退费",
                                        "counter": "1"},
    "/api/v1/payment-reversals/{id}/decision": {"approve": False},
    "/api/v1/cash-sessions": {"float_fen": 0},
    "/api/v1/cash-sessions/{id}/close": {"counted_fen": 0},
    "/api/v1/task-items/{id}/outcome": {"outcome": "done"},
    "/api/v1/residents/{id}/consents": {"purpose": "wj-qianyue",
                                        "signed_on": "2020-01-01"},
    "/api/v1/consents/{id}/withdraw": {"reason": "测试撤回"},
}


def finished(t):
    """An application accepted and completed at counter 1: the counter's
    pending evaluation (docs/api.md 19)."""
    r, a = new_app(t)
    for action in ("accept", "complete"):
        r, a = post("/api/v1/applications/%d/transitions" % a["id"],
                    {"action": action}, t, if_match=a["version"])
        assert r.status == 200, a
    r, j = jreq("GET", "/api/v1/evaluations/pending?counter=1", token=t)
    assert r.status == 200 and j["pending"], j
    return j["pending"]["id"]


def pending_left():
    """Counter 1's pending evaluation again, once a rating took it (not
    while the tests' sessions are made to expire)."""
    r, j = jreq("GET", "/api/v1/evaluations/pending?counter=1",
                token=W.tokens["clerk"])
    if r.status == 401:
        return
    if not j["pending"] or j["pending"]["id"] != W.pending:
        W.pending = finished(W.tokens["clerk"])


def call(method, pattern, token):
    if pattern == RATING:
        pending_left()
    path = fill(pattern) + QUERIES.get(pattern, "")
    body = BODIES.get(pattern, {}) if method in ("POST", "PATCH") else None
    if pattern.startswith("/api/v1/households/{id}/"):
        body = json.loads(json.dumps(body).replace(
            '"resident_id": 0', '"resident_id": %d' % W.resident))
    kw = {}
    if method == "POST" and not pattern.endswith(("/sessions", "/reveal")):
        kw["key"] = uuid.uuid4().hex
    if method == "PATCH" or pattern.endswith(("/transitions", "/assign",
                                              "/updates", "/outcome")) or \
            pattern in ("/api/v1/applications/{id}/corrections",
                        "/api/v1/events/{id}/actions") or \
            pattern.startswith("/api/v1/households/{id}/"):
        kw["if_match"] = version(path) or 1
    return bm.request(method, path, body, token=token, **kw)


def scoped_routes():
    return [(m, p) for m, p in routes() if ("{id}" in p or "{number}" in p)
            and not p.startswith(("/api/v1/services",
                                  "/api/v1/certificate-types"))]


def test_no_token_and_expired_token():
    build_world()
    expired = login()
    db = bm.connect()
    db.execute("UPDATE sessions SET last_seen = last_seen - 901")
    db.commit()
    db.close()
    for method, path in session_routes():
        public = method == "POST" and path in (
            "/api/v1/sessions", "/api/v1/kiosk/sessions") or \
            public_page(path) or path.endswith("/health")
        for token in (None, expired, "f" * 64):
            r, text = call(method, path, token)
            if public:
                assert r.status != 401, (method, path)
            else:
                assert r.status == 401, (method, path, r.status, text)
                assert r.getheader("WWW-Authenticate").startswith(
                    "Bearer realm=\"bianmin\""), (method, path)
                assert b"\xe7\xba\xa2\xe6\x97\x97" not in text  # 红旗
    W.tokens = {role: login(u, counter="1" if role == "clerk" else None)
                for role, u in USERS.items()}
    W.other = {role: login(u, counter="1" if role == "clerk" else None)
               for role, u in OTHER.items()}


def test_wrong_role_is_forbidden():
    build_world()
    for (method, path), cells in matrix().items():
        for role, cell in cells.items():
            if cell != "forbidden":
                continue
            r, text = call(method, path, W.tokens[role])
            assert r.status == 403, (method, path, role, r.status, text)
            assert b"forbidden" in text


def test_other_community_sees_nothing():
    build_world()
    m = matrix()
    for method, path in scoped_routes():
        for role, cell in m[(method, path)].items():
            if cell == "forbidden" or role == "admin":
                continue
            r, text = call(method, path, W.other[role])
            assert r.status == 404, (method, path, role, r.status, text)
            assert b"\xe7\xba\xa2\xe6\x97\x97" not in text, text  # 红旗
    for method, path in session_routes():
        if method != "GET" or "{" in path or public_page(path):
            continue
        for role in OTHER:
            if m[(method, path)][role] == "forbidden":
                continue
            r, text = call(method, path, W.other[role])
            assert r.status == 200, (path, role, r.status, text)
            assert "红旗社区" not in text.decode(), (path, role, text)


def test_own_community_and_admin_reach_every_row():
    build_world()
    m = matrix()
    for method, path in scoped_routes():
        for role in ROLES:
            if m[(method, path)][role] in ("forbidden", "assignee"):
                continue
            r, text = call(method, path, W.tokens[role])
            assert r.status not in (401, 403, 404, 500), (
                method, path, role, r.status, text)


def test_head_answers_every_get():
    build_world()
    for method, path in session_routes():
        if method != "GET" or public_page(path):
            continue
        r, text = call("GET", path, W.tokens["admin"])
        h, htext = call("HEAD", path, W.tokens["admin"])
        assert h.status == r.status and htext == b"", (path, h.status)
    r, j = jreq("PUT", "/api/v1/residents")
    problem(r, j, 405, "method-not-allowed")
    assert r.getheader("Allow") == "GET, HEAD, POST", r.getheader("Allow")
    for path in ("/api/v1/residents/", "/api/v1/residents/01",
                 "/api/v1/residents/-1", "/api/v1/residents/9007199254740993",
                 "/api/v1/applications/by-number/../1", "/api/v1"):
        r, j = jreq("GET", path, token=W.tokens["admin"])
        problem(r, j, 404, "not-found")


def test_unknown_query_parameters():
    build_world()
    for method, path in session_routes():
        if public_page(path) or path.endswith(("/current", "/health")) \
                or path.startswith("/api/v1/dept/"):
            continue
        kw = {"key": uuid.uuid4().hex} if method == "POST" else {}
        r, text = bm.request(method, fill(path) + "?colour=red", {} if
                             method in ("POST", "PATCH") else None,
                             token=caller(path), if_match=1000, **kw)
        assert r.status == 400 and b"unknown_field" in text, (
            method, path, r.status, text)


BAD = [
    (b"{not json", 400, "invalid-request"),
    (b'{"a":1,"a":2}', 400, "invalid-request"),
    (b"[1, 2]", 400, "invalid-request"),
    (b'{"x": "\xff\xfe"}', 400, "invalid-request"),
    (b'{"x": "\\u0000"}', 400, "invalid-request"),
    (b'{"x": "\\ud800"}', 400, "invalid-request"),
    (b'{"x": 1} trailing', 400, "invalid-request"),
    (b"[" * 100000, 413, "body-too-large"),
    (b'{"x": "' + b"a" * (1 << 20) + b'"}', 413, "body-too-large"),
]


def test_bad_bodies_on_every_body_route():
    build_world()
    for method, path in session_routes():
        if method not in ("POST", "PATCH") or path.startswith("/p/"):
            continue                # the progress page takes a form
        token = None if path.endswith("/sessions") else caller(path)
        headers = {"Content-Type": "application/json",
                   "Idempotency-Key": uuid.uuid4().hex, "If-Match": '"1000"'}
        if token:
            headers["Authorization"] = "Bearer " + token
        for raw, status, name in BAD:
            headers["Idempotency-Key"] = uuid.uuid4().hex
            headers["Content-Length"] = str(len(raw))
            got, text = bm.send_raw(method, fill(path), headers, raw)
            assert got == status, (path, raw[:20], got, text[-300:])
            assert ("problem:" + name).encode() in text, (path, text)
        r, text = bm.request(method, fill(path), raw=b"a=1", token=token,
                             key=uuid.uuid4().hex, if_match=1,
                             headers={"Content-Type": "text/plain"})
        assert r.status == 415, (path, r.status, text)


def test_wrong_types_and_hostile_values():
    build_world()
    t = W.tokens["clerk"]
    cases = [
        ({"service_id": "51"}, "service_id", "type"),
        ({"service_id": 1.5}, "service_id", "type"),
        ({"service_id": 1e3}, "service_id", "type"),
        ({"service_id": 123456789012345678901234567890}, "service_id",
         "range"),
        ({"resident_id": True}, "resident_id", "type"),
        ({"note": "x\u0007y"}, "note", "control_chars"),
        ({"note": "x\u202ey"}, "note", "control_chars"),
        ({"counter": "1'; DROP TABLE applications; --"}, "counter",
         "too_long"),
        ({"data": "' OR 1=1 --"}, "data", "type"),
    ]
    for extra, field, code in cases:
        body = {"service_id": 1, "resident_id": W.resident, "data": {},
                "materials": []}
        body.update(extra)
        r, j = post("/api/v1/applications", body, t)
        codes = bm.field_codes(problem(r, j, 400, "validation"))
        assert codes.get(field) == code, (extra, codes)
    r, j = jreq("GET", "/api/v1/residents?q=%27%20OR%20%271%27%3D%271",
                token=t)
    assert r.status == 200 and j["total"] == 0
    r, j = jreq("GET", "/api/v1/residents?name=" + "张" * 31, token=t)
    assert bm.field_codes(problem(r, j, 400, "validation")) == {
        "name": "too_long"}
    r, j = jreq("GET", "/api/v1/residents?page=99999999999999999999",
                token=t)
    problem(r, j, 400, "validation")
    db = bm.connect()
    assert db.execute("SELECT count(*) FROM applications").fetchone()[0] > 0
    db.close()


def test_no_full_numbers_in_replies_or_log():
    build_world()
    texts = []
    for method, path in session_routes():
        if method == "GET" and "verify" not in path:
            texts.append(call(method, path, W.tokens["admin"])[1].decode())
    joined = "\n".join(texts).replace(W.token, "")
    # a certificate's printed body is the one place a full number belongs
    bodies = re.findall(r'"body":"[^"]*"', joined)
    assert any("610202198503150021" in b for b in bodies), bodies
    bm.no_full_numbers(re.sub(r'"body":"[^"]*"', "", joined))
    with open(bm.S.log) as f:
        bm.no_full_numbers(f.read())


if __name__ == "__main__":
    bm.main(globals(), order=lambda t: t[0] !=
            "test_documented_routes_are_served")
