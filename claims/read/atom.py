"""Atom feeds saved from the arXiv API: each entry a document.

The entry's id (`http://arxiv.org/abs/2210.17323v2`) gives the document id without
its version and the URL; its summary is the abstract; its categories and publication
date feed the `--category` / `--since` / `--until` filters. Entries are taken as they
are parsed and let go after, so a feed of any size is read in constant memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from claims.model import Document, DocumentError
from claims.read.options import ReadOptions, parse_date
from claims.read.records import ARXIV_VERSION

_NS = {"atom": "http://www.w3.org/2005/Atom"}
_ENTRY = "{http://www.w3.org/2005/Atom}entry"


def read_atom(source: str | Path | IO, name: str,
              options: ReadOptions) -> Iterator[Document | DocumentError]:
    """Documents of a feed (a file name or an open file); XML that breaks midway ends
    the feed with one error after the entries before it."""
    count = 0
    root = None
    try:
        for event, element in ET.iterparse(source, events=("start", "end")):
            if root is None:
                root = element
            if event != "end" or element.tag != _ENTRY:
                continue
            count += 1
            found = _entry(element, name, count, options)
            root.clear()  # entries read are let go
            if found is not None:
                yield found
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        yield DocumentError(source=name, line=line, message=f"invalid XML: {exc}")
        return
    if count == 0:
        yield DocumentError(source=name, message="no <entry> in the Atom feed")


def _entry(entry: ET.Element, name: str, number: int,
           options: ReadOptions) -> Document | DocumentError | None:
    """One entry as a document; None when the filters leave it out."""
    categories = [c.get("term", "") for c in entry.findall("atom:category", _NS)]
    published = parse_date(_child(entry, "published") or _child(entry, "updated"))
    if options.filters and not options.keep(categories, published):
        return None
    url = _child(entry, "id") or _alternate(entry)
    doc_id = ARXIV_VERSION.sub("", url.rstrip("/").rsplit("/", 1)[-1]) if url else f"entry-{number}"
    fields = {key: text for key, text in (("title", _child(entry, "title")),
                                          ("abstract", _child(entry, "summary"))) if text}
    if "abstract" not in fields:
        return DocumentError(source=name, doc_id=doc_id,
                             message=f"entry {number} has no <summary> (abstract)")
    return Document(id=doc_id, fields=fields, source=name, url=_alternate(entry) or url)


def _child(entry: ET.Element, tag: str) -> str | None:
    found = entry.find(f"atom:{tag}", _NS)
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def _alternate(entry: ET.Element) -> str | None:
    for link in entry.findall("atom:link", _NS):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None
