#!/usr/bin/env python3
"""End to end in tmux: PuTTY, Xshell and SecureCRT as they come (issue
20). The raw bytes of every PuTTY function-key mode, of the Linux
console and of rxvt reach the client with TERM=xterm (or the terminal's
own TERM) and do what the README's key table says; keypad digits type in
application mode; no unknown sequence is typed; borders are Unicode box
characters in UTF-8 without the VT100 line-drawing switch; a paste obeys
the field's filter; a form grown back after a resize shows its top."""
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, Server, Tmux, run  # noqa

ZHANG = "610202198503150021"        # 张红旗, 红旗社区 (clerk01's)

# F-key -> its bytes, per PuTTY mode (Terminal > Keyboard > Function
# keys and keypad), from PuTTY's own terminal code
TILDE = {1: "11", 2: "12", 3: "13", 4: "14", 5: "15", 6: "17", 7: "18",
         8: "19", 9: "20", 10: "21"}


def hexes(s):
    return ["%02x" % b for b in s.encode("latin-1")]


def tilde(n):
    return "\x1b[%s~" % TILDE[n]


MODES = {
    "ESC[n~": tilde,
    "VT400": tilde,
    "Linux": lambda n: "\x1b[[%c" % (ord("A") + n - 1) if n <= 5
    else tilde(n),
    "Xterm R6": lambda n: "\x1bO%c" % (ord("P") + n - 1) if n <= 4
    else tilde(n),
    "VT100+": lambda n: "\x1bO%c" % (ord("P") + n - 1),
    "SCO": lambda n: "\x1b[%c" % (ord("M") + n - 1),
}
HOME = {"PuTTY": "\x1b[1~", "rxvt": "\x1b[7~", "xterm": "\x1bOH",
        "SCO": "\x1b[H"}
END = {"PuTTY": "\x1b[4~", "rxvt": "\x1b[8~", "xterm": "\x1bOF",
       "SCO": "\x1b[F"}


def client(server, state, term="xterm", lang="C.UTF-8", cols=80, rows=24,
           config=None):
    env = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "",
           "XDG_STATE_HOME": state,
           "XDG_CONFIG_HOME": os.path.join(state, "config"), "TERM": term}
    if config is not None:
        os.makedirs(os.path.join(state, "config", "bianmin"))
        with open(os.path.join(state, "config", "bianmin", "config.ini"),
                  "w") as f:
            f.write(config)
    # tmux sets a pane's TERM itself: the command sets it again
    return Tmux("TERM=%s %s/bianmin --api %s --counter 1 --lang en; "
                "echo EXIT=$?; sleep 60" % (term, BIN, server.url),
                cols, rows, env=env)


def with_client(body, **kw):
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    t = client(s, state, **kw)
    try:
        body(s, t, state)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def log_in(t):
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")
    deadline = time.time() + 10
    while not re.search(r"Counter 1 \|", t.screen().split("\n")[0]):
        assert time.time() < deadline, t.screen()
        time.sleep(0.05)


def raw(t, seq):
    t.tmux("send-keys", "-t", "t", "-H", *hexes(seq))


def main_menu(t):
    t.keys("C-g")
    time.sleep(0.2)
    if "Y = yes" in t.screen():
        t.keys("y")
    return t.wait_for("Main menu", "X  F10")


def field_line(t, label):
    return [l for l in t.screen().splitlines() if label in l][0]


def test_every_putty_mode_on_the_main_menu():
    """F1 help, F2 lookup, F6 applications, F7 certificates, F8 outbox,
    F10 quit: in every PuTTY mode with TERM=xterm."""
    def body(s, t, state):
        log_in(t)
        main_menu(t)
        for mode, seq in MODES.items():
            for n, shown in ((1, "Keys"), (2, "ID number / name / mobile"),
                             (6, "Applications"),
                             (7, "Certificates"),
                             (8, "Outbox: submissions kept")):
                raw(t, seq(n))
                try:
                    screen = t.wait_for(shown, timeout=5)
                except AssertionError:
                    raise AssertionError("%s F%d: %s" % (mode, n,
                                                          t.screen()))
                assert "~" not in screen.splitlines()[1], (mode, screen)
                t.keys("Escape")
                main_menu(t)
            raw(t, seq(10))
            t.wait_for("Y =")
            t.keys("n")
            t.wait_gone("Y =")
    with_client(body)


