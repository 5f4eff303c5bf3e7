"""What every subcommand shares: opening the data folder and turning known errors into exit 2."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import SqliteDatabase

from oneonone_desktop.paths import backup_dir, database_path, resolve_data_dir
from oneonone_desktop.store.connection import close_database, open_database
from oneonone_desktop.store.crypto import is_encrypted
from oneonone_desktop.store.errors import StoreError

EXIT_OK = 0
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback, exit code 2."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[SqliteDatabase]:
    """Open the data folder named by --data-dir (or the default) for one command."""
    folder = resolve_data_dir(getattr(args, "data_dir", None))
    path, passphrase = database_path(folder), None
    if is_encrypted(path):  # locked with a passphrase: $ONEONONE_PASSPHRASE or a prompt
        from oneonone_desktop.cli.safety import read_passphrase

        passphrase = read_passphrase(path)
    try:
        database = open_database(path, backup_dir=backup_dir(folder), passphrase=passphrase)
    except StoreError as exc:
        raise CommandError(exc.message) from exc
    try:
        yield database
    finally:
        close_database(database)
