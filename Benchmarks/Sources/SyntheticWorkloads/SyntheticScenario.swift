/// Scenarios of any size, as YAML text.
public enum SyntheticScenario {
    /// The shipped `scraper.yaml` with `fetches` pages instead of twenty: each a 500 ms download
    /// and 20 ms of parsing, compared sequentially, on four threads and on one loop. About 17
    /// events per fetch across the three runs.
    public static func scraper(fetches: Int) -> String {
        """
        scenario: A web scraper, \(fetches) pages
        compare: [sequential, threads, concurrent]
        threads: 4
        tasks:
          - name: fetch{i}
            count: \(fetches)
            steps:
              - io: 500ms
                label: page {i}
              - cpu: 20ms
              - print: parsed {i}

        """
    }
}
