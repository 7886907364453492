import Foundation

/// The CPython interpreters on this machine, for tests that run real asyncio programs: `python3` on
/// PATH, `/usr/bin` and `/usr/local/bin`, and every pyenv version from 3.11 on. Symlinks to the
/// same interpreter count once.
public enum PythonInterpreters {
    /// Where the interpreters were looked for, for the message of a test that found none.
    public static let searched: [String] = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        let pyenvRoot = ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? NSHomeDirectory() + "/.pyenv"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: pyenvRoot + "/versions")) ?? []
        let pyenv = versions.filter(isSupported).sorted().map { "\(pyenvRoot)/versions/\($0)/bin/python3" }
        return path + ["/usr/bin/python3", "/usr/local/bin/python3"] + pyenv
    }()

    /// The interpreters found, by resolved path, sorted.
    public static let found: [String] = {
        // pyenv shims are scripts that pick one of the versions listed anyway.
        let executable = searched.filter { !$0.contains("/shims/") && FileManager.default.isExecutableFile(atPath: $0) }
        let resolved = executable.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        return Array(Set(resolved)).sorted()
    }()

    /// 3.11 or later (`asyncio.timeout` and `TaskGroup` arrived in 3.11).
    private static func isSupported(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 && parts[0] == 3 && parts[1] >= 11
    }
}
