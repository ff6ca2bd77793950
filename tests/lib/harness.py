"""Test helpers: a seeded bianmind on loopback, a tmux-driven client, and
a tiny runner that prints one "ok"/"not ok" line per test."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(TOP, "bin")
CACHE = os.path.join(TOP, "build", "test-state")


def seeded_db():
    """A seeded demo database, made once per build and copied per test."""
    os.makedirs(CACHE, exist_ok=True)
    db = os.path.join(CACHE, "seed.db")
    stamp = os.path.getmtime(os.path.join(BIN, "bianmind"))
    if not os.path.exists(db) or os.path.getmtime(db) < stamp:
        for suffix in ("", "-wal", "-shm", ".tmp"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        subprocess.run([os.path.join(BIN, "bianmind"), "--db", db + ".tmp",
                        "--seed", "demo", "--residents", "2000"],
                       check=True, stdout=subprocess.DEVNULL)
        os.rename(db + ".tmp", db)
    return db


class Server:
    """bianmind on a free loopback port with its own copy of the seed."""

    def __init__(self, binary=None):
        self.dir = tempfile.mkdtemp(prefix="bianmin-test-")
        self.db = os.path.join(self.dir, "test.db")
        shutil.copy(seeded_db(), self.db)
        port_file = os.path.join(self.dir, "port")
        self.log = os.path.join(self.dir, "server.log")
        self.proc = subprocess.Popen(
            [binary or os.path.join(BIN, "bianmind"), "--db", self.db,
             "--listen", "127.0.0.1:0", "--port-file", port_file,
             "--log", self.log],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(port_file):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("bianmind did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.url = "http://127.0.0.1:%d" % self.port

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Tmux:
    """One detached tmux server running one command in an 80x24 pane."""

    def __init__(self, command, cols=80, rows=24, env=None):
        self.sock = "bianmin-test-%d-%d" % (os.getpid(), id(self))
        e = dict(os.environ)
        e.update(env or {})
        self.env = e
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t",
                  "-x", str(cols), "-y", str(rows), command)
        self.tmux("set-option", "-t", "t", "remain-on-exit", "on")

    def tmux(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.sock] + list(args),
                           env=self.env, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError("tmux %s: %s" % (args[0], r.stderr))
        return r.stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "t", *keys)

    def type(self, text):
        self.tmux("send-keys", "-t", "t", "-l", text)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t")

    def display(self, fmt):
        return self.tmux("display-message", "-p", "-t", "t", fmt).strip()

    def resize(self, cols, rows):
        self.tmux("resize-window", "-t", "t", "-x", str(cols), "-y",
                  str(rows))

    def wait_for(self, *texts, timeout=10):
        """Waits until every text is on the screen; returns the screen."""
        deadline = time.time() + timeout
        while True:
            s = self.screen()
            if all(t in s for t in texts):
                return s
            if time.time() > deadline:
                raise AssertionError("waited %ss for %r; screen:\n%s"
                                     % (timeout, texts, s))
            time.sleep(0.05)

    def wait_gone(self, text, timeout=10):
        deadline = time.time() + timeout
        while text in self.screen():
            if time.time() > deadline:
                raise AssertionError("%r stayed on screen:\n%s"
                                     % (text, self.screen()))
            time.sleep(0.05)
        return self.screen()

    def kill(self):
        self.tmux("kill-server", check=False)


PASSWORDS = {"clerk": "demo-clerk", "grid": "demo-grid",
             "super": "demo-super", "admin": "demo-admin"}


def log_in(t, user="clerk01", ready="Counter 1"):
    """Types the demo user's name and password (and the counter the
    client offers) at the login screen; waits for ready."""
    t.wait_for(" 0.")                      # the version on the login screen
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user.rstrip("0123456789")])
    t.keys("Enter", "Enter")
    t.wait_for(ready)


def locale_available(name):
    want = name.lower().replace("-", "")
    out = subprocess.run(["locale", "-a"], capture_output=True,
                         text=True).stdout
    return any(l.lower().replace("-", "") == want for l in out.split())


def run(tests):
    """Runs (name, function) pairs; prints ok / not ok; exits with the
    number of failures."""
    failed = 0
    for name, fn in tests:
        try:
            fn()
            print("ok - %s" % name, flush=True)
        except SkipTest as e:
            print("ok - %s # skip %s" % (name, e), flush=True)
        except Exception:
            failed += 1
            print("not ok - %s" % name, flush=True)
            for line in traceback.format_exc().splitlines():
                print("#   " + line, flush=True)
    sys.exit(min(failed, 100))


class SkipTest(Exception):
    pass
