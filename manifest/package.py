"""The zip an admin uploads to Teams: manifest, icons and localization at the zip's root.

The zip is reproducible: the same settings give the same bytes (fixed entry times).
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .app_manifest import (
    COLOR_ICON_FILE,
    ENGLISH_FILE,
    MANIFEST_FILE,
    OUTLINE_ICON_FILE,
    build_localization,
    build_manifest,
)
from .icons import color_icon, outline_icon
from .settings import ManifestSettings

_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes


@dataclass(frozen=True, slots=True)
class WrittenPackage:
    path: Path
    files: tuple[str, ...]


def _json_bytes(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def package_files(settings: ManifestSettings) -> dict[str, bytes]:
    """The package's files by name, in the order they go into the zip."""
    return {
        MANIFEST_FILE: _json_bytes(build_manifest(settings)),
        COLOR_ICON_FILE: color_icon(),
        OUTLINE_ICON_FILE: outline_icon(),
        ENGLISH_FILE: _json_bytes(build_localization()),
    }


def write_package(settings: ManifestSettings, out: Path) -> WrittenPackage:
    """Write the zip to `out` (its folder is made if missing); replaces `out` whole or not."""
    files = package_files(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                entry = zipfile.ZipInfo(name, date_time=_ENTRY_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, data)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return WrittenPackage(path=out, files=tuple(files))
