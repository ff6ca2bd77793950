#!/usr/bin/env python3
"""End to end from an empty database, as a site starts (README, "Setting
up a real site"): bianmind admin imports the organisation, the demo's
exported catalogue and two households of residents, and adds a clerk;
the clerk logs in through the TUI with the one-time password, is made to
choose a new one, scans a resident and takes an application; admin
backup writes a copy that, restored into a new file, has the
application."""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run, seeded_db  # noqa
import bm  # noqa
from flows import fill_0501  # noqa
from test_intake import NUMBER  # noqa

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def idc(first17):
    return first17 + "10X98765432"[sum(int(c) * k for c, k in
                                       zip(first17, W)) % 11]


HEAD = idc("61020219400315061")         # 86: may apply for 0501
ORG = """kind,code,name,parent
district,610202,王益区,
district,610203,印台区,
street,610202002,红旗街道,610202
street,610203001,光明街道,610203
centre,HQ-01,红旗社区便民服务站,610202
centre,GM-01,光明社区便民服务站,610203
community,610202002001,红旗社区,HQ-01
community,610203001001,光明社区,GM-01
grid,610202002001001,红旗社区第一网格,610202002001
"""
RESIDENTS = """户号,与户主关系,姓名,公民身份号码,所属社区,居住地址,联系电话,网格
610202-000101,户主,孙老汉,%s,610202002001,红旗街1号,13912345601,610202002001001
610202-000101,配偶,钱老太,%s,610202002001,红旗街1号,,610202002001001
610202-000102,户主,周青年,%s,红旗社区,红旗街2号,13912345602,
610202-000102,子,周小娃,%s,红旗社区,红旗街2号,,
""" % (HEAD, idc("61020219420601062"), idc("61020219880808063"),
       idc("62020220150101064"))


def admin(db, *args, stdin=None):
    r = subprocess.run([os.path.join(BIN, "bianmind"), "--db", db,
                        "admin"] + list(args), input=stdin,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r.stdout


def test_a_site_from_an_empty_database():
    d = tempfile.mkdtemp(prefix="bianmin-site-")
    db = os.path.join(d, "site.db")
    demo = os.path.join(d, "demo.db")
    shutil.copy(seeded_db(), demo)
    with open(os.path.join(d, "org.csv"), "w") as f:
        f.write(ORG)
    with open(os.path.join(d, "residents.csv"), "w") as f:
        f.write(RESIDENTS)
    catalog = os.path.join(d, "catalog.json")
    admin(demo, "catalog", "export", catalog)
    assert "9 created" in admin(db, "org", "import",
                                os.path.join(d, "org.csv"))
    out = admin(db, "catalog", "import", catalog)
    assert " 0 updated" in out and "created" in out, out
    out = admin(db, "staff", "add", "sunli", "--name", "孙丽", "--role",
                "clerk", "--centre", "HQ-01")
    first = re.search(r"initial password: (\S+)", out).group(1)
    out = admin(db, "residents", "import", os.path.join(d, "residents.csv"))
    assert "4 created" in out and "2 households created" in out, out

    s = Server(db=db)
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = Tmux("%s/bianmin --api %s --counter 1 --lang en; sleep 60"
             % (BIN, s.url), 80, 24,
             env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                  "XDG_STATE_HOME": state, "TERM": "screen"})
    try:
        t.wait_for("bianmin 0.")
        t.type("sunli")
        t.keys("Enter")
        t.type(first)
        t.keys("Enter", "Enter")
        t.wait_for("Choose your own password", "administrator gave you")
        t.type(first)
        t.keys("Enter")
        t.type("mine-2026")
        t.keys("Enter")
        t.type("mine-2027")             # a slip: the two differ
        t.keys("Enter")
        t.wait_for("The two new passwords differ")
        t.type("mine-2026")
        t.keys("Enter")
        t.wait_for("ID number / name / mobile")
        t.type(HEAD)                    # the card reader's burst
        t.keys("Enter")
        t.wait_for("孙老汉", "Household", "钱老太")     # and the spouse
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0501")
        t.keys("Enter")
        fill_0501(t)
        t.keys("F9")
        screen = t.wait_for("Application taken.")
        number = NUMBER.search(screen).group(0)
        assert number.startswith("610202002-"), number
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)

    backup = os.path.join(d, "backup.db")
    assert "backup written" in admin(db, "backup", backup)
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    restored = os.path.join(d, "restored.db")
    shutil.copy(backup, restored)
    s = Server(db=restored)
    try:
        bm.S = s
        r, j = bm.jreq("POST", "/api/v1/sessions", {
            "username": "sunli", "password": "mine-2026", "counter": "1"})
        assert r.status == 201 and not j["must_change_password"], j
        r, a = bm.jreq("GET", "/api/v1/applications/by-number/" + number,
                       token=j["token"])
        assert r.status == 200 and a["resident"]["name"] == "孙老汉", a
        r, j = bm.jreq("GET", "/api/v1/audit?action=backup&action="
                       "staff_add&action=password_change",
                       token=j["token"])
        assert r.status == 403                  # a clerk reads no audit
    finally:
        s.stop()
    c = bm.harness.connect(restored)
    actions = [x[0] for x in c.execute("SELECT action FROM audit WHERE "
                                       "username LIKE 'unix:%' ORDER BY id")]
    c.close()
    assert actions == ["org_import", "catalog_import", "staff_add",
                       "residents_import"], actions
    shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
