"""Engine work off the UI thread, in threads that never hold up quitting.

Textual's thread workers run on asyncio's default executor, whose threads Python joins at exit
(and `asyncio.run` waits for them when the loop closes): a trial-risk computation that takes a
minute kept the process alive for that minute after `q`. Here each computation runs in a daemon
thread of its own, awaited from an ordinary (async) Textual worker: cancelling the worker, or
leaving the app, abandons the thread at once, and the `should_stop` hook asks the engine to stop
at its next check so that it does not burn the CPU either.

    result = await in_thread(fn, *args, **kwargs)     # from an async worker
    kwargs = hooks(fn, should_stop=..., progress=...)  # only the hooks `fn` accepts
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from typing import Any, Callable

# the engine's stop hook has been called `cancel` (calculator.engine.risk/explore) and is becoming
# `should_stop`; progress was (done, total) for explore and becomes a fraction: both are accepted
STOP_NAMES = ("should_stop", "cancel")


def accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def hooks(fn: Callable[..., Any], *, should_stop: Callable[[], bool] | None = None,
          progress: Callable[..., None] | None = None) -> dict[str, Any]:
    """The keyword hooks `fn` accepts: its stop hook (whichever name it uses) and `progress`."""
    kw: dict[str, Any] = {}
    if should_stop is not None:
        name = next((n for n in STOP_NAMES if accepts(fn, n)), None)
        if name is not None:
            kw[name] = should_stop
    if progress is not None and accepts(fn, "progress"):
        kw["progress"] = progress
    return kw


def fraction(*args: float) -> float | None:
    """A progress report as a fraction 0-1: `progress(f)` or `progress(done, total)`."""
    if len(args) == 1:
        return max(0.0, min(1.0, float(args[0])))
    if len(args) == 2 and args[1]:
        return max(0.0, min(1.0, args[0] / args[1]))
    return None


def _settle(fut: asyncio.Future, value: Any, exc: BaseException | None) -> None:
    if fut.done():  # the awaiting worker was cancelled: nobody wants the result
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(value)


async def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run fn(*args, **kwargs) in a daemon thread and await its result (or its exception).
    Cancelling the awaiting task returns at once; the thread is left to stop by itself."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future = loop.create_future()

    def runner() -> None:
        value, error = None, None
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the awaiting task
            error = exc
        try:
            loop.call_soon_threadsafe(_settle, fut, value, error)
        except RuntimeError:  # the loop is closed: the app has gone
            pass

    threading.Thread(target=runner, name=f"exposure-{getattr(fn, '__name__', 'engine')}", daemon=True).start()
    return await fut


def reporter(loop: asyncio.AbstractEventLoop, callback: Callable[[float], None]) -> Callable[..., None]:
    """A progress hook for the engine (any thread): hands each fraction to `callback` on the
    event loop without waiting for it (a blocked engine thread would hold up quitting)."""
    def report(*args: float) -> None:
        f = fraction(*args)
        if f is None:
            return
        try:
            loop.call_soon_threadsafe(callback, f)
        except RuntimeError:  # the loop is closed
            pass

    return report
