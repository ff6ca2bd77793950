#!/usr/bin/env python3
"""Two bianmind processes on one PostgreSQL database act as one server:
a session opened on one is good on the other; certificates issued
through both at once get unique serial numbers without gaps; the same
Idempotency-Key sent to both at once creates one application, and every
other answer is its replay or a 409 while it runs; one resident's
submissions of one service at once make one application; counters
calling at once get different tickets, reprints and corrections of one
certificate different numbers; a promise is checked once, an application
corrected once at its version; a writer holding one street's numbering
keeps none of another street waiting, nor one holding a certificate
another certificate's correction; the audit chain stays whole; a hall
of clients at once opens no more database connections than --threads,
by default twice the CPUs; a write sent ahead of the next statement
that fails fails its request whole; an Idempotency-Key's lock is let go
with its request, committed or not.
Runs when BIANMIN_TEST_PG names a cluster (make check starts one)."""
import concurrent.futures
import http.client
import json
import os
import re
import subprocess
import time
import uuid

import bm
import contract
import harness
from bm import login, find

import test_server_applications as apps
import test_server_certificates as certs
import test_server_rules as rules

THREADS = 8
CERTS = 48
KEYS = 24
TICKETS = 12
# server/db-pg.c's PG_WRITE_LOCK: every write transaction holds it,
# shared when it locks its rows
WRITE_LOCK = 7140326502


def call(srv, method, path, body, token, key=None, if_match=None):
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    h = {"Authorization": "Bearer " + token,
         "Content-Type": "application/json"}
    if key:
        h["Idempotency-Key"] = key
    if if_match is not None:
        h["If-Match"] = '"%d"' % if_match
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


def test_reprints_numbered_once_each():
    t = login("clerk01")
    body = {"type_id": certs.types(t)["residence"]["id"],
            "resident_id": find(t, certs.ZHANG), "purpose": "办理居住证",
            "data": {"since": "2019-06-01", "tenure": "own"}}
    st, c, _ = call(A, "POST", "/api/v1/certificates", body, t,
                    key=uuid.uuid4().hex)
    assert st == 201, c

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/certificates/%d/reprints"
                    % c["id"], {"reason": "原件遗失，居民申请补打"}, t,
                    key=uuid.uuid4().hex)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(2 * THREADS)))
    assert all(st == 201 for st, _, _ in got), got
    assert sorted(j["reprint_no"] for _, j, _ in got) == list(
        range(1, 2 * THREADS + 1)), got


def new_certificate(t):
    body = {"type_id": certs.types(t)["residence"]["id"],
            "resident_id": find(t, certs.ZHANG), "purpose": "办理居住证",
            "data": {"since": "2019-06-01", "tenure": "own"}}
    st, c, _ = call(A, "POST", "/api/v1/certificates", body, t,
                    key=uuid.uuid4().hex)
    assert st == 201, c
    return c


def correct_certificate(srv, t, cid, i):
    return call(srv, "POST", "/api/v1/certificates/%d/corrections" % cid,
                {"reason": "证明用途登记有误", "purpose": "办理居住证%d" % i},
                t, key=uuid.uuid4().hex)


def test_corrections_numbered_once_each():
    c = new_certificate(login("clerk01"))
    s = login("super01")

    def one(i):
        return correct_certificate((A, B)[i % 2], s, c["id"], i)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(2 * THREADS)))
    assert all(st == 200 for st, _, _ in got), got
    assert sorted(j["correction"]["correction_no"] for _, j, _ in got) == \
        list(range(1, 2 * THREADS + 1)), got
    db = harness.connect(A.db)
    rows = db.execute("SELECT correction_no FROM certificate_papers WHERE "
                      "certificate_id = ? ORDER BY 1", (c["id"],)).fetchall()
    db.close()
    assert [n for (n,) in rows] == list(range(1, 2 * THREADS + 1)), rows


