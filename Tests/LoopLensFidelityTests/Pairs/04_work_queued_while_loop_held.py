# Rule: callbacks queued during an iteration run in the next one, before the callbacks of the
# timers that expired meanwhile (those are queued behind them by _run_once).
from fidelity import *

async def sleeper():
    await sleep(0.5)
    log("sleeper woke")

async def helper():
    log("helper ran")

tasks = []

async def worker():
    cpu(1)
    tasks.append(asyncio.create_task(helper()))
    log("worker spawned helper")

async def main():
    await asyncio.gather(sleeper(), worker())

run(main())
