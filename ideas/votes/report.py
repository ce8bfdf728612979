"""The most important conclusions: each dot vote's cards, the most dots first.

A tally is part of the record once it was revealed or the vote closed; a vote still open and
unrevealed says so instead."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ideas.models import Dot, Idea, Vote
from ideas.report.sections import Entry, Section, register


@dataclass
class RankedIdea:
    idea: Idea
    dots: int
    table: str


@dataclass
class ReportVote:
    vote: Vote
    ranking: list[RankedIdea]
    shown: bool  # the tally is part of the record once revealed or closed


@dataclass
class Conclusions:
    votes: list[ReportVote]


class VotesSection(Section):
    key = "conclusions"
    title = gettext_lazy("The most important conclusions")

    def collect(self, seminar):
        """Every vote's ranking at once (as `ideas.queries.ranking` does for one vote)."""
        # A question round's votes are ranked in its own chapter (ideas/rounds/report.py).
        votes = list(
            Vote.objects.filter(seminar=seminar)
            .exclude(boards__holds_conclusions=True)
            .order_by("created_at", "pk")
        )
        if not votes:
            return None
        boards_of = {}
        through = Vote.boards.through.objects.filter(vote__seminar=seminar)
        for vote_id, board_id in through.values_list("vote_id", "board_id"):
            boards_of.setdefault(vote_id, set()).add(board_id)
        dots = {
            (vote_id, idea_id): count
            for vote_id, idea_id, count in Dot.objects.filter(vote__seminar=seminar)
            .values("vote_id", "idea_id")
            .annotate(count=Count("pk"))
            .values_list("vote_id", "idea_id", "count")
        }
        ideas = list(
            Idea.objects.filter(board__seminar=seminar, hidden=False)
            .select_related("board__group")
            .order_by("created_at", "pk")
        )
        report = []
        for vote in votes:
            boards = boards_of.get(vote.pk, set())
            ranking = [
                RankedIdea(idea=idea, dots=dots.get((vote.pk, idea.pk), 0), table=_table(idea))
                for idea in ideas
                if idea.board_id in boards
            ]
            ranking.sort(key=lambda entry: (-entry.dots, entry.idea.created_at, entry.idea.pk))
            report.append(
                ReportVote(vote=vote, ranking=ranking, shown=vote.revealed or not vote.is_open)
            )
        return Conclusions(votes=report)

    def write(self, data, writer):
        for vote in data.votes:
            with writer.section(vote.vote.title, kind="vote"):
                if vote.shown:
                    writer.numbered(
                        [
                            Entry(ranked.idea.text, notes=[_dots(ranked.dots), ranked.table])
                            for ranked in vote.ranking
                        ]
                    )
                else:
                    writer.paragraph(_("The vote is still open."))


def _table(idea):
    board = idea.board
    return board.group.name if board.group_id else _("Plenum")


def _dots(count):
    return ngettext("%(counter)s dot", "%(counter)s dots", count) % {"counter": count}


register(VotesSection(), order=40)
