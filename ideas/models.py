"""Boards and their ideas, the vernissage over them, and dot votes.

A board belongs to an agenda item and a group (a table's poster) or to no group (the plenum's).
Ideas arrive from phones with a client-made key, so a retried post is stored once. Hidden ideas
are kept (the facilitator can unhide them) but leave every screen and every export.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from groups.models import Group
from seminar.models import Participant, Seminar

IDEA_MAX_LENGTH = 280
COMMENT_MAX_LENGTH = 280


class Board(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="boards")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="boards")
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="boards"
    )
    prompt = models.TextField(_("prompt"), blank=True)
    is_open = models.BooleanField(_("open for ideas"), default=True)
    # A question round's boards (ideas/rounds/): one per table per question, and one without
    # a table holding the question's merged conclusions.
    question = models.ForeignKey(
        "RoundQuestion", on_delete=models.CASCADE, null=True, blank=True, related_name="boards"
    )
    holds_conclusions = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item_id", "group__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "group"],
                condition=models.Q(question__isnull=True),
                name="board_one_per_group",
            ),
            models.UniqueConstraint(
                fields=["question", "group", "holds_conclusions"],
                condition=models.Q(question__isnull=False),
                name="board_one_per_group_and_question",
            ),
        ]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self):
        return f"{self.agenda_item}: {self.group or _('Plenum')}"


class RoundQuestion(models.Model):
    """A question the facilitator poses in a question round (ideas/rounds/), in its order."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="round_questions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["agenda_item_id", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class Cluster(models.Model):
    """Cards grouped under a heading, on the table screen or by the facilitator."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="clusters")
    heading = models.CharField(_("heading"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.heading


class Idea(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    text = models.CharField(_("idea"), max_length=IDEA_MAX_LENGTH)
    # Made by the phone before the first try; a retry of the same post finds it taken.
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    hidden = models.BooleanField(_("hidden"), default=False)
    # A table's answer merged into a conclusion of a question round (a card on the question's
    # conclusions board): the answer stays, with its text and author, under the conclusion.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self):
        return self.text


class Comment(models.Model):
    """A vernissage visitor's comment on an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    text = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Star(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stars")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="stars")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "participant"], name="star_once_per_person")
        ]

    def __str__(self):
        return f"{self.participant_id} ★ {self.idea_id}"


class Vernissage(models.Model):
    """The gallery walk: an agenda item that shows the boards of an earlier item as posters."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="vernissage"
    )
    source_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="+", verbose_name=_("boards of")
    )
    round_minutes = models.PositiveIntegerField(_("minutes per round"), default=10)
    round_number = models.PositiveIntegerField(default=0)
    round_started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.agenda_item)


class Presenter(models.Model):
    """Who stays at the poster, in turns: turn 0 presents in round 1, turn 1 in round 2, ..."""

    vernissage = models.ForeignKey(Vernissage, on_delete=models.CASCADE, related_name="presenters")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="presenters")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    turn = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["turn", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vernissage", "board", "participant"], name="presenter_once_per_board"
            )
        ]

    def __str__(self):
        return f"{self.participant} @ {self.board}"


class Highlight(models.Model):
    """What the room saw and heard: pinned by the facilitator, part of the seminar's record."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="highlights")
    vernissage = models.ForeignKey(
        Vernissage, on_delete=models.SET_NULL, null=True, blank=True, related_name="highlights"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="highlights"
    )
    text = models.CharField(_("highlight"), max_length=IDEA_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Vote(models.Model):
    """Dot voting over boards' ideas: a budget of dots per participant, tally hidden until
    the facilitator reveals it."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="votes")
    # The item it was opened during: the screens show it while that item runs.
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="votes"
    )
    title = models.CharField(_("question"), max_length=200)
    boards = models.ManyToManyField(Board, related_name="votes", blank=True)
    budget = models.PositiveIntegerField(_("dots per person"), default=3)
    several_per_idea = models.BooleanField(_("several dots on one idea"), default=False)
    is_open = models.BooleanField(default=True)
    revealed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The facilitator's form's post key: a double click stores one (null: made without a form).
    key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    def __str__(self):
        return self.title


class Dot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    # The phone's key for this dot: pressing twice on a flaky network spends one dot.
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.participant_id} · {self.idea_id}"


class Goal(models.Model):
    """A goal a group drafts ("what must we achieve by 2017?"), presents and seals with a
    handshake, and the directors follow up afterwards."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="goals")
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals"
    )
    title = models.CharField(_("goal"), max_length=200)
    why = models.TextField(_("why"), blank=True)
    measure = models.TextField(_("how we measure success"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=120, blank=True)
    department = models.ForeignKey(
        "seminar.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("department"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    # Raised by every save of the table's text: a phone that saves an older version is shown
    # what its tablemates saved meanwhile instead of overwriting it.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Sealed with the room's handshakes, one goal after the other; reopened if by mistake.
    sealed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["seminar_id", "created_at", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["group"], condition=models.Q(group__isnull=False), name="one_goal_per_table"
            )
        ]

    def __str__(self):
        return self.title


class GoalStage(models.Model):
    """The plenum's presentation of the goals: which goal is shown now (each is sealed on its
    own, `Goal.sealed_at`)."""

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="goal_stage")
    current_goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"{self.seminar}: {self.current_goal or '-'}"


