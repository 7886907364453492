"""Helpers for the fidelity programs: each program is the asyncio (or threaded) code a scenario
stands for. Waits are scaled by LOOPLENS_SCALE; log() prints a line and the virtual time, in
seconds since the start divided by the scale, so the test can compare it with the simulation."""
import asyncio
import os
import socket
import threading
import time

SCALE = float(os.environ.get("LOOPLENS_SCALE", "0.1"))
START = time.perf_counter()


def log(text):
    print(f"{text}\t{(time.perf_counter() - START) / SCALE:.4f}", flush=True)


def cpu(seconds):
    """`cpu:` in asyncio code: holds the thread (and so the loop) for the time."""
    end = time.perf_counter() + seconds * SCALE
    while time.perf_counter() < end:
        pass


def cpu_bound(seconds):
    """`cpu:` in threaded code: this much CPU time of the thread, which needs the GIL to get it."""
    end = time.thread_time() + seconds * SCALE
    while time.thread_time() < end:
        pass


async def sleep(seconds):
    await asyncio.sleep(seconds * SCALE)


async def io(seconds):
    """`io:` as a future that a callback resolves when the read is done: two hops to the task,
    like a reader callback. Use socket_io where the order against timers matters: the selector
    reports reads before due timers. (Reads that finish at the same instant while the loop idles
    race in a real program; socket_io there would make the order a matter of luck.)"""
    await asyncio.sleep(seconds * SCALE)


async def socket_io(seconds):
    """A real socket read whose data another thread sends after `seconds`: the selector reports it."""
    loop = asyncio.get_running_loop()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    sender = threading.Timer(seconds * SCALE, writer.send, (b"x",))
    sender.start()
    try:
        await loop.sock_recv(reader, 1)
    finally:
        sender.cancel()
        reader.close()
        writer.close()


class SocketReads:
    """Several socket reads whose data one thread sends after `seconds`, in the order the reads
    were made: the order in which the selector sees them is then not left to thread timing."""

    def __init__(self, seconds, count):
        self.pairs = [socket.socketpair() for _ in range(count)]
        self.sender = threading.Timer(seconds * SCALE, lambda: [w.send(b"x") for _, w in self.pairs])
        self.sender.start()

    async def read(self, index):
        reader = self.pairs[index][0]
        reader.setblocking(False)
        await asyncio.get_running_loop().sock_recv(reader, 1)


# (deadline, done) of each to_thread call so far, in the order the calls started on their threads.
_thread_calls = []
_thread_calls_lock = threading.Lock()


def _sleep_in_order(seconds):
    """time.sleep on a worker thread, except that a call due no later than one started before it
    (within 2 ms) ends after it. The simulation ends equal waits in the order they started, and so
    does CPython on an idle machine; on a loaded one the OS may wake two sleeping threads whose
    deadlines are 0.5 ms apart in either order, which would make the comparison a matter of luck."""
    done = threading.Event()
    with _thread_calls_lock:
        deadline = time.perf_counter() + seconds * SCALE
        earlier = [event for due, event in _thread_calls if due <= deadline + 0.002]
        _thread_calls.append((deadline, done))
    time.sleep(seconds * SCALE)
    for event in earlier:
        event.wait()
    done.set()


async def to_thread(seconds):
    await asyncio.to_thread(_sleep_in_order, seconds)


def run(main):
    """asyncio.run(main()), with the exception that ends the program reported on stderr only."""
    try:
        asyncio.run(main)
    except BaseException as error:  # the scenario's run ends with main failed; so does this program
        print(f"main ended: {type(error).__name__}: {error}", file=__import__("sys").stderr)
