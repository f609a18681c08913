"""Probe, not product: would pretrained Russian word vectors help the screen rank the shared Russian rows?

Issue 16's Russian target (F1 >= 0.75 on the shared VK rows) is missed because the screen cannot score words it
has not seen in 1,850 training rows. This script asks whether vectors learnt from a large unlabelled Russian corpus
would close the gap, before anyone builds them into the crate. It is run by hand; nothing in the build or the
tests uses it.

Setup (PyPI only): python3 -m venv V && V/bin/pip install scikit-learn navec natasha
  (natasha's wheel carries navec_news_v1_1B_250K_300d_100q, 250,000 words, MIT.)
Input: the out-of-fold dump of the committed screen:
  cargo run --release -p ashyq-moderation --example eval -- --cv 5 --split train --report-ids rdt- \
      --dump /tmp/dump.tsv ../shared/moderation-data/dev crates/ashyq-moderation/data
Run:   V/bin/python crates/ashyq-moderation/audit/embedding_probe.py ../shared/moderation-data/dev /tmp/dump.tsv

Each variant is a logistic regression in 5-fold stratified CV (seed 0) over the 2,304 shared Russian rows; it prints
the best F1 with a false-positive rate under 5% and the best F1 at any threshold.
"""

import os
import re
import sys

import natasha
import numpy as np
from navec import Navec
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

DEV, DUMP = sys.argv[1], sys.argv[2]
LEXICON = os.path.join(os.path.dirname(__file__), "..", "lexicons", "ru.txt")
WORD = re.compile(r"[а-яё]+")
REPLY = re.compile(r"\[id\d+\|[^\]]*\]")

vectors = Navec.load(
    os.path.join(os.path.dirname(natasha.__file__), "data/emb/navec_news_v1_1B_250K_300d_100q.tar")
)
with open(os.path.join(DEV, "ru-distorted-toxicity.tsv"), encoding="utf-8") as f:
    rows = [line.rstrip("\n").split("\t") for line in f][1:]
texts = [REPLY.sub("", row[3]) for row in rows]
gold = np.array([0 if row[2] == "clean" else 1 for row in rows])
with open(DUMP, encoding="utf-8") as f:
    scores = {p[2]: float(p[0]) for p in (line.rstrip("\n").split("\t") for line in f) if p[0] != "score"}
screen = np.array([scores[row[0]] for row in rows])
screen_logit = np.log(np.clip(screen, 1e-4, 1 - 1e-4) / (1 - np.clip(screen, 1e-4, 1 - 1e-4)))


def words(text):
    return [w for w in WORD.findall(text.lower()) if w in vectors]


def mean_vector(text):
    found = words(text)
    return np.mean([vectors[w] for w in found], axis=0) if found else np.zeros(300)


# Seeds: vocabulary words that our own list's attack, hate and obscene entries match (first five per entry).
vocabulary = vectors.vocab.words
seeds = set()
with open(LEXICON, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) < 2 or parts[0] not in ("attack", "hate", "obscene"):
            continue
        entry = parts[1].replace("ё", "е")
        if entry.startswith("*") and entry.endswith("*"):
            seeds.update([w for w in vocabulary if entry.strip("*") in w][:5])
        elif entry.endswith("*"):
            seeds.update([w for w in vocabulary if w.startswith(entry[:-1])][:5])
        elif entry in vectors:
            seeds.add(entry)
seed_matrix = np.array([vectors[w] for w in sorted(seeds)])
seed_matrix /= np.linalg.norm(seed_matrix, axis=1, keepdims=True)


def similarity_to_insults(text):
    found = words(text)
    if not found:
        return [0.0, 0.0, 0.0]
    matrix = np.array([vectors[w] for w in found])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    best = np.sort((matrix @ seed_matrix.T).max(axis=1))
    return [best[-1], best[-2] if len(best) > 1 else 0.0, float((best > 0.5).sum())]


def report(name, predictions):
    clean = (gold == 0).sum()
    best, best_any = (0.0, 0.0), 0.0
    for threshold in np.unique(predictions):
        flagged = predictions >= threshold
        tp = (flagged & (gold == 1)).sum()
        fp = (flagged & (gold == 0)).sum()
        fn = (~flagged & (gold == 1)).sum()
        f1 = 2 * tp / (2 * tp + fp + fn)
        best_any = max(best_any, f1)
        if fp / clean < 0.05 and f1 > best[0]:
            best = (f1, fp / clean)
    print(f"{name:28} F1 {best[0]:.3f} at FPR {100 * best[1]:.2f}%   best at any threshold {best_any:.3f}")


def cross_validated(dense, char_grams=False, c=1.0):
    predictions = np.zeros(len(texts))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, gold):
        a, b = csr_matrix(dense[train]), csr_matrix(dense[test])
        if char_grams:
            tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
            a = hstack([a, tfidf.fit_transform([texts[i] for i in train])]).tocsr()
            b = hstack([b, tfidf.transform([texts[i] for i in test])]).tocsr()
        model = LogisticRegression(C=c, max_iter=3000).fit(a, gold[train])
        predictions[test] = model.predict_proba(b)[:, 1]
    return predictions


means = np.array([mean_vector(t) for t in texts])
similar = np.array([similarity_to_insults(t) for t in texts])
nothing = np.zeros((len(texts), 1))
report("the screen (out of fold)", screen)
report("character 2-5-grams alone", cross_validated(nothing, char_grams=True, c=4.0))
report("mean word vector", cross_validated(means))
report("mean vector + char-grams", cross_validated(means, char_grams=True, c=4.0))
report("similarity to list words", cross_validated(similar))
report("screen + mean vector", cross_validated(np.column_stack([screen_logit, means])))
report("screen + similarity", cross_validated(np.column_stack([screen_logit, similar])))
