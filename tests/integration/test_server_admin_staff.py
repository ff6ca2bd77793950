#!/usr/bin/env python3
"""bianmind admin staff (bianmind(8)): an account made from the command
line logs in with a one-time password that must be changed before
anything else answers; disabling ends its sessions; every action is
audited under the Unix account that ran it; bad input writes nothing."""
import getpass
import os
import re
import subprocess

import bm
from bm import jreq, problem, field_codes


def admin(*args, stdin=None):
    return subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                           bm.S.db, "admin"] + list(args), input=stdin,
                          capture_output=True, text=True, timeout=60)


def first_password(out):
    m = re.search(r"^initial password: (\S+)$", out, re.M)
    assert m, out
    return m.group(1)


def session(user, password, counter="1"):
    return jreq("POST", "/api/v1/sessions", {"username": user, "password":
                                             password, "counter": counter})


def staff_count(username):
    db = bm.connect()
    n = db.execute("SELECT count(*) FROM staff WHERE username = ?",
                   (username,)).fetchone()[0]
    db.close()
    return n


def test_a_first_password_must_be_changed():
    r = admin("staff", "add", "wangfang", "--name", "王芳", "--role",
              "clerk", "--centre", "610202002001")
    assert r.returncode == 0, r.stderr
    pw = first_password(r.stdout)
    r, j = session("wangfang", pw)
    assert r.status == 201 and j["must_change_password"] is True, j
    tok = j["token"]
    r, j = jreq("GET", "/api/v1/residents?q=张", token=tok)
    problem(r, j, 403, "password-change-required")
    r, j = jreq("GET", "/api/v1/sessions/current", token=tok)
    assert r.status == 200 and j["must_change_password"] is True
    r, j = jreq("POST", "/api/v1/sessions/current/password",
                {"current_password": pw, "new_password": "wangfang"},
                token=tok)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "new_password": "mismatch"}
    r, j = jreq("POST", "/api/v1/sessions/current/password",
                {"current_password": "wrong-one", "new_password":
                 "long enough 1"}, token=tok)
    assert field_codes(problem(r, j, 400, "validation")) == {
        "current_password": "mismatch"}
    r, j = jreq("POST", "/api/v1/sessions/current/password",
                {"current_password": pw, "new_password": "long enough 1"},
                token=tok)
    assert r.status == 204, j
    r, j = jreq("GET", "/api/v1/residents?q=张", token=tok)
    assert r.status == 200, j
    assert session("wangfang", pw)[0].status == 401
    r, j = session("wangfang", "long enough 1")
    assert r.status == 201 and j["must_change_password"] is False, j


def test_bad_input_writes_nothing():
    for args, code in ((["--role", "boss", "--centre", "610202002001"], 1),
                       (["--role", "clerk", "--centre", "999"], 1),
                       (["--role", "clerk"], 1),
                       (["--centre", "610202002001"], 2)):
        r = admin("staff", "add", "nobody1", "--name", "某人", *args)
        assert r.returncode == code, (args, r.returncode, r.stderr)
        assert r.stderr.startswith("bianmind:") or code == 2, r.stderr
    assert staff_count("nobody1") == 0
    r = admin("staff", "add", "clerk01", "--name", "重名", "--role", "clerk",
              "--centre", "610202002001")
    assert r.returncode == 1 and "already exists" in r.stderr, r.stderr
    r = admin("staff", "add", "bad name", "--name", "x", "--role", "clerk",
              "--centre", "610202002001")
    assert r.returncode == 1, r.stderr
    r = admin("staff", "add", "weak", "--name", "x", "--role", "clerk",
              "--centre", "610202002001", "--password-stdin", stdin="short\n")
    assert r.returncode == 1 and staff_count("weak") == 0, r.stderr


def test_staff_and_kiosks_do_not_share_a_name():
    """Their logins share the throttle's counts by name (docs/api.md 25):
    one name, one account."""
    r = admin("staff", "add", "kiosk01", "--name", "重名", "--role", "clerk",
              "--centre", "610202002001")
    assert r.returncode == 1 and "kiosk" in r.stderr, r.stderr
    assert staff_count("kiosk01") == 0
    r = admin("staff", "add", "kiosk01", "--name", "重名", "--role",
              "department", "--department", "mz")
    assert r.returncode == 1 and "kiosk" in r.stderr, r.stderr
    assert staff_count("kiosk01") == 0
    r = admin("kiosk", "add", "clerk01", "--name", "重名终端", "--centre",
              "610202002001")
    assert r.returncode == 1 and "staff" in r.stderr, r.stderr
    r = admin("kiosk", "add", "kiosk01", "--name", "重名终端", "--centre",
              "610202002001")
    assert r.returncode == 1 and "kiosk" in r.stderr, r.stderr
    r = admin("kiosk", "add", "kiosk09", "--name", "九号终端", "--centre",
              "610202002001")
    assert r.returncode == 0 and "password: " in r.stdout, r.stderr
    r = admin("staff", "add", "kiosk09", "--name", "重名", "--role", "clerk",
              "--centre", "610202002001")
    assert r.returncode == 1 and staff_count("kiosk09") == 0, r.stderr


def test_disable_enable_reset():
    r = admin("staff", "add", "lisi", "--name", "李四", "--role",
              "supervisor", "--centre", "610202002001", "--password-stdin",
              stdin="chosen by admin\n")
    assert r.returncode == 0 and "initial password" not in r.stdout, r
    r, j = session("lisi", "chosen by admin", counter=None)
    assert r.status == 201 and not j["must_change_password"], j
    tok = j["token"]
    assert admin("staff", "disable", "lisi").returncode == 0
    r, j = jreq("GET", "/api/v1/sessions/current", token=tok)
    problem(r, j, 401, "unauthorized")
    assert session("lisi", "chosen by admin", counter=None)[0].status == 401
    out = admin("staff", "list").stdout
    assert re.search(r"^lisi\s+supervisor\s+610202002001\s+disabled\s+李四",
                     out, re.M), out
    assert admin("staff", "enable", "lisi").returncode == 0
    tok = session("lisi", "chosen by admin", counter=None)[1]["token"]
    r = admin("staff", "reset-password", "lisi")
    assert r.returncode == 0, r.stderr
    pw = first_password(r.stdout)
    assert jreq("GET", "/api/v1/sessions/current", token=tok)[0].status == \
        401
    r, j = session("lisi", pw, counter=None)
    assert j["must_change_password"] is True, j
    assert admin("staff", "disable", "nosuch").returncode == 1


def test_actions_are_audited_with_the_unix_user():
    admin("staff", "add", "zhaoliu", "--name", "赵六", "--role", "grid",
          "--centre", "610202002001")
    admin("staff", "disable", "zhaoliu")
    who = "unix:" + (os.environ.get("SUDO_USER") if os.geteuid() == 0 and
                     os.environ.get("SUDO_USER") else getpass.getuser())
    tok = bm.login("admin", counter=None)
    r, j = jreq("GET", "/api/v1/audit?action=staff_add&action=staff_disable"
                "&per_page=100", token=tok)
    rows = [x for x in j["items"] if x["object"] == "zhaoliu"]
    assert [x["action"] for x in rows] == ["staff_disable", "staff_add"], j
    assert all(x["staff"] is None and x["operator"] == who and
               x["addr"] == "local" for x in rows), rows
    verify = subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                             bm.S.db, "--verify-audit"], capture_output=True,
                            text=True)
    assert verify.returncode == 0, verify.stderr


if __name__ == "__main__":
    bm.main(globals())
