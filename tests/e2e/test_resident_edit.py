#!/usr/bin/env python3
"""End to end in tmux: a clerk changes a resident's record from the
profile (and settles a crossed save field by field), and registers a
resident whose card the lookup did not find."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "integration"))
from harness import BIN, Server, Tmux, log_in, run  # noqa
import bm  # noqa

FULL_ID = "610202198503150021"       # 张红旗, party member


def id_with_check(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(first17, w))
    return first17 + "10X98765432"[s % 11]


def client(server, lang="C.UTF-8"):
    return Tmux("%s/bianmin --api %s --counter 1; sleep 60"
                % (BIN, server.url), 80, 24,
                env={"LANG": lang, "LC_ALL": "", "LANGUAGE": "",
                     "TERM": "screen"})


def record(token, id_number):
    rid = bm.find(token, id_number)
    r, j = bm.jreq("GET", "/api/v1/residents/%d" % rid, token=token)
    assert r.status == 200, j
    return j


def open_edit(t):
    t.type(FULL_ID)
    t.keys("Enter")
    t.wait_for("张红旗", "Change the record")
    t.keys("E")
    t.wait_for("Change the resident's record", "Address:")


def new_address(t, text):
    """From the form's first field (phone) to the address, replaced."""
    t.keys("Tab", "C-k")
    t.type(text)


def tick_veteran(t):
    """From the address to the tags, adding veteran."""
    t.keys("Tab", "Tab", "Space")
    t.wait_for("Veteran")
    t.type("tyjr")
    t.keys("Space", "Enter")
    t.wait_for("Veteran, Party member")


def test_edit_sends_what_changed():
    s = Server()
    bm.S = s
    tok = bm.login("clerk01", counter="2")
    t = client(s)
    try:
        log_in(t)
        before = record(tok, FULL_ID)
        open_edit(t)
        new_address(t, "红旗街8号院2单元202室")
        tick_veteran(t)
        t.keys("F9")
        # the message comes with the reply; the profile shows the new
        # record once it has read it again
        t.wait_for("Saved:", "version %d" % (before["version"] + 1))
        screen = t.wait_for("Address: 红旗街8号院2单元202室")
        assert "veteran" in screen, screen
        after = record(tok, FULL_ID)
        assert after["address"] == "红旗街8号院2单元202室", after
        assert sorted(after["tags"]) == ["party_member", "veteran"], after
        # what the clerk did not touch is as it was
        assert after["phone_masked"] == before["phone_masked"], after
        assert after["ethnicity"] == before["ethnicity"], after
        assert after["version"] == before["version"] + 1, after
        # nothing changed: nothing sent
        t.keys("E")
        t.wait_for("Change the resident's record")
        t.keys("F9")
        t.wait_for("Nothing was changed")
        assert record(tok, FULL_ID)["version"] == after["version"]
    finally:
        t.kill()
        s.stop()


def history(token, rid):
    r, j = bm.jreq("GET", "/api/v1/residents/%d/history?per_page=100" % rid,
                   token=token)
    assert r.status == 200, j
    return j["items"]


def test_residence_and_presence_with_why():
    s = Server()
    bm.S = s
    tok = bm.login("clerk01", counter="2")
    t = client(s)
    try:
        log_in(t)
        before = record(tok, FULL_ID)
        assert before["residence"] == "registered" and \
            before["presence"] == "consistent", before
        open_edit(t)
        t.wait_for("Residence type:", "Registered here (户籍)",
                   "人户一致 (lives where registered)")
        t.keys("Tab", "Tab", "Tab", "Tab", "Space")   # residence type
        t.wait_for("Lodging (寄住)")
        t.type("ld")
        t.keys("Enter")
        t.wait_for("Floating (流动)")
        t.keys("Tab", "Space")                        # 人户 state
        t.wait_for("户在人不在 (registered here, lives elsewhere)")
        t.type("rzhbz")
        t.keys("Enter")
        t.wait_for("[ 人在户不在 (lives here")
        # no reason: asked for, nothing sent
        t.keys("F9")
        t.wait_for("Say why the residence type or 人户 state changes.")
        assert record(tok, FULL_ID)["version"] == before["version"]
        t.type("租住本社区，户籍仍在老家")
        t.keys("F9")
        t.wait_for("Saved:", "version %d" % (before["version"] + 1))
        t.wait_for("floating (流动), lives here, registered elsewhere")
        after = record(tok, FULL_ID)
        assert after["residence"] == "floating", after
        assert after["presence"] == "here_not_registered", after
        assert after["address"] == before["address"], after
        assert after["tags"] == before["tags"], after
        got = {(e["field"], e["old_value"], e["new_value"], e["reason"])
               for e in history(tok, after["id"])
               if e["action"] == "update"}
        assert ("residence", "registered", "floating",
                "租住本社区，户籍仍在老家") in got, got
        assert ("presence", "consistent", "here_not_registered",
                "租住本社区，户籍仍在老家") in got, got
        # the history screen shows the change, old and new, and why
        t.keys("H")
        t.wait_for("History of 张红旗", "Residence type",
                   "Lives where registered?",
                   "change: Lives where registered?: lives where "
                   "registered ->", "Why: 租住本社区，户籍仍在老家")
        t.keys("Down")                           # the residence type's
        t.wait_for("change: Residence type: registered here (户籍) -> "
                   "floating", "(流动)", "Why: 租住本社区，户籍仍在老家")
        # a phone number changed without a reason goes as before
        t.keys("Escape")
        t.wait_for("Change the record")
        t.keys("E")
        t.wait_for("Change the resident's record")
        t.keys("C-k")
        t.type("13900007788")
        t.keys("F9")
        t.wait_for("Saved:", "version %d" % (before["version"] + 2))
        last = history(tok, after["id"])[0]
        assert last["field"] == "phone" and last["reason"] is None, last
    finally:
        t.kill()
        s.stop()


