"""An agent's window in Berlin working hours, on a clock the test moves."""

from pathlib import Path

import pytest

from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, TIME_ZONE, Settings
from tests.gui.follow_ups.test_panel import MONDAY_10, Clock


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_10)


@pytest.fixture
def agent(open_window, data_dir: Path, clock: Clock):
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    settings.set(TIME_ZONE, "Europe/Berlin")
    window = open_window(shipped_content_dir())
    window.checklist.clock = clock
    return window
