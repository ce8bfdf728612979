"""Table allocation for Plenum seminars: pure functions, no Django.

A facilitator seats the leaders of a seminar at tables ("groups"). This module
computes *plans* - lists of `PlannedGroup` - that the views show as a preview
and then apply. Nothing here touches the database: people come in as `Person`
values, plans go out as `PlannedGroup` values, and every random choice goes
through the `random.Random` the caller passes in, so the same seed and the same
people always give the same plan (input order does not matter either).

Algorithms
----------
* `random_groups` - shuffled tables of at most `size`.
* `cross_functional` - tables of at most `size` that mix departments.
* `by_department` - one table per department.
* `groups_with_leaders` - exactly k tables, each led by a process leader
  (the Varde seminar: 4 groups of 15-20 with a process leader each).
* `place_late_joiner` - which existing table a latecomer should join.
* `spread_violations` / `spread_score` - what the preview shows when a table
  is not as mixed as it could be.

Invariants (tests/groups/test_allocation.py checks each of them)
----------------------------------------------------------------
* Everyone is placed exactly once; no people gives an empty plan.
* `random_groups` and `cross_functional`: `group_count(n, size)` tables, none
  larger than `size`, sizes differ by at most one, larger tables first.
* `groups_with_leaders`: exactly k tables, table i is led by ``leaders[i]``; a
  leader who is also a participant sits at the table they lead and counts
  towards its size; sizes differ by at most one.
* Spreading (`cross_functional`, and `groups_with_leaders` by default) keeps
  two promises:

  1. Balance: for every department, the number of its people at each table
     differs by at most one between tables. People without a department form
     one more bucket that is balanced the same way, so they do not cluster.
     Balance can always be met together with balanced table sizes (dealing
     round-robin does it), so this holds without exception. With leaders
     pinned to their tables it held in every test and stress run (thousands of
     populations, up to 20 tables); should it ever fail, `_choose_extra_tables`
     raises RuntimeError rather than return an unbalanced plan.
  2. Local optimality: no single step lowers the spread score (below). A
     step swaps two people between two tables, or moves one person from a
     larger table to a smaller one; it must keep promise 1 and the table
     sizes balanced, and a leader never leaves the table they lead.

The spread score
----------------
The product promises that no table holds two people of one department while
another department of the seminar is missing from it, whenever the numbers
allow. A *violation* is a table, a department D with two or more people there,
and the departments with nobody there (`SpreadViolation`). It weighs
``(count of D - 1) * number of missing departments``: each extra person from D
is a seat that someone from a missing department could have had. The score of
a plan is the sum of the weights; 0 means every table either has no two people
from one department or has every department.

"Whenever the numbers allow" is made precise by promise 2. Why a local
optimum suffices: under balance, a department with at least as many people as
there are tables is at every table, so a table's score is its extra seats
times the smaller departments it lacks, and it falls as the table gets more
people from smaller departments. Steps trade exactly those seats between
tables. The tests confirm by brute force on small populations (up to 9
people, 4 tables, with and without leaders pinned) that the result is the best
balanced plan there is.

Balance is never traded for score. When everyone has a department, brute force
found no small case where an unbalanced plan scores lower. People without a
department can make one: tables {Børn, Teknik x3} and {Teknik, ?, ?} score 0,
but we seat Teknik 2/2 and score 1, because three from one department at one
table is what a facilitator notices.

People without a department (``department`` is None or "") are not a
department for the score: they are never "two from one department" and never
"missing". `by_department` puts them in one group labelled "" after the
department groups.
"""

import random
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise

type Bucket = str | None
"""A department name, or None for people whose department is unknown."""


@dataclass(frozen=True, slots=True)
class Person:
    """A seminar participant. ``department`` None (or "") means unknown."""

    id: int
    department: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedGroup:
    """One table of a plan: member ids (ascending), a label, and its process leader's id."""

    members: tuple[int, ...]
    label: str = ""
    leader: int | None = None


type Plan = list[PlannedGroup]


@dataclass(frozen=True, slots=True)
class SpreadViolation:
    """Table ``group`` (index into the plan) has ``count`` people from ``department``
    while nobody from the ``missing`` departments sits there."""

    group: int
    department: str
    count: int
    missing: tuple[str, ...]

    @property
    def weight(self) -> int:
        """Seats that could have gone to a missing department, times how many are missing."""
        return (self.count - 1) * len(self.missing)


# --------------------------------------------------------------------------- helpers


