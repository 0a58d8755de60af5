"""Synthetic data of the finance app, called by ``synth.services.generate_municipality``."""

from __future__ import annotations


def generate(gemeente, *, seed: int, today, bar=None) -> dict[str, int]:
    """Generate this app's synthetic rows for ``gemeente``; return counts for the summary."""
    return {}


def delete(gemeente) -> None:
    """Remove this app's synthetic rows of ``gemeente`` (called before the people and cases go)."""
