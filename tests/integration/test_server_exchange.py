#!/usr/bin/env python3
"""The exchange with the upper level (docs/api.md 24): every application
event reaches a receiving HTTPS server on loopback, signed, in order per
application, at least once — with the receiver stopped, restarted and
answering 500, and bianmind killed in the middle of a send — and the
receiver, de-duplicating on the message id, applies each exactly once."""
import hashlib
import hmac
import http.server
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time

import bm
from bm import BIN
import contract
import harness
from test_server_rules import new_app, act

KEY = "5a" * 32
KEY_ID = "site-610202"


class Receiver:
    """The upper level's endpoint: checks each signature, counts raw
    deliveries and applies each message id once, in its stream's order.
    mode: "ok", "500", "hang" (takes the message, answers only once
    released) or a stream it answers 500 for (the others are taken)."""

    def __init__(self, directory):
        self.cert = os.path.join(directory, "cert.pem")
        keyf = os.path.join(directory, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", keyf, "-out", self.cert, "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(self.cert, keyf)
        self.raw = []           # message ids, each delivery
        self.applied = {}       # stream -> [sequence], as applied
        self.seen = set()
        self.faults = []        # bad signatures, gaps, disorder
        self.mode = "ok"
        self.release = threading.Event()
        self.cv = threading.Condition()
        self.port = 0
        self.httpd = None

    def start(self):
        rcv = self

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                rcv.take(self, body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1",
                                                      self.port), H)
        self.httpd.daemon_threads = True
        self.httpd.socket = self.ctx.wrap_socket(self.httpd.socket,
                                                 server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever,
                         daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def take(self, h, body):
        ts = h.headers["X-Bianmin-Timestamp"]
        mid = h.headers["X-Bianmin-Message-Id"]
        want = "v1=" + hmac.new(bytes.fromhex(KEY), ("%s\n%s\n" % (
            ts, mid)).encode() + body, hashlib.sha256).hexdigest()
        m = json.loads(body)
        bad = contract.validate(contract.document()["components"][
            "schemas"]["ExchangeMessage"], m)
        with self.cv:
            self.raw.append(mid)
            if bad is not None:
                self.faults.append(("format", mid, bad.message[:200]))
            if h.headers["X-Bianmin-Key-Id"] != KEY_ID or not \
                    hmac.compare_digest(want, h.headers[
                        "X-Bianmin-Signature"]) or m["id"] != mid or \
                    abs(time.time() - int(ts)) > 60:
                self.faults.append(("signature", mid))
            mode = self.mode
            if mode == "500" or mode == m["stream"]:
                self.cv.notify_all()
                code = 500
            else:
                if mid not in self.seen:
                    seqs = self.applied.setdefault(m["stream"], [])
                    if m["sequence"] != len(seqs) + 1:
                        self.faults.append(("order", m["stream"],
                                            m["sequence"], list(seqs)))
                    seqs.append(m["sequence"])
                    self.seen.add(mid)
                self.cv.notify_all()
                code = 200
        if mode == "hang":
            self.release.wait(20)
        try:
            h.send_response(code)
            h.send_header("Content-Length", "0")
            h.end_headers()
        except OSError:
            pass

    def wait(self, cond, timeout=10):
        deadline = time.time() + timeout
        with self.cv:
            while not cond():
                left = deadline - time.time()
                assert left > 0, (self.raw, self.applied, self.faults)
                self.cv.wait(left)


class Bianmind(harness.Server):
    """bianmind pushing to the receiver, on a database it may be given
    (to start again on the same one)."""

    def __init__(self, rcv, directory, db=None, retry=(50, 200)):
        self.dir = tempfile.mkdtemp(prefix="bianmin-test-")
        self.shared = db is not None
        self.db = db or harness.new_database(self.dir)
        keyfile = os.path.join(directory, "site.key")
        with open(keyfile, "w") as f:
            f.write(KEY + "\n")
        os.chmod(keyfile, 0o600)
        port_file = os.path.join(self.dir, "port")
        self.log = os.path.join(self.dir, "server.log")
        self.proc = subprocess.Popen(
            [os.path.join(BIN, "bianmind"), "--db", self.db, "--listen",
             "127.0.0.1:0", "--port-file", port_file, "--log", self.log,
             "--exchange-url", "https://127.0.0.1:%d/in" % rcv.port,
             "--exchange-key-file", keyfile, "--exchange-key-id", KEY_ID,
             "--exchange-ca-file", rcv.cert, "--exchange-retry-min", str(retry[0]),
             "--exchange-retry-max", str(retry[1])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(port_file):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("bianmind did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.url = "http://127.0.0.1:%d" % self.port


def admin(db, *args, conf=()):
    """bianmind admin exchange ... on db; its output."""
    r = subprocess.run([os.path.join(BIN, "bianmind"), "--db", db] +
                       list(conf) + ["admin", "exchange"] + list(args),
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return r.stdout


def outbox(db, sql, params=()):
    c = harness.connect(db)
    rows = c.execute(sql, params).fetchall()
    c.close()
    return rows


def test_every_message_delivered_in_order_once():
    d = tempfile.mkdtemp(prefix="bianmin-xchg-")
    rcv = Receiver(d)
    rcv.start()
    srv = bm.S = Bianmind(rcv, d)
    db = srv.db
    try:
        # the seed's history is not sent: the outbox starts empty
        assert outbox(db, "SELECT count(*) FROM exchange_outbox") == [(0,)]
        t = bm.login()
        a = new_app(t)
        a = act(t, a, {"action": "accept"})
        s1 = "application/%d" % a["id"]
        rcv.wait(lambda: rcv.applied.get(s1) == [1, 2])

        # the receiver fails one application's messages: that stream is
        # held back, another application's goes through
        rcv.mode = s1
        a = act(t, a, {"action": "complete"})
        b = new_app(t)
        s2 = "application/%d" % b["id"]
        rcv.wait(lambda: rcv.applied.get(s2) == [1])
        deadline = time.time() + 10
        while not outbox(db, "SELECT 1 FROM exchange_outbox WHERE stream "
                         "= ? AND sequence = 3 AND attempts >= 2", (s1,)):
            assert time.time() < deadline
            time.sleep(0.05)
        rows = outbox(db, "SELECT attempts, last_error, delivered_at FROM "
                      "exchange_outbox WHERE stream = ? AND sequence = 3",
                      (s1,))
        assert rows[0][0] >= 1 and rows[0][1] == "HTTP 500" and \
            rows[0][2] is None, rows

        # every answer a 500, then the receiver stopped altogether
        rcv.mode = "500"
        b = act(t, b, {"action": "accept"})
        n = len(rcv.raw)
        rcv.wait(lambda: len(rcv.raw) >= n + 2)
        rcv.stop()
        b = act(t, b, {"action": "complete"})
        deadline = time.time() + 10
        while not outbox(db, "SELECT 1 FROM exchange_outbox WHERE "
                         "last_error LIKE '%onnect%'"):
            assert time.time() < deadline
            time.sleep(0.05)
        # the operator's view meanwhile: the backlog, the failures with
        # their last error, the last delivery; retry makes them due now
        url = "https://127.0.0.1:%d/in" % rcv.port
        out = admin(db, "status", conf=["--exchange-url", url])
        assert "endpoint: " + url in out, out
        assert "backlog: 3 message(s) not delivered in 2 stream(s)" in out, \
            out
        assert "  %s #3: " % s1 in out and "last error: " in out, out
        assert "onnect" in out and "  %s: " % url in out, out
        rcv.mode = "ok"
        rcv.start()
        out = admin(db, "retry")
        assert "held message(s) due now" in out, out
        rcv.wait(lambda: rcv.applied.get(s1) == [1, 2, 3] and
                 rcv.applied.get(s2) == [1, 2, 3])

        # killed in the middle of a send: the receiver took the message,
        # bianmind never heard the answer; started again, it sends it
        # again, and the receiver applies it once
        rcv.mode = "hang"
        rcv.release.clear()
        c = new_app(t)
        s3 = "application/%d" % c["id"]
        rcv.wait(lambda: rcv.applied.get(s3) == [1])
        srv.proc.send_signal(signal.SIGKILL)
        srv.proc.wait()
        rcv.release.set()
        rcv.mode = "ok"
        mid = rcv.raw[-1]
        srv2 = bm.S = Bianmind(rcv, d, db)
        rcv.wait(lambda: rcv.raw.count(mid) >= 2)
        c = act(bm.login(), c, {"action": "accept"})
        rcv.wait(lambda: rcv.applied.get(s3) == [1, 2])
        rows = outbox(db, "SELECT count(*) FROM exchange_outbox WHERE "
                      "delivered_at IS NULL")
        deadline = time.time() + 5
        while rows != [(0,)]:
            assert time.time() < deadline, rows
            time.sleep(0.05)
            rows = outbox(db, "SELECT count(*) FROM exchange_outbox WHERE "
                          "delivered_at IS NULL")
        total = outbox(db, "SELECT count(*) FROM exchange_outbox")[0][0]
        assert len(rcv.seen) == total == 8, (rcv.applied, total)
        assert len(rcv.raw) > total and rcv.faults == [], rcv.faults
        # stopped by SIGTERM, the sender stops with it
        srv2.proc.send_signal(signal.SIGTERM)
        assert srv2.proc.wait(10) == 0
        with open(srv2.log) as f:
            assert "exchange: sender stopped" in f.read()
        srv2.shared = False
        srv2.stop()
    finally:
        if srv.proc.poll() is None:
            srv.stop()
        shutil.rmtree(d, ignore_errors=True)


def test_first_message_tells_the_application_as_stored():
    """A new application's first message is made from what its create
    wrote, not read back: it tells the application as the next message,
    read from the database, tells it, and its centre as the implementing
    body."""
    d = tempfile.mkdtemp(prefix="bianmin-xchg-")
    rcv = Receiver(d)
    rcv.start()
    srv = bm.S = Bianmind(rcv, d)
    try:
        uscc = "12610202MB1234567P"
        c = harness.connect(srv.db)
        c.execute("UPDATE centres SET uscc = ?", (uscc,))
        c.commit()
        c.close()
        t = bm.login()
        a = new_app(t)
        s = "application/%d" % a["id"]
        act(t, a, {"action": "accept"})
        rcv.wait(lambda: rcv.applied.get(s) == [1, 2])
        rows = outbox(srv.db, "SELECT body FROM exchange_outbox WHERE "
                      "stream = ? ORDER BY sequence", (s,))
        first, second = (json.loads(b) for b, in rows)
        app1, app2 = first["application"], second["application"]
        assert (app1["status"], app1["status_name"], app1["accepted_at"]) \
            == ("submitted", "已收件", None), app1
        assert (app2["status"], app2["accepted_at"]) == \
            ("accepted", second["event"]["at"]), app2
        for k in ("status", "status_name", "accepted_at"):
            del app1[k], app2[k]
        assert app1 == app2, (app1, app2)
        centre = outbox(srv.db, "SELECT ce.name FROM centres ce JOIN "
                        "communities c ON c.centre_id = ce.id JOIN "
                        "applications a ON a.community_id = c.id WHERE "
                        "a.id = ?", (a["id"],))[0][0]
        assert app1["implementing_body"] == {"name": centre,
                                             "uscc": uscc}, app1
        assert (app1["number"], app1["received_at"], app1["due_date"],
                app1["completed_at"]) == (a["number"], a["created_at"],
                                          a["due_date"], None), app1
        assert first["event"] == {
            "action": "create", "from_status": None,
            "to_status": "submitted", "at": a["created_at"],
            "department": None, "reason": None,
            "missing_materials": []}, first["event"]
        assert first["occurred_at"] == a["created_at"] and \
            first["rating"] is None and first["sequence"] == 1, first
        assert rcv.faults == [], rcv.faults
    finally:
        srv.stop()
        rcv.stop()
        shutil.rmtree(d, ignore_errors=True)


def test_retry_makes_held_message_due():
    """A message held by a long back-off is sent at once after bianmind
    admin exchange retry, not when the back-off would have let it."""
    d = tempfile.mkdtemp(prefix="bianmin-xchg-")
    rcv = Receiver(d)
    rcv.start()
    rcv.mode = "500"
    srv = bm.S = Bianmind(rcv, d, retry=(600000, 600000))
    try:
        a = new_app(bm.login())
        s1 = "application/%d" % a["id"]
        rcv.wait(lambda: len(rcv.raw) == 1)
        deadline = time.time() + 10
        while not outbox(srv.db, "SELECT 1 FROM exchange_outbox WHERE "
                         "attempts = 1 AND next_attempt_at IS NOT NULL"):
            assert time.time() < deadline
            time.sleep(0.05)
        held = outbox(srv.db, "SELECT next_attempt_at FROM exchange_outbox "
                      "WHERE stream = ?", (s1,))[0][0]
        rcv.mode = "ok"
        # ten minutes away; the sender looks every half second meanwhile
        # and leaves it
        assert held > time.strftime("%Y-%m-%dT%H:%M:%S",
                                    time.gmtime(time.time() + 590)), held
        time.sleep(1.1)
        assert len(rcv.raw) == 1 and rcv.applied == {}, rcv.raw
        out = admin(srv.db, "retry")
        assert "1 held message(s) due now" in out, out
        rcv.wait(lambda: rcv.applied.get(s1) == [1], timeout=5)
        rows = outbox(srv.db, "SELECT next_attempt_at, delivered_at, "
                      "attempts FROM exchange_outbox WHERE stream = ?",
                      (s1,))
        deadline = time.time() + 5
        while rows[0][1] is None:
            assert time.time() < deadline, rows
            time.sleep(0.05)
            rows = outbox(srv.db, "SELECT next_attempt_at, delivered_at, "
                          "attempts FROM exchange_outbox WHERE stream = ?",
                          (s1,))
        assert rows[0][0] is None and rows[0][1] < held and \
            rows[0][2] == 2, rows
        assert rcv.faults == [], rcv.faults
    finally:
        srv.stop()
        rcv.stop()
        shutil.rmtree(d, ignore_errors=True)


RSJ = "区人力资源和社会保障局"
RSJ_KEY = "3f" * 32


def inbound(body, mid, key=RSJ_KEY, key_id="rsj-2027", ts=None,
            headers=None, source=None):
    """A department's signed report; (response, JSON)."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    ts = str(int(time.time()) if ts is None else ts)
    sig = "v1=" + hmac.new(bytes.fromhex(key), ("%s\n%s\n" % (
        ts, mid)).encode() + raw, hashlib.sha256).hexdigest()
    h = {"Content-Type": "application/json", "X-Bianmin-Key-Id": key_id,
         "X-Bianmin-Timestamp": ts, "X-Bianmin-Message-Id": mid,
         "X-Bianmin-Signature": sig}
    h.update(headers or {})
    return bm.jreq("POST", "/api/v1/exchange/inbound", raw=raw, headers=h,
                   source=source)


def forwarded(t, department=RSJ):
    a = act(t, act(t, new_app(t), {"action": "accept"}),
            {"action": "forward", "department": department})
    return a


def test_inbound_reports():
    d = tempfile.mkdtemp(prefix="bianmin-xchg-")
    keys = os.path.join(d, "inbound.keys")
    with open(keys, "w") as f:
        f.write("# the departments' keys\nrsj-2027 %s %s\n"
                "mzj-2027 %s 区民政局\n" % (RSJ_KEY, RSJ, "4e" * 32))
    os.chmod(keys, 0o600)
    srv = bm.S = bm.OwnServer("--exchange-inbound-keys", keys,
                              "--exchange-inbound-window", "60")
    try:
        t = bm.login()
        a = forwarded(t)
        num = a["number"]

        # progress: a note in the timeline, the status unchanged
        r, j = inbound({"application_number": num, "result": "progress",
                        "note": "已受理制卡"}, "rsj-1")
        assert r.status == 200 and j["status"] == "forwarded", j
        r, tl = bm.jreq("GET", "/api/v1/applications/%d/timeline" %
                        a["id"], token=t)
        last = tl["items"][-1] if "items" in tl else tl[-1]
        assert last["action"] == "department_note" and \
            last["staff"] is None and last["department"] == RSJ and \
            last["note"] == "已受理制卡" and last["id"] == j["timeline_id"], \
            last

        ok = {"application_number": num, "result": "approved",
              "note": "社保卡已制卡，请到窗口领取"}
        # refused and nothing changes: a signature by another key, a
        # changed body, a header missing, an unknown key, a stale time
        bad = [inbound(ok, "rsj-2", key="4e" * 32),
               inbound(ok, "rsj-2", headers={
                   "X-Bianmin-Signature": "v1=" + "0" * 64}),
               inbound(ok, "rsj-2", headers={"X-Bianmin-Signature": ""}),
               inbound(ok, "rsj-2", key_id="nobody")]
        for r, j in bad:
            bm.problem(r, j, 401, "bad-signature")
        r, j = inbound(ok, "rsj-2", ts=int(time.time()) - 3600)
        bm.problem(r, j, 401, "stale-timestamp")
        # a body not sent as JSON: 415 once signed, 401 to the unsigned
        r, j = inbound(ok, "rsj-2", headers={"Content-Type": "text/plain"})
        bm.problem(r, j, 415, "unsupported-media-type")
        r, j = inbound(ok, "rsj-2", key_id="nobody",
                       headers={"Content-Type": "text/plain"})
        bm.problem(r, j, 401, "bad-signature")
        # no such application; one not forwarded, or forwarded elsewhere
        r, j = inbound(dict(ok, application_number="610202001-20000101-"
                            "9999"), "rsj-3")
        bm.problem(r, j, 404, "unknown-application")
        b = act(t, new_app(t), {"action": "accept"})
        r, j = inbound(dict(ok, application_number=b["number"]), "rsj-4")
        bm.problem(r, j, 404, "unknown-application")
        c = forwarded(t, "区民政局")
        r, j = inbound(dict(ok, application_number=c["number"]), "rsj-5")
        bm.problem(r, j, 404, "unknown-application")
        r, j = bm.jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
        assert j["status"] == "forwarded", j

        # approved: completed, as the department's entry
        r, j = inbound(ok, "rsj-6")
        assert r.status == 200 and j["status"] == "completed" and \
            j["message_id"] == "rsj-6" and j["application_number"] == num, j
        # the same message again: a replay, taken once
        r, j = inbound(ok, "rsj-6")
        bm.problem(r, j, 409, "replay")
        assert j["first_received_at"], j
        # a second result the status does not allow
        r, j = inbound(dict(ok, result="refused", reason="材料不全"),
                       "rsj-7")
        bm.problem(r, j, 409, "invalid-transition")
        # refused wants its reason; given, the application is rejected
        e = forwarded(t)
        r, j = inbound({"application_number": e["number"],
                        "result": "refused"}, "rsj-8")
        bm.problem(r, j, 400, "validation")
        r, j = inbound({"application_number": e["number"],
                        "result": "refused", "reason": "不符合条件"}, "rsj-9")
        assert j["status"] == "rejected", j

        db = bm.connect()
        rows = db.execute("SELECT action, staff_id, department FROM "
                          "timeline WHERE application_id = ? ORDER BY id",
                          (a["id"],)).fetchall()
        assert [x[0] for x in rows].count("complete") == 1 and \
            rows[-1] == ("complete", None, RSJ), rows
        audit = db.execute("SELECT action, staff_id, detail FROM audit "
                           "WHERE action LIKE 'exchange_%' ORDER BY id"
                           ).fetchall()
        db.close()
        taken = [x for x in audit if x[0] == "exchange_inbound"]
        refused = [x[2] for x in audit if x[0] == "exchange_refused"]
        assert len(taken) == 3 and all(x[1] is None for x in taken), audit
        for word in ["bad-signature", "stale-timestamp",
                     "unknown-application", "replay", "invalid-transition",
                     "validation", "unsupported-media-type"]:
            assert any(word in x for x in refused), (word, refused)
        assert len(refused) == 13, refused
        # every department's entry is in the outbox, kept: no endpoint
        n = outbox(srv.db, "SELECT count(*) FROM exchange_outbox WHERE "
                   "stream = ? AND body LIKE '%department_note%'",
                   ("application/%d" % a["id"],))
        assert n == [(1,)], n
        out = admin(srv.db, "status")
        assert "endpoint: none configured" in out and \
            "last delivery: never" in out, out
        with open(srv.log) as f:
            assert f.read().count("exchange: inbound from") == 13

        # an unsigned caller flooding the route: its address has 20
        # refusals a minute heard, logged and audited, then 429 unheard
        # (a good signature from it too); another address is heard
        g = forwarded(t)
        note = {"application_number": g["number"], "result": "progress"}
        for i in range(20):
            r, j = inbound(ok, "flood-%d" % i, key_id="nobody",
                           source="127.0.0.2")
            bm.problem(r, j, 401, "bad-signature")
        for mid, kid in [("flood-20", "nobody"), ("rsj-10", "rsj-2027")]:
            r, j = inbound(note, mid, key_id=kid, source="127.0.0.2")
            bm.problem(r, j, 429, "too-many-requests")
            assert 0 < int(r.getheader("Retry-After")) <= 60, \
                r.getheader("Retry-After")
        r, j = inbound(note, "rsj-10")
        assert r.status == 200 and j["status"] == "forwarded", j
        db = bm.connect()
        n = db.execute("SELECT count(*) FROM audit WHERE action = "
                       "'exchange_refused' AND addr = '127.0.0.2'"
                       ).fetchall()
        db.close()
        assert n == [(20,)], n
        with open(srv.log) as f:
            text = f.read()
        assert text.count("exchange: inbound from 127.0.0.2 refused:") == \
            20 and text.count("refused 20 times within 60 s") == 1, text
    finally:
        srv.stop()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    harness.run(sorted((n, f) for n, f in globals().items()
                       if n.startswith("test_")))
