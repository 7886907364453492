import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// The asyncio tracer (`Sources/LoopLensPython/looplens_asyncio.py`), run on small programs with
/// every CPython found: the machine's `python3` and pyenv's 3.11, 3.12 and 3.13 when present.
@Suite struct PythonTracerTests {
    static let tracer = pythonTracerPath

    static let interpreters = PythonInterpreters.found

    @Test func interpretersWereFound() {
        #expect(!Self.interpreters.isEmpty, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
    }

    /// Runs `program` untraced and traced with `python`; returns both outputs and the trace, which
    /// must read without a warning, or with only the one naming `unfinished` (tasks the program
    /// left pending when it ended).
    func trace(_ program: String, with python: String, unfinished: [String] = []) throws -> (plain: String, traced: String, run: Run) {
        let directory = try temporaryDirectory()
        let script = directory.appendingPathComponent("program.py")
        try program.write(to: script, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("trace.jsonl").path
        let interpreter = URL(fileURLWithPath: python)
        let plain = try run([script.path], executable: interpreter)
        let traced = try run([Self.tracer, "-o", output, script.path], executable: interpreter)
        #expect(traced.status == plain.status, "\(python): \(traced.stderr)")
        let read = try TraceReader.read(file: output)
        #expect(read.problems.isEmpty, "\(read.problems)")
        let names = unfinished.map { "'\($0)'" }.joined(separator: ", ")
        #expect(
            read.warnings.map(\.message)
                == (unfinished.isEmpty
                    ? [] : ["run 'real' ends here with \(unfinished.count) tasks unfinished (\(names))\(Self.unfinishedExplanation)"]))
        return (plain.stdout, traced.stdout, try #require(read.trace.runs.first))
    }

    static let unfinishedExplanation =
        ": the recording stopped before they finished (the program was killed, or ended leaving them pending), so they are drawn to the run's last event and marked as cut"

    static let downloads = """
        import asyncio

        async def download(page):
            print(f"start {page}")
            await asyncio.sleep(0.2)
            print(f"done {page}")

        async def main():
            await asyncio.gather(download(1), download(2), download(3))

        asyncio.run(main())
        """

    @Test(arguments: interpreters)
    func downloadsOverlapAndOutputIsUnchanged(python: String) throws {
        let (plain, traced, run) = try trace(Self.downloads, with: python)
        #expect(traced == plain)
        #expect(run.tasks.map(\.name) == ["main 1", "download 2", "download 3", "download 4"])
        #expect(run.tasks.dropFirst().allSatisfy { $0.parent == 0 })
        let downloads = Set(1...3)
        let events = Array(run.events)
        let suspends = events.indices.filter { events[$0].kind == .suspend && downloads.contains(events[$0].task!) }
        let readies = events.indices.filter { events[$0].kind == .ready && downloads.contains(events[$0].task!) }
        #expect(suspends.count == 3 && readies.count == 3)
        #expect(suspends.max()! < readies.min()!, "every wait starts before any of them ends")
        #expect(events[suspends[0]].detail == .wait(on: .sleep, what: "0.2s"))
    }

    @Test(arguments: interpreters)
    func lanesAreNamedAfterTheirCoroutines(python: String) throws {
        let program = """
            import asyncio

            class Client:
                async def fetch(self):
                    await asyncio.sleep(0)

            async def main():
                async def consume():
                    await asyncio.sleep(0)
                await asyncio.gather(consume(), Client().fetch(), asyncio.create_task(consume(), name="named"))

            asyncio.run(main())
            """
        let run = try trace(program, with: python).run
        // asyncio numbers its Task-N names differently across versions: the numbers are dropped.
        let names = run.tasks.map { $0.name.replacing(/\ \d+$/, with: "") }
        #expect(names == ["main", "named", "consume", "Client.fetch"])
    }

    @Test(arguments: interpreters)
    func aWaitIsNamedAfterTheInnermostFunction(python: String) throws {
        // The same coroutine waits on a future itself, then through an `__await__` written in Python.
        let program = """
            import asyncio

            class Gate:
                def __init__(self, future):
                    self.future = future

                def __await__(self):
                    return (yield from self.future)

            def later(loop):
                future = loop.create_future()
                loop.call_later(0.01, future.set_result, None)
                return future

            async def main():
                loop = asyncio.get_running_loop()
                await later(loop)
                await Gate(later(loop))

            asyncio.run(main())
            """
        let run = try trace(program, with: python).run
        let waits = run.events.filter { $0.kind == .suspend }.map(\.detail)
        #expect(waits == [.wait(on: .other, what: "main"), .wait(on: .other, what: "Gate.__await__")])
        let causes = run.events.filter { $0.kind == .ready && $0.task == 0 }.map(\.detail)
        #expect(causes == [.wake(by: "timer"), .wake(by: "timer")], "call_later's callback resolved both futures")
    }

    @Test(arguments: interpreters)
    func aBusyLoopKeepsTheOthersReady(python: String) throws {
        let program = """
            import asyncio, time

            async def hog():
                time.sleep(0.1)

            async def other():
                await asyncio.sleep(0)

            async def main():
                await asyncio.gather(hog(), other(), other())

            asyncio.run(main())
            """
        let run = try trace(program, with: python).run
        let timelines = run.taskTimelines()
        let hog = try #require(timelines.first { run.tasks[$0.task].name.hasPrefix("hog") })
        let hogRunning = try #require(hog.intervals.first { $0.state == .running })
        #expect(hogRunning.duration >= 90_000_000, "the busy loop holds the loop for about 100 ms")
        for other in timelines where run.tasks[other.task].name.hasPrefix("other") {
            let ready = try #require(other.intervals.first { $0.state == .ready })
            #expect(ready.start <= hogRunning.start && ready.end >= hogRunning.end, "ready for the whole time the hog runs")
        }
    }

    @Test(arguments: interpreters)
    func locksSemaphoresErrorsCancellationsAndThreads(python: String) throws {
        let program = """
            import asyncio

            lock = asyncio.Lock()
            gate = asyncio.Semaphore(1)

            async def use_lock():
                async with lock:
                    await asyncio.sleep(0.02)

            async def use_gate():
                async with gate:
                    await asyncio.sleep(0.02)

            async def bad():
                raise ValueError("boom")

            async def forever():
                await asyncio.sleep(10)

            async def main():
                await asyncio.gather(use_lock(), use_lock(), use_gate(), use_gate())
                sleeper = asyncio.create_task(forever(), name="sleeper")
                failing = asyncio.create_task(bad())
                await asyncio.sleep(0.01)
                sleeper.cancel()
                for task in (sleeper, failing):
                    try:
                        await task
                    except (asyncio.CancelledError, ValueError) as error:
                        print(type(error).__name__)
                print(await asyncio.to_thread(sum, [1, 2, 3]))

            asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(traced == plain)
        #expect(plain == "CancelledError\nValueError\n6\n")
        let waits = run.events.compactMap { event -> WaitReason? in
            if case .wait(let reason, _)? = event.detail, event.kind == .suspend { reason } else { nil }
        }
        #expect(waits.contains(.lock) && waits.contains(.semaphore) && waits.contains(.thread))
        let finishes = Dictionary(run.events.filter { $0.kind == .finish }.map { (run.tasks[$0.task!].name, $0.detail) }) { first, _ in
            first
        }
        #expect(finishes["sleeper"] == .outcome(.cancelled, error: nil))
        let bad = try #require(finishes.keys.first { $0.hasPrefix("bad ") }, "asyncio numbers tasks differently across versions")
        #expect(finishes[bad] == .outcome(.error, error: "ValueError: boom"))
        let thread = try #require(run.tasks.firstIndex { $0.name == "main 1:thread" })
        #expect(run.tasks[thread].parent == 0)
        #expect(run.events.filter { $0.task == thread }.map(\.kind) == [.spawn, .resume, .finish])
    }

    /// A task's events in order, as `kind` or `kind detail` (`suspend sleep 0s`, `ready yield`).
    func steps(of name: String, in run: Run) throws -> [String] {
        let task = try #require(run.tasks.firstIndex { $0.name == name }, "no task \(name)")
        return run.events.filter { $0.task == task }.map { event in
            switch event.detail {
            case .wait(let on, let what)?: "\(event.kind) \(on) \(what)"
            case .wake(let by)?: "\(event.kind) \(by)"
            case .outcome(let result, _)?: "\(event.kind) \(result)"
            default: "\(event.kind)"
            }
        }
    }

    @Test(arguments: interpreters)
    func everyStepHasTheReadyThatScheduledIt(python: String) throws {
        // stubborn's cancellation is thrown into it and it sleeps(0) before ending. The waiter is
        // woken, and late sleeps(0), in the loop's last round, so their readies are still pending
        // when the program ends (late's at the very time of its suspend).
        let program = """
            import asyncio

            async def stubborn():
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    await asyncio.sleep(0)
                    raise

            async def child():
                await asyncio.sleep(0)

            async def waiter(future):
                await future

            async def main():
                task = asyncio.create_task(stubborn(), name="stubborn")
                await asyncio.sleep(0)
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:
                    print("cancelled")
                await asyncio.create_task(child(), name="child")
                future = loop.create_future()
                asyncio.create_task(waiter(future), name="waiter")
                await asyncio.sleep(0)
                loop.call_soon(future.set_result, None)
                asyncio.create_task(child(), name="late")

            loop = asyncio.new_event_loop()
            loop.run_until_complete(main())
            """
        let (plain, traced, run) = try trace(program, with: python, unfinished: ["waiter", "late"])
        #expect(traced == plain && plain == "cancelled\n")
        #expect(
            try steps(of: "main 1", in: run) == [
                "spawn", "resume", "suspend sleep 0s", "ready yield",
                "resume", "suspend task stubborn", "ready task stubborn",
                "resume", "print", "suspend task child", "ready task child",
                "resume", "suspend sleep 0s", "ready yield", "resume", "finish ok",
            ])
        #expect(
            try steps(of: "stubborn", in: run) == [
                "spawn", "resume", "suspend sleep 10s", "ready cancel",
                "resume", "suspend sleep 0s", "ready yield", "resume", "finish cancelled",
            ])
        #expect(
            try steps(of: "child", in: run) == [
                "spawn", "resume", "suspend sleep 0s", "ready yield", "resume", "finish ok",
            ])
        #expect(try steps(of: "waiter", in: run) == ["spawn", "resume", "suspend other waiter", "ready future"])
        #expect(try steps(of: "late", in: run) == ["spawn", "resume", "suspend sleep 0s", "ready yield"])
    }

    @Test(arguments: interpreters)
    func aTimerThatExpiresWhileTheLoopIsHeldIsReadyFromItsDeadline(python: String) throws {
        // blocking_the_loop at a tenth of the scale: compress holds the loop for 300 ms; the
        // ticker's 50 ms timer and the fetches' 100 ms ones expire meanwhile.
        let program = """
            import asyncio, time

            async def ticker():
                print("tick")
                await asyncio.sleep(0.05)
                print("tick")

            async def fetch(i):
                await asyncio.sleep(0.1)
                print(f"item {i} received")

            async def compress():
                time.sleep(0.3)
                print("compressed")

            async def main():
                await asyncio.gather(ticker(), fetch(1), fetch(2), compress())

            asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(traced == plain)
        let timelines = run.taskTimelines()
        let compress = try #require(timelines.first { run.tasks[$0.task].name.hasPrefix("compress") })
        let held = try #require(compress.intervals.first { $0.state == .running })
        #expect(held.duration >= 300_000_000)
        for (name, delay) in [("ticker", 50_000_000), ("fetch", 100_000_000)] as [(String, Nanoseconds)] {
            for lane in timelines where run.tasks[lane.task].name.hasPrefix(name) {
                let ready = try #require(lane.intervals.first { $0.state == .ready && $0.start > lane.start })
                let readyEvent = try #require(run.events.first { $0.task == lane.task && $0.kind == .ready && $0.time == ready.start })
                #expect(readyEvent.detail == .wake(by: "timer"))
                // Ready from the deadline (the suspend plus the delay, within 5 %) until compress lets go.
                let suspended = try #require(lane.intervals.first { if case .waiting = $0.state { true } else { false } })
                // (The timer is set a little before the suspend is recorded.)
                #expect(
                    ready.start + 1_000_000 >= suspended.start + delay && ready.start <= suspended.start + delay + delay / 20, "\(name)")
                #expect(ready.end >= held.end, "\(name) stays ready until compress returns")
            }
        }
    }

