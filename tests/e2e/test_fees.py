#!/usr/bin/env python3
"""End to end in tmux: a fee (docs/api.md 22). The clerk opens the
counter's cash drawer with a float (M); the form of 1006 居民身份证换领
tells the fee and why before it is submitted (20 yuan, or nothing for a
低保 resident); the application taken shows its fee as unpaid, its
result is not handed over (出件) while it is; Y takes it in cash and the
收款收据 prints with its serial, the amount in 元 and in capitals, the
service; then the result is handed over. At the day's end the clerk
counts the drawer one yuan short and says why, the supervisor signs it
off, and the 日结单 prints with the money lines (cash by channel, the
drawer expected against counted, the short and its reason), which the
CSV export carries too. A refund asked by the clerk changes nothing
until the supervisor approves it at the application, and the red-letter
receipt (冲红) prints; L prints it again, marked 补打, its reason
recorded first. The screens at 50x20 keep their keys and lines."""
import csv
import glob
import io
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
from harness import BIN, Server, Tmux, dated, run, within_one_day  # noqa
import bm  # noqa

PASSWORDS = {"clerk01": "demo-clerk", "super01": "demo-super"}
COLLECTOR = "610202197009020016"


def client(server, state, cols=80, rows=24):
    return Tmux("%s/bianmin --api %s --counter 1 --lang en; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url), cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "XDG_STATE_HOME": state,
                     "XDG_CONFIG_HOME": os.path.join(state, "config"),
                     "TERM": "screen"})


def log_in(t, user):
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type(PASSWORDS[user])
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")
    t.keys("Escape")
    t.wait_for("Main menu")


