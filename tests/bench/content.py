"""Synthetic policy packs of realistic text, indexed into a fresh data directory."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from checkback.core.content_packs import scan_policy_files
from checkback.paths import SETTINGS_FILE, shipped_content_dir
from checkback.storage.database import database_path, open_database
from checkback.storage.policy_index import IndexReport, sync_policies

CATEGORIES = ("Delivery", "Returns and refunds", "Orders", "Product quality", "Warranty",
              "Conversations", "Escalation", "Goodwill", "Follow-up", "Privacy", "Stores",
              "Loyalty")


def vocabulary() -> tuple[list[str], list[float]]:
    """The words of the shipped policies and Zipf-like weights (common words weigh more)."""
    text = " ".join(path.read_text(encoding="utf-8")
                    for path in (shipped_content_dir() / "policies").glob("*.md"))
    counts = Counter(word.lower() for word in re.findall(r"[A-Za-z]{2,}", text))
    words = [word for word, _count in counts.most_common()]
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def write_pack(root: Path, size: int, seed: int = 7) -> Path:
    """Write ``size`` policy files into ``root/policies`` and return ``root``."""
    rng = random.Random(seed)
    words, weights = vocabulary()
    folder = root / "policies"
    folder.mkdir(parents=True, exist_ok=True)

    def some(low: int, high: int) -> list[str]:
        return rng.choices(words, weights, k=rng.randint(low, high))

    for number in range(size):
        lists = "\n".join(f"{key}:\n" + "\n".join(f"  - {' '.join(some(4, 9))}" for _ in range(3))
                          for key in ("can", "with_approval", "cannot"))
        text = (f"---\ntitle: {' '.join(some(3, 6)).capitalize()}\n"
                f"category: {rng.choice(CATEGORIES)}\ntags: [{', '.join(some(3, 6))}]\n"
                f"{lists}\nreviewed: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n"
                f"## When this applies\n\n{' '.join(some(80, 250))}\n")
        (folder / f"policy-{number:05}.md").write_text(text, encoding="utf-8")
    return root


def install_pack(pack: Path, data_dir: Path) -> IndexReport:
    """Make ``pack`` a team folder of ``data_dir`` and index it with the shipped pack.

    The app then starts on a complete, current index, as it would on an agent's machine.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / SETTINGS_FILE).write_text(f"[content]\nteam_folders={pack}\n")
    db = open_database(database_path(data_dir))
    try:
        return sync_policies(db, scan_policy_files([shipped_content_dir(), pack]))
    finally:
        db.close()
