"""Where the app keeps its data: the platform's user data folder, or a portable folder."""

from __future__ import annotations

import os
from pathlib import Path

from oneonone_desktop import APP_NAME

DATA_DIR_ENV = "ONEONONE_DATA_DIR"
DATABASE_NAME = "oneonone.sqlite3"
LOCK_NAME = "oneonone.lock"
BACKUP_DIR_NAME = "backups"


def default_data_dir() -> Path:
    """The per-user data folder (platformdirs), unless overridden by ONEONONE_DATA_DIR."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None) -> Path:
    """The data folder to use: --data-dir wins over the environment and the default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME
