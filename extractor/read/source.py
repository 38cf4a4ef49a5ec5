"""One input to extract (`Source`): its display name and content, in memory or streamed."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

# Inputs up to this size are read into memory; larger ones stream from their file (or from
# a private temporary file, when they come out of a compressed file or an archive).
IN_MEMORY_BYTES = 16 << 20
# No input file expands past 4 GB in all (see the bounded decompression of archives).
MAX_DECOMPRESSED_BYTES = 4 << 30


def base_name(source: str) -> str:
    """The file name of an input's display name, whichever separator its path uses."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(slots=True)
class Source:
    """One input to extract: its display name and content, or a bundle's members.

    Small inputs carry their bytes; a large one carries the path of the file it is (`path`)
    or a private temporary file it was decompressed into (`spool`), and is read as a stream.
    """

    name: str
    data: bytes = b""
    members: dict[str, bytes] = field(default_factory=dict)
    path: Path | None = None
    spool: BinaryIO | None = None

    def open(self) -> BinaryIO:
        """A binary stream over the content, from its start."""
        if self.path is not None:
            return self.path.open("rb")
        if self.spool is not None:
            self.spool.seek(0)
            return _Unclosable(self.spool)
        return io.BytesIO(self.data)

    def read_all(self, limit: int) -> bytes:
        """The whole content, or InputError when it is over `limit` bytes."""
        if self.path is None and self.spool is None:
            data = self.data
        else:
            with self.open() as stream:
                data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(self.name, f"over {limit >> 20} MB: too large for this kind of "
                             "input (only submissions are read as a stream)", stage="read")
        return data

    def __reduce__(self) -> tuple[type[Source], tuple[str, bytes, dict[str, bytes],
                                                      Path | None]]:
        # A spooled temporary file cannot cross to a worker process: its bytes go instead
        # (only standard input, read by the parent, is ever sent that way).
        data = self.read_all(MAX_DECOMPRESSED_BYTES) if self.spool is not None else self.data
        return (Source, (self.name, data, self.members, self.path))


class _Unclosable(io.BufferedIOBase):
    """A view of a spooled file that leaves it open when closed, so it can be read again."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._raw.read(-1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._raw.read(size)
