"""The data folder: where the database, exports and logs live (see CONTRACT.md, "Names")."""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import UserError

ENV_VAR = "RESUMEPAIR_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$RESUMEPAIR_DATA_DIR``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("ResumePair", appauthor=False)).resolve()


def private_subdir(data_dir: Path, *parts: str) -> Path:
    """``data_dir/parts...``, each level created private (``mkdir(parents=True)`` would make them 0755)."""
    path = ensure_private_dir(data_dir)
    for part in parts:
        path = ensure_private_dir(path / part)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Creates ``path`` (mode 0700 on POSIX) or says clearly why it cannot be used."""
    existed = path.is_dir()
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise UserError(f"data folder {path}: cannot be created ({exc.strerror or exc})") from None
    if os.name == "posix" and path.stat().st_mode & 0o777 != 0o700:
        try:
            path.chmod(0o700)
        except OSError:
            # An existing folder we may not change (read-only, another owner) is still usable for reading;
            # a write into it fails later with its own clear error.
            if not existed:
                raise UserError(f"data folder {path}: cannot be made private") from None
    if not path.is_dir():
        raise UserError(f"data folder {path}: is not a folder")
    return path
