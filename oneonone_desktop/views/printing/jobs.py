"""Render printables off the GUI thread, with progress, Cancel and a progress dialog for big
batches, so the window stays responsive while 1,000 cards are drawn.

Signals (RenderJob): progressed(int, int) (done, total), succeeded(object) (what the work
returned), failed(str) (a plain message), stopped() (cancelled: nothing was produced).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelFn], Any]

BIG_BATCH = 120  # people: from here a progress dialog may show
DIALOG_DELAY_MS = 400  # … and only when the work has not finished by then


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def plain_message(exc: BaseException) -> str:
    """The documents' known problems in their own plain words; anything else, briefly."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(exc, OSError):
        return _tr("Could not write the file: {why}.").format(why=exc.strerror or exc)
    return _tr("Something went wrong while making the pages ({what}).").format(
        what=type(exc).__name__
    )


class RenderJob(QThread):
    """Run `work(progress, cancelled)` on its own thread; the database connection it opens
    there is closed when it ends."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()  # no parent: it may outlive the page that started it (see start_job)
        self._work = work
        self._cancel = threading.Event()
        self.result: Any = None
        self.error = ""
        self.was_cancelled = False

    def cancel(self) -> None:
        self._cancel.set()

    def forget(self) -> None:
        """Finished: let go of it (Python deletes it once nobody holds it any more)."""
        self.wait()  # `finished` comes just before the thread really ends
        _RUNNING.discard(self)

    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from oneonone_desktop.documents.layout import PrintCancelled
        from oneonone_desktop.store.models import db

        try:
            self.result = self._work(self.progressed.emit, self._cancel.is_set)
            if self._cancel.is_set():
                raise PrintCancelled()
        except PrintCancelled:
            self.was_cancelled = True
        except Exception as exc:  # shown to the user; a bug is also logged (no personal data)
            if not isinstance(getattr(exc, "message", None), str):
                logging.getLogger(__name__).exception("Making printable pages failed")
            self.error = plain_message(exc)
        finally:
            if db.obj is not None and not db.is_closed():
                db.close()  # this thread's own connection only
        # Signals are queued to the GUI thread; emit after the connection is closed.
        if self.was_cancelled:
            self.stopped.emit()
        elif self.error:
            self.failed.emit(self.error)
        else:
            self.succeeded.emit(self.result)


_RUNNING: set[RenderJob] = set()
_AT_EXIT = False


def new_job(work: Work) -> RenderJob:
    """A RenderJob to connect and then start, kept alive until it has finished (even if the
    page that made it is closed first); Python waits for it on exit."""
    global _AT_EXIT
    if not _AT_EXIT:
        atexit.register(stop_all)
        _AT_EXIT = True
    job = RenderJob(work)
    _RUNNING.add(job)
    job.finished.connect(job.forget)
    return job


def stop_all() -> None:
    """Cancel every running job and wait for each (when the window closes or Python exits)."""
    for job in list(_RUNNING):
        job.cancel()
    for job in list(_RUNNING):
        job.wait()


def run_with_progress(
    parent: QWidget, work: Work, label: str, items: int, modal_always: bool = False
) -> tuple[str, Any]:
    """Run `work` on a thread and wait for it, with a progress dialog (Cancel) when the batch is
    big. Returns ("done", result), ("cancelled", None) or ("failed", message)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    job = new_job(work)
    dialog: QProgressDialog | None = None
    if items >= BIG_BATCH or modal_always:
        dialog = progress_dialog(parent, label, job)
    job.finished.connect(loop.quit)
    job.start()
    loop.exec()
    job.wait()
    if dialog is not None:
        dialog.reset()
        dialog.deleteLater()
    if job.was_cancelled:
        return ("cancelled", None)
    if job.error:
        return ("failed", job.error)
    return ("done", job.result)


def progress_dialog(parent: QWidget, label: str, job: RenderJob) -> QProgressDialog:
    """A window-modal progress dialog following `job`; its Cancel button cancels the job."""
    from PySide6.QtCore import Qt

    dialog = QProgressDialog(label, _tr("Cancel"), 0, 0, parent)
    dialog.setObjectName("printProgress")
    dialog.setWindowTitle(_tr("Making the pages"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(DIALOG_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def moved(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(
            _tr("{label} ({done:,} of {total:,})").format(label=label, done=done, total=total)
        )

    job.progressed.connect(moved)
    return dialog
