# scenario: Scenarios/say_hello.yaml
from fidelity import *

async def say_hello():
    log("Hello ...")
    await sleep(1)
    log("... World!")

async def main():
    await say_hello()
    await say_hello()

run(main())