def log_out(t):
    t.keys("Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.type("l")
    t.wait_for("Logged out.")


def fee_application(server, complete=True):
    """An application of 1006 at counter 1 for a new resident (20 yuan),
    accepted and completed through the API."""
    bm.S = server
    import test_server_payments as pay
    tok = bm.login("clerk01", counter="1")
    a = pay.new_app(tok, "1006")
    assert a["fee"]["status"] == "unpaid" and a["fee_fen"] == 2000, a
    if complete:
        a = pay.act(tok, a, "accept")
        a = pay.act(tok, a, "complete")
    return a


def new_resident(server, tags=()):
    """A resident of 红旗社区 through the API; returns the ID number."""
    bm.S = server
    from test_server_residents import new_id_number
    tok = bm.login("clerk01", counter="1")
    idn = new_id_number("19600101")
    r, j = bm.post("/api/v1/residents", {
        "name": "吴缴费", "id_number": idn, "address": "红旗街3号",
        "community_id": 1, "phone": "13700003333", "tags": list(tags)}, tok)
    assert r.status == 201, j
    return idn


def renewal_reason(t, value):
    """The renewal's reason chosen on the form (its field in focus)."""
    t.keys("Space")
    t.wait_for("Card expired", "Card damaged")
    t.type(value)
    t.keys("Enter")


def intake_1006(t, id_number, reason="expiry"):
    """The form of 1006 for the resident, as the clerk opens it (F2, F3),
    the fee following the renewal's reason until it is chosen, then the
    reason chosen."""
    t.keys("Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.keys("F2")
    t.wait_for("ID number / name / mobile")
    t.type(id_number)
    t.keys("Enter")
    t.wait_for("吴缴费", "Household")
    t.keys("F3")
    t.wait_for("Transaction code")
    t.type("1006")
    t.keys("Enter")
    t.wait_for("1006 居民身份证换领", "Fee: follows Why renewed")
    renewal_reason(t, reason)


def db_one(db, sql, *args):
    c = sqlite3.connect(db)
    r = c.execute(sql, args).fetchone()
    c.close()
    return r


def wait_db(db, sql, args, want, timeout=10):
    deadline = time.time() + timeout
    while db_one(db, sql, *args) != want:
        if time.time() > deadline:
            raise AssertionError("%s: %r, not %r" % (
                sql, db_one(db, sql, *args), want))
        time.sleep(0.05)


def prints(state, pattern="*.txt"):
    return sorted(glob.glob(os.path.join(state, "bianmin", "prints",
                                         pattern)), key=os.path.getmtime)


def wait_print(state, pattern, timeout=20):
    deadline = time.time() + timeout
    while not prints(state, pattern):
        if time.time() > deadline:
            raise AssertionError("no print %s: %r" % (pattern,
                                                      prints(state)))
        time.sleep(0.1)
    time.sleep(0.2)
    return "".join(open(prints(state, pattern)[-1],
                        encoding="utf-8").read().split())


def open_number(t, number):
    t.keys("Escape", "Escape", "Escape")
    t.wait_for("Main menu")
    t.keys("F6")
    t.wait_for("Applications", "Number:")
    t.type(number)
    t.keys("Enter")
    t.wait_for(number, "Timeline")


def open_drawer(t, yuan):
    t.type("m")
    t.wait_for("Cash drawers")
    t.type("o")
    t.wait_for("Open the drawer: float (yuan)")
    t.type(yuan)
    t.keys("Enter")
    t.wait_for("%s.00" % yuan, "float %s.00 + in 0.00" % yuan)


def hand_over(t):
    t.type("o")
    t.wait_for("who collects it?")
    t.type("王建国")
    t.keys("Enter")
    t.wait_for("ID number of 王建国")
    t.type(COLLECTOR)
    t.keys("Enter")


@dated
def test_cash_fee_receipt_collect_and_day_end():
    within_one_day(cash_fee_receipt_collect_and_day_end)


def cash_fee_receipt_collect_and_day_end():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        idn = new_resident(s)
        log_in(t, "clerk01")
        open_drawer(t, "500")
        # intake: the fee and why are told before the form is submitted
        # the fee follows the renewal's reason: a damaged card 40 yuan,
        # then the reason set right, an expired one 20
        intake_1006(t, idn, "damaged")
        t.wait_for("Fee: 40.00 yuan (损坏换领，按丢失补领、损坏换领标准")
        renewal_reason(t, "expiry")
        screen = t.wait_for("Fee: 20.00 yuan (到期换领，每证20元)")
        t.keys("C-r")
        t.wait_for("Every required material is ticked as received.")
        t.keys("Enter", "Space", "F9")
        screen = t.wait_for("Application taken.")
        number = db_one(s.db, "SELECT number FROM applications WHERE "
                        "resident_id = (SELECT id FROM residents WHERE "
                        "id_number = ?)", idn)[0]
        assert number in screen, screen
        open_number(t, number)
        t.wait_for("Fee", "20.00 yuan, unpaid", "到期换领，每证20元")
        t.type("a")
        t.wait_for("Accept: %s?" % number)
        t.keys("Enter")
        t.wait_for("Accepted")
        t.type("c")
        t.wait_for("Complete: %s?" % number)
        t.keys("Enter")
        wait_db(s.db, "SELECT status FROM applications WHERE number = ?",
                (number,), ("completed",))
        # the server has it; the page takes keys once it shows it too
        t.wait_for("Done: Complete.")

        # 出件 refused while the fee is owed: said, nothing changes
        hand_over(t)
        t.wait_for("Not handed over: the fee of 20.00 yuan is not paid")
        assert db_one(s.db, "SELECT status FROM applications WHERE "
                      "number = ?", number) == ("completed",)

        # Y: cash, the amount shown, never typed; the receipt prints
        t.type("y")
        screen = t.wait_for("Fee 20.00 yuan: how is it paid?",
                            "Cash", "Payment code", "Waived")
        t.keys("Enter")
        t.wait_for("Take 20.00 yuan in cash?")
        t.keys("Enter")
        wait_db(s.db, "SELECT count(*) FROM payments WHERE kind = "
                "'payment' AND channel = 'cash' AND amount_fen = 2000",
                (), (1,))
        serial = db_one(s.db, "SELECT serial FROM payments WHERE kind = "
                        "'payment'")[0]
        paper = wait_print(state, "payment-*.txt")
        assert "收款收据" in paper and serial in paper, paper
        assert "20.00元" in paper and "贰拾元整" in paper, paper
        assert "居民身份证换领（1006）" in paper and number in paper, paper
        assert "现金" in paper and "610202197009020016" not in paper, paper
        t.wait_for("20.00 yuan, paid", "receipt %s, cash" % serial)

        # now the result is handed over
        hand_over(t)
        wait_db(s.db, "SELECT status FROM applications WHERE number = ?",
                (number,), ("collected",))

        # the day's end: one yuan short, with the reason
        t.keys("Escape", "Escape", "Escape")
        t.wait_for("Main menu")
        t.type("m")
        t.wait_for("Cash drawers", "520.00")
        t.type("c")
        t.wait_for("Counted cash, expected 520.00 yuan")
        t.type("519")
        t.keys("Enter")
        t.wait_for("Short by 1.00 yuan (短款): why?")
        t.type("找零少收一元")
        t.keys("Enter")
        wait_db(s.db, "SELECT status, counted_fen, expected_fen - "
                "counted_fen, reason FROM cash_sessions WHERE counter = "
                "'1'", (), ("closed", 51900, 100, "找零少收一元"))
        t.wait_for("closed", "-1.00")
        log_out(t)

        # the supervisor signs it off and prints the 日结单
        log_in(t, "super01")
        t.type("m")
        t.wait_for("Cash drawers", "closed")
        t.type("s")
        t.wait_for("Sign off: a note")
        t.keys("Enter")
        wait_db(s.db, "SELECT status FROM cash_sessions WHERE counter = "
                "'1'", (), ("signed",))
        t.keys("Escape")
        t.wait_for("Main menu")
        t.type("t")
        t.wait_for("Received")
        for _ in range(5):                  # Tab round to the money panel
            t.keys("Tab")
            deadline = time.time() + 2
            while "Money of the day" not in t.screen() and \
                    time.time() < deadline:
                time.sleep(0.05)
            if "Money of the day" in t.screen():
                break
        t.wait_for("Money of the day", "Cash: 1 paid 20.00 yuan",
                   "Counter 1 signed off: expected 520.00, counted 519.00,"
                   " over/short -1.00")
        t.type("p")
        sheet = wait_print(state, "daily-*.txt")
        assert "日结单" in sheet and "收费日结" in sheet, sheet
        assert "现金收款：1笔20.00元" in sheet, sheet
        assert "实收合计：20.00元" in sheet, sheet
        assert "1号窗口钱箱：已签核" in sheet, sheet
        assert "应有现金：520.00元" in sheet and "实点现金：519.00元" in sheet
        assert "短款：1.00元" in sheet and "找零少收一元" in sheet, sheet
        assert "收款员签字" in sheet and "站长签字" in sheet, sheet

        # the CSV carries the same money lines
        t.type("e")
        t.wait_for("written as UTF-8 to")
        f = glob.glob(os.path.join(state, "bianmin", "exports", "*.csv"))
        rows = list(csv.reader(io.StringIO(
            open(f[0], "rb").read().decode("utf-8-sig"))))
        assert ["Money", "Cash", "1", "20.00", "0", "0.00"] == \
            rows[[r[:2] for r in rows].index(["Money", "Cash"])][:6], rows
        drawer = [r for r in rows if r[:2] == ["Cash drawer", "1"]]
        assert drawer and drawer[0][3:9] == [
            "500.00", "520.00", "519.00", "0.00", "1.00",
            "找零少收一元"], drawer
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


@dated
def test_refund_waits_for_the_supervisor():
    within_one_day(refund_waits_for_the_supervisor)


def refund_waits_for_the_supervisor():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        a = fee_application(s, complete=False)
        number = a["number"]
        log_in(t, "clerk01")
        open_drawer(t, "100")
        open_number(t, number)
        t.wait_for("20.00 yuan, unpaid")
        t.type("y")
        t.wait_for("how is it paid?")
        t.keys("Enter")
        t.wait_for("Take 20.00 yuan in cash?")
        t.keys("Enter")
        t.wait_for("20.00 yuan, paid")
        wait_print(state, "payment-*.txt")

        # the clerk asks for a refund: the payment stays in force
        t.type("u")
        t.wait_for("Undo the payment: which?", "Refund", "Void")
        t.keys("Enter")
        t.wait_for("Why is the fee refunded?")
        t.type("申请人放弃办理")
        t.keys("Enter")
        t.wait_for("Asked: the payment stays in force")
        t.wait_for("refund or void asked")
        assert db_one(s.db, "SELECT status FROM payment_reversals") == \
            ("pending",)
        # the clerk cannot decide it
        t.type("u")
        t.wait_for("waiting for the supervisor's decision")
        assert db_one(s.db, "SELECT count(*) FROM payments WHERE kind = "
                      "'refund'") == (0,)
        log_out(t)

        # the supervisor approves at the application: the 冲红 prints
        log_in(t, "super01")
        open_number(t, number)
        t.wait_for("refund or void asked")
        t.type("u")
        t.wait_for("Refund of 20.00 yuan asked by", "申请人放弃办理",
                   "Approve")
        t.keys("Enter")
        wait_db(s.db, "SELECT count(*) FROM payments WHERE kind = "
                "'refund'", (), (1,))
        serial, original = db_one(
            s.db, "SELECT r.serial, p.serial FROM payments r JOIN payments "
            "p ON p.id = r.original_id WHERE r.kind = 'refund'")
        paper = wait_print(state, "redletter-*.txt")
        assert "收款收据（冲红）" in paper and serial in paper, paper
        assert "原收据编号：" + original in paper, paper
        assert "-20.00元" in paper and "负贰拾元整" in paper, paper
        assert "冲红类型：退费" in paper and "审批人：王秀兰" in paper, paper
        assert "申请人放弃办理" in paper, paper
        t.wait_for("20.00 yuan, unpaid", "redletter-%s" % serial)

        # L: the 冲红 receipt printed again, its reason recorded first,
        # the paper marked 补打 with the server's number
        t.type("l")
        t.wait_for("Which receipt is printed again", "Receipt " + original,
                   "Red-letter receipt " + serial)
        t.keys("Down", "Enter")
        t.wait_for("Why print it again?")
        t.type("冲红收据遗失")
        t.keys("Enter")
        paper = wait_print(state, "redletter-%s-r1.txt" % serial)
        assert "补打（第1次）" in paper and serial in paper, paper
        assert "收款收据（冲红）" in paper and "负贰拾元整" in paper, paper
        assert db_one(s.db, "SELECT r.reprint_no, r.reason FROM "
                      "payment_reprints r JOIN payments p ON p.id = "
                      "r.payment_id WHERE p.serial = ?", serial) == \
            (1, "冲红收据遗失")
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_reversals_waiting_decided_from_the_list():
    within_one_day(reversals_waiting)


def reversals_waiting():
    """Two refunds asked at two applications wait on the supervisor's
    list (W): A approves the first there (its 冲红 receipt prints), R
    rejects the second (its payment stays in force), and the list is
    empty."""
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        bm.S = s
        import test_server_payments as pay
        tok = bm.login("clerk01", counter="1")
        asked = []
        for reason in ("申请人放弃办理", "重复缴费"):
            a = pay.new_app(tok, "1006")
            p = pay.pay(tok, a, pay.code())
            r, v = bm.post("/api/v1/payments/%d/reversals" % p["id"], {
                "kind": "refund", "reason": reason}, tok)
            assert r.status == 201, v
            asked.append((a, p))
        log_in(t, "super01")
        t.type("w")
        t.wait_for("waiting for a decision", "申请人放弃办理", "重复缴费",
                   asked[0][0]["number"], asked[1][1]["serial"],
                   "2 waiting")
        t.type("a")
        t.wait_for("Refund of 20.00 yuan asked by", "Approve")
        t.keys("Enter")
        paper = wait_print(state, "redletter-*.txt")
        assert "收款收据（冲红）" in paper and "原收据编号：" + \
            asked[0][1]["serial"] in paper and "申请人放弃办理" in paper, \
            paper
        t.wait_for("1 waiting")
        t.type("r")
        t.wait_for("重复缴费", "Reject")
        t.keys("Enter")
        t.wait_for("No refund or void is waiting")
        assert db_one(s.db, "SELECT group_concat(status, ' ') FROM (SELECT "
                      "status FROM payment_reversals ORDER BY id)") == \
            ("approved rejected",)
        assert pay.get(tok, "/api/v1/payments/%d" % asked[1][1]["id"])[
            "status"] == "in_force"
        assert db_one(s.db, "SELECT count(*) FROM payments WHERE kind = "
                      "'refund'") == (1,)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def restart(s):
    """The server back on the same address and database."""
    s.proc = subprocess.Popen(
        [os.path.join(BIN, "bianmind"), "--db", s.db, "--listen",
         "127.0.0.1:%d" % s.port, "--log", s.log],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@dated
def test_cash_taken_offline_goes_through_the_outbox():
    within_one_day(cash_taken_offline)


def cash_taken_offline():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        number = fee_application(s, complete=False)["number"]
        log_in(t, "clerk01")
        open_drawer(t, "100")
        open_number(t, number)
        t.wait_for("20.00 yuan, unpaid")
        s.proc.kill()                       # the link drops
        s.proc.wait()
        t.type("y")
        t.wait_for("how is it paid?")
        t.keys("Enter")
        t.wait_for("Take 20.00 yuan in cash?")
        t.keys("Enter")
        # the page says so; the line saying it printed may give way to
        # the next request's "Cannot reach the server", the print file
        # is what counts
        t.wait_for("Outbox 1", "L1 in the outbox, provisional receipt "
                   "given", timeout=30)
        paper = wait_print(state, "payment-provisional-L1*.txt")
        key = sqlite3.connect(os.path.join(state, "bianmin", "client.db")) \
            .execute("SELECT idem_key FROM outbox WHERE path LIKE "
                     "'%/payments'").fetchone()[0]
        assert "临时收据" in paper and "待同步-L1" in paper, paper
        assert "尚未入账" in paper and "正式收款收据" in paper, paper
        assert "幂等键：" + key in paper and number in paper, paper
        assert "20.00元" in paper and "贰拾元整" in paper, paper
        assert "现金" in paper and "收款收据" not in paper.replace(
            "正式收款收据", ""), paper
        # the page says it is waiting; Y takes nothing again and asks
        # before a second provisional receipt
        t.wait_for("L1 in the outbox, provisional receipt given")
        t.type("y")
        t.wait_for("Payment L1 of this fee is in the outbox", "Print its "
                   "provisional receipt again?")
        t.type("y")
        t.wait_for("This was printed before. Print again, marked as a "
                   "reprint?")
        t.keys("Escape")

        restart(s)                          # the outbox sends it
        t.wait_for("Payment L1 is at the server", timeout=90)
        serial = db_one(s.db, "SELECT serial FROM payments WHERE kind = "
                        "'payment'")[0]
        assert db_one(s.db, "SELECT count(*), sum(amount_fen) FROM "
                      "payments") == (1, 2000)
        t.wait_for("receipt %s. Print the" % serial, "official receipt to "
                   "replace the provisional one?")
        t.type("y")
        paper = wait_print(state, "payment-%s*.txt" % serial)
        assert "收款收据" in paper and serial in paper, paper
        assert "临时收据" not in paper, paper
        assert "收费依据：" in paper and "2322号" in paper, paper
        t.wait_for("20.00 yuan, paid", "receipt %s, cash" % serial)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_offline_payment_paid_meanwhile_is_a_conflict():
    within_one_day(paid_meanwhile)


def paid_meanwhile():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state)
    try:
        a = fee_application(s, complete=False)
        log_in(t, "clerk01")
        open_drawer(t, "100")
        open_number(t, a["number"])
        t.wait_for("20.00 yuan, unpaid")
        # another counter takes it by payment code meanwhile
        import test_server_payments as pay
        pay.pay(bm.login("clerk01", counter="2"), a, pay.code())
        s.proc.kill()
        s.proc.wait()
        t.type("y")
        t.wait_for("how is it paid?")
        t.keys("Enter")
        t.wait_for("Take 20.00 yuan in cash?")
        t.keys("Enter")
        # the page's own line: the message naming the file may already
        # be replaced by the next request's "Cannot reach the server"
        t.wait_for("Outbox 1", "L1 in the outbox, provisional receipt "
                   "given", timeout=30)
        wait_print(state, "payment-provisional-L1*.txt")
        restart(s)
        t.wait_for("Conflict: payment L1 was refused", "already paid",
                   timeout=90)
        assert db_one(s.db, "SELECT count(*), min(channel) FROM payments") \
            == (1, "code")
        # kept, refused, for the clerk to settle: never dropped
        assert sqlite3.connect(os.path.join(state, "bianmin", "client.db")) \
            .execute("SELECT state FROM outbox").fetchall() == [(1,)]
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def test_small_terminal_50x20():
    within_one_day(small_terminal)


def small_terminal():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, 50, 20)
    try:
        a = fee_application(s)
        poor = new_resident(s, ["low_income"])
        log_in(t, "clerk01")
        # a 低保 resident's renewal is free, and the form says why
        intake_1006(t, poor)
        t.wait_for("Fee: nothing to pay (领取最低生活保障金")
        t.keys("Escape")
        t.wait_for("Throw away what was typed")
        t.type("y")
        t.keys("Escape", "Escape", "Escape")
        t.wait_for("Main menu")
        open_drawer(t, "500")
        screen = t.wait_for("O Open day", "C Close day", "S Sign off")
        assert max(len(line) for line in screen.splitlines()) <= 50
        assert "500.00" in screen, screen
        open_number(t, a["number"])
        screen = t.wait_for("Fee", "20.00 yuan, unpaid")
        t.type("y")
        t.wait_for("Cash", "Payment code")
        t.keys("Escape")
        t.wait_gone("how is it paid?")
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
