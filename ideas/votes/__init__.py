"""Dot voting: a budget of dots per person, the tally hidden until the facilitator reveals it."""
