#!/usr/bin/env python3
"""End to end in tmux: a grid member's resident list as a CSV file, in
GB18030 or UTF-8 with a BOM, previewed with every refused row and its
reason, then registered; one already registered is not doubled."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, log_in, run  # noqa
import bm  # noqa


def idc(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * k for c, k in
                                       zip(first17, w)) % 11]


A = idc("61020219880202111")
B = idc("61020219770303222")
BAD = A[:16] + ("0" if A[16] != "0" else "1") + A[17]     # check fails


def csv_file(d, encoding, bom=False):
    rows = ["姓名,公民身份号码,联系电话,居住地址,所属社区,民族",
            "赵一,%s,13912345678,红旗街1号,红旗社区,汉族" % A,
            "钱二,%s,,红旗街2号,,回族" % B,
            "孙三,%s,,红旗街3号,红旗社区,汉族" % BAD,
            "李四,%s,,红旗街4号,红旗社区,汉族" % A,
            "周五,%s,,红旗街5号,别的社区,汉族" % idc("61020219550505444"),
            "吴六,%s,,红旗街6号,红旗社区,火星族" % idc("61020219440606555"),
            "张红旗,610202198503150021,,红旗街7号,红旗社区,汉族"]
    path = os.path.join(d, "名单.csv")
    data = ("\r\n".join(rows) + "\r\n").encode(encoding)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def total(tok, id_number):
    r, j = bm.jreq("GET", "/api/v1/residents?id_number=" + id_number,
                   token=tok)
    assert r.status == 200, j
    return j["total"]


def import_file(encoding, bom, charset_word):
    s = Server()
    bm.S = s
    d = tempfile.mkdtemp(prefix="bianmin-import-")
    path = csv_file(d, encoding, bom)
    t = Tmux("%s/bianmin --api %s --counter 1 --lang en; sleep 60"
             % (BIN, s.url), 80, 24,
             env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                  "TERM": "screen", "XDG_STATE_HOME": d})
    try:
        log_in(t)
        t.keys("Escape")
        t.wait_for("Main menu")
        t.keys("i")
        t.wait_for("The CSV file to import")
        t.type(path)
        t.keys("Enter")
        screen = t.wait_for("3 rows to register, 4 refused (%s)"
                            % charset_word)
        for text in ("line 4: 公民身份号码: The check digit is wrong",
                     "line 5: 公民身份号码 is the same as on line 2",
                     "line 6: the community \"别的社区\"",
                     "line 7: 民族: not one of the 56"):
            assert text in screen, (text, screen)
        assert A not in screen and "610***********" in screen, screen
        tok = bm.login("clerk01", counter="2")
        assert total(tok, A) == 0           # nothing sent before F9
        t.keys("F9")
        t.wait_for("Registered 2; 1 were already registered")
        assert total(tok, A) == 1 and total(tok, B) == 1
        assert total(tok, "610202198503150021") == 1
        r, j = bm.jreq("GET", "/api/v1/residents?id_number=" + B,
                       token=tok)
        assert j["items"][0]["name"] == "钱二", j
        # F9 again sends nothing twice
        t.keys("F9")
        t.wait_for("Registered 2;")
        assert total(tok, A) == 1
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(d, ignore_errors=True)


def test_import_gb18030():
    import_file("gb18030", False, "GB18030")


def test_import_utf8_with_bom():
    import_file("utf-8", True, "UTF-8")


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
