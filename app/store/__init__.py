"""The data folder's SQLite database: connections, transactions, migrations, recovery, and the clock it stamps.

The lowest layer that keeps state: it knows SQL and files, nothing of resumes, rendering or jobs. The library
(``app.library``) and the export queue (``app.export``) both build on it.
"""
