"""What an answer is for each kind of scale: the bounds of `value` and of `wish`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    value: tuple[int, int]
    wish: tuple[int, int] | None = None  # None: the kind asks one thing per statement


MEASURES = {
    "dilemma": Measure(value=(0, 100)),  # a position between the two poles
    "self_assessment": Measure(value=(1, 3), wish=(1, 3)),  # the stage today, the stage wished
    "rating": Measure(value=(1, 5), wish=(1, 5)),  # how well we do it, how much it matters
}


def measure_for(kind):
    return MEASURES[kind]
