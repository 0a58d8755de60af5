"""Teams and staff of the synthetic municipality: one demo user per role and enough regisseurs.

Roles follow ``core/data/default_configuration.yaml``; permissions come from the roles (assigned in the
admin), never from code. The functioneel beheerder gets ``is_staff`` to reach the Django admin.
"""

from __future__ import annotations

import math
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured

from schakel.core.models import Gemeente, Membership, Role, Team, User

from . import vocab
from .frame import Frame

JEUGD_TEAM = "Toegangsteam Jeugd"
CASELOAD = 45  # open cases per regisseur
WIJKEN_PER_TEAM = 3
MAX_WIJKTEAMS = 8

#: Deterministic demo passwords (≥ 12 characters; they pass Django's validators). Demo only.
DEMO_USERS = (
    ("regisseur", "regisseur", "Ruben", "Vermeulen", "Zonnebloem-Kade-41"),
    ("teamleider", "teamleider", "Marieke", "de Graaf", "Lindeboom-Gracht-27"),
    ("contractmanager", "contractmanager", "Sander", "Kuipers", "Molenwiek-Plein-63"),
    ("controller", "controller", "Ingrid", "Hoekstra", "Zeedijk-Lantaarn-18"),
    ("controller2", "controller", "Pieter", "Jansen", "Kastanje-Brug-Negen-2"),  # four eyes on payment runs
    ("beleid", "beleidsmedewerker", "Jeroen", "Smits", "Heidebloem-Veld-52"),
    ("adviesraad", "secretaris_adviesraad", "Yvonne", "Postma", "Duinroos-Pad-Kwartet-7"),
    ("privacy", "privacy_officer", "Esther", "van Dam", "Kievitsei-Dreef-39"),
    ("beheerder", "functioneel_beheerder", "Wouter", "Brouwer", "Klokkentoren-Hof-85"),
    ("raadslid", "adviesraadlid", "Fatima", "El Amrani", "Korenbloem-Steeg-Zes-3"),
    ("aanbieder", "aanbieder", "Thijs", "Bakker", "Wilgenroos-Laan-Acht-5"),
    ("partner", "partner", "Noor", "Visser", "Lijsterbes-Haven-Twee-4"),
)
#: Roles whose demo user works inside the first wijkteam.
TEAM_ROLES = frozenset({"regisseur", "teamleider"})


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    role_name: str


def wijkteam_groups(frame: Frame) -> list[list[str]]:
    """Wijk codes per wijkteam: neighbouring wijken (CBS order) in groups of about three."""
    codes = [w.code for w in frame.wijken]
    teams = max(1, min(MAX_WIJKTEAMS, math.ceil(len(codes) / WIJKEN_PER_TEAM)))
    size = math.ceil(len(codes) / teams)
    return [codes[i : i + size] for i in range(0, len(codes), size)]


def ensure_teams(gemeente: Gemeente, frame: Frame) -> tuple[dict[str, Team], Team, list[Team]]:
    """Wijkteams named after their largest wijk plus the Toegangsteam Jeugd; returns wijk → team."""
    by_code = {w.code: w for w in frame.wijken}
    wijk_team: dict[str, Team] = {}
    teams: list[Team] = []
    used: set[str] = set()
    for group in wijkteam_groups(frame):
        largest = max(group, key=lambda c: (by_code[c].inhabitants, c))
        name = f"Wijkteam {by_code[largest].name}"
        while name in used:
            name += " II"
        used.add(name)
        team, _ = Team.objects.get_or_create(gemeente=gemeente, name=name[:150])
        teams.append(team)
        wijk_team.update(dict.fromkeys(group, team))
    jeugd, _ = Team.objects.get_or_create(gemeente=gemeente, name=JEUGD_TEAM)
    return wijk_team, jeugd, teams


def _roles() -> dict[str, Role]:
    roles = {r.code: r for r in Role.objects.all()}
    missing = {code for _u, code, *_rest in DEMO_USERS} - roles.keys()
    if missing:
        raise ImproperlyConfigured(
            f"De rollen ontbreken ({', '.join(sorted(missing))}). Voer eerst 'schakel setup_configuration' uit."
        )
    return roles


def ensure_demo_users(
    gemeente: Gemeente, *, team: Team | None = None, reset_passwords: bool = False
) -> list[DemoUser]:
    """One demo user per role in ``gemeente`` (idempotent). Passwords are set when a user is created or
    when ``reset_passwords`` is given; the team roles join ``team`` (default: the first wijkteam)."""
    roles = _roles()
    if team is None:
        team = Team.objects.filter(gemeente=gemeente).exclude(name=JEUGD_TEAM).order_by("id").first()
    result = []
    existing = set(
        User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True)
    )
    to_hash = [u for u in DEMO_USERS if reset_passwords or u[0] not in existing]
    with ThreadPoolExecutor(max_workers=4) as pool:  # PBKDF2 releases the GIL: hash in parallel
        hashes = dict(
            zip([u[0] for u in to_hash], pool.map(make_password, [u[4] for u in to_hash]), strict=True)
        )
    for username, code, first, last, password in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        changed = username in hashes
        if changed:
            user.password = hashes[username]
        if code == "functioneel_beheerder" and not user.is_staff:
            user.is_staff = changed = True
        if changed:
            user.save()
        Membership.objects.get_or_create(
            user=user, gemeente=gemeente, role=roles[code], team=team if code in TEAM_ROLES else None
        )
        result.append(DemoUser(username, password, code, roles[code].name))
    return result


def ensure_regisseurs(gemeente: Gemeente, team: Team, count: int, demo: User | None) -> list[User]:
    """``count`` regisseurs in ``team`` (the demo regisseur first when given); extra ones cannot log in."""
    role = _roles()["regisseur"]
    users = [demo] if demo is not None else []
    prefix = f"rg{gemeente.code}.{team.pk}."
    existing = {u.username: u for u in User.objects.filter(username__startswith=prefix)}
    unusable = make_password(None)
    new = []
    for n in range(1, count - len(users) + 1):
        username = f"{prefix}{n:02d}"
        if username in existing:
            users.append(existing[username])
            continue
        rng = random.Random(username)  # names depend on the username only
        first = rng.choice(vocab.FEMALE_NAMES + vocab.MALE_NAMES)
        voorvoegsel, surname = rng.choice(vocab.SURNAMES)
        user = User(
            username=username,
            first_name=first,
            last_name=f"{voorvoegsel} {surname}".strip(),
            password=unusable,
        )
        new.append(user)
        users.append(user)
    User.objects.bulk_create(new)
    ids = dict(User.objects.filter(username__in=[u.username for u in new]).values_list("username", "id"))
    for user in new:
        user.id = ids[user.username]
    have = set(Membership.objects.filter(team=team, role=role).values_list("user_id", flat=True))
    Membership.objects.bulk_create(
        [Membership(user=u, gemeente=gemeente, team=team, role=role) for u in users if u.id not in have]
    )
    return users


def regisseurs_needed(open_cases: int) -> int:
    return max(2, math.ceil(open_cases / CASELOAD))
