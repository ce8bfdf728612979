from django.contrib import admin

from groups.models import Group, Grouping, Screen


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0
    fields = ["number", "name", "leader", "leader_user"]


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    list_display = ["name", "method", "seminar"]
    list_filter = ["seminar"]
    inlines = [GroupInline]


@admin.register(Screen)
class ScreenAdmin(admin.ModelAdmin):
    list_display = ["pairing_code", "seminar", "group", "paired_at"]
    exclude = ["token"]  # the screen's cookie secret is not shown
