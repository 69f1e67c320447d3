"""StudyApp: an offline study program with a meta-learned student model."""

from studyapp import import_guard

__version__ = "0.1.0"

import_guard.install()
