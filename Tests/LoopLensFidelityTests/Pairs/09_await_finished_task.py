# Rule: awaiting a done future does not suspend: main runs on before the task it just created.
from fidelity import *

async def quick():
    log("quick ran")

async def late():
    log("late ran")

async def main():
    quick_task = asyncio.create_task(quick())
    await sleep(1)
    late_task = asyncio.create_task(late())
    await quick_task
    log("awaited quick without suspending")
    await asyncio.sleep(0)
    log("main after yield")

run(main())
