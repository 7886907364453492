#!/usr/bin/env python3
"""Record a Python asyncio program as a LoopLens trace (docs/python-tracer.md).

    python3 looplens_asyncio.py -o trace.jsonl [--internals] [--live] script.py [args ...]
    python3 looplens_asyncio.py -o trace.jsonl [--internals] [--live] -m module [args ...]

`looplens trace -- python3 script.py` writes this file to a private directory and runs it so;
it also works on its own. Standard library only; CPython 3.11 to 3.14. The program runs unchanged
(same output, same behaviour, same tracebacks); its tasks' spawn, resume, suspend (with what they
awaited), ready (with what ended the wait) and finish events, its prints, and its to_thread /
run_in_executor calls, are buffered in memory and written as JSON Lines when the program ends, or,
with --live, appended to the file as they become final, every 50 ms (see LiveWriter).
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.tasks
import atexit
import collections.abc
import fcntl
import concurrent.futures
import functools
import importlib.machinery
import io
import itertools
import json
import os
import re
import runpy
import signal
import stat
import struct
import sys
import threading
import time
import types
import weakref
from types import CoroutineType, GeneratorType, TracebackType

FORMAT_VERSION = 1

# Event kinds, as stored in the buffer.
SPAWN, RESUME, SUSPEND, READY, FINISH, PRINT, ACQUIRE, RELEASE = range(8)
KIND_NAMES = ("spawn", "resume", "suspend", "ready", "finish", "print", "acquire", "release")

# A print's text is cut to this many characters.
PRINT_LIMIT = 200


# What a wait found in a code object means, keyed by id(code) (hashing a code object re-reads its
# bytecode). CONSTANT_WAITS holds detail indices (the hot path's one lookup), FRAME_WAITS functions
# of the frame giving (on, what); KEPT_CODES keeps the codes alive so that their ids stay theirs.
# All three are cleared with the recorder's details.
CONSTANT_WAITS = {}
FRAME_WAITS = {}
KEPT_CODES = []


class Recorder:
    """Buffers what happens in memory and writes it as JSON Lines once, at the end (or, live, as it
    becomes final): formatting an event costs about 1.4 us, several times recording it.

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
    # FUTURE is the cause of a wake-up by a plain future: it is named when written, after what the
    # task waited on (`lock 1` for a lock's future, `timer` for a sleep's).
    FIXED_DETAILS = (("ok", None), ("cancelled", None), ("sleep", "0s"), "yield", "future", ("other", "future"),
                     "timer", "timeout", "gather", "cancel", "thread")
    OK, CANCELLED, SLEEP_ZERO, YIELD, FUTURE, FUTURE_WAIT, TIMER, TIMEOUT, GATHER, CANCEL, THREAD = range(len(FIXED_DETAILS))

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
        self.fragments = {}  # (kind, detail) -> its encoded fields (see lines())
        CONSTANT_WAITS.clear()
        FRAME_WAITS.clear()
        del KEPT_CODES[:]
        self.detail_index = {value: index for index, value in enumerate(self.details)}
        self.names = {}
        self.parents = {}
        # id(task) -> (when it finished, its lane) for a traced task that finished: for the ready of
        # whoever awaited it. Creating a task removes a stale entry of its id.
        self.finished = {}
        # id(task) of a hidden (asyncio-internal) task -> (the lane that created it or None, its
        # coroutine's name).
        self.hidden = {}
        # The proxies of the tasks being created, innermost last: the parent of a task created
        # during a 3.12 eager task's first step, which runs before create_task returns.
        self.creating = []
        # A task's text written so far that does not yet end a line: task -> (time, text).
        self.partial_lines = {}
        # id(task) -> its TracedCoroutine, for live tasks (an entry goes when its task finishes).
        # Keyed by id: hashing a task is slower, and a WeakKeyDictionary slower still.
        self.proxies.clear()
        self.live_tasks = {}
        self.ids = itertools.count(1)
        # task -> when its last step taken from the buffer ended, and what it then waited on.
        self.last_end = {}
        self.last_wait = {}
        self.written = False

    def detail(self, value):
        index = self.detail_index.get(value)
        if index is None:
            index = len(self.details)
            self.details.append(value)
            self.detail_index[value] = index
        return index

    def record(self, task_id, kind, detail=-1, at=None):
        # Under the lock, the time is taken and the event stored as one act: the live writer, which
        # takes the lock too, never sees a time taken but its event not yet stored.
        with RECORD_LOCK:
            self.events.extend(PACK_EVENT(time.perf_counter_ns() if at is None else at, task_id, kind, detail))

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
        """The lane of a traced task, live or finished; None for any other."""
        proxy = self.proxies.get(id(task))
        if proxy is not None:
            return proxy._task_id
        finished = self.finished.get(id(task))
        return finished[1] if finished is not None and isinstance(task, Task) else None

    def lane_of_current_task(self, loop):
        """The lane the code running now belongs to: the current task's, a hidden task's creator's,
        or, inside a 3.12 eager task's first step, that task's."""
        task = asyncio.current_task(loop) if loop.is_running() else None
        if task is None:
            return self.creating[-1]._task_id if self.creating else None
        proxy = self.proxies.get(id(task))  # (a running task is never in `finished`)
        if proxy is not None:
            return proxy._task_id
        hidden = self.hidden.get(id(task))
        if hidden is not None:
            return hidden[0]
        return self.creating[-1]._task_id if self.creating else None

    def name_of(self, task):
        """The lane name of a live traced task; asyncio's name for any other."""
        return self.names.get(self.task_id(task), task.get_name())

    def take_rows(self, final):
        """Takes every event out of the buffers as (time from the start, task, kind, detail), in
        time order. `final` adds what only the end can say: the wake-ups of tasks that never
        resumed, and text not ending a line. (A wake-up is otherwise written with the step it
        scheduled, which is recorded when that step ends.)"""
        start = self.start
        with RECORD_LOCK:
            events = bytes(self.events)
            del self.events[:len(events)]
        steps = bytes(self.steps)
        del self.steps[:len(steps)]
        values = memoryview(events).cast("q")
        rows = [(values[i] - start, values[i + 1], values[i + 2], values[i + 3]) for i in range(0, len(values), 4)]
        steps = memoryview(steps).cast("q")
        last_end = self.last_end
        last_wait = self.last_wait

        def named(cause, task_id):
            # A wake-up by a plain future is named after what the task waited on.
            return self.cause_of_wait(last_wait.get(task_id, -1)) if cause == Recorder.FUTURE else cause

        for i in range(0, len(steps), 6):
            ready, cause, resumed, task_id, ended, outcome = steps[i:i + 6]
            if ready >= 0:
                # A deadline a hair before the suspend that set it (sleep(1e-9)) is not earlier.
                rows.append((max(ready, last_end.get(task_id, ready)) - start, task_id, READY, named(cause, task_id)))
            rows.append((resumed - start, task_id, RESUME, -1))
            if outcome >= 0:
                rows.append((ended - start, task_id, SUSPEND, outcome))
            else:
                rows.append((ended - start, task_id, FINISH, -1 - outcome))
            last_end[task_id] = ended
            last_wait[task_id] = outcome
        if final:
            # After the steps: a sleep(0)'s ready has the very time of its suspend.
            for t, task_id, kind, cause in self.pending_readies():
                rows.append((max(t, last_end.get(task_id, t)) - start, task_id, kind, named(cause, task_id)))
            for task_id, (t, text) in self.partial_lines.items():
                rows.append((t - start, task_id, PRINT, self.detail(text[:PRINT_LIMIT])))
        rows.sort(key=lambda row: row[0])  # stable: same-time events keep their order
        return rows

    def cause_of_wait(self, wait):
        """The `by` of a wake-up by a plain future, after what the task waited on (a detail index)."""
        if wait < 0:
            return Recorder.FUTURE
        on, what = self.details[wait]
        if on in ("lock", "semaphore", "event"):
            return self.detail(what)
        return self.detail({"sleep": "timer", "io": "io", "thread": "thread", "queue": "queue"}.get(on, "future"))

    def header(self, title, live):
        """The trace's first line; a live trace also gives the CLOCK_MONOTONIC reading of its t = 0,
        so that a viewer can tell how far now is."""
        header = {"looplens": FORMAT_VERSION, "run": "real", "scenario": title, "clock": "monotonic"}
        if live:
            header["origin"] = self.start
        return json.dumps(header, ensure_ascii=False, separators=(",", ":"))

    def lines(self, rows):
        """`rows` as JSON Lines, each ending in a newline. What follows the task of an event other
        than a spawn depends only on its kind and detail, so it is encoded once per pair."""
        fragments = self.fragments
        text = []
        append = text.append
        for t, task_id, kind, detail in rows:
            if kind == SPAWN:
                fields = {"ev": "spawn", "name": self.current_name(task_id)}
                parent = self.parents.get(task_id)
                if parent is not None:
                    fields["parent"] = parent
                tail = "," + json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:]
            else:
                tail = fragments.get((kind, detail))
                if tail is None:
                    tail = fragments[(kind, detail)] = self.fragment(kind, detail)
            append('{"t":%d,"run":"real","task":%d%s\n' % (t, task_id, tail))
        return "".join(text)

    def fragment(self, kind, detail):
        """The fields after `task` of an event of `kind` with `detail`, from the comma to the brace."""
        fields = {"ev": KIND_NAMES[kind]}
        if detail >= 0:
            value = self.details[detail]
            if kind in (SUSPEND, ACQUIRE, RELEASE):
                fields["on"], fields["what"] = value
            elif kind == READY:
                fields["by"] = value
            elif kind == FINISH:
                fields["result"] = value[0]
                if value[1] is not None:
                    fields["error"] = value[1]
            elif kind == PRINT:
                fields["text"] = value
        return "," + json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:]

    def current_name(self, task_id):
        """A task's lane name as the program has it now (it may have renamed the task)."""
        live = self.live_tasks.get(task_id)
        task = live[0]() if live is not None else None
        if task is not None:
            self.names[task_id] = display_name(task, live[1])
        return self.names.get(task_id, "task %d" % task_id)

    def write(self, path, title):
        """Writes the whole trace at the end (once), or, live, what is left of it."""
        if self.written:
            return
        self.written = True
        if LIVE_WRITER[0] is not None:
            LIVE_WRITER[0].finish()
            return
        write_atomically(path, self.header(title, live=False) + "\n" + self.lines(self.take_rows(final=True)))


