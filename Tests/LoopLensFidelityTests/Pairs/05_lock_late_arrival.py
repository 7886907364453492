# Rule: Lock.release() unlocks and wakes the first waiter's future; a task asking before that
# waiter runs sees a waiter not cancelled and queues behind it.
from fidelity import *

async def holder(db):
    async with db:
        await sleep(1)
    log("holder released")

async def waiter(db):
    async with db:
        log("waiter got the lock")

async def latecomer(db):
    await sleep(1)
    log("latecomer asks")
    async with db:
        log("latecomer got the lock")

async def main():
    db = asyncio.Lock()
    await asyncio.gather(holder(db), waiter(db), latecomer(db))

run(main())
