#!/usr/bin/env python3
"""Measures the asyncio tracer's overhead: traced / untraced wall time of asyncio.run, best of N.

    python3 benchmark.py [--repeat N] [--live]

Workloads: 10 000 tasks x 10 `await asyncio.sleep(0)`, and a mixed lock + queue + TaskGroup
program. Writing the trace (once, at exit) is timed separately. With --live, each traced run
appends its trace as it goes (the tracer's --live), so the writing is part of the traced time.
"""

import asyncio
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import looplens_asyncio  # noqa: E402


async def sleep_zero(tasks=10_000, steps=10):
    async def worker():
        for _ in range(steps):
            await asyncio.sleep(0)

    await asyncio.gather(*(worker() for _ in range(tasks)))


async def mixed(producers=50, items=100):
    lock = asyncio.Lock()
    queue = asyncio.Queue(maxsize=20)
    total = 0

    async def produce():
        for item in range(items):
            await queue.put(item)

    async def consume():
        nonlocal total
        while True:
            item = await queue.get()
            async with lock:
                total += item
            queue.task_done()

    consumers = [asyncio.create_task(consume()) for _ in range(10)]
    async with asyncio.TaskGroup() as group:
        for _ in range(producers):
            group.create_task(produce())
    await queue.join()
    for consumer in consumers:
        consumer.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)


def timed(workload):
    start = time.perf_counter()
    asyncio.run(workload())
    return time.perf_counter() - start


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 15
    live = "--live" in sys.argv
    folder = tempfile.mkdtemp()
    workloads = [("10000 tasks x 10 sleep(0)", sleep_zero), ("mixed lock + queue + TaskGroup", mixed)]
    print("python %s, best of %d, untraced and traced%s runs alternating"
          % (sys.version.split()[0], repeat, " (live)" if live else ""))
    for name, workload in workloads:
        plain = traced = float("inf")
        events = 0
        for _ in range(repeat):
            looplens_asyncio.uninstall()
            plain = min(plain, timed(workload))
            looplens_asyncio.RECORDER.reset()
            looplens_asyncio.install(live)
            if live:
                writer = looplens_asyncio.LiveWriter(looplens_asyncio.RECORDER, os.path.join(folder, "live.jsonl"), name)
                start = time.perf_counter()
                asyncio.run(workload())
                writer.finish()
                traced = min(traced, time.perf_counter() - start)
                events = sum(1 for _ in open(os.path.join(folder, "live.jsonl"))) - 1
            else:
                traced = min(traced, timed(workload))
                events = looplens_asyncio.RECORDER.event_count
        print("%-32s untraced %7.3f s  traced %7.3f s  overhead %.2fx  (%d events a run)"
              % (name, plain, traced, traced / plain, events))
    if live:
        return
    path = os.path.join(folder, "trace.jsonl")
    start = time.perf_counter()
    events = looplens_asyncio.RECORDER.event_count
    looplens_asyncio.RECORDER.write(path, "benchmark")
    elapsed = time.perf_counter() - start
    print("writing %d events: %.3f s (%.2f us per event)" % (events, elapsed, elapsed / max(events, 1) * 1e6))


if __name__ == "__main__":
    main()
