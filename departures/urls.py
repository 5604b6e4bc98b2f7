from django.urls import include, path

from . import views, views_dublin, views_kmar, views_operations

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
    path("vertrek/operaties/", views_operations.operation_list, name="operations"),
    path("vertrek/operaties/nieuw/", views_operations.operation_add, name="operation_add"),
    path("vertrek/operaties/<int:pk>/", views_operations.operation_detail, name="operation_detail"),
    path(
        "vertrek/operaties/<int:pk>/manifest-pdf/", views_operations.operation_pdf_request, name="operation_pdf_request"
    ),
    path(
        "vertrek/operaties/<int:pk>/manifest-pdf/status/",
        views_operations.operation_pdf_status,
        name="operation_pdf_status",
    ),
    path("vertrek/operaties/<int:pk>/manifest.pdf", views_operations.operation_pdf, name="operation_pdf"),
    path("vertrek/operaties/passagiers/<int:pk>/eraf/", views_operations.operation_leave, name="operation_leave"),
    path("vertrek/dossier/<int:pk>/dublin/", views_dublin.dublin, name="dublin"),
    path("vertrek/dublin/<int:pk>/<slug:step>/", views_dublin.dublin_step, name="dublin_step"),
    path("api/v1/", include("departures.api.urls")),
]
