"""HTML paper pages to documents: arXiv abstract pages and arXiv HTML papers
(LaTeXML), Hugging Face paper pages and OpenReview forum pages.

Parsed with Beautiful Soup on Python's own HTML parser (the same tree on every
machine). The title and abstract come from the page's citation metadata where it has
it, else from its markup; full-text pages also give one field per section. Math
written by LaTeXML keeps its TeX source (`$3.2\\times$`), which the normalizer reads.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from claims.model import Document, DocumentError
from claims.read.records import ARXIV_ID, ARXIV_VERSION
from claims.read.sections import (
    add_section,
    close_up_punctuation,
    is_known,
    is_numbered,
    section_name,
)

_ABSTRACT_LABEL = re.compile(r"^\s*abstract\s*[:.]?\s*", re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^\s*title\s*:\s*", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s*(?:\|\s*OpenReview|-\s*Hugging Face|\|\s*arXiv[^|]*)\s*$")
_SITE_PREFIX = re.compile(r"^\s*(?:Paper page\s*-\s*|\[[\d.v]+\]\s*)")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Meta descriptions shorter than this are site blurbs, not abstracts.
_MIN_DESCRIPTION = 200
_DROPPED = ("script", "style", "noscript", "nav", "footer", "figure", "table", "button",
            "svg", "cite")


def read_html(html: str, name: str, stem: str) -> Document | DocumentError:
    """The paper on an HTML page; a page with neither abstract nor sections is an error."""
    soup = BeautifulSoup(html, "html.parser")
    for dropped in soup.find_all(_DROPPED):
        dropped.decompose()
    _math_to_tex(soup)
    doc_id = _meta(soup, "citation_arxiv_id") or _page_id(soup) or stem
    fields: dict[str, str] = {}
    title = _title(soup)
    if title:
        fields["title"] = title
    abstract = _abstract(soup)
    if abstract:
        fields["abstract"] = abstract
    counts: dict[str, int] = {}
    for heading, text in _sections(soup):
        add_section(fields, section_name(heading), text, counts)
    if set(fields) <= {"title"}:
        return DocumentError(source=name, doc_id=doc_id,
                             message="no abstract or section text found in the HTML page")
    return Document(id=doc_id, fields=fields, source=name, url=_url(soup))


def _clean(text: str) -> str:
    """Whitespace collapsed, and no space left before punctuation where an element
    (a citation) was taken out."""
    return close_up_punctuation(" ".join(text.split()))


def _text(tag: Tag) -> str:
    """The text as read: inline elements (`<b>3</b>x`) join without added spaces."""
    return _clean(tag.get_text(""))


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """The content of the first `<meta name=...>` or `<meta property=...>` present."""
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta",
                                                                   attrs={"property": name})
        if tag and tag.get("content", "").strip():
            return _clean(tag["content"])
    return None


def _math_to_tex(soup: BeautifulSoup) -> None:
    """`<math alttext="3.2\\times">` (LaTeXML) becomes `$3.2\\times$`."""
    for math in soup.find_all("math"):
        tex = math.get("alttext")
        math.replace_with(NavigableString(f"${tex}$" if tex else _text(math)))


def _title(soup: BeautifulSoup) -> str | None:
    meta = _meta(soup, "citation_title", "og:title", "twitter:title")
    if meta:
        return _SITE_PREFIX.sub("", _SITE_SUFFIX.sub("", meta)) or None
    tag = soup.find(class_="ltx_title_document") or soup.find("h1") or soup.find("title")
    if tag is None:
        return None
    return _TITLE_LABEL.sub("", _SITE_PREFIX.sub("", _SITE_SUFFIX.sub("", _text(tag)))) or None


def _abstract(soup: BeautifulSoup) -> str | None:
    """From citation metadata, an element classed `abstract`, a heading or label
    `Abstract` and what follows it, or, last, a long meta description."""
    found = (_meta(soup, "citation_abstract") or _abstract_element(soup)
             or _after_label(soup) or _long_description(soup))
    return _ABSTRACT_LABEL.sub("", found) or None if found else None


def _long_description(soup: BeautifulSoup) -> str | None:
    description = _meta(soup, "og:description", "description")
    return description if description and len(description) >= _MIN_DESCRIPTION else None


def _abstract_element(soup: BeautifulSoup) -> str | None:
    tag = soup.find(class_=re.compile(r"^(?:ltx_)?abstract$"))
    if tag is None:
        return None
    for label in tag.find_all(_HEADINGS + ("span",), class_=re.compile("title|descriptor")):
        label.decompose()
    return _text(tag) or None


def _after_label(soup: BeautifulSoup) -> str | None:
    """The text after a heading or bold label reading `Abstract`."""
    for label in soup.find_all((*_HEADINGS, "strong", "b", "dt")):
        if _ABSTRACT_LABEL.fullmatch(_text(label) + " "):
            text = _following_text(label)
            if text:
                return text
    return None


def _following_text(label: Tag) -> str:
    """Text of the siblings after `label` up to the next heading; when the label
    stands alone in its parent, the parent's next siblings."""
    parts: list[str] = []
    node: Tag | NavigableString | None = label
    while node is not None and not parts:
        for sibling in node.next_siblings:
            if isinstance(sibling, Tag) and sibling.name in _HEADINGS:
                break
            text = _text(sibling) if isinstance(sibling, Tag) else _clean(str(sibling))
            if text:
                parts.append(text)
        node = node.parent if node.parent is not None and node.parent.name != "body" else None
    return " ".join(parts)


def _sections(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(heading, text) of each top-level section of a full-text page."""
    latexml = soup.find_all("section", class_="ltx_section")
    if latexml:
        return [(_heading_text(section), _section_text(section)) for section in latexml]
    return _generic_sections(soup)


def _heading_text(section: Tag) -> str:
    heading = section.find(_HEADINGS)
    return _text(heading) if heading else ""


def _section_text(section: Tag) -> str:
    """Paragraphs of a section, its subsections' included (their headings left out:
    numbered headings are not prose)."""
    parts = [_text(p) for p in section.find_all("p")]
    return "\n".join(part for part in parts if part)


def _generic_sections(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Sections under h2 headings that read as a paper's (numbered, or known names),
    so a paper page's other headings (comments, related models) are left out."""
    found = []
    for heading in soup.find_all("h2"):
        title = _text(heading)
        if section_name(title) == "abstract" or not (is_numbered(title) or is_known(title)):
            continue
        found.append((title, _following_text(heading)))
    return found


def _page_id(soup: BeautifulSoup) -> str | None:
    """The arXiv id (without version) or OpenReview forum id in the page's URL."""
    url = _url(soup) or ""
    found = re.search(r"(?:arxiv\.org/(?:abs|html|pdf)|huggingface\.co/papers)/(\S+?)/?$", url)
    if found and ARXIV_ID.fullmatch(found.group(1)):
        return ARXIV_VERSION.sub("", found.group(1))
    found = re.search(r"openreview\.net/(?:forum|pdf)\?id=([\w-]+)", url)
    return found.group(1) if found else None


def _url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    if link and link.get("href"):
        return link["href"].strip()
    return _meta(soup, "citation_abs_html_url", "og:url")
