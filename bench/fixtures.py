"""What the benchmarks run against: a seeded bianmind on a free loopback
port, the holding proxy, a few API calls made directly, and a register
of every process started so that all of them are stopped at the end."""
import getpass
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BIN = os.path.join(TOP, "bin")

_procs = []


def started(p):
    """Registers a subprocess.Popen so that stop_all() ends it."""
    _procs.append(p)
    return p


def stop(p, timeout=5.0):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    if p in _procs:
        _procs.remove(p)


def stop_all():
    for p in list(_procs):
        stop(p)


def wait_file(path, proc, what, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not (os.path.exists(path) and os.path.getsize(path) > 0):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("%s did not start" % what)
        time.sleep(0.02)
    with open(path) as f:
        return int(f.read())


def seed(db, residents, quiet=True):
    """Seeds a database; returns the seconds it took."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    t0 = time.monotonic()
    subprocess.run([os.path.join(BIN, "bianmind"), "--db", db, "--seed",
                    "demo", "--residents", str(residents)], check=True,
                   stdout=subprocess.DEVNULL if quiet else None,
                   timeout=600)
    return time.monotonic() - t0


class Server:
    """bianmind on a free loopback port."""

    def __init__(self, db, workdir, threads=None):
        self.port_file = os.path.join(workdir, "server.port")
        self.log = os.path.join(workdir, "server.log")
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        argv = [os.path.join(BIN, "bianmind"), "--no-config", "--user",
                getpass.getuser(), "--db", db, "--listen",
                "127.0.0.1:0", "--port-file", self.port_file,
                "--log", self.log]
        if threads:
            argv += ["--threads", str(threads)]
        self.proc = started(subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.port = wait_file(self.port_file, self.proc, "bianmind")
        self.url = "http://127.0.0.1:%d" % self.port

    def stop(self):
        stop(self.proc)


class Proxy:
    """bench/proxy.py in front of a server: forwards, or holds on hold()."""

    def __init__(self, upstream_port, workdir):
        pf = os.path.join(workdir, "proxy.port")
        if os.path.exists(pf):
            os.unlink(pf)
        self.proc = started(subprocess.Popen(
            [sys.executable, os.path.join(HERE, "proxy.py"), "--upstream",
             str(upstream_port), "--port-file", pf, "--max-seconds", "900"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.port = wait_file(pf, self.proc, "the proxy")
        self.url = "http://127.0.0.1:%d" % self.port

    def hold(self):
        self.proc.send_signal(signal.SIGUSR1)
        time.sleep(0.05)

    def stop(self):
        stop(self.proc)


def call(url, method="GET", body=None, token=None, headers=None):
    """One API call; returns (status, parsed JSON or None)."""
    h = {"Accept": "application/json"}
    if body is not None:
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw = e.read()
        status = e.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None


def login(base, username="clerk01", password="demo-clerk", counter="1"):
    st, s = call(base + "/api/v1/sessions", "POST",
                 {"username": username, "password": password,
                  "counter": counter})
    if st != 201:
        raise RuntimeError("login as %s: HTTP %d %r" % (username, st, s))
    return s
