"""The speaker queue: phones ask to speak, the facilitator orders the queue and calls the next;
each speaker has a time (an extra of a plenum item)."""
