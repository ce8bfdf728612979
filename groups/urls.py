from django.urls import path

from groups import views

urlpatterns = [
    path("s/<int:seminar_id>/groups/", views.groupings, name="groupings"),
    path("s/<int:seminar_id>/groups/preview/", views.grouping_preview, name="grouping-preview"),
    path("s/<int:seminar_id>/groups/create/", views.grouping_create, name="grouping-create"),
    path(
        "s/<int:seminar_id>/groups/<int:grouping_id>/delete/",
        views.grouping_delete,
        name="grouping-delete",
    ),
    path(
        "s/<int:seminar_id>/groups/<int:grouping_id>/move/",
        views.member_move,
        name="member-move",
    ),
    path(
        "s/<int:seminar_id>/participants/<int:participant_id>/edit/",
        views.participant_edit,
        name="participant-edit",
    ),
    path(
        "s/<int:seminar_id>/participants/<int:participant_id>/remove/",
        views.participant_remove,
        name="participant-remove",
    ),
    path(
        "s/<int:seminar_id>/participants/merge/",
        views.participants_merge,
        name="participants-merge",
    ),
    path("s/<int:seminar_id>/joining/lock/", views.joining_lock, name="joining-lock"),
    path("s/<int:seminar_id>/joining/rotate/", views.joining_rotate, name="joining-rotate"),
    path("s/<int:seminar_id>/screens/pair/", views.screen_pair, name="screen-pair"),
    path(
        "s/<int:seminar_id>/screens/<int:screen_id>/unpair/",
        views.screen_unpair,
        name="screen-unpair",
    ),
    path("screen/", views.screen, name="screen"),
    path("screen/status/", views.screen_status, name="screen-status"),
]
