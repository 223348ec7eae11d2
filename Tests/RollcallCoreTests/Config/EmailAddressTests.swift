import Testing

@testable import RollcallCore

/// Every reason an address is refused, each named with the domain it concerns.
@Suite struct EmailAddressTests {
    @Test(
        arguments: [
            ("jane.doe@clinic.example", nil),
            ("o'brien+lab@riverside.org", nil),
            ("jane.doeclinic.example", "it has no '@'"),
            ("jane@doe@clinic.example", "it has more than one '@'"),
            ("@clinic.example", "the part before '@' must be 1 to 64 characters"),
            (String(repeating: "a", count: 65) + "@clinic.example", "the part before '@' must be 1 to 64 characters"),
            ("jane doe@clinic.example", "the part before '@' has a character an address cannot hold"),
            (".jane@clinic.example", "the part before '@' has a misplaced '.'"),
            ("jane.@clinic.example", "the part before '@' has a misplaced '.'"),
            ("jane..doe@clinic.example", "the part before '@' has a misplaced '.'"),
            ("jane@clinic", "the domain 'clinic' has no '.'"),
            ("jane@-clinic.example", "the domain '-clinic.example' is not a valid host name"),
            ("jane@clinic..example", "the domain 'clinic..example' is not a valid host name"),
            ("jane@clinic.example.", "the domain 'clinic.example.' is not a valid host name"),
            ("jane@clinic_x.example", "the domain 'clinic_x.example' is not a valid host name"),
            ("jane@clinic.e", "the domain 'clinic.e' does not end in a top-level domain such as .org"),
            ("jane@clinic.c0m", "the domain 'clinic.c0m' does not end in a top-level domain such as .org"),
            ("j@" + String(repeating: "a", count: 250) + ".org", "it is longer than 254 characters"),
        ] as [(String, String?)])
    func anAddressIsJudged(address: String, problem: String?) {
        #expect(EmailAddress.problem(with: address) == problem)
    }
}
