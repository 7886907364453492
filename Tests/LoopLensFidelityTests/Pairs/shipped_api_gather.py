# scenario: Scenarios/api_gather.yaml
from fidelity import *

async def get(seconds):
    await io(seconds)

async def main():
    log("fetching dashboard")
    await asyncio.gather(get(1.2), get(0.8), get(2))
    log("dashboard ready")

run(main())
