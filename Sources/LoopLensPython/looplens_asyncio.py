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


# What a wait found in a code object means, keyed by id(code) (hashing a code object re-reads its
# bytecode). CONSTANT_WAITS holds detail indices (the hot path's one lookup), FRAME_WAITS functions
# of the frame giving (on, what); KEPT_CODES keeps the codes alive so that their ids stay theirs.
# All three are cleared with the recorder's details.
CONSTANT_WAITS = {}
FRAME_WAITS = {}
KEPT_CODES = []


class Recorder:
    """Buffers what happens in memory and writes it as JSON Lines once, at the end: formatting an
    event costs about 5 us, far more than recording it.

    A task's step is the hot path. It is one record of six 64-bit integers packed with `struct`
    into `steps`, appended by one C call (about 170 ns, where `array.extend` takes 500):

        (ready, cause, resumed, task, ended, outcome)

    `ready` is when the step was scheduled (-1 for a task's first step, which is ready since its
    spawn) and `cause` the detail saying by what; `resumed` and `ended` bound the step; `outcome`
    is the detail index of what the task then waited on, or, when the step finished the task,
    -1 - the detail index of how it ended. Everything else (spawns, thread lanes, readies still
    pending at the end) goes into `events` as (time, task, kind, detail). Times are the absolute
    `perf_counter_ns()`, made relative to `start` when written; details (what a task waited on,
    how it ended) are interned in a side table."""

    # Details every trace needs, at fixed indices so the hot paths need no lookup.
    FIXED_DETAILS = (("ok", None), ("cancelled", None), ("sleep", "0s"), "yield", "future", ("other", "future"))
    OK, CANCELLED, SLEEP_ZERO, YIELD, FUTURE, FUTURE_WAIT = range(len(FIXED_DETAILS))

    def __init__(self):
        self.steps = bytearray()
        self.events = bytearray()
        self.proxies = {}
        self.reset()

    def reset(self):
        """Forgets everything recorded (the benchmark traces several runs one after another)."""
        self.start = time.perf_counter_ns()
        # Emptied in place: the hot paths hold the buffers' bound `extend`.
        del self.steps[:]
        del self.events[:]
        self.details = list(self.FIXED_DETAILS)
        CONSTANT_WAITS.clear()
        FRAME_WAITS.clear()
        del KEPT_CODES[:]
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
        self.events.extend(PACK_EVENT(time.perf_counter_ns(), task_id, kind, detail))

    @property
    def event_count(self):
        """How many events the trace has so far."""
        steps = memoryview(self.steps).cast("q")
        readies = sum(1 for ready in steps[0::6] if ready >= 0)
        pending = sum(1 for _ in self.pending_readies())
        return len(self.events) // EVENT_SIZE + 2 * (len(steps) // 6) + readies + pending

    def pending_readies(self):
        """(time, task, READY, cause) of the tasks woken that have not resumed since."""
        return ((proxy._ready, proxy._task_id, READY, proxy._cause) for proxy in self.proxies.values()
                if proxy._ready >= 0)

    def task_id(self, task):
        proxy = self.proxies.get(id(task))
        return proxy._task_id if proxy is not None else None

    def name_of(self, task):
        """The lane name of a live traced task; asyncio's name for any other."""
        return self.names.get(self.task_id(task), task.get_name())

    def rows(self):
        """Every event as (time from the start, task, kind, detail), in time order."""
        start = self.start
        values = memoryview(self.events).cast("q")
        rows = [(values[i] - start, values[i + 1], values[i + 2], values[i + 3]) for i in range(0, len(values), 4)]
        steps = memoryview(self.steps).cast("q")
        for i in range(0, len(steps), 6):
            ready, cause, resumed, task_id, ended, outcome = steps[i:i + 6]
            if ready >= 0:
                rows.append((ready - start, task_id, READY, cause))
            rows.append((resumed - start, task_id, RESUME, -1))
            if outcome >= 0:
                rows.append((ended - start, task_id, SUSPEND, outcome))
            else:
                rows.append((ended - start, task_id, FINISH, -1 - outcome))
        # After the steps: a sleep(0)'s ready has the very time of its suspend.
        rows.extend((t - start, task_id, kind, cause) for t, task_id, kind, cause in self.pending_readies())
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
        for t, task_id, kind, detail in self.rows():
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
EVENT_SIZE = struct.calcsize("=4q")
PACK_STEP = struct.Struct("=6q").pack
RECORDER = Recorder()
GATHERING_FUTURE = getattr(asyncio.tasks, "_GatheringFuture", None)
_now = time.perf_counter_ns
_record_step = RECORDER.steps.extend  # of a packed step
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
    """Works out once what a wait in `code` means; returns its detail index or frame function."""
    answer = KNOWN_WAITS.get(code)
    if answer is None:
        name = code.co_name
        if name in ("to_thread", "run_in_executor"):
            answer = ("thread", name)
        elif name.startswith("sock_"):
            answer = ("io", "socket")
        else:
            answer = ("other", getattr(code, "co_qualname", name))
    KEPT_CODES.append(code)
    if type(answer) is tuple:
        answer = CONSTANT_WAITS[id(code)] = RECORDER.detail(answer)
    else:
        FRAME_WAITS[id(code)] = answer
    return answer


