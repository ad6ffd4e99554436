"""Shared fixtures. Tests that need ../shared/data skip cleanly when it is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEED_PATH = SHARED / "seeds" / "000_52267fcacd1ca62e.txt"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"development data not available: {path}")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder (PolNeAR, BABE, PTC, corpus-sources), or skip."""
    return _require(DATA)


@pytest.fixture(scope="session")
def seed_corpus():
    """The founding article as a one-row corpus (shipped in corpora/seed)."""
    import framing

    return framing.datasets.load("seed")


@pytest.fixture(scope="session")
def seed_text(seed_corpus) -> str:
    return seed_corpus["text"].iloc[0]


def _load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def polnear_dev_records() -> list[dict]:
    """Raw PolNeAR dev records (text plus gold quotes), or skip."""
    return _load_jsonl(_require(DATA / "polnear" / "dev.jsonl"))


@pytest.fixture(scope="session")
def polnear_train_records() -> list[dict]:
    return _load_jsonl(_require(DATA / "polnear" / "train.jsonl"))
