"""What the seminar tells the apps above it, which it does not import: they receive these."""

from django.dispatch import Signal

# Sent inside the creating transaction: the agenda gives the seminar its clock.
seminar_created = Signal()  # seminar
# Sent after a participant joined: the groups seat a late joiner at a table.
participant_joined = Signal()  # participant
# Sent before the duplicate of `keep` is removed: each app moves the duplicate's traces.
participants_merging = Signal()  # keep, duplicate
