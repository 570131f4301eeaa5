"""`python -m calcengine ...`: see calcengine.cli."""

import sys

from calcengine.cli import main

sys.exit(main())
