#!/usr/bin/env python3
"""Sessions, login throttling, request limits, HTTPS and the audit chain
(docs/api.md 1.3, 1.11, 1.12, 14): idle and absolute expiry, 429 per
account and per address with every attempt audited, 431 and 408, the
per-address connection limit, TLS with a certificate made here, and
tamper detection by --verify-audit."""
import concurrent.futures
import hashlib
import json
import os
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import time
import warnings
import http.client

import bm
import contract
import harness
from bm import jreq, login, problem


def audit_count(action):
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM audit WHERE action = ?",
                   (action,)).fetchone()[0]
    db.close()
    return n


def test_idle_and_absolute_expiry():
    t1, t2 = login(), login()
    r, j = jreq("GET", "/api/v1/sessions/current", token=t1)
    assert r.status == 200
    h1 = hashlib.sha256(t1.encode()).hexdigest()
    db = bm.connect()
    db.execute("UPDATE sessions SET last_seen = last_seen - 901 WHERE "
               "token_hash = ?", (h1,))
    db.execute("UPDATE sessions SET created_at = created_at - 36001, "
               "last_seen = last_seen - 0 WHERE token_hash != ?", (h1,))
    db.commit()
    db.close()
    for t in (t1, t2):
        r, j = jreq("GET", "/api/v1/sessions/current", token=t)
        problem(r, j, 401, "unauthorized")
        assert 'error="invalid_token"' in r.getheader("WWW-Authenticate")
    t3 = login()
    r, _ = bm.request("DELETE", "/api/v1/sessions/current", token=t3)
    assert r.status == 204
    r, j = jreq("DELETE", "/api/v1/sessions/current", token=t3)
    problem(r, j, 401, "unauthorized")
    r, j = jreq("POST", "/api/v1/sessions", {"username": "clerk01",
                "password": "demo-clerk"})
    assert bm.field_codes(problem(r, j, 400, "validation")) == {
        "counter": "required"}


def test_login_throttled_per_account():
    src = "127.0.0.41"
    before = audit_count("login_failed") + audit_count("login_throttled")
    for i in range(5):
        r, j = jreq("POST", "/api/v1/sessions", {"username": "super01",
                    "password": "wrong"}, source=src)
        problem(r, j, 401, "invalid-credentials")
    # the right password is not even checked now, from any address
    for addr in (src, "127.0.0.42"):
        r, j = jreq("POST", "/api/v1/sessions", {"username": "super01",
                    "password": "demo-super"}, source=addr)
        problem(r, j, 429, "too-many-requests")
        assert 800 < int(r.getheader("Retry-After")) <= 900
    # another account from the same address is not affected
    assert login("grid01", counter=None, source=src)
    after = audit_count("login_failed") + audit_count("login_throttled")
    assert after - before == 7, (before, after)
    # the window moves on: failures older than 15 minutes do not count
    db = bm.connect()
    # the throttle keeps names as their hash, never as typed
    db.execute("UPDATE login_failures SET at = at - 901 WHERE "
               "username = ?", (hashlib.sha256(b"super01").hexdigest(),))
    db.commit()
    db.close()
    assert login("super01", counter=None, source=src)


def test_login_throttled_per_address():
    src = "127.0.0.43"
    for i in range(20):
        r, j = jreq("POST", "/api/v1/sessions", {"username": "nobody%d" % i,
                    "password": "x"}, source=src)
        problem(r, j, 401, "invalid-credentials")
    r, j = jreq("POST", "/api/v1/sessions", {"username": "admin",
                "password": "demo-admin"}, source=src)
    problem(r, j, 429, "too-many-requests")
    assert login("admin", counter=None, source="127.0.0.44")
    db = bm.connect()
    rows = db.execute("SELECT staff_id, detail FROM audit WHERE action = "
                      "'login_failed' AND addr = ? ORDER BY id", (src,)).fetchall()
    db.close()
    # names that are no account are kept masked (docs/api.md 14)
    assert len(rows) == 20 and rows[0] == (None, "n***"), rows[:2]


