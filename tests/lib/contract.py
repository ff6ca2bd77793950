"""Every response the tests receive, against docs/openapi.yaml: the
operation of its method and path must list its status, its media type,
its required headers and a body the schema accepts (JSON Schema 2020-12,
as OpenAPI 3.1 uses). A request that matches no route is answered as
the document's x-unmatched-requests says; every error, the HTTP layer's
refusals included, is a problem object.

check() and check_raw() raise ContractError, which fails the test that
got the response. The document is read, and each schema compiled, once
per process."""
import json
import os
import re
import threading

import jsonschema
import yaml

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCUMENT = os.path.join(TOP, "docs", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch",
           "trace")

_doc = None
_templates = None
_validators = {}
_inlined = {}
_lock = threading.RLock()


class ContractError(AssertionError):
    pass


def document():
    """docs/openapi.yaml, parsed once."""
    global _doc, _templates
    with _lock:
        if _doc is None:
            with open(DOCUMENT, encoding="utf-8") as f:
                _doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader",
                                                   yaml.SafeLoader))
            _templates = [(t, t[1:].split("/")) for t in _doc["paths"]]
    return _doc


def routes():
    """The document's operations as ("METHOD", "/path") pairs."""
    return sorted((m.upper(), p) for p, item in document()["paths"].items()
                  for m in item if m in METHODS)


def _is_id(s):
    """An {id}: a positive decimal integer without sign or leading zeros,
    at most 2^53 - 1 (docs/api.md 1.2, 1.4)."""
    return re.fullmatch(r"[1-9][0-9]{0,15}", s) is not None and \
        int(s) < 1 << 53


def match(path):
    """The document's path template for a request path, or None (docs/api.md
    1.2): literal segments must be equal, an {id} must be one, and other
    parameters present (their form is the operation's to judge: a wrong
    one is its 404); among the templates that match, the one with fewest
    parameters wins (a literal segment beats a parameter)."""
    document()
    path = path.split("?", 1)[0]
    segs = path[1:].split("/") if path.startswith("/") else None
    best, fewest = None, None
    for template, tsegs in _templates:
        if segs is None or len(tsegs) != len(segs):
            continue
        params = 0
        for t, s in zip(tsegs, segs):
            if t == "{id}" and not _is_id(s):
                break
            if t.startswith("{"):
                if s == "":
                    break
                params += 1
            elif t != s:
                break
        else:
            if fewest is None or params < fewest:
                best, fewest = template, params
    return best


def resolve(node):
    """A node with its local $ref followed."""
    doc = document()
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _inline(node, done, doing=()):
    """node with every reference replaced by what it names (a $ref with
    other keywords beside it becomes one more allOf member): the same
    schema, which validates faster. done holds each target inlined."""
    if isinstance(node, list):
        return [_inline(n, done, doing) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, done, doing) for k, v in node.items()
           if k != "$ref"}
    ref = node.get("$ref")
    if ref is None:
        return out
    if ref in doing:
        raise ValueError("a schema of docs/openapi.yaml refers to itself: "
                         + ref)
    if ref not in done:
        done[ref] = _inline(resolve({"$ref": ref}), done, doing + (ref,))
    if not out:
        return done[ref]
    out["allOf"] = out.get("allOf", []) + [done[ref]]
    return out


def _validator(key, schema):
    """A compiled validator for schema (a part of the document); one per
    schema and process."""
    v = _validators.get(key)
    if v is None:
        v = jsonschema.Draft202012Validator(
            _inline(schema, _inlined),
            format_checker=jsonschema.FormatChecker())
        _validators[key] = v
    return v


def _leaves(errors):
    """The errors and those of the alternatives they failed (oneOf,
    anyOf), deepest first: what to tell of a failure."""
    out = []
    for e in errors:
        out.append(e)
        out += _leaves(e.context or [])
    return sorted(out, key=lambda e: (
        e.validator == "unevaluatedProperties", -len(e.absolute_path),
        e.validator in ("oneOf", "anyOf", "allOf")))


def validate(schema, value):
    """The complaint of schema (a part of the document) about value, the
    most telling one; None when it has none."""
    with _lock:
        errors = list(_validator(id(schema), schema).iter_errors(value))
    return _leaves(errors)[0] if errors else None


