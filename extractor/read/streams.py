"""Binary stream wrappers: bytes already read given back, hashing, and UTF-16 as UTF-8."""

from __future__ import annotations

import codecs
import hashlib
from typing import Protocol

COPY_CHUNK = 1 << 20


class Readable(Protocol):
    """Anything with a binary read(size): files, archive members, the wrappers below."""

    def read(self, size: int = -1, /) -> bytes: ...


class Prefixed:
    """A stream whose first bytes were already read: gives them back, then the rest."""

    def __init__(self, prefix: bytes, rest: Readable) -> None:
        self._prefix = prefix
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if self._prefix:
            if size < 0:
                data, self._prefix = self._prefix + self._rest.read(), b""
                return data
            data, self._prefix = self._prefix[:size], self._prefix[size:]
            return data
        return self._rest.read(size)


class HashingReader:
    """Passes a stream's bytes through and keeps their SHA-256."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._hash = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._stream.read(size)
        self._hash.update(data)
        return data

    def hexdigest(self) -> str:
        """The digest of the whole stream: what was not read yet is read (and dropped) first."""
        while self.read(COPY_CHUNK):
            pass
        return self._hash.hexdigest()


class _Utf16AsUtf8:
    """A UTF-16 (BOM) stream re-encoded as UTF-8 on the fly, so the byte scanner can read it."""

    def __init__(self, stream: Readable) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        self._stream = stream
        self._pending = b""

    def read(self, size: int = -1, /) -> bytes:
        while size < 0 or len(self._pending) < size:
            raw = self._stream.read(COPY_CHUNK if size < 0 else max(size, 4096))
            self._pending += self._decoder.decode(raw, final=not raw).encode("utf-8")
            if not raw:
                break
        if size < 0:
            data, self._pending = self._pending, b""
        else:
            data, self._pending = self._pending[:size], self._pending[size:]
        return data


def utf8_stream(stream: Readable) -> Readable:
    """The stream itself, or re-encoded to UTF-8 when it starts with a UTF-16 BOM."""
    head = stream.read(2)
    prefixed = Prefixed(head, stream)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return _Utf16AsUtf8(prefixed)
    return prefixed
