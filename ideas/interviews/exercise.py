"""Citizen interviews: each leader enters theirs at the table, the table marks common threads
and differences and flags some for the plenum, where the projector shows them one at a time."""

from ideas.exercises import Exercise, register
from ideas.interviews import queries
from ideas.interviews.live import TEMPLATE, table_context


class Interviews(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False
    shows_interviews = True  # its parts are pushed while it runs (ideas/interviews/live.py)

    def work(self, seminar, item, group, shared):
        if group is None:
            return {}
        return {"table": table_context(seminar, group)}

    def stage(self, seminar, item):
        return {"interview_stage": queries.stage_context(seminar)}

    def console(self, seminar, item):
        return {"interview_stage": queries.stage_context(seminar, facilitator=True)}


register(Interviews("interviews"))
