"""pyHanko's synchronous calls run an event loop of their own (asyncio.run), which fails in
a thread where a loop is already running: under an ASGI server, or after Playwright's sync
API has started in the tests. There the call runs in a worker thread instead."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def call_blocking(function: Callable[..., T], /, *args, **kwargs) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
