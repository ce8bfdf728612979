"""What happens to each text a seminar keeps once its retention date has passed.

Every text field of every model that belongs to a seminar has a rule here (choices and
generated keys excepted: they hold nothing a person wrote), with the reason beside it;
tests/ideas/test_data_coverage.py fails when a model or a text field has none. The rules:

- PSEUDONYM: the participant's name becomes "Participant 12" (numbered in joining order).
- CITIZEN: an interview's "who, in what role", which usually names the citizen, becomes
  "Citizen 3" (numbered in the order the interviews were written).
- UNLINK: a field that holds just a participant's name (a goal's owner, a message's sender)
  is emptied; anything else in it is SCRUBbed.
- SCRUB: free text stays (it is the seminar's documentation) but every participant's and
  interviewed citizen's name in it becomes their pseudonym (see `Names`).
- KEEP: written by the facilitator as the seminar's set-up, or a setting: no participant
  wrote it, and it is not about a person.

Whole models: a photo (of a poster: faces, handwriting) is deleted with its file
(services.anonymise_seminar); a table screen's row is a device's pairing and kept.
"""

import itertools
import re

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

PSEUDONYM = "pseudonym"
CITIZEN = "citizen"
UNLINK = "unlink"
SCRUB = "scrub"
KEEP = "keep"

_SETUP = "the facilitator's set-up of the seminar"
_WRITTEN = "written by participants; may name people"

# {model label: {field: (rule, why)}}
FIELDS = {
    "seminar.Department": {"name": (KEEP, "a department of the municipality, not a person")},
    "seminar.Participant": {"display_name": (PSEUDONYM, "the person's own name")},
    "groups.Grouping": {"name": (KEEP, _SETUP)},
    "groups.Group": {"name": (SCRUB, "a table's name, sometimes after its process leader")},
    "agenda.Day": {"label": (KEEP, _SETUP)},
    "agenda.AgendaItem": {
        "title": (SCRUB, "the programme; may name a participant who presents"),
        "description": (SCRUB, "the programme; may name a participant who presents"),
        "extras": (KEEP, "the settings of the item's extras (switches and numbers)"),
    },
    "agenda.Clock": {"stage": (KEEP, "which view the projector shows: a key, not text")},
    "ideas.Board": {"prompt": (SCRUB, "the question on a board; a table may edit it")},
    "ideas.Cluster": {"heading": (SCRUB, _WRITTEN)},
    "ideas.Idea": {"text": (SCRUB, _WRITTEN)},
    "ideas.Comment": {"text": (SCRUB, _WRITTEN)},
    "ideas.Highlight": {"text": (SCRUB, "a card or what was said, pinned for the record")},
    "ideas.Vote": {"title": (SCRUB, "the facilitator's question, often a card's words")},
    "ideas.Goal": {
        "title": (SCRUB, _WRITTEN),
        "why": (SCRUB, _WRITTEN),
        "measure": (SCRUB, _WRITTEN),
        "owner": (UNLINK, "who owns the goal: often a participant's name"),
    },
    "ideas.ProgressNote": {"note": (SCRUB, "a director's follow-up note; may name people")},
    "ideas.Commitment": {"demands": (SCRUB, _WRITTEN), "agreements": (SCRUB, _WRITTEN)},
    "ideas.Message": {
        "message": (SCRUB, _WRITTEN),
        "audience": (SCRUB, _WRITTEN),
        "sender": (UNLINK, "who sends the message: often a participant's name"),
        "when": (SCRUB, _WRITTEN),
    },
    "ideas.MondayAction": {"text": (SCRUB, _WRITTEN)},
    "ideas.Case": {
        "title": (SCRUB, _WRITTEN),
        "partners": (SCRUB, "who took part in the case: may name people"),
        "what_happened": (SCRUB, _WRITTEN),
        "learning": (SCRUB, _WRITTEN),
    },
    "ideas.CasePoster": {
        "went_well": (SCRUB, _WRITTEN),
        "to_improve": (SCRUB, _WRITTEN),
        "how": (SCRUB, _WRITTEN),
    },
    "ideas.BestPractice": {"text": (SCRUB, _WRITTEN)},
    "ideas.Interview": {
        "who": (CITIZEN, "the interviewed citizen: a name and a role"),
        "said": (SCRUB, "what the citizen said; may name them or others"),
        "quote": (SCRUB, "what the citizen said; may name them or others"),
    },
    "ideas.InterviewThread": {"label": (SCRUB, _WRITTEN)},
    "ideas.InterviewDifference": {"note": (SCRUB, _WRITTEN)},
    "ideas.Question": {
        "text": (SCRUB, _WRITTEN),
        "answer": (SCRUB, "the facilitator's note of the answer; may name people"),
    },
    "ideas.Speech": {
        name: (SCRUB, _WRITTEN)
        for name in ("vision", "why", "strengths", "alive", "implementation", "plan")
    },
    "ideas.SpeechFeedback": {"worked": (SCRUB, _WRITTEN), "suggestion": (SCRUB, _WRITTEN)},
    "ideas.Scale": {"template": (KEEP, "which built-in set of statements: a key")},
    "ideas.ActionList": {
        "prompt": (SCRUB, "the facilitator's question; scrubbed in case one names a participant"),
        "template": (KEEP, "which built-in question: a key"),
    },
    "ideas.GroupPoint": {"text": (SCRUB, _WRITTEN)},
    "ideas.RoundQuestion": {
        "text": (SCRUB, "the facilitator's question; scrubbed in case one names a participant")
    },
    "ideas.Statement": {
        name: (SCRUB, "the facilitator's statements; scrubbed in case one names a participant")
        for name in ("text", "low", "middle", "high")
    },
}

