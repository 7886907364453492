# Rule: asyncio.timeout cancels the task; the cancellation of the gather it waits on cancels the
# children, and leaving the block turns it into TimeoutError.
from fidelity import *

async def part(name, seconds):
    await sleep(seconds)
    log(f"{name} done")

async def main():
    async with asyncio.timeout(1.5 * SCALE):
        await asyncio.gather(part("part1", 1), part("part2", 3))
    log("not reached")

run(main())
