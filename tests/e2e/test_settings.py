#!/usr/bin/env python3
"""End to end in tmux: settings and the key map. The receipt printer
(a device, or a CUPS queue of a private cupsd), the language and the
idle lock are saved into config.ini (0600, other lines kept), are in
force at once, and are read back at the next start; a test page goes
to the printer chosen. A key rebound in keys.ini works, the old one no
longer does, and `bianmin --keys` lists the new one."""
import configparser
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, TOP, Server, SkipTest, Tmux, run  # noqa

TEST_PAGE = "打印测试".encode("gb18030")


def client(server, state, extra_env=None, args=""):
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "",
           "XDG_STATE_HOME": state,
           "XDG_CONFIG_HOME": os.path.join(state, "config"),
           "TERM": "screen"}
    env.update(extra_env or {})
    return Tmux("%s/bianmin --api %s --counter 1 %s; echo EXIT=$?; "
                "sleep 60" % (BIN, server.url, args), 80, 24, env=env)


def log_in(t, title, menu):
    t.wait_for(title)
    t.type("clerk01")
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")
    t.wait_for("陈晓梅")
    t.keys("Escape")
    t.wait_for(menu)


def config(state):
    path = os.path.join(state, "config", "bianmin", "config.ini")
    c = configparser.ConfigParser(inline_comment_prefixes=(";",))
    c.read(path, encoding="utf-8")
    return path, c


def wait_file(path, pred, timeout=15):
    deadline = time.time() + timeout
    while True:
        data = open(path, "rb").read() if os.path.exists(path) else b""
        if pred(data):
            return data
        if time.time() > deadline:
            raise AssertionError("%s: %r" % (path, data[:200]))
        time.sleep(0.05)


def test_settings_saved_and_in_force_at_next_start():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    device = os.path.join(state, "receipt-printer")
    open(device, "wb").close()
    cfgdir = os.path.join(state, "config", "bianmin")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.ini"), "w") as f:
        f.write("; the counter's own settings\n[general]\ncounter = 1\n")
    t = client(s, state)
    try:
        log_in(t, "Community service counter - log in", "Main menu")
        t.type("p")
        t.wait_for("Receipt printer", "file (the prints folder)")
        t.keys("Enter")
        t.wait_for("Where receipts print")
        t.type("device")
        t.keys("Enter")
        t.wait_for("The device, for example /dev/usb/lp0")
        t.type(device)
        t.keys("Enter")
        t.wait_for("device:" + device[:40])
        t.type("t")                          # a test page, there
        data = wait_file(device, lambda d: TEST_PAGE in d)
        assert data.startswith(b"\x1b@"), data[:8]   # ESC/POS
        t.keys("Down", "Down", "Down", "Enter")      # language
        t.wait_for("中文 (zh_CN)")
        t.keys("Down", "Down", "C-u")                # idle lock
        t.type("7")
        t.keys("F9")
        t.wait_for("设置", "空闲锁屏")               # Chinese at once
        path, c = config(state)
        assert c["general"]["language"] == "zh_CN", dict(c["general"])
        assert c["general"]["counter"] == "1"        # kept
        assert c["session"]["lock_minutes"] == "7"
        assert c["printing"]["receipt"] == "device:" + device
        assert c["printing"]["a4"] == "file"
        assert open(path).readline().startswith("; the counter's own")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    finally:
        t.kill()
    # the next start reads it all back
    open(device, "wb").close()
    t = client(s, state)
    try:
        log_in(t, "社区便民服务窗口 - 登录", "居民查询")
        t.type("p")
        screen = t.wait_for("空闲锁屏")
        line = [l for l in screen.splitlines() if "空闲锁屏" in l][0]
        assert line.split()[-1] == "7", line
        assert "device:" + device[:40] in screen, screen
        t.type("t")
        wait_file(device, lambda d: TEST_PAGE in d)
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def private_cupsd(state):
    """tests/print/with-cupsd.sh around a wait: its CUPS_SERVER and the
    receipt queue's spool folder."""
    if shutil.which("cupsd") is None and not os.path.exists(
            "/usr/sbin/cupsd"):
        raise SkipTest("cupsd is not installed (make deps)")
    out = os.path.join(state, "cups-env")
    p = subprocess.Popen(
        [os.path.join(TOP, "tests", "print", "with-cupsd.sh"), "sh", "-c",
         'printf "%s\\n%s\\n" "$CUPS_SERVER" "$PRINT_TEST_RECEIPT_SPOOL" '
         '>"$0.tmp" && mv "$0.tmp" "$0" && sleep 300', out],
        start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while not os.path.exists(out):
        if p.poll() is not None or time.time() > deadline:
            raise AssertionError("the private cupsd did not start")
        time.sleep(0.1)
    server, spool = open(out).read().split("\n")[:2]
    return p, server, spool


def test_cups_printer_chosen_from_the_list():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    cups, server, spool = private_cupsd(state)
    t = client(s, state, {"CUPS_SERVER": server}, "--lang en")
    try:
        log_in(t, "Community service counter - log in", "Main menu")
        t.type("p")
        t.wait_for("Receipt printer")
        t.keys("Enter")
        t.wait_for("Where receipts print")
        t.type("CUPS")
        t.keys("Enter")
        t.wait_for("CUPS printers (the default first)", "broken")
        t.type("receipt")
        t.keys("Enter")
        t.wait_for("cups:receipt")
        t.keys("F9")
        t.wait_for("Saved in")
        assert config(state)[1]["printing"]["receipt"] == "cups:receipt"
        t.type("t")
        deadline = time.time() + 30
        while not any(f.endswith(".bin") for f in os.listdir(spool)):
            assert time.time() < deadline, os.listdir(spool)
            time.sleep(0.1)
        job = [f for f in os.listdir(spool) if f.endswith(".bin")][0]
        data = wait_file(os.path.join(spool, job),
                         lambda d: TEST_PAGE in d)
        assert data.startswith(b"\x1b@"), data[:8]
    finally:
        t.kill()
        os.killpg(cups.pid, signal.SIGTERM)
        cups.wait(30)
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def keys_ini(state, text):
    d = os.path.join(state, "config", "bianmin")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "keys.ini"), "w") as f:
        f.write(text)


