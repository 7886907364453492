/// Scenarios whose times the tests work out by hand, shared by the suites that check them.
public enum HandComputedScenarios {
    /// Five tasks hold a semaphore of two across `io: 1s`: waves of 2, 2 and 1, 3 s in all.
    public static let semaphoreOfTwo = """
        scenario: semaphore
        semaphores: {pool: 2}
        tasks:
          - name: t{i}
            count: 5
            steps:
              - semaphore: pool
                steps: [{io: 1s}]
        """
}
