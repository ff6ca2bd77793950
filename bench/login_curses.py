"""bianmin's login form in Python's standard curses module: a peer the
benchmarks measure beside bianmin (same text, layout and styles)."""
import curses
import locale
import select
import sys
import time

VERSION = sys.argv[1] if len(sys.argv) > 1 else "0.1.0"
COUNTER = sys.argv[2] if len(sys.argv) > 2 else ""
FIELD_COLS = 24


def main(scr):
    curses.raw()
    curses.nonl()
    curses.set_escdelay(50)
    scr.nodelay(True)
    scr.keypad(True)
    bar, key, title = curses.A_REVERSE, curses.A_BOLD, curses.A_BOLD
    if curses.has_colors():
        curses.use_default_colors()
        curses.init_pair(1, curses.COLOR_WHITE, curses.COLOR_BLUE)
        curses.init_pair(2, curses.COLOR_YELLOW, curses.COLOR_BLUE)
        curses.init_pair(4, curses.COLOR_CYAN, -1)
        bar = curses.color_pair(1)
        key = curses.color_pair(2) | curses.A_BOLD
        title = curses.color_pair(4) | curses.A_BOLD
    labels = ["Staff", "Password", "Counter"]
    values = ["", "", COUNTER]
    limits = [32, 128, 8]
    focus = 0

    def put(y, x, s, attr=0):
        try:
            scr.addstr(y, x, s, attr)
        except curses.error:
            pass     # the bottom-right cell

    def draw():
        rows, cols = scr.getmaxyx()
        scr.erase()
        clock = time.strftime("%m-%d %H:%M")
        put(0, 0, " bianmin".ljust(cols), bar)
        put(0, cols - 1 - len(clock), clock, bar)
        put(0, cols - len(clock) - 8, "Online", bar)
        t = "Community service counter - log in"
        y = 1 + (rows - 3) // 2 - 4
        x = (cols - (8 + 2 + FIELD_COLS)) // 2
        put(y, (cols - len(t)) // 2, t, title)
        y += 2
        cur = (y, x)
        for i, label in enumerate(labels):
            put(y, x + 8 - len(label), label + ":")
            v = "*" * len(values[i]) if i == 1 else values[i]
            put(y, x + 10, v.ljust(FIELD_COLS)[:FIELD_COLS],
                curses.A_UNDERLINE)
            if i == focus:
                w = sum(2 if ord(c) > 0x2e7f else 1 for c in v)
                cur = (y, x + 10 + min(w, FIELD_COLS))
            y += 2
        put(y, x, "bianmin " + VERSION, curses.A_DIM)
        put(rows - 1, 0, " " * (cols - 1), bar)
        x = 1
        for k, label in (("Enter", "Next / log in"), ("F1", "Help"),
                         ("F10", "Quit")):
            put(rows - 1, x, k, key)
            x += len(k) + 1
            put(rows - 1, x, label, bar)
            x += len(label) + 2
        scr.move(*cur)
        scr.refresh()

    draw()
    while True:
        now = time.time()
        select.select([sys.stdin], [], [], 60 - now % 60)
        while True:
            try:
                k = scr.get_wch()
            except curses.error:
                break
            if k in (curses.KEY_F10, "\x11"):
                return
            if k in ("\t", "\r", curses.KEY_DOWN):
                focus = (focus + 1) % 3
            elif k in (curses.KEY_BTAB, curses.KEY_UP):
                focus = (focus + 2) % 3
            elif k in ("\x7f", "\b", curses.KEY_BACKSPACE):
                values[focus] = values[focus][:-1]
            elif isinstance(k, str) and k >= " " and \
                    len(values[focus]) < limits[focus]:
                values[focus] += k
        draw()


if __name__ == "__main__":
    locale.setlocale(locale.LC_ALL, "")
    curses.wrapper(main)
