# Rule: awaiting a task re-raises its exception; asyncio.run then cancels what is pending.
from fidelity import *

async def fails():
    await sleep(0.5)
    log("fails raises")
    raise ValueError("bad")

async def slow():
    log("slow started")
    await sleep(2)
    log("slow finished")

async def main():
    fails_task = asyncio.create_task(fails())
    slow_task = asyncio.create_task(slow())
    await fails_task
    log("never printed")

run(main())
