# execution: threads
# scale: 0.2
# Rule: a thread waiting for the GIL makes a computing holder drop it after the switch interval.
from fidelity import *
from concurrent.futures import ThreadPoolExecutor

def work(name, seconds):
    cpu_bound(seconds)
    log(f"{name} done")

with ThreadPoolExecutor(max_workers=2) as pool:
    list(pool.map(work, ["short", "long"], [1, 1.5]))