    @Test(arguments: interpreters)
    func everyWayOfMakingATaskGivesALaneWithItsParent(python: String) throws {
        let program = """
            import asyncio, sys

            async def child():
                await asyncio.sleep(0.01)

            async def eager_parent():
                await asyncio.create_task(child(), name="eager-child")

            async def main():
                direct = asyncio.Task(child(), name="direct")
                await direct
                await asyncio.ensure_future(child())
                async with asyncio.TaskGroup() as group:
                    group.create_task(child(), name="grouped")
                print(isinstance(direct, asyncio.Task), isinstance(asyncio.current_task(), asyncio.Task))
                if sys.version_info >= (3, 12):
                    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
                else:  # the same lanes, created lazily
                    asyncio.get_running_loop().set_task_factory(None)
                await asyncio.create_task(eager_parent(), name="eager-parent")

            asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(traced == plain && plain == "True True\n")
        let parents = Dictionary(run.tasks.map { ($0.name.replacing(/\ \d+$/, with: ""), $0.parent.map { run.tasks[$0].name }) }) { a, _ in
            a
        }
        #expect(parents["direct"] == "main 1")
        #expect(parents["child"] == "main 1", "ensure_future")
        #expect(parents["grouped"] == "main 1")
        #expect(parents["eager-parent"] == "main 1")
        #expect(parents["eager-child"] == "eager-parent", "a task created during an eager first step")
    }

    @Test(arguments: interpreters)
    func aProcessPoolGetsTheUsersFunctionAndALane(python: String) throws {
        let program = """
            import asyncio
            from concurrent.futures import ProcessPoolExecutor

            def f():
                return 1

            async def main():
                with ProcessPoolExecutor(1) as pool:
                    print(await asyncio.get_running_loop().run_in_executor(pool, f))

            if __name__ == "__main__":
                asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(plain == "1\n" && traced == plain)
        let lane = try #require(run.tasks.firstIndex { $0.name == "main 1:process" })
        #expect(run.events.filter { $0.task == lane }.map(\.kind) == [.spawn, .resume, .finish])
        #expect(run.events.contains { $0.task == 0 && $0.kind == .ready && $0.detail == .wake(by: "thread") })
    }

