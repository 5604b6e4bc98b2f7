from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.workqueue, name="workqueue"),
    path("zoeken/", views.search, name="search"),
    path("toegangslog/", views.access_log, name="access_log"),
]
