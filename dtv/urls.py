from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from dtv.accounts.views import set_language
from dtv.core import views as core_views

from . import views

admin.site.site_header = _("Regie – administration")
admin.site.site_title = _("Regie administration")
admin.site.index_title = _("Administration")

handler403 = "dtv.views.permission_denied"
handler404 = "dtv.views.page_not_found"
# handler500 stays Django's: it renders templates/500.html without context, which cannot fail in turn.

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("dtv.accounts.urls")),
    path("", include("cases.urls")),
    path("dashboard/", include("reports.urls")),
    path("systeemstatus/", include("dtv.core.urls")),
    path("gezondheid/", core_views.health, name="health"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("cases.api.urls", namespace="cases-api")),
    path("api/v1/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/v1/docs/", login_not_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    # The language choice is offered on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
