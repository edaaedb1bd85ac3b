"""What an HTML message says, as plain text: the words a reader sees, in order, one line per block. Markup,
comments, the head and style sheets are dropped, entities decoded, so that the compliance check reads the HTML of
a letter the way it reads its text."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset({"address", "article", "blockquote", "div", "footer", "header", "hr", "main", "section", "table"})
_LINES = frozenset({"br", "caption", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "td", "th", "tr"})
_HIDDEN = frozenset({"head", "script", "style", "template"})


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        if tag in _BLOCKS or tag in _LINES:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in _BLOCKS or tag in _LINES:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
