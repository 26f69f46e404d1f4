"""SQLite with a queue for writers (see ``base.DatabaseWrapper``)."""
