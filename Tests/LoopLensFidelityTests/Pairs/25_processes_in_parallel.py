# execution: processes
# scale: 0.2
# Rule: each task runs in its own process; CPU work runs in parallel. (Order only: starting the
# worker processes takes a while of its own.)
from fidelity import *
from concurrent.futures import ProcessPoolExecutor

def work(name, seconds):
    cpu(seconds)
    print(name + " done", flush=True)

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(work, ["short", "long"], [0.5, 1]))
