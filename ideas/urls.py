from django.urls import path

from ideas.boards import views as boards
from ideas.commitments import views as commitments
from ideas.data import views as data
from ideas.followup import views as followup
from ideas.goals import views as goals
from ideas.report import views as report
from ideas.vernissage import views as vernissage
from ideas.votes import views as votes

s = "s/<int:seminar_id>/"
urlpatterns = [
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
    path(s + "report/", report.report, name="report"),
    path(s + "report.<str:fmt>", report.report, name="report-download"),
    path(s + "me/contributions.json", data.my_contributions, name="my-contributions"),
    path(s + "export.json", data.seminar_export, name="seminar-export"),
    path(s + "template/", data.seminar_template, name="seminar-template"),
    path("follow-up/", followup.follow_up, name="follow-up"),
    path("follow-up/goals/<int:goal_id>/", followup.goal_detail, name="goal-detail"),
    path("follow-up/export.<str:fmt>", followup.export_goals, name="export-goals"),
]
