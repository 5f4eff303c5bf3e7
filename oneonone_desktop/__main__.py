"""Allow `python -m oneonone_desktop`."""

from oneonone_desktop.cli import main

raise SystemExit(main())
