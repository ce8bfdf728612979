"""The question round: a board per table whose prompt is the round's questions.

An item without a description of its own is posed the Swedish autumn conference's five
questions (003 in the seeds) in the seminar's language; the answers are cards on the boards,
and a dot vote over them (ideas/votes) ranks the most important conclusions for the
documentation."""

from ideas.boards.exercise import Boards
from ideas.boards.services import boards_for_item
from ideas.exercises import register
from ideas.models import Board

QUESTIONS = {
    "sv": [
        "Vad är viktigast att göra i rollen som spelledare och motor i samhällsutvecklingen?",
        "Vad ska ni undvika?",
        "Hur ska ni agera gentemot era grannkommuner?",
        "Hur vill ni att era grannar agerar gentemot er?",
        "Vad innebär detta för din roll som kommundirektör?",
    ],
    "da": [
        "Hvad er vigtigst at gøre i rollen som igangsætter og motor i samfundsudviklingen?",
        "Hvad skal I undgå?",
        "Hvordan skal I agere over for jeres nabokommuner?",
        "Hvordan vil I have, at jeres naboer agerer over for jer?",
        "Hvad betyder det for din rolle som kommunaldirektør?",
    ],
    "nb": [
        "Hva er viktigst å gjøre i rollen som pådriver og motor i samfunnsutviklingen?",
        "Hva skal dere unngå?",
        "Hvordan skal dere opptre overfor nabokommunene?",
        "Hvordan vil dere at naboene skal opptre overfor dere?",
        "Hva betyr dette for din rolle som rådmann?",
    ],
    "en": [
        "What matters most in the role of driving the community's development?",
        "What should you avoid?",
        "How should you act towards your neighbouring municipalities?",
        "How do you want your neighbours to act towards you?",
        "What does this mean for your role as chief executive?",
    ],
}


def questions_for(language):
    return "\n".join(QUESTIONS.get(language) or QUESTIONS["en"])


class Questions(Boards):
    def setup(self, item):
        boards = boards_for_item(item)
        if not item.description.strip():
            prompt = questions_for(item.day.seminar.language)
            Board.objects.filter(pk__in=[b.pk for b in boards], prompt="").update(prompt=prompt)


register(Questions("questions"))
