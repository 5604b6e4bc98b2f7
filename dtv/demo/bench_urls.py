"""The benchmark's URLconf: Regie's, with the benchmark's admin site (which lists cases) at /beheer/."""

from django.urls import path

from dtv import urls

from .bench_admin import site

handler403 = urls.handler403
handler404 = urls.handler404

urlpatterns = [
    path("beheer/", site.urls) if str(getattr(pattern, "pattern", "")) == "beheer/" else pattern
    for pattern in urls.urlpatterns
]
