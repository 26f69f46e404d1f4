"""Kongres: an open-source congress platform."""

__version__ = "0.1.0"
