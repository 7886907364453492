# Rule: timers due in the same iteration run in deadline order, and equal virtual deadlines in
# the order they were set (real deadlines differ by the nanoseconds between the calls).
from fidelity import *

async def t(i):
    await sleep(1)
    log(f"t{i} woke")

async def main():
    await asyncio.gather(*(t(i) for i in range(1, 9)))

run(main())
