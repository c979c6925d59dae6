#!/usr/bin/env python3
"""Is this Python in the range pyproject.toml requires? One line saying what to do if not.

    python3 scripts/check_python.py     (run by make before it creates .venv)

Written for any Python 3.6 or later, so that it can say that one is too old (hence the quoted
annotations, and no `from __future__`).
"""

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def required_range(text: "str") -> "tuple":
    """(lowest, first refused) from `requires-python = ">=3.11,<3.12"`.

    >>> required_range('requires-python = ">=3.11,<3.12"')
    ((3, 11), (3, 12))
    """
    found = re.search(r'requires-python\s*=\s*">=\s*(\d+)\.(\d+)\s*,\s*<\s*(\d+)\.(\d+)"', text)
    if not found:
        raise ValueError("pyproject.toml: no requires-python of the form >=X.Y,<X.Z")
    low, high = found.group(1, 2), found.group(3, 4)
    return (int(low[0]), int(low[1])), (int(high[0]), int(high[1]))


def verdict(version: "tuple", low: "tuple", high: "tuple") -> "str | None":
    """None when `version` is in [low, high), else the one-line message.

    >>> verdict((3, 11, 4), (3, 11), (3, 12)) is None
    True
    >>> print(verdict((3, 13, 1), (3, 11), (3, 12)))
    error: Python 3.11 is needed (pyproject.toml), this is 3.13.1: install it, then make PYTHON=python3.11 …
    """
    if low <= tuple(version[:2]) < high:
        return None
    low_text, high_text = f"{low[0]}.{low[1]}", f"{high[0]}.{high[1]}"
    wanted = low_text if (low[0], low[1] + 1) == tuple(high) else f">={low_text},<{high_text}"
    this = ".".join(str(n) for n in version[:3])
    return (
        f"error: Python {wanted} is needed (pyproject.toml), this is {this}: "
        f"install it, then make PYTHON=python{low_text} …"
    )


def main() -> "int":
    low, high = required_range(PYPROJECT.read_text(encoding="utf-8"))
    message = verdict(tuple(sys.version_info[:3]), low, high)
    if message:
        print(message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
