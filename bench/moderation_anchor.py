"""Scores packaged profanity filters from PyPI on the labelled dev rows, the way `ashyq moderation
eval` scores ashyq: positive = "should not be approved" (any label but `clean`), throughput on one
core (the caller pins the process with taskset), the TSV split exactly as ashyq splits it.

    python moderation_anchor.py --filter alt-profanity-check --lang en FILE.tsv…

Prints one JSON object: filter, version, lang, rows, precision, recall, f1, false_positive_rate,
comments_per_second, seconds.
"""

import argparse
import importlib.metadata
import json
import sys
import time


def read_rows(paths, lang):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            lines = handle.read().split("\n")
        for line in lines[1:]:
            line = line.rstrip("\r")
            if not line.strip():
                continue
            cols = line.split("\t", 4)
            if cols[1] == lang:
                rows.append((cols[2] != "clean", cols[3]))
    return rows


def alt_profanity_check():
    from profanity_check import predict

    # Its own batch API: one call for the whole list, as its documentation recommends.
    return lambda texts: [bool(x) for x in predict(texts)]


def check_swear():
    from check_swear import SwearingCheck

    checker = SwearingCheck()
    return lambda texts: [bool(x) for x in checker.predict(texts)]


def python_obscene_words_filter():
    from obscene_words_filter import get_default_filter

    words_filter = get_default_filter()
    return lambda texts: [any(True for _ in words_filter.find_bad_word_matches_without_good_words(t)) for t in texts]


def notpotty():
    from notpotty import NotPotty

    checker = NotPotty()
    return lambda texts: [checker.sensor(t) for t in texts]


def detected_profanity():
    from detected_profanity import contains_profanity

    return lambda texts: [contains_profanity(t) for t in texts]


FILTERS = {
    "alt-profanity-check": alt_profanity_check,
    "check-swear": check_swear,
    "python-obscene-words-filter": python_obscene_words_filter,
    "notpotty": notpotty,
    "detected-profanity": detected_profanity,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", required=True, choices=sorted(FILTERS))
    parser.add_argument("--lang", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    rows = read_rows(args.files, args.lang)
    texts = [text for _, text in rows]
    classify = FILTERS[args.filter]()
    classify(texts[:10])  # warm-up: lazy loading of models and automatons is not timed
    started = time.perf_counter()
    flagged = classify(texts)
    seconds = time.perf_counter() - started

    tp = sum(1 for (gold, _), pred in zip(rows, flagged) if gold and pred)
    fp = sum(1 for (gold, _), pred in zip(rows, flagged) if not gold and pred)
    fn = sum(1 for (gold, _), pred in zip(rows, flagged) if gold and not pred)
    clean = sum(1 for gold, _ in rows if not gold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    json.dump(
        {
            "filter": args.filter,
            "version": importlib.metadata.version(args.filter),
            "lang": args.lang,
            "rows": len(rows),
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "false_positive_rate": fp / clean if clean else 0.0,
            "comments_per_second": len(rows) / seconds if seconds else float("inf"),
            "seconds": seconds,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
