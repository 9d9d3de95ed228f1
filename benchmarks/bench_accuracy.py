"""Accuracy: F1 per field on the evaluation sets, and officials against the person spans of idner-news-2k DEV.

Run: python benchmarks/bench_accuracy.py [--shared ../shared] [--sets regional,articles,corpus,holdout]

Sets (each skipped with a message where absent): ../shared/regional (articles/ + gold/), ../shared/articles
with ../shared/gold, corpus/ with corpus/gold, benchmarks/holdout/ (articles/ + gold/). F1 per field is
berita_extract.evaluation, the same scoring as `berita-extract evaluate`.

idner-news-2k DEV (../shared/ner/idner-news-2k/dev.txt, never used to derive patterns/name_words.tsv):

- Each sentence is rebuilt as news writes it, punctuation attached ("kata Bupati Demak , Eisti'anah ." ->
  "kata Bupati Demak, Eisti'anah."): tokens joined by one space, except no space before , . ; : ! ? ) ] ”
  and after ( [ “. A map from token to character offsets gives each PER span (B-PER I-PER...) its exact text.
- Every sentence is extracted alone (berita_extract.extract); its officials are the reported names.
- official-name precision = (reported officials whose name equals exactly the text of a PER span of the same
  sentence) / (reported officials), counting each distinct name once per sentence.
- titled-person recall: a PER span is "titled" when a title head of patterns/titles.jsonl (its words matched
  case-insensitively against the tokens) ends at most 4 tokens before the span starts and every token between
  is an office word: tagged ORG or LOC, or capitalised and not PER, or one comma directly before the span.
  Recall = (titled PER spans reported as an official with exactly the span's text) / (titled PER spans).
  A PER span of initials only ("Presiden SBY") is not counted: ANNOTATION.md leaves out a person named only
  by a nickname or initials, so the extractor is right not to report one.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_SPACE_BEFORE = set(",.;:!?)]”%")
NO_SPACE_AFTER = set("([“")
MAX_GAP = 4
INITIALS = re.compile(r"[A-Z]{2,5}")  # "SBY", "JK": a person named by initials only


@dataclass
class Sentence:
    """A rebuilt sentence: its text, the tokens' character spans, the tags and the PER spans' texts."""

    text: str
    offsets: list[tuple[int, int]]
    words: list[str]
    tags: list[str]

    def per_spans(self) -> list[tuple[int, int]]:
        """PER spans as (first token, last token + 1)."""
        out: list[tuple[int, int]] = []
        for i, tag in enumerate(self.tags):
            if tag == "B-PER" or (tag == "I-PER" and (i == 0 or not self.tags[i - 1].endswith("PER"))):
                out.append((i, i + 1))
            elif tag == "I-PER":
                out[-1] = (out[-1][0], i + 1)
        return out

    def span_text(self, span: tuple[int, int]) -> str:
        """The text of tokens span[0]..span[1]-1 as written in the rebuilt sentence."""
        return self.text[self.offsets[span[0]][0] : self.offsets[span[1] - 1][1]]


def rebuild(tokens: list[tuple[str, str]]) -> Sentence:
    """A sentence's (word, tag) tokens joined as news writes them, with token offsets."""
    text = ""
    offsets: list[tuple[int, int]] = []
    for i, (word, _) in enumerate(tokens):
        if i and word[:1] not in NO_SPACE_BEFORE and tokens[i - 1][0][-1:] not in NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
    return Sentence(text, offsets, [w for w, _ in tokens], [t for _, t in tokens])


def read_sentences(path: Path) -> list[Sentence]:
    """Rebuilt sentences of a CoNLL-like idner-news-2k split."""
    from berita_extract.tools.build_name_words import read_conll

    return [rebuild(s) for s in read_conll(path)]


def title_heads() -> list[tuple[str, ...]]:
    """Title heads of patterns/titles.jsonl as lowercased word tuples, longest first."""
    from berita_extract.lexicon import rows

    heads = {tuple(t.pattern.lower().split()) for t in rows("titles.jsonl")}
    return sorted(heads, key=len, reverse=True)