def write_atomically(path, text):
    """Writes an output file as looplens writes its own (docs/guide.md, "Output files"): a regular
    file through a temporary `.NAME.PID.tmp` beside it, renamed into place with the old file's
    permissions; a symbolic link followed, not replaced; a device or FIFO written straight to."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(path, "w", encoding="utf-8") as output:
            output.write(text)
        return
    folder, name = os.path.split(os.path.realpath(path))
    temporary = os.path.join(folder, ".%s.%d.tmp" % (name, os.getpid()))
    try:
        with open(temporary, "w", encoding="utf-8") as output:
            if status is not None:
                os.chmod(output.fileno(), stat.S_IMODE(status.st_mode))
            output.write(text)
        os.replace(temporary, os.path.join(folder, name))
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class LiveWriter:
    """--live: appends the trace to its file as it becomes final, every `INTERVAL` seconds, from a
    thread of its own, holding an exclusive flock on the file until the program ends (so that a
    viewer can tell a trace still being written from a finished one).

    Events are recorded out of time order: a step is recorded when it ends, with its resume and the
    ready before it, and a ready is dated by its cause (a timer's deadline, a task's end), which can
    be long past when the loop gets to it. So each flush writes only the events older than a
    watermark, the earliest time anything still unrecorded can carry, and holds back the rest:

    - a step running now (on any thread): its resume, read from the proxy's frame;
    - a task woken and not yet resumed: its ready (`_ready` on its proxy);
    - an executor call returned but not yet delivered: its end (THREAD_ENDS);
    - text not yet ending a line: when it began;
    - a timer or a gather's wake-up the loop has not processed yet: these are dated after the start
      of the loop iteration before the current one (a timer not due by one iteration's select is
      due after its start; a gather's last child ended in the iteration before its wake-up runs),
      so the start of every loop iteration is noted (a patched `_run_once`; live only).

    The reads happen in an order that the recording side's writes make safe without a lock:
    executor ends before proxies (a wake-up sets `_ready` before it drops the end), proxies and
    frames before the buffers (a step is stored before its proxy forgets the ready)."""

    INTERVAL = 0.05

    def __init__(self, recorder, path, title):
        self.recorder = recorder
        self.file = open(path, "w", encoding="utf-8")
        fcntl.flock(self.file.fileno(), fcntl.LOCK_EX)
        self.file.write(recorder.header(title, live=True) + "\n")
        self.file.flush()
        self.held = []  # rows at or after the last watermark, in time order
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="looplens-live", daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopping.wait(self.INTERVAL):
            self.flush(final=False)

    def watermark(self):
        """The earliest time (absolute) an event not yet taken from the buffers can have."""
        mark = _now()
        for ended in list(THREAD_ENDS.values()):
            if ended[0] is not None:
                mark = min(mark, ended[0])
        for proxy in list(self.recorder.proxies.values()):
            if proxy._ready >= 0:
                mark = min(mark, proxy._ready)
        for frame in sys._current_frames().values():
            while frame is not None:
                if frame.f_code in PROXY_CODES:
                    resumed = frame.f_locals.get("resumed")
                    if resumed is not None:
                        mark = min(mark, resumed)
                frame = frame.f_back
        for started, _ in list(self.recorder.partial_lines.values()):
            mark = min(mark, started)
        if LOOP_ITERATIONS:
            mark = min(mark, LOOP_ITERATIONS[0])
        return mark

    def flush(self, final):
        recorder = self.recorder
        mark = None if final else self.watermark() - recorder.start
        rows = self.held + recorder.take_rows(final)
        rows.sort(key=lambda row: row[0])
        cut = len(rows) if final else self.cut(rows, mark)
        self.held = rows[cut:]
        if cut:
            self.file.write(recorder.lines(rows[:cut]))
            self.file.flush()

    @staticmethod
    def cut(rows, mark):
        """How many of `rows` (in time order) to write: those before `mark`, up to the first ready
        whose resume is not among them (a wake-up is shown with the step it led to, so that a
        live view does not end every lane in a ready that lasted microseconds)."""
        cut = next((i for i, row in enumerate(rows) if row[0] >= mark), len(rows))
        resumed_later = set()  # tasks with a resume after the row looked at, not yet paired
        for i in range(cut - 1, -1, -1):
            kind, task_id = rows[i][2], rows[i][1]
            if kind == RESUME:
                resumed_later.add(task_id)
            elif kind == READY:
                if task_id in resumed_later:
                    resumed_later.discard(task_id)
                else:
                    cut = i
        return cut

    def finish(self):
        """Stops the thread and writes everything left."""
        self.stopping.set()
        self.thread.join()
        self.flush(final=True)
        self.file.close()


PACK_EVENT = struct.Struct("=4q").pack
EVENT_SIZE = struct.calcsize("=4q")
PACK_STEP = struct.Struct("=6q").pack
RECORD_LOCK = threading.Lock()
RECORDER = Recorder()
LIVE_WRITER = [None]  # the LiveWriter, with --live
# The starts (perf_counter_ns) of the last two loop iterations, with --live (see LiveWriter).
LOOP_ITERATIONS = collections.deque(maxlen=2)
GATHERING_FUTURE = getattr(asyncio.tasks, "_GatheringFuture", None)
_now = time.perf_counter_ns
_record_step = RECORDER.steps.extend  # of a packed step
_proxies = RECORDER.proxies
Task = asyncio.Task
Future = asyncio.Future
SLEEP_ZERO = Recorder.SLEEP_ZERO
YIELD = Recorder.YIELD
FUTURE = Recorder.FUTURE
TIMER = Recorder.TIMER
TIMEOUT = Recorder.TIMEOUT
GATHER = Recorder.GATHER
CANCEL = Recorder.CANCEL
THREAD = Recorder.THREAD
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
    on = kind if kind != "condition" else "other"
    return lambda frame: (on, primitive_name(kind, frame.f_locals.get("self")))


def known_waits():
    """The asyncio functions a task is found suspended in, by their code object."""
    waits = {
        asyncio.tasks.sleep: sleep_wait,
        asyncio.Lock.acquire: primitive_wait("lock"),
        asyncio.Semaphore.acquire: primitive_wait("semaphore"),
        # Queues are the hot path of producer/consumer programs: not told apart (reading a
        # suspended frame's `self` costs about 1 us, doubling the overhead of such a program).
        asyncio.Queue.get: ("queue", "get"),
        asyncio.Queue.put: ("queue", "put"),
        asyncio.Queue.join: ("queue", "join"),
        asyncio.Event.wait: primitive_wait("event"),
        asyncio.Condition.wait: primitive_wait("condition"),
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
        # Children that are not lanes (asyncio's own tasks, plain futures) are counted, not named.
        names = [RECORDER.name_of(child) for child in yielded._children if RECORDER.task_id(child) is not None]
        others = len(yielded._children) - len(names)
        if others:
            names.append("%d asyncio %s" % (others, "task" if others == 1 else "tasks"))
        return RECORDER.detail(("gather", ", ".join(names)))
    if isinstance(yielded, Task):
        hidden = RECORDER.hidden.get(id(yielded))
        if hidden is not None:  # asyncio's own task: named after its coroutine, never a lane
            return RECORDER.detail(("other", hidden[1]))
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
        for a return) means; takes this proxy's frame out of a failure's traceback, so that what
        the program prints is what it prints untraced."""
        if isinstance(error, StopIteration):
            detail = Recorder.OK
        elif isinstance(error, asyncio.CancelledError):
            detail = Recorder.CANCELLED
        else:
            message = "%s: %s" % (type(error).__name__, error) if str(error) else type(error).__name__
            detail = RECORDER.detail(("error", message))
            traceback = error.__traceback__
            if traceback is not None and traceback.tb_frame.f_code in PROXY_CODES:
                error.__traceback__ = traceback.tb_next  # the bare `raise` that follows keeps it
        ended = _now()
        self._step(resumed, ended, -1 - detail)
        RECORDER.proxies.pop(self._task, None)
        if self._task is not None:
            RECORDER.finished[self._task] = (ended, self._task_id)

    def close(self):
        return self._coroutine.close()

    def __await__(self):
        return self._coroutine.__await__()

    def __getattr__(self, name):
        # cr_frame, cr_await, __name__, __qualname__ ... for repr() and Task.get_stack().
        return getattr(self._coroutine, name)

    def __repr__(self):
        return repr(self._coroutine)


PROXY_CODES = {TracedCoroutine.send.__code__, TracedCoroutine.throw.__code__}


# -- Hooks into asyncio ------------------------------------------------------------------------------

original_create_task = asyncio.base_events.BaseEventLoop.create_task
original_call_soon = asyncio.base_events.BaseEventLoop.call_soon
original_run_in_executor = asyncio.base_events.BaseEventLoop.run_in_executor
original_set_task_name = getattr(asyncio.tasks, "_set_task_name", None)
original_timer_run = asyncio.events.TimerHandle._run
original_run_once = asyncio.base_events.BaseEventLoop._run_once
original_lock_acquire = asyncio.Lock.acquire
original_lock_release = asyncio.Lock.release
original_semaphore_acquire = asyncio.Semaphore.acquire
original_semaphore_release = asyncio.Semaphore.release
ASYNCIO_DIRECTORY = os.path.dirname(asyncio.__file__) + os.sep
SHOW_INTERNALS = [False]  # --internals: asyncio's own tasks get lanes too
# The deadline (perf_counter_ns) of the timer whose callback is running, if one is: what it wakes
# was ready at the deadline, however late the loop got to it. (loop.time() is time.monotonic(),
# the same clock as perf_counter on the platforms CPython runs asyncio on: CLOCK_MONOTONIC.)
TIMER_DEADLINE = None
# An executor call's asyncio future -> [when its function returned], filled on the worker.
THREAD_ENDS = {}


def coroutine_name_of(coro):
    """The qualified name without the functions it is nested in: `Client.fetch`, and `consume`
    for a coroutine function defined inside `main` (not `main.<locals>.consume`)."""
    return (getattr(coro, "__qualname__", None) or getattr(coro, "__name__", "task")).rpartition("<locals>.")[2]


def is_internal(coro, parent):
    """Whether a task is asyncio's own business rather than the program's: its coroutine is
    asyncio's and either private (a streams server's `_accept_connection2`, `create_server`'s
    `_create_server_getaddrinfo`) or started outside the program's tasks (asyncio.run's clean-up).
    `gather(queue.get())` in a task of the program is the program's."""
    code = getattr(coro, "cr_code", None)
    if code is None or not code.co_filename.startswith(ASYNCIO_DIRECTORY):
        return False
    return parent is None or code.co_name.startswith("_")


def trace_task(loop, coro, create):
    """Creates a task with `create(coroutine)`, giving it a lane: its coroutine is wrapped in a
    proxy, and its spawn recorded with the lane that created it as parent."""
    if not asyncio.iscoroutine(coro) or isinstance(coro, TracedCoroutine):
        return create(coro)
    recorder = RECORDER
    coroutine_name = coroutine_name_of(coro)
    parent = recorder.lane_of_current_task(loop) if loop is not None else None
    if not SHOW_INTERNALS[0] and is_internal(coro, parent):
        task = create(coro)
        recorder.hidden[id(task)] = (parent, coroutine_name)
        recorder.finished.pop(id(task), None)
        return task
    task_id = next(recorder.ids)
    recorder.parents[task_id] = parent
    recorder.names[task_id] = coroutine_name
    recorder.record(task_id, SPAWN)
    proxy = TracedCoroutine(coro, task_id)
    recorder.creating.append(proxy)
    try:
        task = create(proxy)
    finally:
        recorder.creating.pop()
    recorder.finished.pop(id(task), None)
    recorder.hidden.pop(id(task), None)
    if not task.done():  # a 3.12 eager task may have run to its end already
        proxy._task = id(task)
        recorder.proxies[id(task)] = proxy
    recorder.live_tasks[task_id] = (weakref.ref(task), coroutine_name)
    recorder.names[task_id] = display_name(task, coroutine_name)
    return task


def traced_create_task(self, coro, *args, **kwargs):
    return trace_task(self, coro, lambda coroutine: original_create_task(self, coroutine, *args, **kwargs))


class TaskType(type):
    """The metaclass of TracedTask: every asyncio task is an instance of `asyncio.Task` as the
    program sees it, however it was created."""

    def __instancecheck__(cls, instance):
        return isinstance(instance, Task)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, Task)


