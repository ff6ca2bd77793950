#!/usr/bin/env python3
"""End to end in tmux: certificates (F7). A 居住证明 for a scanned
resident, its fields filled from the record and two typed, is issued
with a serial number, a verification code and a link to rate its
issue, previewed, printed, and reprinted with the reprint recorded by
the server; the code verifies; a type no longer issued is refused with
its legal basis and a note for the resident prints; a grid member may
verify but not issue."""
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run  # noqa
import bm  # noqa

ZHANG = "610202198503150021"    # 张红旗, 红旗社区 (clerk01's)


def client(server, state):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), 80, 24,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user="clerk01", password="demo-clerk"):
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type(password)
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def prints(state, pattern):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         pattern)))


def wait_files(state, pattern, n, timeout=20):
    deadline = time.time() + timeout
    while len(prints(state, pattern)) < n:
        if time.time() > deadline:
            raise AssertionError("%d %s files, not %d: %r" % (
                len(prints(state, pattern)), pattern, n,
                os.listdir(os.path.join(state, "bianmin", "prints"))))
        time.sleep(0.1)
    return prints(state, pattern)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"],
                          capture_output=True, text=True,
                          check=True).stdout


def rows(db, sql, *args):
    c = sqlite3.connect(db)
    r = c.execute(sql, args).fetchall()
    c.close()
    return r


def certificates(db):
    return rows(db, "SELECT c.id, c.serial, c.verify_code, c.reprints, "
                "t.code, c.data FROM certificates c JOIN certificate_types "
                "t ON t.id = c.type_id WHERE c.resident_id = (SELECT id "
                "FROM residents WHERE id_number = ?) ORDER BY c.id", ZHANG)


def with_client(body):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def open_types(t):
    """F7 from the menu, the resident scanned into it."""
    t.keys("F7")
    t.wait_for("Certificates", "Scan the ID card", "居住证明")
    t.type(ZHANG)
    t.keys("Enter")
    t.wait_for("For 张红旗")


def test_issue_preview_print_reprint_verify():
    def body(s, t, state):
        log_in(t)
        before = certificates(s.db)
        open_types(t)
        screen = t.screen()
        line = [l for l in screen.splitlines() if "居住证明" in l][0]
        digit = line.split()[0]
        t.type(digit)
        t.wait_for("Living here since", "Tenure",
                   "come from the record")
        t.type("2019-06-01")
        t.keys("Tab")
        t.type("1")                              # 自有住房 (Owner)
        t.keys("F9")
        t.wait_for("Issue 居住证明 for 张红旗?")
        t.keys("Enter")
        screen = t.wait_for("Verification code", "Issued:")
        after = certificates(s.db)
        assert len(after) == len(before) + 1, (before, after)
        cid, serial, code, reprints, tcode, data = after[-1]
        assert tcode == "residence" and reprints == 0, after[-1]
        assert '"2019-06-01"' in data and '"own"' in data, data
        # the serial and the code the server gave are what the clerk sees
        assert serial in screen, (serial, screen)
        assert "%s %s" % (code[:4], code[4:]) in screen, (code, screen)
        # the preview: the body filled from the record
        assert "兹证明张红旗" in screen and "自有住房" in screen, screen

        t.type("p")
        pdf = wait_files(state, "cert-*.pdf", 1)
        t.wait_for("Printed to the file")
        text = pdf_text(pdf[0])
        assert "居住证明" in text and serial in text, text
        assert "补打" not in text, text
        # the short link to rate the issue, beside the QR's verification
        token = rows(s.db, "SELECT rate_token FROM certificates WHERE "
                     "id = ?", cid)[0][0]
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        at = [i for i, l in enumerate(lines) if "评价本次服务" in l]
        assert len(at) == 1 and lines[at[0] + 1].endswith(
            "/p/" + token), (token, text)
        assert "\f" not in text.rstrip("\f"), text     # one page

        # a second copy: asked for its reason, recorded, marked
        t.type("r")
        t.wait_for("Why print it again?")
        t.type("原件遗失，居民申请补打")
        t.keys("Enter")
        t.wait_for("reprints 1")
        pdfs = wait_files(state, "cert-*.pdf", 2)
        assert rows(s.db, "SELECT reprints FROM certificates WHERE id = ?",
                    cid) == [(1,)]
        assert rows(s.db, "SELECT reprint_no, reason FROM reprints WHERE "
                    "certificate_id = ?", cid) == [(1, "原件遗失，居民申请补打")]
        text = pdf_text([p for p in pdfs if "-r1" in p][0])
        assert "补打" in text and serial in text, text

        # verify by the printed code, typed as on paper (two groups)
        t.keys("Escape")
        t.wait_for("For 张红旗")
        t.type("v")
        t.wait_for("Verification code printed on the certificate")
        t.type("%s %s" % (code[:4], code[4:].lower()))
        t.keys("Enter")
        t.wait_for("Genuine and valid: 居住证明")
        # a code no certificate has
        t.type("v")
        t.wait_for("Verification code printed on the certificate")
        wrong = "2345" + ("6789" if code[4:] != "6789" else "9876")
        t.type(wrong)
        t.keys("Enter")
        t.wait_for("No such certificate")
    with_client(body)


