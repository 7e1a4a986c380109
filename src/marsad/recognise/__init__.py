"""Recognition: one phrase matcher over the language data, numbers and quantities, temporal expressions."""
