"""Helpers shared by the bianmind contract tests: requests, logins and
problem checks against a harness.Server."""
import http.client
import json
import os
import re
import sys
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, run, SkipTest  # noqa: F401

S = None

PASSWORDS = {"clerk01": "demo-clerk", "clerk02": "demo-clerk",
             "grid01": "demo-grid", "super01": "demo-super",
             "admin": "demo-admin"}


def start():
    global S
    S = Server()
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
    c.request(method, urllib.parse.quote(path, safe="/?=&%:'*+,;@!$()~-"),
              body=data, headers=h)
    r = c.getresponse()
    text = r.read()
    c.close()
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
    assert not re.search(r"(?<![\d])\d{17}[\dX](?![\d])", text), text
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), text


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
