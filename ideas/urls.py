from django.urls import path

from ideas import views

s = "s/<int:seminar_id>/"
urlpatterns = [
    path(s + "boards/<int:board_id>/ideas/", views.idea_add, name="idea-add"),
    path(s + "boards/<int:board_id>/open/", views.board_open, name="board-open"),
    path(s + "boards/<int:board_id>/photos/", views.photo_add, name="photo-add"),
    path(s + "photos/<int:photo_id>.jpg", views.photo, name="photo"),
    path(s + "photos/<int:photo_id>/hide/", views.photo_hide, name="photo-hide"),
    path(s + "boards/<int:board_id>/clusters/", views.cluster_create, name="cluster-create"),
    path(s + "ideas/<int:idea_id>/edit/", views.idea_edit, name="idea-edit"),
    path(s + "ideas/<int:idea_id>/withdraw/", views.idea_withdraw, name="idea-withdraw"),
    path(s + "ideas/<int:idea_id>/hide/", views.idea_hide, name="idea-hide"),
    path(s + "ideas/<int:idea_id>/cluster/", views.idea_cluster, name="idea-cluster"),
    path(s + "ideas/<int:idea_id>/comments/", views.comment_add, name="comment-add"),
    path(s + "ideas/<int:idea_id>/star/", views.star_toggle, name="star-toggle"),
    path(s + "comments/<int:comment_id>/hide/", views.comment_hide, name="comment-hide"),
    path(s + "clusters/<int:cluster_id>/rename/", views.cluster_rename, name="cluster-rename"),
    path(
        s + "clusters/<int:cluster_id>/dissolve/", views.cluster_dissolve, name="cluster-dissolve"
    ),
    path(s + "highlights/", views.highlight_pin, name="highlight-pin"),
    path(s + "gallery/", views.gallery, name="gallery"),
    path(s + "gallery/<int:board_id>/", views.poster, name="poster"),
    path(s + "items/<int:item_id>/vernissage/", views.vernissage_setup, name="vernissage-setup"),
    path(
        s + "items/<int:item_id>/vernissage/round/", views.vernissage_round, name="vernissage-round"
    ),
    path(
        s + "items/<int:item_id>/vernissage/boards/<int:board_id>/presenters/",
        views.vernissage_presenters,
        name="vernissage-presenters",
    ),
    path(s + "votes/new/", views.vote_create, name="vote-create"),
    path(s + "votes/<int:vote_id>/", views.vote, name="vote"),
    path(s + "votes/<int:vote_id>/dot/", views.vote_dot, name="vote-dot"),
    path(s + "votes/<int:vote_id>/state/", views.vote_state, name="vote-state"),
]

urlpatterns += [
    path(s + "goals/", views.goal_draft, name="goal-draft"),
    path(s + "goals/<int:goal_id>/show/", views.goal_show, name="goal-show"),
    path(s + "goals/<int:goal_id>/shake/", views.goal_shake, name="goal-shake"),
    path(s + "goals/<int:goal_id>/unshake/", views.goal_unshake, name="goal-unshake"),
    path(s + "goals/seal/", views.goals_seal, name="goals-seal"),
    path(s + "commitments/", views.commitments, name="commitments"),
    path(s + "report/", views.report, name="report"),
    path(s + "report.<str:fmt>", views.report, name="report-download"),
    path("follow-up/", views.follow_up, name="follow-up"),
    path("follow-up/goals/<int:goal_id>/", views.goal_detail, name="goal-detail"),
    path("follow-up/export.<str:fmt>", views.export_goals, name="export-goals"),
]
