# scenario: Scenarios/downloads.yaml
# scale: 0.05
from fidelity import *

async def page(i):
    log(f"Starting download {i}")
    await io(2)
    log(f"Finished download {i}")

async def main():
    await asyncio.gather(*(page(i) for i in range(1, 4)))

run(main())
