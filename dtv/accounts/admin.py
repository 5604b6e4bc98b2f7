from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "location"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "team",
        "is_unaccompanied_minor_specialist",
        "is_active",
    ]
    list_filter = ["team", "groups", "is_unaccompanied_minor_specialist", "is_active"]
    list_select_related = ["team"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Regie"), {"fields": ("team", "is_unaccompanied_minor_specialist", "chain_partner")}),
    )
