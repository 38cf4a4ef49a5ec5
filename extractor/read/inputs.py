"""Find inputs (files, folders, stdin) and read each into sources, opening archives."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .archives import TooLarge, bounded, is_gzip, is_tar, is_zip, is_zstd, sources_in, spool
from .source import IN_MEMORY_BYTES, MAX_DECOMPRESSED_BYTES, Source


def _walk_folder(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(files):
            if not file_name.startswith("."):
                yield Path(root) / file_name


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source | InputError]:
    """Yield every input under the given paths, one at a time; '-' reads standard input.

    Problems with one path are yielded as InputError so a batch can go on.
    """
    for item in iter_input_files(paths):
        if isinstance(item, Path):
            yield from read_input(item)
        else:
            yield item


def iter_input_files(paths: Iterable[str | os.PathLike[str]]
                     ) -> Iterator[Path | Source | InputError]:
    """The files under the given paths, unread (folders walked in sorted order).

    Standard input ('-') can only be read here, so it comes as its Source; a missing path
    comes as an InputError. Reading a file is left to `read_input`, which a worker process
    can do, so the process that walks a corpus never holds its contents.
    """
    for raw in paths:
        text = os.fspath(raw)
        if text == "-":
            yield from _stdin_sources()
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk_folder(path)
        elif path.exists():
            yield path
        else:
            yield InputError(text, "no such file or folder", stage="read")


def _stdin_sources() -> Iterator[Source | InputError]:
    try:
        blob = spool(sys.stdin.buffer, None)
    except TooLarge:
        yield InputError("<stdin>", f"over {MAX_DECOMPRESSED_BYTES >> 30} GB: refused",
                         stage="read")
        return
    size = len(blob) if isinstance(blob, bytes) else blob.seek(0, io.SEEK_END)
    yield from bounded("<stdin>", lambda budget: sources_in("<stdin>", blob, budget), size)


def read_input(path: Path, name: str | None = None) -> Iterator[Source | InputError]:
    """The sources in one file: itself, or the members of the archive it is.

    They are named `name` (the path as the user gave it, by default the path itself). A
    large plain file is not read here: its Source streams from the path.
    """
    name = str(path) if name is None else name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device would block or never end.
            yield InputError(name, "not a regular file (a pipe, socket or device): refused",
                             stage="read")
            return
        with path.open("rb") as handle:
            head = handle.read(512)
            if not (is_gzip(head) or is_zstd(head) or is_zip(head) or is_tar(head)):
                if info.st_size > IN_MEMORY_BYTES:
                    yield Source(name, path=path)
                else:
                    yield Source(name, head + handle.read())
                return
            handle.seek(0)
            yield from bounded(name, lambda budget: sources_in(name, handle, budget),
                                info.st_size)
    except FileNotFoundError:
        yield InputError(name, "no such file or folder", stage="read")
    except OSError as exc:
        yield InputError(name, f"cannot be read: {exc.strerror or exc}", stage="read")
