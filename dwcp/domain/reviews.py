"""When a planned review is overdue, written once for the lint rule and the gap report."""

from __future__ import annotations

import datetime as dt

from dwcp.model.delivery import Review


def review_overdue(review: Review, as_of: dt.date) -> bool:
    """Planned for a day before the as-of date and not recorded as done."""
    return review.done is None and review.planned is not None and review.planned < as_of
