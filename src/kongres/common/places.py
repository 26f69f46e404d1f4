"""Numbered places (quota places, seats): unique positive numbers, the lowest free one taken."""


def next_in_order(limit: int, taken: int, highest: int | None) -> int | None:
    """The lowest free number of 1..limit (seats, quota places), from two cheap figures.

    Numbers are unique and positive, so when the highest number taken equals how many are
    taken they are exactly 1..n and the next is n + 1 (0: all taken). Returns None when there
    is a gap left by a cancellation: then the numbers must be listed.
    """
    if (highest or 0) != taken:
        return None
    return taken + 1 if taken < limit else 0