def test_rebound_key_works_and_keys_lists_it():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    keys_ini(state, "[global]\nquit = F12\nqueue = Ctrl-G\n")
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="", LC_ALL="",
               XDG_CONFIG_HOME=os.path.join(state, "config"))
    out = subprocess.run([os.path.join(BIN, "bianmin"), "--keys", "--lang",
                          "en"], env=env, capture_output=True,
                         text=True).stdout
    glob_lines = out.split("\n\n")[0].splitlines()
    quit_line = [l for l in glob_lines if l.split()[0] == "quit"][0]
    assert quit_line.split()[1] == "F12" and "F10" not in quit_line, out
    assert [l for l in glob_lines if l.split()[0] == "queue"][0] \
        .split()[1] == "Ctrl-G", out
    assert "Queue:" in out and "Recall" in out, out    # screens' keys
    t = client(s, state, args="--lang en")
    try:
        log_in(t, "Community service counter - log in", "Main menu")
        screen = t.wait_for("F12 Quit")              # the key bar
        assert "F10 Quit" not in screen
        assert "Ctrl-G" in screen                    # the menu's column
        t.keys("F10")                                # no longer quits
        t.keys("F1")
        help_screen = t.wait_for("This help")
        assert "Quit bianmin?" not in help_screen
        assert "F12" in help_screen, help_screen
        t.keys("Escape")
        t.wait_gone("This help")
        t.type("p")                                  # settings name the file
        t.wait_for("Keys are rebound in the [global] section of:",
                   os.path.join(state, "config", "bianmin", "keys.ini"))
        t.keys("Escape")
        t.wait_for("Main menu")
        t.keys("C-g")                                # the queue, rebound
        t.wait_for("Queue - counter 1")
        t.keys("F12")
        t.wait_for("Quit bianmin?")
        t.type("y")
        t.wait_for("EXIT=0")
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


def keys_sections(out):
    """`bianmin --keys` as {section title: [(key, what), ...]}."""
    sections = {}
    for part in out.strip().split("\n\n"):
        lines = part.splitlines()
        sections[lines[0].rstrip(":")] = [
            tuple(l.strip().split(None, 1)) for l in lines[1:]]
    return sections


def test_keys_lists_every_screen_and_the_menu():
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    try:
        env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="", LC_ALL="",
                   XDG_CONFIG_HOME=os.path.join(state, "config"))
        r = subprocess.run([os.path.join(BIN, "bianmin"), "--keys",
                            "--lang", "en"], env=env, capture_output=True,
                           text=True)
        assert r.returncode == 0 and r.stderr == "", r
        k = keys_sections(r.stdout)
        assert ("E", "Grid events") in k["Main menu letters"], k
        assert ("T", "Today's figures") in k["Main menu letters"], k
        assert ("P", "Settings") in k["Main menu letters"], k
        assert ("Tab", "Mine / open / due / all") in k["Grid events"], k
        assert ("W", "Sign") in k["Grid event"], k
        assert ("V", "Feedback") in k["Grid event"], k
        assert ("K", "Check") in k["Grid event"], k
        assert ("U", "Escalate") in k["Grid event"], k
        assert ("F9", "Report") in k["Report a grid event"], k
        assert ("E", "Export CSV") in k["Today's figures"], k
        assert ("G", "UTF-8 / GB18030") in k["Today's figures"], k
        assert ("T", "Test page") in k["Settings"], k
        # in the clerk's language too
        r = subprocess.run([os.path.join(BIN, "bianmin"), "--keys",
                            "--lang", "zh_CN"], env=env,
                           capture_output=True, text=True)
        k = keys_sections(r.stdout)
        assert ("E", "导出 CSV") in k["今日统计"], k.keys()
    finally:
        shutil.rmtree(state, ignore_errors=True)


def test_bad_keys_ini_is_said_once():
    s = Server()
    state = tempfile.mkdtemp(prefix="bianmin-state-")
    keys_ini(state, "[global]\nquit = F13\n")
    t = client(s, state, args="--lang en")
    try:
        screen = t.wait_for("not a key that can be bound (F1-F12, Ctrl-A-Z): F13")
        assert "F10 Quit" in screen                  # defaults kept
    finally:
        t.kill()
        s.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
