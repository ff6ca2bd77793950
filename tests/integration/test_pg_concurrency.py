#!/usr/bin/env python3
"""Two bianmind processes on one PostgreSQL database act as one server:
a session opened on one is good on the other; certificates issued
through both at once get unique serial numbers without gaps; the same
Idempotency-Key sent to both at once creates one application, and every
other answer is its replay or a 409 while it runs. Runs when
BIANMIN_TEST_PG names a cluster (make check starts one)."""
import concurrent.futures
import http.client
import json
import re
import uuid

import bm
import contract
import harness
from bm import login, find

import test_server_applications as apps
import test_server_certificates as certs

THREADS = 8
CERTS = 48
KEYS = 24


def call(srv, method, path, body, token, key=None):
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    h = {"Authorization": "Bearer " + token,
         "Content-Type": "application/json"}
    if key:
        h["Idempotency-Key"] = key
    c.request(method, path, body=json.dumps(body, ensure_ascii=False)
              .encode(), headers=h)
    r = c.getresponse()
    text = r.read()
    c.close()
    contract.check(method, path, r.status, r.headers, text)
    return r.status, (json.loads(text) if text else None), r.getheader(
        "Idempotent-Replayed")


def test_sessions_are_shared():
    t = login()
    st, j, _ = call(B, "GET", "/api/v1/sessions/current", None, t)
    assert st == 200, (st, j)


def test_serials_unique_and_gap_free():
    t = login("clerk01")
    body = {"type_id": certs.types(t)["residence"]["id"],
            "resident_id": find(t, certs.ZHANG), "purpose": "办理居住证",
            "data": {"since": "2019-06-01", "tenure": "own"}}

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/certificates", body, t,
                    key=uuid.uuid4().hex)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(CERTS)))
    bad = [(st, j) for st, j, _ in got if st != 201]
    assert not bad, bad[:3]
    serials = sorted(int(re.fullmatch(r".*〔\d{4}〕第(\d{6})号", j["serial"])
                         .group(1)) for _, j, _ in got)
    assert len(set(serials)) == CERTS, serials
    assert serials == list(range(serials[0], serials[0] + CERTS)), serials


def test_one_application_per_key():
    t = login("clerk01")
    bm.S = A
    keys = [uuid.uuid4().hex for _ in range(KEYS)]
    # a resident of its own for each key: one open 0501 each
    bodies = {k: {"service_id": apps.service(t, "0501")["id"],
                  "resident_id": apps.new_elder(t)["id"],
                  "data": dict(apps.DATA), "materials": apps.MATERIALS,
                  "note": "子女代办"} for k in keys}
    # each key twice to each process, all at once
    jobs = [(k, (A, B)[i % 2]) for k in keys for i in range(4)]

    def one(job):
        k, srv = job
        return k, call(srv, "POST", "/api/v1/applications", bodies[k], t,
                       key=k)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, jobs))
    made = {}
    for k, (st, j, replayed) in got:
        assert st in (200, 201, 409), (st, j)
        if st == 201:
            made.setdefault(k, set()).add(j["id"])
    for k in keys:
        assert len(made.get(k, ())) == 1, (k, made.get(k))
    db = harness.connect(A.db)
    rows = db.execute("SELECT client_request_id, count(*) FROM applications "
                      "WHERE client_request_id IN (%s) GROUP BY 1"
                      % ", ".join("?" * KEYS), tuple(keys)).fetchall()
    assert len(rows) == KEYS and all(n == 1 for _, n in rows), rows
    numbers = sorted(int(j["number"][-4:]) for _, (st, j, _) in got
                     if st == 201)
    numbers = sorted(set(numbers))
    assert numbers == list(range(numbers[0], numbers[0] + KEYS)), numbers


if __name__ == "__main__":
    if harness.PG is None:
        print("ok - test_pg_concurrency # skip BIANMIN_TEST_PG not set")
        raise SystemExit(0)
    A = bm.start()
    B = harness.Server(db=A.db)
    try:
        harness.run(sorted((n, f) for n, f in globals().items()
                           if n.startswith("test_")))
    finally:
        B.stop()
        A.stop()
