"""The KPIs of the year plan: traffic lights at, just under and just over each target; hand-counted results."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cases.constants import DatePrecision, Sex
from reports.constants import Kpi, Light
from reports.kpis import kpi_results, targets_for, traffic_light
from reports.models import Target
from reports.quality import open_cases_meeting_rules
from reports.statistics import Period
from tests.factories.cases import ProcedureFactory

from .streams import at, closed, counted, opened

# The year plan 2024 (seed 001): (KPI, just inside, the target itself, just outside).
YEAR_PLAN_2024 = [
    (Kpi.DEMONSTRABLE_DEPARTURE, "50.1", "50", "49.9"),
    (Kpi.UNKNOWN_DESTINATION, "49.9", "50", "50.1"),
    (Kpi.VRIS_DEMONSTRABLE, "78.1", "78", "77.9"),
    (Kpi.LAWFUL_DETENTION, "90.1", "90", "89.9"),
    (Kpi.COMPLAINTS_ON_TIME, "75.1", "75", "74.9"),
    (Kpi.DATA_QUALITY, "95.1", "95", "94.9"),
]


class TestTrafficLight:
    @pytest.mark.parametrize(("kpi", "inside", "at_target", "outside"), YEAR_PLAN_2024, ids=lambda v: str(v))
    def test_green_at_and_inside_the_target_amber_just_outside_it(self, db, kpi, inside, at_target, outside):
        target = targets_for(2024)[kpi]
        assert traffic_light(Decimal(at_target), target) == Light.GREEN
        assert traffic_light(Decimal(inside), target) == Light.GREEN
        assert traffic_light(Decimal(outside), target) == Light.AMBER

    def test_red_once_the_shortfall_reaches_the_margin(self, db):
        target = targets_for(2024)[Kpi.DEMONSTRABLE_DEPARTURE]
        assert traffic_light(Decimal("45.1"), target) == Light.AMBER
        assert traffic_light(Decimal("45.0"), target) == Light.RED
        over = targets_for(2024)[Kpi.UNKNOWN_DESTINATION]
        assert traffic_light(Decimal("54.9"), over) == Light.AMBER
        assert traffic_light(Decimal("55.0"), over) == Light.RED

    def test_nothing_measured_has_no_light(self, db):
        assert traffic_light(None, targets_for(2024)[Kpi.DATA_QUALITY]) == Light.NONE


class TestTargets:
    def test_the_year_plan_2024_is_seeded_with_its_source(self, db):
        targets = targets_for(2024)
        assert {kpi: (t.comparison, t.percentage) for kpi, t in targets.items()} == {
            Kpi.DEMONSTRABLE_DEPARTURE: ("at_least", Decimal("50.00")),
            Kpi.UNKNOWN_DESTINATION: ("at_most", Decimal("50.00")),
            Kpi.VRIS_DEMONSTRABLE: ("at_least", Decimal("78.00")),
            Kpi.LAWFUL_DETENTION: ("at_least", Decimal("90.00")),
            Kpi.COMPLAINTS_ON_TIME: ("at_least", Decimal("75.00")),
            Kpi.DATA_QUALITY: ("at_least", Decimal("95.00")),
        }
        assert {t.source for t in targets.values()} == {"DT&V Jaarplan 2024"}

    def test_a_year_without_a_plan_keeps_the_latest_plan_before_it(self, db):
        assert targets_for(2026)[Kpi.DATA_QUALITY].year == 2024
        Target.objects.create(
            kpi=Kpi.DATA_QUALITY, year=2026, comparison="at_least", percentage=97, source="Jaarplan 2026"
        )
        assert targets_for(2026)[Kpi.DATA_QUALITY].percentage == 97
        assert targets_for(2025)[Kpi.DATA_QUALITY].percentage == 95
        assert Kpi.DATA_QUALITY not in targets_for(2023)


class TestOutflowKpis:
    def test_hand_counted_departure_kpis_of_a_period(self, team_lead):
        lead = team_lead
        for reason, n in [
            ("departed_forced", 2),
            ("departed_independently", 1),
            ("departed_unsupervised", 1),
            ("residence_permit", 1),
        ]:
            for _i in range(n):
                closed(opened(when=at(2026, 1, 2), by=lead), reason, by=lead, when=at(2026, 3, 1))
        closed(
            opened(when=at(2026, 1, 2), by=lead, track="criminal_justice"),
            "departed_forced",
            by=lead,
            when=at(2026, 3, 1),
        )
        closed(
            opened(when=at(2026, 1, 2), by=lead, track="criminal_justice"),
            "departed_unsupervised",
            by=lead,
            when=at(2026, 3, 1),
        )
        counted()
        results = {r.kpi: r for r in kpi_results(Period.year(2026))}
        assert (results[Kpi.DEMONSTRABLE_DEPARTURE].numerator, results[Kpi.DEMONSTRABLE_DEPARTURE].denominator) == (
            4,
            7,
        )
        assert results[Kpi.DEMONSTRABLE_DEPARTURE].percentage == Decimal("57.1")
        assert results[Kpi.DEMONSTRABLE_DEPARTURE].light == Light.GREEN
        assert (results[Kpi.UNKNOWN_DESTINATION].numerator, results[Kpi.UNKNOWN_DESTINATION].denominator) == (2, 6)
        assert (results[Kpi.VRIS_DEMONSTRABLE].numerator, results[Kpi.VRIS_DEMONSTRABLE].denominator) == (1, 2)
        assert results[Kpi.VRIS_DEMONSTRABLE].light == Light.RED
        assert results[Kpi.LAWFUL_DETENTION].light == Light.NONE


class TestDataQuality:
    def test_scores_each_rule_and_counts_the_open_cases_that_pass_them_all(self, team_lead):
        good = opened(when=at(2026, 1, 2), by=team_lead, nationality="MAR")
        good.foreign_national.nationalities.update(status="established")
        type(good.foreign_national).objects.filter(pk=good.foreign_national_id).update(sex=Sex.MALE)
        no_dob = opened(when=at(2026, 1, 2), by=team_lead, dob_precision=DatePrecision.UNKNOWN)
        no_dob.foreign_national.nationalities.update(status="established")
        type(no_dob.foreign_national).objects.filter(pk=no_dob.foreign_national_id).update(sex=Sex.MALE)
        assert open_cases_meeting_rules() == (1, 2)
        ProcedureFactory(case=good, recorded_by=team_lead)  # a pending procedure without a legal representative
        assert open_cases_meeting_rules() == (0, 2)

    def test_the_case_file_lists_the_rules_its_case_fails(self, client, team_lead, case_officer):
        from .streams import assigned

        case = assigned(opened(when=at(2026, 1, 2), by=team_lead), case_officer, by=team_lead, when=at(2026, 1, 3))
        ProcedureFactory(case=case, recorded_by=team_lead)
        client.force_login(case_officer)
        response = client.get(reverse("cases:case_detail", args=[case.pk]))
        html = response.content.decode()
        assert 'id="datakwaliteit"' in html
        section = html.split('data-testid="failing-rules"')[1].split("</ul>")[0]
        assert section.count("<li") == 3  # nationality only claimed, sex unknown, no representative


def test_the_kpi_page_shows_each_kpi_with_its_light_in_words(client, team_lead):
    client.force_login(team_lead)
    response = client.get(reverse("reports:kpis"), {"jaar": 2026})
    assert response.status_code == 200
    assert [r.kpi for r in response.context["results"]] == list(Kpi)
    assert response.content.decode().count('class="regie-light regie-light--') == 6
