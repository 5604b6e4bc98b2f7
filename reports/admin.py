"""The reports' reference data in the admin: KPI targets per year and the complaints register (no person in either)."""

from django.contrib import admin
from django.utils import timezone

from .models import Complaint, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["kpi", "year", "comparison", "percentage", "amber_margin", "source"]
    list_filter = ["year", "kpi"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["reference", "received_on", "subject", "deferred", "handled_on", "due_on"]
    list_filter = ["deferred"]
    search_fields = ["reference", "subject"]
    readonly_fields = ["registered_at", "registered_by"]
    date_hierarchy = "received_on"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_at = timezone.now()
            obj.registered_by = request.user
        super().save_model(request, obj, form, change)
