#!/usr/bin/env python3
"""End to end in tmux, in every terminal encoding a counter PC has: the
same screens, cursor for cursor, in zh_CN.UTF-8, zh_CN.GB18030 and
zh_CN.GBK, and in English under en_US.UTF-8 and the C locale.

tmux speaks UTF-8 only, so the GB cases run the client under luit, which
converts between the pane and the client's GB18030 or GBK. luit cannot
pass DEC line drawing in these encodings, so every case here uses a
terminal description without it (ncurses then draws lines in ASCII, or
in Unicode in a UTF-8 locale), and the comparison maps both to ASCII.
luit draws the middle dot one column wide, as tmux does: the client is
told so with --ambiguous-width 1 (in zh_CN.UTF-8 that is the locale's
own answer). The clock is masked: two runs may straddle a minute."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import (BIN, CACHE, Server, SkipTest, Tmux,  # noqa
                     locale_available, run)

FULL_ID = "610202198503150021"
MASKED_ID = "610***********0021"
TYPED = "镕珺·王"          # E9 46 and AC 42 in GBK: ASCII-valued trail bytes
LOOKUP_LABEL = "身份证号/姓名/手机"
BOXES = str.maketrans("─│┌┐└┘├┤┬┴┼", "-|+++++++++")
CLOCK = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d|"
                   r"\d{4}-\d\d-\d\d \d\d:\d\d")


def terminfo():
    """A compiled 'screen' without line drawing, made once per build."""
    d = os.path.join(CACHE, "terminfo")
    if not os.path.isdir(d):
        os.makedirs(CACHE, exist_ok=True)
        src = os.path.join(CACHE, "noacs.src")
        with open(src, "w") as f:
            f.write("bianmin-noacs|screen without DEC line drawing,\n"
                    "\tacsc@, smacs@, rmacs@, enacs@, sgr@, use=screen,\n")
        subprocess.run(["tic", "-x", "-o", d + ".tmp", src], check=True)
        os.rename(d + ".tmp", d)
    return d


def need(loc, enc):
    if not locale_available(loc):
        raise SkipTest("locale %s not generated (make deps)" % loc)
    if enc is not None and shutil.which("luit") is None:
        raise SkipTest("luit not installed (make deps)")


def client(server, loc, enc=None, extra="--ambiguous-width 1", cols=80,
           rows=24):
    inner = ("env TERM=bianmin-noacs LANG=%s LC_ALL= LANGUAGE= "
             "%s/bianmin --api %s --counter 1 %s"
             % (loc, BIN, server.url, extra))
    if enc is not None:
        inner = "luit -encoding %s -- %s" % (enc, inner)
    return Tmux(inner + "; echo EXIT=$?; sleep 60", cols, rows,
                env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
                     "TERMINFO": terminfo()})


def cols(s):
    """Display columns as tmux counts them: wide and fullwidth are two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)


def col_of(line, text):
    i = line.find(text)
    return None if i < 0 else cols(line[:i])


def shot(t):
    s = "\n".join(l.rstrip() for l in t.screen().translate(BOXES)
                  .splitlines())
    return CLOCK.sub("<clock>", s), t.display("#{cursor_x},#{cursor_y}")


def log_in(t):
    t.wait_for("bianmin 0.")
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")


def escape_and_type(t, text):
    """Esc, then a fresh input. luit reads the first character typed after
    a lone Esc as Latin-1 (it waits for an ISO 2022 sequence), so an ASCII
    key goes first and Ctrl-U clears it."""
    t.keys("Escape")
    t.wait_for(LOOKUP_LABEL)
    t.type("x")
    t.keys("C-u")
    t.type(text)


def chinese_session(loc, enc):
    """Logs in, scans 张红旗's card, looks up 买买提, types Chinese, opens
    the help and the quit question; returns each screen and cursor."""
    s = Server()
    t = client(s, loc, enc)
    shots = {}
    try:
        log_in(t)
        t.wait_for("陈晓梅", LOOKUP_LABEL)
        t.type(FULL_ID)
        t.keys("Enter")
        # the lists below the household come in their own reply
        t.wait_for("张红旗", MASKED_ID, "家庭成员", "证明 (")
        shots["profile"] = shot(t)
        escape_and_type(t, "买买提")
        t.keys("Enter")
        t.wait_for("买买提·艾力", "第 1/1 页")
        shots["list"] = shot(t)
        escape_and_type(t, TYPED)
        t.wait_for(LOOKUP_LABEL + ": " + TYPED)
        shots["typed"] = shot(t)
        t.keys("F1")
        t.wait_for("按键", "回车")
        shots["help"] = shot(t)
        t.keys("Escape")
        t.wait_gone("按键")
        t.keys("F10")
        t.wait_for("确定退出")
        shots["quit"] = shot(t)
        t.keys("y")
        t.wait_for("EXIT=0")
    finally:
        t.kill()
        s.stop()
    return shots


