from django.urls import include, path

from . import views

app_name = "laissezpasser"

urlpatterns = [
    path("reisdocumenten/landen/", views.country_list, name="country_list"),
    path("reisdocumenten/landen/<str:code>/", views.country_detail, name="country_detail"),
    path("reisdocumenten/dossier/<int:pk>/aanvraag/", views.request_add, name="request_add"),
    path("reisdocumenten/aanvragen/<int:pk>/", views.request_detail, name="request_detail"),
    path("reisdocumenten/aanvragen/<int:pk>/<slug:step>/", views.request_step, name="request_step"),
    path("api/v1/", include("laissezpasser.api.urls")),
]
