# Rule: to_thread completes through call_soon_threadsafe, which appends to the ready queue when
# the thread ends, even while the loop is busy.
from fidelity import *

async def sleeper():
    await sleep(0.3)
    log("sleeper woke")

async def caller():
    await to_thread(0.5)
    log("thread call returned")

async def hog():
    cpu(1)
    log("hog done")

async def main():
    await asyncio.gather(sleeper(), caller(), hog())

run(main())
