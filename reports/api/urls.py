from django.urls import path

from . import views

app_name = "reports-api"

# Mounted under /api/v1/ by ReportsConfig.urls.
urlpatterns = [
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("kpis/", views.KpisView.as_view(), name="kpis"),
]
