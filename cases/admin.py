from django.contrib import admin

# The deadline sub-domain registers its own admin (the Atw calendar); importing it here lets autodiscovery find it.
from .deadlines import admin as deadlines_admin  # noqa: F401
from .models import Case, ForeignNational


@admin.register(ForeignNational)
class ForeignNationalAdmin(admin.ModelAdmin):
    list_display = ["v_number", "surname", "given_names"]
    search_fields = ["=v_number", "surname"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["id", "foreign_national", "team", "case_officer", "phase", "opened_at"]
    list_select_related = ["foreign_national", "team", "case_officer"]
    list_filter = ["phase", "team"]
    raw_id_fields = ["foreign_national", "case_officer", "previous_case", "possible_duplicate_of", "next_deadline"]