_reference = {}


def reference():
    """The zh_CN.UTF-8 screens, which the GB ones must equal."""
    if not _reference:
        need("zh_CN.UTF-8", None)
        _reference.update(chinese_session("zh_CN.UTF-8", None))
    return _reference


def test_utf8_screens_are_right():
    ref = reference()
    screen, cursor = ref["list"]
    lines = screen.splitlines()
    head = next(l for l in lines if "性别" in l)
    row = next(l for l in lines if "买买提·艾力" in l)
    # the columns after a name with a middle dot line up with the header
    assert col_of(row, "男") == col_of(head, "性别"), screen
    assert col_of(row, "48") == col_of(head, "年龄"), screen
    screen, cursor = ref["typed"]
    x, y = map(int, cursor.split(","))
    assert y == 2 and x == cols(" " + LOOKUP_LABEL + ": " + TYPED), \
        (cursor, screen)
    assert "回车 查询/打开" in screen, screen       # translated key names
    # the help box cut 号 in half; once it has gone, 号 is whole again
    assert LOOKUP_LABEL + ": " + TYPED in ref["quit"][0], ref["quit"][0]
    assert "<clock>" in ref["profile"][0]


def same_as_reference(loc, enc):
    need(loc, enc)
    ref = reference()
    got = chinese_session(loc, enc)
    for name in ref:
        assert got[name] == ref[name], (
            "%s differs in %s:\n--- %s\n%s\n--- zh_CN.UTF-8\n%s"
            % (name, loc, got[name][1], got[name][0], ref[name][0]))


def test_gb18030_same_screens():
    same_as_reference("zh_CN.GB18030", "GB18030")


def test_gbk_same_screens():
    same_as_reference("zh_CN.GBK", "GBK")


def set_address(server, address):
    db = sqlite3.connect(server.db, timeout=10)
    db.execute("UPDATE residents SET address = ? WHERE id_number = ?",
               (address, FULL_ID))
    db.commit()
    db.close()


def profile_line(loc, enc, address, label):
    s = Server()
    set_address(s, address)
    t = client(s, loc, enc)
    try:
        log_in(t)
        t.wait_for("陈晓梅")
        t.type(FULL_ID)
        t.keys("Enter")
        screen = t.wait_for("张红旗", label)
        return next(l for l in screen.splitlines() if label in l)
    finally:
        t.kill()
        s.stop()


def test_gbk_shows_a_replacement_for_what_it_lacks():
    """U+20000 is not in GBK and neither is U+FFFD (which a control
    character from the server becomes): both are a visible '?', the text
    around them intact, where UTF-8 shows them as they are."""
    need("zh_CN.UTF-8", None)
    need("zh_CN.GBK", "GBK")
    address = "铜川市\U00020000路\x1b[2J1号"
    line = profile_line("zh_CN.UTF-8", None, address, "住址")
    assert "住址: 铜川市\U00020000路\ufffd[2J1号" in line, line
    line = profile_line("zh_CN.GBK", "GBK", address, "住址")
    assert "住址: 铜川市?路?[2J1号" in line, line


def test_english_under_en_us():
    need("en_US.UTF-8", None)
    s = Server()
    t = client(s, "en_US.UTF-8", None, extra="")
    try:
        screen = t.wait_for("Staff", "Password", "bianmin 0.")
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", screen), screen
        log_in(t)
        t.wait_for("陈晓梅", "ID number / name / mobile")
        t.type("买买提")
        t.keys("Enter")
        screen = t.wait_for("买买提·艾力", "Page 1 of 1")
        lines = screen.splitlines()
        head = next(l for l in lines if "Sex" in l)
        row = next(l for l in lines if "买买提·艾力" in l)
        assert col_of(row, "male") == col_of(head, "Sex"), screen
        assert "Enter Search / open" in screen, screen
    finally:
        t.kill()
        s.stop()


def test_c_locale_warns_once_and_speaks_english():
    s = Server()
    t = client(s, "C", None, extra="")
    try:
        screen = t.wait_for("cannot show Chinese", "Staff")
        assert screen.count("cannot show Chinese") == 1, screen
        log_in(t)
        # UTF-8 was switched on: Chinese from the server still shows
        screen = t.wait_for("陈晓梅", "ID number / name / mobile")
        assert "cannot show Chinese" not in screen, screen
    finally:
        t.kill()
        s.stop()


