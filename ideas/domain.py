"""What every exercise's services share: the refusals a person reads, and a post's key."""

import uuid


class Refused(Exception):
    """An action this person may not take now; the message is for them."""


class Conflict(Refused):
    """Someone saved the same shared text meanwhile. Nothing is overwritten: the later writer is
    shown `current` (what is saved now) beside their own text and decides."""

    def __init__(self, message, *, current):
        super().__init__(message)
        self.current = current


def post_key(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return uuid.uuid4()  # no usable key: the post is stored, just not deduplicated
