"""``python -m app`` is the same as the ``resumepair`` command."""

from app.cli.main import run

run()