def test_headers_too_large():
    t = login()
    r, j = jreq("GET", "/api/v1/health",
                headers={"X-Padding": "a" * (20 * 1024)})
    problem(r, j, 431, "headers-too-large")
    status, data = bm.send_raw("GET", "/api/v1/health",
                               {"X-Padding": "b" * (100 * 1024)}, b"")
    assert status == 431, data[:200]
    r, j = jreq("GET", "/api/v1/residents?q=张", token=t)
    assert r.status == 200


def test_audit_tamper_is_found():
    login()
    jreq("POST", "/api/v1/sessions", {"username": "x", "password": "y"})
    login()     # so that row 2 is not the last: its removal must show
    verify = [os.path.join(bm.BIN, "bianmind"), "--db", bm.S.db,
              "--verify-audit"]
    r = subprocess.run(verify, capture_output=True, text=True)
    assert r.returncode == 0 and "intact" in r.stdout, r.stderr
    for sql in ("UPDATE audit SET detail = 'changed' WHERE id = 2",
                "DELETE FROM audit WHERE id = 2",
                "UPDATE audit SET id = -2 WHERE id = 2; UPDATE audit SET "
                "id = 2 WHERE id = 3; UPDATE audit SET id = 3 WHERE id = -2"):
        r = tampered(verify, sql)
        assert r.returncode == 1 and "audit row 2" in r.stderr, (sql,
                                                                 r.stderr)


def tampered(verify, sql):
    """The verifier's verdict on the database with sql applied: on a
    copy of the file, or on PostgreSQL in place and then undone."""
    if bm.PG is None:
        copy = bm.S.db + ".copy"
        db = sqlite3.connect(bm.S.db)
        db.execute("VACUUM INTO ?", (copy,))
        db.close()
        db = sqlite3.connect(copy)
        db.executescript(sql)
        db.commit()
        db.close()
        r = subprocess.run([verify[0], "--db", copy, "--verify-audit"],
                           capture_output=True, text=True)
        os.unlink(copy)
        return r
    db = bm.connect()
    db.executescript("CREATE TABLE audit_saved AS SELECT * FROM audit; " +
                     sql)
    r = subprocess.run(verify, capture_output=True, text=True)
    db.executescript("DELETE FROM audit; INSERT INTO audit SELECT * FROM "
                     "audit_saved; DROP TABLE audit_saved")
    return r


def answered_connection(port):
    """A kept-alive connection that has had one answer. The connection
    closed just before may still count for a moment (the server notices
    its end when it next looks), so a refusal is tried again for 3 s."""
    deadline = time.time() + 3
    while True:
        h = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            h.request("GET", "/api/v1/health")
            r = h.getresponse()
            text = r.read()
            contract.check("GET", "/api/v1/health", r.status, r.headers,
                           text)
            assert text
            return h
        except (ConnectionResetError, BrokenPipeError,
                http.client.RemoteDisconnected):
            h.close()
            if time.time() > deadline:
                raise
            time.sleep(0.1)


def test_request_timeout_and_connections_per_address():
    srv = bm.OwnServer("--request-timeout", "2", "--max-per-address", "3")
    try:
        sock = socket.create_connection(("127.0.0.1", srv.port))
        sock.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\n"
                     b"Content-Length: 20\r\n\r\n{\"username\"")
        time.sleep(1.2)
        sock.sendall(b":1")
        time.sleep(1.2)
        sock.sendall(b",\"p\":12}")
        sock.settimeout(10)
        data = sock.recv(4096)
        sock.close()
        contract.check_raw("POST", "/api/v1/sessions", data)
        assert b" 408 " in data.split(b"\r\n")[0] and \
            b"request-timeout" in data, data
        # each held connection answered once, so that the server has
        # surely taken all three before the extra one arrives
        held = []
        for _ in range(3):
            held.append(answered_connection(srv.port))
        extra = socket.create_connection(("127.0.0.1", srv.port))
        # shorter than the 2 s request timeout: a served request answers
        # at once, and the held three must not time out meanwhile
        extra.settimeout(1.0)
        extra.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            got = extra.recv(100)
        except (ConnectionResetError, socket.timeout):
            got = b""
        assert got == b"", got
        for s in held + [extra]:
            s.close()
        time.sleep(0.3)
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        c.request("GET", "/api/v1/health")
        r = c.getresponse()
        contract.check("GET", "/api/v1/health", r.status, r.headers,
                       r.read())
        assert r.status == 200
    finally:
        srv.stop()