def titled_spans(sentence: Sentence, heads: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """PER spans written right after a title head with nothing but office words between (see the docstring)."""
    low = [w.lower() for w in sentence.words]
    ends = set()
    for i in range(len(low)):
        for head in heads:
            if tuple(low[i : i + len(head)]) == head:
                ends.add(i + len(head))
                break
    out = []
    for span in sentence.per_spans():
        if span[1] - span[0] == 1 and INITIALS.fullmatch(sentence.words[span[0]]):
            continue  # initials only: left out by the annotation guide
        for gap in range(MAX_GAP + 1):
            end = span[0] - gap
            if end < 0:
                break
            between = range(end, span[0])
            ok = all(
                sentence.tags[j][2:] in {"ORG", "LOC"}
                or (sentence.words[j][:1].isupper() and not sentence.tags[j].endswith("PER"))
                or (sentence.words[j] == "," and j == span[0] - 1)
                for j in between
            )
            if not ok:
                break
            if end in ends:
                out.append(span)
                break
    return out


def idner_scores(dev: Path, nlp=None) -> dict[str, float | int]:
    """Official-name precision and titled-person recall on the rebuilt DEV sentences (see the docstring)."""
    from berita_extract import extract
    from berita_extract.nlp import load

    nlp = nlp or load()
    heads = title_heads()
    reported = correct = titled = found = 0
    for sentence in read_sentences(dev):
        names = {o.name for o in extract(sentence.text, nlp=nlp).officials}
        spans = {sentence.span_text(s) for s in sentence.per_spans()}
        reported += len(names)
        correct += len(names & spans)
        for span in titled_spans(sentence, heads):
            titled += 1
            found += sentence.span_text(span) in names
    return {
        "reported": reported,
        "precision": correct / reported if reported else 0.0,
        "titled": titled,
        "recall": found / titled if titled else 0.0,
    }


def sets(shared: Path) -> dict[str, tuple[Path, Path]]:
    """The evaluation sets: name -> (articles, gold)."""
    return {
        "regional": (shared / "regional" / "articles", shared / "regional" / "gold"),
        "articles": (shared / "articles", shared / "gold"),
        "corpus": (ROOT / "corpus", ROOT / "corpus" / "gold"),
        "holdout": (ROOT / "benchmarks" / "holdout" / "articles", ROOT / "benchmarks" / "holdout" / "gold"),
    }


def field_scores(articles: Path, gold: Path) -> dict[str, dict]:
    """F1 per field of one set, scored by berita_extract.evaluation."""
    from berita_extract.evaluation import evaluate_files
    from berita_extract.extraction import run_extract

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.jsonl"
        run_extract([str(articles)], output=str(out))
        return evaluate_files(str(out), str(gold))["fields"]


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", default="regional,articles,corpus,holdout,idner")
    args = parser.parse_args(argv)
    wanted = args.sets.split(",")
    table: dict[str, dict[str, dict]] = {}
    for name, (articles, gold) in sets(args.shared).items():
        if name not in wanted:
            continue
        if not articles.is_dir() or not gold.is_dir():
            print(f"{name}: skipped ({articles} or {gold} not found)", file=sys.stderr)
            continue
        table[name] = field_scores(articles, gold)
    if table:
        fields = list(next(iter(table.values())))
        print("F1".ljust(16) + "".join(n.rjust(10) for n in table))
        for field in fields:
            cells = [table[n][field]["f1"] for n in table]
            print(field.ljust(16) + "".join(("-" if c is None else f"{c:.3f}").rjust(10) for c in cells))
    dev = args.shared / "ner" / "idner-news-2k" / "dev.txt"
    if "idner" in wanted:
        if dev.is_file():
            s = idner_scores(dev)
            print(
                f"\nidner-news-2k dev: official-name precision {s['precision']:.3f} ({s['reported']} reported), "
                f"titled-person recall {s['recall']:.3f} ({s['titled']} titled PER spans)"
            )
        else:
            print(f"idner: skipped ({dev} not found)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
