from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:pk>/measures/", views.CaseMeasuresView.as_view(), name="api-case-measures"),
    path("measures/<int:pk>/", views.MeasureDetailView.as_view(), name="api-measure-detail"),
    path("measures/<int:pk>/end/", views.EndView.as_view(), name="api-measure-end"),
    path("measures/<int:pk>/extend/", views.ExtendView.as_view(), name="api-measure-extend"),
    path("measures/<int:pk>/reports/", views.ReportView.as_view(), name="api-measure-report"),
    path("measures/<int:pk>/settle/", views.SettleView.as_view(), name="api-measure-settle"),
    path("cases/<int:pk>/detention-orders/", views.CaseOrdersView.as_view(), name="api-case-orders"),
    path("detention-orders/<int:pk>/", views.OrderDetailView.as_view(), name="api-order-detail"),
    path("detention-orders/<int:pk>/draft/", views.OrderUpdateView.as_view(), name="api-order-update"),
    path("detention-orders/<int:pk>/approve/", views.OrderApproveView.as_view(), name="api-order-approve"),
    path("detention-orders/<int:pk>/issue/", views.OrderIssueView.as_view(), name="api-order-issue"),
    path("detention-orders/<int:pk>/correct/", views.OrderCorrectView.as_view(), name="api-order-correct"),
]
urlpatterns += [
    path(f"measures/<int:pk>/{slug}/", view.as_view(), name=f"api-measure-{slug}")
    for slug, view in views.COURT_VIEWS.items()
]
