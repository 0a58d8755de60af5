"""Shared vocabulary of the social domain: the laws and the 13 life domains."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Law(models.TextChoices):
    """The laws (and the one non-statutory field) Schakel covers."""

    WMO = "wmo", _("Wmo 2015")
    JEUGD = "jeugd", _("Jeugdwet")
    PARTICIPATIE = "participatie", _("Participatiewet")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening (Wgs)")
    OTHER = "overig", _("Overig")


class LifeDomain(models.TextChoices):
    """The 13 life domains of the Zelfredzaamheid-Matrix (ZRM 2017, GGD Amsterdam): names only."""

    FINANCES = "financien", _("Financiën")
    WORK_EDUCATION = "werk_opleiding", _("Werk & opleiding")
    TIME_USE = "tijdsbesteding", _("Tijdsbesteding")
    HOUSING = "huisvesting", _("Huisvesting")
    DOMESTIC_RELATIONS = "huiselijke_relaties", _("Huiselijke relaties")
    MENTAL_HEALTH = "geestelijke_gezondheid", _("Geestelijke gezondheid")
    PHYSICAL_HEALTH = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    SUBSTANCE_USE = "middelengebruik", _("Middelengebruik")
    BASIC_ADL = "basale_adl", _("Basale ADL")
    INSTRUMENTAL_ADL = "instrumentele_adl", _("Instrumentele ADL")
    SOCIAL_NETWORK = "sociaal_netwerk", _("Sociaal netwerk")
    SOCIAL_PARTICIPATION = "maatschappelijke_participatie", _("Maatschappelijke participatie")
    JUSTICE = "justitie", _("Justitie")
