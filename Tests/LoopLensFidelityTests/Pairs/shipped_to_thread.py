# scenario: Scenarios/to_thread.yaml
from fidelity import *
from concurrent.futures import ThreadPoolExecutor

async def legacy(i):
    await to_thread(1)
    log(f"legacy call {i} done")

async def main():
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=2))
    await asyncio.gather(*(legacy(i) for i in range(1, 4)))

run(main())
