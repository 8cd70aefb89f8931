"""A real OTLP metrics receiver for the MetricsOTLP tests, built on the OpenTelemetry project's own
Python message classes (PyPI `opentelemetry-proto`) and, for gRPC, `grpcio` with the package's
MetricsService definitions.

    python3 otlp_receiver.py http|grpc [--port N]

Binds 127.0.0.1 (port 0 = ephemeral unless --port), prints `listening on port N`, then prints one
line per ExportMetricsServiceRequest received: the request in the protobuf JSON mapping
(`google.protobuf.json_format.MessageToJson`, proto field names), compact, prefixed `request `.
HTTP requests also print `headers ` + the request headers as JSON first; gRPC ones the metadata.
Stdout is flushed after every line; the process runs until killed.
"""

import json
import sys
from concurrent import futures
from http.server import BaseHTTPRequestHandler, HTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2

try:
    from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2_grpc
except ImportError:  # grpcio missing: only the HTTP receiver can run
    metrics_service_pb2_grpc = None


def emit(kind, payload):
    sys.stdout.write(kind + " " + payload + "\n")
    sys.stdout.flush()


def emit_request(request):
    text = json_format.MessageToJson(request, preserving_proto_field_name=True, indent=None, sort_keys=True)
    emit("request", text)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path != "/v1/metrics":
            self.send_error(404, "only /v1/metrics")
            return
        if self.headers.get("Content-Type") != "application/x-protobuf":
            self.send_error(415, "Content-Type must be application/x-protobuf")
            return
        request = metrics_service_pb2.ExportMetricsServiceRequest()
        request.ParseFromString(body)
        emit("headers", json.dumps({k.lower(): v for k, v in self.headers.items()}, sort_keys=True))
        emit_request(request)
        reply = metrics_service_pb2.ExportMetricsServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format, *args):  # keep stdout for the protocol above
        sys.stderr.write("receiver: " + (format % args) + "\n")


def serve_http(port):
    server = HTTPServer(("127.0.0.1", port), Handler)
    emit("listening on port", str(server.server_address[1]))
    server.serve_forever()


def serve_grpc(port):
    import grpc

    class Servicer(metrics_service_pb2_grpc.MetricsServiceServicer):
        def Export(self, request, context):
            metadata = {key: value for key, value in context.invocation_metadata()}
            emit("headers", json.dumps(metadata, sort_keys=True))
            emit_request(request)
            return metrics_service_pb2.ExportMetricsServiceResponse()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(Servicer(), server)
    bound = server.add_insecure_port("127.0.0.1:%d" % port)
    server.start()
    emit("listening on port", str(bound))
    server.wait_for_termination()


def main():
    mode = sys.argv[1]
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 0
    if mode == "http":
        serve_http(port)
    elif mode == "grpc":
        if metrics_service_pb2_grpc is None:
            sys.exit("grpcio is not installed")
        serve_grpc(port)
    else:
        sys.exit("usage: otlp_receiver.py http|grpc [--port N]")


if __name__ == "__main__":
    main()