class Pledge(models.Model):
    """A handshake on a goal, by a person (from a phone) or a whole table (its screen)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="pledges")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="pledges"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="pledges"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "participant"], name="pledge_once_per_person"),
            models.UniqueConstraint(fields=["goal", "group"], name="pledge_once_per_table"),
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False) | models.Q(group__isnull=False),
                name="pledge_has_someone",
            ),
        ]

    def __str__(self):
        return f"🤝 {self.goal_id}"


class ProgressNote(models.Model):
    """A dated entry of the follow-up: the status then, a note, the next follow-up date."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    author = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Goal.Status.choices)
    note = models.TextField(_("note"), blank=True)
    noted_on = models.DateField(_("date"))
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return f"{self.goal_id} {self.noted_on}: {self.status}"


class Commitment(models.Model):
    """Friday's department groups: what a sealed goal demands of a department, and the
    agreements made there."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="commitments")
    department = models.ForeignKey(
        "seminar.Department", on_delete=models.CASCADE, related_name="commitments"
    )
    demands = models.TextField(_("what it demands of us"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # as Goal.version
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "department"], name="commitment_per_department")
        ]

    def __str__(self):
        return f"{self.department}: {self.goal}"


class MondayAction(models.Model):
    """A leader's own "on Monday I will ..." (or "the first thing I do when I get home")."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="monday_actions"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="monday_actions"
    )
    text = models.CharField(_("on Monday I will"), max_length=280)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Message(models.Model):
    """The communication plan: which message, to whom, by whom, when."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="messages")
    message = models.CharField(_("message"), max_length=280)
    audience = models.CharField(_("to whom"), max_length=120)
    sender = models.CharField(_("by whom"), max_length=120)
    when = models.CharField(_("when"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.message


def _photo_path(photo, filename):
    return f"photos/{photo.board.seminar_id}/{uuid.uuid4().hex}.jpg"


class Photo(models.Model):
    """A photo of the physical poster, re-encoded on upload: size-limited, no location data."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="photos")
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    image = models.ImageField(upload_to=_photo_path)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.image.name

    def read(self):
        """The stored JPEG, read whole (re-encoded on upload: at most 2000 px, a few hundred KB),
        no file left open."""
        with self.image.open("rb") as image:
            return image.read()


# Exercise packages that keep their models beside them (one app label: ideas).
from ideas.cases.models import BestPractice, Case, CasePoster, CaseStage  # noqa: E402, F401
from ideas.commitments.models import ActionList, GroupPoint  # noqa: E402, F401
from ideas.interviews.models import (  # noqa: E402, F401
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewStage,
    InterviewThread,
)

# --- Plenum questions and the speaker queue (extras of a plenum item: ideas/questions/,
# ideas/speakers/) ---------------------------------------------------------------------------

QUESTION_MAX_LENGTH = 280


class Question(models.Model):
    """A question from the room to the stage, upvoted by the phones; the facilitator approves
    it (if questions are moderated first), marks it being answered, then answered with a note."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        OPEN = "open", _("Open")
        ANSWERING = "answering", _("Being answered")
        ANSWERED = "answered", _("Answered")
        HIDDEN = "hidden", _("Hidden")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="questions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    # Who asked; None when asked anonymously (nothing on the server says who).
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer note"), blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class QuestionVote(models.Model):
    """One phone's upvote of a question; taken back, it stays with `up` False, so the key of
    the last tap tells a retried tap from a new one."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="question_votes"
    )
    up = models.BooleanField(default=True)
    key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"], name="question_vote_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} · {self.question_id}"


