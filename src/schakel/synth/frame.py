"""The frame of a synthetic municipality: a real gemeente and its real wijken (CBS 2024, CC BY 4.0).

Populations come from CBS StatLine 85984NED "Kerncijfers wijken en buurten 2024" (Bron: CBS) and are
scaled proportionally to the requested size.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError

from schakel.core.values import parse_gemeentecode

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class GemeenteRow:
    code: str
    name: str
    province: str
    inhabitants: int


@dataclass(frozen=True)
class Wijk:
    code: str  # WK + 6 digits (CBS wijkcode)
    name: str
    real_inhabitants: int
    inhabitants: int  # scaled to the requested size


@dataclass(frozen=True)
class Frame:
    gemeente: GemeenteRow
    wijken: tuple[Wijk, ...]

    @property
    def size(self) -> int:
        return sum(w.inhabitants for w in self.wijken)


def _int(value: str) -> int:
    return int(value) if value.strip() else 0


@lru_cache(maxsize=1)
def gemeenten() -> tuple[GemeenteRow, ...]:
    with (DATA_DIR / "gemeenten_2024.csv").open(encoding="utf-8") as handle:
        return tuple(
            GemeenteRow(r["gemeentecode"], r["gemeentenaam"], r["provincienaam"], _int(r["inwoners_2024"]))
            for r in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def _wijken_by_gm() -> dict[str, list[tuple[str, str, int]]]:
    result: dict[str, list[tuple[str, str, int]]] = {}
    with (DATA_DIR / "wijken_2024.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            result.setdefault(r["gm_code"], []).append(
                (r["wk_code"], r["wijknaam_2023"], _int(r["inwoners_2024"]))
            )
    return result


def closest_gemeente(size: int) -> GemeenteRow:
    """The real municipality whose 2024 population is closest to ``size`` (ties: lowest code)."""
    return min(gemeenten(), key=lambda g: (abs(g.inhabitants - size), g.code))


def find_gemeente(code: str) -> GemeenteRow:
    code = parse_gemeentecode(code)
    for row in gemeenten():
        if row.code == code:
            return row
    raise ValidationError(f"Gemeentecode {code} komt niet voor in de CBS-indeling 2024.")


def build_frame(size: int, gemeente_code: str | None = None) -> Frame:
    """Scale the real wijken of the chosen municipality so that together they hold ``size`` inhabitants.

    Wijken without a published population are left out; rounding is settled on the largest wijken
    (largest-remainder method) so the total is exactly ``size``.
    """
    if size < 100:
        raise ValidationError("Een synthetische gemeente heeft minstens 100 inwoners.")
    row = find_gemeente(gemeente_code) if gemeente_code else closest_gemeente(size)
    raw = [w for w in _wijken_by_gm().get(f"GM{row.code}", []) if w[2] > 0]
    if not raw:
        raw = [(f"WK{row.code}00", "Centrum", row.inhabitants or size)]
    total = sum(w[2] for w in raw)
    exact = [size * w[2] / total for w in raw]
    scaled = [int(x) for x in exact]
    order = sorted(range(len(raw)), key=lambda i: (-(exact[i] - scaled[i]), i))
    for i in order[: size - sum(scaled)]:
        scaled[i] += 1
    wijken = tuple(
        Wijk(code, name or f"Wijk {code[-2:]}", real, n)
        for (code, name, real), n in zip(raw, scaled, strict=True)
        if n > 0
    )
    return Frame(row, wijken)
