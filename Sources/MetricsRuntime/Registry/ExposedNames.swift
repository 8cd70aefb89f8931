/// Which registered family may write a given name in the exposition, found from the name alone.
///
/// Every name a family writes is its own name, or its name with one of a few fixed suffixes
/// (``MetricDescriptor/exposedNames``): a counter `f_total` also writes `f` and `f_created`, a
/// counter `n` writes `n_total` and `n_created`, a histogram `h` writes `h_bucket`, `h_sum`,
/// `h_count` and `h_created`. So the few names whose family could write `x` follow from `x`, and
/// the registry needs no table of every written name (such a table held a key string per
/// suffix and its dictionary's buckets, several hundred bytes a family).
enum ExposedNames {
    /// The suffixes a family appends to its name (or to its OpenMetrics family name).
    private static let suffixes = ["_total", "_created", "_bucket", "_sum", "_count"]

    /// The names of the families that could write `exposed`, in a fixed order. Which of them does
    /// is for the caller to check with ``MetricDescriptor/exposedNames``.
    static func possibleOwners(of exposed: String) -> [String] {
        var names = [exposed, exposed + "_total"]
        for suffix in suffixes {
            let count = suffix.utf8.count
            guard exposed.utf8.count > count, exposed.utf8.reversed().starts(with: suffix.utf8.reversed()) else { continue }
            let stem = String(decoding: exposed.utf8.dropLast(count), as: UTF8.self)
            names.append(stem)
            // `f_created` of a counter named `f_total`.
            if suffix == "_created" { names.append(stem + "_total") }
        }
        return names
    }
}
