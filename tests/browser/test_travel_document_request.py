"""A laissez-passer in Chromium: the case header shows the practical obstacle "geen geldig reisdocument"; the case
officer drafts and submits a request, the mission asks a presentation, the presentation is recorded, the LP is
issued; the obstacle is gone from the header. On the way, the country list and the country page. axe-core checks
every page visited."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import NationalityStatus
from laissezpasser.models import TravelDocumentRequest
from tests.browser.conftest import log_in
from tests.factories.api import NationalityFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OBSTACLE = "Geen geldig reisdocument"


def _day(days_ago):
    return (timezone.localdate() - dt.timedelta(days=days_ago)).strftime("%d-%m-%Y")


def _step(page, label):
    """Open the step's fold-out on the request page; its form and button carry the same label."""
    step = page.locator("details.regie-step").filter(
        has=page.locator("summary").filter(has_text=re.compile(f"^{label}$"))
    )
    step.locator("summary").click()
    return step


def test_a_case_officer_obtains_a_laissez_passer_and_the_obstacle_disappears(page, axe, case_officer, password):
    case = CaseFactory(
        case_officer=case_officer,
        in_progress=True,
        foreign_national=ForeignNationalFactory(surname="Benali", given_names="Youssef", languages=["ar"]),
    )
    NationalityFactory(foreign_national=case.foreign_national, country="MAR", status=NationalityStatus.CLAIMED)

    log_in(page, case_officer, password)
    page.goto(f"/zaken/{case.pk}/")
    header = page.get_by_test_id("removable")
    expect(header).to_contain_text(OBSTACLE)
    axe(page)

    # Draft the request from the case file's panel "Reisdocumenten".
    page.get_by_role("link", name="Reisdocumentaanvraag opstellen").click()
    axe(page)
    page.get_by_label("Land", exact=True).select_option("MAR")
    page.get_by_role("button", name="Aanvraag opstellen").click()
    expect(page.get_by_test_id("lp-state")).to_have_text("Concept")
    axe(page)

    # Submit it by e-mail to the embassy.
    submit = _step(page, "Indienen")
    submit.get_by_label("Ingediend op").fill(_day(60))
    submit.get_by_label("Hoe").select_option("email")
    submit.get_by_label("Vertegenwoordiging").select_option(index=1)
    axe(page)
    submit.get_by_role("button", name="Indienen").click()
    expect(page.get_by_test_id("lp-state")).to_have_text("Ingediend")
    # Regression: the step's button is gone with the swap; its confirmation takes the focus (in a live region).
    recorded = page.locator("#lp-status").get_by_text("Vastgelegd.")
    expect(recorded).to_be_visible()
    expect(page.locator("#lp-status [data-focus-after-swap], #lp-status .utrecht-alert")).to_be_focused()
    axe(page)

    # The embassy wants to see him; he is presented a week later.
    schedule = _step(page, "Presentatie plannen")
    schedule.get_by_label("Presentatie op").fill(_day(30))
    schedule.get_by_label("Plaats").fill("Ambassade, Oranjestraat 9, Den Haag")
    schedule.get_by_role("button", name="Presentatie plannen").click()
    expect(page.get_by_test_id("lp-state")).to_have_text("Presentatie gepland")
    presented = _step(page, "Presentatie vastleggen")
    presented.get_by_label("Gepresenteerd op").fill(_day(30))
    presented.get_by_label("Begeleid door").fill("J. de Vries (DT&V)")
    presented.get_by_label("Taal van de tolk").select_option("ar")
    axe(page)
    presented.get_by_role("button", name="Presentatie vastleggen").click()
    expect(page.get_by_test_id("lp-state")).to_have_text("Gepresenteerd")
    axe(page)

    # The laissez-passer is issued.
    answer = _step(page, "Antwoord vastleggen")
    answer.get_by_label("Antwoord", exact=True).select_option("issued")
    answer.get_by_label("Beantwoord op").fill(_day(3))
    answer.get_by_label("Hoe").select_option("post")
    answer.get_by_label("Nummer laissez-passer").fill("MAR-LP-2026-0042")
    answer.get_by_label("Afgegeven op").fill(_day(3))
    answer.get_by_label("Geldig tot").fill(_day(-27))
    axe(page)
    answer.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_test_id("lp-state")).to_have_text("Laissez-passer afgegeven")
    axe(page)
    request = TravelDocumentRequest.objects.get(case=case)
    assert (request.state, request.lp_number) == ("issued", "MAR-LP-2026-0042")
    assert list(request.transitions.values_list("to_state", flat=True)) == [
        "draft",
        "submitted",
        "presentation_scheduled",
        "presented",
        "issued",
    ]

    # Back in the case file: the LP is there and the header no longer names the obstacle.
    page.get_by_role("link", name="Terug naar het dossier").click()
    expect(page.get_by_test_id("travel-document")).to_contain_text("MAR-LP-2026-0042")
    expect(page.get_by_test_id("removable")).not_to_contain_text(OBSTACLE)
    # Regression: the four steps' confirmations were queued as messages and all appeared here.
    expect(page.locator(".regie-messages")).to_have_count(0)
    axe(page)

    # What Morocco's record says: the country list, then the country page.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Landen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landen")
    axe(page)
    page.get_by_role("link", name="Marokko (MAR)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marokko (MAR)")
    expect(page.get_by_test_id("country-stats")).to_contain_text("1")
    axe(page)
