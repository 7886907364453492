# execution: sequential
# Rule: the sequential execution is the synchronous program.
from fidelity import *
import time

def background():
    time.sleep(3 * SCALE)
    log("background done")

def main():
    background()
    log("main continues")
    time.sleep(1 * SCALE)
    log("main done")

main()
