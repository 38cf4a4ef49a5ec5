"""Progress bars for long commands: total, rate and time left on a terminal, nothing elsewhere."""

from __future__ import annotations

import sys
from typing import Any


def progress_bar(total: int | None, unit: str, description: str) -> Any:
    """A tqdm bar on standard error, disabled when that is not a terminal (logs, pipes, CI),
    so the summaries printed after it stay the only output."""
    from tqdm import tqdm  # only commands that show a bar pay for it

    return tqdm(total=total, unit=f" {unit}", desc=description, file=sys.stderr,
                disable=not sys.stderr.isatty(), leave=False, dynamic_ncols=True,
                smoothing=0.1)
