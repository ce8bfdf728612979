"""The embedded default's channel layer: Channels' in-memory layer, cleaned up less often.

The stock layer walks every channel and every group membership on each `receive()` and
`group_send()`, so one broadcast to N sockets costs N times the memberships: it grows with the
square of the screens. Expired messages and memberships only need removing now and then;
here the walk runs at most once a second. Nothing else changes.
"""

import time

from channels.layers import InMemoryChannelLayer

CLEAN_INTERVAL = 1.0


class ThrottledInMemoryChannelLayer(InMemoryChannelLayer):
    _last_clean = 0.0

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._last_clean < CLEAN_INTERVAL:
            return
        self._last_clean = now
        super()._clean_expired()
