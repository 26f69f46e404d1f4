"""Reads of the on-site app, named <entity>_<action> with keyword-only arguments."""
