from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.login_code, name="login_code"),
    path("inloggen/app-koppelen/", views.login_enrol, name="login_enrol"),
    path("inloggen/app-koppelen/qr.svg", views.enrol_qr, name="enrol_qr"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("account/beveiliging/", views.security, name="security"),
    path("account/beveiliging/app-koppelen/", views.security_enrol, name="security_enrol"),
    path("account/beveiliging/herstelcodes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("account/uitloggen-overal/", views.logout_everywhere, name="logout_everywhere"),
]
