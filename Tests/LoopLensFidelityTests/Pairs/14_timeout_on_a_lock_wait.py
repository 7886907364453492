# Rule: a cancelled lock waiter leaves the queue; the lock goes to the next one.
from fidelity import *

async def holder(db):
    async with db:
        await sleep(2)
        log("holder releases")

async def impatient(db):
    async with asyncio.timeout(1 * SCALE):
        async with db:
            log("impatient got the lock")

async def patient(db):
    async with db:
        log("patient got the lock")

async def main():
    db = asyncio.Lock()
    tasks = [asyncio.create_task(c(db)) for c in (holder, impatient, patient)]
    await sleep(3)
    log("main done")

run(main())
