/// Spaces the requests to one system so they stay under the rate it accepts, learned
/// from its 429s: neither athenaOne nor Healthie publishes its limit or sends a
/// `Retry-After`, so the only signal is the throttle itself.
///
/// Until the first throttle the pacer lets requests go as fast as the concurrency
/// allows. A throttle sets the pace a little under the rate the system accepted over
/// the last second (what a rate limit lets through once it is reached), and never
/// below half the pace before it. After each second without a throttle the pace rises,
/// by 1% and then by twice the last rise, so it probes gently just under a limit and
/// climbs back fast from a pace set too low. At most one throttle a second lowers the
/// pace: the requests already in flight were sent at the old one.
///
/// Throttles that come at random (a busy system shedding load, not a limit) must not walk
/// the pace down to nothing. A cut is judged a second later: if throttles came as often
/// after it as before, it is undone and their share is learned as noise that later
/// throttles must exceed.
package actor RatePacer {
    package struct Tuning: Sendable, Equatable {
        /// The span over which the accepted rate is measured.
        package var window: Duration
        /// The share of the measured rate the pace is set to after a throttle.
        package var margin: Double
        /// How much the pace first rises (as a share of itself) after a window without a throttle.
        package var growth: Double

        package init(window: Duration = .seconds(1), margin: Double = 0.97, growth: Double = 0.01) {
            self.window = window
            self.margin = margin
            self.growth = growth
        }
    }

    package let tuning: Tuning
    private let clock: any WaitClock
    /// Requests a second; nil until the first throttle.
    package private(set) var pace: Double?
    /// The share of answers throttled whatever the pace (a system shedding load at random):
    /// learned when a cut did not make throttles rarer; a throttle within twice it cuts nothing.
    package private(set) var noise = 0.0
    private var nextSlot = Duration.zero
    private var firstSend: Duration?
    /// When each answer arrived and whether it was throttled, oldest first, trimmed to one window.
    private var answers: [(at: Duration, throttled: Bool)] = []
    private var answersStart = 0
    private var lastCut: Duration?
    /// The last cut, until a window after it says whether it made throttles rarer.
    private var cutOnTrial: (at: Duration, paceBefore: Double?, shareBefore: Double)?
    /// The most answers accepted in a window: the pace rises to no more than twice it.
    private var bestAccepted = 0.0
    private var step: Double
    private var raisedAt = Duration.zero

    package init(clock: any WaitClock, tuning: Tuning = Tuning()) {
        self.clock = clock
        self.tuning = tuning
        step = tuning.growth
    }

    /// Waits until the next request may go.
    package func turn() async throws {
        let now = clock.now()
        if firstSend == nil { firstSend = now }
        guard let pace else { return }
        let slot = max(now, nextSlot)
        nextSlot = slot + .seconds(1 / pace)
        if slot > now { try await clock.sleep(for: slot - now) }
    }

    /// Records how the system answered a request sent after `turn()`.
    package func answered(throttled: Bool) {
        let now = clock.now()
        trim(before: now - tuning.window)
        answers.append((now, throttled))
        judgeCut(at: now)
        guard throttled else {
            raise(at: now)
            return
        }
        if let lastCut, now - lastCut < tuning.window { return }
        let (accepted, share) = window(at: now)
        guard share > 2 * noise else { return }
        lastCut = now
        step = tuning.growth
        raisedAt = now
        // A throttle at most halves the pace: a second's average undercounts the limit when the
        // client reached it only in part of the second (a burst after a pause).
        let target = pace.map { max(min($0, accepted), $0 / 2) } ?? accepted
        // Only a cut to under a whole second's accepted rate can be judged: after it, a limit
        // throttles nothing. (In the first second a system's burst allowance inflates the rate.)
        let measuredWhole = now - (firstSend ?? now) >= tuning.window
        cutOnTrial = measuredWhole && target <= accepted ? (now, pace, share) : nil
        pace = max(target * tuning.margin, Self.slowest)
    }

    /// A window after a cut (leaving out the answers to requests sent before it), throttles should
    /// be rare if a rate limit caused them. If they come as often as before, they come at random:
    /// the cut is undone and their share is learned as noise.
    private func judgeCut(at now: Duration) {
        guard let trial = cutOnTrial, now - trial.at >= tuning.window + tuning.window / 4 else { return }
        cutOnTrial = nil
        let since = answers[answersStart...].filter { $0.at > trial.at + tuning.window / 4 }
        guard since.count >= Self.fewestToJudge else { return }
        let share = Double(since.filter(\.throttled).count) / Double(since.count)
        guard share >= Self.noiseFloor, share <= Self.noiseCeiling, share >= trial.shareBefore / 2 else { return }
        noise = max(noise, share)
        pace = trial.paceBefore
    }

    private static let fewestToJudge = 10
    private static let slowest = 0.5
    /// Fewer throttles than this share after a cut are the limit being probed, not noise.
    private static let noiseFloor = 0.05
    /// More throttles than this share are never taken for noise.
    private static let noiseCeiling = 0.3

    /// After each window without a throttle the pace rises by `step`, and the step doubles: a pace
    /// set low (a throttle after a burst, when the second's average undercounts the limit) climbs
    /// back in a few seconds, while one just under the limit probes above it gently.
    private func raise(at now: Duration) {
        guard let current = pace, now - raisedAt >= tuning.window else { return }
        raisedAt = now
        bestAccepted = max(bestAccepted, window(at: now).accepted)
        guard current < 2 * bestAccepted else { return }
        pace = current * (1 + step)
        step = min(step * 2, 1)
    }

    /// Answers accepted a second over the last window (or since the first request when that is
    /// shorter), and the share of the window's answers that were throttled.
    private func window(at now: Duration) -> (accepted: Double, throttledShare: Double) {
        let inWindow = answers[answersStart...]
        let throttled = inWindow.filter(\.throttled).count
        let accepted = Double(inWindow.count - throttled)
        let share = inWindow.isEmpty ? 0 : Double(throttled) / Double(inWindow.count)
        let span = min(now - (firstSend ?? now), tuning.window)
        guard span > .zero else { return (accepted, share) }
        return (accepted / span.inSeconds, share)
    }

    private func trim(before cutoff: Duration) {
        while answersStart < answers.count, answers[answersStart].at <= cutoff { answersStart += 1 }
        if answersStart > 1_024, answersStart * 2 > answers.count {
            answers.removeFirst(answersStart)
            answersStart = 0
        }
    }
}
