import Foundation
import LoopLensTestSupport
import Testing

/// Bounded work: each input that once made LoopLens hang or fill the memory now stops at a limit,
/// with exit status 1 and a message naming the limit and the option that raises it.
@Suite struct WorkLimitTests {
    func scenario(_ yaml: String) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("limit.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aBillionCountedTasksAreRefusedWhereTheCountIs() throws {
        let path = try scenario(
            """
            scenario: big
            tasks:
              - name: f{i}
                count: 1000000000
                steps:
                  - sleep: 1s
            """)
        for command in ["validate", "run", "export"] {
            let result = try looplens(command, path)
            #expect(result.status == 1)
            #expect(
                result.stderr
                    == "\(path):4:12: error: 'count: 1000000000' is more than 1000000 tasks, the most one run may create; lower it, or raise the limit with --max-tasks\n"
            )
        }
    }

    @Test func tasksCreatedThroughNestedGathersAreCountedBeforeSimulating() throws {
        // 1000 tasks each spawn b, which gathers 1000 tasks: a million and more.
        let path = try scenario(
            """
            scenario: nested
            tasks:
              - name: main
                steps:
                  - gather: ["a{i}"]
            subtasks:
              - name: a{i}
                count: 1000
                steps:
                  - spawn: b
              - name: b
                steps:
                  - gather: ["c{i}"]
              - name: c{i}
                count: 1000
                steps:
                  - sleep: 1s
            """)
        let refused = try looplens("validate", path)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "\(path):3:5: error: the scenario creates more than 1000000 tasks in one run (task 'main' with what it spawns and gathers: more than 1000000); lower the counts, or raise the limit with --max-tasks\n"
        )
        let counted = try looplens("validate", path, "--max-tasks", "2000")
        #expect(
            counted.stderr.contains("(task 'main' with what it spawns and gathers: more than 2000)"),
            "1 + 1000 × (1 + 1000) tasks, past 2000")
        #expect(
            try looplens("validate", path, "--max-tasks", "1002002").status == 0, "main, 1000 a, 1000 b, 1 000 000 c, and main's own count")
    }

    @Test func aYAMLAliasBombStopsAtTheNodeLimit() throws {
        // Nine levels of ten aliases: 10^9 steps if expanded.
        var yaml =
            "scenario: bomb\nlocks: [l]\nsubtasks:\n  - name: x0\n    steps: &x0 ["
            + Array(repeating: "{sleep: 1s}", count: 10).joined(
                separator: ", ") + "]\n"
        for level in 1...8 {
            yaml +=
                "  - name: x\(level)\n    steps: &x\(level) ["
                + Array(repeating: "{lock: l, steps: *x\(level - 1)}", count: 10).joined(
                    separator: ", ") + "]\n"
        }
        yaml += "tasks:\n  - name: a\n    steps: *x8\n"
        let path = try scenario(yaml)
        let result = try looplens("validate", path, "--max-yaml-nodes", "20000")
        #expect(result.status == 1)
        #expect(
            result.stderr.hasSuffix(
                "error: the scenario expands to more than 20000 YAML nodes (aliases count each time they are used); use fewer aliases or 'count:', or raise the limit with --max-yaml-nodes\n"
            ))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func decadesOfCPUOnThreadsUnderTheGILStopAtTheEventLimit() throws {
        let path = try scenario(
            """
            scenario: turns
            compare: [threads]
            threads: 2
            tasks:
              - name: a
                steps:
                  - cpu: 630720000s
              - name: b
                steps:
                  - cpu: 630720000s
            """)
        let result = try looplens("run", path, "--max-events", "100")
        #expect(result.status == 1)
        // Two threads take 5 ms turns at the GIL, a few events a turn: the 101st is at 235 ms.
        #expect(
            result.stderr
                == "\(path):1:1: error: the 'threads' run passed 100 events, the limit, at 235.00 ms of simulated time, and was stopped; lower the counts or durations (under 'threads' with the GIL, every switch interval of 'cpu' takes events), or raise the limit with --max-events\n"
        )
    }

    @Test func limitsStayWithinThirtyTwoBitNumbering() throws {
        for option in ["--max-events", "--max-tasks"] {
            let result = try looplens("run", "Scenarios/downloads.yaml", option, "2147483648")
            #expect(result.status == 2)
            let message = "Error: \(option) must be at most 2147483647: a run's tasks and events are numbered in 32 bits\n"
            #expect(result.stderr.hasPrefix(message))
        }
        #expect(try looplens("run", "Scenarios/downloads.yaml", "--max-events", "2147483647").status == 0)
    }

    @Test func widthAndLanesAreBounded() throws {
        let wide = try looplens("export", "Scenarios/downloads.yaml", "--width", "1000000000")
        #expect(wide.status == 2)
        #expect(wide.stderr.hasPrefix("Error: --width must be at most 10000 columns; got 1000000000\n"))
        let lanes = try looplens("export", "Scenarios/scraper.yaml", "--max-lanes", "10")
        #expect(lanes.status == 1)
        #expect(
            lanes.stderr
                == "Scenarios/scraper.yaml:1:1: error: the timeline would have 63 lanes, more than 10; choose some with --lanes PATTERN or --runs, or raise the limit with --max-lanes\n"
        )
        #expect(try looplens("export", "Scenarios/scraper.yaml", "--max-lanes", "10", "--lanes", "parse1?").status == 0)
    }
}
