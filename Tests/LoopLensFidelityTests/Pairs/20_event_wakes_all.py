# Rule: Event.set() resolves every waiter's future in order; waiting on a set event returns at once.
from fidelity import *

async def waiter(i, go):
    await go.wait()
    log(f"waiter{i} goes")

async def starter(go):
    await sleep(1)
    log("starter sets go")
    go.set()
    await go.wait()
    log("starter passes at once")

async def main():
    go = asyncio.Event()
    await asyncio.gather(*(waiter(i, go) for i in range(1, 4)), starter(go))

run(main())
