"""tests/fixtures/chaos_proxy.py in front of a server, its mode changed
while clients run (the modes: that file's docstring)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

PROXY = os.path.join(os.path.dirname(__file__), "..", "fixtures",
                     "chaos_proxy.py")


class Proxy:
    def __init__(self, target_port, mode="pass"):
        self.dir = tempfile.mkdtemp(prefix="bianmin-proxy-")
        self.mode_file = os.path.join(self.dir, "mode")
        self.set(mode)
        port_file = os.path.join(self.dir, "port")
        self.proc = subprocess.Popen([sys.executable, PROXY, port_file,
                                      str(target_port), self.mode_file])
        while not os.path.exists(port_file) or \
                not open(port_file).read().strip():
            time.sleep(0.02)
        self.url = "http://127.0.0.1:%s" % open(port_file).read().strip()

    def set(self, mode):
        with open(self.mode_file, "w") as f:
            f.write(mode)

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
