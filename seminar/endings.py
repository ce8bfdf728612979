"""When a session or a right ends, its open sockets close within a second.

A socket is authorised when it opens; without these it would keep receiving pushes after:
- a logout: every socket of that browser session is closed (`live.session_group`);
- a facilitator removed from a seminar: the seminar's console and projector sockets are
  authorised again after the commit, and the removed person's are closed;
- a participant who leaves on the phone (seminar.views.leave) or is removed or merged
  (seminar.services.remove_participant): that participant's sockets are closed.
A closed socket gets 4403, and the page does not reconnect.
"""

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from seminar import live
from seminar.models import Seminar


@receiver(user_logged_out, dispatch_uid="plenum-close-sockets-on-logout")
def close_sockets_of_session(sender, request, user, **kwargs):
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        live.end_sockets([live.session_group(session_key)])


@receiver(m2m_changed, sender=Seminar.facilitators.through, dispatch_uid="plenum-facilitators")
def reauthorise_facilitator_sockets(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_remove", "post_clear"}:
        return
    if not reverse:  # seminar.facilitators.remove(user)
        seminar_ids = [instance.pk]
    elif pk_set:  # user.facilitated_seminars.remove(seminar)
        seminar_ids = sorted(pk_set)
    else:  # user.facilitated_seminars.clear(): the seminars are not named
        return
    for seminar_id in seminar_ids:
        live.resync_on_commit(
            [live.facilitators_audience(seminar_id), live.projector_audience(seminar_id)]
        )
