"""``python -m framing``: the same as the ``framing`` command."""
import sys

from framing.cli import main

if __name__ == "__main__":
    sys.exit(main())
