"""A citation's forms, from the facts of edition/citation.py and the model: the reference's
words (About's "How to cite"), and the metadata each page carries for reference managers and
crawlers (the Highwire `citation_*` tags and schema.org JSON-LD, written by
overrides/partials/citation.html from the page's front matter). Addresses are no fact of the
book: the page template adds them when the site's address is configured (SITE_URL).
"""

from __future__ import annotations

import json
from typing import Any

from ..citation import book_facts
from ..model import Document, Part


def translation_phrase(facts: dict[str, Any]) -> str:
    """ "trans. from the Russian edition of 1955": "trans." with the translator's name when the
    book gives one, without when it names none, as cataloguers write it.

    >>> translation_phrase({"translator": None, "translated_from": "the Russian edition of 1955"})
    'trans. from the Russian edition of 1955'
    >>> translation_phrase({"translator": "B. Isaacs", "translated_from": ""})
    'trans. B. Isaacs'
    """
    words = ["trans."]
    if facts.get("translator"):
        words.append(facts["translator"])
    if facts.get("translated_from"):
        words.append(f"from {facts['translated_from']}")
    return " ".join(words)


def plain_reference(facts: dict[str, Any], part_title: str | None, pages: str) -> str:
    """The citation's words before the address: author, part, book, translation, imprint, pages.

    >>> facts = {"author": "Clara Zetkin", "title": "My Recollections of Lenin", "translator": None,
    ...          "translated_from": "", "publisher": "FLPH", "place": "Moscow", "year": "n.d."}
    >>> plain_reference(facts, "Foreword", "p. 7")
    'Clara Zetkin, “Foreword”, in My Recollections of Lenin, trans. (Moscow: FLPH, n.d.), p. 7'
    """
    part = f"“{part_title}”, in " if part_title else ""
    imprint = ", ".join(filter(None, [facts["publisher"], facts["year"]]))
    imprint = f"{facts['place']}: {imprint}" if facts.get("place") else imprint
    return f"{facts['author']}, {part}{facts['title']}, {translation_phrase(facts)} ({imprint}), {pages}"


def _person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def book_jsonld(doc: Document) -> dict[str, Any]:
    """schema.org's Book for the printed book (no address: the template adds the page's)."""
    facts, catalogue = book_facts(doc), doc.book.catalogue
    book: dict[str, Any] = {
        "@type": "Book",
        "name": facts["title"],
        "author": _person(facts["author"]),
        "publisher": {"@type": "Organization", "name": facts["publisher"], "location": facts["place"]},
        "inLanguage": facts["language"],
    }
    if catalogue.year is not None:
        book["datePublished"] = str(catalogue.year)
    if catalogue.translator:
        book["translator"] = _person(catalogue.translator)
    return book


def page_citation(doc: Document, part: Part | None) -> dict[str, Any]:
    """The facts a page's citation metadata is written from (front matter `citation`): the
    book's, and for a part its title and printed pages; `jsonld` the page's schema.org entity."""
    facts = book_facts(doc)
    data: dict[str, Any] = {
        key: facts[key] for key in ("author", "title", "publisher", "place", "year", "language")
    }
    book = book_jsonld(doc)
    if part is None:
        data["jsonld"] = book
        return data
    first, last = part.first_page, part.last_page
    data.update(part_title=part.title, first_page=first, last_page=last)
    data["jsonld"] = {
        "@type": "Chapter",
        "name": part.title,
        "pageStart": first,
        "pageEnd": last,
        "pagination": f"{first}-{last}" if last != first else str(first),
        "author": book["author"],
        "publisher": book["publisher"],
        "inLanguage": book["inLanguage"],
        "isPartOf": book,
    }
    return data


def front_matter_line(doc: Document, part: Part | None) -> str:
    """`citation: {...}` for a page's front matter: JSON, which YAML reads as it is; ASCII only
    (any other character as \\uXXXX), so that no value can hold what YAML takes for a line end.

    >>> import yaml
    >>> line = "citation: " + json.dumps({"title": "a\u2028b: “c”"}, ensure_ascii=True)
    >>> yaml.safe_load(line)["citation"]["title"] == "a\u2028b: “c”"
    True
    """
    return "citation: " + json.dumps(page_citation(doc, part), ensure_ascii=True)