def test_lang_forces_chinese_in_c_utf8():
    s = Server()
    t = client(s, "C.UTF-8", None, extra="--lang zh_CN")
    try:
        screen = t.wait_for("工号", "密码", "回车")
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", screen), screen
    finally:
        t.kill()
        s.stop()


def test_config_sets_language_and_width():
    """[general] language and [display] ambiguous_width from
    $XDG_CONFIG_HOME/bianmin/config.ini: with width 2 the header of the
    list moves one column further than the UTF-8 terminal draws the dot,
    which is how a wrong setting shows."""
    need("zh_CN.UTF-8", None)
    s = Server()
    cfg = os.path.join(s.dir, "config", "bianmin")
    os.makedirs(cfg)
    with open(os.path.join(cfg, "config.ini"), "w") as f:
        f.write("[general]\nlanguage = en\n[display]\n"
                "ambiguous_width = 2\n")
    t = client(s, "zh_CN.UTF-8", None, extra="")
    t.tmux("set-environment", "-g", "XDG_CONFIG_HOME",
           os.path.join(s.dir, "config"))
    t.kill()
    t = Tmux("env XDG_CONFIG_HOME=%s/config TERM=bianmin-noacs "
             "LANG=zh_CN.UTF-8 %s/bianmin --api %s --counter 1; sleep 60"
             % (s.dir, BIN, s.url), env={"TERMINFO": terminfo()})
    try:
        log_in(t)
        t.wait_for("陈晓梅", "ID number / name / mobile")
        t.type("买买提")
        t.keys("Enter")
        screen = t.wait_for("买买提·艾力", "Page 1 of 1")
        lines = screen.splitlines()
        head = next(l for l in lines if "Sex" in l)
        row = next(l for l in lines if "买买提·艾力" in l)
        assert col_of(row, "male") == col_of(head, "Sex") - 1, screen
    finally:
        t.kill()
        s.stop()


def box_is_whole(screen):
    """The dialog's box: corners and sides in the same columns on every
    row, whatever wide characters stand inside it."""
    screen = screen.translate(BOXES)
    lines = screen.splitlines()
    tops = [i for i, l in enumerate(lines) if "+-" in l]
    assert len(tops) >= 2, screen
    top, bottom = tops[0], tops[-1]
    corners = [c for c in range(cols(lines[top]))
               if at_col(lines[top], c) == "+"]
    left, right = corners[0], corners[-1]
    assert at_col(lines[bottom], left) == "+", screen
    assert at_col(lines[bottom], right) == "+", screen
    for l in lines[top + 1:bottom]:
        assert at_col(l, left) == "|" and at_col(l, right) == "|", \
            (l, left, right, screen)


def at_col(line, col):
    c = 0
    for ch in line:
        if c == col:
            return ch
        c += cols(ch)
    return None


LAYOUT = {
    "zh_CN": {"labels": ("工号", "密码", "窗口"),
              "title": "社区便民服务窗口 - 登录",
              "menu": ("居民查询", "退出登录", "退出"),
              "help": ("上/下", "选择", "终端没有功能键时代替 F1 .. F10"),
              "quit": "确定退出便民终端吗？"},
    "en": {"labels": ("Staff", "Password", "Counter"),
           "title": "Community service counter - log in",
           "menu": ("Resident lookup", "Log out", "Quit"),
           "help": ("Up/Down", "Choose", "F1 .. F10 on terminals without "
                    "F-keys"),
           "quit": "Quit bianmin?"},
}


def layout(lang, width, height):
    need("zh_CN.UTF-8", None)
    want = LAYOUT[lang]
    s = Server()
    t = client(s, "zh_CN.UTF-8", None, extra="--lang " + lang,
               cols=width, rows=height)
    try:
        screen = t.wait_for(want["title"], *want["labels"])
        colons = {col_of(l, ":") for l in screen.splitlines()
                  if ":" in l and any(w in l for w in want["labels"])}
        assert len(colons) == 1, screen          # labels right-aligned
        log_in(t)
        t.wait_for("陈晓梅")
        t.keys("Escape")                          # the lookup sits on the menu
        screen = t.wait_for(*want["menu"])
        t.keys("F1")
        box_is_whole(t.wait_for(*want["help"]))
        t.keys("Escape")
        t.keys("F10")
        screen = t.wait_for(want["quit"])
        box_is_whole(screen)
        for l in screen.splitlines():
            assert cols(l) <= width, l
    finally:
        t.kill()
        s.stop()


def test_layout_chinese_80x24():
    layout("zh_CN", 80, 24)


def test_layout_english_80x24():
    layout("en", 80, 24)


def test_layout_chinese_132x43():
    layout("zh_CN", 132, 43)


def test_layout_english_132x43():
    layout("en", 132, 43)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
