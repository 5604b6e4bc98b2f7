"""The statistics page per period and the exports of every table."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from .streams import at, closed, counted, opened


def test_the_team_lead_sees_the_year_asked_for_with_each_definition(client, team_lead):
    opened(source="police", when=at(2025, 6, 1), by=team_lead)
    opened(source="ind", when=at(2026, 6, 1), by=team_lead)
    counted()
    client.force_login(team_lead)
    response = client.get(reverse("reports:statistics"), {"jaar": 2025})
    shown = {item["table"].key: item["table"] for item in response.context["sections"]}
    assert list(shown) == [
        "inflow",
        "outflow",
        "destinations",
        "caseload",
        "laissez_passer",
        "durations",
        "removals",
        "cancellations",
        "dublin_transfers",
    ]
    assert shown["inflow"].total[1] == 1
    assert response.content.decode().count("regie-figure__definition") == 9
    assert response.context["period"].starts_on.isoformat() == "2025-01-01"


def test_a_period_of_days_counts_from_the_first_to_the_last_day_inclusive(client, team_lead):
    opened(when=at(2026, 3, 1), by=team_lead)
    opened(when=at(2026, 3, 31, 23), by=team_lead)
    opened(when=at(2026, 4, 1, 0), by=team_lead)
    counted()
    client.force_login(team_lead)
    response = client.get(reverse("reports:statistics"), {"van": "01-03-2026", "tot": "31-03-2026"})
    assert response.context["sections"][0]["table"].total[1] == 2


def test_a_last_day_before_the_first_is_refused_and_the_year_is_shown(client, team_lead):
    client.force_login(team_lead)
    response = client.get(reverse("reports:statistics"), {"van": "31-03-2026", "tot": "01-03-2026"})
    assert response.context["form"].errors["tot"]


def test_a_case_officer_sees_no_statistics(client, case_officer):
    client.force_login(case_officer)
    assert client.get(reverse("reports:statistics")).status_code == 403
    assert client.get(reverse("reports:statistics_export", args=["inflow", "csv"])).status_code == 403


class TestExports:
    def test_a_table_as_csv_has_title_definition_header_rows_and_total(self, client, team_lead):
        closed(opened(when=at(2026, 1, 2), by=team_lead), "departed_forced", by=team_lead, when=at(2026, 2, 1))
        counted()
        client.force_login(team_lead)
        response = client.get(reverse("reports:statistics_export", args=["outflow", "csv"]), {"jaar": 2026})
        assert response["Content-Disposition"] == 'attachment; filename="outflow-20260101-20261231.csv"'
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert len(lines[2]) == 3
        assert lines[3][1:] == ["1", "100.0"]
        assert lines[-1][1:] == ["1", "100.0"]

    def test_a_table_as_xlsx_holds_the_same_rows(self, client, team_lead):
        opened(source="kmar", when=at(2026, 1, 2), by=team_lead)
        counted()
        client.force_login(team_lead)
        response = client.get(reverse("reports:statistics_export", args=["inflow", "xlsx"]), {"jaar": 2026})
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert [row[1] for row in values[3:7]] == [0, 0, 1, 0]
        assert values[7][1] == 1

    def test_a_dashboard_table_exports_too_and_an_unknown_one_is_404(self, client, team_lead, case_officer):
        client.force_login(team_lead)
        response = client.get(reverse("reports:dashboard_export", args=["caseload_phase", "csv"]))
        assert response.status_code == 200
        assert client.get(reverse("reports:dashboard_export", args=["nothing", "csv"])).status_code == 404
        assert client.get(reverse("reports:dashboard_export", args=["caseload_phase", "pdf"])).status_code == 404

    def test_a_cell_that_reads_as_a_formula_is_written_as_text(self):
        from reports.exports import table_csv
        from reports.tables import Column, Table

        table = Table("t", "T", "D", [Column("a", "A")], [["=HYPERLINK(1)"]])
        assert "'=HYPERLINK(1)" in table_csv(table).decode("utf-8-sig")
