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
import struct
import sys
import time
import weakref
from types import CoroutineType, GeneratorType

FORMAT_VERSION = 1

# Event kinds, as stored in the buffer.
SPAWN, RESUME, SUSPEND, READY, FINISH = range(5)
KIND_NAMES = ("spawn", "resume", "suspend", "ready", "finish")


# id(code) -> (code, answer): per code object seen, the detail index of its wait, or a function
# of the frame giving (on, what). Keyed by id, since hashing a code object re-reads its bytecode;
# the code object is kept so that its id is not reused. Cleared with the recorder's details.
WAITS_BY_CODE = {}


class Recorder:
    """Buffers events as four 64-bit integers (time, task, kind, detail), packed with `struct`
    into one bytearray (about 170 ns an event, where `array.extend` takes 500); the details
    (what a task waited on, how it ended) are interned in a side table. Writing JSON happens
    once, at the end: formatting an event costs about 5 us, far more than recording it.

    The hot paths (a task's step, a ready) append to `buffer` directly with the absolute
    `perf_counter_ns()`; times are made relative to `start` when written."""

    # Details every trace needs, at fixed indices so the hot paths need no lookup.
    FIXED_DETAILS = (("ok", None), ("cancelled", None), ("sleep", "0s"), "yield", "future", ("other", "future"))
    OK, CANCELLED, SLEEP_ZERO, YIELD, FUTURE, FUTURE_WAIT = range(len(FIXED_DETAILS))

    def __init__(self):
        self.buffer = bytearray()
        self.proxies = {}
        self.reset()

    def reset(self):
        """Forgets everything recorded (the benchmark traces several runs one after another)."""
        self.start = time.perf_counter_ns()
        del self.buffer[:]
        self.details = list(self.FIXED_DETAILS)
        WAITS_BY_CODE.clear()
        self.detail_index = {value: index for index, value in enumerate(self.details)}
        self.names = {}
        self.parents = {}
        # id(task) -> its TracedCoroutine, for live tasks (an entry goes when its task finishes).
        # Keyed by id: hashing a task is slower, and a WeakKeyDictionary slower still.
        self.proxies.clear()
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
        self.buffer.extend(PACK_EVENT(time.perf_counter_ns(), task_id, kind, detail))

    @property
    def event_count(self):
        return len(self.buffer) // PACK_EVENT_SIZE

    def task_id(self, task):
        proxy = self.proxies.get(id(task))
        return proxy._task_id if proxy is not None else None

    def events(self):
        values = memoryview(self.buffer).cast("q")
        start = self.start
        rows = [(values[i] - start, values[i + 1], values[i + 2], values[i + 3]) for i in range(0, len(values), 4)]
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


PACK_EVENT = struct.Struct("=4q").pack
PACK_EVENT_SIZE = struct.calcsize("=4q")
PACK_TWO_EVENTS = struct.Struct("=8q").pack
PACK_THREE_EVENTS = struct.Struct("=12q").pack
RECORDER = Recorder()
GATHERING_FUTURE = getattr(asyncio.tasks, "_GatheringFuture", None)
_now = time.perf_counter_ns
_extend = RECORDER.buffer.extend  # of packed bytes
_proxies = RECORDER.proxies
Task = asyncio.Task
Future = asyncio.Future
SLEEP_ZERO = Recorder.SLEEP_ZERO
YIELD = Recorder.YIELD
FUTURE = Recorder.FUTURE
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
    """Walks cr_await down to the innermost Python frame the task is suspended in. (Checking
    the type first: a getattr that misses raises and catches an AttributeError, which is slow.)"""
    frame = None
    awaitable = coroutine
    for _ in range(64):
        kind = type(awaitable)
        if kind is CoroutineType:
            frame = awaitable.cr_frame or frame
            following = awaitable.cr_await
        elif kind is GeneratorType:
            frame = awaitable.gi_frame or frame
            following = awaitable.gi_yieldfrom
        else:
            break
        if following is None:
            break
        awaitable = following
    return frame


def sleep_wait(frame):
    return ("sleep", "%gs" % frame.f_locals.get("delay", 0))


def primitive_wait(kind):
    return lambda frame: (kind, primitive_name(kind, frame.f_locals.get("self")))


