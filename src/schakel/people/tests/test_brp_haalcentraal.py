"""The Haal Centraal BRP API Personen client, against recorded answers (no network).

The answers in ``brp_responses/`` are built from the public RvIG test persons in the shape of the BRP API
Personen 2.7.0 spec (see ``brp_responses/build.py``); :class:`httpx.MockTransport` serves them through the
client's real httpx code path; ``test_brp_spec`` validates every recorded answer against the spec, and here
every request body is validated against the spec's request schema.
"""

from __future__ import annotations

import json
import logging
from datetime import date

import httpx
import pytest

from schakel.core.activities import INTAKE_PERSON_SEARCH
from schakel.people.brp import BrpError, BrpPerson, BrpUnavailable, SearchCriteria
from schakel.people.brp import haalcentraal as hc
from schakel.people.brp.mapping import AUTOMATIC_FIELDS, RAADPLEEG_FIELDS, ZOEK_FIELDS

from .test_brp_spec import RESPONSES, recorded, validator

BASE_URL = "https://brp.example.nl/haalcentraal/api/brp"
TOKEN_URL = "https://auth.example.nl/oauth2/token"
OIN = "00000001234567890000"


# -- a fake BRP behind httpx.MockTransport ---------------------------------------------------------------


class FakeBrp:
    """Serves recorded answers: consultations per BSN from ``raadpleeg_<bsn>.json``, searches from the file
    given, errors as configured. Keeps every request for the assertions."""

    def __init__(self, search_answer: str = "", status: int = 200, error: Exception | None = None):
        self.search_answer, self.status, self.error = search_answer, status, error
        self.requests: list[httpx.Request] = []
        self.token_requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            self.token_requests.append(request)
            return httpx.Response(
                200,
                json={
                    "access_token": f"token-{len(self.token_requests)}",
                    "token_type": "Bearer",
                    "expires_in": 3600,
                },
            )
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        if self.status != 200:
            return httpx.Response(
                self.status,
                content=(RESPONSES / f"fout_{self.status}.json").read_bytes(),
                headers={"Content-Type": "application/problem+json"},
            )
        body = json.loads(request.content)
        if body["type"] == "RaadpleegMetBurgerservicenummer":
            personen = []
            for bsn in body["burgerservicenummer"]:
                path = RESPONSES / f"raadpleeg_{bsn}.json"
                if path.exists():
                    personen += json.loads(path.read_text(encoding="utf-8"))["personen"]
            answer = {"type": body["type"], "personen": personen}
        else:
            answer = recorded(self.search_answer)
        return httpx.Response(
            200,
            content=json.dumps(answer).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )

    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


@pytest.fixture
def brp_settings(settings):
    settings.BRP_API_URL = BASE_URL + "/"
    settings.BRP_API_KEY = "proef-api-key"
    settings.BRP_OIN = OIN
    settings.BRP_OAUTH_TOKEN_URL = ""
    settings.BRP_TLS_CLIENT_CERT = ""
    settings.BRP_TIMEOUT_SECONDS = 3
    hc.clear_token_cache()
    return settings


def client(fake: FakeBrp) -> hc.HaalCentraalBrp:
    return hc.HaalCentraalBrp(transport=httpx.MockTransport(fake))


class User:
    username = "regisseur"


# -- consulting by BSN ------------------------------------------------------------------------------------


def test_consult_by_bsn_sends_the_minimal_request_with_purpose_headers(brp_settings):
    fake = FakeBrp()
    client(fake).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH, user=User())

    [request] = fake.requests
    assert request.method == "POST"
    assert str(request.url) == f"{BASE_URL}/personen"  # no BSN in the URL
    body = json.loads(request.content)
    assert body == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999993847"],
        "fields": list(RAADPLEEG_FIELDS),
    }
    assert list(validator("RaadpleegMetBurgerservicenummer").iter_errors(body)) == []
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    assert request.headers["x-api-key"] == "proef-api-key"
    assert request.headers["x-origin-oin"] == OIN
    assert request.headers["x-doelbinding"] == INTAKE_PERSON_SEARCH
    assert request.headers["x-verwerking"] == f"{INTAKE_PERSON_SEARCH}@RaadpleegMetBurgerservicenummer"
    assert request.headers["x-gebruiker"] == "regisseur"
    assert "authorization" not in request.headers