class TracedTask(Task, metaclass=TaskType):
    """What `asyncio.Task` names while tracing, so that `asyncio.Task(coro)` gets a lane as
    `create_task` does. (The C Task's own `__init__` cannot be patched; `create_task` keeps making
    plain C tasks, which keep their speed.)"""

    def __init__(self, coro, *args, loop=None, **kwargs):
        running = asyncio.events._get_running_loop()
        trace_task(loop or running, coro,
                   lambda coroutine: super(TracedTask, self).__init__(coroutine, *args, loop=loop, **kwargs) or self)


def traced_call_soon(self, callback, *args, context=None):
    """BaseEventLoop.call_soon (the same body in 3.11 to 3.14) with a ready event for a task's
    wake-up. Every callback of the program passes here, so it is a copy, not a wrapper: a
    wrapper's extra Python call cost more than the rest of the tracing of a `sleep(0)`.

    A wake-up is the task's callback with the future that completed as its argument; its time and
    cause are left on the task's proxy, which records them with the step they scheduled (one
    record instead of two). The time is when the wait was over, even if the loop got to it later:
    a timer's deadline, the end of the awaited task (or of a gather's last child), the return of
    an executor call; anything else (a lock's release, an event's set) is resolved right now. A
    task's step scheduled without arguments is its first (it is ready since its spawn) or follows
    a `sleep(0)` (the proxy notes that ready itself)."""
    if args:
        proxy = _proxies.get(id(getattr(callback, "__self__", None)))
        if proxy is not None:
            now = _now()
            woken_by = args[0]
            kind = type(woken_by)
            if TIMER_DEADLINE is not None:
                proxy._ready = TIMER_DEADLINE if TIMER_DEADLINE < now else now
                proxy._cause = TIMEOUT if woken_by.cancelled() else TIMER
            elif kind is Future:
                ended = THREAD_ENDS.get(id(woken_by)) if THREAD_ENDS else None
                if ended is not None:
                    proxy._ready = ended[0] if ended[0] is not None else now
                    proxy._cause = THREAD
                    del THREAD_ENDS[id(woken_by)]  # after `_ready` is set: see LiveWriter
                else:
                    proxy._ready = now
                    proxy._cause = CANCEL if woken_by.cancelled() else FUTURE
            elif kind is GATHERING_FUTURE:
                # The end of its last child that was a traced task; now if none was.
                finished = RECORDER.finished
                ends = [finished[id(child)][0] for child in woken_by._children if id(child) in finished]
                proxy._ready = min(max(ends, default=now), now)
                proxy._cause = GATHER
            elif isinstance(woken_by, Task):
                ended = RECORDER.finished.get(id(woken_by))
                proxy._ready = ended[0] if ended is not None else now
                proxy._cause = RECORDER.detail("task %s" % RECORDER.name_of(woken_by))
            else:
                proxy._ready = now
                proxy._cause = FUTURE
    self._check_closed()
    if self._debug:
        self._check_thread()
        self._check_callback(callback, "call_soon")
    handle = self._call_soon(callback, args, context)
    if handle._source_traceback:
        del handle._source_traceback[-1]
    return handle


