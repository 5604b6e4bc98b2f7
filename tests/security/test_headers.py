"""Review 1, finding 9: no CSP on any page; personal data without Cache-Control; public API schema and docs."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.factories.accounts import TeamLeadFactory
from tests.factories.cases import CaseFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

EXPECTED_DIRECTIVES = {
    "default-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def csp(response) -> dict:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_strict_page(response):
    """The CSP of the settings with this response's nonce, and no inline script, style or event handler."""
    assert response.status_code == 200, response
    policy = csp(response)
    for directive, value in EXPECTED_DIRECTIVES.items():
        assert policy[directive] == value, directive
    nonce = re.fullmatch(r"'self' 'nonce-([\w-]{22})'", policy["script-src"]).group(1)
    html = response.text
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "every page loads htmx"
    for tag in scripts:
        assert ' src="' in tag and f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), "inline script"
    assert "<style" not in html
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert '"includeIndicatorStyles": false' in html


def pages(case, lead_case):
    return {
        "case_officer": [
            "/werkvoorraad/",
            "/zoeken/",
            "/zoeken/?naam=Haddad",
            "/aanmelden/",
            "/meldingen/",
            f"/zaken/{case.pk}/",
            f"/zaken/{case.pk}/wijzigingen/",
            f"/zaken/{case.pk}/gesprekken/nieuw/",
            f"/zaken/{case.pk}/procedures/nieuw/",
            f"/zaken/{case.pk}/documenten/nieuw/",
            f"/zaken/{case.pk}/persoon/",
            f"/zaken/{case.pk}/familie/",
            f"/zaken/{case.pk}/vertrektermijn/",
            f"/zaken/{case.pk}/afsluiten/",
            "/account/beveiliging/",
        ],
        "team_lead": [
            "/werkvoorraad/?weergave=team",
            "/dashboard/",
            "/termijnen/te-laat/",
            f"/zaken/{lead_case.pk}/toewijzen/",
            f"/zaken/{lead_case.pk}/vertrouwelijk/",
        ],
        "privacy_officer": ["/toegangslog/"],
        "functional_admin": ["/systeemstatus/"],
    }


@pytest.fixture
def everyone(case_officer, privacy_officer, functional_admin):
    lead = TeamLeadFactory(team=case_officer.team)
    return {
        "case_officer": case_officer,
        "team_lead": lead,
        "privacy_officer": privacy_officer,
        "functional_admin": functional_admin,
        "case": CaseFactory(case_officer=case_officer, in_progress=True),
        "lead_case": CaseFactory(case_officer=case_officer, team=case_officer.team, in_progress=True),
    }


def test_every_page_has_the_csp_with_a_nonce_and_no_inline_script_or_style(everyone):
    checked = 0
    for role, urls in pages(everyone["case"], everyone["lead_case"]).items():
        client = Client()
        client.force_login(everyone[role])
        for url in urls:
            response = client.get(url)
            if response.status_code == 302:
                response = client.get(response["Location"])
            assert response.status_code == 200, url
            assert_strict_page(response)
            checked += 1
    anonymous = Client()
    assert_strict_page(anonymous.get("/inloggen/"))
    assert checked == 22


def test_the_nonce_differs_per_response(client, case_officer):
    client.force_login(case_officer)
    first, second = client.get("/werkvoorraad/"), client.get("/werkvoorraad/")
    assert csp(first)["script-src"] != csp(second)["script-src"]


def test_no_template_holds_an_inline_script_style_or_event_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script\b(?![^>]*\bsrc=)", r"<style\b", r"\sstyle\s*=", r"\son[a-z]+\s*=\s*[\"']"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert offenders == []


class TestNoStore:
    @pytest.mark.parametrize("url", ["/werkvoorraad/", "/zoeken/?naam=a", "/api/v1/cases/", "/inloggen/"])
    def test_pages_and_api_replies_are_not_stored(self, client, case_officer, url):
        client.force_login(case_officer)
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def test_the_case_file_is_not_stored(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        assert "no-store" in client.get(f"/zaken/{case.pk}/")["Cache-Control"]

    def test_static_files_keep_their_caching(self, live_server):
        import urllib.request

        with urllib.request.urlopen(f"{live_server.url}/static/regie/regie.css") as reply:  # noqa: S310
            assert "no-store" not in (reply.headers.get("Cache-Control") or "")


class TestApiDocs:
    def test_the_schema_needs_a_login(self, client, db):
        assert client.get("/api/v1/schema/").status_code in (401, 403)

    def test_the_docs_page_sends_to_the_login(self, client, db):
        assert client.get("/api/v1/docs/")["Location"].startswith("/inloggen/")

    def test_logged_in_the_docs_page_runs_under_the_csp(self, client, case_officer):
        client.force_login(case_officer)
        page = client.get("/api/v1/docs/")
        assert page.status_code == 200
        assert "<style" not in page.text and not re.search(r"<script\b(?![^>]*\bsrc=)", page.text)
        script = client.get("/api/v1/docs/?script=")
        assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
        assert "script-src 'self'" in page["Content-Security-Policy"]
