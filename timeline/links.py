"""Which links the site will print: http and https only.

Sources are saved through a URL validator with these schemes, but a row can
reach the database another way (a shell, a migration, an old row), so every
output that turns a stored URL into a link asks `safe_url` again.
"""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_URL_SCHEMES = ("http", "https")


def safe_url(url: str) -> str:
    """`url` when it is an absolute http(s) URL with a host, else ""."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ALLOWED_URL_SCHEMES or not parts.netloc:
        return ""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return ""
    return url
