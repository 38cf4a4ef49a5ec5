"""Opening a store on disk: a reader retried while a writer merges files, failures said plainly."""

from __future__ import annotations

import errno
import time

import pyoxigraph as ox

from ..errors import StoreUnavailable

# Causes of a failed open or write that freeing disk space cures (EDQUOT: a quota is full).
_DISK_FULL = ("No space left on device", "File too large", "Disk quota exceeded")
# A reader opens the files the store's manifest lists; a writer merging files meanwhile may
# delete one of them before the reader gets to it. Reading the manifest again finds the new
# ones: a few tries a fraction of a second apart outlast a merge.
_READ_TRIES = 6
_RETRY_PAUSE = 0.05


def open_store_files(path: str, read_only: bool) -> ox.Store:
    """The pyoxigraph store at `path`, opened for reading only or for writing."""
    for attempt in range(_READ_TRIES if read_only else 1):
        try:
            return ox.Store.read_only(path) if read_only else ox.Store(path)
        except (OSError, RuntimeError) as exc:  # RocksDB's own errors come as RuntimeError
            if read_only and _file_vanished(exc) and attempt + 1 < _READ_TRIES:
                time.sleep(_RETRY_PAUSE * 2 ** attempt)
                continue
            raise _open_failed(path, exc) from None
    raise AssertionError("unreachable: the last try returns or raises")


def is_disk_full(exc: OSError) -> bool:
    """Whether an error says the disk (or a quota, or a file size limit) is full."""
    # RocksDB's I/O errors come as OSError without an errno; only their text tells.
    return (exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            or any(cause in str(exc) for cause in _DISK_FULL))


def _file_vanished(exc: BaseException) -> bool:
    return "No such file or directory" in str(exc)


def _open_failed(path: str, exc: BaseException) -> StoreUnavailable:
    if isinstance(exc, OSError) and is_disk_full(exc):
        # Opening for writing starts a new log file, so a full disk shows up here too.
        return StoreUnavailable(f"{path}: the store cannot be opened ({exc}); free some disk "
                                "space and run the command again")
    if _file_vanished(exc):
        return StoreUnavailable(f"{path}: the store changed while it was being read (a load "
                                "is writing it); run the command again")
    return StoreUnavailable(f"{path}: the store cannot be opened ({exc}). Is another edgar-kg "
                            "process using it, or is the folder not an edgar-kg store?")
