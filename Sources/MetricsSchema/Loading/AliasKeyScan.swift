/// A fail-safe scan of YAML text for complex mapping keys in documents that use aliases.
///
/// Yams hashes mapping keys while composing. An alias used as a key (directly, inside a flow
/// collection key, or under an explicit `?` key) can expand to an exponentially large node — a
/// "billion laughs" key — and hashing it would never finish. Schemas only ever need plain string keys,
/// so such documents are rejected before composing. Aliases used as *values* are harmless to compose
/// (Yams shares the anchored node); their expanded size is bounded after composing (`ExpansionBudget`).
///
/// The scan deliberately does **not** try to tell quoted scalars, plain scalars and comments apart:
/// an earlier version skipped what it took for quoted text, and an apostrophe inside a plain scalar
/// (`help: it's`) made it skip over a following alias key. Every position that *could* be an alias
/// token or a complex key counts, wherever it is. The price is a false positive when quoted text or a
/// comment contains both `*name` and `*name:` / ` ? ` / `]:` / `}:` patterns in a document that also
/// uses aliases — rare, and the diagnostic says what to change.
enum AliasKeyScan {
    /// The 1-based position of the first possible complex key, if the text also contains a possible
    /// alias; else `nil`.
    static func firstAliasedComplexKey(in text: String) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        var hasAlias = false
        var firstComplexKey: (line: Int, column: Int)?
        var line = 1
        var column = 1

        func isBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }
        func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || isBreak(s) || s == "\u{FEFF}" }
        /// libyaml's anchor characters: ASCII letters, digits, `-` and `_` (anything else ends the name).
        func isAnchorCharacter(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_")
        }
        /// Whether the next non-blank scalar after `i` (line breaks included: flow keys may end on a
        /// later line) is a `:` that could be a mapping-value indicator.
        func followedByColon(_ i: Int) -> Bool {
            var j = i
            while j < scalars.count, isBlank(scalars[j]) { j += 1 }
            return j < scalars.count && scalars[j] == ":"
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let position = (line: line, column: column)
            if scalar == "*", index + 1 < scalars.count, isAnchorCharacter(scalars[index + 1]) {
                hasAlias = true
                var end = index + 1
                while end < scalars.count, isAnchorCharacter(scalars[end]) { end += 1 }
                if followedByColon(end), firstComplexKey == nil { firstComplexKey = position }
            } else if scalar == "?", index + 1 == scalars.count || isBlank(scalars[index + 1]) || scalars[index + 1] == "," {
                if index == 0 || isBlank(scalars[index - 1]) || "[{,".unicodeScalars.contains(scalars[index - 1]),
                    firstComplexKey == nil
                {
                    firstComplexKey = position
                }
            } else if scalar == "]" || scalar == "}", followedByColon(index + 1), firstComplexKey == nil {
                firstComplexKey = position
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return hasAlias ? firstComplexKey : nil
    }
}