def test_offline_is_said_and_nothing_is_kept():
    """The link drops before F9: not issued, said so (online only),
    nothing queued; once the server is back, F9 again issues it, once."""
    def body(s, t, state):
        log_in(t)
        before = certificates(s.db)
        open_types(t)
        line = [l for l in t.screen().splitlines() if "居住证明" in l][0]
        t.type(line.split()[0])
        t.wait_for("Living here since", "Tenure")
        t.type("2019-06-01")
        t.keys("Tab")
        t.type("1")
        s.proc.kill()
        s.proc.wait()
        t.keys("F9")
        t.wait_for("Issue 居住证明 for 张红旗?")
        t.keys("Enter")
        t.wait_for("Not issued (online only", timeout=30)
        assert "Outbox" not in t.screen().splitlines()[0], t.screen()
        assert certificates(s.db) == before
        s.proc = subprocess.Popen(
            [os.path.join(BIN, "bianmind"), "--db", s.db, "--listen",
             "127.0.0.1:%d" % s.port, "--log", s.log],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        t.keys("F9")
        t.wait_for("Issue 居住证明 for 张红旗?")
        t.keys("Enter")
        t.wait_for("Verification code", "Issued:", timeout=30)
        assert len(certificates(s.db)) == len(before) + 1

    with_client(body)


def test_reprint_of_one_issued_before():
    def body(s, t, state):
        bm.S = s
        tok = bm.login("clerk01")
        r, j = bm.post("/api/v1/certificates",
                       {"type_id": 1, "resident_id": 1,
                        "data": {"since": "2019-06-01", "tenure": "rent"}},
                       tok)
        assert r.status == 201, j
        log_in(t)
        open_types(t)
        t.type("l")
        t.wait_for("Which certificate?", j["serial"])
        t.keys("Enter")
        t.wait_for("Issued before: %s" % j["serial"], "reprints 0")
        # its original went home with the resident: P is a reprint
        t.type("p")
        t.wait_for("Why print it again?")
        t.type("单位要求再提供一份")
        t.keys("Enter")
        t.wait_for("reprints 1")
        pdfs = wait_files(state, "cert-*.pdf", 1)
        assert len(pdfs) == 1 and "-r1" in pdfs[0], pdfs
        text = pdf_text(pdfs[0])
        assert "补打" in text and j["serial"] in text, text
        assert rows(s.db, "SELECT reprint_no, reason FROM reprints WHERE "
                    "certificate_id = ?", j["id"]) == [(1, "单位要求再提供一份")]
    with_client(body)


def test_cancelled_type_refused_with_basis():
    def body(s, t, state):
        log_in(t)
        refusals = len(rows(s.db, "SELECT id FROM audit WHERE action = "
                            "'refuse'"))
        open_types(t)
        lines = t.screen().splitlines()
        first = [i for i, l in enumerate(lines) if "1  " in l and
                 l.split()[0] == "1"][0]
        alive = [i for i, l in enumerate(lines) if "健在证明" in l][0]
        t.keys(*["Down"] * (alive - first))
        t.keys("Enter")
        screen = t.wait_for("健在证明 is not issued. Basis:",
                            "Not issued: residents' committees no longer")
        basis = rows(s.db, "SELECT basis, alternative FROM "
                     "certificate_types WHERE code = 'alive'")[0]
        # the basis in full, over the lines it takes
        flat = "".join(l.strip() for l in screen.splitlines())
        assert basis[0] in flat, (basis, screen)
        assert "Instead:" in screen, screen
        # the server refused it and recorded the refusal; nothing issued
        assert len(rows(s.db, "SELECT id FROM audit WHERE action = "
                        "'refuse'")) == refusals + 1
        assert certificates(s.db) == []
        t.type("p")
        t.wait_for("Printed to the file")
        note = open(wait_files(state, "*.txt", 1)[0],
                    encoding="utf-8").read()
        flat = "".join(note.split())
        assert "健在证明" in flat and "张红旗" in flat, note
        assert "".join(basis[0].split())[:20] in flat, note
    with_client(body)


def test_grid_member_may_verify_but_not_issue():
    def body(s, t, state):
        log_in(t, "grid01", "demo-grid")
        t.keys("F7")
        t.wait_for("may verify certificates (V) but not issue them")
        t.type("1")
        t.wait_for("Your role may not issue certificates")
        assert "居住证明" not in t.screen()
        # and the server holds the same line, whatever a client does
        bm.S = s
        tok = bm.login("grid01", counter=None)
        r, j = bm.post("/api/v1/certificates",
                       {"type_id": 1, "resident_id": 1, "data": {}}, tok)
        bm.problem(r, j, 403, "forbidden")
        assert rows(s.db, "SELECT count(*) FROM certificates WHERE "
                    "issued_by = (SELECT id FROM staff WHERE username = "
                    "'grid01')") == [(0,)]
    with_client(body)


if __name__ == "__main__":
    run([("a certificate issued, previewed, printed, reprinted with the "
          "reprint recorded, and verified by its code",
          test_issue_preview_print_reprint_verify),
         ("a certificate issued before, opened from the resident's list, "
          "prints only as a recorded reprint",
          test_reprint_of_one_issued_before),
         ("a type no longer issued is refused with its legal basis and a "
          "note prints", test_cancelled_type_refused_with_basis),
         ("a grid member may verify but not issue certificates",
          test_grid_member_may_verify_but_not_issue)])
