"""Start (305) and stop (307) rules: regie messages keyed by Bsn, ToewijzingNummer and Begindatum
(+ RedenBeeindiging for a stop, new in 3.2). Start/stop never block a claim (OP364)."""

from __future__ import annotations

from .base import rule

TEMPORARY = "20"


def _records(ctx, product, kind=None):
    rows = ctx.state.deliveries.get((ctx.provider_id, ctx.law, product.ToewijzingNummer), ())
    return [r for r in rows if not r.deleted and r.bsn == ctx.client.Bsn and (kind is None or r.kind == kind)]


def _same_key(record, product, kind) -> bool:
    if record.kind != kind or record.begindatum != product.Begindatum:
        return False
    return kind == "start" or record.reden == product.RedenBeeindiging


# ---------------------------------------------------------------- level 2


@rule("CS058", "0001", level=2, soorten="305", target="start")
def cs058_start_status(ctx, product) -> bool:
    """CS058: StatusAanlevering of a StartProduct is 1 (eerste aanlevering) or 3 (verwijderen)."""
    return product.StatusAanlevering not in ("1", "3")


@rule("OP033x2", "0001", level=2, soorten="307", target="stop")
def op033x2_no_changed_delivery(ctx, product) -> bool:
    """OP033x2: StatusAanlevering 2 (gewijzigde aanlevering) is not allowed; correct by delete + new."""
    return product.StatusAanlevering not in ("1", "3")


@rule("TR018", "0001", level=2, soorten="307", target="stop")
def tr018_stop_after_begin(ctx, product) -> bool:
    """TR018: the Einddatum of a StopProduct is on or after its Begindatum."""
    return product.Einddatum < product.Begindatum


# ---------------------------------------------------------------- level 3


@rule("TR019", "9019", level=3, soorten="305", target="start")
def tr019_start_refers_to_allocation(ctx, product) -> bool:
    """TR019: a start (inspannings-/outputgericht) refers to a toewijzing of this aanbieder and client by
    ToewijzingNummer (9019)."""
    return _unlinkable(ctx, product)


@rule("TR019", "9019", level=3, soorten="307", target="stop")
def tr019_stop_refers_to_allocation(ctx, product) -> bool:
    """TR019: a stop (inspannings-/outputgericht) refers to a toewijzing of this aanbieder and client by
    ToewijzingNummer (9019)."""
    return _unlinkable(ctx, product)


def _unlinkable(ctx, product) -> bool:
    found = ctx.allocation(product.ToewijzingNummer)
    return (
        found is None or found.provider_id != ctx.provider_id or found.bsn != ctx.client.Bsn or found.deleted
    )


@rule("TR063", "9063", level=3, soorten="305", target="start")
def tr063_start_delete_needs_earlier(ctx, product) -> bool:
    """TR063: deleting a start (StatusAanlevering 3) needs an earlier start with the same key (9063)."""
    return product.StatusAanlevering == "3" and not any(
        _same_key(r, product, "start") for r in _records(ctx, product)
    )


@rule("TR063", "9063", level=3, soorten="307", target="stop")
def tr063_stop_delete_needs_earlier(ctx, product) -> bool:
    """TR063: deleting a stop (StatusAanlevering 3) needs an earlier stop with the same key (9063)."""
    return product.StatusAanlevering == "3" and not any(
        _same_key(r, product, "stop") for r in _records(ctx, product)
    )


@rule("TR074", "9074", level=3, soorten="305", target="start")
def tr074_start_key_unique(ctx, product) -> bool:
    """TR074: a new start (StatusAanlevering 1) has a key not delivered before (9074)."""
    return product.StatusAanlevering == "1" and any(
        _same_key(r, product, "start") for r in _records(ctx, product)
    )


@rule("TR074", "9074", level=3, soorten="307", target="stop")
def tr074_stop_key_unique(ctx, product) -> bool:
    """TR074: a new stop (StatusAanlevering 1) has a key not delivered before (9074)."""
    return product.StatusAanlevering == "1" and any(
        _same_key(r, product, "stop") for r in _records(ctx, product)
    )


@rule("TR071", "9071", level=3, soorten="305", target="start")
def tr071_no_start_delete_after_stop(ctx, product) -> bool:
    """TR071: a start cannot be deleted once a stop for it was received (9071)."""
    return product.StatusAanlevering == "3" and any(
        r.kind == "stop" and r.begindatum == product.Begindatum for r in _records(ctx, product)
    )


@rule("TR326", "9326", level=3, soorten="305", target="start")
def tr326_one_current_start(ctx, product) -> bool:
    """TR326/OP289: no second current start on the same toewijzing while the earlier one is not stopped
    definitively (9326)."""
    if product.StatusAanlevering != "1":
        return False
    records = _records(ctx, product)
    for start in (r for r in records if r.kind == "start" and r.begindatum != product.Begindatum):
        stopped = any(
            r.kind == "stop" and r.begindatum == start.begindatum and r.reden != TEMPORARY for r in records
        )
        temporarily = any(r.kind == "stop" and r.begindatum == start.begindatum for r in records)
        if not stopped and not temporarily:
            return True
    return False


@rule("TR069", "9069", level=3, soorten="307", target="stop")
def tr069_stop_needs_start(ctx, product) -> bool:
    """TR069/TR382: a stop refers to a current start with the same ToewijzingNummer and Begindatum (9069)."""
    return product.StatusAanlevering == "1" and not any(
        r.kind == "start" and r.begindatum == product.Begindatum for r in _records(ctx, product)
    )


@rule("TR413", "9413", level=3, soorten="307", target="stop")
def tr413_one_temporary_stop(ctx, product) -> bool:
    """TR413: RedenBeeindiging 20 while another stop with reason 20 exists for the same Bsn,
    ToewijzingNummer and Begindatum (9413)."""
    return (
        product.StatusAanlevering == "1"
        and product.RedenBeeindiging == TEMPORARY
        and any(
            r.kind == "stop" and r.begindatum == product.Begindatum and r.reden == TEMPORARY
            and r.einddatum != product.Einddatum
            for r in _records(ctx, product)
        )
    )  # fmt: skip


@rule("TR414", "9414", level=3, soorten="307", target="stop")
def tr414_definitive_after_temporary(ctx, product) -> bool:
    """TR414/OP378: a definitive stop after a temporary one has an Einddatum ≥ the temporary stop's (9414)."""
    return (
        product.StatusAanlevering == "1"
        and product.RedenBeeindiging != TEMPORARY
        and any(
            r.kind == "stop" and r.begindatum == product.Begindatum and r.reden == TEMPORARY
            and r.einddatum and product.Einddatum < r.einddatum
            for r in _records(ctx, product)
        )
    )  # fmt: skip


@rule("TR415", "9415", level=3, soorten="307", target="stop")
def tr415_nothing_after_definitive(ctx, product) -> bool:
    """TR415/OP377: no further stop once a definitive stop (reason ≠ 20) exists for the same Bsn,
    ToewijzingNummer and Begindatum (9415)."""
    return product.StatusAanlevering == "1" and any(
        r.kind == "stop" and r.begindatum == product.Begindatum and r.reden != TEMPORARY
        and r.reden != product.RedenBeeindiging
        for r in _records(ctx, product)
    )  # fmt: skip
