"""What a clerk does at the counter, step by step in tmux, where more
than one end-to-end test does the same."""

LI = "610202194007080046"       # 李光明, 86, 光明社区 (clerk02's)


def log_in(t, user="clerk02"):
    """A demo clerk logs in from the first screen, to the lookup."""
    t.wait_for("bianmin 0.")
    t.type(user)
    t.keys("Enter")
    t.type("demo-clerk")
    t.keys("Enter", "Enter")
    t.wait_for("ID number / name / mobile")


def fill_0501(t):
    """The 高龄津贴 form just opened: filled from the record and a bank
    card, ready for F9."""
    t.wait_for("0501", "[record]")
    t.type("6214830912345678")          # the first field to fill
    # on to the materials: the first three are required, then the
    # declaration (tick each with Space)
    for _ in range(6):
        t.keys("Tab")
    t.keys("Space", "Tab", "Space", "Tab", "Space", "Tab", "Tab", "Space")


def form_0501(t):
    """From a resident's profile: F3 0501, filled, ready for F9."""
    t.keys("F3")
    t.wait_for("Transaction code")
    t.type("0501")
    t.keys("Enter")
    fill_0501(t)


def li_0501(t):
    """clerk02 logs in and fills 李光明's 高龄津贴, ready for F9."""
    log_in(t)
    t.type(LI)
    t.keys("Enter")
    t.wait_for("李光明", "Household")
    form_0501(t)
