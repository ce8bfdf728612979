"""The speaker queue as an extra of a plenum item: phones ask to speak, the projector shows the
speaker, the next three and the speaker's time, the console orders the queue."""

from django.utils.translation import gettext_lazy as _

from ideas.exercises import Extra, register_extra
from ideas.speakers.forms import SpeakerSettingsForm
from ideas.speakers.live import DEFAULTS, speakers_context

TEMPLATE = "ideas/extras/speakers.html"


class Speakers(Extra):
    key = "speakers"
    name = _("Speaker queue")
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    settings_form = SpeakerSettingsForm
    settings_template = f"{TEMPLATE}#speakers-settings"

    def defaults(self):
        return dict(DEFAULTS)

    def work(self, seminar, item):
        return speakers_context(seminar, item, role="phone")

    def stage(self, seminar, item):
        return speakers_context(seminar, item, role="projector")

    def console(self, seminar, item):
        return speakers_context(seminar, item, role="console")


SPEAKERS = register_extra(Speakers())
