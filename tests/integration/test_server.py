#!/usr/bin/env python3
"""bianmind's HTTP contract (docs/api.md) for the routes it serves today:
status codes, problem+json, masking, scoping and the audit chain."""
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, connect, full_numbers, run  # noqa
import contract

S = None


def request(method, path, body=None, token=None, headers=None, raw=None):
    c = http.client.HTTPConnection("127.0.0.1", S.port, timeout=10)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    target = urllib.parse.quote(path, safe="/?=&%:'*")
    c.request(method, target, body=data, headers=h)
    r = c.getresponse()
    text = r.read()
    c.close()
    contract.check(method, target, r.status, r.headers, text)
    return r, text


def jreq(*args, **kw):
    r, text = request(*args, **kw)
    return r, (json.loads(text) if text else None)


def login(user="clerk01", password="demo-clerk"):
    r, j = jreq("POST", "/api/v1/sessions",
                {"username": user, "password": password, "counter": "1"})
    assert r.status == 201, (r.status, j)
    return j["token"]


def assert_problem(r, j, status, name):
    assert r.status == status, (r.status, j)
    assert r.getheader("Content-Type").startswith(
        "application/problem+json"), r.getheader("Content-Type")
    assert j["type"] == "urn:bianmin:problem:" + name, j
    assert j["status"] == status, j


def test_health_is_public():
    r, j = jreq("GET", "/api/v1/health")
    assert r.status == 200 and j["status"] == "ok", j
    assert j["schema_version"] >= 1


def test_login():
    r, j = jreq("POST", "/api/v1/sessions",
                {"username": "clerk01", "password": "demo-clerk",
                 "counter": "3"})
    assert r.status == 201, j
    assert re.fullmatch(r"[0-9a-f]{64}", j["token"]), j
    assert r.getheader("Location") == "/api/v1/sessions/current"
    assert j["staff"]["role"] == "clerk" and j["counter"] == "3", j
    assert j["staff"]["name"] == "陈晓梅", j
    assert j["idle_timeout_s"] == 900
    assert "红旗社区" in [c["name"] for c in j["staff"]["communities"]]
    r, cur = jreq("GET", "/api/v1/sessions/current", token=j["token"])
    assert r.status == 200 and "token" not in cur, cur
    assert cur["staff"]["username"] == "clerk01"


def test_login_wrong():
    for user, pw in (("clerk01", "nope"), ("nobody", "demo-clerk")):
        r, j = jreq("POST", "/api/v1/sessions",
                    {"username": user, "password": pw, "counter": "1"})
        assert_problem(r, j, 401, "invalid-credentials")


def test_login_bad_bodies():
    r, text = request("POST", "/api/v1/sessions", raw=b"{not json",
                      headers={"Content-Type": "application/json"})
    assert_problem(r, json.loads(text), 400, "invalid-request")
    r, text = request("POST", "/api/v1/sessions", raw=b'{"username":"\xff"}',
                      headers={"Content-Type": "application/json"})
    assert_problem(r, json.loads(text), 400, "invalid-request")
    r, text = request("POST", "/api/v1/sessions", raw=b"[]",
                      headers={"Content-Type": "application/json"})
    assert_problem(r, json.loads(text), 400, "invalid-request")
    r, text = request("POST", "/api/v1/sessions", raw=b"username=x",
                      headers={"Content-Type": "text/plain"})
    assert_problem(r, json.loads(text), 415, "unsupported-media-type")
    r, j = jreq("POST", "/api/v1/sessions",
                {"username": 7, "counter": "a b!"})
    assert_problem(r, j, 400, "validation")
    fields = {e["field"]: e["code"] for e in j["errors"]}
    assert fields == {"username": "type", "password": "required",
                      "counter": "pattern"}, fields
    r, j = jreq("POST", "/api/v1/sessions",
                {"username": "x", "password": "p", "counter": "123456789"})
    assert_problem(r, j, 400, "validation")
    assert j["errors"][0]["code"] == "too_long", j
    status, body = oversized_post(1000000, declare=True)
    assert status == 413 and b"body-too-large" in body, (status, body)
    status, body = oversized_post(1000000, declare=False)
    assert status == 413 and b"body-too-large" in body, (status, body)
    # and the server is still there
    r, j = jreq("GET", "/api/v1/health")
    assert r.status == 200