def test_another_certificates_correction_does_not_wait():
    t = login("clerk01")
    held, free = new_certificate(t), new_certificate(t)
    s = login("super01")
    # a writer as bianmind's: the write lock shared, then one
    # certificate's row, held for a while
    holder = subprocess.Popen(
        ["psql", "-X", "-q", "-d", A.db, "-c", "BEGIN", "-c",
         "SELECT pg_advisory_xact_lock_shared(%d)" % WRITE_LOCK, "-c",
         "SELECT id FROM certificates WHERE id = %d FOR UPDATE" % held["id"],
         "-c", "SELECT pg_sleep(4)", "-c", "COMMIT"],
        stdout=subprocess.DEVNULL)
    try:
        time.sleep(1)
        started = time.time()
        st, j, _ = correct_certificate(A, s, free["id"], 1)
        took = time.time() - started
        assert st == 200 and took < 2, (st, j, took)
        started = time.time()
        st, j, _ = correct_certificate(A, s, held["id"], 1)
        took = time.time() - started
        assert st == 200 and took > 1.5, (st, j, took)
    finally:
        holder.wait(20)


def test_promise_checked_once():
    t = login("clerk01")
    bm.S = A
    r, a = rules.promised_app(t)
    assert r.status == 201, a
    pid = a["promises"][0]["id"]
    s = login("super01")

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/promises/%d/check" % pid,
                    {"outcome": "false", "note": "隐瞒收入%d" % i}, s,
                    key=uuid.uuid4().hex)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(THREADS)))
    assert sorted(st for st, _, _ in got) == [200] + [409] * (
        THREADS - 1), got
    assert all(j["type"].endswith("promise-checked") for st, j, _ in got
               if st == 409), got
    db = harness.connect(A.db)
    (n,) = db.execute("SELECT count(*) FROM promise_bans WHERE promise_id "
                      "= ?", (pid,)).fetchone()
    db.close()
    assert n == 1, n


def test_application_corrected_once_at_its_version():
    t = login("clerk01")
    bm.S = A
    a = rules.new_app(t)
    s = login("super01")

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/applications/%d/"
                    "corrections" % a["id"], {"reason": "联系电话录入有误",
                    "data": {"phone": "1390000%04d" % i}}, s,
                    key=uuid.uuid4().hex, if_match=a["version"])

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(THREADS)))
    assert sorted(st for st, _, _ in got) == [200] + [412] * (
        THREADS - 1), got
    [won] = [j for st, j, _ in got if st == 200]
    assert won["version"] == a["version"] + 1, won
    db = harness.connect(A.db)
    (n,) = db.execute("SELECT count(*) FROM timeline WHERE application_id "
                      "= ? AND action = 'correct'", (a["id"],)).fetchone()
    db.close()
    assert n == 1, n


def test_one_open_application_from_both():
    t = login("clerk01")
    bm.S = A
    body = {"service_id": apps.service(t, "0501")["id"],
            "resident_id": apps.new_elder(t)["id"], "data": apps.DATA,
            "materials": apps.MATERIALS}

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/applications", body, t,
                    key=uuid.uuid4().hex)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(THREADS)))
    statuses = sorted(st for st, _, _ in got)
    assert statuses == [201] + [409] * (THREADS - 1), got
    assert all(j["type"].endswith("application-open") for st, j, _ in got
               if st == 409), got


def test_counters_calling_at_once_get_different_tickets():
    t = login("clerk01", counter="21")
    cat = 6
    issued = [call(A, "POST", "/api/v1/queue/tickets", {"category_id": cat},
                   t, key=uuid.uuid4().hex) for _ in range(TICKETS)]
    assert all(st == 201 for st, _, _ in issued), issued

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/queue/call-next",
                    {"counter": str(30 + i), "category_ids": [cat]}, t,
                    key=uuid.uuid4().hex)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(TICKETS)))
    assert all(st == 200 for st, _, _ in got), got
    called = sorted(j["id"] for _, j, _ in got)
    assert called == sorted(j["id"] for _, j, _ in issued), (called, issued)
    assert len({j["counter"] for _, j, _ in got}) == TICKETS, got


