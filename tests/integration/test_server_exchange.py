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
        with self.cv:
            self.raw.append(mid)
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

    def __init__(self, rcv, directory, db=None):
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
             "--exchange-ca-file", rcv.cert, "--exchange-retry-min", "50",
             "--exchange-retry-max", "200"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(port_file):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("bianmind did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.url = "http://127.0.0.1:%d" % self.port


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
        rcv.mode = "ok"
        rcv.start()
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


if __name__ == "__main__":
    harness.run(sorted((n, f) for n, f in globals().items()
                       if n.startswith("test_")))