def test_f_keys_on_the_lookup_the_profile_and_a_form():
    """F4 on the lookup registers, F3 on the profile asks for a code, F9
    in a form checks it (never a question to throw it away)."""
    def body(s, t, state):
        log_in(t)
        for mode, seq in MODES.items():
            main_menu(t)
            raw(t, seq(2))
            t.wait_for("ID number / name / mobile")
            t.type("610202")
            raw(t, seq(4))
            screen = t.wait_for("Register", timeout=5)
            assert "[14~" not in screen and "Throw away" not in screen, \
                (mode, screen)
            main_menu(t)
            raw(t, seq(2))
            t.wait_for("ID number / name / mobile")
            t.type(ZHANG)
            t.keys("Enter")
            t.wait_for("张红旗", "Household")
            raw(t, seq(3))
            t.wait_for("Transaction code")
            t.type("0105")
            t.keys("Enter")
            t.wait_for("0105", "[record]")
            raw(t, seq(9))
            screen = t.wait_for("Some fields need attention")
            assert "Throw away" not in screen, (mode, screen)
            raw(t, seq(1))
            t.wait_for("Keys")
            t.keys("Escape")
    with_client(body)


def test_home_end_and_the_keypad_in_a_field():
    """Home and End of PuTTY, rxvt, xterm and SCO move in the lookup's
    field; keypad digits, '.' and Enter in application mode type; keypad
    5 without NumLock and unknown sequences do nothing at all."""
    def body(s, t, state):
        log_in(t)
        main_menu(t)
        raw(t, "\x1b[G")             # keypad 5, NumLock off: not O(utbox)
        raw(t, "\x1bOE")
        time.sleep(0.5)
        assert "Outbox" not in t.screen().splitlines()[2], t.screen()
        raw(t, "\x1b[11~"[:0] + MODES["ESC[n~"](2))
        t.wait_for("ID number / name / mobile")
        for name in HOME:
            t.keys("C-u")
            t.type("345")
            raw(t, HOME[name])
            t.type("12")
            raw(t, END[name])
            t.type("6")
            line = t.wait_for("mobile: 123456")
            assert "Main menu" not in line, (name, line)
        t.keys("C-u")
        # the keypad in application mode: 6 1 0 2 0 2 . and unknown keys
        raw(t, "\x1bOv\x1bOq\x1bOp\x1bOr\x1bOp\x1bOr\x1bOn")
        raw(t, "\x1b[99~\x1b[1;5A\x1bO5Q\x1b[23$")
        t.wait_for("mobile: 610202.")
        time.sleep(0.3)
        line = field_line(t, "mobile:")
        assert line.split("mobile:")[1].strip() == "610202.", line
        t.keys("BSpace")
        t.type("198503150021")
        raw(t, "\x1bOM")             # keypad Enter
        t.wait_for("张红旗", "Household")
    with_client(body)


# PuTTY's keypad with NumLock on (its default function keys): in
# application mode, which a program asks for with ESC =, digits and '.'
# send ESC O p .. y and ESC O n, and / * - send PF2 .. PF4, the bytes of
# F2 .. F4; in numeric mode every key sends its character
PUTTY_PF = {"/": "\x1bOQ", "*": "\x1bOR", "-": "\x1bOS"}


def putty_keypad(t, text):
    """Types text on PuTTY's keypad, as PuTTY sends it in the mode the
    client has left the terminal (tmux) in."""
    for c in text:
        if t.display("#{keypad_flag}") != "1":
            raw(t, c)
        elif c in PUTTY_PF:
            raw(t, PUTTY_PF[c])
        else:
            raw(t, "\x1bO" + ("n" if c == "." else chr(ord("p") + int(c))))


def test_the_keypad_stays_numeric():
    """PuTTY as it comes: / * and - on the keypad type themselves. The
    client never switches the keypad or the cursor keys to application
    mode (tmux keeps both flags), on the login screen or after it."""
    def body(s, t, state):
        t.wait_for("bianmin 0.", "Password")
        assert t.display("#{keypad_flag}#{keypad_cursor_flag}") == "00"
        log_in(t)
        main_menu(t)
        raw(t, MODES["ESC[n~"](2))
        t.wait_for("ID number / name / mobile")
        assert t.display("#{keypad_flag}#{keypad_cursor_flag}") == "00"
        putty_keypad(t, "12-3/4*5.6")
        t.wait_for("mobile: 12-3/4*5.6")
        assert "Main menu" not in field_line(t, "mobile:")
    with_client(body)


