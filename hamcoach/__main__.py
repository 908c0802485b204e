"""`python -m hamcoach`."""

from hamcoach.cli import main

raise SystemExit(main())
