"""Co-creation cases: each leader's own case, and what their group does with them together.

Anyone at the table (a member's phone, the table's screen, a facilitator) adds best practices
to the poster; the group's process leader or a facilitator marks the case being presented,
picks the group's case and fills its analysis, which carries a version so nobody's text is
overwritten unseen. Every change pushes its table's part after the commit.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.cases import live
from ideas.cases.models import BestPractice, Case, CasePoster, CaseStage
from ideas.domain import Conflict, Refused, post_key, works_at
from ideas.live import seat_group
from seminar.models import Participant
from seminar.permissions import is_facilitator

SAVED_MEANWHILE = gettext_lazy(
    "The analysis was saved meanwhile. The saved version is shown, and your text is still in "
    "the form: save again to replace it, or change yours first."
)


def seat(seminar, participant):
    """The participant's table for the cases item running now (None: no table)."""
    item = live.running(seminar)
    return seat_group(seminar, item, participant) if item else None


def _leads(group, by):
    """The group's process leader (on their phone) or a facilitator of the seminar."""
    seminar = group.grouping.seminar
    if isinstance(by, User | AnonymousUser):
        return is_facilitator(by, seminar)
    return isinstance(by, Participant) and by.pk == group.leader_id


def _check_leads(group, by):
    if not _leads(group, by):
        raise Refused(_("Only the group's process leader or a facilitator can do this."))


def _poster(group):
    poster, _created = CasePoster.objects.get_or_create(
        group=group, defaults={"seminar": group.grouping.seminar}
    )
    return CasePoster.objects.select_for_update().get(pk=poster.pk)


def _of_group(group, case):
    if (
        case is not None
        and not Case.objects.filter(pk=case.pk, author__memberships__group=group).exists()
    ):
        raise Refused(_("Choose a case of your own group."))


@transaction.atomic
def save_case(seminar, *, by, title, what_happened, partners="", learning="", key=None):
    """A leader writes their co-creation case (one each); writing again changes it."""
    if by is None or by.seminar_id != seminar.pk:
        raise Refused(_("Only the seminar's participants write cases."))
    key = post_key(key)
    existing = Case.objects.filter(key=key).first()
    if existing is not None:
        return existing
    fields = {
        "title": title,
        "partners": partners,
        "what_happened": what_happened,
        "learning": learning,
    }
    case = Case.objects.select_for_update().filter(author=by).first()
    if case is None:
        try:
            with transaction.atomic():  # a savepoint: a second tab may have saved meanwhile
                case = Case.objects.create(seminar=seminar, author=by, key=key, **fields)
        except IntegrityError:
            case = Case.objects.select_for_update().get(author=by)
    if case.key != key:
        for name, value in fields.items():
            setattr(case, name, value)
        case.save()
    group = seat(seminar, by)
    if group is not None:
        live.publish_table(seminar, group)
    return case


@transaction.atomic
def present(group, *, by, case):
    """Mark the case being presented at the table now (None: nobody presents)."""
    _check_leads(group, by)
    _of_group(group, case)
    poster = _poster(group)
    poster.presenting = case
    poster.save(update_fields=["presenting", "updated_at"])
    live.publish_table(poster.seminar, group)


@transaction.atomic
def pick(group, *, by, case):
    """The group's case for the plenum's analysis."""
    _check_leads(group, by)
    _of_group(group, case)
    poster = _poster(group)
    poster.picked = case
    poster.save(update_fields=["picked", "updated_at"])
    live.publish_table(poster.seminar, group)


@transaction.atomic
def add_practice(group, *, by, text, key=None):
    seminar = group.grouping.seminar
    if not works_at(seminar, group, by):
        raise Refused(_("Only the table's members can do this."))
    key = post_key(key)
    existing = BestPractice.objects.filter(key=key).first()
    if existing is not None:
        return existing
    practice = BestPractice.objects.create(seminar=seminar, group=group, text=text, key=key)
    live.publish_table(seminar, group)
    return practice


@transaction.atomic
def remove_practice(practice, *, by):
    group = practice.group
    if not works_at(practice.seminar, group, by):
        raise Refused(_("Only the table's members can do this."))
    practice.delete()
    live.publish_table(practice.seminar, group)


@transaction.atomic
def save_analysis(group, *, by, went_well="", to_improve="", how="", version=None):
    """The three columns of the picked case, filled live in plenum. A save made from an older
    version is refused with what is saved now (Conflict), never written over it."""
    _check_leads(group, by)
    poster = _poster(group)
    if poster.picked_id is None:
        raise Refused(_("Pick the group's case first."))
    if version is not None and version != poster.version:
        raise Conflict(SAVED_MEANWHILE, current=poster)
    poster.went_well, poster.to_improve, poster.how = went_well, to_improve, how
    poster.version += 1
    poster.save()
    live.publish_table(poster.seminar, group)
    return poster


@transaction.atomic
def show_analysis(seminar, *, by, group=None):
    """Put a group's analysis on the projector (None: every group's poster)."""
    if group is not None and group.grouping.seminar_id != seminar.pk:
        raise Refused(_("That group belongs to another seminar."))
    stage, _created = CaseStage.objects.get_or_create(seminar=seminar)
    stage = CaseStage.objects.select_for_update().get(pk=stage.pk)
    stage.poster = _poster(group) if group is not None else None
    stage.save(update_fields=["poster"])
    live.publish_stage(seminar)
