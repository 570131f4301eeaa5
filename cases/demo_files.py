"""The demo cases' files (cases/demo_cases/*.json): where they are and how one is read.

Without Django, so that what only reads a case's file (the lessons' worked examples, the
workshop day) need not import the demo loader and, through it, the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).resolve().parent / "demo_cases"
PHOTO_DIR = DEMO_DIR / "photos"


def case_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.json"))


def read_case(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def demo_case(slug: str) -> dict[str, Any]:
    """Demo case `slug`'s file, parsed."""
    return read_case(DEMO_DIR / f"{slug}.json")


def demo_cases() -> list[dict[str, Any]]:
    """Every demo case file, parsed, in slug order."""
    return [read_case(path) for path in case_files()]
