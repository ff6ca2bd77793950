"""Helpers shared by the bianmind contract tests: requests, logins and
problem checks against a harness.Server. Every response is checked
against docs/openapi.yaml (tests/lib/contract.py) as it arrives."""
import http.client
import json
import os
import re
import sys
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, PG, Server, run, SkipTest  # noqa: F401
from harness import service_date  # noqa: F401
import contract
import harness

S = None

PASSWORDS = {"clerk01": "demo-clerk", "clerk02": "demo-clerk",
             "grid01": "demo-grid", "super01": "demo-super",
             "admin": "demo-admin"}


def connect():
    """A connection to the database of the server under test."""
    return harness.connect(S.db)


def start():
    """The server under test; BIANMIND names another build (ASan)."""
    global S
    S = Server(os.environ.get("BIANMIND"))
    return S


def request(method, path, body=None, token=None, headers=None, raw=None,
            key=None, if_match=None, source=None):
    """One request on a new connection; returns (response, bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", S.port, timeout=20,
                                   source_address=(source, 0)
                                   if source else None)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if key:
        h["Idempotency-Key"] = key
    if if_match is not None:
        h["If-Match"] = '"%s"' % if_match
    data = raw
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode()
        h.setdefault("Content-Type", "application/json")
    target = urllib.parse.quote(path, safe="/?=&%:'*+,;@!$()~-")
    c.request(method, target, body=data, headers=h)
    r = c.getresponse()
    text = r.read()
    c.close()
    contract.check(method, target, r.status, r.headers, text)
    return r, text


def jreq(*args, **kw):
    """A request whose answer is parsed as JSON (None when empty)."""
    r, text = request(*args, **kw)
    return r, (json.loads(text) if text else None)


def post(path, body, token, **kw):
    """A POST with a fresh Idempotency-Key unless one is given."""
    kw.setdefault("key", uuid.uuid4().hex)
    return jreq("POST", path, body, token=token, **kw)


def login(user="clerk01", counter="1", source=None):
    body = {"username": user, "password": PASSWORDS[user]}
    if counter:
        body["counter"] = counter
    r, j = jreq("POST", "/api/v1/sessions", body, source=source)
    assert r.status == 201, (r.status, j)
    return j["token"]


def problem(r, j, status, name):
    assert r.status == status, (r.status, j)
    assert r.getheader("Content-Type").startswith(
        "application/problem+json"), r.getheader("Content-Type")
    assert j["type"] == "urn:bianmin:problem:" + name, j
    assert j["status"] == status, j
    return j


def field_codes(j):
    return {e["field"]: e["code"] for e in j.get("errors", [])}


def find(token, id_number):
    r, j = jreq("GET", "/api/v1/residents?id_number=" + id_number,
                token=token)
    assert r.status == 200 and j["total"] == 1, j
    return j["items"][0]["id"]


def no_full_numbers(text):
    text = re.sub(r"[0-9a-f]{64}", "", text)   # audit hashes
    assert not harness.full_numbers(text), text


def main(tests_globals, order=None):
    start()
    try:
        tests = sorted((n, f) for n, f in tests_globals.items()
                       if n.startswith("test_"))
        if order:
            tests.sort(key=order)
        run(tests)
    finally:
        S.stop()


class OwnServer(Server):
    """A seeded bianmind started with extra command-line arguments."""

    def __init__(self, *args):
        Server.__init__(self, args=args)


def add_staff(username, like, centre):
    """Adds an account with like's password and role in another centre."""
    db = connect()
    db.execute("INSERT INTO staff (username, name, role, centre_id, "
               "password_hash) SELECT ?, name || '二', role, ?, "
               "password_hash FROM staff WHERE username = ?",
               (username, centre, like))
    db.commit()
    db.close()
    PASSWORDS[username] = PASSWORDS[like]


def send_raw(method, path, headers, body, source=None):
    """Sends a request by hand, reading whatever comes back even when the
    server stops reading the body; returns (status, bytes), the bytes
    checked against docs/openapi.yaml."""
    import select
    import socket
    sock = socket.create_connection(("127.0.0.1", S.port), timeout=20,
                                    source_address=(source, 0)
                                    if source else None)
    head = "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % (
        method, path)
    for k, v in headers.items():
        head += "%s: %s\r\n" % (k, v)
    out = head.encode() + b"\r\n" + body
    data = b""
    while True:
        r, w, _ = select.select([sock], [sock] if out else [], [], 20)
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
                out = b""
    sock.close()
    contract.check_raw(method, path, data)
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def answered_from(port, source):
    """A kept-alive connection from source that has had one answer, or
    None when the server hung up on it (over its per-address cap)."""
    import socket
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5,
                                   source_address=(source, 0))
    try:
        c.request("GET", "/api/v1/health")
        c.getresponse().read()
        return c
    except (ConnectionResetError, BrokenPipeError, socket.timeout,
            http.client.RemoteDisconnected):
        c.close()
        return None