def _lower(headers):
    if headers is None:
        return {}
    return {k.lower(): v for k, v in headers.items()}


def _no_duplicates(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError("member %r twice" % k)
        seen[k] = v
    return seen


def _record(what, status):
    """Names what was checked in $BIANMIN_CONTRACT_SEEN, if set (to see
    which operations and statuses the tests reach)."""
    seen = os.environ.get("BIANMIN_CONTRACT_SEEN")
    if seen:
        with open(seen, "a") as f:
            f.write("%s %d\n" % (what, status))


def _response(method, path, status):
    """(what, response object) for the request's operation and status."""
    doc = document()
    template = match(path)
    unmatched = doc["x-unmatched-requests"]["responses"]
    want = None
    if "%00" in path:
        what = "%s %s (%%00)" % (method, path)
        want = "400"
    elif template is None:
        what = "%s %s (no route)" % (method, path)
        want = "404"
    if template is not None and want is None:
        op = doc["paths"][template].get(
            "get" if method == "HEAD" else method.lower())
        what = "%s %s" % (method, template)
        if op is not None:
            resp = op["responses"].get(str(status))
            if resp is None:
                raise ContractError(
                    "%s answered %d, which docs/openapi.yaml does not list "
                    "for it (it lists %s)" % (what, status,
                                              ", ".join(op["responses"])))
            return what, resolve(resp)
        what += " (no such operation)"
        want = "405"
    if str(status) != want:
        raise ContractError("%s answered %d, not %s as x-unmatched-requests "
                            "says" % (what, status, want))
    return what, resolve(unmatched[want])


def check(method, path, status, headers, body):
    """Checks one response: method and path as sent (query and all),
    status, headers (any mapping with items(); names in any case) and
    the body's bytes. Raises ContractError naming what disagrees."""
    method = method.upper()
    headers = _lower(headers)
    body = body or b""
    what, resp = _response(method, path, status)
    _record(what, status)
    for name, h in (resp.get("headers") or {}).items():
        h = resolve(h)
        value = headers.get(name.lower())
        if value is None:
            if h.get("required"):
                raise ContractError("%s %d: no %s header" % (what, status,
                                                            name))
            continue
        schema = h["schema"]
        if resolve(schema).get("type") == "integer":
            try:
                value = int(value)
            except ValueError:
                raise ContractError("%s %d: %s: %r is not an integer" % (
                    what, status, name, value))
        error = validate(schema, value)
        if error is not None:
            raise ContractError("%s %d: header %s: %s" % (
                what, status, name, error.message))
    content = resp.get("content")
    if method == "HEAD" or not content:
        if body:
            raise ContractError("%s %d has a body, and the document says "
                                "none: %r" % (what, status, body[:200]))
        return
    ctype = headers.get("content-type", "")
    media = ctype.split(";")[0].strip().lower()
    if media not in content:
        raise ContractError("%s %d: Content-Type %r, and the document says "
                            "%s" % (what, status, ctype, " or ".join(content)))
    if not re.search(r";\s*charset=utf-8\s*$", ctype, re.I):
        raise ContractError("%s %d: Content-Type %r without charset=utf-8"
                            % (what, status, ctype))
    try:
        text = body.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_no_duplicates) \
            if media.endswith("json") else text
    except ValueError as e:
        raise ContractError("%s %d: the body is not %s: %s: %r" % (
            what, status, media, e, body[:200]))
    error = validate(content[media]["schema"], value)
    if error is not None:
        raise ContractError(
            "%s %d (%s): the body disagrees with docs/openapi.yaml at %s: "
            "%s\nbody: %s" % (
                what, status, media,
                "/".join(str(p) for p in error.absolute_path) or "(top)",
                error.message[:400], text[:1500]))


def parse_raw(data):
    """(status, headers, body) of one HTTP/1.1 response as bytes read off
    a socket; None when there is none."""
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/"):
        return None
    lines = head.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        rest = rest[:int(headers["content-length"])]
    return status, headers, rest


def check_raw(method, path, data):
    """check() for a response read off a socket by hand (nothing to check
    when the server sent none)."""
    got = parse_raw(data)
    if got is not None:
        check(method, path, *got)
