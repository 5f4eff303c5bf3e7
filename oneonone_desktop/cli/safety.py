"""Data safety commands: `backup`, `restore`, `check`, `encrypt`, `decrypt`, `export-person` and
`erase-person`, over store.backups, store.encrypt_folder and services.privacy."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from oneonone_desktop.cli.common import CommandError, opened_store
from oneonone_desktop.paths import backup_dir, database_path, resolve_data_dir
from oneonone_desktop.store import crypto
from oneonone_desktop.store.errors import StoreError

PASSPHRASE_HELP = (
    "If the data is locked with a passphrase, it is read from $ONEONONE_PASSPHRASE or asked "
    "for (typing is not shown). Putting a passphrase in the environment is for scripts only: "
    "other programs you run, shell history and crash reports may see it."
)


def read_passphrase(path: Path, prompt: str = "Passphrase: ", *, env: bool = True) -> str:
    """The passphrase from $ONEONONE_PASSPHRASE, else typed at a prompt; CommandError (exit 2)
    when there is neither (no terminal to ask on)."""
    if env:
        given = os.environ.get(crypto.PASSPHRASE_ENV)
        if given:
            return given
    if not sys.stdin or not sys.stdin.isatty():
        raise CommandError(
            f"The data file {path} is locked with a passphrase and there is no terminal to ask "
            f"for it: set {crypto.PASSPHRASE_ENV} (see: oneonone encrypt --help)."
        )
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt) as exc:
        raise CommandError("No passphrase was typed; nothing was changed.") from exc


def _folder(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup", help="make a verified backup now (in the backups folder, or --out FILE)",
        epilog=PASSPHRASE_HELP,
    )  # fmt: skip
    backup.add_argument("--out", metavar="FILE", help="write the copy here (a USB stick, …)")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="put a backup in place of the data (the current data is backed up first)",
        epilog=PASSPHRASE_HELP,
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="really do it (without: only say)")
    restore.set_defaults(handler=run_restore)

    check = subparsers.add_parser(
        "check", help="check the data file for damage and a sound format (exit 0 when sound)",
        epilog=PASSPHRASE_HELP,
    )  # fmt: skip
    check.set_defaults(handler=run_check)

    for name, words in (("encrypt", "lock"), ("decrypt", "unlock")):
        sub = subparsers.add_parser(
            name,
            help=f"{words} the data and every backup with a passphrase"
            if name == "encrypt"
            else "remove the passphrase from the data and every backup",
            description=PASSPHRASE_HELP
            + " Keep the passphrase somewhere safe: without it the data cannot be read.",
        )
        sub.set_defaults(handler=run_encrypt if name == "encrypt" else run_decrypt)

    export = subparsers.add_parser(
        "export-person",
        help="write everything held about one person (a privacy request) to .json or .pdf",
        epilog=PASSPHRASE_HELP,
    )
    export.add_argument("id", type=int, metavar="ID", help="the person's number (oneonone list)")
    export.add_argument("--out", required=True, metavar="FILE", help="a .json or .pdf file")
    export.set_defaults(handler=run_export_person)

    erase = subparsers.add_parser(
        "erase-person",
        help="erase one person and everything held about them, for good",
        epilog=PASSPHRASE_HELP,
    )
    erase.add_argument("id", type=int, metavar="ID")
    erase.add_argument("--yes", action="store_true", help="really do it (without: only say)")
    erase.set_defaults(handler=run_erase_person)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def run_backup(args: argparse.Namespace) -> int:
    from oneonone_desktop.store import backups

    with opened_store(args) as database:
        try:
            if args.out:
                dest = backups.save_copy(database, Path(args.out).expanduser())
                print(f"Saved a verified copy of the data to {dest}.")
            else:
                made = backups.make_backup(database, backup_dir(_folder(args)))
                print(f"Made a verified backup: {made.path} ({_size(made.size)}).")
        except OSError as exc:
            raise CommandError(
                f"The backup could not be written ({exc}). Nothing was changed."
            ) from exc
    return 0


def _data_key(path: Path) -> str | None:
    if not crypto.is_encrypted(path):
        return None
    key = read_passphrase(path)
    try:
        crypto.check_passphrase(path, key)
    except StoreError as exc:
        raise CommandError(exc.message) from exc
    return key


def run_restore(args: argparse.Namespace) -> int:
    from oneonone_desktop.store import backups
    from oneonone_desktop.store.connection import close_database, open_database
    from oneonone_desktop.store.encrypt_folder import FolderBusy, folder_in_use

    folder = _folder(args)
    source = Path(args.file).expanduser().resolve()
    if not source.is_file():
        raise CommandError(f"There is no backup file at {source}. Nothing was changed.")
    path = database_path(folder)
    if not args.yes:
        raise CommandError(
            f"This would put {source} in place of the data in {path}; the data as it is now "
            "would first be saved in the backups folder. Add --yes to do it."
        )
    if folder_in_use(folder):
        raise CommandError(FolderBusy(folder).message)
    data_key = _data_key(path)
    backup_key = None
    if crypto.is_encrypted(source):
        backup_key = data_key or read_passphrase(source, "Passphrase of the backup: ", env=False)
    try:
        safety = backups.restore(
            folder, source, backup_passphrase=backup_key, data_passphrase=data_key
        )
        close_database(open_database(path, backup_dir=backup_dir(folder), passphrase=data_key))
    except StoreError as exc:
        raise CommandError(exc.message) from exc
    except OSError as exc:
        raise CommandError(f"The restore did not happen ({exc}). Nothing was changed.") from exc
    print(f"Restored {source.name}.")
    if safety is not None:
        print(f"The data as it was before is kept in {safety.path}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from oneonone_desktop.store.backups import check_data

    path = database_path(_folder(args))
    try:
        problems = check_data(path, _data_key(path))
    except StoreError as exc:
        raise CommandError(exc.message) from exc
    if problems:
        raise CommandError("\n".join(problems))
    print(f"{path} is sound: no damage, and its format is as expected.")
    return 0


def _convert(args: argparse.Namespace, action: str) -> int:
    from oneonone_desktop.store import encrypt_folder

    folder = _folder(args)
    path = database_path(folder)
    try:
        if action == "encrypt":
            if crypto.is_encrypted(path):
                raise CommandError(f"{path} is already locked with a passphrase.")
            passphrase = read_passphrase(path, "New passphrase: ")
            if not os.environ.get(crypto.PASSPHRASE_ENV):
                again = read_passphrase(path, "The same passphrase again: ", env=False)
                if again != passphrase:
                    raise CommandError("The two passphrases differ; nothing was changed.")
            report = encrypt_folder.encrypt_data(folder, passphrase)
        else:
            if not crypto.is_encrypted(path):
                raise CommandError(f"{path} is not locked with a passphrase.")
            report = encrypt_folder.decrypt_data(folder, read_passphrase(path))
    except StoreError as exc:
        raise CommandError(exc.message) from exc
    except OSError as exc:
        raise CommandError(f"The conversion stopped ({exc}); every file is whole.") from exc
    state = "locked with the passphrase" if action == "encrypt" else "no longer locked"
    print(f"The data in {folder} is {state}. {report.summary()}")
    return 0


def run_encrypt(args: argparse.Namespace) -> int:
    return _convert(args, "encrypt")


def run_decrypt(args: argparse.Namespace) -> int:
    return _convert(args, "decrypt")


def run_export_person(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import privacy

    with opened_store(args) as database:
        try:
            out = privacy.export_person(database, args.id, Path(args.out).expanduser())
        except privacy.PersonNotFound as exc:
            raise CommandError(exc.message) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{args.out} could not be written ({exc.strerror}).") from exc
    print(f"Wrote everything held about person {args.id} to {out}.")
    return 0


def run_erase_person(args: argparse.Namespace) -> int:
    from oneonone_desktop.services import privacy
    from oneonone_desktop.store.models import Supporter

    with opened_store(args) as database:
        person = Supporter.get_or_none(Supporter.id == args.id)
        if person is None:
            raise CommandError(privacy.PersonNotFound(args.id).message)
        if not args.yes:
            raise CommandError(
                f"This would erase person {args.id} and everything held about them, for good. "
                "Add --yes to do it."
            )
        result = privacy.erase_person(database, args.id)
        held = privacy.backups_holding(backup_dir(_folder(args)))
    rows = sum(result.rows.values())
    print(f"Erased person {args.id} ({rows:,} rows in all); no trace is left in the data file.")
    if held:
        print(
            f"{len(held)} backup(s) made before still hold them; automatic ones go within four "
            f"weeks. Delete the others by hand if needed: {backup_dir(_folder(args))}"
        )
    return 0
