import MetricsSchema
import MetricsCodegen

@main
struct MetricsSchemaCommand { static func main() {} }
