"""Functional administration of the country reference data (no personal data: no request is registered here)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Country, Mission


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 0
    fields = ["kind", "city", "address", "phone", "email", "languages", "active"]


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    """A country's policy on travel documents; its changes are in the history."""

    list_display = [
        "code",
        "__str__",
        "readmission",
        "presentation_required",
        "identity_proof_required",
        "accepts_forced_return",
        "response_days",
    ]
    list_filter = ["readmission", "presentation_required", "identity_proof_required", "accepts_forced_return"]
    search_fields = ["code"]
    inlines = [MissionInline]


@admin.register(Mission)
class MissionAdmin(SimpleHistoryAdmin):
    list_display = ["country", "kind", "city", "email", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["country__code", "city"]
