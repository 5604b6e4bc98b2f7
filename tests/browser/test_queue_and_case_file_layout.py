"""The work queue and the case file in Chromium: filtering through htmx, and both at 390 px and at 200 % zoom
(ux-review-1 §6: the next-deadline column was off-screen or cut off). axe-core checks every page visited."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.services import departure_term_record
from tests.browser.conftest import log_in
from tests.factories.cases import CaseFactory, ForeignNationalFactory, ProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A phone (390 CSS px) and a 1366 px wide window at 200 % zoom (683 CSS px at two device pixels each).
NARROW = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1}
ZOOM_200 = {"viewport": {"width": 683, "height": 450}, "device_scale_factor": 2}


def _cases(officer):
    term = CaseFactory(
        case_officer=officer,
        in_progress=True,
        foreign_national=ForeignNationalFactory(surname="Haddad", given_names="Omar Abdelrahman Mahmoud"),
    )
    term.foreign_national.nationalities.create(country="ERI", status="claimed")
    today = timezone.localdate()
    departure_term_record(case=term, effective_on=today - dt.timedelta(days=40), actor=officer, now=timezone.now())
    ProcedureFactory(case=term)  # the procedures table on the case file
    other = CaseFactory(case_officer=officer, in_progress=True, foreign_national=ForeignNationalFactory(surname="Bos"))
    other.foreign_national.nationalities.create(country="MAR", status="claimed")
    return term, other


def _no_sideways_scrolling(page):
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px viewport"


def _fully_in_view_horizontally(page, locator):
    """The element's box lies within the viewport and is not cut off by a scrolling ancestor."""
    box = locator.bounding_box()
    viewport = page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport, (box, viewport)
    clipped = locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            for (let up = element.parentElement; up; up = up.parentElement) {
                const style = getComputedStyle(up);
                if (style.overflowX !== "visible") {
                    const outer = up.getBoundingClientRect();
                    if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) return true;
                }
            }
            return false;
        }"""
    )
    assert not clipped


@pytest.mark.parametrize("device", [NARROW, ZOOM_200], ids=["390px", "zoom-200"])
def test_the_next_deadline_stays_in_view_in_the_queue_and_the_case_file(
    browser, live_server, axe, case_officer, password, device
):
    term, _other = _cases(case_officer)
    context = browser.new_context(base_url=live_server.url, **device)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, case_officer, password)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
        urgency = page.get_by_role("row").filter(has_text="Haddad").get_by_test_id("urgency")
        expect(urgency).to_have_text(re.compile(r"^\(\d+ dagen verstreken\)$"))
        _fully_in_view_horizontally(page, urgency)
        _no_sideways_scrolling(page)
        axe(page)

        page.get_by_role("link", name=term.foreign_national.v_number).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Haddad")
        next_deadline = page.get_by_test_id("next-deadline")
        expect(next_deadline).to_contain_text(re.compile(r"\d+ dagen verstreken"))
        _fully_in_view_horizontally(page, next_deadline)
        _fully_in_view_horizontally(page, page.get_by_test_id("departure-term"))
        _no_sideways_scrolling(page)
        axe(page)
    finally:
        context.close()


def test_filters_update_the_results_through_htmx_and_the_url_follows(page, axe, case_officer, password):
    _cases(case_officer)
    log_in(page, case_officer, password)
    expect(page.get_by_role("caption")).to_have_text("2 openstaande zaken")
    page.evaluate("() => { window.regieNotReloaded = true; }")
    page.get_by_label("Nationaliteit").select_option("MAR")
    expect(page.get_by_role("caption")).to_have_text("1 openstaande zaak")
    expect(page.get_by_role("table")).to_contain_text("Bos")
    expect(page.get_by_role("table")).not_to_contain_text("Haddad")
    expect(page.get_by_role("status").filter(has_text="1 openstaande zaak")).to_be_attached()
    assert "nationaliteit=MAR" in page.url
    assert page.evaluate("() => window.regieNotReloaded === true"), "htmx swapped the results, no page load"
    axe(page)
    # The URL it pushed is a whole page of its own.
    page.reload()
    expect(page.get_by_role("caption")).to_have_text("1 openstaande zaak")
    expect(page.get_by_label("Nationaliteit")).to_have_value("MAR")
    axe(page)
