/// The access level of the declarations generated for a schema (`access:` in the schema, or
/// `"access"` in the target's `metrics-schema.json`).
///
/// The default is `public`, so a library target's generated metrics are part of its API; an
/// executable target (or a library that keeps its metrics to itself) chooses `internal` or `package`.
public enum AccessLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Visible to every module that imports the target (the default).
    case `public`
    /// Visible to the other targets of the same package.
    case `package`
    /// Visible inside the target only.
    case `internal`

    /// The level used when neither the schema nor the configuration chooses one.
    public static let defaultLevel = AccessLevel.public

    /// The modifier to write before a declaration, with its trailing space (`internal` writes none).
    public var modifier: String {
        switch self {
        case .public: "public "
        case .package: "package "
        case .internal: ""
        }
    }
}
