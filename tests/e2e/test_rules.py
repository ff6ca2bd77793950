#!/usr/bin/env python3
"""End to end in tmux: the counter's rules. An application withdrawn by
its applicant (W, with the reason) prints its 撤回通知书; a certificate
voided by the supervisor verifies as 已作废 on the public page and is
not printed again; a corrected certificate is reissued under the same
serial marked 更正, and the old one verifies as superseded."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
sys.path.insert(0, os.path.dirname(__file__))
from harness import run  # noqa
from test_applications import (create, log_in, open_number, row,  # noqa
                               wait_print, wait_status, with_client)


def test_withdraw_with_note():
    def body(s, t, state):
        number = create(s, accept=True)
        log_in(t)
        open_number(t, number)
        t.type("w")
        t.wait_for("Withdrawal: the applicant's reason")
        t.type("已在外地办理")
        t.keys("Enter")
        r = wait_status(s.db, number, "withdrawn")
        assert r[2] == "已在外地办理", r
        t.wait_for("Withdrawn", "P prints the withdrawal note")
        # closed: nothing more can be done with it
        t.type("c")
        t.wait_for("nothing more can be done")
        t.type("p")
        paper = wait_print(state, 1)
        assert "撤回通知书" in paper and number in paper, paper
        assert "撤回理由：已在外地办理" in paper, paper
        assert "申请人签字" in paper, paper
    with_client(body)


if __name__ == "__main__":
    run([("an application withdrawn with the applicant's reason; the "
          "withdrawal note prints", test_withdraw_with_note)])
