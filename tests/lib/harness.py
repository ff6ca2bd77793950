"""Test helpers: a seeded bianmind on loopback, a tmux-driven client, and
a tiny runner that prints one "ok"/"not ok" line per test."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

# The service's time zone: bianmind's default, and what every test that
# speaks of "today" or of a timestamp's date must count in, whatever the
# machine's TZ and whatever the hour.
SERVICE_ZONE = "Asia/Shanghai"


# Request ids, idempotency keys and page tokens are 32 hex digits or a
# UUID: eleven or eighteen digits in a row inside one are not a number
# of anyone's.
_IDS = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])|[0-9a-f]{8}-"
                  r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def full_numbers(text, anywhere=False):
    """The unmasked ID numbers and mobile numbers in text; anywhere: an
    ID number's eighteen characters inside a longer run of digits too."""
    text = _IDS.sub(" ", text)
    ids = r"\d{17}[\dXx]"
    if not anywhere:
        ids = r"(?<![\d])" + ids + r"(?![\d])"
    return (re.findall(ids, text) +
            re.findall(r"(?<!\d)1[3-9]\d{9}(?!\d)", text))


def service_date(ts=None):
    """The service-zone date (YYYY-MM-DD) of an RFC 3339 UTC timestamp as
    the server writes them, or of now."""
    import datetime
    import zoneinfo
    if ts is None:
        t = datetime.datetime.now(datetime.timezone.utc)
    else:
        t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
    return t.astimezone(zoneinfo.ZoneInfo(SERVICE_ZONE)).strftime("%Y-%m-%d")


def service_hour(ts):
    """The service-zone hour of an RFC 3339 UTC timestamp."""
    import datetime
    import zoneinfo
    t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    return t.astimezone(zoneinfo.ZoneInfo(SERVICE_ZONE)).hour


def within_one_day(fn, *args, **kw):
    """Runs fn; when it fails and the service's date changed while it ran
    (a run across the Beijing midnight), runs it once more, wholly within
    the new day: what a test compares "today" with must be one day's. A
    failure within one day is reported as it is."""
    for attempt in (1, 2):
        before = service_date()
        try:
            return fn(*args, **kw)
        except Exception:
            if attempt == 2 or service_date() == before:
                raise
            print("# the day changed during the test: once more")


TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(TOP, "bin")
CACHE = os.path.join(TOP, "build", "test-state")

# Every bianmind a test starts reads the tests' own config file, never
# the machine's /etc/bianmin/bianmind.conf (tests/run.sh sets the same).
os.environ.setdefault("BIANMIND_CONFIG",
                      os.path.join(TOP, "tests", "lib", "bianmind-test.conf"))


def seed(argv):
    """Runs a seeding bianmind; its log is shown only when it fails, so
    that a test's output is the test's."""
    r = subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise subprocess.CalledProcessError(r.returncode, argv)


def seeded_db():
    """A seeded demo database, made once per build and copied per test."""
    os.makedirs(CACHE, exist_ok=True)
    db = os.path.join(CACHE, "seed.db")
    stamp = os.path.getmtime(os.path.join(BIN, "bianmind"))
    if not os.path.exists(db) or os.path.getmtime(db) < stamp:
        for suffix in ("", "-wal", "-shm", ".tmp"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        seed([os.path.join(BIN, "bianmind"), "--db", db + ".tmp",
              "--seed", "demo", "--residents", "2000"])
        os.rename(db + ".tmp", db)
    return db


# BIANMIN_TEST_PG names a PostgreSQL cluster (a libpq URL of its
# "postgres" database, as tests/lib/pgcluster.sh prints it): the server
# tests then run on a database of their own in it instead of a SQLite
# file.
PG = os.environ.get("BIANMIN_TEST_PG")


def pg_url(name):
    """The URL of database name in the cluster of BIANMIN_TEST_PG."""
    return PG.replace("/postgres?", "/%s?" % name, 1)


def psql(sql, dbname="postgres"):
    """Runs sql in the test cluster; returns psql's unaligned rows."""
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f",
                        "-v", "ON_ERROR_STOP=1", "-d", pg_url(dbname),
                        "-c", sql], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("psql: %s: %s" % (sql, r.stderr))
    return r.stdout


