#!/usr/bin/env python3
"""What a hostile client tries (docs/api.md 1.6, 1.10, 1.11, 1.12, 14):
a NUL in the URL, requests libmicrohttpd itself refuses, a request that
trickles in, a client behind a trusted proxy and one only claiming to
be, ID and phone numbers typed into a reveal reason or a login name,
the time a login takes for names that are no account, and another
centre's grid named in a body."""
import json
import socket
import statistics
import time

import bm
from bm import jreq, login, problem, field_codes

ID = "610202198503150021"      # 张红旗, 红旗社区 (centre 1)


def test_nul_in_url_is_refused():
    t = login()
    rid = bm.find(t, ID)
    for path, field in (("/api/v1/residents/%d%%00" % rid, "path"),
                        ("/api/v1/residents?q=%E5%BC%A0%00x", "q"),
                        ("/api/v1/residents?q%00=a", "q%00"),
                        ("/api/v1/services/by-code/0806%00", "path")):
        r, j = jreq("GET", path, token=t)
        j = problem(r, j, 400, "validation")
        assert field_codes(j) == {field: "control_chars"}, (path, j)
    # the same paths without the NUL still answer
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=t)
    assert r.status == 200, j


def raw_exchange(data, port=None, wait=10):
    """Sends data on a new connection and reads until the server closes
    it; returns (status, headers, body) of the first response."""
    s = socket.create_connection(("127.0.0.1", port or bm.S.port),
                                 timeout=wait)
    try:
        s.sendall(data)
    except OSError:
        pass
    got = b""
    while True:
        try:
            chunk = s.recv(65536)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
        if b"\r\n\r\n" in got:
            head, rest = got.split(b"\r\n\r\n", 1)
            lengths = [l for l in head.split(b"\r\n")
                       if l.lower().startswith(b"content-length:")]
            if lengths and len(rest) >= int(lengths[0].split(b":")[1]):
                break
    s.close()
    assert got.startswith(b"HTTP/1."), got[:200]
    head, body = got.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for l in lines[1:]:
        k, v = l.split(":", 1)
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", len(body)))
    return int(lines[0].split()[1]), headers, body[:n]


def test_http_level_errors_are_problems():
    host = b"Host: x\r\n"
    cases = [
        ("many headers", b"GET /api/v1/health HTTP/1.1\r\n" + host +
         b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 100)
                  for i in range(1000)) + b"\r\n", 431,
         "headers-too-large"),
        ("huge Content-Length", b"POST /api/v1/sessions HTTP/1.1\r\n" +
         host + b"Content-Type: application/json\r\n"
         b"Content-Length: 99999999999999999999999\r\n\r\n", 413,
         "body-too-large"),
        ("negative Content-Length", b"POST /api/v1/sessions HTTP/1.1\r\n" +
         host + b"Content-Type: application/json\r\n"
         b"Content-Length: -5\r\n\r\n{}", 400, "invalid-request"),
        ("bad chunk size", b"POST /api/v1/sessions HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\n"
         b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400,
         "invalid-request"),
        ("HTTP/0.9", b"GET /api/v1/health\r\n\r\n", 400, "invalid-request"),
        ("HTTP/2.0 request line", b"GET /api/v1/health HTTP/2.0\r\n" +
         host + b"\r\n", 400, "invalid-request"),
        ("HTTP/1.1 without Host", b"GET /api/v1/health HTTP/1.1\r\n"
         b"Connection: close\r\n\r\n", 400, "invalid-request"),
    ]
    for name, data, status, kind in cases:
        got, headers, body = raw_exchange(data)
        assert got == status, (name, got, body[:200])
        assert headers.get("content-type", "").startswith(
            "application/problem+json"), (name, headers, body[:200])
        j = json.loads(body)
        assert j["type"] == "urn:bianmin:problem:" + kind, (name, j)
        assert j["status"] == status, (name, j)
    # HTTP/1.0 needs no Host, and HTTP/1.1 with one is served
    for data in (b"GET /api/v1/health HTTP/1.0\r\n\r\n",
                 b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                 b"Connection: close\r\n\r\n"):
        got, headers, body = raw_exchange(data)
        assert got == 200, (data, got, body)


