"""Rules on the header of every incoming heenbericht (305, 307, 315, 317, 323)."""

from __future__ import annotations

from .base import rule

HEEN = "305 307 315 317 323"


@rule("TR056", "9056", level=3, soorten=HEEN, target="header")
def tr056_identificatie_unique(ctx, header) -> bool:
    """TR056: BerichtIdentificatie is unique per berichtsoort for the sending party (9056).

    A repeat changes nothing: the pipeline answers it with a header-only retour 9056 and stores the copy as
    ``dubbel``."""
    key = (header.Afzender, int(header.BerichtCode), header.BerichtIdentificatie.Identificatie)
    return key in ctx.state.identificaties


@rule("TR135", "8848", level=4, soorten=HEEN, target="header")
def tr135_dagtekening_not_future(ctx, header) -> bool:
    """TR135: Dagtekening is on or before the system date (8848; external source: the system date)."""
    return header.BerichtIdentificatie.Dagtekening > ctx.today


@rule("CS002", "0001", level=2, soorten=HEEN, target="client")
def cs002_bsn_elfproef(ctx, client) -> bool:
    """CS002: the Bsn passes the 11-proef (in-message rule, retour 0001)."""
    from schakel.core.values import bsn_checksum_ok

    return not bsn_checksum_ok(client.Bsn)
