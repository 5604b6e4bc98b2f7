from django.apps import apps as django_apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dtv.accounts import views as account_views
from dtv.core import views as core_views

from . import views

admin.site.site_header = _("Regie – administration")
admin.site.site_title = _("Regie administration")
admin.site.index_title = _("Administration")

handler403 = "dtv.views.permission_denied"
handler404 = "dtv.views.page_not_found"
# handler500 stays Django's: it renders templates/500.html without context, which cannot fail in turn.


def _docs_page(view):
    """The Swagger UI page: behind the login page when API_DOCS_REQUIRE_LOGIN is on, open otherwise.

    The schema itself is an API view: DRF checks token or session (SPECTACULAR_SETTINGS SERVE_PERMISSIONS).
    The page is our own template of it (templates/drf_spectacular/), without inline style or script.
    """
    # DRF marks its views login_not_required; login_required puts the page behind the login form again.
    return login_required(view) if settings.API_DOCS_REQUIRE_LOGIN else login_not_required(view)


urlpatterns = [
    path("", views.home, name="home"),
    path("", include("dtv.accounts.urls")),
    path("", include("cases.urls")),
    path("dashboard/", include("reports.urls")),
    path("systeemstatus/", include("dtv.core.urls")),
    path("gezondheid/", core_views.health, name="health"),
    # The admin logs in through Regie's own login: lockout and second factor included.
    path("beheer/login/", account_views.admin_login, name="admin-login"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("cases.api.urls", namespace="cases-api")),
    path("api/v1/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/v1/docs/", _docs_page(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    # The language choice is offered on the login page too.
    path("i18n/setlang/", login_not_required(account_views.set_language), name="set_language"),
]

# An app may bring its own pages without this file naming it: `urls = ("prefix/", "module")` on its
# AppConfig (the URL matrix test then demands a line for each of them).
urlpatterns += [
    path(config.urls[0], include(config.urls[1]))
    for config in django_apps.get_app_configs()
    if getattr(config, "urls", None)
]
