"""ResumePair: a desktop resume builder with an offline PDF export system."""

__version__ = "0.1.0"
