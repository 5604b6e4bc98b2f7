"""The benchmark's own admin site: Regie's admin plus a changelist of cases, as the yardstick of the list pages.

Regie's admin shows no case data (it would bypass scope and access log); the benchmark's URLconf
(`dtv.demo.bench_urls`, set by `manage.py bench` only) mounts this site at /beheer/ instead, so the
comparison keeps measuring Django's stock changelist of the same cases.
"""

from django.contrib import admin

from cases.models import Case


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
