"""Rich text on screen: every widget that shows item text as HTML is a RichTextLabel.

Its text goes through the one sanitiser (`display_html`), and its document loads resources itself:
only images that are plain files in the data folder's media/, within size caps; nothing else
(no /dev/zero, no other local file, no remote or qrc URL, no style sheet). Qt's own fallback, which
reads any local file a document names, is never reached because MediaDocument does not call it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage, QImageReader, QTextDocument, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser

from studyapp.content.html_sanitize import display_html
from studyapp.content.media_names import is_safe_media_name

MAX_IMAGE_BYTES = 32 << 20       # a photo is a few MB
MAX_IMAGE_PIXELS = 40_000_000    # decoded size: a small file may claim a huge picture
MAX_IMAGE_HEIGHT = 260           # as the study screen's picture row


def media_image(folder: Path | None, url: QUrl) -> QImage | None:
    """The image `url` names if it is a plain file in `folder` within the caps, else None."""
    if folder is None or not url.isRelative() or url.hasQuery() or url.hasFragment():
        return None
    name = url.path()
    if not is_safe_media_name(name):
        return None
    path = Path(folder) / name
    try:
        if not path.is_file() or path.resolve().parent != Path(folder).resolve() \
                or path.stat().st_size > MAX_IMAGE_BYTES:
            return None  # a link out of the folder, a device or a folder, or too large
    except OSError:
        return None
    reader = QImageReader(str(path))
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return None
    if size.height() > MAX_IMAGE_HEIGHT:
        reader.setScaledSize(QSize(max(1, size.width() * MAX_IMAGE_HEIGHT // size.height()), MAX_IMAGE_HEIGHT))
    image = reader.read()
    return None if image.isNull() else image


class MediaDocument(QTextDocument):
    """A document that loads images from one media folder and refuses every other resource."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.media_folder: Path | None = None

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        image = media_image(self.media_folder, url)
        if image is not None:
            self.addResource(kind, url, image)  # cached: painting asks again
        return image


class RichTextLabel(QTextBrowser):
    """A read-only, frameless, transparent text that grows to its content, like a word-wrapped QLabel."""

    def __init__(self, parent=None, centred: bool = True) -> None:
        super().__init__(parent)
        self.media = MediaDocument(self)
        self.setDocument(self.media)
        self._text = ""
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.NoFocus)
        self.setTextInteractionFlags(Qt.NoTextInteraction)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        if centred:
            option = self.media.defaultTextOption()
            option.setAlignment(Qt.AlignCenter)
            option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
            self.media.setDefaultTextOption(option)
        self.media.documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def set_media_folder(self, folder: Path | None) -> None:
        if folder != self.media.media_folder:
            self.media.media_folder = folder
            self.media.clear()  # drops images cached from another folder

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, so the page treats both alike)
        self._text = text
        self.setHtml(display_html(text))
        # The document's size need not change (an empty document is one line high, as is a one-line text), and
        # then no documentSizeChanged comes: a text set after an empty one stayed 0 pixels high, a blank card.
        self._fit_height()

    def text(self) -> str:
        """The text as given (before sanitising), as QLabel.text() would return it."""
        return self._text

    def clear(self) -> None:
        self._text = ""
        super().clear()
        self._fit_height()

    def _fit_height(self, *_args) -> None:
        margins = self.contentsMargins()
        height = int(self.media.size().height()) + margins.top() + margins.bottom()
        if self._text == "":
            height = 0
        self.setFixedHeight(height)
