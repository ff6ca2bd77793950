#!/usr/bin/env python3
"""The server's log as an operator reads it: one line a request with its
status, milliseconds and the staff and counter of its session; what it
did (logins, transitions, replays) or why it was refused. A day at the
counter goes through the server, and its log then holds no full ID
number, no phone number and no token."""
import re
import uuid

import bm
from bm import jreq, post, login, problem, find

ZHANG = "610202198503150021"
PHONE = "13912345678"
SECRETS = []          # what the log must never show, gathered as we go


def day_at_counter_3():
    """What a clerk at counter 3 does in a morning, and a few mistakes
    and tries that must be refused."""
    import test_server_applications as apps
    import test_server_certificates as certs
    from test_server_residents import new_id_number
    t = login("clerk01", counter="3")
    SECRETS.append(t)
    rid = find(t, ZHANG)
    for q in ("phone=13700001111", "q=13700001111", "q=张红", "q=zhq"):
        r, j = jreq("GET", "/api/v1/residents?" + q, token=t)
        assert r.status == 200, (q, j)
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=t)
    assert r.status == 200, j
    r, j = jreq("POST", "/api/v1/residents/%d/reveal" % rid,
                {"reason": "核对身份 " + ZHANG}, token=t)
    assert r.status == 200 and j["id_number"] == ZHANG, j
    idn = new_id_number("19800101")
    SECRETS.append(idn)
    r, j = post("/api/v1/residents", {
        "name": "日志测", "id_number": idn, "phone": PHONE,
        "address": "红旗街1号", "community_id": 1}, t)
    assert r.status == 201, j
    r, j = jreq("PATCH", "/api/v1/residents/%d" % j["id"],
                {"phone": "13912345679"}, token=t, if_match=j["version"])
    assert r.status == 200, j
    # an application whose key looks like a token, sent twice
    key = uuid.uuid4().hex + uuid.uuid4().hex
    SECRETS.append(key)
    r, a = apps.new_app(t, key=key)
    assert r.status == 201, a
    r, again = apps.new_app(t, key=key, resident_id=a["resident"]["id"])
    assert r.status == 201 and r.getheader("Idempotent-Replayed") == \
        "true", again
    r, j = post("/api/v1/applications/%d/transitions" % a["id"],
                {"action": "accept"}, t, if_match=a["version"])
    assert r.status == 200 and j["status"] == "accepted", j
    r, c = certs.issue(t)
    assert r.status == 201, c
    SECRETS.append(c["verify_token"])
    for path in ("/api/v1/verify/", "/verify/"):
        r, _ = bm.request("GET", path + c["verify_token"],
                          source="127.0.0.31")
        assert r.status == 200, (path, r.status)
    # refused: another centre's resident, a role's route, a token
    # nobody has, a path with an ID number in it
    other = login("clerk02", counter="2")
    SECRETS.append(other)
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=other)
    problem(r, j, 404, "not-found")
    r, j = post("/api/v1/events", {"category": "other"}, t)
    problem(r, j, 403, "forbidden")
    r, j = jreq("GET", "/api/v1/residents", token="f" * 64)
    problem(r, j, 401, "unauthorized")
    r, j = jreq("GET", "/api/v1/residents/" + ZHANG, token=t)
    assert r.status == 404, j
    r, _ = jreq("DELETE", "/api/v1/sessions/current", token=t)
    assert r.status == 204
    return a, rid


def test_an_operator_can_read_the_day():
    a, rid = day_at_counter_3()
    with open(bm.S.log) as f:
        log = f.read()
    lines = [l for l in log.splitlines() if " /api/v1/" in l]
    # every request: client, method, path, status, milliseconds, and
    # the staff and counter of its session
    assert all(re.search(r" \d{3} \d+ms", l) for l in lines), lines
    assert re.search(r"GET /api/v1/residents 200 \d+ms staff=clerk01 "
                     r"counter=3$", log, re.M), log
    assert "POST /api/v1/sessions 201" in log and \
        "login: clerk01 (clerk) at counter 3" in log, log
    assert "application %s: service 0501" % a["number"] in log, log
    assert "replay of key " in log, log
    assert "application %s: submitted -> accepted (accept)" % a["number"] \
        in log, log
    assert re.search(r"certificate \S+ issued: type residence", log), log
    assert "counter=3: resident %d: full numbers shown" % rid in log, log
    assert re.search(r"refused: clerk02 \(centre \d+\) may not see "
                     r"resident \d+ of centre \d+", log), log
    assert "POST /api/v1/events 403" in log and \
        "refused: not for a clerk" in log, log
    assert re.search(r"GET /api/v1/residents 401 \d+ms: refused: no such "
                     r"session$", log, re.M), log
    assert "counter=3: logout" in log, log


def test_the_log_holds_no_number_and_no_token():
    with open(bm.S.log) as f:
        log = f.read()
    assert "/api/v1/residents" in log
    assert not bm.harness.full_numbers(log, anywhere=True), \
        bm.harness.full_numbers(log, anywhere=True)
    assert not re.search(r"[0-9a-fA-F]{64}", log), \
        re.findall(r".*[0-9a-fA-F]{64}.*", log)
    assert SECRETS, "the day ran first"
    for s in SECRETS + [ZHANG, PHONE]:
        assert s not in log, s


if __name__ == "__main__":
    bm.main(globals(), order=lambda t: t[0] !=
            "test_an_operator_can_read_the_day")