def group_count(n: int, size: int) -> int:
    """Fewest tables of at most `size` that seat `n` people: ceil(n / size)."""
    if size < 1:
        raise ValueError(f"Group size must be at least 1, got {size}.")
    if n < 0:
        raise ValueError(f"Number of people cannot be negative, got {n}.")
    return -(-n // size)


def _sizes(n: int, k: int) -> list[int]:
    """Sizes of k tables seating n people as evenly as possible, larger first."""
    base, extra = divmod(n, k)
    return [base + (i < extra) for i in range(k)]


def _bucket(person: Person) -> Bucket:
    # "" is no more a department than None is; treating both alike keeps
    # by_department from producing two groups labelled "".
    return person.department or None


def _name_key(name: str) -> tuple[str, str]:
    # Case-insensitive, then exact for a stable order. Code-point order puts
    # Æ/Ø/Å after Z as Danish and Norwegian do, though not in their mutual order.
    return (name.casefold(), name)


def _checked(people: Iterable[Person]) -> list[Person]:
    """People sorted by id, so the input order cannot change a seeded plan."""
    result = sorted(people, key=lambda p: p.id)
    duplicates = sorted({a.id for a, b in pairwise(result) if a.id == b.id})
    if duplicates:
        raise ValueError(f"Each person can be placed only once; duplicate ids: {duplicates}.")
    return result


def _ids(people: Iterable[Person]) -> tuple[int, ...]:
    return tuple(sorted(p.id for p in people))


# --------------------------------------------------------------------------- simple plans


def random_groups(people: Sequence[Person], size: int, rng: random.Random) -> Plan:
    """Shuffle everyone into ceil(n / size) tables whose sizes differ by at most one."""
    ids = [p.id for p in _checked(people)]
    k = group_count(len(ids), size)
    rng.shuffle(ids)
    # Dealing every k-th person gives sizes that differ by at most one, larger first.
    return [PlannedGroup(tuple(sorted(ids[i::k]))) for i in range(k)]


def by_department(people: Sequence[Person]) -> Plan:
    """One group per department, labelled with its name and ordered by name.

    People without a department go into one last group labelled "".
    """
    members: defaultdict[Bucket, list[Person]] = defaultdict(list)
    for person in _checked(people):
        members[_bucket(person)].append(person)
    departments = sorted((d for d in members if d is not None), key=_name_key)
    plan = [PlannedGroup(_ids(members[d]), label=d) for d in departments]
    if None in members:
        plan.append(PlannedGroup(_ids(members[None]), label=""))
    return plan


def place_late_joiner(
    groups: Sequence[Sequence[Person]], person: Person, size_limit: int | None = None
) -> int:
    """Index of the table a late joiner should sit at.

    The smallest table wins; ties go to the table with the fewest people from
    the joiner's department (people without a department count as one bucket),
    then to the lowest index.

    `size_limit` is the most people a table should have. A table "fits" when
    adding the joiner does not exceed it. Because the smallest table is chosen,
    the limit never changes the answer: if the smallest table does not fit, no
    table does, and the smallest is still returned (the caller can warn that
    every table is full by comparing its size with the limit).
    """
    if not groups:
        raise ValueError("There are no groups to place the late joiner in.")
    if size_limit is not None and size_limit < 1:
        raise ValueError(f"Size limit must be at least 1, got {size_limit}.")
    bucket = _bucket(person)

    def preference(index: int) -> tuple[int, int, int]:
        table = groups[index]
        return (len(table), sum(_bucket(p) == bucket for p in table), index)

    return min(range(len(groups)), key=preference)


# --------------------------------------------------------------------------- spread plans


def cross_functional(people: Sequence[Person], size: int, rng: random.Random) -> Plan:
    """ceil(n / size) tables of balanced sizes that mix departments (see module docstring)."""
    everyone = _checked(people)
    k = group_count(len(everyone), size)
    if k == 0:
        return []
    tables = _spread(everyone, k, pinned={}, rng=rng)
    tables.sort(key=len, reverse=True)  # stable: larger tables first, like random_groups
    return [PlannedGroup(_ids(table)) for table in tables]


def groups_with_leaders(
    people: Sequence[Person],
    k: int,
    leaders: Sequence[int],
    rng: random.Random,
    *,
    spread_departments: bool = True,
) -> Plan:
    """Exactly k tables, table i led by ``leaders[i]``.

    Leaders may be participants (then they sit at the table they lead and count
    towards its size) or facilitators who are not among `people` (then they do
    not count). Sizes differ by at most one. With `spread_departments` the
    tables mix departments as `cross_functional` does; otherwise the other
    members are shuffled.
    """
    everyone = _checked(people)
    leaders = list(leaders)
    if k < 1:
        raise ValueError(f"Need at least one group, got {k}.")
    if len(leaders) != k:
        raise ValueError(f"Need one process leader per group: {k} groups, {len(leaders)} leaders.")
    if len(set(leaders)) != k:
        repeated = sorted(i for i, c in Counter(leaders).items() if c > 1)
        raise ValueError(f"A process leader can lead only one group; repeated: {repeated}.")
    if k > len(everyone):
        raise ValueError(
            f"Cannot make {k} groups from {len(everyone)} people: every group needs a member."
        )

    by_id = {p.id: p for p in everyone}
    pinned = {g: by_id[leader] for g, leader in enumerate(leaders) if leader in by_id}
    if spread_departments:
        tables = _spread(everyone, k, pinned, rng)
    else:
        tables = _shuffle_with_pins(everyone, k, pinned, rng)
    return [PlannedGroup(_ids(t), leader=leader) for t, leader in zip(tables, leaders, strict=True)]


def _shuffle_with_pins(
    people: list[Person], k: int, pinned: Mapping[int, Person], rng: random.Random
) -> list[list[Person]]:
    tables = [[pinned[g]] if g in pinned else [] for g in range(k)]
    pinned_ids = {p.id for p in pinned.values()}
    free = [p for p in people if p.id not in pinned_ids]
    rng.shuffle(free)
    rest = iter(free)
    # k <= n, so every table's target is at least 1 and has room for its pinned leader.
    for table, size in zip(tables, _sizes(len(people), k), strict=True):
        table.extend(islice(rest, size - len(table)))
    return tables


def _spread(
    people: list[Person], k: int, pinned: Mapping[int, Person], rng: random.Random
) -> list[list[Person]]:
    """Seat `people` at k tables with balanced departments, then improve the score.

    Works on counts first (how many of each bucket per table), because the
    score and balance depend on nothing else; people are seated at the end.
    A bucket with n_b people gives every table n_b // k of them and
    n_b % k tables one more (its "extra" tables). `pinned` maps a table to the
    participant who leads it.
    """
    buckets: defaultdict[Bucket, list[Person]] = defaultdict(list)
    for person in people:
        buckets[_bucket(person)].append(person)
    # Largest bucket first, ties by name: the big departments' extras are placed
    # while there is the most freedom.
    order = sorted(buckets, key=lambda b: (-len(buckets[b]), b is None, _name_key(b or "")))
    base = {b: len(buckets[b]) // k for b in order}
    extras = {b: len(buckets[b]) % k for b in order}
    pinned_bucket = {g: _bucket(p) for g, p in pinned.items()}
    # A pinned leader is covered by the base share unless their bucket has
    # fewer people than there are tables: then their table must be an extra one.
    forced: defaultdict[Bucket, set[int]] = defaultdict(set)
    for g, b in pinned_bucket.items():
        if base[b] == 0:
            forced[b].add(g)

    picks = _choose_extra_tables(extras, k, forced, rng)
    counts = [{b: base[b] + (g in picks[b]) for b in order} for g in range(k)]
    _improve(counts, base, pinned_bucket)

    # Seat people: each table's pinned leader first, then shuffled bucket-mates.
    tables = [[pinned[g]] if g in pinned else [] for g in range(k)]
    pinned_ids = {p.id for p in pinned.values()}
    for b in order:
        free = [p for p in buckets[b] if p.id not in pinned_ids]
        rng.shuffle(free)  # different tables on every re-run
        rest = iter(free)
        for g in range(k):
            tables[g].extend(islice(rest, counts[g][b] - _pinned_here(pinned_bucket, g, b)))
    return tables


def _choose_extra_tables(
    extras: Mapping[Bucket, int], k: int, forced: Mapping[Bucket, set[int]], rng: random.Random
) -> dict[Bucket, set[int]]:
    """Pick ``extras[b]`` distinct tables for every bucket b, so that every
    table gets the same number of picks give or take one (that is what keeps
    table sizes balanced) and every table in ``forced[b]`` is among b's picks.

    Without pins, dealing the buckets round-robin would do, and this does
    exactly that: tables are visited in one shuffled order (which varies the
    plan per seed), each pick continuing after the previous one, so a bucket's
    extras land on other tables than the previous bucket's. Pinned leaders
    make it a small bipartite b-matching, so a pick that cannot be dealt
    directly is made by an augmenting path. It runs in two stages: first every
    table is filled up to the lower load, then up to the upper one. Any
    balanced choice brings every table to the lower load, so if the first stage
    cannot, nothing can (the tests find it always can). Augmenting never lowers
    a table's load, so the second stage keeps what the first achieved.
    """
    low, remainder = divmod(sum(extras.values()), k)
    high = low + (remainder > 0)
    picks = {b: set(forced.get(b, ())) for b in extras}
    load = [0] * k
    for tables in picks.values():
        for g in tables:
            load[g] += 1
    order = list(range(k))
    rng.shuffle(order)
    position = {g: i for i, g in enumerate(order)}
    start = 0  # where dealing continues in `order`
    placed = sum(load)

    for cap in (low, high):
        progress = True
        # Once every table is at the cap no path can end anywhere; stop
        # searching rather than exploring the whole graph for every bucket.
        while progress and placed < cap * k:
            progress = False
            for b, wanted in extras.items():
                while len(picks[b]) < wanted and placed < cap * k:
                    taken = _augment(b, picks, forced, load, cap, order[start:] + order[:start])
                    if taken is None:
                        break
                    placed += 1
                    start = (position[taken] + 1) % k
                    progress = True

    if any(len(picks[b]) != wanted for b, wanted in extras.items()) or not all(
        low <= n <= high for n in load
    ):
        raise RuntimeError("No balanced seating exists; this contradicts the module's invariant.")
    return picks


def _augment(
    start: Bucket,
    picks: dict[Bucket, set[int]],
    forced: Mapping[Bucket, set[int]],
    load: list[int],
    cap: int,
    table_order: list[int],
) -> int | None:
    """Give bucket `start` one more extra table, moving other buckets' extras
    along a chain if needed (breadth-first, so chains are short). Returns the
    table `start` got, or None if no table below `cap` can be reached."""
    # table -> (bucket that takes this table, table that bucket gives up or None)
    came_from: dict[int, tuple[Bucket, int | None]] = {}
    queue: deque[tuple[Bucket, int | None]] = deque([(start, None)])
    queued = {start}
    while queue:
        bucket, given_up = queue.popleft()
        for g in table_order:
            if g in came_from or g in picks[bucket]:
                continue
            came_from[g] = (bucket, given_up)
            if load[g] < cap:
                load[g] += 1
                while True:  # walk the chain back, moving each extra one table on
                    taker, given_up = came_from[g]
                    picks[taker].add(g)
                    if given_up is None:
                        return g
                    picks[taker].discard(given_up)
                    g = given_up
            # Table g is full: one of its movable extras may move elsewhere.
            for other, tables in picks.items():
                if other not in queued and g in tables and g not in forced.get(other, ()):
                    queued.add(other)
                    queue.append((other, g))
    return None


def _pinned_here(pinned_bucket: Mapping[int, Bucket], g: int, b: Bucket) -> bool:
    return g in pinned_bucket and pinned_bucket[g] == b


type _Stats = tuple[int, int]
"""(surplus, missing) of a table: people beyond the first of each department
there, and departments of the seminar with nobody there. Score = product."""

type _Transfer = tuple[int, int, Bucket]
"""One person of a bucket moves: (from table, to table, bucket)."""


def _improve(
    counts: list[dict[Bucket, int]],
    base: Mapping[Bucket, int],
    pinned_bucket: Mapping[int, Bucket],
) -> None:
    """Hill-climb: apply balance-keeping steps that lower the score until none does.

    Two kinds of step keep both balances (module docstring, promise 1):

    * swap: a person of bucket d goes from table g1 to g2 and one of bucket e
      comes back; g1 must hold the extra d and g2 not, g2 the extra e and g1 not;
    * move: a person of bucket d goes from a larger table g1 to a smaller g2
      (which becomes the larger); g1 must hold the extra d and g2 not. Swaps
      cannot change which tables are the larger ones, and once leaders are
      pinned to tables that can matter.

    A table's pinned leader never moves. A step changes two tables and lowers
    the total only if it lowers one of them, which must then score above zero,
    so the search starts from such tables. The score is a non-negative integer
    that drops with every step, so the climb ends.
    """
    k = len(counts)
    sizes = [sum(c.values()) for c in counts]
    departments = [b for b in base if b is not None]
    stats: list[_Stats] = [
        (sum(max(c[d] - 1, 0) for d in departments), sum(c[d] == 0 for d in departments))
        for c in counts
    ]
    # extra[b]: the tables holding one more of bucket b than the rest. A bucket
    # without extras is the same at every table and can never move.
    extra = {b: {g for g in range(k) if counts[g][b] > base[b]} for b in base}
    uneven = [b for b in base if extra[b]]

    def score(s: _Stats) -> int:
        return s[0] * s[1]

    def leave(g: int, b: Bucket, s: _Stats) -> _Stats:
        """Stats of table g after one of bucket b leaves (no department: no change)."""
        if b is None:
            return s
        return s[0] - (counts[g][b] >= 2), s[1] + (counts[g][b] == 1)

    def join(g: int, b: Bucket, s: _Stats) -> _Stats:
        if b is None:
            return s
        return s[0] + (counts[g][b] >= 1), s[1] - (counts[g][b] == 0)

    def movable(g: int, b: Bucket) -> bool:
        return counts[g][b] - _pinned_here(pinned_bucket, g, b) >= 1

    def gain(g: int, after: _Stats) -> int:
        return score(after) - score(stats[g])

    def find_step() -> tuple[_Transfer, ...] | None:
        for g1 in range(k):
            if score(stats[g1]) == 0:
                continue
            for d in uneven:
                if g1 not in extra[d]:
                    # Move a d here from a larger table.
                    gain1 = gain(g1, join(g1, d, stats[g1]))
                    if gain1 < 0:
                        for g2 in extra[d]:
                            if not (sizes[g2] > sizes[g1] and movable(g2, d)):
                                continue
                            if gain1 + gain(g2, leave(g2, d, stats[g2])) < 0:
                                return ((g2, g1, d),)
                    continue
                if not movable(g1, d):
                    continue
                without_d = leave(g1, d, stats[g1])
                # Move the d to a smaller table.
                gain1 = gain(g1, without_d)
                if gain1 < 0:
                    for g2 in range(k):
                        if sizes[g2] >= sizes[g1] or g2 in extra[d]:
                            continue
                        if gain1 + gain(g2, join(g2, d, stats[g2])) < 0:
                            return ((g1, g2, d),)
                # Swap the d for an e from a table that has the extra e but not d.
                for e in uneven:
                    if e == d or g1 in extra[e]:
                        continue
                    gain1 = gain(g1, join(g1, e, without_d))
                    if gain1 >= 0:
                        continue
                    for g2 in extra[e]:
                        if g2 in extra[d] or not movable(g2, e):
                            continue
                        if gain1 + gain(g2, join(g2, d, leave(g2, e, stats[g2]))) < 0:
                            return ((g1, g2, d), (g2, g1, e))
        return None

    while step := find_step():
        for source, target, b in step:
            stats[source] = leave(source, b, stats[source])
            counts[source][b] -= 1
            stats[target] = join(target, b, stats[target])
            counts[target][b] += 1
            sizes[source] -= 1
            sizes[target] += 1
            extra[b].symmetric_difference_update({source, target})


# --------------------------------------------------------------------------- preview checks


def spread_violations(
    plan: Sequence[PlannedGroup], people: Sequence[Person]
) -> list[SpreadViolation]:
    """Every (table, department with two or more there, departments missing there).

    "Departments of the seminar" are those of `people`; people without a
    department are ignored. Ordered by table, then department name, so the
    preview can say "Table 3 has two from Teknik while Børn og unge is missing".
    """
    by_id = {p.id: p for p in _checked(people)}
    departments = sorted({d for p in by_id.values() if (d := _bucket(p))}, key=_name_key)
    violations = []
    for index, group in enumerate(plan):
        unknown = [m for m in group.members if m not in by_id]
        if unknown:
            raise ValueError(f"Group {index} has members that are not among the people: {unknown}.")
        counts = Counter(_bucket(by_id[m]) for m in group.members)
        missing = tuple(d for d in departments if counts[d] == 0)
        if not missing:
            continue
        violations.extend(
            SpreadViolation(index, d, counts[d], missing) for d in departments if counts[d] >= 2
        )
    return violations


def spread_score(plan: Sequence[PlannedGroup], people: Sequence[Person]) -> int:
    """Sum of the violations' weights: 0 means no table has two from one
    department while another department is missing there."""
    return sum(v.weight for v in spread_violations(plan, people))
