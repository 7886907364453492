# execution: threads
# scale: 0.2
# Rule: a pool of two runs two tasks at a time; blocking waits release the GIL.
from fidelity import *
import time
from concurrent.futures import ThreadPoolExecutor

def fetch(name, seconds):
    time.sleep(seconds * SCALE)
    log(f"{name} done")

with ThreadPoolExecutor(max_workers=2) as pool:
    list(pool.map(fetch, ["a", "b", "c"], [1, 1.2, 0.5]))
