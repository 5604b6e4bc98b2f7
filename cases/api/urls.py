from django.urls import path

from . import views

app_name = "cases-api"

urlpatterns = [
    path("handovers/", views.HandoverCreateView.as_view(), name="handover-create"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case-detail"),
]
