# Rule: each put wakes the next getter; a woken getter takes what is there when it runs.
from fidelity import *

async def consumer(i, jobs):
    await jobs.get()
    log(f"consumer{i} got a job")
    await jobs.get()
    log(f"consumer{i} got another")

async def producer(jobs):
    await sleep(1)
    for _ in range(3):
        await jobs.put("job")
    log("producer put three")
    await sleep(1)
    await jobs.put("job")

async def main():
    jobs = asyncio.Queue()
    await asyncio.gather(consumer(1, jobs), consumer(2, jobs), producer(jobs))

run(main())
