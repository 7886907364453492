# scenario: Scenarios/lock_contention.yaml
from fidelity import *

async def worker(i, db):
    await io(1)
    async with db:
        await io(1)
        log(f"worker {i} wrote")

async def main():
    db = asyncio.Lock()
    await asyncio.gather(*(worker(i, db) for i in range(1, 4)))

run(main())
