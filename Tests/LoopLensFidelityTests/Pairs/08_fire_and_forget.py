# Rule: asyncio.run stops the loop through main's done-callback, which runs after the steps
# already queued; then it cancels the tasks still pending and runs them to their end.
from fidelity import *

tasks = []

async def background():
    log("background started")
    await sleep(1)
    log("background finished")

async def main():
    log("main starts")
    tasks.append(asyncio.create_task(background()))
    log("main returns")

run(main())
