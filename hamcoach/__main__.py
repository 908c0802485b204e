"""`python -m hamcoach`."""

from hamcoach.cli.main import main

raise SystemExit(main())
