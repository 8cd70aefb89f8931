/// A conservative scan of YAML text for complex mapping keys in documents that use aliases.
///
/// Yams hashes mapping keys while composing. An alias used as a key (directly, inside a flow
/// collection key, or under an explicit `?` key) can expand to an exponentially large node — a
/// "billion laughs" key — and hashing it would never finish. Schemas only ever need plain string keys,
/// so such documents are rejected before composing. Aliases used as *values* are harmless: Yams shares
/// the anchored node and the loader only walks the shapes it expects.
enum AliasKeyScan {
    /// The 1-based position of the first complex key, if the text also contains an alias; else `nil`.
    static func firstAliasedComplexKey(in text: String) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        var hasAlias = false
        var firstComplexKey: (line: Int, column: Int)?
        var line = 1
        var column = 1
        var index = 0

        func isBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }
        func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || isBreak(s) }
        func atTokenStart(_ i: Int) -> Bool {
            guard i > 0 else { return true }
            let previous = scalars[i - 1]
            return isBlank(previous) || previous == "[" || previous == "{" || previous == ","
        }
        func followedByColon(_ i: Int) -> Bool {
            var j = i
            while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
            guard j < scalars.count, scalars[j] == ":" else { return false }
            return j + 1 == scalars.count || isBlank(scalars[j + 1]) || ",[]{}".unicodeScalars.contains(scalars[j + 1])
        }
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        func note(_ position: (line: Int, column: Int)) {
            if firstComplexKey == nil { firstComplexKey = position }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            let position = (line: line, column: column)
            if scalar == "#", atTokenStart(index) {
                while index < scalars.count, !isBreak(scalars[index]) { advance() }
                continue
            }
            if scalar == "\"" || scalar == "'", atTokenStart(index) || (index > 0 && scalars[index - 1] == ":") {
                advance()
                while index < scalars.count {
                    let current = scalars[index]
                    if scalar == "\"", current == "\\", index + 1 < scalars.count {
                        advance()
                        advance()
                        continue
                    }
                    advance()
                    if current == scalar {
                        if scalar == "'", index < scalars.count, scalars[index] == "'" {
                            advance()
                            continue
                        }
                        break
                    }
                }
                continue
            }
            if scalar == "*", atTokenStart(index), index + 1 < scalars.count, !isBlank(scalars[index + 1]) {
                hasAlias = true
                advance()
                while index < scalars.count, !isBlank(scalars[index]),
                    !",[]{}".unicodeScalars.contains(scalars[index])
                {
                    advance()
                }
                if followedByColon(index) { note(position) }
                continue
            }
            if scalar == "?", atTokenStart(index), index + 1 == scalars.count || isBlank(scalars[index + 1]) {
                note(position)
            }
            if scalar == "]" || scalar == "}" {
                advance()
                if followedByColon(index) { note(position) }
                continue
            }
            advance()
        }
        return hasAlias ? firstComplexKey : nil
    }
}
