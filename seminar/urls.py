"""URLs of the whole site; each app brings its own."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from seminar import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("seminars/new/", views.seminar_new, name="seminar-new"),
    path("s/<int:seminar_id>/settings/", views.seminar_edit, name="seminar-edit"),
    path("s/<int:seminar_id>/settings/team/", views.seminar_team_add, name="seminar-team-add"),
    path(
        "s/<int:seminar_id>/settings/team/remove/",
        views.seminar_team_remove,
        name="seminar-team-remove",
    ),
    path("join/", views.join_start, name="join-start"),
    path("join/<str:code>/", views.join, name="join"),
    path("s/<int:seminar_id>/me/", views.phone, name="phone"),
    path("s/<int:seminar_id>/leave/", views.leave, name="leave"),
    path("s/<int:seminar_id>/join-box/", views.join_box, name="join-box"),
    path("s/<int:seminar_id>/connections/", views.connections, name="connections"),
    path("", include("agenda.urls")),
    path("", include("groups.urls")),
    path("", include("ideas.urls")),
]

handler400 = "seminar.views.bad_request"
handler403 = "seminar.views.forbidden"
handler404 = "seminar.views.not_found"
handler500 = "seminar.views.server_error"
