/// One kind of finding. Each rule reads a run's trace only, so it judges simulated and real runs
/// alike; a rule that finds nothing returns no findings.
public protocol Rule: Sendable {
    /// The rule's name in output and for `--ignore`: lowercase words joined by hyphens.
    var name: String { get }
    /// What the rule looks for, for `looplens check --rules` and the docs.
    var description: String { get }
    func findings(in run: RunAnalysis) -> [Finding]
}
