"""Ablate a group of the decision layer's features by 5-fold cross-validation over the train and dev articles.

    python bench/decider_cv.py title_trigger= lead_trigger= trigger_share= [--folds 5] [--seed 7]

Each fold trains on the other folds' articles and tunes C and the keep thresholds on its own (as `marsad train`
does with dev), once with every feature and once without the features whose names start with the given prefixes;
prints each fold's event F1 per language and the means. The test split is never read. Needs ../shared/data and
scikit-learn (pip install 'marsad[train]'); about a minute per fold and variant.
"""

from __future__ import annotations

import argparse
import copy
import random
from pathlib import Path

from marsad.eval.run import default_gold_files
from marsad.learn import train as t
from marsad.resolve.registry import open_gazetteer


def without(docs: list[t.Doc], prefixes: tuple[str, ...]) -> list[t.Doc]:
    out = []
    for d in docs:
        d2 = copy.copy(d)
        d2.candidates = [copy.copy(c) for c in d.candidates]
        for c in d2.candidates:
            c.features = {k: v for k, v in c.features.items() if not k.startswith(prefixes)}
        out.append(d2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("prefixes", nargs="+", help="feature name prefixes to leave out (e.g. title_trigger=)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    files, gaz = default_gold_files(), open_gazetteer(None)
    docs = [d for split in ("train", "dev") for d in t.build(files, split, args.shared, gaz)]
    random.Random(args.seed).shuffle(docs)
    folds = [docs[i :: args.folds] for i in range(args.folds)]
    scores: dict[str, dict[str, list[float]]] = {"all features": {}, "without": {}}
    for k, held in enumerate(folds):
        rest = [d for j, fold in enumerate(folds) if j != k for d in fold]
        for name, (a, b) in (("all features", (rest, held)),
                             ("without", (without(rest, tuple(args.prefixes)), without(held, tuple(args.prefixes))))):
            meta, _ = t.train(a, b, log=lambda *_: None)
            for lang in ("ar", "en"):
                scores[name].setdefault(lang, []).append(meta["dev"][lang]["model"]["f1"])
        print(f"fold {k + 1}: " + "; ".join(f"{name} " + " ".join(f"{lang} {v[-1]:.1%}" for lang, v in s.items())
                                             for name, s in scores.items()), flush=True)
    for name, s in scores.items():
        print(f"mean, {name}: " + " ".join(f"{lang} {sum(v) / len(v):.1%}" for lang, v in s.items()))


if __name__ == "__main__":
    main()
