"""Built pages without the indentation of the theme's templates (the plugin's ``on_post_page``).

Material's templates indent every line of the page chrome: about 2.4 KB of an article page's
35 KB is whitespace between tags, on every one of tens of thousands of pages (GitHub Pages
publishes at most 1 GB). A run of whitespace that holds a line break and touches a tag (between
two tags, or between a tag and text: ``<span>\n    Home\n  </span>``) becomes that one line
break: outside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` a browser renders any such
run as one space or nothing (``white-space: normal``), so the page reads and looks the same, and
its text (what search indexes) is the same once whitespace is collapsed. Runs without a line
break (``</a> <a>``), whitespace inside text (``one\n   two``) and everything inside those four
elements are left as they are; so are tags and attributes, which the search indexer reads as
written.

A full minifier (minify-html) would save more but rewrites the markup itself: attributes
unquoted, optional tags dropped.
"""

from __future__ import annotations

import re

# The elements whose content keeps its whitespace; matched lazily to their own closing tag.
_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# After a tag's ">" or before a tag's "<" (a ">" or "<" in text or attributes is an entity).
_BY_A_TAG = re.compile(r"(?<=>)[ \t\r\f]*\n[ \t\r\n\f]*|[ \t\r\f]*\n[ \t\r\n\f]*(?=<)")


def compact_html(page: str) -> str:
    """``page`` with each line-breaking run of whitespace by a tag reduced to one line break."""
    parts, at = [], 0
    for verbatim in _VERBATIM.finditer(page):
        # The element's first "<" and last ">" stay with the text around it, so that the
        # indentation before and after the element is compacted too.
        parts.append(_BY_A_TAG.sub("\n", page[at:verbatim.start() + 1]))
        parts.append(page[verbatim.start() + 1:verbatim.end() - 1])
        at = verbatim.end() - 1
    parts.append(_BY_A_TAG.sub("\n", page[at:]))
    return "".join(parts)
