from django.urls import path

from groups import views

urlpatterns = [
    path("s/<int:seminar_id>/groups/", views.groupings, name="groupings"),
    path("screen/", views.screen, name="screen"),
    path("screen/status/", views.screen_status, name="screen-status"),
]
