#!/usr/bin/env python3
"""bianmind as a service (bianmind(8)): the config file and the one it
reads by default, secrets from a file, dated log lines on stderr with
journald's priorities, SIGHUP (log reopened, certificate reloaded, still
serving), SIGTERM (the request under way is answered, exit 0), and root
refused unless told whom to become."""
import os
import re
import signal
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import time

import bm
from harness import BIN, TOP, run, seeded_db

BIANMIND = os.path.join(BIN, "bianmind")


def start(args, env=None, d=None):
    """bianmind on a fresh copy of the seed; (process, port, dir)."""
    d = d or tempfile.mkdtemp(prefix="bianmin-ops-")
    db = os.path.join(d, "test.db")
    if not os.path.exists(db):
        subprocess.run(["cp", seeded_db(), db], check=True)
    port_file = os.path.join(d, "port")
    if os.path.exists(port_file):
        os.unlink(port_file)
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.Popen([BIANMIND, "--db", db, "--listen", "127.0.0.1:0",
                          "--port-file", port_file] + args, env=e,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    deadline = time.time() + 10
    while not os.path.exists(port_file):
        if p.poll() is not None or time.time() > deadline:
            raise AssertionError("did not start: %s" % p.stderr.read())
        time.sleep(0.05)
    return p, int(open(port_file).read()), d


def stop(p):
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=15)
    return p.returncode, err


def health(port, tls=None):
    import http.client
    if tls:
        c = http.client.HTTPSConnection("127.0.0.1", port, context=tls,
                                        timeout=5)
    else:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/api/v1/health")
    return c.getresponse().status


def test_config_file_and_no_config():
    d = tempfile.mkdtemp(prefix="bianmin-ops-")
    conf = os.path.join(d, "bianmind.conf")
    with open(conf, "w") as f:
        f.write("[bianmind]\n# a comment\ntime_zone = Asia/Urumqi\n"
                "user = root\nthreads = 2\n")
    # the file named by BIANMIND_CONFIG (the default one's stand-in)
    p, port, _ = start([], env={"BIANMIND_CONFIG": conf}, d=d)
    bm.S = type("S", (), {"port": port})
    r, j = bm.jreq("GET", "/api/v1/health")
    assert j["time_zone"] == "Asia/Urumqi", j
    stop(p)
    # the command line wins over the file
    p, port, _ = start(["--time-zone", "Asia/Harbin"],
                       env={"BIANMIND_CONFIG": conf}, d=d)
    bm.S.port = port
    assert bm.jreq("GET", "/api/v1/health")[1]["time_zone"] == \
        "Asia/Harbin"
    stop(p)
    # --no-config reads nothing: the default zone
    p, port, _ = start(["--no-config", "--user", "root"],
                       env={"BIANMIND_CONFIG": conf}, d=d)
    bm.S.port = port
    assert bm.jreq("GET", "/api/v1/health")[1]["time_zone"] == \
        "Asia/Shanghai"
    stop(p)
    # an unknown key is an error naming it, and nothing starts
    with open(conf, "a") as f:
        f.write("colour = blue\n")
    r = subprocess.run([BIANMIND, "--config", conf, "--db",
                        os.path.join(d, "x.db")], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == 2 and "unknown setting colour" in r.stderr, \
        r.stderr


def test_secret_file_and_warnings():
    d = tempfile.mkdtemp(prefix="bianmin-ops-")
    pw = os.path.join(d, "dbpass")
    with open(pw, "w") as f:
        f.write("s3cret\n")
    os.chmod(pw, 0o644)
    r = subprocess.run([BIANMIND, "--db",
                        "postgresql://bianmin:inline@127.0.0.1:1/none",
                        "--db-password-file", pw, "--verify-audit"],
                       capture_output=True, text=True, timeout=20)
    assert r.returncode == 1, r.stderr
    assert "%s holds a secret and is readable by others" % pw in r.stderr, \
        r.stderr
    assert "password is written in --db" in r.stderr, r.stderr
    os.chmod(pw, 0o600)
    r = subprocess.run([BIANMIND, "--db",
                        "postgresql://bianmin@127.0.0.1:1/none",
                        "--db-password-file", pw, "--verify-audit"],
                       capture_output=True, text=True, timeout=20)
    assert "readable by others" not in r.stderr and \
        "written in --db" not in r.stderr, r.stderr
    assert "s3cret" not in r.stderr


def test_log_lines_dated_and_for_journald():
    p, port, d = start([])
    bm.S = type("S", (), {"port": port})
    bm.jreq("GET", "/api/v1/residents?id_number=610202198503150021")
    code, err = stop(p)
    assert code == 0, err
    line = [x for x in err.splitlines() if "GET /api/v1/residents" in x]
    assert line and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}"
                             r"[+-]\d{4} info 127\.0\.0\.1 GET "
                             r"/api/v1/residents 401 \d+ms$", line[0]), err
    assert "610202198503150021" not in err
    # under systemd stderr is the journal's stream: priorities first
    p, port, d = start([], d=d)
    st = os.fstat(p.stderr.fileno())
    stop(p)
    r, w = os.pipe()
    st = os.fstat(w)
    env = dict(os.environ, JOURNAL_STREAM="%d:%d" % (st.st_dev, st.st_ino))
    port_file = os.path.join(d, "port")
    os.unlink(port_file)
    p = subprocess.Popen([BIANMIND, "--db", os.path.join(d, "test.db"),
                          "--listen", "127.0.0.1:0", "--port-file",
                          port_file], env=env, stderr=w)
    os.close(w)
    while not os.path.exists(port_file):
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    p.wait(10)
    text = os.read(r, 65536).decode()
    assert re.search(r"^<6>\d{4}-\d\d-\d\dT.* info bianmind .* listening",
                     text, re.M), text
    assert "<6>" in text.splitlines()[-1], text