def oversized_post(size, declare):
    """Sends a big body (with its length declared, or chunked) and reads
    whatever comes back; the server may close before taking it all. The
    answer is checked against docs/openapi.yaml."""
    import socket
    sock = socket.create_connection(("127.0.0.1", S.port), timeout=10)
    head = ("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
            "Content-Type: application/json\r\n")
    head += ("Content-Length: %d\r\n\r\n" % size if declare else
             "Transfer-Encoding: chunked\r\n\r\n")
    import select
    chunk = b"x" * 8192
    if not declare:
        chunk = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    out = head.encode() + chunk * (size // 8192)
    if not declare:
        out += b"0\r\n\r\n"
    data = b""
    while True:
        r, w, _ = select.select([sock], [sock] if out else [], [], 10)
        if not r and not w:
            break
        if r:
            try:
                got = sock.recv(65536)
            except OSError:
                break
            if not got:
                break
            data += got
        elif w:
            try:
                out = out[sock.send(out[:65536]):]
            except OSError:
                out = b""   # the server stopped reading: read its answer
    sock.close()
    contract.check_raw("POST", "/api/v1/sessions", data)
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def test_tokens_required():
    r, j = jreq("GET", "/api/v1/residents?q=张")
    assert_problem(r, j, 401, "unauthorized")
    assert r.getheader("WWW-Authenticate").startswith("Bearer")
    r, j = jreq("GET", "/api/v1/residents?q=张", token="0" * 64)
    assert_problem(r, j, 401, "unauthorized")
    r, j = jreq("GET", "/api/v1/residents?q=张", token="' OR 1=1 --")
    assert_problem(r, j, 401, "unauthorized")


def test_routes_404_405():
    r, j = jreq("GET", "/api/v1/nothing-here")
    assert_problem(r, j, 404, "not-found")
    r, j = jreq("PUT", "/api/v1/sessions/current")
    assert_problem(r, j, 405, "method-not-allowed")
    assert "DELETE" in r.getheader("Allow"), r.getheader("Allow")
    token = login()
    r, j = jreq("GET", "/api/v1/residents/abc", token=token)
    assert_problem(r, j, 404, "not-found")
    # an {id} that is not one matches no route: 404 before the token is
    # asked for, and no 405 either (docs/api.md 1.2, 1.6's order)
    for path in ("/api/v1/residents/abc", "/api/v1/residents/0012",
                 "/api/v1/residents/-1", "/api/v1/applications/1e3",
                 "/api/v1/residents/9007199254740992"):
        for method in ("GET", "PATCH", "DELETE"):
            r, j = jreq(method, path)
            assert_problem(r, j, 404, "not-found")
    r, j = jreq("GET", "/api/v1/residents/9007199254740991")
    assert_problem(r, j, 401, "unauthorized")


def find(token, id_number):
    r, j = jreq("GET", "/api/v1/residents?id_number=" + id_number,
                token=token)
    assert r.status == 200, j
    return j


def test_lookup_by_id_number():
    token = login()
    j = find(token, "610202198503150021")
    assert j["total"] == 1 and j["page"] == 1, j
    item = j["items"][0]
    assert item["name"] == "张红旗" and item["sex"] == "F", item
    assert item["id_number_masked"] == "610***********0021", item
    assert item["community"]["name"] == "红旗社区", item
    r, p = jreq("GET", "/api/v1/residents/%d" % item["id"], token=token)
    assert r.status == 200, p
    assert r.getheader("ETag") == '"%d"' % p["version"], r.getheader("ETag")
    members = p["household"]["members"]
    assert members[0]["relation"] == "户主" and len(members) >= 3, members
    j = find(token, "61020219671111005x")
    assert j["items"][0]["name"] == "王建国", j


def test_lookup_validation():
    token = login()
    r, j = jreq("GET", "/api/v1/residents?id_number=610202198503150022",
                token=token)
    assert_problem(r, j, 400, "validation")
    assert j["errors"][0]["field"] == "id_number", j
    assert j["errors"][0]["code"] == "check_digit", j
    r, j = jreq("GET", "/api/v1/residents?q=张&per_page=101", token=token)
    assert_problem(r, j, 400, "validation")
    # every parameter is optional: no parameter lists the own residents
    r, j = jreq("GET", "/api/v1/residents", token=token)
    assert r.status == 200 and j["total"] > 0, j
    assert {i["community"]["name"] for i in j["items"]} == {"红旗社区"}, j
    r, j = jreq("GET", "/api/v1/residents?nme=x", token=token)
    assert_problem(r, j, 400, "validation")
    assert j["errors"][0]["code"] == "unknown_field", j
    # SQL-looking text is only text
    r, j = jreq("GET", "/api/v1/residents?q=%27%20OR%201%3D1%20--",
                token=token)
    assert r.status == 200 and j["total"] == 0, j


def test_other_centre_is_not_found():
    clerk01 = login()
    clerk02 = login("clerk02", "demo-clerk")
    admin = login("admin", "demo-admin")
    # 李光明 lives in 光明社区: clerk02's centre, not clerk01's
    assert find(clerk01, "610202194007080046")["total"] == 0
    j = find(clerk02, "610202194007080046")
    assert j["total"] == 1, j
    rid = j["items"][0]["id"]
    r, p = jreq("GET", "/api/v1/residents/%d" % rid, token=clerk01)
    assert_problem(r, p, 404, "not-found")
    r, p = jreq("GET", "/api/v1/residents/%d" % rid, token=admin)
    assert r.status == 200 and p["name"] == "李光明", p
    assert "elderly_80" in p["tags"], p
    # and the other way round
    assert find(clerk02, "610202198503150021")["total"] == 0


def test_no_full_numbers_in_any_reply():
    token = login("admin", "demo-admin")
    bodies = []
    for q in ("张", "李", "王", "赵", "刘"):
        r, text = request("GET", "/api/v1/residents?q=%s&per_page=100"
                          % q, token=token)
        bodies.append(text.decode())
        for item in json.loads(text)["items"][:10]:
            r, t2 = request("GET", "/api/v1/residents/%d" % item["id"],
                            token=token)
            bodies.append(t2.decode())
    joined = "\n".join(bodies)
    assert len(joined) > 1000
    found = full_numbers(joined, anywhere=True)
    assert not found, found


def test_logout():
    token = login()
    r, _ = request("DELETE", "/api/v1/sessions/current", token=token)
    assert r.status == 204
    r, j = jreq("GET", "/api/v1/sessions/current", token=token)
    assert_problem(r, j, 401, "unauthorized")


def test_audit_chain_and_tamper():
    login()
    r, j = jreq("POST", "/api/v1/sessions", {"username": "clerk01",
                "password": "wrong-password", "counter": "1"})
    assert r.status == 401
    verify = [os.path.join(BIN, "bianmind"), "--db", S.db, "--verify-audit"]
    r = subprocess.run(verify, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "intact" in r.stdout
    db = connect(S.db)
    rows = db.execute("SELECT count(*) FROM audit WHERE action IN "
                      "('login_ok', 'login_failed', 'view')").fetchone()[0]
    assert rows >= 3
    db.execute("UPDATE audit SET detail = 'changed' WHERE id = "
               "(SELECT min(id) FROM audit)")
    db.commit()
    db.close()
    r = subprocess.run(verify, capture_output=True, text=True)
    assert r.returncode == 1 and "audit row" in r.stderr, r.stderr


def test_server_log_has_no_full_numbers():
    with open(S.log) as f:
        log = f.read()
    assert "/api/v1/residents" in log
    found = full_numbers(log, anywhere=True)
    assert not found, found


def test_state_files_private():
    d = os.path.join(S.dir, "fresh.db")
    subprocess.run([os.path.join(BIN, "bianmind"), "--db", d,
                    "--verify-audit"], capture_output=True)
    assert os.stat(d).st_mode & 0o077 == 0, oct(os.stat(d).st_mode)


if __name__ == "__main__":
    S = Server()
    try:
        tests = sorted((n, f) for n, f in globals().items()
                       if n.startswith("test_"))
        # the tamper test breaks the chain: run it after the log check
        tests.sort(key=lambda t: t[0] == "test_audit_chain_and_tamper")
        run(tests)
    finally:
        S.stop()
