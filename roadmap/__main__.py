"""Allows `python -m roadmap`."""

from roadmap.cli import main

raise SystemExit(main())
