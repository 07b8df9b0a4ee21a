"""roadmap: a terminal tracker for the path to a machine-learning-engineer job."""

__version__ = "0.1.0"