def known_waits():
    """The asyncio functions a task is found suspended in, by their code object."""
    waits = {
        asyncio.tasks.sleep: sleep_wait,
        asyncio.Lock.acquire: primitive_wait("lock"),
        asyncio.Semaphore.acquire: primitive_wait("semaphore"),
        asyncio.Queue.get: ("other", "queue get"),
        asyncio.Queue.put: ("other", "queue put"),
        asyncio.Queue.join: ("other", "queue join"),
        asyncio.Event.wait: ("other", "event wait"),
        asyncio.Condition.wait: ("other", "condition wait"),
        asyncio.StreamReader._wait_for_data: ("io", "stream read"),
        asyncio.threads.to_thread: ("thread", "to_thread"),
    }
    return {function.__code__: answer for function, answer in waits.items()}


KNOWN_WAITS = known_waits()
def remember_wait(code):
    answer = wait_in(code)
    entry = WAITS_BY_CODE[id(code)] = (code, RECORDER.detail(answer) if type(answer) is tuple else answer)
    return entry


def wait_in(code):
    answer = KNOWN_WAITS.get(code)
    if answer is not None:
        return answer
    name = code.co_name
    if name in ("to_thread", "run_in_executor"):
        return ("thread", name)
    if name.startswith("sock_"):
        return ("io", "socket")
    return ("other", getattr(code, "co_qualname", name))


def describe_wait(yielded, coroutine):
    """The detail index of (on, what) for a suspension that yielded `yielded`."""
    if type(yielded) is GATHERING_FUTURE:
        names = [RECORDER.names.get(RECORDER.task_id(child), child.get_name()) for child in yielded._children
                 if isinstance(child, asyncio.Future) and hasattr(child, "get_name")]
        return RECORDER.detail(("gather", ", ".join(names) if names else "%d awaitables" % len(yielded._children)))
    if isinstance(yielded, Task):
        return RECORDER.detail(("task", RECORDER.names.get(RECORDER.task_id(yielded), yielded.get_name())))
    frame = innermost_frame(coroutine)
    if frame is None:
        return Recorder.FUTURE_WAIT
    entry = WAITS_BY_CODE.get(id(frame.f_code)) or remember_wait(frame.f_code)
    answer = entry[1]
    return answer if type(answer) is int else RECORDER.detail(answer(frame))


# -- The coroutine proxy --------------------------------------------------------------------------

class TracedCoroutine(collections.abc.Coroutine):
    """Wraps a task's coroutine: records resume before each step and suspend (with what it
    awaited) or finish after it. asyncio's C Task drives it like the coroutine itself."""

    __slots__ = ("_coroutine", "_task_id", "_task", "__weakref__")

    def __init__(self, coroutine, task_id):
        self._coroutine = coroutine
        self._task_id = task_id
        self._task = None  # id() of the task that drives it, once created

    def send(self, value, _now=time.perf_counter_ns, _type=type, _id=id):
        # The hot path, inlined (each Python call here costs as much as recording an event): a
        # step's resume and suspend go into the buffer together, in one call, once it is over.
        resumed = _now()
        coroutine = self._coroutine
        try:
            yielded = coroutine.send(value)
        except BaseException as error:
            self._finished(resumed, error)
            raise
        task_id = self._task_id
        if yielded is None:
            # sleep(0): asyncio reschedules the task at once, so its ready is recorded here
            # (and traced_call_soon need not look at a step scheduled without arguments).
            suspended = _now()
            _extend(PACK_THREE_EVENTS(resumed, task_id, RESUME, -1, suspended, task_id, SUSPEND, SLEEP_ZERO,
                                      suspended, task_id, READY, YIELD))
            return yielded
        # describe_wait's common case: a plain future awaited in a known function.
        detail = -1
        if _type(yielded) is Future:
            frame = None
            awaitable = coroutine
            while _type(awaitable) is CoroutineType:
                frame = awaitable.cr_frame or frame
                awaitable = awaitable.cr_await
            if frame is not None:
                entry = WAITS_BY_CODE.get(_id(frame.f_code))
                if entry is not None and _type(entry[1]) is int:
                    detail = entry[1]
        if detail < 0:
            detail = describe_wait(yielded, coroutine)
        _extend(PACK_TWO_EVENTS(resumed, task_id, RESUME, -1, _now(), task_id, SUSPEND, detail))
        return yielded

    def throw(self, kind, value=None, traceback=None):
        resumed = _now()
        try:
            if value is None and traceback is None:
                yielded = self._coroutine.throw(kind)
            else:
                yielded = self._coroutine.throw(kind, value, traceback)
        except BaseException as error:
            self._finished(resumed, error)
            raise
        self._suspended(resumed, yielded)
        return yielded

    def _suspended(self, resumed, yielded):
        detail = SLEEP_ZERO if yielded is None else describe_wait(yielded, self._coroutine)
        _extend(PACK_TWO_EVENTS(resumed, self._task_id, RESUME, -1, _now(), self._task_id, SUSPEND, detail))

    def _finished(self, resumed, error):
        """Records the step that began at `resumed` and the finish that `error` (StopIteration
        for a return) means."""
        if isinstance(error, StopIteration):
            detail = Recorder.OK
        elif isinstance(error, asyncio.CancelledError):
            detail = Recorder.CANCELLED
        else:
            message = "%s: %s" % (type(error).__name__, error) if str(error) else type(error).__name__
            detail = RECORDER.detail(("error", message))
        _extend(PACK_TWO_EVENTS(resumed, self._task_id, RESUME, -1, _now(), self._task_id, FINISH, detail))
        RECORDER.proxies.pop(self._task, None)

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
    recorder.parents[task_id] = recorder.task_id(parent) if parent is not None else None
    recorder.names[task_id] = coroutine_name
    recorder.record(task_id, SPAWN)
    proxy = TracedCoroutine(coro, task_id)
    task = original_create_task(self, proxy, *args, **kwargs)
    if not task.done():  # a 3.12 eager task may have run to its end already
        proxy._task = id(task)
        recorder.proxies[id(task)] = proxy
    recorder.live_tasks[task_id] = (weakref.ref(task), coroutine_name)
    recorder.names[task_id] = display_name(task, coroutine_name)
    return task


