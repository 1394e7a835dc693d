#!/usr/bin/env python3
"""A fake billing API for InvoiceQL's transport tests (Python standard library only).

Started by the tests as a subprocess: `python3 fake_billing_server.py` binds 127.0.0.1 on port 0,
prints the port on its first stdout line, and exits when its stdin closes (the test process ended).

A test registers a scenario with `POST /_scenarios` (JSON below) and gets an id; the scenario's
base URL is `/s/<id>`, under which the provider's own path is served with that provider's paging.
`GET /_scenarios/<id>/log` returns every request the scenario received, in order.

A provider is served by a `serve_<name>` method below, or by `fake_providers/<name>.py` beside this
file (its `serve(handler, scenario, spec, path, method, query, raw, fault)`): a new provider brings
its own file (stripe does).

Scenario:
  provider      rhythm | elevate | roadsync | softwareone | wethod | any fake_providers/<name>.py
  invoices      the full listing (JSON objects), served page by page; filters are ignored (a
                superset is always a valid server answer); elevate's sort= and softwareone's order=
                are applied (numbers by value, blanks last, ties in listing order)
  pageSize      rhythm's server-chosen page size (default 3)
  faults        [{"on": N, "kind": ...}] applied to the N-th data request (1-based):
                  status   {"status", "headers", "body"}  an error answer
                  truncate {"bytes"}  sends the full Content-Length but only that many body bytes
                  close    closes the connection without answering
                  slow     {"chunk", "delay"}  the body in chunks with a pause between them
  repeatCursorAtPage   rhythm: that page returns the previous page's LastEvaluatedKey
  shrinkTotalAtPage    softwareone: from that page on, total is reported one smaller
  ignorePaging         every request gets the first page
  continuationPages    roadsync: the first ask for each listed page times out: half its items and
                       a continuation.search_start; the continued ask returns the whole page
  repeatContinuation   roadsync: continued asks time out again with the same search_start
"""

import importlib.util
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCENARIOS = {}
LOCK = threading.Lock()


