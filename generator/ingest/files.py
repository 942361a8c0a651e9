"""Reading input files as text: UTF-8 (a BOM is accepted), newlines normalised, problems located."""

from __future__ import annotations

import glob
import hashlib
from pathlib import Path

from ..errors import Problem

# Articles are scraped text; anything far beyond a long feature is a mistake, not news, and
# reading it whole would cost memory for nothing.
MAX_BYTES = 16 * 1024 * 1024


def file_sha256(path: str) -> bytes:
    """The sha256 of a file's bytes (the inputs' fingerprint: pipeline.fingerprint, Memo.file_digest)."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).digest()


def text_files(directory: Path) -> list[str]:
    """Every ``*.txt`` under ``directory`` (hidden ones too, as ``Path.rglob`` finds them), as
    paths relative to it with "/", in ``sorted(rglob)``'s order (by path part). ``glob`` on strings:
    ``rglob`` and ``relative_to`` took 0.3 s for 10,000 articles, on every rebuild of a preview."""
    found = glob.glob("**/*.txt", root_dir=directory, recursive=True, include_hidden=True)
    return sorted((path.replace("\\", "/") for path in found), key=lambda path: path.split("/"))


def read_text(file: Path | str, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text with CRLF/CR turned into LF, or None and a problem saying why not."""
    file = Path(file)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(shown, message=f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
        data = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, message="file not found")]
    except OSError as error:
        return None, [Problem(shown, message=f"cannot read file: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        return None, [Problem(shown, line, message=f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
