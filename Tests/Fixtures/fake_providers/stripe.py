"""Stripe for the fake billing server: `GET /v1/invoices` and `GET /v1/invoices/{id}/lines`.

Both list endpoints page by `limit` (1..100) and `starting_after` (the last id of the previous
page) and answer `{"object": "list", "data": [...], "has_more": bool, "url": ...}`. Every request
must carry a `Stripe-Version` header. Errors are Stripe's `{"error": {"type", "code", "message",
"param"}}`.

Scenario members besides the common ones:
  lines            {invoice id: [every line item]}: served at /v1/invoices/{id}/lines; the
                   invoices themselves hold only the first page (as the test wrote them)
  ignorePaging     every request gets the first page (the client must notice the repeat)
"""


def error(handler, status, code, message, param=None):
    body = {"error": {"type": "invalid_request_error", "code": code, "message": message}}
    if param:
        body["error"]["param"] = param
    return handler.send_json(status, body)


def page(handler, spec, items, query, url, fault):
    try:
        limit = int(query.get("limit", "10"))
    except ValueError:
        return error(handler, 400, "parameter_invalid_integer", "Invalid integer", "limit")
    if not 1 <= limit <= 100:
        return error(handler, 400, "parameter_invalid_integer", "limit must be 1..100", "limit")
    start = 0
    after = query.get("starting_after")
    if after is not None and not spec.get("ignorePaging"):
        ids = [item.get("id") for item in items]
        if after not in ids:
            return error(handler, 404, "resource_missing", "No such object: '%s'" % after, "starting_after")
        start = ids.index(after) + 1
    data = items[start:start + limit]
    body = {"object": "list", "data": data, "has_more": start + limit < len(items), "url": url}
    return handler.send_json(200, body, fault=fault)


def serve(handler, scenario, spec, path, method, query, raw, fault):
    if not handler.headers.get("Stripe-Version"):
        return error(handler, 400, "api_version_missing", "Send a Stripe-Version header")
    parts = path.split("/")
    if method == "GET" and path == "/v1/invoices":
        return page(handler, spec, spec["invoices"], query, "/v1/invoices", fault)
    if method == "GET" and len(parts) == 5 and parts[1:3] == ["v1", "invoices"] and parts[4] == "lines":
        lines = spec.get("lines", {})
        if parts[3] not in lines:
            return error(handler, 404, "resource_missing", "No such invoice: '%s'" % parts[3], "id")
        return page(handler, spec, lines[parts[3]], query, path, fault)
    return error(handler, 404, "resource_missing", "Unrecognized request URL (%s: %s)" % (method, path))
