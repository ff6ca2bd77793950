#!/usr/bin/env python3
"""bianmind admin org, catalog and residents (bianmind(8), docs/admin.md):
an import is checked whole and a conflict applies nothing; running the
same file twice changes nothing; the demo's catalogue exported and
imported gives the same catalogue; a service in use is withdrawn, not
deleted; residents come with their households, bad rows go to the
rejects file with their line."""
import json
import os
import subprocess
import tempfile

import bm
from bm import jreq
import test_server_applications as apps

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
D = tempfile.mkdtemp(prefix="bianmin-admin-")


def idc(first17):
    return first17 + "10X98765432"[sum(int(c) * k for c, k in
                                       zip(first17, W)) % 11]


def admin(*args, stdin=None):
    return subprocess.run([os.path.join(bm.BIN, "bianmind"), "--db",
                           bm.S.db, "admin"] + list(args), input=stdin,
                          capture_output=True, text=True, timeout=120)


def write(name, text, encoding="utf-8"):
    path = os.path.join(D, name)
    with open(path, "wb") as f:
        f.write(text.encode(encoding))
    return path


def count(sql, *params):
    db = bm.connect()
    n = db.execute(sql, params).fetchone()[0]
    db.close()
    return n


def test_org_import_is_whole_and_idempotent():
    good = write("org.csv", "kind,code,name,parent\n"
                 "street,610202009,新城街道,610202\n"
                 "centre,610202009-C,新城街道便民服务中心,610202\n"
                 "community,610202009001,新城社区,610202009-C\n"
                 "grid,610202009001001,新城社区第一网格,610202009001\n")
    r = admin("org", "import", good)
    assert r.returncode == 0 and "4 created" in r.stdout, r
    r = admin("org", "import", good)
    assert r.returncode == 0 and "0 created, 0 updated, 4 unchanged" in \
        r.stdout, r
    bad = write("bad.csv", "kind,code,name,parent\n"
                "community,610202009002,又一社区,610202009-C\n"
                "grid,610202009001001,搬家网格,610202002001\n"
                "street,61020201,短码,610202\n")
    r = admin("org", "import", bad)
    assert r.returncode == 1, r
    assert bad + ":3: grid 610202009001001 belongs to community " \
        "610202009001" in r.stderr and bad + ":4: street code" in \
        r.stderr, r.stderr
    assert count("SELECT count(*) FROM communities WHERE code = ?",
                 "610202009002") == 0
    out = admin("org", "export").stdout
    assert "community,610202009001,新城社区,610202009-C,\n" in out, out
    assert out.startswith("kind,code,name,parent,uscc\n"
                          "district,610202,王益区,,\n"), out
    # a centre's 统一社会信用代码, the 实施主体's in the exchange's
    # messages: checked, set, kept when the cell is empty
    usc = write("uscc.csv", "kind,code,name,parent,统一社会信用代码\n"
                "centre,610202009-C,新城街道便民服务中心,610202,"
                "12610202MB2K3L4X5T\n")
    r = admin("org", "import", usc)
    assert r.returncode == 0 and "1 updated" in r.stdout, r
    assert "centre,610202009-C,新城街道便民服务中心,610202," \
        "12610202MB2K3L4X5T\n" in admin("org", "export").stdout
    r = admin("org", "import", good)
    assert r.returncode == 0 and "4 unchanged" in r.stdout, r
    bad = write("bad-uscc.csv", "kind,code,name,parent,uscc\n"
                "centre,610202009-C,新城街道便民服务中心,610202,"
                "12610202MB2K3L4X5Q\n"
                "community,610202009001,新城社区,610202009-C,"
                "12610202MB2K3L4X5T\n")
    r = admin("org", "import", bad)
    assert r.returncode == 1 and bad + ":2: uscc 12610202MB2K3L4X5Q" in \
        r.stderr and bad + ":3: only a centre has a uscc" in r.stderr, r
    assert count("SELECT count(*) FROM centres WHERE uscc = ?",
                 "12610202MB2K3L4X5T") == 1
    # the new centre takes staff, and its clerk sees its community only
    r = admin("staff", "add", "xincheng", "--name", "新城", "--role",
              "clerk", "--centre", "610202009-C", "--password-stdin",
              stdin="long enough\n")
    assert r.returncode == 0, r.stderr


