"""``python -m generator.search SITE``: the background indexer's child (background.py)."""

import sys

from .background import child_main

sys.exit(child_main(sys.argv[1:]))
