#!/usr/bin/env python3
"""Record a Python asyncio program as a LoopLens trace (docs/python-tracer.md).

    python3 looplens_asyncio.py -o trace.jsonl script.py [args ...]

Standard library only; CPython 3.11 to 3.14. The program runs unchanged (same output, same
behaviour); its tasks' spawn, resume, suspend (with what they awaited), ready and finish events,
and its to_thread / run_in_executor calls, are buffered in memory and written as JSON Lines when
the program ends.
"""

import asyncio
import asyncio.base_events
import asyncio.tasks
import atexit
import collections.abc
import functools
import itertools
import json
import os
import re
import runpy
import sys
import threading
import time
import weakref
from array import array

FORMAT_VERSION = 1

# Event kinds, as stored in the buffer.
SPAWN, RESUME, SUSPEND, READY, FINISH = range(5)
KIND_NAMES = ("spawn", "resume", "suspend", "ready", "finish")


class Recorder:
    """Buffers events as integers (time, task, kind, detail) in one array; the details (what a
    task waited on, how it ended) are interned in a side table. Writing JSON happens once, at
    the end: formatting an event costs about 5 us, far more than recording it."""

    def __init__(self):
        self.start = time.perf_counter_ns()
        self.buffer = array("q")
        self.details = []
        self.detail_index = {}
        self.names = {}
        self.parents = {}
        self.task_ids = weakref.WeakKeyDictionary()
        self.live_tasks = {}
        self.ids = itertools.count(1)
        self.written = False

    def detail(self, value):
        index = self.detail_index.get(value)
        if index is None:
            index = len(self.details)
            self.details.append(value)
            self.detail_index[value] = index
        return index

    def record(self, task_id, kind, detail=-1):
        # One C call (extend) per event keeps events from worker threads whole.
        self.buffer.extend((time.perf_counter_ns() - self.start, task_id, kind, detail))

    def events(self):
        buffer = self.buffer
        rows = [tuple(buffer[i:i + 4]) for i in range(0, len(buffer), 4)]
        rows.sort(key=lambda row: row[0])  # stable: same-time events keep their order
        return rows

    def write(self, path, title):
        if self.written:
            return
        self.written = True
        for task_id, (reference, coroutine_name) in self.live_tasks.items():
            task = reference()
            if task is not None:
                self.names[task_id] = display_name(task, coroutine_name)
        header = {"looplens": FORMAT_VERSION, "run": "real", "scenario": title, "clock": "monotonic"}
        lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
        for t, task_id, kind, detail in self.events():
            event = {"t": t, "run": "real", "task": task_id, "ev": KIND_NAMES[kind]}
            if kind == SPAWN:
                event["name"] = self.names.get(task_id, "task %d" % task_id)
                parent = self.parents.get(task_id)
                if parent is not None:
                    event["parent"] = parent
            elif detail >= 0:
                value = self.details[detail]
                if kind == SUSPEND:
                    event["on"], event["what"] = value
                elif kind == READY:
                    event["by"] = value
                elif kind == FINISH:
                    event["result"] = value[0]
                    if value[1] is not None:
                        event["error"] = value[1]
            lines.append(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
        temporary = "%s.%d.tmp" % (path, os.getpid())
        with open(temporary, "w", encoding="utf-8") as output:
            output.write("\n".join(lines) + "\n")
        os.replace(temporary, path)


RECORDER = Recorder()
DEFAULT_NAME = re.compile(r"^Task-\d+$")


def display_name(task, coroutine_name):
    """A task's lane name: the name it was given, or, when asyncio named it `Task-N`, its
    coroutine's name and N (`download 3`), so that lanes of one coroutine stay apart."""
    name = task.get_name()
    if DEFAULT_NAME.match(name):
        return "%s %s" % (coroutine_name, name[5:])
    return name


# -- What a suspend waited on ------------------------------------------------------------------

SYNC_PRIMITIVES = {}


def primitive_name(kind, primitive):
    numbers = SYNC_PRIMITIVES.setdefault(kind, weakref.WeakKeyDictionary())
    number = numbers.get(primitive)
    if number is None:
        number = numbers[primitive] = len(numbers) + 1
    return "%s %d" % (kind, number)


def innermost_frame(coroutine):
    """Walks cr_await down to the innermost Python frame the task is suspended in."""
    frame = None
    awaitable = coroutine
    for _ in range(64):
        frame = getattr(awaitable, "cr_frame", None) or getattr(awaitable, "gi_frame", None) or frame
        following = getattr(awaitable, "cr_await", None) or getattr(awaitable, "gi_yieldfrom", None)
        if following is None:
            break
        awaitable = following
    return frame


def describe_wait(yielded, coroutine):
    """(on, what) for a suspension that yielded `yielded`."""
    if yielded is None:
        return ("sleep", "0s")
    if isinstance(yielded, asyncio.Task):
        task_id = RECORDER.task_ids.get(yielded)
        return ("task", RECORDER.names.get(task_id, yielded.get_name()))
    children = getattr(yielded, "_children", None)
    if children is not None:
        names = [RECORDER.names.get(RECORDER.task_ids.get(child), child.get_name()) for child in children
                 if isinstance(child, asyncio.Future) and hasattr(child, "get_name")]
        return ("gather", ", ".join(names) if names else "%d awaitables" % len(children))
    frame = innermost_frame(coroutine)
    if frame is None:
        return ("other", "future")
    name = frame.f_code.co_name
    owner = frame.f_locals.get("self")
    if name in ("to_thread", "run_in_executor"):
        return ("thread", name)
    if name == "sleep" and "delay" in frame.f_locals:
        return ("sleep", "%gs" % frame.f_locals["delay"])
    if name == "acquire" and isinstance(owner, asyncio.Semaphore):
        return ("semaphore", primitive_name("semaphore", owner))
    if name == "acquire" and isinstance(owner, asyncio.Lock):
        return ("lock", primitive_name("lock", owner))
    if isinstance(owner, asyncio.Queue):
        return ("other", "queue %s" % name)
    if isinstance(owner, asyncio.Event):
        return ("other", "event wait")
    if isinstance(owner, asyncio.StreamReader) or name.startswith("sock_"):
        return ("io", "socket" if name.startswith("sock_") else "stream read")
    return ("other", frame.f_code.co_qualname if hasattr(frame.f_code, "co_qualname") else name)


# -- The coroutine proxy --------------------------------------------------------------------------

class TracedCoroutine(collections.abc.Coroutine):
    """Wraps a task's coroutine: records resume before each step and suspend (with what it
    awaited) or finish after it. asyncio's C Task drives it like the coroutine itself."""

    __slots__ = ("_coroutine", "_task_id", "__weakref__")

    def __init__(self, coroutine, task_id):
        self._coroutine = coroutine
        self._task_id = task_id

    def send(self, value):
        return self._step(self._coroutine.send, value)

    def throw(self, kind, value=None, traceback=None):
        if value is None and traceback is None:
            return self._step(self._coroutine.throw, kind)
        return self._step(lambda _: self._coroutine.throw(kind, value, traceback), None)

    def _step(self, advance, argument):
        recorder = RECORDER
        task_id = self._task_id
        recorder.record(task_id, RESUME)
        try:
            yielded = advance(argument)
        except StopIteration:
            recorder.record(task_id, FINISH, recorder.detail(("ok", None)))
            raise
        except asyncio.CancelledError:
            recorder.record(task_id, FINISH, recorder.detail(("cancelled", None)))
            raise
        except BaseException as error:
            message = "%s: %s" % (type(error).__name__, error) if str(error) else type(error).__name__
            recorder.record(task_id, FINISH, recorder.detail(("error", message)))
            raise
        recorder.record(task_id, SUSPEND, recorder.detail(describe_wait(yielded, self._coroutine)))
        return yielded

    def close(self):
        return self._coroutine.close()

    def __await__(self):
        return self._coroutine.__await__()

    def __getattr__(self, name):
        # cr_frame, cr_await, __name__, __qualname__ ... for repr() and Task.get_stack().
        return getattr(self._coroutine, name)

    def __repr__(self):
        return repr(self._coroutine)


# -- Hooks into asyncio ------------------------------------------------------------------------------

original_create_task = asyncio.base_events.BaseEventLoop.create_task
original_call_soon = asyncio.base_events.BaseEventLoop.call_soon
original_run_in_executor = asyncio.base_events.BaseEventLoop.run_in_executor
original_set_task_name = getattr(asyncio.tasks, "_set_task_name", None)


def traced_create_task(self, coro, *args, **kwargs):
    coroutine_name = getattr(coro, "__qualname__", None) or getattr(coro, "__name__", "task")
    # asyncio.run's own clean-up tasks are the loop's business, not the program's.
    if not asyncio.iscoroutine(coro) or isinstance(coro, TracedCoroutine) or coroutine_name.startswith("BaseEventLoop."):
        return original_create_task(self, coro, *args, **kwargs)
    recorder = RECORDER
    task_id = next(recorder.ids)
    parent = asyncio.current_task(self) if self.is_running() else None
    recorder.parents[task_id] = recorder.task_ids.get(parent) if parent is not None else None
    recorder.names[task_id] = coroutine_name
    recorder.record(task_id, SPAWN)
    task = original_create_task(self, TracedCoroutine(coro, task_id), *args, **kwargs)
    recorder.task_ids[task] = task_id
    recorder.live_tasks[task_id] = (weakref.ref(task), coroutine_name)
    recorder.names[task_id] = display_name(task, coroutine_name)
    return task


def traced_call_soon(self, callback, *args, **kwargs):
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        task_id = RECORDER.task_ids.get(task)
        if task_id is not None:
            woken_by = args[0] if args else None
            if isinstance(woken_by, asyncio.Task):
                cause = "task %s" % RECORDER.names.get(RECORDER.task_ids.get(woken_by), woken_by.get_name())
            elif woken_by is not None:
                cause = "future"
            else:
                cause = "yield"
            RECORDER.record(task_id, READY, RECORDER.detail(cause))
    return original_call_soon(self, callback, *args, **kwargs)


def traced_run_in_executor(self, executor, func, *args):
    """Gives each blocking call its own lane: spawned (ready) when submitted, running on the worker."""
    recorder = RECORDER
    caller = asyncio.current_task(self) if self.is_running() else None
    caller_id = recorder.task_ids.get(caller) if caller is not None else None
    job_id = next(recorder.ids)
    recorder.parents[job_id] = caller_id
    recorder.names[job_id] = "%s:thread" % recorder.names.get(caller_id, "loop")
    recorder.record(job_id, SPAWN)

    @functools.wraps(func)
    def run_on_worker(*call_args):
        recorder.record(job_id, RESUME)
        try:
            result = func(*call_args)
        except BaseException as error:
            recorder.record(job_id, FINISH, recorder.detail(("error", "%s: %s" % (type(error).__name__, error))))
            raise
        recorder.record(job_id, FINISH, recorder.detail(("ok", None)))
        return result

    return original_run_in_executor(self, executor, run_on_worker, *args)


def traced_set_task_name(task, name):
    original_set_task_name(task, name)
    task_id = RECORDER.task_ids.get(task)
    if task_id is not None and name is not None:
        RECORDER.names[task_id] = str(name)


def install():
    loop_class = asyncio.base_events.BaseEventLoop
    loop_class.create_task = traced_create_task
    loop_class.call_soon = traced_call_soon
    loop_class.run_in_executor = traced_run_in_executor
    if original_set_task_name is not None:
        asyncio.tasks._set_task_name = traced_set_task_name


# -- Command line --------------------------------------------------------------------------------

def main(argv):
    usage = "usage: looplens_asyncio.py -o TRACE.jsonl SCRIPT.py [ARGS ...]"
    if len(argv) < 3 or argv[0] not in ("-o", "--output"):
        print(usage, file=sys.stderr)
        return 2
    output, script, arguments = argv[1], argv[2], argv[3:]
    if not os.path.isfile(script):
        print("looplens_asyncio: %s: no such file" % script, file=sys.stderr)
        return 2
    title = os.path.basename(script)
    atexit.register(RECORDER.write, output, title)
    install()
    sys.argv = [script] + arguments
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit:
        return exit.code
    finally:
        RECORDER.write(output, title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