    @Test(arguments: interpreters)
    func aStreamsServerShowsOnlyTheProgramsTasks(python: String) throws {
        let program = """
            import asyncio

            async def handle(reader, writer):
                writer.write((await reader.readline()).upper())
                await writer.drain()
                writer.close()

            async def client(port):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(b"hello\\n")
                print((await reader.readline()).decode().strip())
                writer.close()

            async def main():
                server = await asyncio.start_server(handle, "127.0.0.1", 0)
                port = server.sockets[0].getsockname()[1]
                async with server:
                    await asyncio.gather(client(port), client(port))

            asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(plain == "HELLO\nHELLO\n" && traced == plain)
        let names = run.tasks.map { $0.name.replacing(/\ \d+$/, with: "") }.sorted()
        #expect(names == ["client", "client", "handle", "handle", "main"])
        let waits = run.events.compactMap { event -> String? in
            if case .wait(_, let what)? = event.detail { what } else { nil }
        }
        #expect(!waits.contains { $0.contains("Task-") }, "\(waits)")
    }

    @Test(arguments: interpreters)
    func printsAreRecordedAndWakeUpsNameTheirCause(python: String) throws {
        let program = """
            import asyncio

            async def holder(lock, ready):
                async with lock:
                    ready.set()
                    print("holding", end="")
                    print(" the lock")
                    await asyncio.sleep(0.01)

            async def taker(lock, ready, queue):
                await ready.wait()
                async with lock:
                    await queue.put("x" * 300)

            async def main():
                lock, ready, queue = asyncio.Lock(), asyncio.Event(), asyncio.Queue()
                await asyncio.gather(taker(lock, ready, queue), holder(lock, ready), queue.get())

            asyncio.run(main())
            """
        let (plain, traced, run) = try trace(program, with: python)
        #expect(traced == plain)
        let prints = run.events.filter { $0.kind == .print }
        #expect(prints.map { run.tasks[$0.task!].name } == ["holder 3"] && prints.map(\.detail) == [.text("holding the lock")])
        let waits = { (name: String) in try self.steps(of: name, in: run).filter { $0.hasPrefix("suspend") || $0.hasPrefix("ready") } }
        #expect(try waits("taker 2") == ["suspend event event 1", "ready event 1", "suspend lock lock 1", "ready lock 1"])
        #expect(try waits("holder 3") == ["suspend sleep 0.01s", "ready timer"])
        let getter = try #require(run.tasks.first { $0.name.hasPrefix("Queue.get") }, "gather(queue.get()) is the program's task")
        #expect(try waits(getter.name) == ["suspend queue get", "ready queue"])
        #expect(try steps(of: "main 1", in: run).last { $0.hasPrefix("ready") } == "ready gather")
    }

    @Test(arguments: interpreters)
    func aFailingProgramPrintsTheSameTracebackAndExitStatus(python: String) throws {
        let program = """
            import asyncio

            async def bad():
                await asyncio.sleep(0)
                raise ValueError("boom")

            async def main():
                try:
                    await asyncio.create_task(bad())
                except ValueError as error:
                    raise RuntimeError("wrapped") from error

            asyncio.run(main())
            """
        let directory = try temporaryDirectory()
        try program.write(to: directory.appendingPathComponent("program.py"), atomically: true, encoding: .utf8)
        let interpreter = URL(fileURLWithPath: python)
        let plain = try run(["program.py"], executable: interpreter, in: directory)
        let traced = try run([Self.tracer, "-o", "trace.jsonl", "program.py"], executable: interpreter, in: directory)
        #expect(plain.status == 1 && traced.status == 1)
        #expect(traced.stderr == plain.stderr)
        #expect(plain.stderr.contains("RuntimeError: wrapped"))
    }

    /// Timers due while the loop is blocked, gathers, threads, `sleep(0)` rounds and prints cut
    /// mid-line: everything whose events are recorded out of time order. Halfway, the program
    /// counts the lines its live trace has so far.
    static let everythingOutOfOrder = """
        import asyncio, os, sys, time

        async def ticker():
            for i in range(30):
                await asyncio.sleep(0.013)
                print("tick", i, end="" if i % 3 else "\\n")

        async def blocker():
            for _ in range(4):
                await asyncio.sleep(0.05)
                time.sleep(0.1)

        async def child(i):
            await asyncio.sleep(0.01 * i)

        async def gatherer():
            for _ in range(6):
                await asyncio.gather(*(child(i) for i in range(3)))
                await asyncio.to_thread(time.sleep, 0.03)

        async def yielder():
            for _ in range(500):
                await asyncio.sleep(0)

        async def counter(trace):
            await asyncio.sleep(0.4)
            lines = open(trace).read().count("\\n") if os.path.exists(trace) else 0
            print("lines so far:", lines)

        async def main():
            await asyncio.gather(ticker(), blocker(), gatherer(), yielder(), counter(sys.argv[1]))

        asyncio.run(main())
        """

    @Test(arguments: interpreters)
    func aLiveTraceGrowsInTimeOrderAndEndsAsTheWholeTrace(python: String) throws {
        let directory = try temporaryDirectory()
        try Self.everythingOutOfOrder.write(to: directory.appendingPathComponent("program.py"), atomically: true, encoding: .utf8)
        let interpreter = URL(fileURLWithPath: python)
        let whole = try run([Self.tracer, "-o", "whole.jsonl", "program.py", "whole.jsonl"], executable: interpreter, in: directory)
        let live = try run([Self.tracer, "--live", "-o", "live.jsonl", "program.py", "live.jsonl"], executable: interpreter, in: directory)
        #expect(whole.status == 0 && live.status == 0, "\(live.stderr)")
        #expect(whole.stdout.contains("lines so far: 0"), "without --live, nothing is written before the end")
        let counted = try #require(live.stdout.range(of: "lines so far: "), "\(live.stdout)")
        let count = try #require(Int(live.stdout[counted.upperBound...].prefix { $0.isNumber }))
        #expect(count > 100, "halfway, the live trace already holds many events: \(count)")

        let wholeRun = try #require(try TraceReader.read(file: directory.appendingPathComponent("whole.jsonl").path).trace.runs.first)
        let read = try TraceReader.read(file: directory.appendingPathComponent("live.jsonl").path)
        #expect(read.problems.isEmpty, "every flush kept time order: \(read.problems)")
        #expect(read.warnings.isEmpty, "\(read.warnings)")
        let liveRun = try #require(read.trace.runs.first)
        #expect(liveRun.origin != nil)
        #expect(liveRun.tasks.map(\.name) == wholeRun.tasks.map(\.name))
        for task in wholeRun.tasks where task.name != "counter 6" {
            #expect(try steps(of: task.name, in: liveRun) == steps(of: task.name, in: wholeRun), "\(task.name)")
        }
    }

    /// Telling a process pool from a thread pool must not import multiprocessing (7 ms, in the
    /// middle of the program's first `to_thread`).
    @Test(arguments: interpreters)
    func aThreadCallImportsNothingTheProgramDoesNot(python: String) throws {
        let program = """
            import asyncio, sys, time

            async def main():
                await asyncio.to_thread(time.sleep, 0)
                print("multiprocessing" in sys.modules)

            asyncio.run(main())
            """
        let (plain, traced, _) = try trace(program, with: python)
        #expect(plain == "False\n" && traced == plain)
    }
}
