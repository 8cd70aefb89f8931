/// The field-by-field comparison of one metric present in both versions (see `SchemaDiff`).
extension SchemaDiff {
    static func compareMetric(
        _ old: MetricDefinition, _ new: MetricDefinition, fullName: String, newSchema: MetricSchema, stability: Stability
    ) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        let strict = stability == .stable
        func add(_ kind: SchemaChange.Kind, breaking: Bool, _ message: String, at location: SourceLocation) {
            changes.append(SchemaChange(
                kind: kind, metric: fullName, breaking: breaking, stability: stability,
                message: "'\(fullName)': " + message, location: location, oldLocation: old.nameLocation))
        }
        if old.type != new.type {
            add(.typeChanged, breaking: true, "type changed from \(old.type.rawValue) to \(new.type.rawValue)", at: new.typeLocation)
        }
        if old.valueType != new.valueType {
            add(.valueTypeChanged, breaking: false, "value type changed from \(old.valueType.rawValue) to \(new.valueType.rawValue)", at: new.valueTypeLocation)
        }
        switch (old.unit, new.unit) {
        case (nil, let added?): add(.unitAdded, breaking: false, "unit '\(added)' added", at: new.unitLocation)
        case (let removed?, nil): add(.unitRemoved, breaking: true, "unit '\(removed)' removed", at: new.location)
        case (let before?, let after?) where before != after:
            add(.unitChanged, breaking: true, "unit changed from '\(before)' to '\(after)'", at: new.unitLocation)
        default: break
        }
        if old.help != new.help { add(.helpChanged, breaking: false, "help text changed", at: new.location) }
        compareLabels(old, new, strict: strict, add: add)
        compareConstantLabels(old, new, strict: strict, add: add)
        if old.type == .histogram, new.type == .histogram, old.buckets?.bounds != new.buckets?.bounds {
            let describe: (MetricDefinition) -> String = { metric in
                metric.buckets?.bounds.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" } ?? "the runtime's defaults"
            }
            add(.bucketsChanged, breaking: strict,
                "buckets changed from \(describe(old)) to \(describe(new))" + (strict ? "" : " (queries on a removed 'le' bound break)"),
                at: new.bucketsLocation)
        }
        let (before, after) = (old.effectiveStability, new.effectiveStability)
        if after < before {
            add(.stabilityLowered, breaking: true, "stability lowered from \(before.rawValue) to \(after.rawValue)", at: new.stabilityLocation ?? new.location)
        } else if after > before {
            add(.stabilityRaised, breaking: false, "stability raised from \(before.rawValue) to \(after.rawValue)", at: new.stabilityLocation ?? new.location)
        }
        switch (old.deprecation, new.deprecation) {
        case (nil, let deprecation?):
            add(.deprecated, breaking: false,
                "deprecated since \(deprecation.since)" + (deprecation.replacement.map { " in favour of '\($0)'" } ?? ""),
                at: deprecation.location)
        case (.some, nil): add(.undeprecated, breaking: false, "no longer deprecated", at: new.location)
        default: break
        }
        return changes
    }

    private static func compareLabels(
        _ old: MetricDefinition, _ new: MetricDefinition, strict: Bool,
        add: (SchemaChange.Kind, Bool, String, SourceLocation) -> Void
    ) {
        let oldNames = old.labels.map(\.name)
        let newNames = new.labels.map(\.name)
        let removed = old.labels.filter { !newNames.contains($0.name) }
        let added = new.labels.filter { !oldNames.contains($0.name) }
        if removed.count == 1, added.count == 1,
            oldNames.firstIndex(of: removed[0].name) == newNames.firstIndex(of: added[0].name)
        {
            add(.labelRenamed, true, "label '\(removed[0].name)' renamed to '\(added[0].name)'", added[0].location)
        } else {
            for label in removed { add(.labelRemoved, true, "label '\(label.name)' removed", new.location) }
            for label in added {
                add(.labelAdded, strict, "label '\(label.name)' added" + (strict ? " to a stable metric" : ""), label.location)
            }
        }
        for newLabel in new.labels {
            guard let oldLabel = old.labels.first(where: { $0.name == newLabel.name }) else { continue }
            switch (oldLabel.values, newLabel.values) {
            case (let before?, let after?):
                for (index, value) in after.enumerated() where !before.contains(value) {
                    let location = newLabel.valueLocations.indices.contains(index) ? newLabel.valueLocations[index] : newLabel.location
                    add(.valueAdded, false, "value '\(value)' added to label '\(newLabel.name)'", location)
                }
                for value in before where !after.contains(value) {
                    add(.valueRemoved, true, "value '\(value)' removed from label '\(newLabel.name)'", newLabel.location)
                }
            case (nil, .some):
                add(.labelClosed, true, "label '\(newLabel.name)' now accepts only a closed set of values", newLabel.location)
            case (.some, nil):
                add(.labelOpened, false, "label '\(newLabel.name)' now accepts any value", newLabel.location)
            case (nil, nil):
                break
            }
        }
    }

    private static func compareConstantLabels(
        _ old: MetricDefinition, _ new: MetricDefinition, strict: Bool,
        add: (SchemaChange.Kind, Bool, String, SourceLocation) -> Void
    ) {
        for label in old.constantLabels {
            guard let now = new.constantLabels.first(where: { $0.name == label.name }) else {
                add(.constantLabelRemoved, true, "constant label '\(label.name)' removed", new.location)
                continue
            }
            if now.value != label.value {
                add(.constantLabelChanged, true, "constant label '\(label.name)' changed from '\(label.value)' to '\(now.value)'", now.location)
            }
        }
        for label in new.constantLabels where !old.constantLabels.contains(where: { $0.name == label.name }) {
            add(.constantLabelAdded, strict, "constant label '\(label.name)' added", label.location)
        }
    }
}