def test_catalog_round_trip_and_withdrawal():
    path = os.path.join(D, "catalog.json")
    r = admin("catalog", "export", path)
    assert r.returncode == 0, r.stderr
    cat = json.load(open(path))
    assert cat["format"] == "bianmin-catalog" and cat["version"] == 1
    elder = [s for s in cat["services"] if s["txcode"] == "0501"][0]
    assert elder["conditions"][0] == {"type": "min_age", "value": 80,
                                      "message": "申请人须年满80周岁"}, elder
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and " 0 created, 0 updated" in r.stdout, r
    # 0501 has applications: left out of the file it is withdrawn
    t = bm.login()
    r, a = apps.new_app(t)
    assert r.status == 201, a
    sid = a["service"]["id"]
    used = count("SELECT count(*) FROM applications a JOIN services s ON "
                 "s.id = a.service_id WHERE s.txcode = ?", "1207") > 0
    cat["services"] = [s for s in cat["services"] if s["txcode"] not in
                       ("0501", "1207")]
    cat["services"][0]["fee_fen"] = 500
    write("less.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "less.json"))
    assert r.returncode == 0 and "1 updated" in r.stdout and \
        "%d withdrawn, %d deleted" % (1 + used, 1 - used) in r.stdout, r
    r, s = jreq("GET", "/api/v1/services/%d" % sid, token=t)
    assert r.status == 200 and s["withdrawn"] is True, s
    r, j = jreq("GET", "/api/v1/services?q=0501", token=t)
    assert j["total"] == 0, j
    r, j = jreq("GET", "/api/v1/applications/%d" % a["id"], token=t)
    assert r.status == 200
    r, j = apps.new_app(t)
    assert r.status == 400 and j["errors"][0]["field"] == "service_id", j
    # one no application names is gone; one in use stays, withdrawn
    assert count("SELECT count(*) FROM services WHERE txcode = ?",
                 "1207") == used
    # a file of another version, or with a bad member, writes nothing
    cat["version"] = 2
    write("v2.json", json.dumps(cat))
    r = admin("catalog", "import", os.path.join(D, "v2.json"))
    assert r.returncode == 1 and "version 2" in r.stderr, r.stderr
    cat["version"] = 1
    cat["services"][1]["fee_fen"] = -5
    write("neg.json", json.dumps(cat))
    r = admin("catalog", "import", os.path.join(D, "neg.json"))
    assert r.returncode == 1 and "services[1].fee_fen" in r.stderr, r
    r, s = jreq("GET", "/api/v1/services/by-code/%s" %
                cat["services"][0]["txcode"], token=t)
    assert s["fee_fen"] == 500, s
    # the full file brings 0501 back
    r = admin("catalog", "import", path)
    assert r.returncode == 0, r
    r, s = jreq("GET", "/api/v1/services/%d" % sid, token=t)
    assert s["withdrawn"] is False, s


def test_residents_with_households():
    a, b, c = (idc("61020219700101201"), idc("61020219720202202"),
               idc("61020220000303203"))
    rows = ["户号,与户主关系,姓名,公民身份号码,所属社区,居住地址,联系电话,民族",
            "T-0001,户主,刘大山,%s,610202002001,红旗街9号,13800001111,汉族" % a,
            "T-0001,配偶,王小花,%s,红旗社区,红旗街9号,,汉族" % b,
            "T-0002,户主,刘小山,%s,610202002001,红旗街10号,,回族" % c,
            "T-0002,户主,刘二山,%s,610202002001,红旗街10号,,汉族" %
            idc("61020220010303214"),
            "T-0003,子,无户主,%s,610202002001,红旗街11号,,汉族" %
            idc("61020220010303224"),
            "T-0004,户主,坏号码,610202197001010010,610202002001,x,,汉族",
            "T-0005,户主,外星人,%s,610202002001,x,,火星族" %
            idc("61020219700101231"),
            "T-0001,子,重复,%s,610202002001,红旗街9号,,汉族" % a]
    path = write("res.csv", "\r\n".join(rows) + "\r\n", "gb18030")
    r = admin("residents", "import", path, "--dry-run")
    assert r.returncode == 3 and "3 rows would be imported, 5 refused" in \
        r.stdout, r
    assert count("SELECT count(*) FROM residents WHERE id_number = ?",
                 a) == 0
    r = admin("residents", "import", path)
    assert r.returncode == 3 and "3 created, 0 updated" in r.stdout and \
        "2 households created" in r.stdout, r
    rejects = open(path + ".rejects.csv", encoding="utf-8").read()
    for line in ('5,"户号 T-0002 already has its 户主 on line 4"',
                 '6,"户号 T-0003 is new and no row', '7,"公民身份号码:',
                 '8,"民族', '9,"公民身份号码 is the same as on line 2"'):
        assert line in rejects, (line, rejects)
    t = bm.login()
    rid = bm.find(t, a)
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=t)
    members = {m["name"]: m["relation"] for m in j["household"]["members"]}
    assert members == {"刘大山": "户主", "王小花": "配偶"}, j["household"]
    # again: nothing changes; then a moved address updates one resident
    r = admin("residents", "import", path)
    assert "0 created, 0 updated, 3 unchanged" in r.stdout, r
    path2 = write("res2.csv", rows[0] + "\n" + rows[1].replace("9号",
                                                               "19号") + "\n")
    r = admin("residents", "import", path2)
    assert r.returncode == 0 and "0 created, 1 updated" in r.stdout, r
    r, j = jreq("GET", "/api/v1/residents/%d" % rid, token=t)
    assert j["address"] == "红旗街19号" and j["version"] == 2, j


