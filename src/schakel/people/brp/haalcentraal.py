"""A client for the Haal Centraal BRP API Personen 2.x (RvIG), ``POST {SCHAKEL_BRP_API_URL}/personen``.

What is sent, and where it comes from:

* The request body follows the spec (BRP API Personen 2.7.0, ``components/schemas/PersonenQuery`` and its
  subtypes): ``type``, the search parameters, and the mandatory ``fields`` — restricted to exactly what
  :class:`~.base.BrpPerson` holds (:data:`.mapping.RAADPLEEG_FIELDS`, data minimisation, AVG art. 5(1)(c)).
  Searches (``ZoekMet...``) ask only for the BSNs of the hits (:data:`.mapping.ZOEK_FIELDS`); the hits
  are then consulted in one ``RaadpleegMetBurgerservicenummer`` call (at most 20 BSNs, the spec's
  ``maxItems``). Deceased persons are not searched (``inclusiefOverledenPersonen`` is left out).
* Authentication is not part of the spec. The RvIG proefomgeving takes an API key in the ``X-API-KEY``
  header (BRP-API/Haal-Centraal-BRP-bevragen, ``docs/v2/getting-started.md``); production access is via
  Diginetwerk with a PKIoverheid TLS client certificate and OAuth 2.0 client credentials (RFC 6749 §4.4;
  RvIG ``docs/index.md``, "Experiment dataminimalisatie"). All three are supported, each optional.
* Protocol headers are not in the RvIG spec either: municipalities reach the API through a gateway that
  does the *protocollering* (Wet BRP art. 3.22) and demands the purpose of each call. The de-facto headers
  of those gateways are ``x-origin-oin`` (the municipality's OIN), ``x-doelbinding`` (the purpose: the
  processing activity from the register), ``x-verwerking`` (the processing, ``<activity>@<operation>``,
  at most 242 characters, at most one ``@``) and ``x-gebruiker`` (the employee). Sources:
  open-formulieren/open-forms#3731 ("Add BRP headers to fulfill undocumented Haal Centraal BRPv2
  requirements") and BRP-API/Haal-Centraal-BRP-bevragen#1915 ("Aanvullende informatie voor protocollering").

Errors (timeouts, connection failures, ``application/problem+json`` answers with ``invalidParams``, 5xx) all
become :class:`~.base.BrpError` with a Dutch message that holds no personal data. Log lines name the
search type, HTTP status and duration, never a BSN, name or address.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
import time
from typing import Any

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from .base import BrpError, BrpPerson, BrpUnavailable, SearchCriteria
from .mapping import RAADPLEEG_FIELDS, ZOEK_FIELDS, clean_criteria, person_from_api

logger = logging.getLogger(__name__)

#: The most BSNs one consultation may hold (``RaadpleegMetBurgerservicenummer.burgerservicenummer.maxItems``)
#: and therefore the most hits a search may have before Schakel asks the user to refine it.
MAX_RESULTS = 20
MAX_VERWERKING = 242
CONTENT_TYPE = "application/json; charset=utf-8"

#: Dutch names for the parameters the API may reject (``invalidParams[].name``); anything else is
#: shown as "de zoekvraag".
PARAM_LABELS = {
    "burgerservicenummer": "BSN",
    "geslachtsnaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "voornamen": "voornamen",
    "postcode": "postcode",
    "huisnummer": "huisnummer",
    "huisletter": "huisletter",
    "huisnummertoevoeging": "huisnummertoevoeging",
    "fields": "gevraagde gegevens",
    "type": "soort zoekvraag",
}

_token_lock = threading.Lock()
_token_cache: dict[tuple[str, str], tuple[str, float]] = {}


def clear_token_cache() -> None:
    with _token_lock:
        _token_cache.clear()


class HaalCentraalBrp:
    """Search persons in the BRP through the Haal Centraal BRP API Personen 2.x.

    Settings (``schakel.conf.includes.integrations``): ``BRP_API_URL``, ``BRP_API_KEY``,
    ``BRP_OAUTH_TOKEN_URL`` / ``BRP_OAUTH_CLIENT_ID`` / ``BRP_OAUTH_CLIENT_SECRET``,
    ``BRP_TLS_CLIENT_CERT`` / ``BRP_TLS_CLIENT_KEY``, ``BRP_TIMEOUT_SECONDS``, ``BRP_OIN``.
    ``transport`` replaces the network (tests use :class:`httpx.MockTransport`).
    """

    #: Tests may set this on the class to route every instance (also those made by ``get_adapter``).
    default_transport: httpx.BaseTransport | None = None

    def __init__(self, *, transport: httpx.BaseTransport | None = None):
        self.base_url = str(getattr(settings, "BRP_API_URL", "")).rstrip("/")
        self.api_key = getattr(settings, "BRP_API_KEY", "")
        self.token_url = getattr(settings, "BRP_OAUTH_TOKEN_URL", "")
        self.client_id = getattr(settings, "BRP_OAUTH_CLIENT_ID", "")
        self.client_secret = getattr(settings, "BRP_OAUTH_CLIENT_SECRET", "")
        self.cert_file = getattr(settings, "BRP_TLS_CLIENT_CERT", "")
        self.key_file = getattr(settings, "BRP_TLS_CLIENT_KEY", "")
        self.timeout = float(getattr(settings, "BRP_TIMEOUT_SECONDS", 10))
        self.oin = getattr(settings, "BRP_OIN", "")
        self.transport = transport or self.default_transport
        if not self.base_url:
            raise BrpUnavailable(
                _("De BRP-koppeling is niet ingesteld. Neem contact op met functioneel beheer.")
            )

    # -- public ---------------------------------------------------------------------------------------

    def search(self, criteria: SearchCriteria, *, purpose: str, user=None) -> list[BrpPerson]:
        """Find persons for ``purpose`` (the processing-activity code, sent as ``x-doelbinding``).

        ``user`` (optional) is sent as ``x-gebruiker``; without it the application name is sent.
        """
        criteria = clean_criteria(criteria)
        headers = self._protocol_headers(purpose, criteria.kind, user)
        with self._client() as client:
            headers |= self._auth_headers(client)
            if criteria.kind == "RaadpleegMetBurgerservicenummer":
                bsns = [criteria.bsn]
            else:
                hits = self._post(client, headers, self.search_body(criteria))
                bsns = [p["burgerservicenummer"] for p in hits if p.get("burgerservicenummer")]
                if len(bsns) > MAX_RESULTS:
                    raise BrpError(_("Te veel resultaten, verfijn de zoekvraag."))
                if not bsns:
                    return []
            found = self._post(client, headers, self.consult_body(bsns))
        return [person_from_api(p) for p in found]

    @staticmethod
    def search_body(criteria: SearchCriteria) -> dict[str, Any]:
        """The ``ZoekMet...`` request for a cleaned search (only the BSNs of the hits are asked)."""
        body: dict[str, Any] = {"type": criteria.kind, "fields": list(ZOEK_FIELDS)}
        if criteria.kind == "ZoekMetGeslachtsnaamEnGeboortedatum":
            body["geslachtsnaam"] = criteria.geslachtsnaam
            body["geboortedatum"] = criteria.geboortedatum.isoformat()
            if criteria.voornamen:
                body["voornamen"] = criteria.voornamen + "*"  # prefix: the spec's wildcard
        else:
            body["postcode"] = criteria.postcode
            body["huisnummer"] = criteria.huisnummer
            if criteria.huisletter:
                body["huisletter"] = criteria.huisletter
            if criteria.toevoeging:
                body["huisnummertoevoeging"] = criteria.toevoeging
        return body

    @staticmethod
    def consult_body(bsns: list[str]) -> dict[str, Any]:
        return {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": bsns,
            "fields": list(RAADPLEEG_FIELDS),
        }

    # -- transport -------------------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        return httpx.Client(
            transport=self.transport, timeout=self.timeout, verify=self._ssl_context(), follow_redirects=False
        )

    def _ssl_context(self) -> ssl.SSLContext | bool:
        """Server verification always; the PKIoverheid client certificate when configured."""
        context = ssl.create_default_context()
        if self.cert_file:
            try:
                context.load_cert_chain(self.cert_file, self.key_file or None)
            except (OSError, ssl.SSLError):
                logger.error("brp: client certificate could not be loaded")
                raise BrpUnavailable(
                    _(
                        "Het certificaat voor de BRP-koppeling kan niet worden geladen. "
                        "Neem contact op met functioneel beheer."
                    )
                )
        return context

    def _protocol_headers(self, purpose: str, kind: str, user) -> dict[str, str]:
        username = getattr(user, "username", "") or "Schakel"
        headers = {
            "Accept": "application/json, application/problem+json",
            "Content-Type": CONTENT_TYPE,
            "x-doelbinding": purpose,
            "x-verwerking": f"{purpose}@{kind}"[:MAX_VERWERKING],
            "x-gebruiker": username,
        }
        if self.oin:
            headers["x-origin-oin"] = self.oin
        return headers

    def _auth_headers(self, client: httpx.Client) -> dict[str, str]:
        headers = {}
        if self.api_key:
            headers["X-API-KEY"] = self.api_key
        if self.token_url:
            headers["Authorization"] = f"Bearer {self._token(client)}"
        return headers

    def _token(self, client: httpx.Client) -> str:
        """An OAuth 2.0 access token (client credentials, RFC 6749 §4.4), cached until shortly before expiry."""
        key = (self.token_url, self.client_id)
        with _token_lock:
            cached = _token_cache.get(key)
            if cached and cached[1] > time.monotonic():
                return cached[0]
        try:
            response = client.post(
                self.token_url,
                data={"grant_type": "client_credentials"},
                auth=(self.client_id, self.client_secret),
            )
        except httpx.TimeoutException:
            raise BrpUnavailable(_("De BRP reageert niet op tijd. Probeer het later opnieuw."))
        except httpx.HTTPError:
            raise BrpUnavailable(_("De BRP is niet bereikbaar. Probeer het later opnieuw."))
        if response.status_code != 200:
            logger.error("brp: token request failed", extra={"status": response.status_code})
            raise BrpUnavailable(
                _("Schakel kan zich niet aanmelden bij de BRP. Neem contact op met functioneel beheer.")
            )
        try:
            payload = response.json()
            token = str(payload["access_token"])
            lifetime = float(payload.get("expires_in", 300))
        except (ValueError, KeyError, TypeError):
            raise BrpUnavailable(
                _("Schakel kan zich niet aanmelden bij de BRP. Neem contact op met functioneel beheer.")
            )
        with _token_lock:
            _token_cache[key] = (token, time.monotonic() + max(lifetime - 30, 0))
        return token

    def _post(
        self, client: httpx.Client, headers: dict[str, str], body: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """POST one query; the ``personen`` of a 200 answer, or :class:`BrpError`."""
        started = time.monotonic()
        kind = body["type"]
        try:
            response = client.post(
                f"{self.base_url}/personen", content=json.dumps(body).encode(), headers=headers
            )
        except httpx.TimeoutException:
            logger.warning("brp: timeout", extra={"brp_type": kind})
            raise BrpUnavailable(_("De BRP reageert niet op tijd. Probeer het later opnieuw."))
        except httpx.HTTPError as exc:
            logger.warning("brp: connection failed", extra={"brp_type": kind, "error": type(exc).__name__})
            raise BrpUnavailable(_("De BRP is niet bereikbaar. Probeer het later opnieuw."))
        elapsed_ms = round((time.monotonic() - started) * 1000)
        logger.info("brp: answer", extra={"brp_type": kind, "status": response.status_code, "ms": elapsed_ms})
        if response.status_code == 401 and self.token_url:
            with _token_lock:  # the token may have been revoked: fetch a new one next time
                _token_cache.pop((self.token_url, self.client_id), None)
        if response.status_code != 200:
            raise error_for(response)
        try:
            payload = response.json()
            personen = payload.get("personen", [])
            if not isinstance(personen, list):
                raise TypeError
        except (ValueError, TypeError, AttributeError):
            raise BrpUnavailable(_("De BRP gaf een onverwacht antwoord. Probeer het later opnieuw."))
        return [p for p in personen if isinstance(p, dict)]


def error_for(response: httpx.Response) -> BrpError:
    """A user-safe Dutch error for a non-200 answer (``Foutbericht`` / ``BadRequestFoutbericht``)."""
    status = response.status_code
    problem: dict[str, Any] = {}
    try:
        parsed = response.json()
        problem = parsed if isinstance(parsed, dict) else {}
    except ValueError:
        pass
    logger.warning("brp: error answer", extra={"status": status, "code": str(problem.get("code", ""))[:25]})
    if status == 400:
        names = [p.get("name", "") for p in problem.get("invalidParams") or [] if isinstance(p, dict)]
        labels = sorted({PARAM_LABELS.get(n, "de zoekvraag") for n in names if n}) or ["de zoekvraag"]
        return BrpError(
            _("De BRP kan deze zoekvraag niet verwerken. Controleer: %(velden)s.")
            % {"velden": ", ".join(labels)}
        )
    if status == 401:
        return BrpUnavailable(
            _("Schakel kan zich niet aanmelden bij de BRP. Neem contact op met functioneel beheer.")
        )
    if status == 403:
        return BrpUnavailable(
            _(
                "Schakel heeft geen toestemming voor deze BRP-bevraging. "
                "Neem contact op met functioneel beheer."
            )
        )
    if status == 429:
        return BrpUnavailable(_("De BRP krijgt nu te veel vragen. Probeer het over een minuut opnieuw."))
    if status in (404, 405, 406, 415):
        return BrpUnavailable(
            _("De BRP-koppeling is niet goed ingesteld. Neem contact op met functioneel beheer.")
        )
    if status >= 500:
        return BrpUnavailable(_("De BRP is tijdelijk niet beschikbaar. Probeer het later opnieuw."))
    return BrpUnavailable(_("De BRP gaf een onverwacht antwoord. Probeer het later opnieuw."))