def crossed_save(choose_keys):
    """The form opens at version v; another clerk saves an address; this
    clerk saves another address and a tag. Returns the server's record,
    the other address and the screen of the conflict dialog."""
    s = Server()
    bm.S = s
    tok = bm.login("clerk01", counter="2")
    t = client(s)
    try:
        log_in(t)
        open_edit(t)
        rec = record(tok, FULL_ID)
        theirs = "红旗街9号院别人改的地址"
        r, j = bm.jreq("PATCH", "/api/v1/residents/%d" % rec["id"],
                       {"address": theirs}, token=tok,
                       if_match=rec["version"])
        assert r.status == 200, j
        new_address(t, "红旗街8号院我改的地址")
        tick_veteran(t)
        t.keys("F9")
        dialog = t.wait_for("keep which?", "mine", "on record", theirs,
                            "红旗街8号院我改的地址")
        for k in choose_keys:
            t.keys(k)
        t.keys("Enter")
        t.wait_gone("keep which?")
        t.wait_for("张红旗", "Change the record")
        return record(tok, FULL_ID), theirs, dialog
    finally:
        t.kill()
        s.stop()


def test_conflict_keeps_mine_when_chosen():
    after, theirs, dialog = crossed_save([])
    assert after["address"] == "红旗街8号院我改的地址", after
    assert "veteran" in after["tags"], after


def test_conflict_keeps_theirs_field_by_field():
    # Space on the first row (address): keep the other clerk's value;
    # the tags row stays on the clerk's own
    after, theirs, dialog = crossed_save(["Space"])
    assert after["address"] == theirs, after
    assert sorted(after["tags"]) == ["party_member", "veteran"], after


def fill_registration(t, new_id):
    """F4 on the lookup with new_id in it; fills the required fields."""
    t.keys("F4")
    t.wait_for("Register a resident", new_id)
    # the ID number came with the card; the name is where typing starts
    t.type("王新民")
    t.keys("Tab")                     # ethnic group
    t.keys("Space")
    t.wait_for("Han")
    t.type("hz")
    t.keys("Enter")
    t.keys("Tab", "Tab")              # phone (empty), address
    t.type("红旗街10号院1单元101室")
    t.keys("Tab", "Space")            # community
    t.wait_for("红旗社区")
    t.type("红旗")
    t.keys("Enter")


def test_register_an_unknown_card():
    s = Server()
    bm.S = s
    tok = bm.login("clerk01", counter="2")
    new_id = id_with_check("61020219900101123")
    r, j = bm.jreq("GET", "/api/v1/residents?id_number=" + new_id,
                   token=tok)
    assert r.status == 200 and j["total"] == 0, j
    t = client(s)
    try:
        log_in(t)
        t.keys("F2")
        t.wait_for("Register a new resident")
        t.type(new_id)
        t.keys("Enter")
        t.wait_for("Not a resident of your communities")
        fill_registration(t, new_id)
        t.keys("F9")
        screen = t.wait_for("王新民", "610***********", "Change the record")
        assert "610***********" in screen, screen
        rec = record(tok, new_id)
        assert rec["name"] == "王新民" and rec["ethnicity"] == "汉族", rec
        assert rec["address"] == "红旗街10号院1单元101室", rec
        assert rec["community"]["name"].startswith("红旗"), rec
        # the same card again: said, and nothing doubled
        t.keys("Escape")
        t.keys("F2")
        t.wait_for("Register a new resident")
        t.type(new_id)                    # typed, not searched: F4 takes it
        fill_registration(t, new_id)
        t.keys("F9")
        t.wait_for("already registered")
        r, j = bm.jreq("GET", "/api/v1/residents?id_number=" + new_id,
                       token=tok)
        assert j["total"] == 1, j
    finally:
        t.kill()
        s.stop()


def test_register_refuses_a_wrong_check_digit_here():
    s = Server()
    bm.S = s
    good = id_with_check("61020219900101124")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    t = client(s)
    try:
        log_in(t)
        t.keys("F2")
        t.wait_for("Register a new resident")
        t.keys("F4")
        t.wait_for("Register a resident")
        t.type(bad)
        t.keys("Tab")
        screen = t.wait_for("check")
        t.keys("F9")
        t.wait_for("need attention")
        tok = bm.login("clerk01", counter="2")
        r, j = bm.jreq("GET", "/api/v1/residents?id_number=" + good,
                       token=tok)
        assert j["total"] == 0, j
        # leaving asks before throwing away what was typed
        t.keys("Escape")
        t.wait_for("Throw away")
        t.keys("y")
        t.wait_gone("Register a resident")
    finally:
        t.kill()
        s.stop()


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
