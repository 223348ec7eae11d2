import ArgumentParser
import Sandbox

/// Faults the sandbox injects, for trying a client against a misbehaving API.
struct FaultOptions: ParsableArguments {
    @Option(help: "Seed for the random faults; the same seed repeats the same faults.")
    var faultSeed: UInt64 = 1

    // Numbers are read even when negative (`--latency-ms -5`), so the range checks below name the
    // problem instead of ArgumentParser saying the value is missing.
    @Option(
        parsing: .unconditional,
        help: "Token-bucket rate limit in requests per second (429 without Retry-After when over).")
    var rateLimit: Double?

    @Option(parsing: .unconditional, help: "Burst size of the rate limit.")
    var rateBurst = 10

    @Option(parsing: .unconditional, help: "Share of requests answered 429 at random, 0 to 1.")
    var throttleRate = 0.0

    @Option(parsing: .unconditional, help: "Share of requests answered 503 at random, 0 to 1.")
    var errorRate = 0.0

    @Option(parsing: .unconditional, help: "Latency added to every answer, in milliseconds (at most 60,000).")
    var latencyMs = 0

    @Option(
        parsing: .unconditional, help: "Share of writes whose response is dropped after the write is applied, 0 to 1.")
    var dropRate = 0.0

    func validate() throws {
        for (name, rate) in [("--throttle-rate", throttleRate), ("--error-rate", errorRate), ("--drop-rate", dropRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, not \(rate)")
        }
        if let rateLimit, rateLimit <= 0 { throw ValidationError("--rate-limit must be positive") }
        guard rateBurst > 0 else { throw ValidationError("--rate-burst must be positive") }
        guard (0...60_000).contains(latencyMs) else {
            throw ValidationError("--latency-ms must be from 0 to 60000, not \(latencyMs)")
        }
    }

    var settings: SandboxFaults {
        SandboxFaults(
            seed: faultSeed, rateLimit: rateLimit.map { .init(requestsPerSecond: $0, burst: rateBurst) },
            throttleRate: throttleRate, serverErrorRate: errorRate, latency: .milliseconds(latencyMs),
            dropResponseRate: dropRate)
    }
}
