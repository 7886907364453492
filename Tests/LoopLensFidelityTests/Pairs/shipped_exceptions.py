# scenario: Scenarios/exceptions.yaml
from fidelity import *

async def fetch_ok():
    await io(0.3)
    log("ok received")

async def fetch_bad():
    await io(0.5)
    raise RuntimeError("HTTPError: 500 Internal Server Error")

async def fetch_slow():
    await io(2)
    log("slow received")

async def main():
    await asyncio.gather(fetch_ok(), fetch_bad(), fetch_slow())
    log("never printed")

run(main())
