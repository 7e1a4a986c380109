"""Draw a model's reliability diagram (dev split) from the bins its file records: `marsad train` computes them.

    python bench/reliability.py [MODEL.npz ...] -o docs/img/reliability.png

Needs matplotlib (pip install 'marsad[train]'). Prints each model's expected calibration error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from marsad.learn.decider import CHOICES, MODELS, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", type=Path, help="model files (default: the package's)")
    ap.add_argument("-o", "--output", type=Path, default=Path("docs/img/reliability.png"))
    args = ap.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = args.models or [MODELS / name for name in CHOICES.values() if (MODELS / name).exists()]
    fig, ax = plt.subplots(figsize=(5.2, 5.2), dpi=110)
    ax.plot([0, 1], [0, 1], linestyle="--", color="#888", linewidth=1, label="perfectly calibrated")
    for path in paths:
        model = load(path)
        dev = model.meta["dev"]
        bins = dev["reliability"]
        xs, ys, ns = zip(*bins, strict=True)
        label = f"{model.meta.get('variant', path.stem)} (ECE {dev['ece']:.3f}, held-out {dev['ece_held_out']:.3f})"
        ax.plot(xs, ys, marker="o", label=label)
        for x, y, n in bins:
            ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7, color="#555")
        print(f"{path.name}: ECE {dev['ece']:.3f} (calibration fitted on the other half of dev: "
              f"{dev['ece_held_out']:.3f}; events the rules keep: {dev['ece_rules_kept']:.3f}); "
              f"{dev['candidates']} dev candidates")
    ax.set_xlabel("confidence (mean in bin)")
    ax.set_ylabel("share that are gold events (dev)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("marsad decision layer: reliability on the dev split")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