def provider_module(name):
    """The module `fake_providers/<name>.py` beside this file, or None."""
    if not name.isidentifier():
        return None
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_providers", name + ".py")
    if not os.path.isfile(path):
        return None
    spec = importlib.util.spec_from_file_location("fake_provider_" + name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_slice(items, start, size):
    start = max(start, 0)
    return items[start:start + size]


def sorted_listing(invoices, keys):
    """The listing in the order a sort parameter asks: keys are (dotted path, descending) pairs;
    numbers (and numeric strings) by value, other strings as text, blanks last, ties as listed."""
    def value(invoice, path):
        for part in path.split("."):
            invoice = invoice.get(part) if isinstance(invoice, dict) else None
        if isinstance(invoice, bool) or invoice is None:
            return None
        if isinstance(invoice, (int, float)):
            return (0, invoice)
        if isinstance(invoice, str):
            try:
                return (0, float(invoice))
            except ValueError:
                return (1, invoice)
        return None

    out = list(invoices)
    for path, descending in reversed(keys):
        present = [i for i in out if value(i, path) is not None]
        absent = [i for i in out if value(i, path) is None]
        present.sort(key=lambda i: value(i, path), reverse=descending)
        out = present + absent
    return out


def rhythm_key(index):
    # Characters that break a naive query string: + & = / space %
    return "k+%d&x=/ %%%d" % (index, index)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # ---- plumbing

    def send_json(self, status, obj, headers=None, fault=None):
        body = json.dumps(obj, separators=(",", ":")).encode()
        self.send_bytes(status, body, headers or {}, fault)

    def send_bytes(self, status, body, headers, fault=None):
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        kind = fault.get("kind") if fault else None
        if kind == "truncate":
            self.wfile.write(body[: int(fault.get("bytes", 10))])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind == "slow":
            chunk = max(1, int(fault.get("chunk", 64)))
            delay = float(fault.get("delay", 0.002))
            try:
                for i in range(0, len(body), chunk):
                    self.wfile.write(body[i:i + chunk])
                    self.wfile.flush()
                    time.sleep(delay)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away: that is what cancellation does
            return
        self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # ---- routing

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        raw = self.read_body()
        parsed = urllib.parse.urlsplit(self.path)
        parts = parsed.path.split("/")
        if parsed.path == "/_scenarios" and method == "POST":
            spec = json.loads(raw or b"{}")
            with LOCK:
                sid = "s%d" % (len(SCENARIOS) + 1)
                SCENARIOS[sid] = {"spec": spec, "log": [], "requests": 0, "pages": {}, "state": {}}
            return self.send_json(200, {"id": sid})
        if len(parts) == 4 and parts[1] == "_scenarios" and parts[3] == "log":
            with LOCK:
                scenario = SCENARIOS.get(parts[2])
                log = list(scenario["log"]) if scenario else None
            if log is None:
                return self.send_json(404, {"error": "not_found", "message": "no such scenario"})
            return self.send_json(200, log)
        if len(parts) < 3 or parts[1] != "s":
            return self.send_json(404, {"error": "not_found", "message": "unknown path"})
        with LOCK:
            scenario = SCENARIOS.get(parts[2])
            if scenario is None:
                return self.send_json(404, {"error": "not_found", "message": "no such scenario"})
            scenario["requests"] += 1
            number = scenario["requests"]
            scenario["log"].append({
                "method": method,
                "time": time.time(),
                "path": "/" + "/".join(parts[3:]),
                "rawQuery": parsed.query,
                "query": urllib.parse.parse_qsl(parsed.query, keep_blank_values=True),
                "body": raw.decode("utf-8", "replace") if raw else None,
                "headers": {k.lower(): v for k, v in self.headers.items()},
            })
        spec = scenario["spec"]
        fault = next((f for f in spec.get("faults", []) if f.get("on") == number), None)
        if fault and fault.get("kind") == "close":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault and fault.get("kind") == "status":
            body = fault.get("body", "")
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            return self.send_bytes(int(fault["status"]), data, dict(fault.get("headers", {})))
        provider = spec.get("provider")
        serve = getattr(self, "serve_" + str(provider), None)
        module = None if serve is not None else provider_module(str(provider))
        if module is not None:
            serve = lambda *args: module.serve(self, *args)
        if serve is None:
            return self.send_json(400, {"error": "bad_scenario", "message": "unknown provider"})
        query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        serve(scenario, spec, "/" + "/".join(parts[3:]), method, query, raw, fault)

    # ---- providers

    def serve_elevate(self, scenario, spec, path, method, query, raw, fault):
        if method != "GET" or path != "/invoices":
            return self.send_json(404, {"error": "not_found", "message": "no route " + path})
        try:
            page, size = int(query["page"]), int(query["pageSize"])
        except (KeyError, ValueError):
            return self.send_json(400, {"error": "bad_request", "message": "page and pageSize are required"})
        if page < 1 or not 1 <= size <= 1000:
            return self.send_json(400, {"error": "bad_request", "message": "pageSize must be 1..1000"})
        if spec.get("ignorePaging"):
            page = 1
        keys = [(k[:-5], True) if k.endswith(":desc") else (k, False)
                for k in query.get("sort", "").split(",") if k]
        invoices = sorted_listing(spec["invoices"], keys)
        self.send_json(200, page_slice(invoices, (page - 1) * size, size), fault=fault)

    def serve_wethod(self, scenario, spec, path, method, query, raw, fault):
        if method != "GET" or path != "/api/invoices":
            return self.send_json(404, {"key": "not_found", "message": "no route " + path})
        limit = int(query.get("limit", "100"))
        offset = int(query.get("offset", "0"))
        if not 1 <= limit <= 100:
            return self.send_json(400, {"key": "invalid_data", "message": "You provided invalid data.",
                                        "failures": [{"field": "limit", "message": "must be <= 100"}]})
        if spec.get("ignorePaging"):
            offset = 0
        self.send_json(200, page_slice(spec["invoices"], offset, limit), fault=fault)

    def serve_softwareone(self, scenario, spec, path, method, query, raw, fault):
        if method != "GET" or path != "/public/v1/billing/invoices":
            return self.send_json(404, {"type": "about:blank", "title": "Not Found", "status": 404})
        limit = int(query.get("limit", "10"))
        offset = int(query.get("offset", "0"))
        if not 1 <= limit <= 100:
            return self.send_json(400, {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                                        "title": "One or more validation errors occurred.", "status": 400,
                                        "traceId": "00-abc-01", "errors": {"limit": ["must be <= 100"]}})
        if spec.get("ignorePaging"):
            offset = 0
        keys = [(k[1:], True) if k.startswith("-") else (k.lstrip("+"), False)
                for k in query.get("order", "").split(",") if k]
        invoices = sorted_listing(spec["invoices"], keys)
        total = len(invoices)
        page_index = offset // limit + 1
        shrink = spec.get("shrinkTotalAtPage")
        if shrink and page_index >= shrink:
            total -= 1
        body = {"$meta": {"pagination": {"offset": offset, "limit": limit, "total": total}},
                "data": page_slice(invoices, offset, limit)}
        self.send_json(200, body, fault=fault)

    def serve_rhythm(self, scenario, spec, path, method, query, raw, fault):
        parts = path.split("/")
        if method != "GET" or len(parts) != 6 or parts[1] != "invoices" or parts[3:5] != ["portal", "contact"]:
            return self.send_json(404, {"message": "no route " + path})
        size = int(spec.get("pageSize", 3))
        invoices = spec["invoices"]
        keys = {rhythm_key(i): i for i in range(0, len(invoices) + 1, size)}
        start = 0
        if "exclusiveStartKey" in query and not spec.get("ignorePaging"):
            if query["exclusiveStartKey"] not in keys:
                return self.send_json(400, {"message": "bad exclusiveStartKey"})
            start = keys[query["exclusiveStartKey"]]
        items = page_slice(invoices, start, size)
        body = {"Count": len(items), "Items": items}
        if start + size < len(invoices):
            page_index = start // size + 1
            next_start = start + size
            if spec.get("repeatCursorAtPage") == page_index and start >= size:
                next_start = start
            body["LastEvaluatedKey"] = rhythm_key(next_start)
        self.send_json(200, body, fault=fault)

    def serve_roadsync(self, scenario, spec, path, method, query, raw, fault):
        if method != "POST" or path != "/invoice/search":
            return self.send_json(404, {"type": "about:blank", "title": "Not Found", "status": 404})
        try:
            request = json.loads(raw)
            pagination = request["pagination"]
            size, number = int(pagination["ItemsPerPage"]), int(pagination["PageNumber"])
        except (ValueError, KeyError, TypeError):
            return self.send_json(400, {"type": "about:blank", "title": "Bad Request", "status": 400,
                                        "detail": "pagination is required"})
        if not 1 <= size <= 100 or number < 1:
            return self.send_json(400, {"type": "about:blank", "title": "Bad Request", "status": 400,
                                        "detail": "ItemsPerPage must be 1..100"})
        if spec.get("ignorePaging"):
            number = 1
        invoices = spec["invoices"]
        items = page_slice(invoices, (number - 1) * size, size)
        total_pages = (len(invoices) + size - 1) // size
        body = {"code": "Success", "message": "ok",
                "pagination": {"ItemsPerPage": size, "PageNumber": number, "TotalItems": len(invoices),
                               "TotalPages": total_pages, "SortColumn": "", "SortDirection": "asc"}}
        continued = "searchStart" in request
        state = scenario["state"]
        if number in spec.get("continuationPages", []) and (not continued or spec.get("repeatContinuation")):
            body["invoice_list"] = items[: len(items) // 2]
            body["continuation"] = {"search_start": 1000 + number}
            body["result_token"] = "tok-%d" % number
        else:
            body["invoice_list"] = items
        state["last"] = number
        self.send_json(200, body, fault=fault)


class Server(ThreadingHTTPServer):
    # Many tests run at once: a deep accept queue, so no connection is refused under load.
    request_queue_size = 256
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)

    def watch_stdin():
        try:
            sys.stdin.read()
        finally:
            import os
            os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
