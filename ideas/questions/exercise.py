"""Plenum questions as an extra of a plenum item: phones ask and upvote, the projector shows the
top questions and the one being answered, the console moderates."""

from django.utils.translation import gettext_lazy as _

from ideas.exercises import Extra, register_extra
from ideas.questions.forms import QuestionForm, QuestionSettingsForm
from ideas.questions.live import DEFAULTS, questions_context

TEMPLATE = "ideas/extras/questions.html"


class Questions(Extra):
    key = "questions"
    name = _("Questions from the room")
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    settings_form = QuestionSettingsForm
    settings_template = f"{TEMPLATE}#questions-settings"

    def defaults(self):
        return dict(DEFAULTS)

    def work(self, seminar, item):
        return {**questions_context(seminar, item, role="phone"), "form": QuestionForm()}

    def stage(self, seminar, item):
        return questions_context(seminar, item, role="projector")

    def console(self, seminar, item):
        return questions_context(seminar, item, role="console")


QUESTIONS = register_extra(Questions())
