"""Writes of the on-site app: check-in scans and syncs (atomic, locked, logged)."""