def test_requests_at_once_by_default():
    """Without --threads, 16 requests at once on SQLite, twice the CPUs
    (at least 4) on PostgreSQL (docs/benchmarks.md 11)."""
    want = 16 if harness.PG is None else \
        max(4, 2 * os.sysconf("SC_NPROCESSORS_ONLN"))
    with open(bm.S.log) as f:
        log = f.read()
    assert "requests at once: %d\n" % want in log, log


def test_more_clients_than_threads_are_all_answered():
    """Forty clients calling at once, each on a connection it keeps,
    through a bianmind started with --threads 2: their requests take
    turns for two database connections and every one is answered (a
    turn handed out twice, or never, would leave some waiting for
    good)."""
    srv = bm.OwnServer("--threads", "2")

    def call(c, method, path, body=None, token=None):
        h = {"Content-Type": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        c.request(method, path, body=json.dumps(body) if body else None,
                  headers=h)
        r = c.getresponse()
        return r.status, r.read()

    try:
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
        st, text = call(c, "POST", "/api/v1/sessions",
                        {"username": "clerk01", "password": "demo-clerk",
                         "counter": "1"})
        assert st == 201, text
        token = json.loads(text)["token"]
        c.close()

        def client(i):
            c = http.client.HTTPConnection("127.0.0.1", srv.port,
                                           timeout=20)
            got = [call(c, "GET", "/api/v1/residents?id_number="
                        "610202198503150021", token=token)[0]
                   for _ in range(8)]
            c.close()
            return got

        with concurrent.futures.ThreadPoolExecutor(40) as pool:
            got = list(pool.map(client, range(40)))
        assert all(st == 200 for g in got for st in g), got
    finally:
        srv.stop()


def test_https():
    d = tempfile.mkdtemp(prefix="bianmin-tls-")
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"], check=True,
                   capture_output=True)
    srv = bm.OwnServer("--tls-cert", cert, "--tls-key", key)
    try:
        ctx = ssl.create_default_context(cafile=cert)
        c = http.client.HTTPSConnection("127.0.0.1", srv.port, context=ctx,
                                        timeout=10)
        c.request("POST", "/api/v1/sessions", body=b'{"username": '
                  b'"clerk01", "password": "demo-clerk", "counter": "1"}',
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        text = r.read()
        contract.check("POST", "/api/v1/sessions", r.status, r.headers,
                       text)
        assert r.status == 201, text
        assert c.sock.version() in ("TLSv1.2", "TLSv1.3"), c.sock.version()
        c.close()
        # plain HTTP gets no answer from a TLS port
        plain = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        try:
            plain.request("GET", "/api/v1/health")
            status = plain.getresponse().status
        except (http.client.HTTPException, OSError):
            status = 0
        assert status != 200
        # an old protocol is refused
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.load_verify_locations(cert)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            old.maximum_version = ssl.TLSVersion.TLSv1_1
            old.minimum_version = ssl.TLSVersion.TLSv1
        try:
            c = http.client.HTTPSConnection("127.0.0.1", srv.port,
                                            context=old, timeout=5)
            c.request("GET", "/api/v1/health")
            ok = c.getresponse().status == 200
        except (ssl.SSLError, OSError):
            ok = False
        assert not ok
        with open(srv.log) as f:
            bm.no_full_numbers(f.read())
    finally:
        srv.stop()
        subprocess.run(["rm", "-rf", d])


if __name__ == "__main__":
    bm.main(globals())
