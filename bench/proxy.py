#!/usr/bin/env python3
"""A loopback TCP proxy that forwards to a server until SIGUSR1, and from
then on holds every request: it keeps reading what the client sends and
never forwards or answers it. SIGUSR2 forwards again (held bytes are
dropped). It leaves by itself after --max-seconds.

usage: proxy.py --upstream PORT --port-file FILE [--max-seconds N]
"""
import argparse
import os
import selectors
import signal
import socket
import time

hold = False


def on_usr1(sig, frame):
    global hold
    hold = True


def on_usr2(sig, frame):
    global hold
    hold = False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", type=int, required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-seconds", type=float, default=900)
    a = ap.parse_args()
    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGUSR2, on_usr2)
    signal.signal(signal.SIGTERM, lambda s, f: os._exit(0))

    sel = selectors.DefaultSelector()
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(64)
    ls.setblocking(False)
    sel.register(ls, selectors.EVENT_READ, None)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(ls.getsockname()[1]))
    os.rename(tmp, a.port_file)

    peer = {}           # socket -> the socket it forwards to (or None)
    deadline = time.monotonic() + a.max_seconds

    def close(s):
        for x in (s, peer.get(s)):
            if x is not None and x in peer:
                sel.unregister(x)
                del peer[x]
                x.close()

    while time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            if s is ls:
                c, _ = ls.accept()
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                u = None
                if not hold:
                    u = socket.create_connection(("127.0.0.1", a.upstream))
                    u.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    peer[u] = c
                    sel.register(u, selectors.EVENT_READ, "up")
                peer[c] = u
                sel.register(c, selectors.EVENT_READ, "client")
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                close(s)
                continue
            other = peer.get(s)
            if other is None or (hold and key.data == "client"):
                continue        # held: read, never forwarded
            try:
                other.sendall(data)
            except OSError:
                close(s)


if __name__ == "__main__":
    main()
