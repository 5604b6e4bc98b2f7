from django.urls import path

from . import operations, views

urlpatterns = [
    path("cases/<int:pk>/departure-plans/", views.CasePlansView.as_view(), name="api-case-plans"),
    path("departure-plans/<int:pk>/approve/", views.PlanApproveView.as_view(), name="api-plan-approve"),
    path("cases/<int:pk>/removals/", views.CaseRemovalsView.as_view(), name="api-case-removals"),
    path("removals/<int:pk>/", views.RemovalDetailView.as_view(), name="api-removal-detail"),
    path("removals/<int:pk>/departure-file/", views.KmarFileView.as_view(), name="api-removal-file"),
    path("removals/<int:pk>/departure-file/pdf/", views.KmarFilePdfView.as_view(), name="api-removal-file-pdf"),
    path("cases/<int:pk>/dublin-claims/", views.CaseClaimsView.as_view(), name="api-case-claims"),
    path("operations/", operations.OperationsView.as_view(), name="api-operations"),
    path("operations/<int:pk>/manifest/", operations.ManifestView.as_view(), name="api-operation-manifest"),
]
_STEPS = {
    "notices": views.NoticeView,
    "confirm": views.ConfirmView,
    "execute": views.ExecuteView,
    "cancel": views.CancelView,
    "rebook": views.RebookView,
}
urlpatterns += [
    path(f"removals/<int:pk>/{step}/", view.as_view(), name=f"api-removal-{step}") for step, view in _STEPS.items()
]
_CLAIM_STEPS = {
    "answer": views.ClaimAnswerView,
    "tacit-acceptance": views.ClaimTacitView,
    "extend": views.ClaimExtendView,
}
urlpatterns += [
    path(f"dublin-claims/<int:pk>/{step}/", view.as_view(), name=f"api-claim-{step}")
    for step, view in _CLAIM_STEPS.items()
]
