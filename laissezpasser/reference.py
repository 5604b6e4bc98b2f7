"""Seeding the country reference data: every ISO 3166-1 country plus XXA/XXX, and synthetic policies and missions.

The policies and missions of the 25 nationalities most frequent in the caseload are synthetic (plausible,
not official): functional administration replaces them with the real ones in the admin. Only countries
that are missing are added, so an edit in the admin is never overwritten by the next migrate.
"""

import pycountry
from django.db import transaction

from cases.constants import NATIONALITY_UNKNOWN, STATELESS

from .constants import MissionKind, ProofDocument, Readmission

P = ProofDocument
_PASSPORT_ID = [P.PASSPORT, P.ID_CARD]

# code: (presentation, identity proof, accepted proof, forced return, readmission, answer days, programme,
#        response days, missions [(kind, city, address, phone, email, languages)])
SYNTHETIC_POLICIES = {
    "SYR": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER],
        False,
        Readmission.NONE,
        None,
        True,
        90,
        [
            (
                "embassy",
                "Den Haag",
                "Laan Copes van Cattenburch 1, 2585 GA Den Haag",
                "+31 70 000 0101",
                "consular@syr-mission.example",
                ["ar"],
            ),
        ],
    ),
    "MAR": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER, P.COPIES],
        True,
        Readmission.NONE,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Oranjestraat 9, 2514 JB Den Haag",
                "+31 70 000 0102",
                "consulaat@mar-mission.example",
                ["ar", "fr"],
            ),
            (
                "consulate",
                "Amsterdam",
                "Koningslaan 2, 1075 AA Amsterdam",
                "+31 20 000 0102",
                "amsterdam@mar-mission.example",
                ["ar", "fr", "nl"],
            ),
            (
                "consulate",
                "Rotterdam",
                "Westblaak 10, 3012 KL Rotterdam",
                "+31 10 000 0102",
                "rotterdam@mar-mission.example",
                ["ar", "fr"],
            ),
        ],
    ),
    "DZA": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        True,
        Readmission.NONE,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Van Stolklaan 1, 2585 JS Den Haag",
                "+31 70 000 0103",
                "consulat@dza-mission.example",
                ["ar", "fr"],
            ),
        ],
    ),
    "ERI": (
        True,
        True,
        _PASSPORT_ID,
        False,
        Readmission.NONE,
        None,
        True,
        90,
        [
            (
                "embassy",
                "Brussel",
                "Avenue Wolvendael 15, 1180 Bruxelles",
                "+32 2 000 0104",
                "consular@eri-mission.example",
                ["ti", "en"],
            ),
        ],
    ),
    "AFG": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER],
        False,
        Readmission.MEMORANDUM,
        None,
        True,
        90,
        [
            (
                "embassy",
                "Den Haag",
                "Laan van Meerdervoort 50, 2517 AM Den Haag",
                "+31 70 000 0105",
                "consular@afg-mission.example",
                ["prs", "ps"],
            ),
        ],
    ),
    "IRQ": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER, P.MILITARY_BOOK],
        False,
        Readmission.MEMORANDUM,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Johan de Wittlaan 16, 2517 JR Den Haag",
                "+31 70 000 0106",
                "consular@irq-mission.example",
                ["ar", "ckb"],
            ),
        ],
    ),
    "TUR": (
        False,
        False,
        [*_PASSPORT_ID, P.DRIVING_LICENCE, P.CIVIL_REGISTER, P.COPIES],
        True,
        Readmission.EU,
        25,
        True,
        30,
        [
            (
                "embassy",
                "Den Haag",
                "Jan Evertstraat 15, 2514 BS Den Haag",
                "+31 70 000 0107",
                "konsolosluk@tur-mission.example",
                ["tr"],
            ),
            (
                "consulate",
                "Rotterdam",
                "Westersingel 5, 3014 GM Rotterdam",
                "+31 10 000 0107",
                "rotterdam@tur-mission.example",
                ["tr", "nl"],
            ),
            (
                "consulate",
                "Deventer",
                "Brink 1, 7411 BR Deventer",
                "+31 570 000 107",
                "deventer@tur-mission.example",
                ["tr"],
            ),
        ],
    ),
    "GEO": (
        False,
        False,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE, P.COPIES],
        True,
        Readmission.EU,
        12,
        True,
        21,
        [
            (
                "embassy",
                "Den Haag",
                "Parkstraat 16, 2514 JK Den Haag",
                "+31 70 000 0108",
                "consular@geo-mission.example",
                ["ka", "ru", "en"],
            ),
        ],
    ),
    "NGA": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE, P.DRIVING_LICENCE],
        True,
        Readmission.MEMORANDUM,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Wagenaarweg 5, 2597 LL Den Haag",
                "+31 70 000 0109",
                "consular@nga-mission.example",
                ["en"],
            ),
        ],
    ),
    "IRN": (
        True,
        True,
        _PASSPORT_ID,
        False,
        Readmission.NONE,
        None,
        True,
        120,
        [
            (
                "embassy",
                "Den Haag",
                "Duinweg 20, 2585 JX Den Haag",
                "+31 70 000 0110",
                "consular@irn-mission.example",
                ["fa"],
            ),
        ],
    ),
    "TUN": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        True,
        Readmission.MEMORANDUM,
        None,
        True,
        45,
        [
            (
                "embassy",
                "Den Haag",
                "Gentsestraat 98, 2587 HX Den Haag",
                "+31 70 000 0111",
                "consulat@tun-mission.example",
                ["ar", "fr"],
            ),
        ],
    ),
    "SOM": (
        True,
        True,
        [P.PASSPORT, P.FAMILY_DOCUMENTS],
        False,
        Readmission.NONE,
        None,
        True,
        120,
        [
            (
                "embassy",
                "Brussel",
                "Avenue de Tervueren 40, 1040 Bruxelles",
                "+32 2 000 0112",
                "consular@som-mission.example",
                ["so", "en"],
            ),
        ],
    ),
    "ETH": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        False,
        Readmission.MEMORANDUM,
        None,
        True,
        90,
        [
            (
                "embassy",
                "Brussel",
                "Avenue de Tervueren 231, 1150 Bruxelles",
                "+32 2 000 0113",
                "consular@eth-mission.example",
                ["am", "en"],
            ),
        ],
    ),
    "YEM": (
        True,
        True,
        _PASSPORT_ID,
        False,
        Readmission.NONE,
        None,
        True,
        120,
        [
            (
                "embassy",
                "Den Haag",
                "Surinamestraat 9, 2585 GG Den Haag",
                "+31 70 000 0114",
                "consular@yem-mission.example",
                ["ar"],
            ),
        ],
    ),
    "ALB": (
        False,
        False,
        [*_PASSPORT_ID, P.CIVIL_REGISTER, P.COPIES],
        True,
        Readmission.EU,
        14,
        True,
        21,
        [
            (
                "embassy",
                "Den Haag",
                "Anna Paulownastraat 109, 2518 BD Den Haag",
                "+31 70 000 0115",
                "consular@alb-mission.example",
                ["sq", "en"],
            ),
        ],
    ),
    "PAK": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER],
        True,
        Readmission.EU,
        30,
        True,
        45,
        [
            (
                "embassy",
                "Den Haag",
                "Amaliastraat 8, 2514 JC Den Haag",
                "+31 70 000 0116",
                "consular@pak-mission.example",
                ["ur", "en"],
            ),
        ],
    ),
    "LBY": (
        True,
        True,
        _PASSPORT_ID,
        False,
        Readmission.NONE,
        None,
        True,
        120,
        [
            (
                "embassy",
                "Den Haag",
                "Parkweg 15, 2585 JH Den Haag",
                "+31 70 000 0117",
                "consular@lby-mission.example",
                ["ar"],
            ),
        ],
    ),
    "EGY": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        True,
        Readmission.NONE,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Badhuisweg 92, 2587 CL Den Haag",
                "+31 70 000 0118",
                "consular@egy-mission.example",
                ["ar", "en"],
            ),
        ],
    ),
    "SDN": (
        True,
        True,
        _PASSPORT_ID,
        False,
        Readmission.NONE,
        None,
        True,
        120,
        [
            (
                "embassy",
                "Den Haag",
                "Koninginnegracht 21, 2514 AB Den Haag",
                "+31 70 000 0119",
                "consular@sdn-mission.example",
                ["ar"],
            ),
        ],
    ),
    "CHN": (
        True,
        True,
        _PASSPORT_ID,
        True,
        Readmission.NONE,
        None,
        False,
        90,
        [
            (
                "embassy",
                "Den Haag",
                "Willem Lodewijklaan 10, 2517 JT Den Haag",
                "+31 70 000 0120",
                "consular@chn-mission.example",
                ["zh"],
            ),
        ],
    ),
    "ARM": (
        False,
        False,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE, P.MILITARY_BOOK],
        True,
        Readmission.EU,
        12,
        True,
        21,
        [
            (
                "embassy",
                "Den Haag",
                "Nieuwe Parklaan 3, 2597 LA Den Haag",
                "+31 70 000 0121",
                "consular@arm-mission.example",
                ["hy", "ru"],
            ),
        ],
    ),
    "GIN": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        True,
        Readmission.MEMORANDUM,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Brussel",
                "Rue Jacques Jordaens 108, 1000 Bruxelles",
                "+32 2 000 0122",
                "consulat@gin-mission.example",
                ["fr"],
            ),
        ],
    ),
    "BGD": (
        True,
        True,
        [*_PASSPORT_ID, P.BIRTH_CERTIFICATE],
        True,
        Readmission.MEMORANDUM,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Wassenaarseweg 39, 2596 CG Den Haag",
                "+31 70 000 0123",
                "consular@bgd-mission.example",
                ["bn", "en"],
            ),
        ],
    ),
    "IND": (
        True,
        True,
        [*_PASSPORT_ID, P.CIVIL_REGISTER],
        True,
        Readmission.NONE,
        None,
        True,
        60,
        [
            (
                "embassy",
                "Den Haag",
                "Buitenrustweg 2, 2517 KD Den Haag",
                "+31 70 000 0124",
                "consular@ind-mission.example",
                ["hi", "en"],
            ),
        ],
    ),
    "VNM": (
        True,
        True,
        _PASSPORT_ID,
        True,
        Readmission.MEMORANDUM,
        None,
        True,
        90,
        [
            (
                "embassy",
                "Den Haag",
                "Javastraat 8, 2585 AP Den Haag",
                "+31 70 000 0125",
                "consular@vnm-mission.example",
                ["vi"],
            ),
        ],
    ),
}


