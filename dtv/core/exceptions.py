class DomainError(Exception):
    """A business rule said no. `code` is machine-readable; the message is user-facing (translatable)."""

    code = "rule_violation"

    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
