# scenario: Scenarios/scraper.yaml
# scale: 0.2
from fidelity import *

async def fetch(i):
    await io(0.5)
    cpu(0.02)
    log(f"parsed {i}")

async def main():
    await asyncio.gather(*(fetch(i) for i in range(1, 21)))

run(main())
