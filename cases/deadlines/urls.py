from django.urls import path

from . import views

# Included by cases/urls.py, so the names live in the "cases" namespace.
urlpatterns = [
    path("termijnen/<int:pk>/voldaan/", views.deadline_met, name="deadline_met"),
    path("termijnen/te-laat/", views.overdue, name="overdue"),
    path("taken/<int:pk>/gedaan/", views.work_item_done, name="work_item_done"),
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/gelezen/", views.notifications_read, name="notifications_read"),
]
