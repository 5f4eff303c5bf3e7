"""Data safety screens: the Data safety section, the Backups dialog, a person's consent history,
the passphrase prompt and the app lock."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any


def shoot(window: Any, database: Any, out: Path, helpers: Any) -> list[Path]:
    from oneonone_desktop.paths import backup_dir
    from oneonone_desktop.services.supporters import Consent, record_consent
    from oneonone_desktop.store import backups, crypto
    from oneonone_desktop.store.backup import backup_connection
    from oneonone_desktop.store.models import ConsentRecord
    from oneonone_desktop.views.safety.app_lock import AppLock
    from oneonone_desktop.views.safety.backups_dialog import BackupsDialog
    from oneonone_desktop.views.safety.consent_dialog import ConsentHistoryDialog
    from oneonone_desktop.views.safety.passphrase import PassphraseDialog

    if window.data_dir is None:  # the screenshot window was made without its folder
        from oneonone_desktop.views.safety import install

        window.data_dir = Path(database.database).parent
        install(window)
    written = []
    folder = backup_dir(window.data_dir)
    now = dt.datetime.combine(helpers.demo_day, dt.time(9, 12))
    for days in (0, 1, 2, 9):
        kind = backups.MANUAL if days == 2 else backups.AUTO
        backups.make_backup(database, folder, kind, now - dt.timedelta(days=days, minutes=days))
    window.show_section("safety")
    helpers.settle()
    written.append(helpers.save(window, out / "safety-page.png"))

    dialog = BackupsDialog(window)
    written.append(helpers.over(window, dialog, out / "backups.png"))

    record = ConsentRecord.select().where(ConsentRecord.granted == True).first()  # noqa: E712
    if record is not None:
        person = record.supporter_id
        record_consent(person, "photo", Consent(True, helpers.demo_day, "said yes during 1:1"))
        record_consent(person, "photo", Consent(False, helpers.demo_day, "asked by text to stop"))
        window.open_person(person)
        helpers.settle()
        written.append(helpers.over(window, ConsentHistoryDialog(person, window),
                                    out / "consent-history.png"))  # fmt: skip

    spare = Path(tempfile.mkdtemp()) / "locked.sqlite3"
    plain = backup_connection(database.connection(), spare.with_name("plain.sqlite3"))
    crypto.convert(plain, spare, source_key=None, dest_key="a picture passphrase")
    prompt = PassphraseDialog(spare, window)
    prompt.field.setText("wrong one")
    prompt.try_unlock()
    written.append(helpers.over(window, prompt, out / "passphrase-prompt.png"))
    lock = AppLock(window, spare)
    lock.lock()
    helpers.settle()
    written.append(helpers.save(window, out / "app-lock.png"))
    lock.unlock()
    return written
