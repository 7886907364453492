import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// The asyncio tracer (`Sources/LoopLensPython/looplens_asyncio.py`), run on small programs with
/// every CPython found: the machine's `python3` and pyenv's 3.11, 3.12 and 3.13 when present.
@Suite struct PythonTracerTests {
    static let tracer = packageRoot.appendingPathComponent("Sources/LoopLensPython/looplens_asyncio.py").path

    static let interpreters = PythonInterpreters.found

    @Test func interpretersWereFound() {
        #expect(!Self.interpreters.isEmpty, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
    }

    /// Runs `program` untraced and traced with `python`; returns both outputs and the trace.
    func trace(_ program: String, with python: String) throws -> (plain: String, traced: String, run: Run) {
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
        return (plain.stdout, traced.stdout, try #require(read.trace.runs.first))
    }

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
        let (plain, traced, run) = try trace(program, with: python)
        #expect(traced == plain && plain == "cancelled\n")
        #expect(
            try steps(of: "main 1", in: run) == [
                "spawn", "resume", "suspend sleep 0s", "ready yield",
                "resume", "suspend task stubborn", "ready task stubborn",
                "resume", "suspend task child", "ready task child",
                "resume", "suspend sleep 0s", "ready yield", "resume", "finish ok",
            ])
        #expect(
            try steps(of: "stubborn", in: run) == [
                "spawn", "resume", "suspend sleep 10s", "ready future",
                "resume", "suspend sleep 0s", "ready yield", "resume", "finish cancelled",
            ])
        #expect(
            try steps(of: "child", in: run) == [
                "spawn", "resume", "suspend sleep 0s", "ready yield", "resume", "finish ok",
            ])
        #expect(try steps(of: "waiter", in: run) == ["spawn", "resume", "suspend other waiter", "ready future"])
        #expect(try steps(of: "late", in: run) == ["spawn", "resume", "suspend sleep 0s", "ready yield"])
    }
}
