/// The policy a plan was made under, as a saved plan records it: what apply
/// needs to check the safety rules again on a fresh read.
extension Policy: Codable {
    enum CodingKeys: String, CodingKey {
        case unmanaged, protected
        case maxDeactivations = "max_deactivations"
        case minAdmins = "min_admins"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unmanagedText = try container.decode(String.self, forKey: .unmanaged)
        let limitText = try container.decode(String.self, forKey: .maxDeactivations)
        guard let unmanaged = UnmanagedPolicy(rawValue: unmanagedText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .unmanaged, in: container, debugDescription: "'\(unmanagedText)' is not an unmanaged policy")
        }
        guard let limit = DeactivationLimit(parsing: limitText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .maxDeactivations, in: container, debugDescription: "'\(limitText)' is not a limit")
        }
        var protected: [ProtectedAccount] = []
        for text in try container.decode([String].self, forKey: .protected) {
            guard case .success(let account) = ProtectedAccount.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .protected, in: container, debugDescription: "'\(text)' is not a protected account")
            }
            protected.append(account)
        }
        self.init(
            unmanaged: unmanaged, maxDeactivations: limit,
            minAdmins: try container.decode(Int.self, forKey: .minAdmins), protected: protected)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unmanaged.rawValue, forKey: .unmanaged)
        try container.encode(maxDeactivations.description, forKey: .maxDeactivations)
        try container.encode(minAdmins, forKey: .minAdmins)
        try container.encode(protected.map(\.description), forKey: .protected)
    }
}
