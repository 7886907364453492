# Rule: sleep(0) yields for exactly one iteration; two yielding tasks alternate.
from fidelity import *

async def task(name):
    log(f"{name}1")
    await asyncio.sleep(0)
    log(f"{name}2")
    await asyncio.sleep(0)
    log(f"{name}3")

async def main():
    await asyncio.gather(task("a"), task("b"))

run(main())
