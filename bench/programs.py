"""The programs that draw the login form: bianmin and its peers. Each
knows how to start, which key moves to the next field, and what its
login screen shows once it is fully drawn."""
import os
import shutil
import subprocess
import sys

from fixtures import BIN, HERE, TOP

FLOOR = os.path.join(TOP, "build", "bench", "floor")
MARKERS = ("Community service counter - log in", "Staff:", "Password:",
           "Counter:", "F10 Quit")


def version():
    out = subprocess.run([os.path.join(BIN, "bianmin"), "--version"],
                         capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "0.1.0"


def build_floor():
    """Compiles the C floor (bench/floor.c) with the project's warnings."""
    os.makedirs(os.path.dirname(FLOOR), exist_ok=True)
    src = os.path.join(HERE, "floor.c")
    if os.path.exists(FLOOR) and \
            os.path.getmtime(FLOOR) >= os.path.getmtime(src):
        return
    cc = os.environ.get("CC", "cc")
    pc = os.environ.get("PKG_CONFIG", "pkg-config")
    cflags = subprocess.run([pc, "--cflags", "ncursesw"], check=True,
                            capture_output=True, text=True).stdout.split()
    libs = subprocess.run([pc, "--libs", "ncursesw"], check=True,
                          capture_output=True, text=True).stdout.split()
    argv = [cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wshadow",
            "-Wstrict-prototypes", "-Wmissing-prototypes", "-Wformat=2",
            "-O2", "-g", "-D_GNU_SOURCE"] + cflags + \
        ["-o", FLOOR, src] + libs
    print("bench: " + " ".join(argv), flush=True)
    subprocess.run(argv, check=True)


class Program:
    name = ""
    label = ""
    next_key = "Tab"

    def argv(self):
        raise NotImplementedError

    def available(self):
        return True


class Floor(Program):
    name, label = "floor", "C floor (ncursesw)"

    def argv(self):
        return [FLOOR, "--counter", "1"]


class FloorPlain(Floor):
    """The floor with typed text drawn without the underline."""
    name, label = "floor-plain", "C floor, typed text not underlined"

    def argv(self):
        return [FLOOR, "--counter", "1", "--plain"]


class Bianmin(Program):
    name, label = "bianmin", "bianmin"

    def __init__(self, url):
        self.url = url

    def argv(self):
        return [os.path.join(BIN, "bianmin"), "--api", self.url, "--lang",
                "en", "--counter", "1"]


class Dialog(Program):
    name, label = "dialog", "dialog --mixedform"
    next_key = "Down"       # Tab goes to the buttons in dialog

    def available(self):
        return shutil.which("dialog") is not None

    def argv(self):
        f = ["Staff:", 1, 3, "", 1, 13, 24, 32, 0,
             "Password:", 2, 3, "", 2, 13, 24, 128, 1,
             "Counter:", 3, 3, "1", 3, 13, 24, 8, 0]
        return ["dialog", "--backtitle", "bianmin", "--hline",
                "Enter Next / log in  F1 Help  F10 Quit", "--title",
                MARKERS[0], "--mixedform", "", "11", "60", "3"] + \
            [str(x) for x in f]


class PyCurses(Program):
    name, label = "python", "Python curses"

    def argv(self):
        return [sys.executable, os.path.join(HERE, "login_curses.py"),
                version(), "1"]


class Null(Program):
    """No curses at all: one line and exit. What launching costs here."""
    name, label = "null", "a program printing one line"

    def argv(self):
        return ["/bin/echo", "Community service counter - log in"]
