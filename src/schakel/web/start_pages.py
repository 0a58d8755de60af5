"""The screens each role starts from: one entry per app's main screen, shown on the start page.

An entry is offered when the user holds its permission in one of their municipalities (roles and their
permissions are configuration, never code). The regisseur's work queue and the privacy officer's log keep
their direct redirect (``web.views.home``); everybody else gets the list — or goes straight to the screen
when it is the only one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from schakel.core.access import AccessPolicy


@dataclass(frozen=True)
class StartPage:
    perm: str
    url_name: str
    title: Promise
    description: Promise

    @property
    def url(self) -> str:
        return reverse(self.url_name)


START_PAGES: tuple[StartPage, ...] = (
    StartPage(
        "contracts.view_contract",
        "contracts:contract_list",
        _("Contracten en aanbieders"),
        _("Aanbieders, contracten, producten en tarieven; toewijzingen per aanbieder."),
    ),
    StartPage(
        "exchange.view_message",
        "exchange:inbox",
        _("Berichtenverkeer iWmo/iJw"),
        _("Inkomende en uitgaande berichten, retourcodes en verzoeken om toewijzing met hun termijnen."),
    ),
    StartPage(
        "finance.view_budget",
        "finance:overview",
        _("Budget sociaal domein"),
        _("Integraal budget, verplichtingen, realisatie, prognose, signalen en betaalrondes."),
    ),
    StartPage(
        "monitoring.view_dashboard",
        "monitoring:dashboard",
        _("Monitor sociaal domein"),
        _("Indicatoren over het hele sociale domein, het raadsrapport en exports."),
    ),
    StartPage(
        "participation.view_council",
        "participation:home",
        _("Adviesraden"),
        _("Adviesaanvragen, adviezen, reacties, overleggen en signalen."),
    ),
    StartPage(
        "partners.view_partnership",
        "partners:overview",
        _("Samenwerking met zorgverzekeraars"),
        _("Gemeentepolis, fonds, interventies, gedeelde uitkomsten en de samenwerkingscheck."),
    ),
    StartPage(
        "partners.report_referral",
        "partners:referrals",
        _("Verwijzingen"),
        _("Verwijzingen naar uw organisatie: voortgang en terugkoppeling."),
    ),
    StartPage(
        "contracts.view_own_provider_allocation",
        "contracts:allocation_list",
        _("Toewijzingen van uw organisatie"),
        _("De toewijzingen aan uw organisatie en de berichten erover."),
    ),
)


def start_pages_for(policy: AccessPolicy) -> list[StartPage]:
    return [page for page in START_PAGES if policy.has_perm(page.perm)]
