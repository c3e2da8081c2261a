"""``python -m app`` is the same as the ``resumepair`` command."""

import sys

from app.cli.main import main

sys.exit(main())
