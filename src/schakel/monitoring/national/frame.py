"""The national frame: the 342 municipalities and 3,393 wijken with their real 1 January 2024 populations.

Source: CBS StatLine 85984NED "Kerncijfers wijken en buurten 2024" joined with the CBS municipal
classification (CC BY 4.0, "Bron: CBS"); the same files the synthetic municipality uses
(``schakel/synth/data/``, provenance in its ``SOURCE.md``). The gemeente total is the truth: CBS rounds wijk
counts to multiples of 5, so the wijk counts are rescaled to add up to the gemeente total exactly (largest
remainder). With ``fraction`` < 1 every gemeente gets ``round(fraction × inhabitants)`` persons.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CBS_DIR = Path(__file__).resolve().parents[2] / "synth" / "data"


@dataclass(frozen=True)
class Gemeente:
    code: str  # 4 digits, "0363"
    name: str
    inhabitants: int  # CBS 1 Jan 2024 (unscaled)
    density: float  # inhabitants per km² land
    target: int  # persons to generate (scaled by the fraction)
    wijk_codes: tuple[str, ...]
    wijk_targets: np.ndarray  # persons per wijk, sums to ``target``


def _int(value: str) -> int:
    return int(value) if value not in ("", None) else 0


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integer parts of ``total`` proportional to ``weights`` that add up to ``total`` exactly."""
    weights = np.asarray(weights, dtype=np.float64)
    if total <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    if weights.sum() <= 0:
        weights = np.ones(len(weights))
    exact = weights / weights.sum() * total
    parts = np.floor(exact).astype(np.int64)
    short = total - int(parts.sum())
    if short:
        order = np.argsort(-(exact - parts), kind="stable")
        parts[order[:short]] += 1
    return parts


def load_frame(fraction: float = 1.0, data_dir: Path = CBS_DIR) -> list[Gemeente]:
    """All municipalities in CBS code order, with scaled population targets per wijk."""
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    wijken: dict[str, list[tuple[str, int]]] = {}
    with open(data_dir / "wijken_2024.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            wijken.setdefault(row["gm_code"], []).append((row["wk_code"], _int(row["inwoners_2024"])))
    frame = []
    with open(data_dir / "gemeenten_2024.csv", encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["gemeentecode"])
    for row in rows:
        inhabitants = _int(row["inwoners_2024"])
        target = int(round(inhabitants * fraction))
        wk = sorted(wijken.get(row["gm_code"], []))
        if not wk:  # not expected with the 2024 data; keep the gemeente as one wijk
            wk = [(f"WK{row['gemeentecode']}00", inhabitants)]
        weights = np.array([w for _c, w in wk], dtype=np.float64)
        frame.append(
            Gemeente(
                code=row["gemeentecode"],
                name=row["gemeentenaam"],
                inhabitants=inhabitants,
                density=float(row["bevolkingsdichtheid_per_km2"] or 0),
                target=target,
                wijk_codes=tuple(c for c, _w in wk),
                wijk_targets=largest_remainder(weights, target),
            )
        )
    return frame
