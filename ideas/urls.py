from django.urls import path

from ideas.boards import views as boards
from ideas.catalogue import views as catalogue
from ideas.commitments import views as commitments
from ideas.data import views as data
from ideas.extras import views as extras
from ideas.followup import views as followup
from ideas.goals import views as goals
from ideas.questions import views as questions
from ideas.report import views as report
from ideas.rounds import views as rounds
from ideas.scales import views as scales
from ideas.soapbox import views as soapbox
from ideas.speakers import views as speakers
from ideas.stage import views as stage
from ideas.vernissage import views as vernissage
from ideas.votes import views as votes

s = "s/<int:seminar_id>/"
urlpatterns = [
    path(s + "programme/days/<int:day_id>/template/", catalogue.day_template, name="day-template"),
    path(
        s + "programme/items/<int:item_id>/template/",
        catalogue.item_template,
        name="item-template",
    ),
    path(s + "boards/<int:board_id>/ideas/", boards.idea_add, name="idea-add"),
    path(s + "boards/<int:board_id>/open/", boards.board_open, name="board-open"),
    path(s + "boards/<int:board_id>/photos/", boards.photo_add, name="photo-add"),
    path(s + "photos/<int:photo_id>.jpg", boards.photo, name="photo"),
    path(s + "photos/<int:photo_id>/hide/", boards.photo_hide, name="photo-hide"),
    path(s + "boards/<int:board_id>/clusters/", boards.cluster_create, name="cluster-create"),
    path(s + "ideas/<int:idea_id>/edit/", boards.idea_edit, name="idea-edit"),
    path(s + "ideas/<int:idea_id>/withdraw/", boards.idea_withdraw, name="idea-withdraw"),
    path(s + "ideas/<int:idea_id>/hide/", boards.idea_hide, name="idea-hide"),
    path(s + "ideas/<int:idea_id>/cluster/", boards.idea_cluster, name="idea-cluster"),
    path(s + "ideas/<int:idea_id>/comments/", vernissage.comment_add, name="comment-add"),
    path(s + "ideas/<int:idea_id>/star/", vernissage.star_toggle, name="star-toggle"),
    path(s + "comments/<int:comment_id>/hide/", vernissage.comment_hide, name="comment-hide"),
    path(s + "clusters/<int:cluster_id>/rename/", boards.cluster_rename, name="cluster-rename"),
    path(
        s + "clusters/<int:cluster_id>/dissolve/", boards.cluster_dissolve, name="cluster-dissolve"
    ),
    path(s + "highlights/", vernissage.highlight_pin, name="highlight-pin"),
    path(s + "stage/", stage.stage_choose, name="stage-choose"),
    path(
        s + "highlights/<int:highlight_id>/remove/",
        vernissage.highlight_remove,
        name="highlight-remove",
    ),
    path(s + "gallery/", vernissage.gallery, name="gallery"),
    path(s + "gallery/<int:board_id>/", vernissage.poster, name="poster"),
    path(
        s + "items/<int:item_id>/vernissage/", vernissage.vernissage_setup, name="vernissage-setup"
    ),
    path(
        s + "items/<int:item_id>/vernissage/round/",
        vernissage.vernissage_round,
        name="vernissage-round",
    ),
    path(
        s + "items/<int:item_id>/vernissage/boards/<int:board_id>/presenters/",
        vernissage.vernissage_presenters,
        name="vernissage-presenters",
    ),
    path(s + "votes/new/", votes.vote_create, name="vote-create"),
    path(s + "votes/<int:vote_id>/", votes.vote, name="vote"),
    path(s + "votes/<int:vote_id>/dot/", votes.vote_dot, name="vote-dot"),
    path(s + "votes/<int:vote_id>/state/", votes.vote_state, name="vote-state"),
]

urlpatterns += [
    path(s + "goals/", goals.goal_draft, name="goal-draft"),
    path(s + "goals/<int:goal_id>/show/", goals.goal_show, name="goal-show"),
    path(s + "goals/<int:goal_id>/shake/", goals.goal_shake, name="goal-shake"),
    path(s + "goals/<int:goal_id>/unshake/", goals.goal_unshake, name="goal-unshake"),
    path(s + "goals/<int:goal_id>/seal/", goals.goal_seal, name="goal-seal"),
    path(s + "goals/<int:goal_id>/reopen/", goals.goal_reopen, name="goal-reopen"),
    path(s + "commitments/", commitments.commitments, name="commitments"),
    path(s + "actions/", commitments.my_actions, name="my-actions"),
    path(
        s + "actions/<int:action_id>/remove/",
        commitments.my_action_remove,
        name="my-action-remove",
    ),
    path(s + "actions/<int:action_id>/", commitments.my_action_change, name="my-action-change"),
    path(s + "action-points/", commitments.point_add, name="action-point-add"),
    path(
        s + "action-points/<int:point_id>/move/",
        commitments.point_move,
        name="action-point-move",
    ),
    path(
        s + "action-points/<int:point_id>/remove/",
        commitments.point_remove,
        name="action-point-remove",
    ),
    path(
        s + "action-lists/<int:list_id>/state/",
        commitments.action_list_state,
        name="action-list-state",
    ),
    path(
        s + "action-lists/<int:list_id>/template/",
        commitments.action_list_template,
        name="action-list-template",
    ),
    path(s + "report/", report.report, name="report"),
    path(s + "report.<str:fmt>", report.report, name="report-download"),
    path(s + "me/contributions.json", data.my_contributions, name="my-contributions"),
    path(s + "export.json", data.seminar_export, name="seminar-export"),
    path(s + "template/", data.seminar_template, name="seminar-template"),
    path("follow-up/", followup.follow_up, name="follow-up"),
    path("follow-up/goals/<int:goal_id>/", followup.goal_detail, name="goal-detail"),
    path("follow-up/export.<str:fmt>", followup.export_goals, name="export-goals"),
]

