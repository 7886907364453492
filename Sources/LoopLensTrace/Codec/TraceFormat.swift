/// Constants of the `.jsonl` trace format (docs/trace-format.md is its reference).
public enum TraceFormat {
    /// The version this build reads and writes, in each header's `looplens` field.
    public static let version = 1
}