def test_fields_ask_nothing_beyond_the_minimal_person():
    tops = {f.split(".")[0] for f in RAADPLEEG_FIELDS}
    assert tops == {
        "burgerservicenummer",
        "naam",
        "geboorte",
        "geslacht",
        "verblijfplaatsBinnenland",
        "gemeenteVanInschrijving",
        "partners",
        "adressering",
    }
    assert {f for f in RAADPLEEG_FIELDS if f.startswith("partners.")} == {
        "partners.naam.voorvoegsel",
        "partners.naam.geslachtsnaam",
    }
    assert ZOEK_FIELDS == ("burgerservicenummer",)
    assert not set(RAADPLEEG_FIELDS) & AUTOMATIC_FIELDS  # the API answers 400 if they are asked


def test_maps_a_person_with_partner_and_address(brp_settings):
    [person] = client(FakeBrp()).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    assert person == BrpPerson(
        bsn="999993847",
        voornamen="Merel",
        voorvoegsel="",
        geslachtsnaam="Kooyman",
        geboortedatum=date(1982, 4, 10),
        geboortejaar=1982,
        geboortemaand=4,
        geboortedag=10,
        geslacht="V",
        straat="King Olivereiland",
        huisnummer=64,
        huisletter="",
        toevoeging="",
        postcode="2551JV",
        woonplaats="'s-Gravenhage",
        gemeentecode="0518",
        naamgebruik="E",
        partner_voorvoegsel="",
        partner_geslachtsnaam="Maassen",
        aanschrijfwijze="M. Kooyman",
        overleden=False,
    )


@pytest.mark.parametrize(
    ("bsn", "expected"),
    [
        ("999992806", (None, 1968, None, None)),  # JaarDatum
        ("999970598", (None, 1978, 6, None)),  # JaarMaandDatum
        ("999994220", (None, None, None, None)),  # DatumOnbekend
        ("999993847", (date(1982, 4, 10), 1982, 4, 10)),  # Datum
    ],
)
def test_partial_birth_dates(brp_settings, bsn, expected):
    [person] = client(FakeBrp()).search(SearchCriteria(bsn=bsn), purpose=INTAKE_PERSON_SEARCH)
    assert (person.geboortedatum, person.geboortejaar, person.geboortemaand, person.geboortedag) == expected


def test_name_in_use_with_a_dissolved_partner(brp_settings):
    [person] = client(FakeBrp()).search(SearchCriteria(bsn="999992806"), purpose=INTAKE_PERSON_SEARCH)
    assert (person.naamgebruik, person.partner_geslachtsnaam) == ("V", "Al-Muwallad")
    assert person.aanschrijfwijze == "R.N. Al-Muwallad-Bhutto"
    assert person.voornamen == "Roukshana Najia" and person.geslachtsnaam == "Bhutto"


def test_a_deceased_person_abroad(brp_settings):
    [person] = client(FakeBrp()).search(SearchCriteria(bsn="999992077"), purpose=INTAKE_PERSON_SEARCH)
    assert person.overleden is True
    assert person.gemeentecode == "1999"  # RNI
    assert (person.straat, person.postcode, person.huisnummer) == ("", "", None)  # foreign address not asked


def test_a_person_with_geheimhouding_and_a_title(brp_settings):
    [person] = client(FakeBrp()).search(SearchCriteria(bsn="999993483"), purpose=INTAKE_PERSON_SEARCH)
    assert (person.voorvoegsel, person.geslachtsnaam) == ("te", "Schaars")
    assert person.aanschrijfwijze == "J.M. gravin te Schaars"
    assert person.overleden is False  # opgeschort wegens emigratie, not death
    assert person.geheimhouding is True


