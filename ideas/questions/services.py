"""Plenum questions: ask, upvote (one per phone, taken back with a second tap), approve, hide,
answer. Every post is stored once whatever its retries (its key)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.domain import Refused, post_key
from ideas.live import current_item
from ideas.models import Question, QuestionVote
from ideas.questions.live import publish_questions, question_settings


@transaction.atomic
def ask(seminar, *, by, text, anonymous=False, key=None):
    """A phone asks the stage; named or anonymous as the settings say (or as the person chose)."""
    key = post_key(key)
    if (question := Question.objects.filter(key=key).first()) is not None:
        return question
    if by is None or by.seminar_id != seminar.pk:
        raise Refused(_("This seminar is not yours."))
    item = current_item(seminar)
    settings = question_settings(item)
    if settings is None:
        raise Refused(_("Questions are closed now."))
    text = " ".join(text.split())
    if not text:
        raise Refused(_("Write your question first."))
    if settings["names"] != "choice":
        anonymous = settings["names"] == "anonymous"
    question = Question.objects.create(
        seminar=seminar,
        agenda_item=item,
        participant=None if anonymous else by,
        text=text,
        status=Question.Status.PENDING if settings["moderated"] else Question.Status.OPEN,
        key=key,
    )
    publish_questions(seminar, phones=question.status != Question.Status.PENDING)
    return question


@transaction.atomic
def upvote(question, *, by, up=True, key=None):
    """Give (up) or take back a phone's upvote. A retried tap (the same key as the last one
    stored) changes nothing; so does a tap that asks for what is already so."""
    key = post_key(key)
    if by is None or by.seminar_id != question.seminar_id:
        raise Refused(_("This seminar is not yours."))
    if question.status not in (Question.Status.OPEN, Question.Status.ANSWERING):
        raise Refused(_("This question takes no more votes."))
    vote, created = QuestionVote.objects.select_for_update().get_or_create(
        question=question, participant=by, defaults={"up": up, "key": key}
    )
    if not created:
        if vote.key == key or vote.up == up:
            return vote
        vote.up, vote.key = up, key
        vote.save(update_fields=["up", "key"])
    publish_questions(question.seminar)
    return vote


def _set(question, status, **fields):
    question.status = status
    for name, value in fields.items():
        setattr(question, name, value)
    question.save(update_fields=["status", *fields])


@transaction.atomic
def approve(question, *, by):
    if question.status in (Question.Status.PENDING, Question.Status.HIDDEN):
        _set(question, Question.Status.OPEN)
        publish_questions(question.seminar)


@transaction.atomic
def hide(question, *, by):
    if question.status != Question.Status.HIDDEN:
        _set(question, Question.Status.HIDDEN)
        publish_questions(question.seminar)


@transaction.atomic
def answer_now(question, *, by):
    """Mark the question being answered; the one answered before goes back among the open."""
    if question.status == Question.Status.ANSWERING:
        return
    Question.objects.filter(
        agenda_item_id=question.agenda_item_id, status=Question.Status.ANSWERING
    ).update(status=Question.Status.OPEN)
    _set(question, Question.Status.ANSWERING)
    publish_questions(question.seminar)


@transaction.atomic
def mark_answered(question, *, by, answer=None):
    """Answered, with the facilitator's note of the answer for the documentation."""
    fields = {"answer": answer.strip()} if answer is not None else {}
    if question.status != Question.Status.ANSWERED:
        fields["answered_at"] = timezone.now()
    _set(question, Question.Status.ANSWERED, **fields)
    publish_questions(question.seminar)


@transaction.atomic
def note_answer(question, *, by, answer):
    """Change the answer note alone (of a question being answered or answered)."""
    question.answer = answer.strip()
    question.save(update_fields=["answer"])
    publish_questions(question.seminar, phones=False)
