# Rule: Semaphore.release() hands the slot to the first waiter (its value stays 0), so a task
# asking before the waiter runs queues.
from fidelity import *

async def holder(pool):
    async with pool:
        await sleep(1)
    log("holder released")

async def waiter(pool):
    async with pool:
        log("waiter got a slot")

async def latecomer(pool):
    await sleep(1)
    log("latecomer asks")
    async with pool:
        log("latecomer got a slot")

async def main():
    pool = asyncio.Semaphore(1)
    await asyncio.gather(holder(pool), waiter(pool), latecomer(pool))

run(main())