def adult_of_street(prefix, other=False):
    """An adult without an open 1205, of the street with that 9-digit
    prefix, or of another street."""
    db = harness.connect(A.db)
    row = db.execute(
        "SELECT r.id FROM residents r JOIN communities c ON "
        "c.id = r.community_id WHERE substr(c.code, 1, 9) %s ? AND "
        "r.birth_date <= '2000-01-01' AND r.id NOT IN (SELECT resident_id "
        "FROM applications) ORDER BY r.id DESC LIMIT 1"
        % ("<>" if other else "="), (prefix,)).fetchone()
    db.close()
    return row[0]


def request_1205(t, svc, resident):
    body = {"service_id": svc, "resident_id": resident,
            "data": {"reason": "路灯损坏，请求维修", "phone": "13700001111",
                     "declaration": True},
            "materials": [{"name": "居民身份证", "originals": 1,
                           "copies": 1}]}
    started = time.time()
    st, j, _ = call(A, "POST", "/api/v1/applications", body, t,
                    key=uuid.uuid4().hex)
    assert st == 201, (st, j)
    return j, time.time() - started


def test_another_streets_numbers_do_not_wait():
    t = login("admin")
    svc = apps.service(t, "1205")["id"]
    first, _ = request_1205(t, svc, adult_of_street("610202001"))
    prefix, day = first["number"][:9], first["number"][10:18]
    # a writer as bianmind's: the write lock shared, then the street's
    # day's sequence row, held for a while
    holder = subprocess.Popen(
        ["psql", "-X", "-q", "-d", A.db, "-c", "BEGIN", "-c",
         "SELECT pg_advisory_xact_lock_shared(%d)" % WRITE_LOCK, "-c",
         "SELECT last FROM sequences WHERE name = 'app:%s:%s' FOR UPDATE"
         % (prefix, day), "-c", "SELECT pg_sleep(4)", "-c", "COMMIT"],
        stdout=subprocess.DEVNULL)
    try:
        time.sleep(1)
        other, took = request_1205(t, svc, adult_of_street(prefix, True))
        assert other["number"][:9] != prefix and took < 2, (other, took)
        same, took = request_1205(t, svc, adult_of_street(prefix))
        assert took > 1.5, took
        assert same["number"] == "%s-%s-%04d" % (
            prefix, day, int(first["number"][-4:]) + 1), (first, same)
    finally:
        holder.wait(20)


def test_audit_chain_whole_after_writes_from_both():
    t = login("clerk01")
    rid = find(t, certs.ZHANG)
    # a reason with quotes, a backslash and Chinese, hashed by the
    # database on one side and by bianmind on the other
    body = {"reason": "核对\u201c居住\u201d证明'O\\Brien\"身份"}

    def one(i):
        return call((A, B)[i % 2], "POST", "/api/v1/residents/%d/reveal"
                    % rid, body, t)

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(one, range(2 * THREADS)))
    assert all(st == 200 for st, _, _ in got), got
    r = subprocess.run([os.path.join(harness.BIN, "bianmind"), "--db",
                        A.db, "--verify-audit"], capture_output=True,
                       text=True)
    assert r.returncode == 0 and "intact" in r.stdout, r.stderr
    db = harness.connect(A.db)
    (n,) = db.execute("SELECT count(*) FROM audit WHERE action = 'reveal' "
                      "AND detail = ?", (body["reason"],)).fetchone()
    db.close()
    assert n == 2 * THREADS, n


def connections_now(db):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-d", db, "-c",
                        "SELECT count(*) FROM pg_stat_activity WHERE "
                        "datname = current_database() AND "
                        "pid <> pg_backend_pid()"],
                       capture_output=True, text=True, check=True)
    return int(r.stdout)


