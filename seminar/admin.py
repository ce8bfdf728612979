"""The admin: for administrators who need to look into or repair a seminar's data."""

from django.contrib import admin

from seminar.models import Department, Participant, Seminar


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "starts_on", "join_code", "joining_locked"]
    search_fields = ["title", "municipality"]
    filter_horizontal = ["facilitators", "directors"]
    inlines = [DepartmentInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "department", "seminar", "joined_at"]
    list_filter = ["seminar"]
    search_fields = ["display_name"]
    list_select_related = ["department", "seminar"]
