# scenario: Scenarios/blocking_the_loop.yaml
# scale: 0.05
from fidelity import *

async def ticker():
    log("tick")
    for _ in range(3):
        await sleep(0.5)
        log("tick")

async def fetch(i, reads):
    # Real sockets: the reads finish while compress holds the loop, and the selector reports
    # them before the ticker's timer (see 21_reads_before_timers).
    await reads.read(i - 1)
    log(f"item {i} received")

async def compress():
    cpu(3)
    log("compressed")

async def main():
    reads = SocketReads(1, 2)
    await asyncio.gather(ticker(), fetch(1, reads), fetch(2, reads), compress())

run(main())
