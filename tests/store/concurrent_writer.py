"""A writer process for test_concurrent_writers: saves tagged versions of articles in lock-step rounds."""

from __future__ import annotations

import os
import traceback
from typing import Any

from store_fixtures import make_facts

from berita_extract.records import ArticleFacts
from berita_extract.store import open_store


def version(article_id: str, writer: int, round_: int) -> ArticleFacts:
    """The record writer ``writer`` saves for ``article_id`` in round ``round_``.

    The tag is in the article row and in every figure row, and the number of figures depends on
    the writer and the round, so an article holding rows of two different saves shows up as a
    mismatch against a single save of the version its title names.
    """
    tag = f"w{writer} r{round_}"
    base = make_facts(article_id).model_dump(mode="json")
    base["article"]["title"] = f"{article_id} {tag}"
    figure = base["figures"][0]
    base["figures"] = [{**figure, "value": writer * 100 + round_ * 10 + j, "text": f"{tag} #{j}"}
                       for j in range(1 + (writer + round_) % 4)]
    return ArticleFacts.model_validate(base)


def write(target: str, writer: int, ids: list[str], rounds: int, barrier: Any, results: Any) -> None:
    """Open the store, then in every round (all writers start it together) save a new version of each id.

    Even rounds save article by article with save(), odd rounds all at once with save_many(),
    odd writers going through the ids in reverse. Puts a summary dict on ``results``.
    """
    errors: list[str] = []
    saved = 0
    run_id = None
    try:
        with open_store(target) as store:
            run_id = store.start_run([f"writer {writer}"])
            for round_ in range(rounds):
                barrier.wait(timeout=120)
                order = ids[::-1] if writer % 2 else ids
                records = [version(i, writer, round_) for i in order]
                if round_ % 2 == 0:
                    for facts in records:
                        store.save(facts, run_id)
                        saved += 1
                else:
                    failures = store.save_many(records, run_id)
                    errors += [f"{article_id}: {reason}" for article_id, reason in failures]
                    saved += len(records) - len(failures)
            store.finish_run(run_id, saved, len(errors))
    except Exception:
        errors.append(traceback.format_exc())
        barrier.abort()  # the other writers stop waiting for this one
    results.put({"writer": writer, "run_id": run_id, "pid": os.getpid(), "saved": saved, "errors": errors})
