"""The desktop GUI (PySide6). Nothing outside this package imports Qt."""

from studyapp.ui import qtfix

qtfix.install()
