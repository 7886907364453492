# scenario: Scenarios/cpu_bound.yaml
# scale: 0.05
from fidelity import *

async def hash_(i):
    cpu(1)
    log(f"hash {i} done")

async def main():
    await asyncio.gather(*(hash_(i) for i in range(1, 5)))

run(main())
