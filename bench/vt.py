"""A small terminal emulator: enough of TERM=screen (VT100/ANSI) to know
what a curses program has drawn, so that a benchmark can wait for a
screen and check it rather than trust timing alone.

It keeps characters only (no attributes); a double-width character
takes its cell and leaves the next one empty ("")."""
import codecs
import unicodedata

# DEC special graphics (ESC ( 0), as ncurses draws lines and corners.
ACS = {"q": "─", "x": "│", "l": "┌", "k": "┐", "m": "└", "j": "┘",
       "t": "├", "u": "┤", "v": "┴", "w": "┬", "n": "┼", "a": "▒",
       "`": "◆", "~": "·", "o": "⎺", "s": "⎽", "0": "█"}


def cpwidth(ch):
    """Display columns of one code point: 0, 1 or 2."""
    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


class Screen:
    def __init__(self, cols=80, rows=24):
        self.cols = cols
        self.rows = rows
        self.dec = codecs.getincrementaldecoder("utf-8")("replace")
        self.reset()

    def reset(self):
        self.cells = [[" "] * self.cols for _ in range(self.rows)]
        self.y = self.x = 0
        self.pending_wrap = False
        self.top, self.bottom = 0, self.rows - 1
        self.g = ["B", "B"]
        self.gl = 0
        self.saved = (0, 0)
        self.state = "text"
        self.seq = ""
        self.cursor_on = True

    # --- output ---------------------------------------------------------
    def feed(self, data):
        for ch in self.dec.decode(data):
            self._char(ch)

    def _char(self, ch):
        st = self.state
        if st == "text":
            if ch == "\x1b":
                self.state, self.seq = "esc", ""
            elif ord(ch) < 0x20 or ch == "\x7f":
                self._control(ch)
            else:
                self._print(ch)
        elif st == "esc":
            self._escape(ch)
        elif st == "csi":
            self.seq += ch
            if "\x40" <= ch <= "\x7e":
                self.state = "text"
                self._csi(self.seq[:-1], ch)
        elif st == "charset":
            self.g[self.seq_g] = ch
            self.state = "text"
        elif st == "osc":
            if ch == "\x07":
                self.state = "text"
            elif ch == "\x1b":
                self.state = "osc_esc"
        elif st == "osc_esc":
            self.state = "text"

    def _control(self, ch):
        if ch == "\r":
            self.x = 0
            self.pending_wrap = False
        elif ch in "\n\x0b\x0c":
            self._index()
        elif ch == "\b":
            if self.x > 0:
                self.x -= 1
            self.pending_wrap = False
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
        elif ch == "\x0e":
            self.gl = 1
        elif ch == "\x0f":
            self.gl = 0

    def _escape(self, ch):
        self.state = "text"
        if ch == "[":
            self.state, self.seq = "csi", ""
        elif ch in "()":
            self.state, self.seq_g = "charset", 0 if ch == "(" else 1
        elif ch == "]":
            self.state = "osc"
        elif ch == "7":
            self.saved = (self.y, self.x)
        elif ch == "8":
            self.y, self.x = self.saved
        elif ch == "M":
            if self.y == self.top:
                self._scroll(-1)
            elif self.y > 0:
                self.y -= 1
        elif ch == "D":
            self._index()
        elif ch == "E":
            self.x = 0
            self._index()
        elif ch == "c":
            self.reset()

    def _index(self):
        self.pending_wrap = False
        if self.y == self.bottom:
            self._scroll(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _scroll(self, n):
        region = self.cells[self.top:self.bottom + 1]
        blank = [[" "] * self.cols for _ in range(abs(n))]
        if n > 0:
            region = region[n:] + blank
        else:
            region = blank + region[:n]
        self.cells[self.top:self.bottom + 1] = region

    def _print(self, ch):
        if self.g[self.gl] == "0" and ch in ACS:
            ch = ACS[ch]
        w = cpwidth(ch)
        if w == 0:
            return
        if self.pending_wrap or self.x + w > self.cols:
            self.x = 0
            self._index()
        row = self.cells[self.y]
        row[self.x] = ch
        if w == 2:
            row[self.x + 1] = ""
        self.x += w
        if self.x >= self.cols:
            self.x = self.cols - 1
            self.pending_wrap = True

    def _csi(self, params, final):
        private = params.startswith("?")
        args = [int(p) if p.isdigit() else 0
                for p in params.lstrip("?>").split(";")] if params else []

        def arg(i, default=1):
            return args[i] if len(args) > i and args[i] else default

        self.pending_wrap = False
        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.cols - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0))
        elif final == "C":
            self.x = min(self.cols - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "G" or final == "`":
            self.x = min(self.cols - 1, arg(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0) - 1)
        elif final == "J":
            self._erase_display(arg(0, 0))
        elif final == "K":
            self._erase_line(arg(0, 0))
        elif final == "X":
            n = arg(0)
            row = self.cells[self.y]
            for i in range(self.x, min(self.cols, self.x + n)):
                row[i] = " "
        elif final == "@":
            row = self.cells[self.y]
            n = arg(0)
            row[self.x:self.x] = [" "] * n
            del row[self.cols:]
        elif final == "P":
            row = self.cells[self.y]
            n = arg(0)
            del row[self.x:self.x + n]
            row.extend([" "] * (self.cols - len(row)))
        elif final in "LM":
            if self.top <= self.y <= self.bottom:
                saved = self.top
                self.top = self.y
                self._scroll(-arg(0) if final == "L" else arg(0))
                self.top = saved
        elif final == "S":
            self._scroll(arg(0))
        elif final == "T":
            self._scroll(-arg(0))
        elif final == "r":
            self.top = arg(0) - 1
            self.bottom = arg(1, self.rows) - 1
            self.y = self.x = 0
        elif final in "hl" and private and 25 in args:
            self.cursor_on = final == "h"

    def _erase_line(self, mode):
        row = self.cells[self.y]
        lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1),
                  2: (0, self.cols)}.get(mode, (0, 0))
        for i in range(lo, hi):
            row[i] = " "

    def _erase_display(self, mode):
        if mode == 0:
            self._erase_line(0)
            rows = range(self.y + 1, self.rows)
        elif mode == 1:
            self._erase_line(1)
            rows = range(0, self.y)
        else:
            rows = range(self.rows)
        for r in rows:
            self.cells[r] = [" "] * self.cols

    # --- reading --------------------------------------------------------
    def line(self, y):
        return "".join(self.cells[y]).rstrip()

    def text(self):
        return "\n".join(self.line(y) for y in range(self.rows))

    def contains(self, *texts):
        t = self.text()
        return all(s in t for s in texts)
