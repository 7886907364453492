# Rule: a bare yield reschedules the step with call_soon; a due timer's callback runs after the
# ready queue's head, and the woken task one iteration later still.
from fidelity import *

async def ticker():
    await sleep(0.5)
    log("tick")

async def compress():
    cpu(1)
    await asyncio.sleep(0)
    cpu(1)
    await asyncio.sleep(0)
    cpu(1)
    log("compressed")

async def main():
    await asyncio.gather(ticker(), compress())

run(main())
