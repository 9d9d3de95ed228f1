"""How components record what they find: spans in doc.spans with exact offsets, a rule id and data."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

KEYS = ("dates", "numbers", "places", "officials", "clusters", "partners", "quotes")
# spaCy keys a span's extension values by the span's offsets and the extension's name, so each
# component gets its own extension: a place and an official over the same words keep their own data.
for _key in KEYS:
    if not Span.has_extension(f"berita_{_key}"):
        Span.set_extension(f"berita_{_key}", default=None)


def add_span(doc: Doc, key: str, start: int, end: int, rule: str, span_label: str = "", **data: Any) -> Span | None:
    """Record a finding as a span in ``doc.spans[key]``.

    ``start``/``end`` are character offsets; the span covers the tokens touching them, while
    ``span._.berita_<key>`` keeps the exact offsets (``start``, ``end``), the ``rule`` id that found it, and
    whatever values the component computed (normalised name, number, date ...).
    Returns None when the offsets do not fall inside the text.
    """
    if not 0 <= start < end:  # (doc.text is rebuilt on each access: no len(doc.text) here)
        return None
    span = doc.char_span(start, end, label=span_label or key, alignment_mode="expand")
    if span is None:
        return None
    record = {"start": start, "end": end, "rule": rule, **data}
    span._.set(f"berita_{key}", record)
    doc.user_data.setdefault(("berita_data", key), []).append(record)
    group = doc.spans.get(key)
    if group is None:
        doc.spans[key] = [span]
    else:
        group.append(span)
    return span


def doc_text(doc: Doc) -> str:
    """The Doc's text as nlp.make_doc kept it, else built once: spaCy joins the tokens again on every ``doc.text``."""
    text = doc.user_data.get("berita_text")
    if text is None:
        text = doc.user_data["berita_text"] = doc.text
    return text


def spans(doc: Doc, key: str) -> list[dict]:
    """The data of the spans a component recorded under ``key`` (empty when none)."""
    # the same dicts as span._.berita_<key>, kept in order in user_data: reading them back through
    # each span's extension costs more than the rest of building the records
    return list(doc.user_data.get(("berita_data", key), ()))
