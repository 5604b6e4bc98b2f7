"""The benchmark's own admin site: Regie's admin plus changelists of cases and measures, the lists' yardstick.

Regie's admin shows no case data (it would bypass scope and access log); the benchmark's URLconf
(`dtv.demo.bench_urls`, set by `manage.py bench` only) mounts this site at /beheer/ instead, so the
comparison keeps measuring Django's stock changelist of the same cases.
"""

from django.contrib import admin

from cases.models import Case
from detention.models import Measure


class CaseAdmin(admin.ModelAdmin):
    list_display = ["id", "foreign_national", "team", "case_officer", "phase", "opened_at"]
    list_select_related = ["foreign_national", "team", "case_officer"]
    list_filter = ["phase", "team"]
    raw_id_fields = ["foreign_national", "case_officer", "previous_case", "possible_duplicate_of", "next_deadline"]


class BenchAdminSite(admin.AdminSite):
    """Regie's admin site with the same registrations, and Case."""


site = BenchAdminSite(name="admin")
for model, model_admin in admin.site._registry.items():
    site.register(model, type(model_admin))
site.register(Case, CaseAdmin)


class MeasureAdmin(admin.ModelAdmin):
    """The legality list's yardstick (issue 12): the stock changelist of measures; detention registers no admin."""

    list_display = ["id", "case", "kind", "legal_basis", "starts_at", "ends_at", "imposed_by"]
    list_select_related = ["case__foreign_national", "imposed_by"]
    list_filter = ["kind", "case__team"]
    raw_id_fields = ["case", "imposed_by", "ended_by", "extended_by", "order"]


site.register(Measure, MeasureAdmin)
