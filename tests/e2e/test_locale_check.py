#!/usr/bin/env python3
"""The translation check itself: on a copy of the sources, each kind of
mistake it exists for makes it fail, and the clean tree passes."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from harness import TOP, run  # noqa

CHECK = os.path.join(TOP, "scripts", "check-i18n.py")


def tree():
    d = tempfile.mkdtemp(prefix="bianmin-i18n-")
    for sub in ("tui", "forms", "api", "locale", "printing", "util"):
        shutil.copytree(os.path.join(TOP, sub), os.path.join(d, sub))
    return d


def check(d):
    r = subprocess.run([sys.executable, CHECK, d], capture_output=True,
                       text=True)
    return r.returncode, r.stdout


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def failing(d, rule_words):
    rc, out = check(d)
    shutil.rmtree(d)
    assert rc != 0, out
    bad = [l for l in out.splitlines() if l.startswith("not ok")]
    assert any(rule_words in l for l in bad), out
    return out


def test_clean_tree_passes():
    d = tree()
    rc, out = check(d)
    shutil.rmtree(d)
    assert rc == 0 and "not ok" not in out, out


def test_unmarked_draw_text_fails():
    d = tree()
    edit(os.path.join(d, "tui", "screen-home.c"),
         '_("Main menu")', '"Main menu"')
    out = failing(d, "marked for translation")
    assert "screen-home.c" in out and "Main menu" in out, out


def test_unmarked_key_name_fails():
    d = tree()
    edit(os.path.join(d, "tui", "screen-login.c"),
         '{ N_("Tab"), ', '{ "Tab", ')
    out = failing(d, "marked for translation")
    assert "'Tab' in a keyhelp table" in out, out


def test_unmarked_stderr_message_fails():
    d = tree()
    edit(os.path.join(d, "tui", "bianmin.c"),
         '_("bianmin: cannot open the log %s\\n")',
         '"bianmin: cannot open the log %s\\n"')
    failing(d, "marked for translation")


def test_new_string_without_translation_fails():
    d = tree()
    edit(os.path.join(d, "tui", "screen-home.c"),
         '_("Main menu")', '_("Main menu, new")')
    out = failing(d, "zh_CN.po translates every msgid")
    assert "used but not defined" in out, out


def test_english_catalog_is_checked_too():
    d = tree()
    edit(os.path.join(d, "locale", "en.po"),
         'msgstr "Main menu"', 'msgstr ""')
    failing(d, "en.po translates every msgid")


def test_broken_format_fails():
    d = tree()
    edit(os.path.join(d, "locale", "zh_CN.po"),
         'msgstr "第 %d/%d 页，共 %lld 人"', 'msgstr "第 %d/%s 页，共 %lld 人"')
    failing(d, "zh_CN.po keeps every format string intact")


def test_ambiguous_width_in_catalog_fails():
    d = tree()
    edit(os.path.join(d, "locale", "zh_CN.po"),
         'msgstr "正在加载..."', 'msgstr "正在加载\u2026"')
    out = failing(d, "no ambiguous-width character")
    assert "U+2026" in out, out


if __name__ == "__main__":
    run([(name, fn) for name, fn in sorted(globals().items())
         if name.startswith("test_")])
