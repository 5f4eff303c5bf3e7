"""Keep the pages of the latest print choices up to date on a worker thread: newer choices
stop older work, only the newest pages are ever shown, and printing or saving reuses them.

Signals: shown(object) (the Rendered pages of the latest choices), failed(str), stopped()
(the user stopped a big preview), missing(str) (the choices are not complete: what to do).
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QWidget

from oneonone_desktop.views.printing.jobs import (
    BIG_BATCH,
    RenderJob,
    new_job,
    progress_dialog,
    run_with_progress,
)
from oneonone_desktop.views.printing.printable import Printable, Rendered


class PreviewRunner(QObject):
    shown = Signal(object)
    failed = Signal(str)
    stopped = Signal()
    missing = Signal(str)
    _jobDone = Signal()  # the worker has finished and its results are in

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._wanted: Printable | str = ""
        self._job: RenderJob | None = None
        self._job_printable: Printable | None = None
        self._rendered: tuple[Printable, Rendered] | None = None
        self._restart = False  # a running job was stopped because newer choices came
        self._busy = False  # printing or saving is making its own pages

    def rendered(self) -> Rendered | None:
        """The pages of the latest choices, once made."""
        if self._rendered is not None and self._rendered[0] == self._wanted:
            return self._rendered[1]
        return None

    def running(self) -> bool:
        return self._job is not None

    def request(self, wanted: Printable | str, force: bool = False) -> None:
        """Make the pages of these choices (or say what is missing); `force`: even if made."""
        self._wanted = wanted
        if isinstance(wanted, str):
            if self._job is not None:
                self._job.cancel()
            self.missing.emit(wanted)
            return
        if not force and self.rendered() is not None:
            self.shown.emit(self._rendered[1])  # type: ignore[index]
            return
        if self._job is not None:  # the wanted pages are made once this one has stopped
            self._restart = True
            self._job.cancel()
            return
        self._start(wanted)

    def stop(self) -> None:
        """Stop making pages and wait for the worker (the window is closing)."""
        self._wanted = ""
        job = self._job
        if job is not None:
            job.cancel()
            job.wait()

    def cancel(self) -> None:
        """Stop the running preview as if the user had pressed Cancel."""
        if self._job is not None:
            self._job.cancel()

    def pages_for(self, printable: Printable, label: str) -> tuple[str, Rendered | str | None]:
        """The pages to print or save: the preview's, or made now with a Cancel button.
        Returns ("done", Rendered), ("cancelled", None) or ("failed", message)."""
        self._wanted = printable  # what is printed is what is chosen now
        making = self._job is not None and self._job_printable == printable
        if making and self.rendered() is None:
            loop = QEventLoop()  # the preview is making these very pages: wait for them
            self._jobDone.connect(loop.quit)
            loop.exec()
            self._jobDone.disconnect(loop.quit)
        made = self.rendered()
        if made is not None:
            return ("done", made)
        self._busy = True
        try:
            if self._job is not None:
                self._job.cancel()
            status, value = run_with_progress(self._parent, printable.work, label, printable.items)
        finally:
            self._busy = False
        self._restart = False
        if status == "done" and printable == self._wanted:
            self._rendered = (printable, value)
            self.shown.emit(value)
        return (status, value)

    # --- inside -------------------------------------------------------------------------------

    def _start(self, printable: Printable) -> None:
        job = new_job(printable.work)
        self._job, self._job_printable = job, printable
        self._restart = False
        if printable.items >= BIG_BATCH:
            dialog = progress_dialog(self._parent, self.tr("Making the preview"), job)
            job.finished.connect(dialog.deleteLater)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.stopped.connect(self._stopped)
        job.finished.connect(self._finished)
        job.start()

    def _current(self) -> bool:
        """The finished job made the pages of the latest choices."""
        return self._job_printable == self._wanted and not self._restart

    def _succeeded(self, result: Rendered) -> None:
        if self._job_printable is not None and self._job_printable == self._wanted:
            self._rendered = (self._job_printable, result)
            self.shown.emit(result)

    def _failed(self, message: str) -> None:
        if self._current():
            self._rendered = None
            self.failed.emit(message)

    def _stopped(self) -> None:
        if self._current() and not self._busy:
            self._rendered = None
            self.stopped.emit()

    def _finished(self) -> None:
        self._job = None
        self._jobDone.emit()
        wanted = self._wanted
        if (
            self._restart
            and isinstance(wanted, Printable)
            and self.rendered() is None
            and not self._busy  # printing or saving makes its own pages meanwhile
        ):
            self._start(wanted)
