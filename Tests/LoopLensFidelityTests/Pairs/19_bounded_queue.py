# Rule: Queue.put() waits while the queue is full; each get wakes the next putter.
from fidelity import *

async def producer(slots):
    await slots.put(1)
    log("put one")
    await slots.put(2)
    log("put two")

async def consumer(slots):
    await sleep(1)
    await slots.get()
    log("took one")
    await sleep(1)
    await slots.get()
    log("took two")

async def main():
    slots = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(slots), consumer(slots))

run(main())