def test_the_linux_console_and_rxvt():
    """Their own TERM, their own F-keys: Linux's F1 .. F5 are ESC [ [ A ..
    E, rxvt's Home and End ESC [ 7 ~ and ESC [ 8 ~."""
    for term, f1, f2, home in (("linux", "\x1b[[A", "\x1b[[B", "\x1b[1~"),
                               ("rxvt", "\x1b[11~", "\x1b[12~", "\x1b[7~")):
        def body(s, t, state):
            log_in(t)
            main_menu(t)
            raw(t, f1)
            t.wait_for("Keys")
            t.keys("Escape")
            main_menu(t)
            raw(t, f2)
            t.wait_for("ID number / name / mobile")
            t.type("2")
            raw(t, home)
            raw(t, "\x1bOq")
            t.wait_for("mobile: 12")
        with_client(body, term=term)


def pipe_bytes(t, path):
    t.tmux("pipe-pane", "-o", "-t", "t", "cat >> %s" % path)


def test_unicode_borders_without_the_line_drawing_switch():
    """In UTF-8 with TERM=xterm and TERM=putty the client never switches
    to the VT100 line-drawing set (ESC ( 0, or SO with putty's terminfo):
    PuTTY ignores it in UTF-8 and shows lqqk. Boxes are U+2500 .."""
    for term in ("xterm", "putty"):
        def body(s, t, state):
            out = os.path.join(state, "bytes")
            pipe_bytes(t, out)
            log_in(t)
            main_menu(t)
            t.keys("F1")
            screen = t.wait_for("Keys")
            assert "\u250c" in screen and "\u2500" in screen, screen
            assert "lqq" not in screen and "qqk" not in screen, screen
            time.sleep(0.3)
            with open(out, "rb") as f:
                data = f.read()
            assert b"\x1b(0" not in data, term
            assert b"\x0e" not in data, term
            assert "\u2500".encode() in data, term
        with_client(body, term=term)


def test_ascii_borders_when_asked():
    def body(s, t, state):
        log_in(t)
        main_menu(t)
        t.keys("F1")
        screen = t.wait_for("Keys")
        assert "+- Keys -" in screen and "\u2500" not in screen, screen
    with_client(body, config="[display]\nborders = ascii\n")


def paste(t, text):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        t.tmux("load-buffer", "-b", "p", f.name)
    t.tmux("paste-buffer", "-p", "-b", "p", "-t", "t")


def test_a_paste_obeys_the_id_fields_filter():
    """A bracketed paste of letters, control characters and digits into
    the ID number field of a new resident keeps the digits only."""
    def body(s, t, state):
        log_in(t)
        main_menu(t)
        t.keys("F2")
        t.wait_for("ID number / name / mobile")
        t.keys("F4")
        t.wait_for("Register")
        for _ in range(30):
            y = int(t.display("#{cursor_y}"))
            if "ID number" in t.screen().splitlines()[y]:
                break
            t.keys("Tab")
            time.sleep(0.05)
        paste(t, "ab61\x0102\x1b[31m02\tq19\r85\x7f03")
        time.sleep(0.5)
        line = field_line(t, "ID number")
        assert line.split(":*")[1].strip() == "610202198503", line
        # unbracketed, as a fast middle-click paste comes: the same
        t.keys("C-u")
        t.type("zz6102021985031500\x0221")
        time.sleep(0.5)
        line = field_line(t, "ID number")
        assert line.split(":*")[1].split()[0] == ZHANG, line
    with_client(body)


def test_a_form_grown_back_shows_its_top():
    """60x16 scrolls a form; back at 80x24 its first rows show again
    with the focused field."""
    def body(s, t, state):
        log_in(t)
        main_menu(t)
        t.keys("F2")
        t.wait_for("ID number / name / mobile")
        t.type(ZHANG)
        t.keys("Enter")
        t.wait_for("张红旗", "Household")
        t.keys("F3")
        t.wait_for("Transaction code")
        t.type("0105")
        t.keys("Enter")
        top = t.wait_for("0105", "[record]")
        first = [l for l in top.splitlines()[2:6] if l.strip()][0].strip()
        for _ in range(6):
            t.keys("Tab")
        t.resize(60, 16)
        time.sleep(0.5)
        t.resize(80, 24)
        time.sleep(0.8)
        screen = t.screen()
        assert first in screen, (first, screen)
        # the whole form fits again: its top and its last line (where
        # the focus went) are both on the screen
        assert "I declare" in screen, screen
    with_client(body)


if __name__ == "__main__":
    run([(n, f) for n, f in sorted(globals().items())
         if n.startswith("test_")])
