/// A position in a schema file: the path exactly as it was given, and a 1-based line and column.
///
/// Columns count Unicode scalars, like Yams's `Mark`, so they match what editors show for ASCII text.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path exactly as the caller gave it (relative or absolute).
    public var file: String
    /// The line, counted from 1.
    public var line: Int
    /// The column, counted from 1.
    public var column: Int

    /// Creates a location; `line` and `column` are 1-based.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
