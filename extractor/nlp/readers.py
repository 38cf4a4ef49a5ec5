"""The text readers extraction calls, each imported on first use: headers alone never load spaCy."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _on_first_call(module: str, name: str) -> Callable[..., Any]:
    """A function that imports `module` (a sibling) when first called, then calls `name`."""
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)
    call.__name__ = call.__qualname__ = name
    return call


read_release = _on_first_call(".release", "read_release")
read_item_sections = _on_first_call(".form_items", "read_item_sections")
embedded_release = _on_first_call(".form_items", "embedded_release")
read_release_exhibits = _on_first_call(".exhibits", "read_release_exhibits")
read_agreement_exhibits = _on_first_call(".exhibits", "read_agreement_exhibits")
