"""Settings resolve in one place: explicit argument, then environment variable, then default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"


def _setting(value: object, env: str, default: object) -> object:
    if value is not None:
        return value
    return os.environ.get(env, default)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    host: str
    port: int
    debug: bool

    @classmethod
    def load(
        cls,
        data_dir: str | Path | None = None,
        host: str | None = None,
        port: int | None = None,
        debug: bool | None = None,
    ) -> Settings:
        return cls(
            data_dir=Path(_setting(data_dir, "EAEU_DATA_DIR", DEFAULT_DATA_DIR)),
            host=str(_setting(host, "HOST", "127.0.0.1")),
            port=int(_setting(port, "PORT", 8050)),
            debug=bool(debug) if debug is not None else False,
        )
