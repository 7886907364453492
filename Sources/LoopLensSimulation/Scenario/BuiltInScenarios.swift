/// Scenarios compiled into the binary, so that `looplens` works from any directory.
public enum BuiltInScenarios {
    /// The name used in messages for the built-in scenario.
    public static let downloadsName = "downloads.yaml (built in)"

    /// `Scenarios/downloads.yaml`, word for word (a test keeps the two the same).
    public static let downloads = """
        scenario: Three page downloads
        about: >-
          Each download waits 2 s on the network. Run one after another they take 6 s; gathered on one
          event loop, the three waits overlap and the whole program takes 2 s. Look at the concurrent
          lanes: every task spends almost all its time waiting, and the loop is free the whole time.
        compare: [sequential, concurrent]
        tasks:
          - name: page{i}
            count: 3
            steps:
              - print: "Starting download {i}"
              - io: 2s
                label: GET /page{i}
              - print: "Finished download {i}"
        """
}
