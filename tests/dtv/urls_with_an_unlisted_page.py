"""The project's URLconf plus one page nobody listed in the matrix (for tests/dtv/test_url_matrix.py)."""

from django.http import HttpResponse
from django.urls import include, path


def unlisted_page(request):
    return HttpResponse("Niemand heeft deze pagina in de matrix gezet.")


urlpatterns = [
    path("", include("dtv.urls")),
    path("vergeten/", unlisted_page, name="forgotten_page"),
    path("naamloos/", unlisted_page),
]
