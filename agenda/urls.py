from django.urls import path

from agenda import views

urlpatterns = [
    path("s/<int:seminar_id>/programme/", views.programme, name="programme"),
    path("s/<int:seminar_id>/programme/days/add/", views.day_add, name="day-add"),
    path(
        "s/<int:seminar_id>/programme/days/<int:day_id>/delete/",
        views.day_delete,
        name="day-delete",
    ),
    path(
        "s/<int:seminar_id>/programme/days/<int:day_id>/items/add/", views.item_add, name="item-add"
    ),
    path(
        "s/<int:seminar_id>/programme/items/<int:item_id>/edit/", views.item_edit, name="item-edit"
    ),
    path(
        "s/<int:seminar_id>/programme/items/<int:item_id>/move/<str:direction>/",
        views.item_move,
        name="item-move",
    ),
    path(
        "s/<int:seminar_id>/programme/items/<int:item_id>/delete/",
        views.item_delete,
        name="item-delete",
    ),
    path("s/<int:seminar_id>/programme/import/", views.programme_import, name="programme-import"),
    path("s/<int:seminar_id>/run/", views.console, name="console"),
    path("s/<int:seminar_id>/projector/", views.projector, name="projector"),
    path("s/<int:seminar_id>/clock/<str:action>/", views.clock_action, name="clock-action"),
    path("s/<int:seminar_id>/clock/goto/<int:item_id>/", views.clock_goto, name="clock-goto"),
]