def describe_wait(yielded, coroutine):
    """The detail index of (on, what) for a suspension that yielded `yielded`."""
    if type(yielded) is GATHERING_FUTURE:
        names = [RECORDER.name_of(child) for child in yielded._children
                 if isinstance(child, asyncio.Future) and hasattr(child, "get_name")]
        return RECORDER.detail(("gather", ", ".join(names) if names else "%d awaitables" % len(yielded._children)))
    if isinstance(yielded, Task):
        return RECORDER.detail(("task", RECORDER.name_of(yielded)))
    frame = innermost_frame(coroutine)
    if frame is None:
        return Recorder.FUTURE_WAIT
    code = frame.f_code
    answer = CONSTANT_WAITS.get(id(code))
    if answer is None:
        answer = FRAME_WAITS.get(id(code)) or remember_wait(code)
    return answer if type(answer) is int else RECORDER.detail(answer(frame))


# -- The coroutine proxy --------------------------------------------------------------------------

class TracedCoroutine(collections.abc.Coroutine):
    """Wraps a task's coroutine: records each step (see Recorder) when it is over, with the ready
    that scheduled it, which `traced_call_soon` leaves in `_ready` and `_cause`. asyncio's C Task
    drives it like the coroutine itself."""

    __slots__ = ("_coroutine", "_task_id", "_task", "_ready", "_cause", "__weakref__")

    def __init__(self, coroutine, task_id):
        self._coroutine = coroutine
        self._task_id = task_id
        self._task = None  # id() of the task that drives it, once created
        self._ready = -1  # when the next step was scheduled, if it was after the spawn
        self._cause = -1

    def send(self, value, _now=time.perf_counter_ns, _type=type, _id=id):
        # The hot path, inlined: each Python call here costs as much as recording the step.
        resumed = _now()
        coroutine = self._coroutine
        try:
            yielded = coroutine.send(value)
        except BaseException as error:
            self._finished(resumed, error)
            raise
        if yielded is None:
            # sleep(0): asyncio reschedules the task at once, so the next step's ready is now
            # (and traced_call_soon need not look at a step scheduled without arguments).
            suspended = _now()
            _record_step(PACK_STEP(self._ready, self._cause, resumed, self._task_id, suspended, SLEEP_ZERO))
            self._ready = suspended
            self._cause = YIELD
            return yielded
        # describe_wait's common case, a plain future awaited in a function whose wait always
        # means the same: the innermost coroutine's code, looked up by id. (cr_code, unlike
        # cr_frame, does not make a frame object.) A generator below it (an `__await__` written
        # in Python) is the innermost frame instead: left to describe_wait.
        detail = -1
        if _type(yielded) is Future:
            code = None
            awaitable = coroutine
            while _type(awaitable) is CoroutineType:
                code = awaitable.cr_code
                awaitable = awaitable.cr_await
            if _type(awaitable) is not GeneratorType:
                detail = CONSTANT_WAITS.get(_id(code), -1)
        if detail < 0:
            detail = describe_wait(yielded, coroutine)
        _record_step(PACK_STEP(self._ready, self._cause, resumed, self._task_id, _now(), detail))
        self._ready = -1
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
        detail = SLEEP_ZERO if yielded is None else describe_wait(yielded, self._coroutine)
        suspended = _now()
        self._step(resumed, suspended, detail)
        if yielded is None:  # as in send
            self._ready = suspended
            self._cause = YIELD
        return yielded

    def _step(self, resumed, ended, outcome):
        _record_step(PACK_STEP(self._ready, self._cause, resumed, self._task_id, ended, outcome))
        self._ready = -1

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
        self._step(resumed, _now(), -1 - detail)
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
    # The qualified name without the functions it is nested in: `Client.fetch`, and `consume`
    # for a coroutine function defined inside `main` (not `main.<locals>.consume`).
    coroutine_name = (getattr(coro, "__qualname__", None) or getattr(coro, "__name__", "task")).rpartition("<locals>.")[2]
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

    A wake-up is the task's callback with the future that completed as its argument; its time and
    cause are left on the task's proxy, which records them with the step they scheduled (one
    record instead of two). A task's step scheduled without arguments is its first (it is ready
    since its spawn) or follows a `sleep(0)` (the proxy notes that ready itself)."""
    if args:
        proxy = _proxies.get(id(getattr(callback, "__self__", None)))
        if proxy is not None:
            proxy._ready = _now()
            woken_by = args[0]
            if isinstance(woken_by, Task):
                proxy._cause = RECORDER.detail("task %s" % RECORDER.name_of(woken_by))
            else:
                proxy._cause = FUTURE
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
