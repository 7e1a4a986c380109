"""`marsad train`: rebuild the learned decision layer from gold/ (docs/LEARNED.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import _fail, app


@app.command()
def train(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold JSONL files (default: gold/events/*-events.jsonl)")]
    = None,
    variant: Annotated[str, typer.Option(help="fast (hashed features) or accurate (+ USE sentence embeddings)")]
    = "fast",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Model file to write (default: the "
                                                                       "package's own, marsad/learn/models/)")] = None,
    seed: Annotated[int, typer.Option(help="Random seed")] = 20261207,
    limit: Annotated[int, typer.Option(help="Use only the first N articles of each split and gold file (0: all; "
                                            "for a quick check)")] = 0,
    shared: Annotated[Path, typer.Option(help="Folder of the corpora the gold refers to by docno")] = Path(
        "../shared/data"),
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: builtin)")] = "builtin",
) -> None:
    """Train the decision model on the train split, tune and calibrate it on dev, print the dev figures and the
    rules' recall ceiling, and write the model file with its provenance. The test split is never read."""
    try:
        from marsad.learn import train as t
    except ImportError as exc:
        _fail(f"training needs scikit-learn and scipy: pip install 'marsad[train]' ({exc})")
    from marsad.eval.events import GoldError
    from marsad.eval.run import default_gold_files
    from marsad.learn.decider import CHOICES, MODELS, load
    from marsad.resolve.registry import open_gazetteer

    if variant not in CHOICES:
        _fail(f"--variant {variant!r} is not one of: {', '.join(CHOICES)}")
    files = gold or default_gold_files()
    if not files:
        _fail("no gold files given and none found in gold/events/ (run from the repository's root or name them)")
    try:
        gaz = open_gazetteer(gazetteer)
        docs = {split: t.build(files, split, shared, gaz, limit) for split in ("train", "dev")}
    except (GoldError, OSError, ValueError) as exc:
        _fail(str(exc))
    for split, chosen in docs.items():
        typer.echo(f"{split}: " + "\n".join(t.ceiling(chosen).lines()))
    try:
        meta, arrays = t.train(docs["train"], docs["dev"], embeddings=variant == "accurate", seed=seed,
                               log=typer.echo)
    except ValueError as exc:  # e.g. a slice with one class only
        _fail(f"cannot train on this gold: {exc}")
    meta.update(t.provenance(files[0].parent), variant=variant, gold_files=[f.name for f in files],
                gazetteer=gazetteer, limit=limit)
    for lang, figs in meta["dev"].items():
        if lang in ("ar", "en"):
            r, m = figs["rules"], figs["model"]
            typer.echo(f"dev {lang}: rules P {r['precision']:.1%} R {r['recall']:.1%} F1 {r['f1']:.1%} → model "
                       f"P {m['precision']:.1%} R {m['recall']:.1%} F1 {m['f1']:.1%}")
    d = meta["dev"]
    typer.echo(f"dev expected calibration error (10 bins): {d['ece']:.3f}; calibration fitted on the other half of "
               f"dev: {d['ece_held_out']:.3f}; on the events the rules keep: {d['ece_rules_kept']:.3f}")
    path = output or MODELS / CHOICES[variant]
    path = t.write(path, meta, arrays)
    load(path)  # what was written can be read back
    typer.echo(f"model: {path} ({path.stat().st_size // 1024} KB)")
