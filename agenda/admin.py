from django.contrib import admin

from agenda.models import AgendaItem, Day


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "start", "duration", "title", "kind", "grouping", "flagged"]


@admin.register(Day)
class DayAdmin(admin.ModelAdmin):
    list_display = ["label", "date", "seminar"]
    list_filter = ["seminar"]
    inlines = [AgendaItemInline]
