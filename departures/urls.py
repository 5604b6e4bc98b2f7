from django.urls import include, path

from . import views, views_kmar

app_name = "departures"

urlpatterns = [
    path("vertrek/deze-week/", views.this_week, name="this_week"),
    path("vertrek/dossier/<int:pk>/plan/", views.plan, name="plan"),
    path("vertrek/plannen/<int:pk>/goedkeuren/", views.plan_approve, name="plan_approve"),
    path("vertrek/dossier/<int:pk>/uitzetting/", views.removal_add, name="removal_add"),
    path("vertrek/dossier/<int:pk>/vertrekdossier/", views.departure_file, name="file"),
    path("vertrek/uitzettingen/<int:pk>/", views.removal_detail, name="removal_detail"),
    path("vertrek/uitzettingen/<int:pk>/<slug:step>/", views.removal_step, name="removal_step"),
    path("vertrek/kmar-pdf/<int:pk>/", views_kmar.kmar_pdf_download, name="kmar_pdf"),
    path("vertrek/kmar-pdf/<int:pk>/maken/", views_kmar.kmar_pdf_make, name="kmar_pdf_make"),
    path("vertrek/kmar-pdf/<int:pk>/status/", views_kmar.kmar_pdf_status, name="kmar_pdf_status"),
    path("api/v1/", include("departures.api.urls")),
]
