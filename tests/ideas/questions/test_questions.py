"""Plenum questions: asked from phones named or anonymously, upvoted once per phone, moderated,
answered with a note; pushed live to the phones, the projector and the console."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from ideas import report
from ideas.domain import Refused
from ideas.extras import services as extras
from ideas.live import console_region_context, has_work, my_work_context, stage_region_context
from ideas.models import Question, QuestionVote
from ideas.questions import services
from ideas.report.walk import walk
from ideas.stage.services import choose_stage
from tests.conftest import client_for_participant
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text

HTMX = {"hx-request": "true"}


def _key():
    return str(uuid.uuid4())


def _votes(question):
    return QuestionVote.objects.filter(question=question, up=True).count()


# --- Services ------------------------------------------------------------------------------


def test_a_question_is_stored_once_whatever_its_retries(seminar, plenum):
    item, (anne, _bo, _cai) = plenum
    key = _key()
    first = services.ask(seminar, by=anne, text="Hvad koster det?", key=key)
    again = services.ask(seminar, by=anne, text="Hvad koster det?", key=key)
    assert first == again and Question.objects.count() == 1
    assert first.agenda_item == item and first.participant == anne and first.status == "open"


def test_an_anonymous_question_keeps_no_name(seminar, plenum):
    _item, (anne, _bo, _cai) = plenum
    question = services.ask(seminar, by=anne, text="Tør vi?", anonymous=True)
    assert question.participant is None


def test_the_facilitators_setting_decides_named_or_anonymous(seminar, alice, plenum):
    item, (anne, _bo, _cai) = plenum
    extras.configure_extra(item, by=alice, key="questions", names="named")
    assert services.ask(seminar, by=anne, text="A", anonymous=True).participant == anne
    extras.configure_extra(item, by=alice, key="questions", names="anonymous")
    assert services.ask(seminar, by=anne, text="B", anonymous=False).participant is None


def test_moderated_questions_wait_for_approval(seminar, alice, plenum):
    item, (anne, _bo, _cai) = plenum
    extras.configure_extra(item, by=alice, key="questions", moderated=True)
    question = services.ask(seminar, by=anne, text="Hvorfor nu?")
    assert question.status == "pending"
    item.refresh_from_db()
    assert my_work_context(seminar, item, None)["extras"][0]["context"]["count"] == 0
    services.approve(question, by=alice)
    assert Question.objects.get().status == "open"


def test_no_questions_when_they_are_off_or_from_another_seminar(
    seminar, alice, plenum, outsider_participant
):
    item, (anne, _bo, _cai) = plenum
    with pytest.raises(Refused):
        services.ask(seminar, by=outsider_participant, text="Hej")
    extras.switch_extra(item, by=alice, key="questions", on=False)
    with pytest.raises(Refused):
        services.ask(seminar, by=anne, text="Hej")
    assert Question.objects.count() == 0


def test_an_upvote_counts_once_per_phone_and_a_second_tap_takes_it_back(seminar, plenum):
    _item, (anne, bo, cai) = plenum
    question = services.ask(seminar, by=anne, text="Hvad nu?")
    key = _key()
    services.upvote(question, by=bo, up=True, key=key)
    services.upvote(question, by=bo, up=True, key=key)  # a retry
    services.upvote(question, by=bo, up=True, key=_key())  # a second press of the same
    services.upvote(question, by=cai, up=True, key=_key())
    assert _votes(question) == 2
    take_back = _key()
    services.upvote(question, by=bo, up=False, key=take_back)
    services.upvote(question, by=bo, up=False, key=take_back)
    assert _votes(question) == 1
    services.upvote(question, by=bo, up=True, key=_key())
    assert _votes(question) == 2


def test_one_question_is_answered_at_a_time_and_keeps_its_note(seminar, alice, plenum):
    _item, (anne, bo, _cai) = plenum
    first = services.ask(seminar, by=anne, text="Første")
    second = services.ask(seminar, by=bo, text="Anden")
    services.answer_now(first, by=alice)
    services.answer_now(second, by=alice)
    first.refresh_from_db()
    assert first.status == "open" and Question.objects.get(pk=second.pk).status == "answering"
    services.mark_answered(second, by=alice, answer="Til foråret")
    second.refresh_from_db()
    assert second.status == "answered" and second.answer == "Til foråret"
    assert second.answered_at is not None
    with pytest.raises(Refused):
        services.upvote(second, by=anne, up=True)


# --- Screens -------------------------------------------------------------------------------


def test_every_screen_shows_its_part_of_the_questions(seminar, alice, plenum):
    item, (anne, bo, _cai) = plenum
    top = services.ask(seminar, by=anne, text="Mest stemt")
    services.ask(seminar, by=bo, text="Mindre stemt", anonymous=True)
    services.upvote(top, by=bo, up=True)
    hidden = services.ask(seminar, by=bo, text="Skjult")
    services.hide(hidden, by=alice)
    item.refresh_from_db()
    assert has_work(item)
    phone = my_work_context(seminar, item, None)["extras"][0]["context"]
    assert [q.text for q in phone["open"]] == ["Mest stemt", "Mindre stemt"]
    assert phone["open"][0].voters == str(bo.pk)
    # On the projector once the facilitator puts it on its stage (ideas/stage/).
    choose_stage(seminar, by=alice, key="extra:questions", item_id=item.pk)
    stage = stage_region_context(seminar)["extra"]
    assert [q.text for q in stage["top"]] == ["Mest stemt", "Mindre stemt"]
    console = console_region_context(seminar, item)
    assert [q.text for q in console["extras"][0]["context"]["hidden"]] == ["Skjult"]
    assert console["offered_extras"][0]["on"] is True


def test_the_console_page_phone_and_projector_render_the_questions(
    seminar, alice, alice_client, plenum, participant_client
):
    _item, (anne, _bo, _cai) = plenum
    services.ask(seminar, by=anne, text="Kan borgerne være med?")
    phone = client_for_participant(anne).get(reverse("phone", args=[seminar.pk]))
    assert 'id="question-ask"' in phone.text and "Kan borgerne være med?" in phone.text
    console = alice_client.get(reverse("console", args=[seminar.pk]))
    assert 'id="questions-console"' in console.text and "Kan borgerne være med?" in console.text
    choose_stage(seminar, by=alice, key="extra:questions", item_id=_item.pk)
    projector = alice_client.get(reverse("projector", args=[seminar.pk]))
    assert 'id="questions-stage"' in projector.text and "Kan borgerne være med?" in projector.text


def test_a_question_is_pushed_to_phones_projector_and_console(
    seminar, alice, plenum, pushes, django_capture_on_commit_callbacks
):
    item, (anne, _bo, _cai) = plenum
    choose_stage(seminar, by=alice, key="extra:questions", item_id=item.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask(seminar, by=anne, text="Live?")
    kinds = {group.split(".")[1] for group, html in pushes if "Live?" in html}
    assert kinds == {"phones", "projector", "facilitators"}


def test_a_pending_question_goes_to_the_console_only(
    seminar, alice, plenum, pushes, django_capture_on_commit_callbacks
):
    item, (anne, _bo, _cai) = plenum
    extras.configure_extra(item, by=alice, key="questions", moderated=True)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask(seminar, by=anne, text="Først godkendt")
    kinds = {group.split(".")[1] for group, html in pushes if "Først godkendt" in html}
    assert kinds == {"facilitators"}


def test_nothing_is_pushed_once_the_item_is_over(
    seminar, alice, plenum, pushes, django_capture_on_commit_callbacks
):
    _item, (anne, _bo, _cai) = plenum
    question = services.ask(seminar, by=anne, text="Sent")
    agenda_services.next_item(seminar, by=alice)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_now(question, by=alice)
    assert not [html for _group, html in pushes if "questions" in html]


# --- Views ---------------------------------------------------------------------------------


def test_a_phone_asks_and_gets_its_form_back_with_a_receipt(seminar, plenum):
    _item, (anne, _bo, _cai) = plenum
    phone = client_for_participant(anne)
    url = reverse("question-ask", args=[seminar.pk])
    key = _key()
    for _ in range(2):
        response = phone.post(url, {"text": "Hvem\r\nbetaler?", "key": key}, headers=HTMX)
        assert response.status_code == 200 and "question-ask" in response.text
    assert list(Question.objects.values_list("text", flat=True)) == ["Hvem betaler?"]


def test_an_empty_question_is_refused_in_the_phones_language(seminar, plenum):
    _item, (anne, _bo, _cai) = plenum
    phone = client_for_participant(anne)
    response = phone.post(
        reverse("question-ask", args=[seminar.pk]),
        {"text": "  ", "key": _key()},
        headers={**HTMX, "accept-language": "da"},
    )
    assert response.status_code == 200 and "errorlist" in response.text
    assert Question.objects.count() == 0


def test_a_vote_post_answers_with_the_list_and_counts_once_per_key(seminar, plenum):
    _item, (anne, bo, _cai) = plenum
    question = services.ask(seminar, by=anne, text="Hvad så?")
    url = reverse("question-vote", args=[seminar.pk, question.pk])
    key = _key()
    for _ in range(2):
        response = client_for_participant(bo).post(url, {"up": "1", "key": key}, headers=HTMX)
        assert response.status_code == 204
    assert _votes(question) == 1
    client_for_participant(bo).post(url, {"up": "0", "key": _key()}, headers=HTMX)
    assert _votes(question) == 0


def test_the_facilitator_moderates_from_the_console(seminar, alice_client, plenum):
    _item, (anne, _bo, _cai) = plenum
    question = services.ask(seminar, by=anne, text="Spørgsmål")
    url = reverse("question-moderate", args=[seminar.pk, question.pk])
    for _ in range(2):  # the same press twice
        assert alice_client.post(url, {"action": "answer-now"}, headers=HTMX).status_code == 204
    assert Question.objects.get().status == "answering"
    answered = alice_client.post(url, {"action": "answered", "answer": "Ja\r\n"}, headers=HTMX)
    assert answered.status_code == 200 and f'id="answer-form-{question.pk}"' in answered.text
    alice_client.post(url, {"action": "answered", "answer": "Ja"}, headers=HTMX)
    question.refresh_from_db()
    assert (question.status, question.answer) == ("answered", "Ja")
    alice_client.post(url, {"action": "note", "answer": "Ja, i 2015"}, headers=HTMX)
    assert Question.objects.get().answer == "Ja, i 2015"
    assert alice_client.post(url, {"action": "nonsense"}, headers=HTMX).status_code == 400


def test_the_facilitator_switches_questions_and_sets_them(seminar, alice_client, programme):
    _day, items = programme
    item = items[0]
    switch = reverse("extra-switch", args=[seminar.pk, item.pk, "questions"])
    for _ in range(2):
        assert alice_client.post(switch, {"on": "1"}, headers=HTMX).status_code == 204
    item.refresh_from_db()
    assert item.extras == {"questions": {"names": "choice", "moderated": False}}
    settings = reverse("extra-settings", args=[seminar.pk, item.pk, "questions"])
    saved = alice_client.post(settings, {"names": "anonymous", "moderated": "on"}, headers=HTMX)
    assert saved.status_code == 200 and 'id="questions-settings"' in saved.text
    item.refresh_from_db()
    assert item.extras["questions"] == {"names": "anonymous", "moderated": True}
    bad = alice_client.post(settings, {"names": "everyone"}, headers=HTMX)
    assert bad.status_code == 422
    item.refresh_from_db()
    assert item.extras["questions"]["names"] == "anonymous"
    alice_client.post(switch, {"on": "0"}, headers=HTMX)
    item.refresh_from_db()
    assert item.extras == {}


def test_only_a_plenum_takes_extras(seminar, alice_client, programme):
    _day, items = programme
    item = items[0]
    item.kind = "brainstorm"
    item.save()
    switch = reverse("extra-switch", args=[seminar.pk, item.pk, "questions"])
    assert alice_client.post(switch, {"on": "1"}, headers=HTMX).status_code == 409
    unknown = reverse("extra-switch", args=[seminar.pk, items[1].pk, "karaoke"])
    assert alice_client.post(unknown, {"on": "1"}, headers=HTMX).status_code == 409
    item.refresh_from_db()
    assert item.extras == {}


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant", "phone"]
)
def test_outsiders_cannot_ask_vote_moderate_or_switch(
    who, seminar, plenum, bob_client, carol_client, outsider_participant_client
):
    item, (anne, _bo, _cai) = plenum
    question = services.ask(seminar, by=anne, text="Vores")
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
        "phone": client_for_participant(anne),  # a participant is no facilitator
    }[who]
    s = seminar.pk
    facilitator_only = [
        reverse("question-moderate", args=[s, question.pk]),
        reverse("extra-switch", args=[s, item.pk, "questions"]),
        reverse("extra-settings", args=[s, item.pk, "questions"]),
    ]
    phone_only = [
        reverse("question-ask", args=[s]),
        reverse("question-vote", args=[s, question.pk]),
    ]
    urls = facilitator_only + ([] if who == "phone" else phone_only)
    before = (
        list(Question.objects.values_list("pk", "status", "answer")),
        QuestionVote.objects.count(),
    )
    data = {"text": "X", "action": "hide", "on": "0", "names": "named", "up": "1"}
    for url in urls:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    after = (
        list(Question.objects.values_list("pk", "status", "answer")),
        QuestionVote.objects.count(),
    )
    assert after == before
    item.refresh_from_db()
    assert "questions" in item.extras


# --- The documentation ---------------------------------------------------------------------


def test_the_documentation_lists_questions_with_votes_and_answer_notes(seminar, alice, plenum):
    _item, (anne, bo, cai) = plenum
    answered = services.ask(seminar, by=anne, text="Hvem ejer visionen?")
    services.upvote(answered, by=bo, up=True)
    services.upvote(answered, by=cai, up=True)
    services.mark_answered(answered, by=alice, answer="Alle ledere")
    services.ask(seminar, by=bo, text="Anonymt", anonymous=True)
    services.hide(services.ask(seminar, by=cai, text="Skjult"), by=alice)
    [entry] = walk(seminar)["questions"].items
    assert [q.text for q in entry.questions] == ["Hvem ejer visionen?", "Anonymt"]
    assert entry.questions[0].vote_count == 2 and entry.questions[0].answer == "Alle ledere"
    assert "Alle ledere" in _html(seminar)
    for text in (_docx_text(report.report_docx(seminar)), _pdf_text(report.report_pdf(seminar))):
        assert "Hvem ejer visionen?" in text and "Alle ledere" in text and "Skjult" not in text
