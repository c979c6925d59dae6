"""Pieces of text (lines, words) joined by line ends into one text: one search of it instead of
one search a piece, each offset found mapped back to its piece."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class Joined:
    pieces: list[str]
    text: str  # the pieces joined by "\n"
    starts: list[int]  # where each piece starts in `text`, and where one after the last would

    def piece_at(self, offset: int) -> int:
        """The index of the piece that `offset` in `text` falls in (its line end included).

        >>> joined = join_pieces(["the cat", "sat"])
        >>> joined.piece_at(joined.text.index("sat")), joined.piece_at(0)
        (1, 0)
        """
        return bisect_right(self.starts, offset) - 1


def join_pieces(pieces: list[str]) -> Joined:
    """
    >>> join_pieces(["a", "bc"])
    Joined(pieces=['a', 'bc'], text='a\\nbc', starts=[0, 2, 5])
    """
    starts = list(accumulate((len(piece) + 1 for piece in pieces), initial=0))
    return Joined(pieces, "\n".join(pieces), starts)
