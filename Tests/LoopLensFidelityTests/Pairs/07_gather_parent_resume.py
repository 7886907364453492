# Rule: gather resolves its outer future from the children's done-callbacks; the parent wakes
# one iteration after the last of them has run.
from fidelity import *

async def other():
    await sleep(1)
    await asyncio.sleep(0)
    log("other after yield")

async def child(name):
    await sleep(1)
    log(f"{name} done")

tasks = []

async def main():
    tasks.append(asyncio.create_task(other()))
    await asyncio.gather(child("c1"), child("c2"))
    log("gathered")

run(main())
