"""Medical particulars (AVG art. 9, need to know): every role outside need to know gets 403 or absence on the pages,
the API and the PDF; each read by a need-to-know reader (the case's officer, the medical staff, KMar for a removal
it escorts) is access-logged under the medical purpose."""

import hashlib

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from cases.processing import processing_activity
from departures import kmar_pdf, services
from dtv.accounts.constants import Role
from tests.cases.api.support import api_client
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    EnforcementOfficerFactory,
    FunctionalAdminFactory,
    ManagementFactory,
    PrivacyOfficerFactory,
    TeamLeadFactory,
    UserFactory,
)
from tests.factories.departures import BOOKED, planned_removal, ready_forced_case

pytestmark = pytest.mark.django_db

MEDICAL_TEXT = "Insulinepen in de handbagage"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    case = ready_forced_case()
    services.medical_particulars_update(
        case=case, actor=case.case_officer, now=BOOKED, particulars=MEDICAL_TEXT, fit_to_travel=True
    )
    escorted = planned_removal(case, kmar_escorts=2)
    with django_capture_on_commit_callbacks(execute=False):
        services.kmar_pdf_request(removal=escorted, actor=case.case_officer, now=BOOKED)
    pdf = kmar_pdf.kmar_pdf_render(removal_id=escorted.pk, now=BOOKED)
    return {"case": case, "removal": escorted, "pdf": pdf}


# Every role, each with whether it has need to know of this person's health for this removal.
READERS = {
    "case_officer (the case's own)": (Role.CASE_OFFICER, lambda case: case.case_officer, True),
    "case_officer (a team colleague)": (Role.CASE_OFFICER, lambda case: CaseOfficerFactory(team=case.team), False),
    "team_lead": (Role.TEAM_LEAD, lambda case: TeamLeadFactory(team=case.team), False),
    "enforcement_officer": (Role.ENFORCEMENT_OFFICER, lambda case: EnforcementOfficerFactory(team=case.team), False),
    "functional_admin": (Role.FUNCTIONAL_ADMIN, lambda case: FunctionalAdminFactory(), False),
    "privacy_officer": (Role.PRIVACY_OFFICER, lambda case: PrivacyOfficerFactory(), False),
    "management": (Role.MANAGEMENT, lambda case: ManagementFactory(), False),
    "medical_staff": (Role.MEDICAL_STAFF, lambda case: UserFactory(role=Role.MEDICAL_STAFF, team=None), True),
    "chain_partner (KMar, escorting)": (
        Role.CHAIN_PARTNER,
        lambda case: ChainPartnerFactory(chain_partner="kmar"),
        True,
    ),
    "chain_partner (IND)": (Role.CHAIN_PARTNER, lambda case: ChainPartnerFactory(chain_partner="ind"), False),
}


def test_every_role_is_asked():
    assert {role for role, _make, _need in READERS.values()} == set(Role)


def _reads(client, api, case, removal):
    """What the reader gets on every channel that could show the medical particulars."""
    pages = {
        name: client.get(reverse(name, kwargs={"pk": pk}))
        for name, pk in (
            ("departures:file", case.pk),
            ("departures:removal_detail", removal.pk),
            ("cases:case_detail", case.pk),
            ("departures:kmar_pdf_status", removal.pk),
        )
    }
    file_api = api.get(reverse("departures:api-removal-file", kwargs={"pk": removal.pk}))
    pdf_page = client.get(reverse("departures:kmar_pdf", kwargs={"pk": removal.pk}))
    pdf_api = api.get(reverse("departures:api-removal-file-pdf", kwargs={"pk": removal.pk}))
    return pages, file_api, pdf_page, pdf_api


@pytest.mark.parametrize("reader", list(READERS))
def test_the_medical_particulars_reach_only_who_needs_to_know_on_page_api_and_pdf(reader, world, client):
    _role, make, need_to_know = READERS[reader]
    case, removal, pdf = world["case"], world["removal"], world["pdf"]
    user = make(case)
    client.force_login(user)
    before = AccessLogEntry.objects.filter(user=user, activity="departure_medical").count()
    pages, file_api, pdf_page, pdf_api = _reads(client, api_client(user), case, removal)

    medical = file_api.json().get("medical") if file_api.status_code == 200 else None
    pdfs = [r for r in (pdf_page, pdf_api) if r.status_code == 200]
    logged = AccessLogEntry.objects.filter(user=user, case=case, activity="departure_medical")
    if not need_to_know:
        for name, response in pages.items():
            assert MEDICAL_TEXT not in response.content.decode(), name
            assert 'data-testid="kmar-pdf-link"' not in response.content.decode(), name
        assert file_api.status_code in (200, 403, 404) and medical is None
        if file_api.status_code == 200:
            assert file_api.json()["pdf"] is None  # not even the link
        assert pdf_page.status_code in (302, 403, 404) and pdf_api.status_code in (403, 404)
        assert logged.count() == before == 0
        return

    # Need to know: the medical part on the API, the PDF downloadable and unaltered, and every read logged.
    assert medical is not None and medical["particulars"] == MEDICAL_TEXT
    assert file_api.json()["pdf"]["sha256"] == pdf.pdf_sha256
    assert pdf_api.status_code == 200 and pdfs
    for response in pdfs:
        assert hashlib.sha256(response.content).hexdigest() == pdf.pdf_sha256
    page_reads = 0
    if user == case.case_officer:  # the only need-to-know reader with the case in a page scope
        assert MEDICAL_TEXT in pages["departures:file"].content.decode()
        assert 'data-testid="kmar-pdf-link"' in pages["departures:file"].content.decode()
        page_reads = 1
    # One row per read: the file page, the API file, and each PDF download; all under the medical purpose.
    assert logged.count() == page_reads + 1 + len(pdfs)
    activity = processing_activity("departure_medical")
    assert "AVG art. 9" in activity.legal_basis and activity.purpose


def test_kmar_gets_nothing_of_a_removal_it_does_not_escort(world, django_capture_on_commit_callbacks):
    case = world["case"]
    officer = case.case_officer
    services.removal_cancel(removal=world["removal"], reason="medical", actor=officer, now=BOOKED)
    unescorted = planned_removal(case, kmar_escorts=0)
    kmar = api_client(ChainPartnerFactory(chain_partner="kmar"))
    assert kmar.get(reverse("departures:api-removal-file", kwargs={"pk": unescorted.pk})).status_code == 404
    assert kmar.get(reverse("departures:api-removal-file-pdf", kwargs={"pk": unescorted.pk})).status_code == 404
    # ... nor of the cancelled one it was to escort.
    assert kmar.get(reverse("departures:api-removal-file-pdf", kwargs={"pk": world["removal"].pk})).status_code == 404
    assert not AccessLogEntry.objects.filter(activity="departure_medical", user__chain_partner="kmar").exists()
