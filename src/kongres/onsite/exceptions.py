class OnsiteError(Exception):
    """A rule of check-in was broken; ``message`` is translated and shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