def test_sighup_reopens_log_and_reloads_certificate():
    d = tempfile.mkdtemp(prefix="bianmin-ops-")

    def cert(cn):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                        "-nodes", "-days", "2", "-subj", "/CN=" + cn,
                        "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", os.path.join(d, "key.pem"), "-out",
                        os.path.join(d, "cert.pem")], check=True,
                       capture_output=True)
    cert("first")
    log = os.path.join(d, "server.log")
    p, port, _ = start(["--log", log, "--tls-cert",
                        os.path.join(d, "cert.pem"), "--tls-key",
                        os.path.join(d, "key.pem")], d=d)
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE

    def subject():
        with socket.create_connection(("127.0.0.1", port), 5) as s:
            with ctx.wrap_socket(s) as t:
                der = t.getpeercert(binary_form=True)
        out = subprocess.run(["openssl", "x509", "-inform", "DER",
                              "-noout", "-subject"], input=der,
                             capture_output=True).stdout.decode()
        return out
    # a connection open across the reload keeps being served
    import http.client
    keep = http.client.HTTPSConnection("127.0.0.1", port, context=ctx,
                                       timeout=5)
    keep.request("GET", "/api/v1/health")
    assert keep.getresponse().read()
    assert "first" in subject()
    os.rename(log, log + ".1")          # logrotate's move
    cert("second")
    p.send_signal(signal.SIGHUP)
    deadline = time.time() + 5
    while not os.path.exists(log) and time.time() < deadline:
        time.sleep(0.05)
    assert "second" in subject()
    keep.request("GET", "/api/v1/health")
    assert keep.getresponse().status == 200
    assert health(port, ctx) == 200 and p.poll() is None
    text = open(log).read()
    assert "TLS certificate reloaded" in text and "GET /api/v1/health" in \
        text, text
    assert "SIGHUP" not in open(log + ".1").read().split("reloading")[-1]
    code, err = stop(p)
    assert code == 0


def test_sigterm_answers_the_request_under_way():
    p, port, d = start([])
    tok_body = b'{"username":"clerk01","password":"demo-clerk",' \
               b'"counter":"1"}'
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/json\r\nConnection: close\r\n"
              b"Content-Length: %d\r\n\r\n" % len(tok_body))
    s.sendall(tok_body[:10])
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    assert p.poll() is None           # waiting for the body's end
    s.sendall(tok_body[10:])
    reply = b""
    while True:
        got = s.recv(65536)
        if not got:
            break
        reply += got
    assert reply.startswith(b"HTTP/1.1 201"), reply[:200]
    code, err = p.communicate(timeout=10)[1], None
    assert p.returncode == 0, p.returncode
    # and nothing new is taken once draining began
    try:
        socket.create_connection(("127.0.0.1", port), 1).close()
        refused = False
    except OSError:
        refused = True
    assert refused