def country_codes():
    """Every code a request can name: ISO 3166-1 alpha-3 plus XXA (stateless) and XXX (unknown)."""
    return [STATELESS, NATIONALITY_UNKNOWN, *sorted(c.alpha_3 for c in pycountry.countries)]


def seed_countries(sender=None, using="default", **kwargs):
    """Add every missing country (after every migrate and every flush in tests); never touches an existing one."""
    from .models import Country, Mission

    with transaction.atomic(using=using):
        known = set(Country.objects.using(using).values_list("code", flat=True))
        missing = [code for code in country_codes() if code not in known]
        if not missing:
            return 0
        countries = []
        for code in missing:
            policy = SYNTHETIC_POLICIES.get(code)
            if policy is None:
                countries.append(Country(code=code))
                continue
            presentation, identity, proof, forced, readmission, answer_days, programme, response, _missions = policy
            countries.append(
                Country(
                    code=code,
                    presentation_required=presentation,
                    identity_proof_required=identity,
                    accepted_proof=[str(p) for p in proof],
                    accepts_forced_return=forced,
                    readmission=readmission,
                    readmission_answer_days=answer_days,
                    programme_eligible=programme,
                    response_days=response,
                    notes="Synthetisch beleid (demo): vervangen door het actuele beleid.",
                )
            )
        Country.objects.using(using).bulk_create(countries)
        created = {c.code: c.pk for c in Country.objects.using(using).filter(code__in=missing)}
        Mission.objects.using(using).bulk_create(
            Mission(
                country_id=created[code],
                kind=MissionKind(kind),
                city=city,
                address=address,
                phone=phone,
                email=email,
                languages=languages,
            )
            for code, policy in SYNTHETIC_POLICIES.items()
            if code in created
            for kind, city, address, phone, email, languages in policy[8]
        )
        return len(missing)
