"""A pty driver: runs one program on a pseudo-terminal of a fixed size,
counts every byte it writes with the time it arrived, keeps a screen
model of it (vt.Screen), sends keys, and reads its /proc figures."""
import errno
import fcntl
import os
import re
import select
import signal
import struct
import termios
import time

import vt

# Keys as a terminal with TERM=screen sends them.
KEYS = {
    "Enter": b"\r", "Tab": b"\t", "BTab": b"\x1b[Z", "Esc": b"\x1b",
    "BSpace": b"\x7f", "Up": b"\x1bOA", "Down": b"\x1bOB",
    "Right": b"\x1bOC", "Left": b"\x1bOD", "PgDn": b"\x1b[6~",
    "PgUp": b"\x1b[5~", "F1": b"\x1bOP", "F3": b"\x1bOR",
    "F9": b"\x1b[20~", "F10": b"\x1b[21~", "C-u": b"\x15", "C-q": b"\x11",
    "C-r": b"\x12", "Space": b" ",
}

CSI = re.compile(rb"\x1b(\[[0-9;?>]*[\x40-\x7e]|[()][0-9A-Za-z]|[^\[()])")


def now_ns():
    return time.perf_counter_ns()


def visible(data):
    """The bytes of a write with escape sequences taken out."""
    return CSI.sub(b"", data)


class Timeout(Exception):
    pass


class Proc:
    """One program on its own pty. Every read is logged as (ns, bytes)."""

    def __init__(self, argv, env=None, cols=80, rows=24):
        self.argv = argv
        self.screen = vt.Screen(cols, rows)
        self.total = 0
        self.eof = False
        self.status = None
        self.t_launch = now_ns()
        pid, fd = os.forkpty()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ,
                            struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], argv, env if env is not None
                           else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)
        self.last = b""          # what the last read() returned
        self.t_last = 0

    # --- reading --------------------------------------------------------
    def pump(self, timeout):
        """Reads what arrives within timeout seconds; returns the bytes."""
        if self.eof:
            time.sleep(timeout)
            return b""
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return b""
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        t = now_ns()
        if not data:
            self.eof = True
            return b""
        self.total += len(data)
        self.last, self.t_last = data, t
        self.screen.feed(data)
        return data

    def wait_screen(self, *texts, timeout=10.0):
        """Reads until every text is on the screen; returns the time of
        the read that completed it."""
        deadline = time.monotonic() + timeout
        while not self.screen.contains(*texts):
            left = deadline - time.monotonic()
            if left <= 0 or self.eof:
                raise Timeout("%s: waited for %r; screen:\n%s" % (
                    os.path.basename(self.argv[0]), texts,
                    self.screen.text()))
            self.pump(min(left, 0.05))
        return self.t_last

    def settle(self, quiet=0.05, timeout=5.0):
        """Reads until nothing has arrived for quiet seconds; returns the
        bytes read."""
        got = 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.pump(quiet)
            if not data:
                return got
            got += len(data)
        return got

    # --- writing --------------------------------------------------------
    def send(self, *keys):
        for k in keys:
            os.write(self.fd, KEYS.get(k, k.encode() if isinstance(k, str)
                                       else k))

    def change(self, key, until=None, quiet=0.03, timeout=10.0):
        """Sends one key and returns the bytes the program wrote for it:
        everything until the screen shows `until` (if given) and then
        quiet seconds of silence."""
        self.settle(quiet=0.005, timeout=1.0)
        before = self.total
        self.send(key)
        if until is not None:
            self.wait_screen(*until, timeout=timeout)
        else:
            self.pump(timeout)
        self.settle(quiet=quiet, timeout=timeout)
        return self.total - before

    def echo_time(self, key, expect=None, timeout=2.0, drain=0.002):
        """Sends one key; returns (ns until the first byte back, ok). With
        expect, the echo must hold those bytes outside escape sequences
        (a spinner tick alone does not count)."""
        raw = KEYS.get(key, key.encode() if isinstance(key, str) else key)
        t0 = now_ns()
        os.write(self.fd, raw)
        deadline = time.monotonic() + timeout
        first = None
        got = b""
        while time.monotonic() < deadline:
            data = self.pump(deadline - time.monotonic())
            if not data:
                continue
            got += data
            if expect is not None and expect not in visible(got):
                continue
            first = self.t_last - t0 if first is None else first
            break
        if first is None:
            return None, False
        # the rest of this update, so the next key starts clean
        while self.pump(drain):
            pass
        return first, True

    # --- /proc ----------------------------------------------------------
    # bianmin runs under a guard: a parent that only waits so it can
    # put the terminal back after a crash. The figures of a program are
    # those of its whole group: CPU and wake-ups summed, memory and
    # libraries of the process that does the work (the youngest).
    def group(self):
        """The program's pid and those of its descendants, eldest first."""
        pids, i = [self.pid], 0
        while i < len(pids):
            try:
                with open("/proc/%d/task/%d/children"
                          % (pids[i], pids[i])) as f:
                    pids += [int(x) for x in f.read().split()]
            except OSError:
                pass
            i += 1
        return pids

    def worker(self):
        return self.group()[-1]

    def guard_private_kb(self):
        """What the guard adds to memory: its pages not shared with the
        child (None without a guard)."""
        if self.worker() == self.pid:
            return None
        total = 0
        try:
            with open("/proc/%d/smaps_rollup" % self.pid) as f:
                for line in f:
                    if line.startswith(("Private_Clean:",
                                        "Private_Dirty:")):
                        total += int(line.split()[1])
        except OSError:
            return None
        return total

    def pss_kb(self):
        """Proportional set size of the whole group (kB): what the
        program adds to the machine, shared pages split among their
        users, whichever process of the group touched them first."""
        total = 0
        for pid in self.group():
            try:
                with open("/proc/%d/smaps_rollup" % pid) as f:
                    for line in f:
                        if line.startswith("Pss:"):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total

    def status_kb(self, field):
        return self._status_kb(self.worker(), field)

    @staticmethod
    def _status_kb(pid, field):
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def ctxt_switches(self):
        v = n = 0
        for pid in self.group():
            v += self._status_kb(pid, "voluntary_ctxt_switches") or 0
            n += self._status_kb(pid, "nonvoluntary_ctxt_switches") or 0
        return v + n, v

    def cpu_ns(self):
        """CPU time used so far by the group: the scheduler's own count
        (ns) when the kernel has schedstat, else utime + stime in clock
        ticks. A process that has just left counts nothing more."""
        total = 0
        for pid in self.group():
            try:
                total += self._cpu_ns(pid)
            except (OSError, ValueError, IndexError):
                pass
        return total

    @staticmethod
    def _cpu_ns(pid):
        try:
            with open("/proc/%d/schedstat" % pid) as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        return ticks * 1000000000 // os.sysconf("SC_CLK_TCK")

    def maps(self):
        """The files mapped into the process (shared libraries)."""
        seen = []
        with open("/proc/%d/maps" % self.worker()) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and parts[5].startswith("/") and \
                        parts[5] not in seen:
                    seen.append(parts[5])
        return seen

    # --- ending ---------------------------------------------------------
    def alive(self):
        if self.status is not None:
            return False
        pid, st = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = st
        return False

    def stop(self, timeout=3.0):
        """Ends the program: SIGTERM, then SIGKILL; always reaps it."""
        if self.alive():
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + timeout
            while self.alive() and time.monotonic() < deadline:
                self.pump(0.02)
            if self.alive():
                os.kill(self.pid, signal.SIGKILL)
                _, self.status = os.waitpid(self.pid, 0)
        try:
            os.close(self.fd)
        except OSError:
            pass
