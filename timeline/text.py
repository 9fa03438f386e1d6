"""Clean text: what every stored string may contain.

Text pasted from word processors carries invisible control characters
(Shift+Enter in Word is a vertical tab, U+000B) that XML cannot hold at all,
so one of them in a title takes the Atom feed down.  Every text field is
cleaned on save: control characters other than tab and newline are removed
(they are invisible, so refusing them would leave an editor hunting for
something they cannot see), a carriage return before a newline is dropped and
a lone one becomes a newline, and the two non-characters XML forbids
(U+FFFE, U+FFFF) go too.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and XML's two non-characters.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """`value` with line breaks normalised to \\n and unwanted controls removed."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED.sub("", value)
