"""Where the shared contracts and their known cases live.

The project's checkout stands beside `shared/` (in CI too); `SCHADE_SHARED_DIR` points elsewhere.
"""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("SCHADE_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve()
GOLDEN_DIR = SHARED_DIR / "cases" / "golden"
SCORING_DIR = SHARED_DIR / "cases" / "scoring"
SEED_DIR = SHARED_DIR / "seed"
