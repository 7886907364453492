# Rule: Queue.get() waits while the queue is empty, in a loop: a wake-up promises no item.
from fidelity import *

async def consumer(jobs):
    await jobs.get()
    log("consumer got a job")

async def producer(jobs):
    await sleep(1)
    await jobs.put("job")
    await jobs.get()
    log("producer took it back")
    await sleep(1)
    await jobs.put("job")

async def main():
    jobs = asyncio.Queue()
    await asyncio.gather(consumer(jobs), producer(jobs))

run(main())
