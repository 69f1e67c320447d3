"""StudyApp: an offline study program with a meta-learned student model."""

__version__ = "0.1.0"
