from django.urls import path

from ..deadlines import api as deadlines_api
from . import views

app_name = "cases-api"

urlpatterns = [
    path("handovers/", views.HandoverCreateView.as_view(), name="handover-create"),
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:pk>/assign/", views.CaseAssignView.as_view(), name="case-assign"),
    path("cases/<int:pk>/start-work/", views.CaseStartWorkView.as_view(), name="case-start-work"),
    path("cases/<int:pk>/prepare-departure/", views.CasePrepareDepartureView.as_view(), name="case-prepare-departure"),
    path("cases/<int:pk>/resume-work/", views.CaseResumeWorkView.as_view(), name="case-resume-work"),
    path("cases/<int:pk>/close/", views.CaseCloseView.as_view(), name="case-close"),
    path("cases/<int:pk>/reopen/", views.CaseReopenView.as_view(), name="case-reopen"),
    path("cases/<int:pk>/interviews/", views.CaseInterviewsView.as_view(), name="case-interviews"),
    path("cases/<int:pk>/procedures/", views.CaseProceduresView.as_view(), name="case-procedures"),
    path("procedures/<int:pk>/decide/", views.ProcedureDecideView.as_view(), name="procedure-decide"),
    path("cases/<int:pk>/deadlines/", views.CaseDeadlinesView.as_view(), name="case-deadlines"),
    path("cases/<int:pk>/events/", views.CaseEventsView.as_view(), name="case-events"),
    path("deadlines/<int:pk>/met/", deadlines_api.DeadlineMetView.as_view(), name="deadline-met"),
]
