"""Item models: one per list or table on screen."""
