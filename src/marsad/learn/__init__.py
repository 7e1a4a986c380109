"""The learned decision layer: features of the rules' candidate events, labels from gold, training, and the
numpy-only model that decides at run time (docs/LEARNED.md)."""
