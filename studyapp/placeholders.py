"""Texts with numbered placeholders (%1, %2, ...), filled as Qt's translated strings are.

The layers below the GUI keep each user-facing message as a code with its arguments and an English
template; the GUI translates the template by code and fills in the same arguments with `fill`.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, arguments: list[str]) -> str:
    """`template` with %1, %2, ... replaced by the arguments (as Qt's translated strings are filled)."""
    # In one pass, so that an argument that itself contains "%2" (a card's text, a file name) stays as it is.
    def argument(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return arguments[n - 1] if 1 <= n <= len(arguments) else match.group(0)

    return PLACEHOLDER.sub(argument, template)


def placeholder_count(template: str) -> int:
    """How many arguments `template` takes: its highest %n."""
    return max((int(n) for n in PLACEHOLDER.findall(template)), default=0)