def hall(args, limit):
    """Forty clients calling at once through a bianmind started with
    args: their requests take turns for limit database connections (and
    the server's own: its start and the exchange's sender); every
    request is answered. Its log."""
    t = login("clerk01")
    before = connections_now(A.db)
    C = harness.Server(db=A.db, args=args)
    seen, done = [before], []

    def sample():
        while not done:
            seen.append(connections_now(A.db))
            time.sleep(0.02)

    def client(i):
        c = http.client.HTTPConnection("127.0.0.1", C.port, timeout=30)
        got = []
        for _ in range(6):
            c.request("GET", "/api/v1/residents?id_number=" + certs.ZHANG,
                      headers={"Authorization": "Bearer " + t})
            r = c.getresponse()
            r.read()
            got.append(r.status)
        c.close()
        return got

    try:
        with concurrent.futures.ThreadPoolExecutor(41) as pool:
            watcher = pool.submit(sample)
            got = list(pool.map(client, range(40)))
            done.append(1)
            watcher.result()
        assert all(st == 200 for g in got for st in g), got
        assert max(seen) - before <= limit + 2, (before, seen)
        assert max(seen) > before, seen     # it did serve from the cluster
        with open(C.log) as f:
            return f.read()
    finally:
        C.stop()


def test_a_hall_of_clients_stays_within_the_connections():
    """--threads 3: a busy hall cannot use up PostgreSQL's
    max_connections."""
    hall(["--threads", "3"], 3)


def test_requests_at_once_by_default_twice_the_cpus():
    """Without --threads, a bianmind on PostgreSQL runs twice the CPUs'
    requests at once, at least 4: the database works on the same CPUs,
    and more transactions than that make the holders of its locks wait
    for one (docs/benchmarks.md 11)."""
    want = max(4, 2 * os.sysconf("SC_NPROCESSORS_ONLN"))
    log = hall([], want)
    assert "requests at once: %d\n" % want in log, log


def refuse_key(db, key):
    """A trigger that refuses to store an answer for key, so that the
    request fails at its COMMIT (where the answer goes)."""
    db.executescript(
        "CREATE FUNCTION test_refuse_key() RETURNS trigger LANGUAGE "
        "plpgsql AS $$BEGIN IF NEW.key = '%s' THEN RAISE EXCEPTION "
        "'key refused by the test'; END IF; RETURN NEW; END$$; "
        "CREATE TRIGGER test_refuse_key BEFORE INSERT ON idempotency "
        "FOR EACH ROW EXECUTE FUNCTION test_refuse_key()" % key)