def cut_off_after(srv, head, pieces, every=0.5):
    """Sends head, then one piece every `every` seconds; the seconds
    until the server ended the connection, or None if it never did."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    start = time.time()
    s.sendall(head)
    try:
        for piece in pieces:
            s.settimeout(every)
            try:
                got = s.recv(4096)
                if got == b"" or b" 408 " in got.split(b"\r\n")[0]:
                    return time.time() - start
            except socket.timeout:
                pass
            s.sendall(piece)
        return None
    except OSError:
        return time.time() - start
    finally:
        s.close()


def test_trickling_requests_are_cut_off():
    srv = bm.OwnServer("--request-timeout", "2")
    try:
        # a header line every half second: never idle, never done
        lines = [b"X-Slow-%d: 1\r\n" % i for i in range(24)]
        took = cut_off_after(srv, b"GET /api/v1/health HTTP/1.1\r\n"
                             b"Host: x\r\n", lines)
        assert took is not None and took < 6, took
        # a body a byte at a time
        took = cut_off_after(srv, b"POST /api/v1/sessions HTTP/1.1\r\n"
                             b"Host: x\r\nContent-Type: application/json"
                             b"\r\nContent-Length: 64\r\n\r\n",
                             [b" "] * 24)
        assert took is not None and took < 6, took
        # and the server still answers whoever asks properly
        got, _, body = raw_exchange(b"GET /api/v1/health HTTP/1.1\r\n"
                                    b"Host: x\r\nConnection: close\r\n"
                                    b"\r\n", port=srv.port)
        assert got == 200, body
    finally:
        srv.stop()


def audit_rows(srv_db, action, n):
    db = bm.harness.connect(srv_db)
    rows = db.execute("SELECT detail, addr FROM audit WHERE action = ? "
                      "ORDER BY id DESC LIMIT %d" % n, (action,)).fetchall()
    db.close()
    return rows


def proxied_login(port, user, password, source, headers):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=20,
                                   source_address=(source, 0))
    h = {"Content-Type": "application/json"}
    h.update(headers)
    c.request("POST", "/api/v1/sessions", body=json.dumps(
        {"username": user, "password": password}).encode(), headers=h)
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def test_trusted_proxy_names_the_client():
    srv = bm.OwnServer("--trusted-proxies", "127.0.0.1, 127.0.0.60/31",
                       "--max-per-address", "2")
    try:
        cases = [
            # (peer, headers, the address the server must use)
            ("127.0.0.1", {"X-Forwarded-For": "198.51.100.7"},
             "198.51.100.7"),
            # what the client wrote itself comes first; the proxy's
            # entry for it last
            ("127.0.0.1", {"X-Forwarded-For": "10.9.9.9, 198.51.100.8"},
             "198.51.100.8"),
            # a trusted hop in between is skipped
            ("127.0.0.1", {"X-Forwarded-For":
                           "198.51.100.9, 127.0.0.61"}, "198.51.100.9"),
            ("127.0.0.1", {"Forwarded": 'for=198.51.100.10;proto=https, '
                           'for="[2001:db8::1]:4711"'}, "2001:db8::1"),
            # not a trusted proxy: its headers are not believed
            ("127.0.0.5", {"X-Forwarded-For": "198.51.100.11"},
             "127.0.0.5"),
            ("127.0.0.5", {"Forwarded": "for=198.51.100.12"}, "127.0.0.5"),
        ]
        for i, (peer, headers, want) in enumerate(cases):
            assert proxied_login(srv.port, "someone%d" % i, "x", peer,
                                 headers) == 401
            assert audit_rows(srv.db, "login_failed", 1)[0][1] == want, (
                peer, headers, audit_rows(srv.db, "login_failed", 1))
        # the login throttle counts each client behind the proxy apart
        for i in range(20):
            assert proxied_login(srv.port, "nobody%d" % i, "x", "127.0.0.1",
                                 {"X-Forwarded-For": "198.51.100.20"}) == 401
        assert proxied_login(srv.port, "admin", "demo-admin", "127.0.0.1",
                             {"X-Forwarded-For": "198.51.100.20"}) == 429
        assert proxied_login(srv.port, "admin", "demo-admin", "127.0.0.1",
                             {"X-Forwarded-For": "198.51.100.21"}) == 201
        # the proxy holds connections for many clients: no per-address
        # cap for it, while any other address keeps its cap of 2
        held = [bm.answered_from(srv.port, "127.0.0.1") for _ in range(4)]
        assert all(held)
        other = [bm.answered_from(srv.port, "127.0.0.6")
                 for _ in range(3)]
        assert other[0] and other[1] and not other[2], other
        for s in held + other:
            if s:
                s.close()
    finally:
        srv.stop()


def test_forwarded_headers_ignored_by_default():
    r, _ = jreq("POST", "/api/v1/sessions", {"username": "nobody",
                "password": "x"}, headers={"X-Forwarded-For":
                                           "198.51.100.30"},
                source="127.0.0.31")
    assert r.status == 401
    assert audit_rows(bm.S.db, "login_failed", 1)[0][1] == "127.0.0.31"


def test_numbers_in_audit_are_masked():
    t = login()
    rid = bm.find(t, ID)
    reason = "核对 %s 电话 14712341233 座机 029-88881234" % ID
    r, j = jreq("POST", "/api/v1/residents/%d/reveal" % rid,
                {"reason": reason}, token=t)
    assert r.status == 200, j
    r, j = jreq("GET", "/api/v1/audit?action=reveal&per_page=1",
                token=login("admin", counter=None))
    assert r.status == 200, j
    assert j["items"][0]["detail"] == ("核对 610***********0021 电话 "
                                       "147****1233 座机 029*****1234"), j
    # a name that is no account is kept masked, whatever was typed
    for typed, kept in ((ID, "6***"), ("demo-clerk", "d***"),
                        ("张三丰", "张***")):
        r, j = jreq("POST", "/api/v1/sessions", {"username": typed,
                    "password": "x"}, source="127.0.0.32")
        problem(r, j, 401, "invalid-credentials")
        assert audit_rows(bm.S.db, "login_failed", 1)[0][0] == kept
    # an account's own name is kept as it is
    r, j = jreq("POST", "/api/v1/sessions", {"username": "grid01",
                "password": "x"}, source="127.0.0.32")
    assert audit_rows(bm.S.db, "login_failed", 1)[0][0] == "grid01"
    db = bm.connect()
    text = json.dumps([list(row) for row in db.execute(
        "SELECT * FROM audit")] + [list(row) for row in db.execute(
            "SELECT * FROM login_failures")], ensure_ascii=False)
    db.close()
    bm.no_full_numbers(text)
    assert "demo-clerk" not in text


def timed_logins(user, source, n=3):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        r, j = jreq("POST", "/api/v1/sessions", {"username": user,
                    "password": "wrong password"}, source=source)
        times.append(time.perf_counter() - start)
        problem(r, j, 401, "invalid-credentials")
    return statistics.median(times)


def test_login_takes_the_same_work_for_every_name():
    db = bm.connect()
    locked = db.execute("SELECT username FROM staff WHERE active = 1 AND "
                        "password_hash NOT LIKE '$%' ORDER BY id "
                        "LIMIT 1").fetchone()[0]
    db.close()
    unknown = timed_logins("nobody-here", "127.0.0.33")
    real = timed_logins("super01", "127.0.0.34")
    lock = timed_logins(locked, "127.0.0.35")
    # each hashes once: a locked account is no quicker than a name that
    # is none (before, 1.7 ms against 25 ms)
    assert lock > 0.4 * unknown and lock > 0.4 * real, (lock, unknown, real)


def test_another_centres_grid_is_not_found():
    t = login()
    me = jreq("GET", "/api/v1/sessions/current", token=t)[1]["staff"]
    mine = [c["id"] for c in me["communities"]]
    db = bm.connect()
    other = db.execute("SELECT g.id FROM grids g JOIN communities c ON "
                       "c.id = g.community_id WHERE c.centre_id != ? "
                       "ORDER BY g.id LIMIT 1",
                       (me["centre"]["id"],)).fetchone()[0]
    sibling = db.execute("SELECT g.id FROM grids g WHERE g.community_id "
                         "!= ? AND g.community_id IN (%s) ORDER BY g.id "
                         "LIMIT 1" % ",".join(str(c) for c in mine),
                         (mine[0],)).fetchone()
    (missing,) = db.execute("SELECT max(id) + 1000 FROM grids").fetchone()
    db.close()
    body = {"name": "王测试", "id_number": "610202194205180013",
            "address": "红旗街8号", "community_id": mine[0]}
    rid = bm.find(t, ID)
    version = jreq("GET", "/api/v1/residents/%d" % rid, token=t)[1][
        "version"]
    for grid in (other, missing):
        r, j = bm.post("/api/v1/residents", dict(body, grid_id=grid), t)
        assert field_codes(problem(r, j, 400, "validation")).get(
            "grid_id") == "not_found", (grid, j)
        r, j = jreq("PATCH", "/api/v1/residents/%d" % rid,
                    {"grid_id": grid}, token=t, if_match=version)
        assert field_codes(problem(r, j, 400, "validation")) == {
            "grid_id": "not_found"}, (grid, j)
    # a grid the caller can see, of another community, is a mismatch:
    # the admin sees every centre's
    r, j = bm.post("/api/v1/residents", dict(body, grid_id=other),
                   login("admin", counter=None))
    assert field_codes(problem(r, j, 400, "validation")).get(
        "grid_id") == "mismatch", j
    if sibling is not None:
        r, j = bm.post("/api/v1/residents", dict(body, grid_id=sibling[0]),
                       t)
        assert field_codes(problem(r, j, 400, "validation")).get(
            "grid_id") == "mismatch", j


if __name__ == "__main__":
    bm.main(globals())
