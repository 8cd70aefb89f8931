import Foundation
import MetricsSchema

/// A Grafana dashboard (its JSON model) for checked schemas (`metrics-schema dashboard`): one row per
/// schema file, one time-series panel per metric with the queries of `QueryPlan` and the matching unit,
/// a `datasource` variable for the Prometheus data source. Deterministic (sorted keys, fixed ids and
/// positions), so the file can be committed and diffed.
public enum DashboardGenerator {
    /// The JSON model's `schemaVersion` the output is written for (Grafana 10/11).
    public static let schemaVersion = 39

    /// The dashboard JSON, pretty-printed with sorted keys.
    public static func render(_ schemas: [MetricSchema], title: String = "Metrics", uid: String = "metrics-schema") -> String {
        var panels: [[String: Any]] = []
        var id = 1
        var y = 0
        let ordered = schemas.sorted { ($0.typeName, $0.file) < ($1.typeName, $1.file) }
        for schema in ordered {
            panels.append([
                "type": "row", "id": id, "title": "\(schema.typeName) (\(SwiftGenerator.fileName(schema.file)))",
                "collapsed": false, "panels": [] as [Any], "gridPos": ["h": 1, "w": 24, "x": 0, "y": y],
            ])
            id += 1
            y += 1
            for (index, metric) in schema.metrics.enumerated() {
                let plan = QueryPlan(schema: schema, metric: metric)
                let targets: [[String: Any]] = plan.queries.enumerated().map { offset, query in
                    [
                        "refId": String(UnicodeScalar(UInt8(65 + offset))), "expr": query.expression,
                        "legendFormat": query.legend, "datasource": datasource,
                    ]
                }
                panels.append([
                    "type": "timeseries", "id": id, "title": plan.fullName, "description": metric.exposedHelp,
                    "datasource": datasource, "targets": targets,
                    "fieldConfig": ["defaults": ["unit": plan.grafanaUnit], "overrides": [] as [Any]],
                    "options": ["legend": ["displayMode": "list", "placement": "bottom", "showLegend": true]],
                    "gridPos": ["h": 8, "w": 12, "x": index.isMultiple(of: 2) ? 0 : 12, "y": y + (index / 2) * 8],
                ])
                id += 1
            }
            y += (schema.metrics.count + 1) / 2 * 8
        }
        let dashboard: [String: Any] = [
            "title": title, "uid": uid, "schemaVersion": schemaVersion, "version": 1, "editable": true,
            "tags": ["metrics-schema"], "timezone": "browser", "refresh": "30s",
            "time": ["from": "now-1h", "to": "now"],
            "annotations": ["list": [] as [Any]],
            "templating": ["list": [[
                "name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
                "current": [String: Any](), "hide": 0, "refresh": 1,
            ] as [String: Any]]],
            "panels": panels,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: dashboard, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static var datasource: [String: String] { ["type": "prometheus", "uid": "${datasource}"] }
}
