# Rule: the default executor runs calls first in, first out on its threads.
from fidelity import *
from concurrent.futures import ThreadPoolExecutor

async def call(name, seconds):
    await to_thread(seconds)
    log(f"{name} returned")

async def main():
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=1))
    await asyncio.gather(call("first", 1), call("second", 0.5))

run(main())
