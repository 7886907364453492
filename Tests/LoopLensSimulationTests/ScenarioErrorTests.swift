import LoopLensSimulation
import LoopLensTrace
import Testing

/// Bad scenarios are refused with the line and column of the problem.
@Suite struct ScenarioErrorTests {
    func problems(_ yaml: String) -> [InputError] {
        do {
            _ = try ScenarioLoader.parse(yaml, file: "bad.yaml")
            return []
        } catch let errors as InputErrors {
            return errors.errors
        } catch {
            return []
        }
    }

    @Test func unknownStepNamesItsKey() {
        let errors = problems(
            """
            scenario: typo
            tasks:
              - name: a
                steps:
                  - slep: 1s
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.line == 5)
        #expect(errors.first?.column == 9)
        #expect(errors.first?.message.contains("unknown step 'slep' (did you mean 'sleep'?)") == true)
        #expect(errors.first?.description.hasPrefix("bad.yaml:5:9: error: ") == true)
    }

    @Test func undefinedLockNamesTheLockValue() {
        let errors = problems(
            """
            scenario: lock
            locks: [db]
            tasks:
              - name: a
                steps:
                  - lock: cache
                    steps: [{io: 1s}]
            """)
        #expect(errors.map(\.line) == [6])
        #expect(errors.first?.column == 15)
        #expect(errors.first?.message.contains("lock 'cache' is not declared") == true)
    }

    @Test func negativeDurationNamesTheValue() {
        let errors = problems(
            """
            scenario: negative
            tasks:
              - name: a
                steps:
                  - print: fine
                  - sleep: -2s
            """)
        #expect(errors.map { [$0.line, $0.column] } == [[6, 16]])
        #expect(errors.first?.message.contains("negative") == true)
    }

    @Test func yamlSyntaxErrorNamesTheLine() {
        let errors = problems(
            """
            scenario: broken
            tasks:
              - name: a
                steps: [{io: 1s}
              - name: b
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.line == 5)
        #expect(errors.first?.column == 3, "where the unclosed flow list is noticed")
        #expect(errors.first?.message.hasPrefix("YAML syntax error: did not find expected ',' or ']'") == true)
    }

    @Test func everyProblemIsListed() {
        let errors = problems(
            """
            scenario: many
            tasks:
              - name: a
                steps:
                  - call: nowhere
                  - cpu: fast
                  - semaphore: pool
                    steps: []
            """)
        #expect(errors.map(\.line) == [6, 5, 7])
    }

    @Test func cyclesAndEmptyTaskListsAreRefused() {
        let cycle = problems(
            """
            scenario: cycle
            tasks:
              - name: a
                steps: [{call: b}]
              - name: b
                steps: [{await: a}]
            """)
        #expect(cycle.count == 1)
        #expect(cycle.first?.message.contains("cycle (a → b → a)") == true)
        #expect(cycle.first?.line == 6, "the await that closes the cycle")

        let empty = problems("scenario: nothing\ntasks: []\n")
        #expect(empty.first?.line == 2)
        #expect(empty.first?.message.contains("'tasks:' is empty") == true)
    }

    @Test func awaitOfATaskNeverSpawnedIsRefused() {
        let errors = problems(
            """
            scenario: await
            tasks:
              - name: a
                steps: [{await: helper}]
            subtasks:
              - name: helper
                steps: []
            """)
        #expect(errors.first?.message.contains("awaited but never spawned") == true)
    }

    @Test(
        arguments: [
            ("2s", 2_000_000_000), ("1.5s", 1_500_000_000), ("150ms", 150_000_000), ("20us", 20_000),
            ("20µs", 20_000), ("500ns", 500), ("0.1", 100_000_000), ("3", 3_000_000_000), ("0", 0),
        ] as [(String, Nanoseconds)])
    func durationsParse(text: String, nanoseconds: Nanoseconds) throws {
        let parsed = try scenario("scenario: d\ntasks:\n  - name: a\n    steps: [{sleep: \(text)}]\n")
        #expect(parsed.tasks[0].steps == [.sleep(nanoseconds)])
    }

    @Test(arguments: ["2 hours", "1.5.5s", "s", "0.5ns", "-1ms"])
    func badDurationsAreRefused(text: String) {
        let errors = problems("scenario: d\ntasks:\n  - name: a\n    steps: [{sleep: \"\(text)\"}]\n")
        #expect(errors.count == 1)
        #expect(errors.first?.line == 4)
    }

    @Test func countExpandsNamesAndTexts() throws {
        let parsed = try scenario(
            """
            scenario: count
            tasks:
              - name: main
                steps: [{gather: ["job{i}"]}]
            subtasks:
              - name: job{i}
                count: 2
                steps: [{print: "job {i}"}]
            """)
        #expect(parsed.subtasks.map(\.name) == ["job1", "job2"])
        #expect(parsed.subtasks[1].steps == [.print("job 2")])
        #expect(parsed.tasks[0].steps == [.gather(["job1", "job2"])])
    }
}
