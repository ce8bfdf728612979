"""The soapbox exercise: in the item's groups (large groups with a process leader), each phone
drafts a speech, three per group give theirs while the table screen shows the queue and the
time, the others give feedback, and everyone sketches an action plan."""

from ideas.exercises import Exercise, register
from ideas.soapbox.live import group_queue, overview

TEMPLATE = "ideas/exercises/soapbox.html"


class Soapbox(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False

    def work(self, seminar, item, group, shared):
        return {"queue": group_queue(item, group)}

    def stage(self, seminar, item):
        return {"groups": overview(item)}

    def console(self, seminar, item):
        return {"groups": overview(item)}


register(Soapbox("speeches"))
