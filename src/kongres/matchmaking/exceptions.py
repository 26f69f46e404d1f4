class MatchmakingError(Exception):
    """A rule of matchmaking was broken; ``message`` is translated and shown to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
