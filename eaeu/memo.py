"""A bounded, thread-safe memo for values that depend on their key alone.

Charts are memoised by chart id, view and data version, so a commit or rollback in any process
makes new keys (the data version is the content hash): nothing is invalidated, old entries
simply age out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """The `size` most recently used values; a value is made once per key (made outside the
    lock, so one slow value does not hold up the others)."""

    def __init__(self, size: int = 256):
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