def traced_call_soon(self, callback, *args, context=None):
    """BaseEventLoop.call_soon (the same body in 3.11 to 3.14) with a ready event for a task's
    wake-up. Every callback of the program passes here, so it is a copy, not a wrapper: a
    wrapper's extra Python call cost more than the rest of the tracing of a `sleep(0)`.

    A wake-up is the task's callback with the future that completed as its argument. A task's
    step scheduled without arguments is its first (it is ready since its spawn) or a `sleep(0)`
    (recorded by the proxy)."""
    if args:
        proxy = _proxies.get(id(getattr(callback, "__self__", None)))
        if proxy is not None:
            woken_by = args[0]
            if isinstance(woken_by, Task):
                cause = RECORDER.detail("task %s" % RECORDER.names.get(RECORDER.task_id(woken_by), woken_by.get_name()))
            else:
                cause = FUTURE
            _extend(PACK_EVENT(_now(), proxy._task_id, READY, cause))
    self._check_closed()
    if self._debug:
        self._check_thread()
        self._check_callback(callback, "call_soon")
    handle = self._call_soon(callback, args, context)
    if handle._source_traceback:
        del handle._source_traceback[-1]
    return handle


def traced_run_in_executor(self, executor, func, *args):
    """Gives each blocking call its own lane: spawned (ready) when submitted, running on the worker."""
    recorder = RECORDER
    caller = asyncio.current_task(self) if self.is_running() else None
    caller_id = recorder.task_id(caller) if caller is not None else None
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
        recorder.record(job_id, FINISH, Recorder.OK)
        return result

    return original_run_in_executor(self, executor, run_on_worker, *args)


def traced_set_task_name(task, name):
    original_set_task_name(task, name)
    task_id = RECORDER.task_id(task)
    if task_id is not None and name is not None:
        RECORDER.names[task_id] = str(name)


# (owner, attribute, original, traced): what install() swaps in and uninstall() puts back.
HOOKS = [
    (asyncio.base_events.BaseEventLoop, "create_task", original_create_task, traced_create_task),
    (asyncio.base_events.BaseEventLoop, "call_soon", original_call_soon, traced_call_soon),
    (asyncio.base_events.BaseEventLoop, "run_in_executor", original_run_in_executor, traced_run_in_executor),
] + ([(asyncio.tasks, "_set_task_name", original_set_task_name, traced_set_task_name)]
     if original_set_task_name is not None else [])


def install():
    """Hooks the tracer into every asyncio event loop (subclasses of BaseEventLoop)."""
    for owner, attribute, _, traced in HOOKS:
        setattr(owner, attribute, traced)


def uninstall():
    """Puts asyncio back as it was."""
    for owner, attribute, original, _ in HOOKS:
        setattr(owner, attribute, original)


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
