"""Synthetic policy packs of realistic text, indexed into a fresh data directory.

``words.txt`` holds about 2,000 words: those of the shipped policies, most frequent first,
then some 800 more customer-service words. Text draws them with Zipf-like weights, so
"the" and "customer" are common and "mattress" is rare, as in real policies.
"""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

from checkback.paths import SETTINGS_FILE, shipped_content_dir
from checkback.storage.content_index import IndexReport
from checkback.storage.database import database_path
from checkback.ui.content_indexer import IndexPasses

CATEGORIES = ("Delivery", "Returns and refunds", "Orders", "Product quality", "Warranty",
              "Conversations", "Escalation", "Goodwill", "Follow-up", "Privacy", "Stores",
              "Loyalty")
_FUNCTION_WORDS = ("this that with have from they their them then than when what your will been "
                   "were also only into each does which there would could should about after "
                   "before more most some such very just over here where while these those "
                   "other same every")


def vocabulary() -> list[str]:
    """All the words, most frequent first."""
    return Path(__file__).with_name("words.txt").read_text(encoding="utf-8").split()


def content_words() -> list[str]:
    """The words a title, tag or query is made of: no short or function words."""
    stop = set(_FUNCTION_WORDS.split())
    return [word for word in vocabulary() if len(word) >= 4 and word not in stop]


class Words:
    """Draws words: Zipf weights for prose, flatter ones for titles and tags."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.all = vocabulary()
        self.all_weights = list(accumulate(1 / rank for rank in range(1, len(self.all) + 1)))
        self.content = content_words()
        self.content_weights = list(accumulate(rank ** -0.5
                                               for rank in range(1, len(self.content) + 1)))

    def prose(self, low: int, high: int) -> list[str]:
        return self.rng.choices(self.all, cum_weights=self.all_weights,
                                k=self.rng.randint(low, high))

    def key(self, low: int, high: int) -> list[str]:
        return self.rng.choices(self.content, cum_weights=self.content_weights,
                                k=self.rng.randint(low, high))


def _sentences(words: list[str], rng: random.Random) -> str:
    out, start = [], 0
    while start < len(words):
        end = start + rng.randint(8, 20)
        out.append(" ".join(words[start:end]).capitalize() + ".")
        start = end
    return " ".join(out)


def policy_file_text(words: Words) -> str:
    """One policy file: front matter (title, category, tags, parameter lists) and a body."""
    rng = words.rng
    tags = ", ".join(f'"{" ".join(words.key(1, 2))}"' for _ in range(rng.randint(3, 6)))
    lists = "".join(
        f"{key}:\n" + "".join(f"  - {' '.join(words.prose(4, 10)).capitalize()}\n"
                              for _ in range(rng.randint(1, 4)))
        for key in ("can", "with_approval", "cannot"))
    body = words.prose(80, 250)
    split = len(body) // 3
    return (f"---\ntitle: {' '.join(words.key(3, 6)).capitalize()}\n"
            f"category: {rng.choice(CATEGORIES)}\ntags: [{tags}]\n{lists}"
            f"reviewed: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n"
            f"## When this applies\n\n{_sentences(body[:split], rng)}\n\n"
            f"## How to handle it\n\n{_sentences(body[split:], rng)}\n")


def write_pack(root: Path, size: int, seed: int = 7) -> Path:
    """Write ``size`` policy files into ``root/policies`` and return ``root``."""
    words = Words(random.Random(seed))
    folder = root / "policies"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(size):
        (folder / f"policy-{number:05}.md").write_text(policy_file_text(words), encoding="utf-8")
    return root


def install_pack(pack: Path, data_dir: Path) -> IndexReport:
    """Make ``pack`` a team folder of ``data_dir`` and index it with the shipped pack, by the
    app's own pass (every kind of content).

    The app then starts on a complete, current index of exactly the packs it will look at,
    as it would on an agent's machine, so its own pass after start-up changes nothing.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / SETTINGS_FILE).write_text(f"[content]\nteam_folders={pack}\n", encoding="utf-8")
    passes = IndexPasses(database_path(data_dir))
    try:
        return passes.index([shipped_content_dir(), pack])[0]
    finally:
        passes.close()
