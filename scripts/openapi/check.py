#!/usr/bin/env python3
"""docs/openapi.yaml against the server and the prose, as TAP lines:
its operations are exactly the routes `bianmind --routes` lists; its
problem types and field error codes are those of docs/api.md 1.6; and
every JSON example of docs/api.md is valid by its schema."""
import json
import os
import re
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
import contract  # noqa: E402

PROSE = os.path.join(TOP, "docs", "api.md")
failed = 0


def result(ok, name, why=()):
    global failed
    print("%s - %s" % ("ok" if ok else "not ok", name))
    for line in why if not ok else ():
        print("#   " + line)
    failed += not ok


def served():
    out = subprocess.run([os.path.join(TOP, "bin", "bianmind"), "--routes"],
                         capture_output=True, text=True, check=True).stdout
    return {tuple(line.split(" ", 1)) for line in out.splitlines()}


def check_routes():
    routes = served()
    described = set(contract.routes())
    result(routes <= described,
           "docs/openapi.yaml describes every route bianmind serves",
           ["not described: %s %s" % r for r in sorted(routes - described)])
    result(described <= routes,
           "bianmind serves every operation of docs/openapi.yaml",
           ["not served: %s %s" % r for r in sorted(described - routes)])


def prose_table(text, heading):
    """The rows of the first table after a line starting with heading."""
    rows = []
    part = text.split("\n" + heading, 1)[1]
    for line in part.split("\n\n", 2)[1].splitlines():
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not set(cells[0]) <= set("-") and cells[0] != "Name" \
                and cells[0] != "Code":
            rows.append(cells)
    return rows


def check_problems(text):
    """1.6's problem types (name, status, title) and field error codes."""
    schemas = contract.document()["components"]["schemas"]
    doc_types = {}
    for s in schemas.values():
        props = s.get("properties", {})
        t = props.get("type", {}).get("const", "")
        if t.startswith("urn:bianmin:problem:"):
            doc_types[t.rsplit(":", 1)[1]] = (props["status"]["const"],
                                             props["title"]["const"])
    prose = {}
    for cells in prose_table(text, "Problem types (complete list"):
        prose[cells[0].strip("`")] = (int(cells[1]), cells[2])
    result(prose and doc_types == prose,
           "the %d problem types of docs/openapi.yaml are those of "
           "docs/api.md" % len(doc_types),
           ["%s: %s in the prose, %s in the document" % (
               k, prose.get(k), doc_types.get(k))
            for k in sorted(set(prose) | set(doc_types))
            if prose.get(k) != doc_types.get(k)])
    codes = set()
    for cells in prose_table(text, "Field error codes:"):
        codes |= set(re.findall(r"`([a-z_]+)`", cells[0]))
    doc_codes = set(schemas["FieldError"]["properties"]["code"]["enum"])
    result(codes and codes == doc_codes,
           "the %d field error codes of docs/openapi.yaml are those of "
           "docs/api.md" % len(doc_codes),
           ["only in the prose: %s" % sorted(codes - doc_codes),
            "only in the document: %s" % sorted(doc_codes - codes)])


def problem_schema(name):
    """The component schema of a problem type."""
    for s in contract.document()["components"]["schemas"].values():
        if s.get("properties", {}).get("type", {}).get("const") == name:
            return s
    return None


def json_schema(node):
    return contract.resolve(node)["content"]["application/json"]["schema"]


def example_schemas(method, path, block, first):
    """What an example of an operation's section must be valid by:
    [(what, schema)]."""
    op = contract.document()["paths"][path][method.lower()]
    if isinstance(block, dict) and str(block.get("type", "")).startswith(
            "urn:bianmin:problem:"):
        resp = contract.resolve(op["responses"][str(block["status"])])
        return [("the %d answer" % block["status"],
                 resp["content"]["application/problem+json"]["schema"])]
    if first and "requestBody" in op:
        return [("the request", json_schema(op["requestBody"]))]
    code = min(c for c in op["responses"] if c.startswith("2") and
               "content" in contract.resolve(op["responses"][c]))
    schema = json_schema(op["responses"][code])
    item = contract.resolve(schema).get("properties", {}).get("items", {})
    if "items" not in block and "items" in item:
        return [("an item of the %s answer" % code, item["items"])]
    return [("the %s answer" % code, schema)]


def check_examples(text):
    """Every ```json block: in an operation's section, by the schema of
    the request, the answer or the problem it shows; elsewhere a problem
    by its type's schema and a page by the envelope's."""
    why = []
    count = 0
    parts = re.split(r"^### `([A-Z]+) (/[^`]*)`\s*$", text, flags=re.M)
    sections = [(None, None, parts[0])] + [
        (parts[i], parts[i + 1], parts[i + 2])
        for i in range(1, len(parts), 3)]
    schemas = contract.document()["components"]["schemas"]
    for method, path, body in sections:
        blocks = re.findall(r"```json\n(.*?)```", body, flags=re.S)
        for n, raw in enumerate(blocks):
            where = "%s %s, example %d" % (method, path, n + 1) \
                if method else "docs/api.md, example %d" % (count + 1)
            count += 1
            block = json.loads(raw)
            if isinstance(block, dict) and block.get("type") in (
                    "application_event", "rating"):
                # the exchange's outbound message, not an answer
                checks = [("an exchange message", schemas[
                    "ExchangeMessage"])]
            elif method and method.lower() not in contract.document()[
                    "paths"].get(path, {}):
                why.append("%s: no such operation" % where)
                continue
            elif method:
                checks = example_schemas(method, path, block, n == 0)
            elif "urn:bianmin:problem:" in str(block.get("type")):
                checks = [("its problem type", problem_schema(block["type"]))]
            else:
                checks = [("the page envelope", schemas["Page"])]
            for what, schema in checks:
                error = contract.validate(schema, block)
                if error is not None:
                    why.append("%s, as %s: at %s: %s" % (
                        where, what, "/".join(map(str, error.absolute_path))
                        or "(top)", error.message[:300]))
    result(count > 0 and not why,
           "the %d JSON examples of docs/api.md are valid by "
           "docs/openapi.yaml" % count, why)


def main():
    with open(PROSE, encoding="utf-8") as f:
        text = f.read()
    check_routes()
    check_problems(text)
    check_examples(text)
    sys.exit(min(failed, 100))


if __name__ == "__main__":
    main()
