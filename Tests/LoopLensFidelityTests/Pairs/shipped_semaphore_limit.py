# scenario: Scenarios/semaphore_limit.yaml
from fidelity import *

async def download(i, pool):
    async with pool:
        log(f"got {i}")
        await io(1)
        log(f"done {i}")

async def main():
    pool = asyncio.Semaphore(2)
    await asyncio.gather(*(download(i, pool) for i in range(1, 6)))

run(main())
