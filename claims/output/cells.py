"""Table cells that each export format shows its own way.

A cell is plain text or a number in every format, except these two: a citation is the
document's URL in a spreadsheet or a web page but `\\cite{bibkey}` in a paper; the best
result of a leaderboard column is bold where a format has bold and carries a marker
where it has none. They are `str` and `float` subclasses, so a DataFrame holding them
still sorts, compares and prints as usual.

>>> cell = Citation("https://arxiv.org/abs/2210.17323", "frantar2023gptq")
>>> str(cell), cell.bibkey
('https://arxiv.org/abs/2210.17323', 'frantar2023gptq')
>>> Best.of("84.6%"), isinstance(Best.of(2.51), float), Best.of(None)
('84.6%', True, None)
"""

from __future__ import annotations

#: What a best cell ends with in formats without bold (CSV, JSON Lines, Parquet).
BEST_MARKER = "*"


class Citation(str):
    """The source of a row: its URL as text (its BibTeX key when it has no URL)."""

    url: str | None
    bibkey: str | None

    def __new__(cls, url: str | None, bibkey: str | None = None) -> Citation:
        cell = super().__new__(cls, url or bibkey or "")
        cell.url, cell.bibkey = url or None, bibkey or None
        return cell

    def __getnewargs__(self) -> tuple[str | None, str | None]:  # type: ignore[override]
        return self.url, self.bibkey

    @classmethod
    def of(cls, url: str | None, bibkey: str | None) -> Citation | None:
        """A citation, or None for a document with neither URL nor key."""
        return cls(url, bibkey) if url or bibkey else None


class Best:
    """Marks a cell as the best of its column (a leaderboard)."""

    @staticmethod
    def of(value: object) -> object:
        """`value` marked as best: text as `BestText`, a number as `BestNumber`."""
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return BestNumber(value)
        return BestText(str(value))


class BestText(Best, str):
    """Text that is the best of its column."""


class BestNumber(Best, float):
    """A number that is the best of its column."""
