from django.urls import path

from . import views

urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="api-country-list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="api-country-detail"),
    path("cases/<int:pk>/travel-document-requests/", views.CaseRequestsView.as_view(), name="api-case-requests"),
    path("travel-document-requests/<int:pk>/", views.RequestDetailView.as_view(), name="api-request-detail"),
]
_STEPS = {
    "approve": views.ApproveView,
    "submit": views.SubmitView,
    "schedule-presentation": views.ScheduleView,
    "record-presentation": views.PresentationView,
    "answer": views.AnswerView,
    "escalate": views.EscalateView,
    "use": views.UseView,
    "expire": views.ExpireView,
    "withdraw": views.WithdrawView,
    "contacts": views.ContactView,
}
urlpatterns += [
    path(f"travel-document-requests/<int:pk>/{step}/", view.as_view(), name=f"api-request-{step}")
    for step, view in _STEPS.items()
]
