"""Intake as a service: every channel's handover obeys handover_validate; near-duplicates are flagged by spelling."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases import events
from cases.constants import SOURCE_OF_PARTNER, DatePrecision, HandoverOutcome, Source
from cases.intake import HandoverData, handover_receive, handover_validate
from cases.models import Case, CaseEvent, ForeignNational, Handover
from dtv.accounts.constants import ChainPartner
from tests.factories.accounts import ChainPartnerFactory

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)

HANDOVER = HandoverData(
    source=Source.IND,
    reference="IND-2026-000123",
    handover_date=dt.date(2026, 3, 2),
    v_number="1234567890",
    surname="Haddad",
    given_names="Omar",
    date_of_birth=dt.date(1991, 7, 1),
    date_of_birth_precision=DatePrecision.YEAR_MONTH,
    sex="male",
    nationalities=[("SYR", "claimed")],
    languages=["ar"],
    track="asylum_rejected",
)


def handover(**changes):
    return dataclasses.replace(HANDOVER, **changes)


def refusal(data):
    """{field: [codes]} of what handover_validate refuses in `data`."""
    with pytest.raises(ValidationError) as refused:
        handover_validate(data, today=TODAY)
    return {name: [error.code for error in errors] for name, errors in refused.value.error_dict.items()}


class TestHandoverValidate:
    def test_accepts_a_complete_handover(self):
        handover_validate(HANDOVER, today=TODAY)

    def test_accepts_a_handover_received_today_with_an_unknown_date_of_birth(self):
        handover_validate(
            handover(handover_date=TODAY, date_of_birth=None, date_of_birth_precision=DatePrecision.UNKNOWN),
            today=TODAY,
        )

    @pytest.mark.parametrize(
        ("changes", "field", "code"),
        [
            ({"v_number": "12345"}, "v_number", "v_number"),
            # Fullwidth digits are digits to Python's \d, not to the IND.
            ({"v_number": "１２３４５６７８９０"}, "v_number", "v_number"),
            ({"reference": " "}, "reference", "required"),
            ({"surname": ""}, "surname", "required"),
            ({"surname": "x" * 201}, "surname", "max_length"),
            ({"handover_date": dt.date(2026, 3, 11)}, "handover_date", "future_date"),
            ({"handover_date": dt.date(2006, 12, 31)}, "handover_date", "implausible_date"),
            ({"date_of_birth": dt.date(2026, 4, 1)}, "date_of_birth", "future_date"),
            (
                {"date_of_birth": dt.date(1899, 1, 1), "date_of_birth_precision": DatePrecision.YEAR},
                "date_of_birth",
                "implausible_date",
            ),
            ({"date_of_birth": dt.date(1991, 7, 17)}, "date_of_birth", "precision"),
            ({"date_of_birth": None}, "date_of_birth", "precision"),
            ({"sex": "m"}, "sex", "invalid_choice"),
            ({"nationalities": []}, "nationalities", "required"),
            ({"nationalities": [("QQQ", "claimed")]}, "nationalities", "country"),
            ({"nationalities": [("SYR", "claimed"), ("SYR", "established")]}, "nationalities", "duplicate"),
            ({"nationalities": [("SYR", "maybe")]}, "nationalities", "invalid_choice"),
            ({"aliases": [("", "Omar")]}, "aliases", "required"),
            ({"languages": ["qq", "zzz"]}, "languages", "language"),
            ({"languages": ["ar", "ar"]}, "languages", "duplicate"),
            ({"vulnerabilities": ["sad"]}, "vulnerabilities", "invalid"),
            ({"track": ""}, "track", "invalid_choice"),
            ({"source": "embassy"}, "source", "invalid_choice"),
            ({"legal_representative_office": "x" * 201}, "legal_representative_office", "max_length"),
        ],
    )
    def test_refuses_a_handover_that_breaks_a_rule_naming_the_field(self, changes, field, code):
        assert refusal(handover(**changes)) == {field: [code]}

    def test_names_every_broken_rule_at_once(self):
        broken = handover(v_number="12", handover_date=dt.date(2027, 1, 1), languages=["qq"], track="")
        assert set(refusal(broken)) == {"v_number", "handover_date", "languages", "track"}

    def test_an_unknown_language_is_refused_in_dutch_naming_the_codes(self):
        with pytest.raises(ValidationError) as refused:
            handover_validate(handover(languages=["qq", "zzz"]), today=TODAY)
        assert refused.value.message_dict == {"languages": ["Onbekende taalcode: qq, zzz."]}


class TestHandoverDataFromCleaned:
    def test_reads_the_shape_forms_and_serializers_give(self):
        cleaned = {
            "reference": "SELF-1",
            "handover_date": TODAY,
            "v_number": "5555555555",
            "surname": "Gebremariam",
            "given_names": "Selam",
            "date_of_birth": (dt.date(1994, 3, 1), DatePrecision.YEAR_MONTH),
            "sex": "female",
            "nationalities": [{"country": "eri", "status": "claimed"}],
            "aliases": [{"surname": "Ghebremariam", "given_names": "Salam"}],
            "languages": [" TI", "ar"],
            "vulnerabilities": ["medical"],
            "track": "self_registered",
            "nationality": "ERI",  # a form's own field: not part of the handover
        }
        data = HandoverData.from_cleaned(cleaned, source=Source.SELF_REGISTRATION, payload={"form": "intake"})
        assert data == HandoverData(
            source=Source.SELF_REGISTRATION,
            reference="SELF-1",
            handover_date=TODAY,
            v_number="5555555555",
            surname="Gebremariam",
            given_names="Selam",
            date_of_birth=dt.date(1994, 3, 1),
            date_of_birth_precision=DatePrecision.YEAR_MONTH,
            sex="female",
            nationalities=[("ERI", "claimed")],
            aliases=[("Ghebremariam", "Salam")],
            languages=["ti", "ar"],
            vulnerabilities=["medical"],
            track="self_registered",
            payload={"form": "intake"},
        )

    def test_without_a_date_of_birth_the_precision_is_unknown(self):
        data = HandoverData.from_cleaned(
            {"reference": "R", "handover_date": TODAY, "v_number": "1", "surname": "S", "date_of_birth": None},
            source=Source.IND,
            payload={},
        )
        assert (data.date_of_birth, data.date_of_birth_precision) == (None, DatePrecision.UNKNOWN)


def _counts():
    return (ForeignNational.objects.count(), Case.objects.count(), Handover.objects.count(), CaseEvent.objects.count())


@pytest.mark.django_db
class TestHandoverReceive:
    def test_refuses_an_invalid_handover_and_saves_nothing(self):
        with pytest.raises(ValidationError) as refused:
            handover_receive(data=handover(languages=["qq"]), received_by=ChainPartnerFactory(), now=NOW)
        assert set(refused.value.error_dict) == {"languages"}
        assert _counts() == (0, 0, 0, 0)

    def test_the_new_person_gets_both_search_columns(self):
        received, _created = handover_receive(
            data=handover(surname="Al-Hassan", aliases=[("Hasan", "Umar")]), received_by=ChainPartnerFactory(), now=NOW
        )
        person = received.case.foreign_national
        assert (person.search_name, person.search_key) == ("omar al-hassan | umar hasan", " amar alhasan al hasan ")


@pytest.mark.django_db
class TestNearDuplicateAtIntake:
    """Another V-number with a variant of the surname, the same date of birth and a shared nationality is flagged."""

    def _receive(self, reference, v_number, surname, **changes):
        received, _created = handover_receive(
            data=handover(reference=reference, v_number=v_number, surname=surname, **changes),
            received_by=ChainPartnerFactory(),
            now=NOW,
        )
        return received.case

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Hasan", "Hassan"),
            ("Mohamed", "Muhammad"),
            ("Mohammed", "Mohamed"),
            ("Djordjevic", "Đorđević"),
            ("Nguyễn", "Nguyen"),
            ("Al-Hassan", "Alhassan"),
            ("HADDAD", "Haddad"),
        ],
    )
    def test_a_spelling_variant_is_flagged_for_review_never_merged(self, first, second):
        earlier = self._receive("IND-1", "1111111111", first)
        later = self._receive("KMAR-1", "2222222222", second)
        assert later.possible_duplicate_of_id == earlier.foreign_national_id
        assert later.awaits_duplicate_review
        assert later.events.filter(kind=events.CASE_POSSIBLE_DUPLICATE.code).count() == 1
        assert ForeignNational.objects.count() == 2

    @pytest.mark.parametrize(
        "changes",
        [
            {"surname": "Hussein"},  # another name, not a spelling of Hasan
            {"surname": "Hasanovic"},  # a longer name is not the same name part
            {"date_of_birth": dt.date(1991, 8, 1)},
            {"nationalities": [("IRQ", "claimed")]},
        ],
    )
    def test_another_name_date_of_birth_or_nationality_is_not_flagged(self, changes):
        self._receive("IND-1", "1111111111", "Hasan")
        later = self._receive("KMAR-1", "2222222222", **{"surname": "Hassan", **changes})
        assert later.possible_duplicate_of_id is None
        assert later.handovers.get().outcome == HandoverOutcome.NEW_CASE


class TestSourceOfPartner:
    def test_every_chain_partner_hands_over_under_its_own_source(self):
        # cases_visible_to scopes a partner by this source: a partner without one would read nothing.
        assert {partner: SOURCE_OF_PARTNER[partner] for partner in ChainPartner} == {
            ChainPartner.IND: Source.IND,
            ChainPartner.POLICE: Source.POLICE,
            ChainPartner.KMAR: Source.KMAR,
        }
        assert all(Source(partner.value) == SOURCE_OF_PARTNER[partner] for partner in ChainPartner)
