"""Package data for :mod:`framing.classroom`: exercise texts, simulated coders and answer keys."""
