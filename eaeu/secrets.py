"""The Flask secret key: from SECRET_KEY, or generated once per instance and kept outside git."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def secret_key(instance_dir: Path) -> str:
    """No default secret ever: an unset SECRET_KEY means a random one stored in instance/."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = instance_dir / "secret_key"
    instance_dir.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two workers starting at once agree on one key instead of racing.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key