# Models whose rows go or stay whole, so no field rule is needed.
WHOLE = {
    "ideas.Photo": "deleted with its file: a photo of a poster may show faces and handwriting",
    "groups.Screen": "kept: a device's pairing to a table, nothing a person wrote",
}


def text_fields(model):
    """The fields of `model` a rule must cover: text or JSON a person or the facilitator
    could write (not a choice among fixed values, not a generated key or token)."""
    out = []
    for field in model._meta.concrete_fields:
        if field.is_relation or field.choices:
            continue
        if not isinstance(field, models.CharField | models.TextField | models.JSONField):
            continue
        if not field.editable and isinstance(field, models.CharField):
            continue  # generated by Plenum: join codes, tokens
        out.append(field)
    return out


WORD = re.compile(r"\w+")


def _joins(gap):
    """Does the text between two words of a name join them as in a name ("Anne Holm",
    "Anne-Marie", "Anne  Holm")?"""
    return 0 < len(gap) <= 3 and not gap.strip(" \t\n-.")


def _key(text):
    return " ".join(text.split()).casefold()


def _name_part(who):
    """The part of "who, in what role" that names the citizen: before a comma or bracket."""
    return re.split(r"[,;(\[/]| - | \u2013 ", who, maxsplit=1)[0].strip()


class Names:
    """The names to take out of a seminar's texts, each with what to write instead.

    A participant's full name is matched without regard to case; a name of one word (a
    first name of three letters or more, or a name of two or more written as one word) only
    capitalised as written, so a word such as "bo" or "per" in a sentence stays. A first name
    shared by two participants becomes "(name)" rather than one of them. An interviewed
    citizen's name is the part of "who" before a comma or a bracket: all of it, and each
    capitalised word of it of three letters or more.
    """

    def __init__(self, participants, interviews, language):
        self.whole = {}  # casefolded full name -> pseudonym
        self.words = {}  # a word as written -> pseudonym
        with translation.override(language):
            unknown = _("(name)")
            self.pseudonyms = [
                _("Participant %(number)s") % {"number": number}
                for number in range(1, len(participants) + 1)
            ]
            self.citizens = [
                _("Citizen %(number)s") % {"number": number}
                for number in range(1, len(interviews) + 1)
            ]
        firsts = {}
        for participant, pseudonym in zip(participants, self.pseudonyms, strict=True):
            name = participant.display_name.strip()
            if not name:
                continue
            if len(name.split()) > 1:
                self.whole.setdefault(_key(name), pseudonym)
                first = name.split()[0]
                if len(first) >= 3:
                    firsts.setdefault(first, set()).add(pseudonym)
            elif len(name) >= 2:  # a single letter ("A") is no name to hunt through texts
                self.words.setdefault(name, pseudonym)
        for first, who in firsts.items():
            if first not in self.words:
                self.words[first] = who.pop() if len(who) == 1 else unknown
        for interview, pseudonym in zip(interviews, self.citizens, strict=True):
            name = _name_part(interview.who)
            if not name:
                continue
            if len(name.split()) > 1:
                self.whole.setdefault(_key(name), pseudonym)
            for word in name.split():
                if len(word) >= 3 and word[0].isupper():
                    self.words.setdefault(word, pseudonym)
        # Looked up by a text's words, not one pattern of every name: linear in the text,
        # whatever the number of people (bench/data.py).
        self.starts = {}  # first word (casefolded where case does not count) -> candidates
        for name, pseudonym in self.whole.items():
            words = tuple(WORD.findall(name))
            if words:
                self.starts.setdefault(words[0], []).append((words, pseudonym, False))
        for name, pseudonym in self.words.items():
            words = tuple(WORD.findall(name))
            if words:
                self.starts.setdefault(words[0], []).append((words, pseudonym, True))
        for candidates in self.starts.values():
            candidates.sort(key=lambda candidate: (-len(candidate[0]), candidate[2]))

    def _found(self, text, tokens, at):
        """(how many words, pseudonym) of the longest name that starts at tokens[at]."""
        word = tokens[at].group()
        candidates = self.starts.get(word, [])
        if word.casefold() != word:
            candidates = candidates + self.starts.get(word.casefold(), [])
            candidates.sort(key=lambda candidate: (-len(candidate[0]), candidate[2]))
        for words, pseudonym, sensitive in candidates:
            if at + len(words) > len(tokens):
                continue
            here = tokens[at : at + len(words)]
            said = [t.group() if sensitive else t.group().casefold() for t in here]
            if said != list(words):
                continue
            if all(_joins(text[a.end() : b.start()]) for a, b in itertools.pairwise(here)):
                return len(words), pseudonym
        return None

    def scrub(self, text):
        if not text or not self.starts:
            return text
        tokens = list(WORD.finditer(text))
        out, done, at = [], 0, 0
        while at < len(tokens):
            found = self._found(text, tokens, at)
            if found is None:
                at += 1
                continue
            count, pseudonym = found
            out += [text[done : tokens[at].start()], pseudonym]
            done = tokens[at + count - 1].end()
            at += count
        return "".join(out) + text[done:] if out else text

    def is_a_name(self, text):
        return _key(text) in self.whole or text.strip() in self.words


def apply(value, rule, names):
    """A text field's value after its rule (PSEUDONYM and CITIZEN are numbered by the caller)."""
    if rule == SCRUB:
        return names.scrub(value) if isinstance(value, str) else value
    if rule == UNLINK:
        return "" if names.is_a_name(value) else names.scrub(value)
    return value
