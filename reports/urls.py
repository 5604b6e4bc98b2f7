from django.urls import path

from . import views

app_name = "reports"

# Included under /dashboard/ by dtv/urls.py.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:key>.<slug:fmt>", views.dashboard_export, name="dashboard_export"),
    # The management's national figures (no personal data).
    path("landelijk/", views.national_dashboard, name="national_dashboard"),
    path("landelijk/export/<slug:key>.<slug:fmt>", views.national_dashboard_export, name="national_dashboard_export"),
    path("statistieken/", views.statistics_page, name="statistics"),
    path("kpi/", views.kpis_page, name="kpis"),
    path("statistieken/export/<slug:key>.<slug:fmt>", views.statistics_export, name="statistics_export"),
    path("jaarverslag/", views.annual_reports, name="annual_reports"),
    path("jaarverslag/<int:year>/status/", views.annual_report_status, name="annual_report_status"),
    path("jaarverslag/<int:year>/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
]
