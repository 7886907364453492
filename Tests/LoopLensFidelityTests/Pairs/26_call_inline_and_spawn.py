# Rule: awaiting a coroutine runs it in the caller's task; a created task runs at the caller's
# next suspension.
from fidelity import *

async def greet():
    log("hello")
    await sleep(1)
    log("world")

async def side():
    log("side task runs")
    await sleep(1.5)
    log("side task done")

async def main():
    side_task = asyncio.create_task(side())
    await greet()
    await greet()
    log("main done")

run(main())
