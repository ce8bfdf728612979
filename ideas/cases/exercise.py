"""Co-creation cases: each leader brings theirs, the group hears them, collects best practices
on its poster and picks one case, which the plenum analyses in three columns; the best
practices stay beside the goal form that follows."""

from ideas.cases import queries
from ideas.cases.live import TEMPLATE, stage_context, table_context
from ideas.exercises import Exercise, aside, register


class Cases(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False
    shows_cases = True  # its parts are pushed while it runs (ideas/cases/live.py)

    def work(self, seminar, item, group, shared):
        if group is None:
            return {}
        return {"table": table_context(seminar, group)}

    def stage(self, seminar, item):
        return stage_context(seminar, facilitator=False, grouping=self.seating(item))

    def console(self, seminar, item):
        return stage_context(seminar, facilitator=True, grouping=self.seating(item))


register(Cases("cases"))


@aside("goal-form")
def best_practices(seminar, group):
    """The group's best practices from its case poster, to draw on for its goal."""
    practices = queries.best_practices(group)
    if not practices:
        return None
    return {"template": f"{TEMPLATE}#practices-aside", "group": group, "practices": practices}
