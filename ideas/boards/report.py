"""The boards of every brainstorm, in programme order: clusters, cards, comments, photos.

Hidden cards, comments and photos never appear, nor a heading over hidden cards only."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agenda.models import AgendaItem
from ideas.models import Board, Comment, Idea, Photo
from ideas.report.sections import Entry, Picture, Section, register


@dataclass
class ReportCluster:
    heading: str
    ideas: list[Idea]


@dataclass
class ReportBoard:
    board: Board
    name: str
    prompt: str
    clusters: list[ReportCluster]
    loose: list[Idea]
    photos: list[Photo] = field(default_factory=list)  # the visible photos of the poster

    @property
    def ideas(self):
        return [idea for cluster in self.clusters for idea in cluster.ideas] + self.loose


@dataclass
class ItemBoards:
    """The boards of one agenda item."""

    item: AgendaItem
    day_label: str
    boards: list[ReportBoard]


@dataclass
class Boards:
    items: list[ItemBoards]


def _visible_ideas(seminar):
    """Every visible card of the seminar's boards, with its visible comments and star count."""
    comments = Comment.objects.filter(hidden=False).order_by("created_at", "pk")
    return (
        Idea.objects.filter(board__seminar=seminar, hidden=False)
        .annotate(star_count=Count("stars", distinct=True))
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        .order_by("created_at", "pk")
    )


def _board(board, ideas):
    clusters = []
    for cluster in board.clusters.all():
        cluster_ideas = [idea for idea in ideas if idea.cluster_id == cluster.pk]
        if cluster_ideas:  # a heading over hidden cards only says nothing
            clusters.append(ReportCluster(heading=cluster.heading, ideas=cluster_ideas))
    clustered = {idea.pk for cluster in clusters for idea in cluster.ideas}
    return ReportBoard(
        board=board,
        name=board.group.name if board.group_id else _("Plenum"),
        prompt=board.prompt,
        clusters=clusters,
        loose=[idea for idea in ideas if idea.pk not in clustered],
        photos=board.shown_photos,
    )


class BoardsSection(Section):
    key = "boards"
    title = gettext_lazy("Boards")

    def collect(self, seminar):
        boards = (
            # A question round's boards are its own chapter's (ideas/rounds/report.py).
            Board.objects.filter(seminar=seminar, question__isnull=True)
            .select_related("group", "agenda_item__day")
            .prefetch_related(
                "clusters",
                Prefetch(
                    "photos", queryset=Photo.objects.filter(hidden=False), to_attr="shown_photos"
                ),
            )
            # Programme order (as agenda.AgendaItem.Meta.ordering), then table by table.
            .order_by(
                "agenda_item__day__position",
                "agenda_item__day_id",
                "agenda_item__position",
                "agenda_item_id",
                "group__number",
                "pk",
            )
        )
        ideas_of = {}
        for idea in _visible_ideas(seminar):
            ideas_of.setdefault(idea.board_id, []).append(idea)
        items = {}
        for board in boards:
            item = board.agenda_item
            if item.pk not in items:
                items[item.pk] = ItemBoards(item=item, day_label=item.day.label, boards=[])
            items[item.pk].boards.append(_board(board, ideas_of.get(board.pk, [])))
        return Boards(items=list(items.values())) if items else None

    def write(self, data, writer):
        for entry in data.items:
            with writer.section(entry.item.title, aside=entry.day_label, kind="item"):
                for board in entry.boards:
                    _write_board(board, writer)


def _write_board(board, writer):
    with writer.section(board.name, kind="board"):
        if board.prompt:
            writer.paragraph(board.prompt, style="prompt")
        for cluster in board.clusters:
            with writer.section(cluster.heading, kind="cluster"):
                writer.bullets(_entries(cluster.ideas))
        if board.loose:
            writer.bullets(_entries(board.loose))
        if board.photos:
            alt = _("Photo of the poster of %(board)s") % {"board": board.name}
            writer.pictures([_picture(photo, alt) for photo in board.photos])


def _picture(photo, alt):
    url = reverse("photo", args=[photo.board.seminar_id, photo.pk])
    return Picture(alt=alt, url=url, read=photo.read)


def _entries(ideas):
    return [
        Entry(
            text=idea.text,
            notes=[_stars(idea.star_count)] if idea.star_count else [],
            children=[comment.text for comment in idea.visible_comments],
            children_label=_("Comments"),
        )
        for idea in ideas
    ]


def _stars(count):
    return ngettext("%(counter)s star", "%(counter)s stars", count) % {"counter": count}


register(BoardsSection(), order=20)