class SpeakerRequest(models.Model):
    """A phone's request to speak during an item: in the queue, speaking, done or withdrawn."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Speaking")
        SPOKE = "spoke", _("Spoke")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="speakers")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="speaker_requests"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="speaker_requests"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    position = models.PositiveIntegerField(default=0)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "participant"],
                condition=models.Q(status__in=["waiting", "speaking"]),
                name="one_place_in_the_queue",
            )
        ]

    def __str__(self):
        return f"{self.participant_id} · {self.status}"


# --- The soapbox: "op på ølkassen" (ideas/soapbox/) ---------------------------------------------


class Speech(models.Model):
    """A participant's staff speech about the vision, drafted on their phone along the seed's
    questions, and their action plan after the speeches. Private unless `shared`. Three per
    group are picked (`pick`: their order) and given in turn (`started_at`, `ended_at`)."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="speeches")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speeches")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="speeches")
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="speeches"
    )
    vision = models.TextField(_("What is the vision?"), blank=True)
    why = models.TextField(_("Why this vision?"), blank=True)
    strengths = models.TextField(_("Its strengths and challenges"), blank=True)
    alive = models.TextField(_("How do we bring it to life?"), blank=True)
    implementation = models.TextField(_("What does it mean for implementation?"), blank=True)
    plan = models.TextField(_("My action plan"), blank=True)
    volunteer = models.BooleanField(_("I volunteer to give my speech"), default=False)
    shared = models.BooleanField(_("Share my speech and plan in the documentation"), default=False)
    pick = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Raised by every save: a save made from an older version (another tab) is shown the newer.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pick", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "participant"], name="one_speech_per_person_and_item"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} · {self.agenda_item_id}"

    @property
    def drafted(self):
        return any(
            getattr(self, name).strip()
            for name in ("vision", "why", "strengths", "alive", "implementation")
        )


class SpeechFeedback(models.Model):
    """What worked in a speech and one suggestion, from a listener; the speaker reads it."""

    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="speech_feedback"
    )
    worked = models.TextField(_("What worked"), blank=True)
    suggestion = models.TextField(_("One suggestion"), blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["speech", "participant"], name="feedback_once_per_listener"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.speech_id}"


# -- Scales: dilemma scales, self-assessments and ratings (ideas/scales/) --


class Scale(models.Model):
    """An item's statements that each person answers on a scale, in rounds: a dilemma scale
    (a position between two poles), a self-assessment (a stage today and the stage wished) or a
    rating (a mark for how well we do and, if asked, how much it matters)."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="scales")
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="scale")
    round = models.PositiveSmallIntegerField(default=1)
    is_open = models.BooleanField(default=True)
    revealed = models.BooleanField(default=False)  # the chart on the projector
    by_department = models.BooleanField(default=False)
    asks_importance = models.BooleanField(_("ask how much each point matters"), default=False)
    template = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return str(self.agenda_item)


class Statement(models.Model):
    """A dilemma's two poles, a self-assessment's dimension with its three stages, or a point to
    rate: `low`, `middle` and `high` are the texts along the scale, `text` its name."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("statement"), max_length=300, blank=True)
    low = models.CharField(_("one end"), max_length=200, blank=True)
    middle = models.CharField(_("middle"), max_length=200, blank=True)
    high = models.CharField(_("other end"), max_length=200, blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text or f"{self.low} / {self.high}"


class Answer(models.Model):
    """One person's answer to a statement in a round; changed in place until the round closes.
    `value`: a position 0-100, a stage 1-3 today or a mark 1-5; `wish`: the stage wished or
    the importance 1-5."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(default=1)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    wish = models.PositiveSmallIntegerField(null=True, blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    # Which page sent this answer and its how-manieth answer that was (plenum.js): a post that
    # arrives after a later answer from the same page is an older answer and changes nothing.
    sent_from = models.UUIDField(null=True, blank=True, editable=False)
    sent_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant", "round"], name="one_answer_per_round"
            )
        ]

    def __str__(self):
        return f"{self.participant}: {self.value}/{self.wish}"
