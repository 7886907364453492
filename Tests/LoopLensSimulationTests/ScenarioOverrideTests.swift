import LoopLensSimulation
import LoopLensTrace
import Testing

/// `--set KEY=VALUE` on the YAML tree: keys, names and indices; values added, replaced and read
/// as the file's own.
@Suite struct ScenarioOverrideTests {
    static let yaml = """
        scenario: t
        semaphores: {pool: 2}
        tasks:
          - name: main
            steps:
              - io: 1s
              - sleep: 2s
        """

    func scenario(_ sets: String...) throws -> Scenario {
        try ScenarioLoader.parse(Self.yaml, file: "t.yaml", overrides: sets.map { try #require(ScenarioOverride($0)) })
    }

    @Test func readingKeyEqualsValue() {
        #expect(ScenarioOverride("tasks.fetch{i}.count=100") == ScenarioOverride(path: ["tasks", "fetch{i}", "count"], value: "100"))
        #expect(ScenarioOverride("about=a=b")?.value == "a=b", "the first = splits")
        #expect(ScenarioOverride("threads") == nil && ScenarioOverride("a..b=1") == nil && ScenarioOverride("=1") == nil)
    }

    @Test func valuesReplaceAddAndAreCheckedLikeTheFile() throws {
        #expect(try scenario().semaphores == ["pool": 2])
        #expect(try scenario("semaphores.pool=4").semaphores == ["pool": 4])
        #expect(try scenario("threads=8").threads == 8, "a key the file lacks is added")
        #expect(try scenario("tasks.main.steps.1.sleep=500ms").tasks[0].steps[1] == .sleep(500 * .perMillisecond))
        #expect(try scenario("tasks.0.steps.0={cpu: 3s}").tasks[0].steps[0] == .cpu(3 * .perSecond), "a flow mapping replaces a step")
        #expect(try scenario("compare=[concurrent]").executions == [.concurrent])
        #expect(throws: InputErrors.self) { try scenario("semaphores.pool=0") }
    }

    @Test func aPathThatLeadsNowhereSaysWhereAndWhatIsThere() {
        func message(_ set: String) -> String {
            do {
                _ = try scenario(set)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message("task.main.count=2")
                == "t.yaml:1:1: error: --set task.main.count=2: the scenario has no 'task'; it has scenario, semaphores, tasks")
        #expect(
            message("tasks.worker.count=2")
                == "t.yaml:4:3: error: --set tasks.worker.count=2: 'tasks' has no item 'worker'; it has items named main")
        #expect(
            message("tasks.main.steps.5.io=1s")
                == "t.yaml:6:7: error: --set tasks.main.steps.5.io=1s: 'tasks.main.steps' has no item '5'; it has items 0 to 1")
        #expect(
            message("scenario.x=1") == "t.yaml:1:11: error: --set scenario.x=1: 'scenario' is a single value, with nothing named 'x' inside"
        )
    }
}
