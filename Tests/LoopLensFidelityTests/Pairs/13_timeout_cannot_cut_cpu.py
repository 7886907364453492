# Rule: the timeout's callback needs the loop; a block that never awaits leaves before it runs.
from fidelity import *

async def main():
    async with asyncio.timeout(0.5 * SCALE):
        cpu(1)
        log("cpu finished inside the timeout")
    await sleep(1)
    log("main not cancelled")

run(main())