def traced_timer_run(self):
    """TimerHandle._run, noting the deadline for the wake-ups its callback schedules."""
    global TIMER_DEADLINE
    TIMER_DEADLINE = int(self._when * 1e9)
    try:
        original_timer_run(self)
    finally:
        TIMER_DEADLINE = None


def traced_run_once(self):
    """BaseEventLoop._run_once, noting when each loop iteration starts (--live only)."""
    LOOP_ITERATIONS.append(_now())
    original_run_once(self)


def traced_run_in_executor(self, executor, func, *args):
    """Gives each executor call its own lane (`CALLER:thread`, or `CALLER:process` for a process
    pool), spawned when submitted. A thread runs a wrapper that records its start and end; a
    process pool gets the function itself, since it must pickle it (its lane runs from the
    submit until the result is back)."""
    recorder = RECORDER
    caller_id = recorder.lane_of_current_task(self)
    job_id = next(recorder.ids)
    # Not concurrent.futures.ProcessPoolExecutor: that attribute imports multiprocessing (7 ms)
    # in a program that may never use it. Unimported, no executor can be one.
    process = sys.modules.get("concurrent.futures.process")
    in_process = process is not None and isinstance(executor, process.ProcessPoolExecutor)
    recorder.parents[job_id] = caller_id
    recorder.names[job_id] = "%s:%s" % (recorder.names.get(caller_id, "loop"), "process" if in_process else "thread")
    recorder.record(job_id, SPAWN)
    ended = [None]

    def finish(error):
        if error is None:
            recorder.record(job_id, FINISH, Recorder.OK)
        else:
            recorder.record(job_id, FINISH, recorder.detail(("error", "%s: %s" % (type(error).__name__, error))))
        ended[0] = _now()

    if in_process:
        # run_in_executor's body (3.11 to 3.14), with the pool's future watched for the lane's end.
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        recorder.record(job_id, RESUME)
        pool_future = executor.submit(func, *args)
        pool_future.add_done_callback(lambda done: finish(None if done.cancelled() else done.exception()))
        future = asyncio.wrap_future(pool_future, loop=self)
        THREAD_ENDS[id(future)] = ended
        return future

    @functools.wraps(func)
    def run_on_worker(*call_args):
        recorder.record(job_id, RESUME)
        try:
            result = func(*call_args)
        except BaseException as error:
            finish(error)
            raise
        finish(None)
        return result

    future = original_run_in_executor(self, executor, run_on_worker, *args)
    THREAD_ENDS[id(future)] = ended
    return future