# Citizen interviews (ideas/interviews/).
from ideas.interviews import views as interviews  # noqa: E402

urlpatterns += [
    path(s + "interview/", interviews.interview_mine, name="interview-mine"),
    path(s + "interviews/threads/", interviews.thread_add, name="interview-thread-add"),
    path(
        s + "interviews/threads/<int:thread_id>/remove/",
        interviews.thread_remove,
        name="interview-thread-remove",
    ),
    path(s + "interviews/differences/", interviews.difference_add, name="interview-difference-add"),
    path(
        s + "interviews/differences/<int:difference_id>/remove/",
        interviews.difference_remove,
        name="interview-difference-remove",
    ),
    path(
        s + "interviews/<int:interview_id>/flag/",
        interviews.interview_flag,
        name="interview-flag",
    ),
    path(s + "interviews/stage/", interviews.interview_stage, name="interview-stage"),
]

# Co-creation cases (ideas/cases/).
from ideas.cases import views as cases  # noqa: E402

g = s + "groups/<int:group_id>/cases/"
urlpatterns += [
    path(s + "case/", cases.case_mine, name="case-mine"),
    path(g + "present/", cases.case_present, name="case-present"),
    path(g + "pick/", cases.case_pick, name="case-pick"),
    path(g + "analysis/", cases.analysis_save, name="case-analysis"),
    path(s + "cases/practices/", cases.practice_add, name="case-practice-add"),
    path(
        s + "cases/practices/<int:practice_id>/remove/",
        cases.practice_remove,
        name="case-practice-remove",
    ),
    path(s + "cases/stage/", cases.case_stage, name="case-stage"),
]

# Extras of an item (ideas/exercises.py): the console's switches, and each extra's own.
urlpatterns += [
    path(s + "items/<int:item_id>/extras/<slug:key>/", extras.extra_switch, name="extra-switch"),
    path(
        s + "items/<int:item_id>/extras/<slug:key>/settings/",
        extras.extra_settings,
        name="extra-settings",
    ),
    path(s + "questions/", questions.question_ask, name="question-ask"),
    path(s + "questions/<int:question_id>/vote/", questions.question_vote, name="question-vote"),
    path(
        s + "questions/<int:question_id>/moderate/",
        questions.question_moderate,
        name="question-moderate",
    ),
    path(s + "speakers/", speakers.speaker_ask, name="speaker-ask"),
    path(s + "items/<int:item_id>/speakers/", speakers.speaker_queue, name="speaker-queue"),
    path(s + "speech/", soapbox.my_speech, name="my-speech"),
    path(s + "speech/save/", soapbox.speech_save, name="speech-save"),
    path(s + "speeches/<int:speech_id>/feedback/", soapbox.speech_feedback, name="speech-feedback"),
    path(s + "soapbox/<int:group_id>/lead/", soapbox.leader_action, name="soapbox-lead"),
    path(s + "soapbox/<int:group_id>/run/", soapbox.facilitator_action, name="soapbox-run"),
]

# Question rounds: answers on the tables' boards, merged into conclusions, ranked by dots.
urlpatterns += [
    path(s + "rounds/boards/<int:board_id>/answer/", rounds.round_answer, name="round-answer"),
    path(s + "rounds/<int:item_id>/questions/", rounds.round_questions, name="round-questions"),
    path(s + "rounds/<int:item_id>/step/", rounds.round_step, name="round-step"),
    path(s + "rounds/questions/<int:question_id>/merge/", rounds.round_merge, name="round-merge"),
    path(s + "rounds/conclusions/<int:idea_id>/", rounds.round_conclusion, name="round-conclusion"),
]

# Scales: the dilemma scale, the self-assessment and the rating (ideas/scales/).
urlpatterns += [
    path(s + "scales/<int:scale_id>/", scales.scale_answers, name="scale-answers"),
    path(s + "statements/<int:statement_id>/answer/", scales.scale_answer, name="scale-answer"),
    path(s + "scales/<int:scale_id>/state/", scales.scale_state, name="scale-state"),
    path(s + "scales/<int:scale_id>/preset/", scales.scale_preset, name="scale-preset"),
    path(s + "scales/<int:scale_id>/answers.csv", scales.scale_export, name="scale-export"),
    path(
        s + "scales/<int:scale_id>/statements/", scales.scale_statement, name="scale-statement-add"
    ),
    path(
        s + "scales/<int:scale_id>/statements/<int:statement_id>/",
        scales.scale_statement,
        name="scale-statement",
    ),
]