def test_a_write_sent_ahead_that_fails_fails_its_request():
    """The writes a create sends ahead of its next statement (the
    timeline's entry, the exchange message, the pickup code) go with it
    in one round trip: one that fails fails the request whole, nothing
    of it is kept, and the connection serves the next request."""
    t = login()
    refused, other = rules.new_resident(t), rules.new_resident(t)
    db = harness.connect(A.db)
    db.executescript(
        "CREATE FUNCTION test_refuse_pickup() RETURNS trigger LANGUAGE "
        "plpgsql AS $$BEGIN IF NEW.resident_id = %d THEN RAISE "
        "EXCEPTION 'refused by the test'; END IF; RETURN NEW; END$$; "
        "CREATE TRIGGER test_refuse_pickup BEFORE INSERT ON pickup_codes "
        "FOR EACH ROW EXECUTE FUNCTION test_refuse_pickup()" % refused)
    # one database connection, so the next request uses the same one
    C = harness.Server(db=A.db, args=["--threads", "1"])

    def create(resident, key):
        return call(C, "POST", "/api/v1/applications", {
            "service_id": rules.SERVICE, "resident_id": resident,
            "data": {"declaration": True, "phone": "13700001111"},
            "materials": rules.MATERIALS}, t, key=key)

    def rows(resident):
        return db.execute(
            "SELECT (SELECT count(*) FROM applications WHERE resident_id "
            "= ?), (SELECT count(*) FROM timeline t JOIN applications a "
            "ON a.id = t.application_id WHERE a.resident_id = ?), "
            "(SELECT count(*) FROM exchange_outbox x JOIN applications a "
            "ON x.stream = 'application/' || a.id WHERE a.resident_id = "
            "?), (SELECT count(*) FROM pickup_codes WHERE resident_id = ?)",
            (resident,) * 4).fetchall()[0]

    try:
        key = uuid.uuid4().hex
        st, j, _ = create(refused, key)
        assert st == 503 and j["type"].endswith("unavailable"), (st, j)
        assert rows(refused) == (0, 0, 0, 0), rows(refused)
        st, j, _ = create(other, uuid.uuid4().hex)
        assert st == 201 and j["pickup_code"], (st, j)
        assert rows(other) == (1, 1, 1, 1), rows(other)
        with open(C.log) as f:
            assert "refused by the test" in f.read()
        db.executescript("DROP TRIGGER test_refuse_pickup ON pickup_codes; "
                         "DROP FUNCTION test_refuse_pickup()")
        # the key was not kept with the failure: sent again, it is made
        st, j, replayed = create(refused, key)
        assert st == 201 and replayed is None, (st, j)
        assert rows(refused) == (1, 1, 1, 1), rows(refused)

        # the answer kept for the key goes with the COMMIT: refused, the
        # request fails whole too
        third, key = rules.new_resident(t), uuid.uuid4().hex
        refuse_key(db, key)
        st, j, _ = create(third, key)
        assert st == 503, (st, j)
        assert rows(third) == (0, 0, 0, 0), rows(third)
        st, j, _ = create(rules.new_resident(t), uuid.uuid4().hex)
        assert st == 201, (st, j)
    finally:
        db.executescript("DROP TRIGGER IF EXISTS test_refuse_pickup ON "
                         "pickup_codes; DROP FUNCTION IF EXISTS "
                         "test_refuse_pickup(); DROP TRIGGER IF EXISTS "
                         "test_refuse_key ON idempotency; DROP FUNCTION "
                         "IF EXISTS test_refuse_key()")
        C.stop()


def test_a_keys_lock_is_let_go_with_its_request():
    """The lock that keeps an Idempotency-Key's request from running in
    two processes at once goes with its COMMIT, in the same round trip,
    and when the commit fails, at the request's end: after each answer
    no bianmind connection holds an advisory lock, and the key sent to
    the other process is answered as done, never 409 as if it still
    ran."""
    t = login()
    db = harness.connect(A.db)

    def held():
        return db.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON "
            "a.pid = l.pid WHERE l.locktype = 'advisory' AND "
            "a.application_name = 'bianmind'").fetchall()[0][0]

    def create(srv, resident, key):
        return call(srv, "POST", "/api/v1/applications", {
            "service_id": rules.SERVICE, "resident_id": resident,
            "data": {"declaration": True, "phone": "13700001111"},
            "materials": rules.MATERIALS}, t, key=key)

    resident, key = rules.new_resident(t), uuid.uuid4().hex
    st, j, _ = create(A, resident, key)
    assert st == 201, (st, j)
    assert held() == 0
    st, again, replayed = create(B, resident, key)
    assert (st, replayed, again["id"]) == (201, "true", j["id"]), (st, again)
    assert held() == 0

    resident, key = rules.new_resident(t), uuid.uuid4().hex
    refuse_key(db, key)
    try:
        st, j, _ = create(A, resident, key)
        assert st == 503, (st, j)
        assert held() == 0
    finally:
        db.executescript("DROP TRIGGER test_refuse_key ON idempotency; "
                         "DROP FUNCTION test_refuse_key()")
    st, j, replayed = create(B, resident, key)
    assert st == 201 and replayed is None, (st, j)
    assert held() == 0


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