def test_an_unknown_bsn_gives_no_person(brp_settings):
    assert client(FakeBrp()).search(SearchCriteria(bsn="999990019"), purpose=INTAKE_PERSON_SEARCH) == []


def test_an_invalid_bsn_is_refused_before_calling(brp_settings):
    fake = FakeBrp()
    with pytest.raises(BrpError, match="elfproef"):
        client(fake).search(SearchCriteria(bsn="123456789"), purpose=INTAKE_PERSON_SEARCH)
    assert fake.requests == []


# -- searching -----------------------------------------------------------------------------------------------


def test_search_by_name_and_birth_date_then_consults_the_hits(brp_settings):
    fake = FakeBrp(search_answer="zoek_naam_kooyman_1982-04-10")
    found = client(fake).search(
        SearchCriteria(geslachtsnaam=" kooyman ", geboortedatum=date(1982, 4, 10), voornamen="mer"),
        purpose=INTAKE_PERSON_SEARCH,
    )
    search, consult = fake.bodies()
    assert search == {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "fields": ["burgerservicenummer"],
        "geslachtsnaam": "kooyman",
        "geboortedatum": "1982-04-10",
        "voornamen": "mer*",
    }
    assert list(validator("ZoekMetGeslachtsnaamEnGeboortedatum").iter_errors(search)) == []
    assert "inclusiefOverledenPersonen" not in search
    assert consult["burgerservicenummer"] == ["999993847"]
    assert fake.requests[0].headers["x-verwerking"].endswith("@ZoekMetGeslachtsnaamEnGeboortedatum")
    assert [p.bsn for p in found] == ["999993847"]


def test_search_by_postcode_huisnummer_and_huisletter(brp_settings):
    fake = FakeBrp(search_answer="zoek_postcode_2741EX_64D")
    found = client(fake).search(
        SearchCriteria(postcode="2741 ex", huisnummer=64, huisletter="D"), purpose=INTAKE_PERSON_SEARCH
    )
    search, consult = fake.bodies()
    assert search == {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "fields": ["burgerservicenummer"],
        "postcode": "2741EX",
        "huisnummer": 64,
        "huisletter": "D",
    }
    assert list(validator("ZoekMetPostcodeEnHuisnummer").iter_errors(search)) == []
    assert consult["burgerservicenummer"] == ["999971189", "999971219"]
    assert {(p.geslachtsnaam, p.straat, p.huisnummer, p.huisletter, p.postcode) for p in found} == {
        ("Crêpes", "Noordkade", 64, "D", "2741EX"),
        ("Munnik", "Noordkade", 64, "D", "2741EX"),
    }
    crepes = next(p for p in found if p.bsn == "999971189")
    assert (crepes.partner_voorvoegsel, crepes.partner_geslachtsnaam) == ("de", "Munnik")


def test_too_many_hits_ask_to_refine_without_consulting(brp_settings):
    fake = FakeBrp(search_answer="zoek_postcode_2272BV_54")
    with pytest.raises(BrpError, match="Te veel resultaten, verfijn de zoekvraag"):
        client(fake).search(SearchCriteria(postcode="2272BV", huisnummer=54), purpose=INTAKE_PERSON_SEARCH)
    assert len(fake.requests) == 1


def test_no_hits_means_no_consultation(brp_settings):
    fake = FakeBrp(search_answer="zoek_naam_geen_resultaat")
    found = client(fake).search(
        SearchCriteria(geslachtsnaam="Niemand", geboortedatum=date(1990, 1, 1)), purpose=INTAKE_PERSON_SEARCH
    )
    assert found == [] and len(fake.requests) == 1


# -- errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "Controleer: huisnummer"),
        (401, "kan zich niet aanmelden"),
        (403, "geen toestemming"),
        (429, "te veel vragen"),
        (500, "tijdelijk niet beschikbaar"),
        (503, "tijdelijk niet beschikbaar"),
    ],
)
def test_error_answers_become_dutch_user_safe_errors(brp_settings, status, message):
    with pytest.raises(BrpError, match=message) as caught:
        client(FakeBrp(status=status)).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    assert "999993847" not in str(caught.value)
    # Only a refused query is the user's to fix; everything else is an outage or configuration problem.
    assert isinstance(caught.value, BrpUnavailable) == (status != 400)


