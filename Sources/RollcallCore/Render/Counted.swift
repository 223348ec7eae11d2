/// "1 user", "2 users", "1 retry", "3 retries": a number with its noun agreeing.
public func counted(_ number: Int, _ noun: String, plural: String? = nil) -> String {
    "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
}
