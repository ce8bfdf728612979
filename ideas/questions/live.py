"""The questions' live parts: the phones' list, the projector's top questions and the console's
moderation, pushed only while a plenum item with questions turned on runs."""

import functools
from collections import defaultdict

from django.db.models import Count, Q

from ideas.exercises import exercise_for
from ideas.live import current_item
from ideas.models import Question, QuestionVote
from ideas.questions.forms import AnswerForm, QuestionSettingsForm
from ideas.stage.options import extra_part, stage_shows
from seminar import live

KEY = "questions"
DEFAULTS = {"names": "choice", "moderated": False}
TEMPLATE = "ideas/extras/questions.html"
LIST = f"{TEMPLATE}#questions"
STAGE = f"{TEMPLATE}#questions-stage"
CONSOLE = f"{TEMPLATE}#questions-console"
TOP = 5  # questions on the projector beside the one being answered


def question_settings(item):
    """The item's question settings, or None when questions are not on for it."""
    extras = item.extras if item is not None and isinstance(item.extras, dict) else {}
    value = extras.get(KEY)
    if value is None or not exercise_for(item).takes_extras:
        return None
    return {**DEFAULTS, **(value if isinstance(value, dict) else {})}


def _by_votes(question):
    return (-question.vote_count, question.created_at, question.pk)


def questions_context(seminar, item, *, role):
    """What a role sees of the item's questions: phones and the projector see the approved
    ones, the console every one; the most upvoted first."""
    settings = question_settings(item) or DEFAULTS
    questions = list(
        Question.objects.filter(agenda_item=item)
        .select_related("participant")
        .annotate(vote_count=Count("votes", filter=Q(votes__up=True)))
    )
    if role != "console":
        questions = [q for q in questions if q.status not in ("pending", "hidden")]
    voters = defaultdict(list)
    if role == "phone":
        up = QuestionVote.objects.filter(question__agenda_item=item, up=True)
        for question_id, participant_id in up.values_list("question_id", "participant_id"):
            voters[question_id].append(str(participant_id))
    for question in questions:
        question.voters = ",".join(voters[question.pk])
    by_status = defaultdict(list)
    for question in questions:
        by_status[question.status].append(question)
    open_ = sorted(by_status["open"], key=_by_votes)
    answered = sorted(by_status["answered"], key=lambda q: (q.answered_at, q.pk))
    answering = by_status["answering"]
    context = {
        "seminar": seminar,
        "item": item,
        "settings": settings,
        "answering": answering,
        "open": open_,
        "answered": answered,
        "count": len(answering) + len(open_) + len(answered),
    }
    if role == "projector":
        context["top"] = open_[:TOP]
    if role == "console":
        context.update(
            pending=sorted(by_status["pending"], key=lambda q: (q.created_at, q.pk)),
            hidden=by_status["hidden"],
            settings_form=QuestionSettingsForm(initial=settings),
            answer_forms={q.pk: AnswerForm(initial={"answer": q.answer}) for q in questions},
        )
        for question in questions:
            question.answer_form = context["answer_forms"][question.pk]
    return context


def _on_show(seminar):
    item = current_item(seminar)
    return item if question_settings(item) is not None else None


def _on_the_stage(seminar):
    return stage_shows(seminar, extra_part(KEY))


def publish_questions(seminar, *, phones=True):
    """A question was asked, upvoted or moderated: the phones' list (unless only the console's
    pending questions changed), the projector and the console, each rendered once."""
    item = functools.cache(lambda: _on_show(seminar))

    def on_stage(context):
        return context if context is not None and _on_the_stage(seminar) else None

    def region(template, role):
        def context():
            shown = item()
            if shown is None:
                return None
            return {
                "seminar": seminar,
                "item": shown,
                "extra": questions_context(seminar, shown, role=role),
            }

        return live.Region(template, context)

    if phones:
        live.publish_on_commit([live.phones_audience(seminar.pk)], [region(LIST, "phone")])
        # The projector only while the facilitator has put them on its stage (ideas/stage/).
        live.publish_on_commit(
            [live.projector_audience(seminar.pk)],
            [live.Region(STAGE, lambda: on_stage(region(STAGE, "projector").context()))],
        )
    live.publish_on_commit([live.facilitators_audience(seminar.pk)], [region(CONSOLE, "console")])
