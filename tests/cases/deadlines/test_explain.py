"""The explanation a case officer reads: Dutch by default, every step the rules emit rendered."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from cases.deadlines import atw, registry
from cases.deadlines.explain import explain
from cases.deadlines.registry import compute
from cases.deadlines.rules import DeadlineKind
from departures.constants import DublinCircumstance
from departures.deadlines import DepartureDeadlineKind
from detention.deadlines import DetentionDeadlineKind
from laissezpasser.deadlines import LpDeadlineKind

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


def at(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


def explained(kind, start, holidays, language="nl", **params):
    _rule, computation = compute(kind, start=start, params=params, holidays=holidays)
    # The steps are stored as JSON; the explanation must come from what was stored.
    return explain(json.loads(json.dumps(computation.steps)), language=language)


@pytest.mark.parametrize(
    ("kind", "start", "params", "expected"),
    [
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 3, 2),
            {},
            "28 dagen na 2 maart 2026 = 30 maart 2026. "
            "Dat is een maandag en geen feestdag: de Algemene termijnenwet verschuift niets.",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 5, 2),
            {},
            "28 dagen na 2 mei 2026 = 30 mei 2026. "
            "Valt op zaterdag → verschoven naar maandag 1 juni 2026 (Algemene termijnenwet art. 1).",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 4, 7),
            {},
            "28 dagen na 7 april 2026 = 5 mei 2026. "
            "Valt op Bevrijdingsdag (5 mei) → verschoven naar woensdag 6 mei 2026 (Algemene termijnenwet art. 1).",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 3, 6),
            {},
            "28 dagen na 6 maart 2026 = 3 april 2026. "
            "Valt op Goede Vrijdag (3 april) → verschoven naar dinsdag 7 april 2026 (Algemene termijnenwet art. 1). "
            "Ook overgeslagen: Tweede Paasdag (6 april).",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2024, 11, 27),
            {},
            "28 dagen na 27 november 2024 = 25 december 2024. "
            "Valt op Eerste Kerstdag (25 december) → verschoven naar maandag 30 december 2024 "
            "(Algemene termijnenwet art. 1). "
            "Ook overgeslagen: Tweede Kerstdag (26 december) en vrijdag na Tweede Kerstdag (27 december).",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 4, 2),
            {"days": 3},
            "3 dagen na 2 april 2026 = 5 april 2026. "
            "Valt op zondag → verschoven naar dinsdag 7 april 2026 (Algemene termijnenwet art. 1). "
            "Ook overgeslagen: Tweede Paasdag (6 april). "
            "De termijn bevat minder dan twee dagen die geen zaterdag, zondag of feestdag zijn → "
            "verlengd tot en met woensdag 8 april 2026 (Algemene termijnenwet art. 2).",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 3, 6),
            {"days": 0},
            "Vertrektermijn van 0 dagen: direct vertrekplicht op 6 maart 2026.",
        ),
        (
            DeadlineKind.DEPARTURE_TERM,
            D(2026, 3, 2),
            {"days": 110},
            "110 dagen na 2 maart 2026 = 20 juni 2026. "
            "De Algemene termijnenwet is niet van toepassing op een termijn van meer dan 90 dagen (Atw art. 4A).",
        ),
        (
            DepartureDeadlineKind.FLIGHT_NOTICE,
            at(2026, 3, 2, 10),
            {},
            "48 uur vóór vertrek van de vlucht (10:00 op maandag 2 maart 2026) = 10:00 op zaterdag 28 februari 2026; "
            "teruggerekend, dus niet verschoven (Algemene termijnenwet art. 1 lid 2).",
        ),
        (
            DetentionDeadlineKind.HOLDING,
            at(2026, 3, 2, 22),
            {},
            "6 uur vanaf 22:00 op 2 maart 2026, de uren tussen 00:00 en 09:00 tellen niet mee: "
            "2 uur tot middernacht en 4 uur vanaf 09:00 = 13:00 op 3 maart 2026. "
            "Termijn in uren: de Algemene termijnenwet is niet van toepassing.",
        ),
        (
            DetentionDeadlineKind.HOLDING,
            at(2026, 3, 2, 3),
            {},
            "6 uur vanaf 03:00 op 2 maart 2026, de uren tussen 00:00 en 09:00 tellen niet mee: "
            "6 uur vanaf 09:00 = 15:00 op 2 maart 2026. "
            "Termijn in uren: de Algemene termijnenwet is niet van toepassing.",
        ),
        (
            DetentionDeadlineKind.HOLDING,
            at(2026, 3, 2, 22, 30),
            {"hours": 40},
            "40 uur vanaf 22:30 op 2 maart 2026, de uren tussen 00:00 en 09:00 tellen niet mee: "
            "1 uur en 30 minuten tot middernacht, 15 uur van 09:00 tot middernacht, "
            "15 uur van 09:00 tot middernacht en 8 uur en 30 minuten vanaf 09:00 = 17:30 op 5 maart 2026. "
            "Termijn in uren: de Algemene termijnenwet is niet van toepassing.",
        ),
        (
            DetentionDeadlineKind.HOLDING_EXTENSION,
            at(2026, 3, 3, 13),
            {},
            "48 uur na 13:00 op 3 maart 2026 = 13:00 op 5 maart 2026. "
            "Termijn in uren: de Algemene termijnenwet is niet van toepassing.",
        ),
        (
            DepartureDeadlineKind.DUBLIN_TRANSFER,
            D(2026, 8, 12),
            {"circumstance": "absconded", "registered_on": "2026-07-20"},
            "Asielaanvraag geregistreerd op 20 juli 2026, na 1 juli 2026: Vo. (EU) 2024/1351 is van toepassing "
            "(art. 84-85). "
            "Overdrachtstermijn verlengd omdat de betrokkene is ondergedoken: art. 46 lid 2 Vo. (EU) 2024/1351. "
            "De termijn loopt vanaf het moment waarop de verantwoordelijke lidstaat is geïnformeerd. "
            "36 maanden na 12 augustus 2026 = 12 augustus 2029. "
            "Het EU-recht heeft eigen regels voor termijnen (Vo. 1182/71): de Algemene termijnenwet is niet van "
            "toepassing en Regie toont de kalenderdatum zonder verschuiving voor het weekend.",
        ),
        (
            DepartureDeadlineKind.DUBLIN_TRANSFER,
            D(2026, 7, 9),
            {"circumstance": "detained", "registered_on": "2026-06-11"},
            "Asielaanvraag geregistreerd op 11 juni 2026, vóór 1 juli 2026: de termijnen van Vo. (EU) 604/2013 "
            "gelden (art. 84 Vo. (EU) 2024/1351). "
            "Overdrachtstermijn bij bewaring: art. 28 lid 3 Vo. (EU) 604/2013. "
            "De termijn loopt vanaf de aanvaarding van het verzoek of de definitieve beslissing op een beroep met "
            "schorsende werking. "
            "6 weken na 9 juli 2026 = 20 augustus 2026. "
            "Het EU-recht heeft eigen regels voor termijnen (Vo. 1182/71): de Algemene termijnenwet is niet van "
            "toepassing en Regie toont de kalenderdatum zonder verschuiving voor het weekend.",
        ),
        (
            DepartureDeadlineKind.DUBLIN_TRANSFER,
            D(2026, 8, 3),
            {"circumstance": "detained", "registered_on": "2026-07-01"},
            "Asielaanvraag geregistreerd op 1 juli 2026, de dag vanaf wanneer Vo. (EU) 2024/1351 van toepassing is: "
            "art. 84 laat die dag open, en Regie past Vo. (EU) 2024/1351 toe (art. 85). "
            "Overdrachtstermijn bij bewaring: art. 45 lid 3 Vo. (EU) 2024/1351. "
            "De termijn loopt vanaf de aanvaarding van het verzoek of de definitieve beslissing op een beroep met "
            "schorsende werking. "
            "5 weken na 3 augustus 2026 = 7 september 2026. "
            "Het EU-recht heeft eigen regels voor termijnen (Vo. 1182/71): de Algemene termijnenwet is niet van "
            "toepassing en Regie toont de kalenderdatum zonder verschuiving voor het weekend.",
        ),
        (
            DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            D(2026, 1, 31),
            {},
            "28 dagen na 31 januari 2026 = 28 februari 2026. "
            "Valt op zaterdag → verschoven naar maandag 2 maart 2026 (Algemene termijnenwet art. 1). "
            "Wettelijke laatste dag: maandag 2 maart 2026 (de Algemene termijnenwet is op deze termijn van "
            "toepassing: Rb. 's-Gravenhage 5 juni 2001, ECLI:NL:RBSGR:2001:AD5467); pas daarna te laat. "
            "Interne streefdatum: zaterdag 28 februari 2026, de dag zelf zonder verschuiving; de herinnering en de "
            "taak zijn daarop gericht.",
        ),
        (
            DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            D(2026, 1, 29),
            {},
            "28 dagen na 29 januari 2026 = 26 februari 2026. "
            "Dat is een donderdag en geen feestdag: de Algemene termijnenwet verschuift niets. "
            "Wettelijke laatste dag en interne streefdatum: donderdag 26 februari 2026 (de Algemene termijnenwet is "
            "op deze termijn van toepassing: Rb. 's-Gravenhage 5 juni 2001, ECLI:NL:RBSGR:2001:AD5467).",
        ),
        (
            DetentionDeadlineKind.DETENTION_SIX_MONTHS,
            D(2025, 8, 31),
            {},
            "6 maanden na 31 augustus 2025 = 28 februari 2026. "
            "Die maand heeft geen 31e dag, dus de termijn eindigt op de laatste dag van die maand. "
            "Termijn van meer dan drie maanden die een maximale duur van de bewaring stelt: "
            "de Algemene termijnenwet is niet van toepassing.",
        ),
        (
            DeadlineKind.AGREED_ACTION,
            D(2026, 3, 8),
            {},
            "Afgesproken datum: zondag 8 maart 2026. "
            "Datum afgesproken in het vertrekgesprek, geen wettelijke termijn: deze wordt niet verschoven.",
        ),
    ],
)
def test_the_explanation_reads_in_dutch(holidays, kind, start, params, expected):
    assert explained(kind, start, holidays, **params) == expected


def test_one_day_one_week_one_month_and_one_hour_are_singular(holidays):
    assert explained(DetentionDeadlineKind.DETENTION_REVIEW, D(2026, 3, 2), holidays, days=1).startswith(
        "1 dag na 2 maart 2026 = 3 maart 2026."
    )
    assert explained(LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, D(2026, 3, 2), holidays, weeks=1).startswith(
        "1 week na 2 maart 2026 = 9 maart 2026."
    )
    assert explained(DetentionDeadlineKind.HOLDING_EXTENSION, at(2026, 3, 3, 13), holidays, hours=1).startswith(
        "1 uur na 13:00 op 3 maart 2026 = 14:00 op 3 maart 2026."
    )


def test_the_explanation_is_also_available_in_english(holidays):
    assert explained(DeadlineKind.DEPARTURE_TERM, D(2026, 5, 2), holidays, language="en") == (
        "28 days after 2 May 2026 = 30 May 2026. "
        "Falls on a Saturday → moved to Monday 1 June 2026 (Algemene termijnenwet art. 1)."
    )
    assert explained(DetentionDeadlineKind.DETENTION_COURT_NOTICE, D(2026, 1, 31), holidays, language="en").endswith(
        "Legal last day: Monday 2 March 2026 (the Algemene termijnenwet applies to this term: "
        "Rb. 's-Gravenhage 5 juni 2001, ECLI:NL:RBSGR:2001:AD5467); late only after it. "
        "Internal target: Saturday 28 February 2026, the day itself without the shift; "
        "the reminder and the work item aim at it."
    )


def test_without_a_language_the_explanation_follows_the_active_one(holidays):
    _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 2), holidays=holidays)
    with translation.override("en"):
        assert explain(computation.steps).startswith("28 days after 2 March 2026")
    with translation.override("nl"):
        assert explain(computation.steps).startswith("28 dagen na 2 maart 2026")


class TestPredictedDays:
    """A shift that rests on a day no known decree designates says so (Atw art. 3 lid 3)."""

    def test_a_shift_onto_a_predicted_friday_after_ascension_day_says_it_is_predicted(self, holidays):
        # 2030: no decree known. Ascension Day Thursday 30 May, the predicted Friday 31 May, weekend → Monday.
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2030, 5, 2), holidays=holidays)
        assert computation.steps[1]["skipped"][1] == {
            "date": "2030-05-31",
            "reason": "holiday",
            "holiday": "Vrijdag na Hemelvaartsdag",
            "predicted": True,
        }
        assert explain(computation.steps) == (
            "28 dagen na 2 mei 2030 = 30 mei 2030. "
            "Valt op Hemelvaartsdag (30 mei) → verschoven naar maandag 3 juni 2030 (Algemene termijnenwet art. 1). "
            "Ook overgeslagen: vrijdag na Hemelvaartsdag (voorspelde aangewezen dag, nog geen besluit bekend) "
            "(31 mei)."
        )
        assert "(predicted designated day, no decree known yet)" in explain(computation.steps, language="en")

    def test_a_shift_onto_a_day_of_a_known_decree_says_nothing_of_a_prediction(self, holidays):
        # 2026: the decree designates Friday 15 May 2026.
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 4, 16), holidays=holidays)
        assert "voorspeld" not in explain(computation.steps)
        assert all("predicted" not in day for day in computation.steps[1]["skipped"])

    def test_a_term_ending_on_a_predicted_day_says_so(self, holidays):
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2030, 5, 3), holidays=holidays)
        assert explain(computation.steps).startswith(
            "28 dagen na 3 mei 2030 = 31 mei 2030. Valt op vrijdag na Hemelvaartsdag (voorspelde aangewezen dag, "
            "nog geen besluit bekend) (31 mei) → verschoven naar maandag 3 juni 2030"
        )

    def test_the_two_working_days_rule_names_the_predicted_days_it_counted(self, holidays):
        # Wednesday 29 May 2030 + 3 = Saturday 1 June → Monday 3 June; the term then holds Monday only
        # (Ascension Day, the predicted Friday, the weekend), so art. 2 → Tuesday 4 June.
        _rule, computation = compute(
            DeadlineKind.DEPARTURE_TERM, start=D(2030, 5, 29), params={"days": 3}, holidays=holidays
        )
        assert computation.steps[-1]["predicted"] == ["2030-05-31"]
        assert explain(computation.steps).endswith(
            "Als feestdag geteld: 31 mei (voorspelde aangewezen dagen, nog geen besluit bekend)."
        )


def test_a_holiday_without_a_name_is_called_a_public_holiday():
    _end, steps = atw.atw_extend(
        D(2026, 4, 3), start=D(2026, 3, 6), holidays={D(2026, 4, 3), D(2026, 4, 6)}, term_days=28
    )
    assert explain(steps) == (
        "Valt op een feestdag (3 april) → verschoven naar dinsdag 7 april 2026 (Algemene termijnenwet art. 1). "
        "Ook overgeslagen: een feestdag (6 april)."
    )


def test_times_are_shown_in_the_given_time_zone(holidays):
    _rule, computation = compute(DetentionDeadlineKind.HOLDING_EXTENSION, start=at(2026, 3, 3, 13), holidays=holidays)
    assert explain(computation.steps, tz=dt.UTC).startswith("48 uur na 12:00 op 3 maart 2026 = 12:00 op 5 maart 2026.")


def test_every_step_type_the_rules_emit_is_rendered_in_both_languages(holidays):
    cases = [
        (DeadlineKind.DEPARTURE_TERM, D(2026, 3, 2), {}),
        (DeadlineKind.DEPARTURE_TERM, D(2026, 3, 6), {"days": 0}),
        (DeadlineKind.DEPARTURE_TERM, D(2026, 4, 2), {"days": 3}),
        (DeadlineKind.DEPARTURE_TERM, D(2026, 3, 2), {"days": 120}),
        (DeadlineKind.DEPARTURE_TERM, D(2026, 5, 2), {}),
        (DeadlineKind.DEPARTURE_TERM, D(2026, 5, 3), {}),
        *[(kind, at(2026, 3, 2, 22), {}) for kind in ("flight_notice", "holding", "holding_extension")],
        *[
            (kind, D(2026, 1, 31), {})
            for kind in registry.registered_kinds()
            if kind not in ("flight_notice", "holding", "holding_extension", "dublin_transfer")
        ],
        *[
            (DepartureDeadlineKind.DUBLIN_TRANSFER, D(2026, 8, 3), {"circumstance": c, "registered_on": registered})
            for c in DublinCircumstance.values
            for registered in ("2026-06-30", "2026-07-01", "2026-07-02")
            if registered != "2026-06-30" or c in ("none", "detained", "imprisoned", "absconded")
        ],
    ]
    seen = set()
    for kind, start, params in cases:
        _rule, computation = compute(kind, start=start, params=params, holidays=holidays)
        seen |= {step["type"] for step in computation.steps}
        for language in ("nl", "en"):
            assert explain(computation.steps, language=language)
    assert seen == {
        "term",
        "zero_term",
        "atw_shift",
        "atw_two_working_days",
        "atw_no_shift",
        "atw_not_applied",
        "hours_outside_night",
        "hours",
        "hours_before_departure",
        "dublin_regulation",
        "dublin_ground",
        "target_and_legal_day",
        "agreed_date",
    }


def test_steps_stored_by_withdrawn_versions_still_render(holidays):
    steps = [
        {"type": "dublin_ground", "circumstance": "medical", "legal_basis": "art. 46 lid 2 Vo. (EU) 2024/1351"},
        {"type": "atw_not_applied", "reason": "earliest_date"},
    ]
    assert explain(steps, language="en") == (
        "Transfer time limit extended because of the person's medical condition: art. 46 lid 2 Vo. (EU) 2024/1351. "
        "Regie shows the earliest date, without a shift under the Algemene termijnenwet, so that the notification "
        "is always on time."
    )


@pytest.mark.parametrize(
    "step",
    [
        {"type": "weather_delay"},
        {"type": "atw_not_applied", "reason": "because"},
        {"type": "atw_shift", "from": "2026-04-03", "to": "2026-04-07", "reason": "strike"},
        {"type": "dublin_ground", "circumstance": "pregnant", "legal_basis": "?"},
        {"type": "term", "unit": "fortnights", "amount": 2, "start": "2026-03-02", "end": "2026-03-30"},
    ],
)
def test_an_unknown_step_is_an_error_not_a_silent_gap(step):
    with pytest.raises(ValueError):
        explain([step])
