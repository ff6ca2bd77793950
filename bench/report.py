"""Results: one Row per metric and program; written as a Markdown table
(bench/results/latest.md) and a CSV beside it."""
import csv
import os
import platform
import statistics
import time


def median(v):
    return statistics.median(v) if v else None


class Row:
    """A figure of one program. With a baseline and a target it becomes a
    comparison that passes or fails.

    kind: "ratio" (median / baseline median <= limit), "ratio-min"
    (median / baseline median >= limit), "max" (median <= limit), "min"
    (median >= limit), "info" (no target)."""

    def __init__(self, metric, program, unit, values, baseline=None,
                 base_values=None, kind="info", limit=None, target="",
                 note="", fmt="%.1f", main=True):
        self.metric = metric
        self.program = program
        self.unit = unit
        self.values = [v for v in values if v is not None]
        self.baseline = baseline
        self.base_values = [v for v in (base_values or [])
                            if v is not None]
        self.kind = kind
        self.limit = limit
        self.target = target
        self.note = note
        self.fmt = fmt
        self.main = main        # in the main table of latest.md

    @property
    def med(self):
        return median(self.values)

    @property
    def base_med(self):
        return median(self.base_values)

    @property
    def ratio(self):
        if self.med is None or not self.base_med:
            return None
        return self.med / self.base_med

    @property
    def result(self):
        if self.kind == "info" or self.med is None:
            return "n/a" if self.med is None else ""
        if self.kind == "ratio":
            if self.ratio is None:
                return "n/a"
            return "pass" if self.ratio <= self.limit else "FAIL"
        if self.kind == "ratio-min":
            if self.ratio is None:
                return "n/a"
            return "pass" if self.ratio >= self.limit else "FAIL"
        if self.kind == "max":
            return "pass" if self.med <= self.limit else "FAIL"
        if self.kind == "min":
            return "pass" if self.med >= self.limit else "FAIL"
        return ""

    def f(self, v):
        return "" if v is None else self.fmt % v

    def span(self):
        if len(self.values) < 2:
            return ""
        return "%s–%s" % (self.f(min(self.values)), self.f(max(self.values)))


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GB" % (int(f.readline().split()[1]) / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d CPUs, %s RAM, Linux %s" % (cpu, os.cpu_count() or 0, mem,
                                              platform.release())


def write(rows, peers, notes, out_dir, settings, sections=()):
    os.makedirs(out_dir, exist_ok=True)
    md = os.path.join(out_dir, "latest.md")
    with open(md, "w") as f:
        f.write("# bianmin benchmarks: latest run\n\n")
        f.write("Run %s by `make bench%s` on %s.\n\n" % (
            time.strftime("%Y-%m-%d %H:%M"), settings["mode"], machine()))
        f.write("The machine is shared with other work: absolute times "
                "move from run to run, so quote medians and the ratios "
                "against the baselines run beside bianmin in the same "
                "command. %s\n\n" % settings["runs"])
        f.write("| metric | bianmin median | min–max | baseline | "
                "baseline median | ratio | target | result |\n")
        f.write("|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            if not r.main:
                continue
            unit = " " + r.unit if r.unit else ""
            metric = r.metric if r.program == "bianmin" else \
                "%s: %s" % (r.program, r.metric)
            f.write("| %s | %s%s | %s | %s | %s | %s | %s | %s |\n" % (
                metric, r.f(r.med), unit, r.span(), r.baseline or "",
                r.f(r.base_med) + (unit if r.base_med is not None else ""),
                "%.2f×" % r.ratio if r.ratio is not None and
                r.baseline else "", r.target, r.result))
        if peers:
            f.write("\n## Peers (medians)\n\n")
            cols = [c[0] for c in peers["columns"]]
            f.write("| program | " + " | ".join(cols) + " |\n")
            f.write("|---|" + "---|" * len(cols) + "\n")
            for name, vals in peers["rows"]:
                f.write("| %s | %s |\n" % (name, " | ".join(vals)))
        for title, text in sections:
            f.write("\n## %s\n\n%s\n" % (title, text))
        if notes:
            f.write("\n## Notes from this run\n\n")
            for n in notes:
                f.write("- %s\n" % n)
    with open(os.path.join(out_dir, "latest.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["metric", "program", "unit", "median", "min", "max",
                    "runs", "baseline", "baseline_median", "ratio",
                    "target", "result"])
        for r in rows:
            w.writerow([r.metric, r.program, r.unit, r.f(r.med),
                        r.f(min(r.values)) if r.values else "",
                        r.f(max(r.values)) if r.values else "",
                        len(r.values), r.baseline or "", r.f(r.base_med),
                        "%.3f" % r.ratio if r.ratio is not None and
                        r.baseline else "", r.target, r.result])
    return md
