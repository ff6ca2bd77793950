#!/usr/bin/env python3
"""etc/bianmind.service: systemd-analyze verify finds nothing to say
about it (run against the built binary, since verify checks that
ExecStart exists), it runs bianmind as its own user with its state
folder, a strict read-only system and a restart on failure, and it
names the paths the Makefile and the packages install to."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import BIN, TOP, run, SkipTest  # noqa

UNIT = os.path.join(TOP, "etc", "bianmind.service")


def settings():
    out = {}
    for line in open(UNIT):
        m = re.match(r"^(\w+)=(.*)$", line.strip())
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def test_verify_is_silent():
    if shutil.which("systemd-analyze") is None:
        raise SkipTest("systemd-analyze not installed (make deps)")
    d = tempfile.mkdtemp(prefix="bianmin-unit-")
    try:
        text = open(UNIT).read().replace("/usr/sbin/bianmind",
                                         os.path.join(BIN, "bianmind"))
        path = os.path.join(d, "bianmind.service")
        with open(path, "w") as f:
            f.write(text)
        r = subprocess.run(["systemd-analyze", "verify", "--man=no", path],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and r.stdout + r.stderr == "", r
    finally:
        shutil.rmtree(d)


def test_sandbox_and_restart():
    s = settings()
    for key, value in (("User", "bianmin"), ("StateDirectory", "bianmin"),
                       ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
                       ("NoNewPrivileges", "yes"), ("PrivateTmp", "yes"),
                       ("Restart", "on-failure"),
                       ("ExecReload", "/bin/kill -HUP $MAINPID")):
        assert s.get(key) == [value], (key, s.get(key))
    assert s["ExecStart"] == ["/usr/sbin/bianmind --config "
                              "/etc/bianmin/bianmind.conf"], s["ExecStart"]


def test_paths_agree_with_the_install():
    make = open(os.path.join(TOP, "Makefile")).read()
    assert "SBINDIR\t?= $(PREFIX)/sbin" in make
    conf = open(os.path.join(TOP, "etc", "bianmind.conf")).read()
    assert re.search(r"^db = /var/lib/bianmin/", conf, re.M), conf
    inst = open(os.path.join(TOP, "debian", "bianmind.install")).read()
    assert "usr/sbin/bianmind" in inst and \
        "etc/bianmin/bianmind.conf" in inst, inst


if __name__ == "__main__":
    run(sorted((n, f) for n, f in globals().items()
               if n.startswith("test_")))
