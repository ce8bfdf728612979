"""Scales: a dilemma scale, a self-assessment and a rating, one shape with three readings.

Each has statements (poles, three stages, or a point), each person answers each statement in a
round, and the room's answers are drawn live as a chart on the projector and the console."""
