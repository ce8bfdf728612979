"""The questions' live parts: the phones' list, the projector's top questions and the console's
moderation, pushed only while a plenum item with questions turned on runs."""

from collections import defaultdict

from django.db.models import Count, Q

from ideas.exercises import extra_settings
from ideas.live import publish_extra
from ideas.models import Question, QuestionVote
from ideas.questions.forms import AnswerForm, QuestionSettingsForm

KEY = "questions"
DEFAULTS = {"names": "choice", "moderated": False}
TEMPLATE = "ideas/extras/questions.html"
LIST = f"{TEMPLATE}#questions"
STAGE = f"{TEMPLATE}#questions-stage"
CONSOLE = f"{TEMPLATE}#questions-console"
TOP = 5  # questions on the projector beside the one being answered


def question_settings(item):
    """The item's question settings, or None when questions are not on for it."""
    return extra_settings(KEY, item)


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


def publish_questions(seminar, *, phones=True):
    """A question was asked, upvoted or moderated: the phones' list (unless only the console's
    pending questions changed), the projector and the console, each rendered once."""
    publish_extra(
        seminar,
        KEY,
        {"phone": LIST, "projector": STAGE, "console": CONSOLE},
        questions_context,
        phones=phones,
    )
