#!/usr/bin/env python3
"""The reference city deployment of docs/deploy.md on loopback: nginx
terminating TLS (a certificate made here) in front of two bianmind on
one PostgreSQL database, with etc/nginx-bianmin.conf as the site's
configuration. The counter terminal connects through nginx with
--ca-file and takes applications; one bianmind dies in the middle of a
submission (after its commit, before its answer) and the counter goes
on: the outbox sends it again, the other bianmind answers it, and every
application is there once. The audit shows the counter's address, not
the proxy's (--trusted-proxies, from the security work)."""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
import harness  # noqa
from harness import BIN, PG, TOP, SkipTest, Tmux, run  # noqa
from flows import fill_0501, log_in  # noqa
from test_intake import NUMBER  # noqa

D = {}                  # the deployment, made once for every test


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def trusted_proxies_known():
    out = subprocess.run([os.path.join(BIN, "bianmind"), "--help"],
                         capture_output=True, text=True).stdout
    return "--trusted-proxies" in out


def start_bianmind(d, name, db, env=None):
    port_file = os.path.join(d, name + ".port")
    args = [os.path.join(BIN, "bianmind"), "--db", db, "--listen",
            "127.0.0.1:0", "--port-file", port_file, "--log",
            os.path.join(d, name + ".log")]
    if trusted_proxies_known():
        # nginx talks to bianmind from 127.0.0.2 here (proxy_bind), so
        # that its address and the counter's differ on loopback
        args += ["--trusted-proxies", "127.0.0.2"]
    p = subprocess.Popen(args, env=dict(os.environ, **(env or {})),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 15
    while not os.path.exists(port_file):
        assert p.poll() is None and time.time() < deadline, name
        time.sleep(0.05)
    return p, int(open(port_file).read())


def nginx_conf(d, port, a, b):
    site = open(os.path.join(TOP, "etc", "nginx-bianmin.conf")).read()
    site = site.replace("127.0.0.1:8081", "127.0.0.1:%d" % a)
    site = site.replace("127.0.0.1:8082", "127.0.0.1:%d" % b)
    site = site.replace("listen 443 ssl;", "listen 127.0.0.1:%d ssl;" % port)
    site = site.replace("/etc/bianmin/tls/", d + "/")
    site = site.replace("location / {", "location / {\n\t\tproxy_bind "
                        "127.0.0.2;", 1)
    temp = "\n".join("\t%s_temp_path %s/%s;" % (k, d, k) for k in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = ("daemon off;\nmaster_process off;\npid %s/nginx.pid;\n"
            "error_log %s/nginx-error.log;\nevents {}\nhttp {\n"
            "\taccess_log off;\n%s\n%s\n}\n" % (d, d, temp, site))
    path = os.path.join(d, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    return path


def setup():
    if PG is None:
        raise SkipTest("needs BIANMIN_TEST_PG (tests/run.sh sets it)")
    if shutil.which("nginx") is None and not os.path.exists(
            "/usr/sbin/nginx"):
        raise SkipTest("nginx not installed (make deps)")
    d = tempfile.mkdtemp(prefix="bianmin-deploy-")
    D["dir"] = d
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", os.path.join(d, "key.pem"), "-out",
                    os.path.join(d, "cert.pem")], check=True,
                   capture_output=True)
    D["db"] = harness.new_database(d)
    # the seed's 光明社区 has fewer residents of 80 or more than the
    # counter takes 0501s here; the failover, not the one-open rule, is
    # what this test is about
    db = harness.connect(D["db"])
    db.execute("UPDATE services SET one_open = 0 WHERE txcode = '0501'")
    db.commit()
    # A dies in the middle of its first application: after the commit,
    # before the answer (BIANMIND_FAULT, bianmind(8) FAULTS)
    D["a"], a = start_bianmind(d, "a", D["db"],
                               {"BIANMIND_FAULT": "after-commit"})
    D["b"], b = start_bianmind(d, "b", D["db"])
    port = free_port()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    D["nginx"] = subprocess.Popen([nginx, "-c", nginx_conf(d, port, a, b),
                                   "-p", d, "-e", os.path.join(
                                       d, "nginx-error.log")],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            assert D["nginx"].poll() is None and time.time() < deadline, \
                D["nginx"].stderr.read()
            time.sleep(0.1)
    D["url"] = "https://localhost:%d" % port
    D["state"] = os.path.join(d, "state")
    os.mkdir(D["state"])


def teardown():
    for k in ("a", "b", "nginx"):
        if k in D and D[k].poll() is None:
            D[k].send_signal(signal.SIGTERM)
            try:
                D[k].wait(10)
            except subprocess.TimeoutExpired:
                D[k].kill()
    if "db" in D:
        harness.drop_database(D["db"])
    if "dir" in D:
        shutil.rmtree(D["dir"], ignore_errors=True)


def elderly(n):
    """n residents of 光明社区 (clerk02's) aged 80 or more."""
    rows = harness.connect(D["db"]).execute(
        "SELECT id_number, name FROM residents WHERE community_id = 2 AND "
        "birth_date <= ? ORDER BY id LIMIT ?",
        ("%d-01-01" % (int(harness.service_date()[:4]) - 81), n))
    return list(rows)


def last_request(name):
    """The time of the last request bianmind name answered, as logged."""
    lines = [l for l in open(os.path.join(D["dir"], name + ".log"))
             if " /api/v1/" in l]
    return lines[-1].split()[0] if lines else ""


def aim_next_at_a():
    """nginx takes turns between A and B: when A answered the last
    request, one more (a health check) goes to B, so that the counter's
    next request, its submission, goes to A."""
    import ssl
    import http.client
    if last_request("a") > last_request("b"):
        ctx = ssl.create_default_context(cafile=os.path.join(D["dir"],
                                                             "cert.pem"))
        c = http.client.HTTPSConnection("localhost", int(
            D["url"].rsplit(":", 1)[1]), context=ctx, timeout=10)
        c.request("GET", "/api/v1/health")
        c.getresponse().read()
        c.close()


def applications(id_numbers):
    marks = ",".join("?" * len(id_numbers))
    return list(harness.connect(D["db"]).execute(
        "SELECT number, client_request_id FROM applications WHERE "
        "resident_id IN (SELECT id FROM residents WHERE id_number IN (%s))"
        % marks, tuple(id_numbers)))


def test_the_counter_goes_on_when_a_bianmind_dies():
    setup()
    t = Tmux("%s/bianmin --api %s --ca-file %s/cert.pem --counter 1 "
             "--lang en; sleep 60" % (BIN, D["url"], D["dir"]), 80, 24,
             env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                  "XDG_STATE_HOME": D["state"], "TERM": "screen"})
    found = elderly(4)
    assert found, "no resident of 80 or more in 光明社区"
    people = [found[i % len(found)] for i in range(4)]
    numbers = []
    try:
        log_in(t)
        for i, (idn, name) in enumerate(people):
            if i == 2 and D["a"].poll() is None:
                # nginx never gave A an application: it dies anyway
                D["a"].kill()
            t.type(idn)
            t.keys("Enter")
            t.wait_for(name, "Household")
            t.keys("F3")
            t.wait_for("Transaction code")
            t.type("0501")
            t.keys("Enter")
            fill_0501(t)
            if D["a"].poll() is None:
                aim_next_at_a()
            t.keys("F9")
            screen = t.wait_for("Application taken.", timeout=90)
            numbers.append(NUMBER.search(screen).group(0))
            t.keys("Enter")
            t.wait_gone("Application taken.")
            t.keys("Escape")
            t.wait_for("ID number / name / mobile")
        code = D["a"].wait(5)
        assert code in (70, -9), code
        print("# bianmind A %s" % ("died after a commit, before its answer"
                                   if code == 70 else "was killed"))
        rows = applications(list({p[0] for p in people}))
        assert sorted(r[0] for r in rows) == sorted(numbers), (rows, numbers)
        assert len({r[1] for r in rows}) == len(people) == \
            len(set(numbers)), rows
        assert "Outbox" not in t.screen().splitlines()[0]
    finally:
        t.kill()


def test_audit_shows_the_counters_address():
    if "db" not in D:
        raise SkipTest("no deployment")
    if not trusted_proxies_known():
        raise SkipTest("bianmind has no --trusted-proxies yet (the "
                       "security work adds it)")
    rows = list(harness.connect(D["db"]).execute(
        "SELECT addr FROM audit WHERE action = 'login_ok' AND username = "
        "'clerk02'"))
    assert rows and all(r[0] == "127.0.0.1" for r in rows), rows


if __name__ == "__main__":
    try:
        # in this order: the audit is read after the counter worked
        run([("test_the_counter_goes_on_when_a_bianmind_dies",
              test_the_counter_goes_on_when_a_bianmind_dies),
             ("test_audit_shows_the_counters_address",
              test_audit_shows_the_counters_address)])
    finally:
        teardown()
