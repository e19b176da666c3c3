"""How records are read and which are kept: id and text columns, category and date filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

#: Columns read as text when none are named.
DEFAULT_TEXT_COLS = ("title", "abstract", "text")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReadOptions:
    """Options of every reader; the filters apply to records that carry categories and
    dates (arXiv metadata and Atom feeds), and drop records that lack them."""

    id_col: str = "id"
    text_cols: list[str] | None = None
    id_prefix: str | None = None
    categories: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    #: Seconds reading one paper (a LaTeX source, a PDF) may take; its time budget, the
    #: same as extraction's (claims.run.pipeline.TIME_BUDGET), covers both. None: no limit.
    time_budget: float | None = 30.0

    @property
    def filters(self) -> bool:
        return bool(self.categories) or self.since is not None or self.until is not None

    def keep(self, categories: Iterable[str], when: date | None) -> bool:
        """True when a record passes the category and date filters.

        A category filter `cs` keeps every `cs.*`; `cs.LG` keeps cs.LG only.

        >>> ReadOptions(categories=("cs",)).keep(["stat.ML", "cs.CL"], None)
        True
        >>> ReadOptions(categories=("cs.LG",)).keep(["cs.CL"], None)
        False
        >>> ReadOptions(since=date(2023, 1, 1)).keep([], date(2022, 12, 31))
        False
        """
        if self.categories and not any(_in_category(c, wanted) for c in categories
                                       for wanted in self.categories):
            return False
        if self.since is not None and (when is None or when < self.since):
            return False
        return not (self.until is not None and (when is None or when > self.until))


def _in_category(category: str, wanted: str) -> bool:
    return category == wanted or category.startswith(wanted + ".")


def parse_date(text: str | None) -> date | None:
    """A date from ISO (`2023-05-01`, `2023-05-01T17:00:00Z`) or e-mail form
    (`Mon, 2 Apr 2007 19:18:42 GMT`, as in arXiv's `versions`); None when unreadable.

    >>> parse_date("Mon, 2 Apr 2007 19:18:42 GMT"), parse_date("2023-05-01T17:00:00Z")
    (datetime.date(2007, 4, 2), datetime.date(2023, 5, 1))
    """
    if not text:
        return None
    found = _ISO_DATE.match(text.strip())
    try:
        if found:
            return datetime.strptime(found.group(), "%Y-%m-%d").date()
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return None
