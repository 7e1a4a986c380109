"""Text stage: normalisation, tokens with offsets, sentences, clitic-aware lookup keys."""
