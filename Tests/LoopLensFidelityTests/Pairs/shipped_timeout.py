# scenario: Scenarios/timeout.yaml
from fidelity import *

async def fast_api():
    async with asyncio.timeout(2 * SCALE):
        await io(0.5)
    log("fast answered")

async def part(seconds, text):
    await io(seconds)
    log(text)

async def batch():
    async with asyncio.timeout(1.5 * SCALE):
        await asyncio.gather(part(1, "part 1 done"), part(3, "part 2 done"))

async def main():
    await asyncio.gather(fast_api(), batch())

run(main())
