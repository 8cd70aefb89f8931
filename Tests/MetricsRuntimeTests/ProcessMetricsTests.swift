import MetricsRuntime
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The process collector: client_golang's names and help, values that match /proc of this process.
@Suite struct ProcessMetricsTests {
    /// `name value` lines of the exposition, by name.
    private func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { result[String(parts[0])] = value }
        }
        return result
    }

    @Test func fixedReadingIsExposedWithClientGolangNamesAndHelp() throws {
        let runtime = MetricsRuntime(configuration: .neutral)
        let sample = ProcessMetricsSample(
            cpuSeconds: 1.5, residentMemoryBytes: 4096, virtualMemoryBytes: 8192,
            openFileDescriptors: 7, maxFileDescriptors: 1024, startTimeSeconds: 1_700_000_000.25)
        runtime.enableProcessMetrics(reading: { sample })
        let text = try runtime.metrics.exposition()
        let processPart = text.split(separator: "\n").filter { $0.contains("process_") }.joined(separator: "\n")
        #expect(processPart == """
            # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total 1.5
            # HELP process_max_fds Maximum number of open file descriptors.
            # TYPE process_max_fds gauge
            process_max_fds 1024
            # HELP process_open_fds Number of open file descriptors.
            # TYPE process_open_fds gauge
            process_open_fds 7
            # HELP process_resident_memory_bytes Resident memory size in bytes.
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 4096
            # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.70000000025e+09
            # HELP process_virtual_memory_bytes Virtual memory size in bytes.
            # TYPE process_virtual_memory_bytes gauge
            process_virtual_memory_bytes 8192
            """)
    }

    @Test func absentValuesAreOmittedAndCPUOnlyGoesUp() throws {
        let runtime = MetricsRuntime(configuration: .neutral)
        let readings = ReadingSequence([
            ProcessMetricsSample(cpuSeconds: 2, openFileDescriptors: 3),
            ProcessMetricsSample(cpuSeconds: 2.5, openFileDescriptors: 4),
            ProcessMetricsSample(cpuSeconds: 1, openFileDescriptors: nil),
        ])
        runtime.enableProcessMetrics(reading: { readings.next() })
        runtime.enableProcessMetrics(reading: { ProcessMetricsSample(cpuSeconds: 99) })  // a second call does nothing
        let first = samples(try runtime.metrics.exposition())
        #expect(first["process_cpu_seconds_total"] == 2.5)
        #expect(first["process_open_fds"] == 4)
        #expect(first["process_resident_memory_bytes"] == nil)
        #expect(first["process_start_time_seconds"] == nil)
        let second = samples(try runtime.metrics.exposition())
        #expect(second["process_cpu_seconds_total"] == 2.5, "a lower reading must not lower the counter")
        #expect(second["process_open_fds"] == 4, "a missing reading keeps the last value")
    }

    #if os(Linux)
    /// The live reading against this test process's own /proc files, read independently here.
    @Test func liveReadingMatchesProcOfThisProcess() throws {
        let sample = ProcessMetricsSample.current()
        let stat = try #require(readProc("/proc/self/stat"))
        let fields = try #require(stat.split(separator: ")").last?.split(separator: " "))
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        let cpu = (Double(fields[11])! + Double(fields[12])!) / ticks
        let btime = try #require(readProc("/proc/stat")?.split(separator: "\n").first { $0.hasPrefix("btime ") })
        let start = Double(btime.dropFirst(6))! + Double(fields[19])! / ticks
        let limits = try #require(readProc("/proc/self/limits")?.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let softLimit = Double(limits.split(separator: " ")[3])

        let measuredCPU = try #require(sample.cpuSeconds)
        #expect(measuredCPU <= cpu && measuredCPU >= cpu - 1, "cpu \(measuredCPU) vs /proc \(cpu)")
        #expect(sample.startTimeSeconds == start)
        #expect(sample.maxFileDescriptors == softLimit)
        #expect(sample.virtualMemoryBytes.map { abs($0 - Double(fields[20])!) <= 64 * 1024 * 1024 } == true)
        let resident = Double(fields[21])! * pageSize
        #expect(sample.residentMemoryBytes.map { abs($0 - resident) <= 64 * 1024 * 1024 } == true)
        let openFDs = try #require(sample.openFileDescriptors)
        #expect(openFDs >= 3 && openFDs <= 4096)

        // The exposition carries those values.
        let runtime = MetricsRuntime(configuration: .neutral)
        runtime.enableProcessMetrics()
        let exposed = samples(try runtime.metrics.exposition())
        #expect(exposed["process_start_time_seconds"] == start)
        #expect(exposed["process_max_fds"] == softLimit)
        #expect(exposed["process_cpu_seconds_total"].map { $0 >= measuredCPU } == true)
    }

    private func readProc(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    #endif
}

/// Hands out the given readings in order, then repeats the last.
final class ReadingSequence: Sendable {
    private let state: Mutex<(readings: [ProcessMetricsSample], index: Int)>
    init(_ readings: [ProcessMetricsSample]) { state = Mutex((readings, 0)) }
    func next() -> ProcessMetricsSample {
        state.withLock { state in
            let reading = state.readings[min(state.index, state.readings.count - 1)]
            state.index += 1
            return reading
        }
    }
}
