# Rule: a task's end schedules its awaiters' wake-ups with call_soon, ahead of later callbacks.
from fidelity import *

async def worker():
    await sleep(1)
    log("worker done")

async def bystander():
    await sleep(1)
    await asyncio.sleep(0)
    log("bystander after yield")

async def main():
    worker_task = asyncio.create_task(worker())
    bystander_task = asyncio.create_task(bystander())
    await worker_task
    log("main resumed")

run(main())