def test_root_is_refused_unless_told_whom_to_become():
    if os.geteuid() != 0:
        from harness import SkipTest
        raise SkipTest("needs root")
    d = tempfile.mkdtemp(prefix="bianmin-ops-")
    db = os.path.join(d, "test.db")
    subprocess.run(["cp", seeded_db(), db], check=True)
    r = subprocess.run([BIANMIND, "--no-config", "--db", db, "--listen",
                        "127.0.0.1:0"], capture_output=True, text=True,
                       timeout=10)
    assert r.returncode == 1 and "refusing to serve as root" in r.stderr, \
        r.stderr
    # as nobody, after binding: the database must be nobody's to open
    os.chmod(d, 0o755)
    subprocess.run(["chown", "-R", "nobody", d], check=True)
    port_file = os.path.join(d, "port")
    p = subprocess.Popen([BIANMIND, "--no-config", "--user", "nobody",
                          "--db", db, "--listen", "127.0.0.1:0",
                          "--port-file", port_file],
                         stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 10
    while not os.path.exists(port_file):
        assert p.poll() is None and time.time() < deadline, \
            p.stderr.read()
        time.sleep(0.05)
    status = open("/proc/%d/status" % p.pid).read()
    uid = re.search(r"^Uid:\s+(\d+)\s+(\d+)\s+(\d+)", status, re.M)
    import pwd
    assert {int(x) for x in uid.groups()} == {pwd.getpwnam("nobody").
                                               pw_uid}, status
    assert health(int(open(port_file).read())) == 200
    p.send_signal(signal.SIGTERM)
    assert p.wait(10) == 0


def test_calendar_import_and_backup_refusals():
    d = tempfile.mkdtemp(prefix="bianmin-ops-")
    db = os.path.join(d, "test.db")
    subprocess.run(["cp", seeded_db(), db], check=True)
    dest = os.path.join(d, "calendar.txt")
    conf = os.path.join(d, "bianmind.conf")
    with open(conf, "w") as f:
        f.write("db = %s\ncalendar = %s\nuser = root\n" % (db, dest))
    bad = os.path.join(d, "bad.txt")
    with open(bad, "w") as f:
        f.write("2031-02-30 off\n")
    good = os.path.join(d, "good.txt")
    with open(good, "w") as f:
        f.write(open(os.path.join(TOP, "server", "data",
                                  "calendar-cn.txt")).read())

    def admin(*args, config=conf):
        return subprocess.run([BIANMIND, "--config", config, "admin"] +
                              list(args), capture_output=True, text=True,
                              timeout=30)
    r = admin("calendar", "import", bad)
    assert r.returncode == 1 and "nothing installed" in r.stderr and \
        not os.path.exists(dest), r
    r = admin("calendar", "import", good)
    assert r.returncode == 0 and "SIGHUP" in r.stdout, r
    assert open(dest).read() == open(good).read()
    assert os.stat(dest).st_mode & 0o777 == 0o644
    # a config without calendar: told which line to add
    bare = os.path.join(d, "bare.conf")
    with open(bare, "w") as f:
        f.write("db = %s\n" % db)
    r = admin("calendar", "import", good, config=bare)
    assert r.returncode == 1 and "calendar = " in r.stderr, r
    # PostgreSQL backups are pg_dump's
    r = subprocess.run([BIANMIND, "--db", "postgresql://x@127.0.0.1:1/y",
                        "admin", "backup", os.path.join(d, "b.dump")],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and "pg_dump" in r.stderr, r
    c = sqlite3.connect(db)
    rows = c.execute("SELECT object FROM audit WHERE action = "
                     "'calendar_import'").fetchall()
    assert rows == [(dest,)], rows


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
