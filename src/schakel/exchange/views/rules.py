"""The page listing every implemented rule, generated from the registry (never a hand-kept list)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..codes import CODES
from ..rules import implemented


@login_required
def rules_page(request):
    rows = [
        {"rule": rule, "explanation": str(CODES[rule.code].plain) if rule.code in CODES else ""}
        for rule in implemented()
    ]
    codes = [{"code": c.code, "official": c.official, "plain": str(c.plain)} for c in CODES.values()]
    return render(request, "exchange/rules.html", {"rows": rows, "codes": codes})