def traced_set_task_name(task, name):
    original_set_task_name(task, name)
    task_id = RECORDER.task_id(task)
    if task_id is not None and name is not None:
        RECORDER.names[task_id] = str(name)


class RecordedStream:
    """sys.stdout or sys.stderr while tracing: writes pass through unchanged, and each line a task
    writes becomes a `print` event on its lane, at the time its first part was written. (Text
    written outside any task, or by a worker thread, is not recorded.)"""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        written = self._stream.write(text)
        if text and type(text) is str:
            note_output(text)
        return written

    def __getattr__(self, name):
        return getattr(self._stream, name)


def note_holding(primitive, kind, event):
    """An `acquire` or `release` of a lock or semaphore by the running task, named as its waits
    are (`lock 1`), so that the viewer can draw who holds it."""
    loop = asyncio.events._get_running_loop()
    lane = RECORDER.lane_of_current_task(loop) if loop is not None else None
    if lane is not None:
        RECORDER.record(lane, event, RECORDER.detail((kind, primitive_name(kind, primitive))))


async def traced_lock_acquire(self):
    # Awaiting the original keeps its frame innermost, where a task waiting for the lock is found.
    result = await original_lock_acquire(self)
    note_holding(self, "lock", ACQUIRE)
    return result


def traced_lock_release(self):
    note_holding(self, "lock", RELEASE)
    original_lock_release(self)


