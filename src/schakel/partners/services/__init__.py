"""The partners app's one door: referrals with consent, the fund, cost splits, screening and the
collaboration check. Each function is one transaction, checks the permission in the municipality, raises
``ValidationError`` with a Dutch message on bad input (nothing is stored) and writes the processing log
for every read or change of a citizen's data.

Rules (issue 7, "Bad input and reliability"):
- no referral without valid consent (AVG art. 6 lid 1 sub a, art. 9 lid 2 sub a: health data);
- withdrawn consent stops sharing from that moment (:func:`withdraw_consent`, ``query.referrals_visible_to``);
- a fund cannot go below zero without an explicit, logged override (:func:`book_fund`);
- cost splits add up to 100 % (:func:`set_cost_split`).

The functions live in ``fund`` (fund and cost split), ``referrals`` (consent, status, feedback, sharing) and
``checks`` (screening, collaboration check); this package is the app's one door.
"""

from ._base import (  # noqa: F401
    ACTIVITY,
    ADD_CHECK,
    ADD_REFERRAL,
    ADD_SCREENING,
    BOOK_FUND,
    CHANGE_REFERRAL,
    FULL,
    MANAGE_PARTNERSHIP,
    OVERRIDE_FUND,
    REPORT_REFERRAL,
)
from .checks import record_collaboration_check, record_screening  # noqa: F401
from .fund import (  # noqa: F401
    SIGN,
    book_fund,
    book_municipal_share,
    budget_booking,
    cost_split,
    fund_balance,
    record_participants,
    set_cost_split,
)
from .referrals import (  # noqa: F401
    ConsentInput,
    add_feedback,
    change_status,
    create_referral,
    events_for,
    log_partner_read,
    log_persons_read,
    shared_view,
    target_group,
    withdraw_consent,
)
