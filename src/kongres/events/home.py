"""What apps above ``events`` add to an edition's home page.

``events`` does not know the program: the program app registers, in its ``AppConfig.ready()``,
a builder of the figures the home page shows (``register_home_context("summary", ...)``).
Each builder is called with the edition inside its scope and its result is put into the
template context under its name.
"""

from collections.abc import Callable
from typing import Any

_builders: dict[str, Callable[..., Any]] = {}


def register_home_context(name: str, builder: Callable[..., Any]) -> None:
    """``builder(edition=...)`` returns what the template finds under ``name``."""
    _builders[name] = builder


def home_context(*, edition) -> dict[str, Any]:
    return {name: builder(edition=edition) for name, builder in _builders.items()}
