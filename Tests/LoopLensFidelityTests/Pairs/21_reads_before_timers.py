# Rule: _run_once queues the callbacks of ready file descriptors (select) before those of due timers.
from fidelity import *

async def sleeper():
    await sleep(0.2)
    log("sleeper woke")

async def reader():
    await socket_io(0.3)
    log("reader got data")

async def hog():
    cpu(1)
    log("hog done")

async def main():
    await asyncio.gather(sleeper(), reader(), hog())

run(main())
