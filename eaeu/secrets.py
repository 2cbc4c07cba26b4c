"""The Flask secret key: the configured one, or generated once per instance and kept outside git."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def secret_key(instance_dir: Path, configured: str | None = None) -> str:
    """No default secret ever: without a configured key, a random one stored in instance/."""
    if configured:
        return configured
    path = instance_dir / "secret_key"
    instance_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        # O_EXCL: two workers starting at once agree on one key instead of racing.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key