def pg_seeded():
    """The seeded template database, made once per build of bianmind."""
    name = "seed_%d" % int(os.path.getmtime(os.path.join(BIN, "bianmind")))
    if psql("SELECT 1 FROM pg_database WHERE datname = '%s'" % name).strip():
        return name
    psql("DROP DATABASE IF EXISTS %s_tmp" % name)
    psql("CREATE DATABASE %s_tmp" % name)
    seed([os.path.join(BIN, "bianmind"), "--db", pg_url(name + "_tmp"),
          "--seed", "demo", "--residents", "2000"])
    psql("ALTER DATABASE %s_tmp RENAME TO %s" % (name, name))
    return name


_databases = 0


def new_database(directory):
    """A fresh copy of the seeded demo for one server: a SQLite file in
    directory, or a database in the PostgreSQL test cluster. Returns
    what --db takes."""
    global _databases
    if PG is None:
        db = os.path.join(directory, "test.db")
        shutil.copy(seeded_db(), db)
        return db
    _databases += 1
    name = "t%d_%d" % (os.getpid(), _databases)
    psql("CREATE DATABASE %s TEMPLATE %s" % (name, pg_seeded()))
    return pg_url(name)


def drop_database(db):
    if PG is not None and db.startswith("postgresql://"):
        name = db.split("?")[0].rsplit("/", 1)[1]
        psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


class PgConnection:
    """The little of sqlite3's connection the tests use, over psql:
    statements run one by one and commit at once."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql, params=()):
        parts = sql.split("?")
        if len(parts) - 1 != len(params):
            raise ValueError("%d parameters for %r" % (len(params), sql))
        return self._run(parts[0] + "".join(
            _literal(p) + rest for p, rest in zip(params, parts[1:])))

    def _run(self, text):
        r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f",
                            "-P", "null=\x1e", "-v", "ON_ERROR_STOP=1",
                            "-d", self.db, "-c", text],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("psql: %s: %s" % (text, r.stderr))
        rows = [tuple(_value(v) for v in line.split("\x1f"))
                for line in r.stdout.split("\n") if line != ""]
        return PgCursor(rows)

    def executescript(self, sql):
        self._run(sql)

    def commit(self):
        pass

    def close(self):
        pass


def _value(v):
    if v == "\x1e":
        return None
    # counts and ids come back as numbers, as from sqlite3; longer digit
    # strings (phone numbers) stay text
    if v.isdigit() and len(v) <= 10 and (v == "0" or v[0] != "0"):
        return int(v)
    return v


class PgCursor:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows

    def __iter__(self):
        return iter(self.rows)


def connect(db):
    """A connection to a server's database, SQLite or PostgreSQL."""
    if db.startswith("postgresql://"):
        return PgConnection(db)
    import sqlite3
    return sqlite3.connect(db)


class Server:
    """bianmind on a free loopback port with its own copy of the seed."""

    def __init__(self, binary=None, db=None, args=()):
        """db: a database another Server made, to share (PostgreSQL);
        by default a fresh one of its own. args: more of bianmind's."""
        self.dir = tempfile.mkdtemp(prefix="bianmin-test-")
        self.shared = db is not None
        self.db = db or new_database(self.dir)
        port_file = os.path.join(self.dir, "port")
        self.log = os.path.join(self.dir, "server.log")
        self.proc = subprocess.Popen(
            [binary or os.path.join(BIN, "bianmind"), "--db", self.db,
             "--listen", "127.0.0.1:0", "--port-file", port_file,
             "--log", self.log] + list(args),
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
        if not self.shared:
            drop_database(self.db)
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


def dated(fn):
    """Marks a test whose outcome depends on the service's date. The runs
    at the Beijing midnight (tests/run.sh, BIANMIN_DATED_ONLY=1) take only
    the marked tests of a file that marks any, and every test of a file
    that marks none."""
    fn.dated = True
    return fn


def run(tests):
    """Runs (name, function) pairs; prints ok / not ok; exits with the
    number of failures."""
    failed = 0
    if os.environ.get("BIANMIN_DATED_ONLY") and any(
            getattr(fn, "dated", False) for _, fn in tests):
        tests = [(n, fn) for n, fn in tests if getattr(fn, "dated", False)]
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
