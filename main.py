"""Start oneonone-desktop from a checkout: `python main.py [command] [options]`."""

import sys

from oneonone_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
