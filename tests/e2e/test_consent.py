#!/usr/bin/env python3
"""End to end in tmux: on 张红旗's profile, C prints the 核对授权书 of
the 低保 家庭经济状况核对 with a line for each adult of the household
and records the consent only once they have all signed; W withdraws it
and the department is refused again; after a department's reads over
the API, R shows his 查询记录 with them (a refusal for want of consent
too) and prints it; the 查询记录 at 50x20."""
import datetime
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, run, service_date  # noqa
import bm  # noqa

ZHANG = "610202198503150021"    # 张红旗, head of a household with 刘强
LIU = "610202198307240038"      # 刘强, her husband
bm.PASSWORDS.update({"dept-mz": "demo-dept"})


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def profile(t):
    """Logged in as clerk01, 张红旗's profile open."""
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.type(ZHANG)
    t.keys("Enter")
    t.wait_for("张红旗", "Household", "刘强")


def prints(state, pattern):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         pattern)))


def wait_files(state, pattern, n, timeout=15):
    deadline = time.time() + timeout
    while len(prints(state, pattern)) < n:
        assert time.time() < deadline, os.listdir(
            os.path.join(state, "bianmin", "prints"))
        time.sleep(0.1)
    return prints(state, pattern)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"],
                          capture_output=True, text=True,
                          check=True).stdout


def with_client(body, cols=80, rows=24):
    s = Server()
    bm.S = s
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, cols, rows)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def dept_reads():
    """民政 reads 张红旗 for 高龄津贴 (no consent needed) and for 低保
    (refused: 刘强 has not consented)."""
    tok = bm.login("dept-mz", counter=None)
    r, j = bm.jreq("GET", "/api/v1/dept/residents?purpose=mz-gaoling&"
                   "id_number=" + ZHANG, token=tok)
    assert r.status == 200 and j["count"] == 1, j
    r, j = bm.jreq("GET", "/api/v1/dept/residents?purpose=mz-dibao&"
                   "id_number=" + ZHANG, token=tok)
    assert r.status == 409, j


def chosen(t):
    """N on the consents: 低保, its scope, signed today, the whole term;
    the 核对授权书 printed and the signatures asked for."""
    t.keys("n")
    t.wait_for("For which purpose?", "低保家庭经济状况核对")
    screen = t.screen()
    assert "高龄津贴资格核查" not in screen, screen   # needs none
    t.type("低保")
    t.keys("Enter")
    t.wait_for("What the consent covers")
    t.type("家庭收入、存款核对")
    t.keys("Enter")
    t.wait_for("Signed on", service_date())
    t.keys("Enter")
    t.wait_for("Expires on")
    t.keys("Enter")
    t.wait_for("Signed by everyone listed?")


def consents_of(clerk, resident):
    r, j = bm.jreq("GET", "/api/v1/residents/%d/consents" % resident,
                   token=clerk)
    assert r.status == 200, j
    return j["items"]


def dibao_read(tok):
    return bm.jreq("GET", "/api/v1/dept/residents?purpose=mz-dibao&"
                   "id_number=" + ZHANG, token=tok)


def test_authorisation_signed_then_recorded_then_withdrawn():
    """The 核对授权书 is printed, with the dates it will be recorded
    with, before anything is recorded: a 'no' to the signatures records
    nothing; a 'yes' records it and the department may read; W withdraws
    it and the department is refused again."""
    def body(s, t, state):
        clerk = bm.login()
        zhang, liu = bm.find(clerk, ZHANG), bm.find(clerk, LIU)
        r, j = bm.post("/api/v1/residents/%d/consents" % liu,
                       {"purpose": "mz-dibao", "scope": "家庭收入核对",
                        "signed_on": service_date()}, clerk)
        assert r.status == 201, j
        expires = (datetime.date.fromisoformat(service_date()) +
                   datetime.timedelta(days=365)).isoformat()
        profile(t)
        t.keys("c")
        t.wait_for("Consents of 张红旗", "No consent recorded")
        chosen(t)
        text = pdf_text(wait_files(state, "consent-*.pdf", 1)[0])
        for want in ("核对授权书", "张红旗", "民政", "低保家庭经济状况核对",
                     "法律依据", "社会救助", "家庭收入、存款核对",
                     "自%s起至%s止" % (service_date(), expires),
                     "授权人签字（张红旗）", "授权人签字（刘强）",
                     "同意授权"):
            assert want in text, (want, text)
        assert ZHANG not in text, text
        assert consents_of(clerk, zhang) == []      # not before signed
        t.keys("n")
        t.wait_for("nothing was recorded", "No consent recorded")
        assert consents_of(clerk, zhang) == []
        chosen(t)
        wait_files(state, "consent-*.pdf", 2)
        t.keys("y")
        t.wait_for("In force", "recorded, in force until " + expires)
        [k] = consents_of(clerk, zhang)
        assert k["purpose"]["code"] == "mz-dibao" and k["valid"] and \
            k["signed_on"] == service_date() and \
            k["expires_on"] == expires and \
            k["scope"] == "家庭收入、存款核对", k
        dept = bm.login("dept-mz", counter=None)
        r, j = dibao_read(dept)
        assert r.status == 200 and j["count"] == 1, j
        t.keys("w")
        t.wait_for("Why is it withdrawn?")
        t.type("本人撤回授权")
        t.keys("Enter")
        t.wait_for("Withdraw the consent to 低保家庭经济状况核对")
        t.keys("y")
        t.wait_for("Consent withdrawn.", "本人撤回授权")
        [k] = consents_of(clerk, zhang)
        assert k["withdrawn_on"] == service_date() and not k["valid"] \
            and k["withdraw_reason"] == "本人撤回授权", k
        r, j = dibao_read(dept)
        bm.problem(r, j, 409, "consent-required")
        assert [m["name"] for m in j["missing"]] == ["张红旗"], j
    with_client(body)


def test_the_reads_on_screen_and_printed():
    def body(s, t, state):
        dept_reads()
        profile(t)
        t.keys("r")
        t.wait_for("Who read the data of 张红旗", "高龄津贴资格核查",
                   "Refused: no consent")
        t.keys("p")
        text = pdf_text(wait_files(state, "reads-*.pdf", 1)[0])
        for want in ("查询记录", "张红旗", "民政部门", "高龄津贴资格核查",
                     "低保家庭经济状况核对", "未经授权，已拒绝"):
            assert want in text, (want, text)
    with_client(body)


def test_the_reads_at_50x20():
    def body(s, t, state):
        dept_reads()
        profile(t)
        t.keys("r")
        screen = t.wait_for("Who read the data", "高龄津贴")
        assert all(len(l) <= 50 for l in screen.splitlines()), screen
    with_client(body, 50, 20)


if __name__ == "__main__":
    run([(n, f) for n, f in sorted(globals().items())
         if n.startswith("test_")])
