"""What every exercise's services share: the refusal a person reads, and a post's key."""

import uuid


class Refused(Exception):
    """An action this person may not take now; the message is for them."""


def post_key(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return uuid.uuid4()  # no usable key: the post is stored, just not deduplicated