def test_catalog_deferrable_materials():
    """容缺: a material's defer_days goes out and back in unchanged, a
    changed one updates the service, a bad one is refused."""
    path = os.path.join(D, "defer.json")
    assert admin("catalog", "export", path).returncode == 0
    cat = json.load(open(path))
    card = [s for s in cat["services"] if s["txcode"] == "0105"][0]
    photo = [m for m in card["materials"] if m["name"] ==
             "近期一寸免冠照片"][0]
    assert photo["defer_days"] == 5, card
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and " 0 updated" in r.stdout, r
    photo["defer_days"] = 8
    write("defer8.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "defer8.json"))
    assert r.returncode == 0 and "1 updated" in r.stdout, r
    r, j = jreq("GET", "/api/v1/services/by-code/0105", token=bm.login())
    assert [m.get("defer_days") for m in j["materials"]] == [None, 8], j
    photo["defer_days"] = 61
    write("defer61.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "defer61.json"))
    assert r.returncode == 1 and "materials[1].defer_days" in r.stderr, \
        r.stderr


def test_catalog_promises():
    """告知承诺: a material's and a certificate type's promise and the
    site's promise_ban_days go out and back in unchanged; a changed
    setting is counted, a bad one refused."""
    path = os.path.join(D, "promise.json")
    assert admin("catalog", "export", path).returncode == 0
    cat = json.load(open(path))
    assert cat["promise_ban_days"] == 365, list(cat)
    low = [s for s in cat["services"] if s["txcode"] == "0401"][0]
    income = [m for m in low["materials"] if m["name"] ==
              "家庭成员收入证明材料"][0]
    assert income["promise"] is True, low
    types = {t["code"]: t for t in cat["certificate_types"]}
    assert types["residence"]["promise"] is True, types["residence"]
    assert types["kinship"]["promise"] is False, types["kinship"]
    r = admin("catalog", "import", path)
    assert r.returncode == 0 and " 0 updated" in r.stdout, r
    cat["promise_ban_days"] = 180
    types["hardship"]["promise"] = True
    write("promise180.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "promise180.json"))
    assert r.returncode == 0 and " 2 updated" in r.stdout, r
    assert str(count("SELECT value FROM settings WHERE name = "
                     "'promise_ban_days'")) == "180"
    r, j = jreq("GET", "/api/v1/certificate-types", token=bm.login())
    assert [t["promise"] for t in j["items"] if t["code"] ==
            "hardship"] == [True], j
    again = os.path.join(D, "promise-again.json")
    assert admin("catalog", "export", again).returncode == 0
    assert json.load(open(again))["promise_ban_days"] == 180
    for bad, where in ((0, "$.promise_ban_days"), (3651,
                       "$.promise_ban_days")):
        cat["promise_ban_days"] = bad
        write("bad-ban.json", json.dumps(cat, ensure_ascii=False))
        r = admin("catalog", "import", os.path.join(D, "bad-ban.json"))
        assert r.returncode == 1 and where in r.stderr, r.stderr
    cat["promise_ban_days"] = 365
    types["kinship"]["promise"] = True
    income["promise"] = "yes"
    write("bad-promise.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "bad-promise.json"))
    assert r.returncode == 1 and "materials[2].promise" in r.stderr and \
        "certificate_types[" in r.stderr, r.stderr
    types["kinship"]["promise"] = False
    income["promise"] = True
    types["hardship"]["promise"] = False
    write("promise365.json", json.dumps(cat, ensure_ascii=False))
    r = admin("catalog", "import", os.path.join(D, "promise365.json"))
    assert r.returncode == 0 and " 2 updated" in r.stdout, r


if __name__ == "__main__":
    bm.main(globals())
