from django.urls import include, path

from . import views

app_name = "detention"

urlpatterns = [
    path("detentie/", views.queue, name="queue"),
    path("detentie/overzicht/", views.legality_list, name="legality_list"),
    path("detentie/dossier/<int:pk>/maatregel/", views.measure_add, name="measure_add"),
    path("detentie/dossier/<int:pk>/bewaring/", views.order_add, name="order_add"),
    path("detentie/maatregelen/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("detentie/maatregelen/<int:pk>/klok/", views.holding_clock, name="holding_clock"),
    path("detentie/maatregelen/<int:pk>/<slug:step>/", views.measure_step, name="measure_step"),
    path("detentie/bewaring/<int:pk>/", views.order_detail, name="order_detail"),
    path("detentie/bewaring/<int:pk>/concept/", views.order_edit, name="order_edit"),
    path("detentie/bewaring/<int:pk>/uitreiken/", views.order_issue, name="order_issue"),
    path("detentie/bewaring/<int:pk>/goedkeuren/", views.order_approve, name="order_approve"),
    path("detentie/bewaring/<int:pk>/corrigeren/", views.order_correct, name="order_correct"),
    path("detentie/bewaring/<int:pk>/status/", views.order_status, name="order_status"),
    path("detentie/bewaring/<int:pk>/pdf/", views.order_pdf, name="order_pdf"),
    path("api/v1/", include("detention.api.urls")),
]
