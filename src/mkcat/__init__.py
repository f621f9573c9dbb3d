"""mkcat: the catalogue of a safeguarding partnership's published case reviews."""

__version__ = "0.1.0"
