#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One reading of the process's resource usage, with the semantics of Prometheus client_golang's
/// process collector. A value the platform does not provide is `nil` (and its metric is omitted),
/// never a made-up zero.
///
/// Linux reads `/proc/self/stat`, `/proc/self/limits`, `/proc/self/fd` and `btime` of `/proc/stat`;
/// macOS uses `proc_pidinfo` and `getrlimit`.
public struct ProcessMetricsSample: Sendable, Equatable {
    /// User plus system CPU time, in seconds (`process_cpu_seconds_total`).
    public var cpuSeconds: Double?
    /// Resident set size, in bytes (`process_resident_memory_bytes`).
    public var residentMemoryBytes: Double?
    /// Virtual memory size, in bytes (`process_virtual_memory_bytes`).
    public var virtualMemoryBytes: Double?
    /// Open file descriptors (`process_open_fds`).
    public var openFileDescriptors: Double?
    /// The soft limit on open file descriptors (`process_max_fds`); `nil` when unlimited.
    public var maxFileDescriptors: Double?
    /// When the process started, in seconds since the Unix epoch (`process_start_time_seconds`).
    public var startTimeSeconds: Double?

    /// A sample with every value given explicitly (tests, other platforms).
    public init(
        cpuSeconds: Double? = nil, residentMemoryBytes: Double? = nil, virtualMemoryBytes: Double? = nil,
        openFileDescriptors: Double? = nil, maxFileDescriptors: Double? = nil, startTimeSeconds: Double? = nil
    ) {
        self.cpuSeconds = cpuSeconds
        self.residentMemoryBytes = residentMemoryBytes
        self.virtualMemoryBytes = virtualMemoryBytes
        self.openFileDescriptors = openFileDescriptors
        self.maxFileDescriptors = maxFileDescriptors
        self.startTimeSeconds = startTimeSeconds
    }

    /// The current process's values, as far as this platform provides them.
    public static func current() -> ProcessMetricsSample {
        #if os(Linux)
        return LinuxProcFS.sample()
        #elseif os(macOS)
        return DarwinProcessInfo.sample()
        #else
        return ProcessMetricsSample()
        #endif
    }
}

#if os(Linux)
/// client_golang's `procfs` readings.
enum LinuxProcFS {
    static func sample() -> ProcessMetricsSample {
        var sample = ProcessMetricsSample()
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        if let stat = readText("/proc/self/stat"), let fields = statFields(stat), ticks > 0 {
            // Fields after the parenthesised command name, from field 3 (`state`) on: see proc(5).
            if let user = Double(fields[11]), let system = Double(fields[12]) {
                sample.cpuSeconds = (user + system) / ticks
            }
            sample.virtualMemoryBytes = Double(fields[20])
            if let pages = Double(fields[21]), pageSize > 0 { sample.residentMemoryBytes = pages * pageSize }
            if let started = Double(fields[19]), let bootTime = bootTimeSeconds() {
                sample.startTimeSeconds = bootTime + started / ticks
            }
        }
        sample.openFileDescriptors = countDirectoryEntries("/proc/self/fd").map(Double.init)
        sample.maxFileDescriptors = readText("/proc/self/limits").flatMap(softOpenFilesLimit)
        return sample
    }

    /// The space-separated fields after the command name's closing parenthesis (at least 22 of them).
    static func statFields(_ stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        return fields.count >= 22 ? Array(fields) : nil
    }

    /// The soft limit of the `Max open files` line; `nil` for `unlimited` or a missing line.
    static func softOpenFilesLimit(_ limits: String) -> Double? {
        for line in limits.split(separator: "\n") where line.hasPrefix("Max open files") {
            let columns = line.dropFirst("Max open files".count).split(separator: " ")
            return columns.first.flatMap { Double($0) }
        }
        return nil
    }

    private static func bootTimeSeconds() -> Double? {
        guard let stat = readText("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count))
        }
        return nil
    }

    private static func countDirectoryEntries(_ path: String) -> Int? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDot { count += 1 }
        }
        // The directory stream's own descriptor is one of the entries; client_golang counts it too.
        return count
    }

    /// The whole file, or `nil` if it cannot be read (files in /proc report size 0: read until EOF).
    static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
#endif

#if os(macOS)
/// The values macOS provides through `proc_pidinfo` and `getrlimit`.
enum DarwinProcessInfo {
    static func sample() -> ProcessMetricsSample {
        var sample = ProcessMetricsSample()
        let pid = getpid()
        var task = proc_taskinfo()
        let taskSize = Int32(MemoryLayout<proc_taskinfo>.size)
        if proc_pidinfo(pid, PROC_PIDTASKINFO, 0, &task, taskSize) == taskSize {
            var timebase = mach_timebase_info_data_t()
            if mach_timebase_info(&timebase) == KERN_SUCCESS, timebase.denom != 0 {
                let ticks = Double(task.pti_total_user) + Double(task.pti_total_system)
                sample.cpuSeconds = ticks * Double(timebase.numer) / Double(timebase.denom) / 1e9
            }
            sample.residentMemoryBytes = Double(task.pti_resident_size)
            sample.virtualMemoryBytes = Double(task.pti_virtual_size)
        }
        var bsd = proc_bsdinfo()
        let bsdSize = Int32(MemoryLayout<proc_bsdinfo>.size)
        if proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &bsd, bsdSize) == bsdSize {
            sample.startTimeSeconds = Double(bsd.pbi_start_tvsec) + Double(bsd.pbi_start_tvusec) / 1e6
        }
        // The size call over-estimates (it leaves room for descriptors opened meanwhile): list them.
        let capacity = proc_pidinfo(pid, PROC_PIDLISTFDS, 0, nil, 0)
        if capacity > 0 {
            var descriptors = [proc_fdinfo](repeating: proc_fdinfo(), count: Int(capacity) / MemoryLayout<proc_fdinfo>.size + 1)
            let used = descriptors.withUnsafeMutableBytes { proc_pidinfo(pid, PROC_PIDLISTFDS, 0, $0.baseAddress, Int32($0.count)) }
            if used >= 0 { sample.openFileDescriptors = Double(Int(used) / MemoryLayout<proc_fdinfo>.size) }
        }
        var limit = rlimit()
        if getrlimit(RLIMIT_NOFILE, &limit) == 0, limit.rlim_cur != RLIM_INFINITY {
            sample.maxFileDescriptors = Double(limit.rlim_cur)
        }
        return sample
    }
}
#endif