async def traced_semaphore_acquire(self):
    result = await original_semaphore_acquire(self)
    note_holding(self, "semaphore", ACQUIRE)
    return result


def traced_semaphore_release(self):
    # A BoundedSemaphore's release checks its bound first, then calls this one.
    note_holding(self, "semaphore", RELEASE)
    original_semaphore_release(self)


def note_output(text):
    loop = asyncio.events._get_running_loop()
    lane = RECORDER.lane_of_current_task(loop) if loop is not None else None
    if lane is None:
        return
    partial = RECORDER.partial_lines.get(lane)
    started, pending = partial or (_now(), "")
    *lines, rest = (pending + text).split("\n")
    for line in lines:
        RECORDER.record(lane, PRINT, RECORDER.detail(line[:PRINT_LIMIT]), at=started)
    # Only now that its lines are stored is the partial line replaced: see LiveWriter.
    if rest:
        RECORDER.partial_lines[lane] = (started if not lines else _now(), rest)
    elif partial is not None:
        del RECORDER.partial_lines[lane]


# (owner, attribute, original, traced): what install() swaps in and uninstall() puts back.
HOOKS = [
    (asyncio.base_events.BaseEventLoop, "create_task", original_create_task, traced_create_task),
    (asyncio.base_events.BaseEventLoop, "call_soon", original_call_soon, traced_call_soon),
    (asyncio.base_events.BaseEventLoop, "run_in_executor", original_run_in_executor, traced_run_in_executor),
    (asyncio.events.TimerHandle, "_run", original_timer_run, traced_timer_run),
    (asyncio, "Task", Task, TracedTask),
    (asyncio.Lock, "acquire", original_lock_acquire, traced_lock_acquire),
    (asyncio.Lock, "release", original_lock_release, traced_lock_release),
    (asyncio.Semaphore, "acquire", original_semaphore_acquire, traced_semaphore_acquire),
    (asyncio.Semaphore, "release", original_semaphore_release, traced_semaphore_release),
] + ([(asyncio.tasks, "_set_task_name", original_set_task_name, traced_set_task_name)]
     if original_set_task_name is not None else [])


