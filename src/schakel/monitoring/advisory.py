"""The advisory-council indicators (participation app, issue 8) as a monitor section.

The numbers come from :mod:`schakel.participation.indicators` (set-based queries on advice requests, advice and
responses). They count documents of public bodies — the same figures the public register shows — not persons,
so they are shown unrounded; there is nothing about an individual inwoner in them to protect.
"""

from __future__ import annotations

import pandas as pd
from django.apps import apps
from django.utils.translation import gettext as _

from . import charts
from .dashboard import Block, Section
from .indicators import Params
from .presentation import table


def _pct(value) -> float | None:
    return None if value is None else round(value * 100, 1)


def section(gemeente, params: Params) -> Section | None:
    """The "Adviesraden" section for the municipality and the year of the period, or ``None`` when the
    participation app is not installed."""
    if not apps.is_installed("schakel.participation"):
        return None
    from schakel.participation import indicators as p

    year = params.period_start.year
    summary = p.summary(gemeente.pk, year)
    rates = pd.DataFrame(
        [
            {
                "measure": _("Gevraagd advies op tijd uitgebracht"),
                "percent": _pct(summary["advice_on_time_rate"]),
            },
            {
                "measure": _("Reactie van het college op tijd"),
                "percent": _pct(summary["response_on_time_rate"]),
            },
            {"measure": _("Adviespunten overgenomen"), "percent": _pct(summary["adoption_rate"])},
            {"measure": _("Ongevraagd advies (aandeel)"), "percent": _pct(summary["unrequested_share"])},
        ]
    )
    councils = pd.DataFrame(
        [
            {
                "council": row["council"],
                "given": row["given"],
                "requested": row["requested"],
                "unrequested": row["unrequested"],
                "answered": row["answered"],
                "advice_on_time": _pct(row["advice_on_time"]),
                "adoption_rate": _pct(row["adoption_rate"]),
            }
            for row in p.per_council(gemeente.pk, year)
        ],
        columns=[
            "council",
            "given",
            "requested",
            "unrequested",
            "answered",
            "advice_on_time",
            "adoption_rate",
        ],
    )
    themes = (
        pd.DataFrame(summary["themes"], columns=["code", "label", "advice", "requests"])
        .drop(columns=["code"])
        .rename(columns={"label": "policy_field"})
    )
    intro = _(
        "Hoe werken de adviesraden sociaal domein mee aan het beleid? Aantallen adviezen en adviesaanvragen in "
        "%(year)s, of advies en reactie op tijd kwamen, en hoeveel adviespunten het college overnam. Dit zijn "
        "openbare gegevens over documenten, niet over inwoners; ze zijn daarom niet afgerond."
    ) % {"year": year}
    return Section(
        "adviesraden",
        _("Adviesraden"),
        intro,
        [
            Block(
                "advisory_rates",
                _("Adviezen en reacties op tijd, overgenomen adviespunten"),
                _("Percentages over het jaar %(year)s.") % {"year": year},
                table(rates),
                charts.bar(rates, x="measure", y="percent", title=_("Adviesraden: percentages")),
            ),
            Block("advisory_councils", _("Per adviesraad"), "", table(councils)),
            Block("advisory_themes", _("Per beleidsveld"), "", table(themes)),
        ],
    )


def partners_section(gemeente, params: Params) -> Section | None:
    """The partner-cooperation section (partners app): per partnership and intervention the cohort's
    referrals and outcomes (participatieladder and self-rated health before and after). The partners app
    applies this monitor's disclosure rule itself (``partners.cohorts``); ``None`` without the app or without
    partnerships."""
    if not apps.is_installed("schakel.partners"):
        return None
    from schakel.partners.cohorts import cohort_outcomes
    from schakel.partners.models import Partnership

    year = params.period_start.year
    rows = []
    for partnership in Partnership.objects.filter(gemeente=gemeente).order_by("name"):
        for row in cohort_outcomes(partnership, year):
            rows.append({"partnership": partnership.name, **row.__dict__})
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    return Section(
        "partners",
        _("Samenwerking met partners"),
        _(
            "Interventies die de gemeente samen met zorgverzekeraars uitvoert: hoeveel inwoners zijn verwezen, "
            "hoeveel rondden de interventie af, en hoe stonden zij op de participatieladder en in hun eigen "
            "ervaren gezondheid voor en na. Aantallen afgerond op vijftallen, kleine groepen niet getoond."
        ),
        [Block("partner_cohorts", _("Interventies en resultaten per samenwerking"), "", table(frame))],
    )