def test_an_unexpected_404_is_a_configuration_error(brp_settings):
    fake = lambda request: httpx.Response(404, text="Not Found")  # noqa: E731
    with pytest.raises(BrpError, match="niet goed ingesteld"):
        hc.HaalCentraalBrp(transport=httpx.MockTransport(fake)).search(
            SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH
        )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (httpx.ReadTimeout("timed out"), "niet op tijd"),
        (httpx.ConnectError("refused"), "niet bereikbaar"),
    ],
)
def test_network_failures(brp_settings, error, message):
    with pytest.raises(BrpError, match=message):
        client(FakeBrp(error=error)).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)


def test_a_garbled_answer(brp_settings):
    fake = lambda request: httpx.Response(200, text="<html>gateway</html>")  # noqa: E731
    with pytest.raises(BrpError, match="onverwacht antwoord"):
        hc.HaalCentraalBrp(transport=httpx.MockTransport(fake)).search(
            SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH
        )


def test_no_bsn_or_name_reaches_the_log(brp_settings, caplog):
    caplog.set_level(logging.DEBUG)
    client(FakeBrp()).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    with pytest.raises(BrpError):
        client(FakeBrp(status=400)).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    assert any(r.name == hc.__name__ for r in caplog.records)
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "999993847" not in logged and "Kooyman" not in logged


# -- authentication ---------------------------------------------------------------------------------------


def test_oauth_client_credentials_token_is_fetched_once_and_sent(brp_settings):
    brp_settings.BRP_API_KEY = ""
    brp_settings.BRP_OAUTH_TOKEN_URL = TOKEN_URL
    brp_settings.BRP_OAUTH_CLIENT_ID = "schakel"
    brp_settings.BRP_OAUTH_CLIENT_SECRET = "geheim"
    fake = FakeBrp()
    for _ in range(2):
        client(fake).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    [token_request] = fake.token_requests
    assert token_request.content == b"grant_type=client_credentials"
    assert token_request.headers["authorization"].startswith("Basic ")
    assert [r.headers["authorization"] for r in fake.requests] == ["Bearer token-1", "Bearer token-1"]
    assert "x-api-key" not in fake.requests[0].headers


def test_a_401_drops_the_cached_token(brp_settings):
    brp_settings.BRP_OAUTH_TOKEN_URL = TOKEN_URL
    fake = FakeBrp(status=401)
    for _ in range(2):
        with pytest.raises(BrpError):
            client(fake).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    assert len(fake.token_requests) == 2


def test_a_missing_client_certificate_is_reported(brp_settings, tmp_path):
    brp_settings.BRP_TLS_CLIENT_CERT = str(tmp_path / "ontbreekt.pem")
    fake = FakeBrp()
    with pytest.raises(BrpError, match="certificaat"):
        client(fake).search(SearchCriteria(bsn="999993847"), purpose=INTAKE_PERSON_SEARCH)
    assert fake.requests == []


# -- through the people service ------------------------------------------------------------------------------


def test_search_persons_via_haal_centraal_logs_hashed_subjects(world, brp_settings, monkeypatch):
    from schakel.core.models import ProcessingLogEntry
    from schakel.core.pseudonym import pseudonymise
    from schakel.people import services

    brp_settings.BRP_ADAPTER = "haalcentraal"
    fake = FakeBrp(search_answer="zoek_postcode_2741EX_64D")
    monkeypatch.setattr(hc.HaalCentraalBrp, "default_transport", httpx.MockTransport(fake))
    found = services.search_persons(world.regisseur, SearchCriteria(postcode="2741EX", huisnummer=64))
    assert len(found) == 2 and len(fake.requests) == 2
    entries = ProcessingLogEntry.objects.filter(operation="brp.ZoekMetPostcodeEnHuisnummer")
    assert sorted(e.subject_hash for e in entries) == sorted(pseudonymise(p.bsn) for p in found)