# What --live adds (see LiveWriter).
LIVE_HOOKS = [(asyncio.base_events.BaseEventLoop, "_run_once", original_run_once, traced_run_once)]


def install(live=False):
    """Hooks the tracer into every asyncio event loop (subclasses of BaseEventLoop)."""
    for owner, attribute, _, traced in HOOKS + (LIVE_HOOKS if live else []):
        setattr(owner, attribute, traced)


def uninstall():
    """Puts asyncio back as it was."""
    for owner, attribute, original, _ in HOOKS + LIVE_HOOKS:
        setattr(owner, attribute, original)


# -- Command line --------------------------------------------------------------------------------

TRACER_FILES = {os.path.abspath(__file__), __file__}


def without_tracer_frames(error, seen=None):
    """Takes the tracer's frames out of `error`'s traceback, and out of the exceptions chained to
    it, so that the traceback printed is the one the program prints untraced."""
    seen = seen if seen is not None else set()
    if error is None or id(error) in seen:
        return
    seen.add(id(error))
    entries = []
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename not in TRACER_FILES:
            entries.append(traceback)
        traceback = traceback.tb_next
    rebuilt = None
    for entry in reversed(entries):
        rebuilt = TracebackType(rebuilt, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    error.__traceback__ = rebuilt
    without_tracer_frames(error.__cause__, seen)
    without_tracer_frames(error.__context__, seen)
    for inner in getattr(error, "exceptions", ()):
        without_tracer_frames(inner, seen)


def run_script(path):
    """Runs a Python file as `python PATH` does: as a fresh `__main__` module (so that process
    pools can pickle its functions), with sys.argv left as set. (runpy.run_path would set
    sys.argv[0] to the full path and run the file in a temporary module.)"""
    with io.open_code(path) as file:
        source = file.read()
    code = compile(source, path, "exec", dont_inherit=True)
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__cached__ = None
    module.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = module
    exec(code, module.__dict__)


USAGE = "usage: looplens_asyncio.py -o TRACE.jsonl [--internals] [--live] (SCRIPT.py | -m MODULE) [ARGS ...]"


def main(argv):
    output, internals, live, module, script = None, False, False, None, None
    while argv:
        option = argv.pop(0)
        if option in ("-o", "--output") and argv:
            output = argv.pop(0)
        elif option == "--internals":
            internals = True
        elif option == "--live":
            live = True
        elif option == "-m" and argv:
            module = argv.pop(0)
            break
        elif not option.startswith("-"):
            script = option
            break
        else:
            break
    if output is None or (module is None and script is None):
        print(USAGE, file=sys.stderr)
        return 2
    if script is not None and not os.path.isfile(script):
        print("looplens_asyncio: %s: no such file" % script, file=sys.stderr)
        return 2
    title = module or os.path.basename(script)
    SHOW_INTERNALS[0] = internals
    if live:
        LIVE_WRITER[0] = LiveWriter(RECORDER, output, title)
    atexit.register(RECORDER.write, output, title)
    install(live)
    sys.stdout, sys.stderr = RecordedStream(sys.stdout), RecordedStream(sys.stderr)
    try:
        if module is not None:
            # As `python -m`: sys.argv[0] becomes the module's file, and the traceback's first
            # lines are runpy's, as they are untraced.
            sys.argv = ["-m"] + argv
            sys.path[0] = os.getcwd()
            runpy._run_module_as_main(module, alter_argv=True)
        else:
            # As `python SCRIPT`: __file__ (and so each traceback line) is the path joined to the
            # working directory, unnormalised; sys.path[0] is the script's real directory.
            sys.argv = [script] + argv
            sys.path[0] = os.path.dirname(os.path.realpath(script))
            run_script(os.path.join(os.getcwd(), script))
    except SystemExit as exit:
        return exit.code
    except BaseException as error:
        RECORDER.write(output, title)
        without_tracer_frames(error)
        sys.excepthook(type(error), error, error.__traceback__)
        if isinstance(error, KeyboardInterrupt):
            # As Python does: the exit status says SIGINT.
            sys.stdout.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        return 1
    finally:
        RECORDER.write(output, title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
