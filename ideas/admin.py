from django.contrib import admin

from ideas.models import Board, Goal, Idea, Pledge, ProgressNote


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["agenda_item", "group", "seminar", "is_open"]
    list_filter = ["seminar"]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["text", "board", "author", "hidden", "created_at"]
    list_filter = ["hidden", "board__seminar"]
    search_fields = ["text"]


class PledgeInline(admin.TabularInline):
    model = Pledge
    extra = 0


class ProgressInline(admin.TabularInline):
    model = ProgressNote
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "seminar", "group", "owner", "status", "target_date"]
    list_filter = ["status", "seminar"]
    search_fields = ["title", "owner"]
    inlines = [PledgeInline, ProgressInline]
