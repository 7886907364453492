# scenario: Scenarios/four_tasks.yaml
# scale: 0.02
from fidelity import *

async def download_report():
    await io(20)

async def call_api():
    await io(10)

async def query_db():
    await io(5)
    await sleep(5)
    log("retried after back-off")

async def read_cache():
    await io(5)

async def main():
    await asyncio.gather(download_report(), call_api(), query_db(), read_cache())

run(main())
