#!/usr/bin/env python3
"""Turns every vectors/<dir>/*.json case into C data for the C test (vectors_gen.h, not committed).

Usage: gen_vectors.py VECTORS_DIR OUT_HEADER

Each case becomes a `vec_case` (see vectors.h): format name, request path, frame bytes, expected error (kind, code
constant, offset) or expected records, `roundtrip`, `buffer`. Cases the C API cannot express are listed in
`vec_skipped` with the reason, so the test prints them instead of silently passing:
  - `ddf`: run-time DDF loading is not part of the C API (no heap);
  - INVALID_HEX: hex text is parsed by the text front ends; C passes bytes;
  - INVALID_RECORD: record-JSON errors (unknown type name, wrong JSON kind); C passes typed values;
"fport" files are uplink cases: the C test decodes them with ucifi_uplink_decode and re-encodes them with
ucifi_writer_init_uplink.
A case is never skipped for its format: the C test asks the library at run time which formats it was built with
(ucifi_format_enabled, ucifi_uplink_entry) and expects UNKNOWN_FORMAT at offset 0 from every call of a case whose
format (or whose fPort's format) the build leaves out; a build with every format runs every case.
"""

import json
import math
import pathlib
import sys

# Files whose cases are uplinks named by their fPort (ucifi_uplink_decode, ucifi_writer_init_uplink).
UPLINK_FILES = {"fport"}
NOT_A_FORMAT = {}

TYPES = ["string", "integer", "unsigned", "float", "boolean", "opaque", "time", "objlnk", "corelnk", "none"]


def c_bytes(data: bytes) -> str:
    """A C string literal holding exactly `data` (octal escapes: fixed width, no trigraphs, no hex run-on)."""
    out = []
    for b in data:
        ch = chr(b)
        if 0x20 <= b < 0x7F and ch not in '"\\?':
            out.append(ch)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def c_text(text: str) -> str:
    return c_bytes(text.encode("utf-8"))


def c_int64(n: int) -> str:
    if n == -(2**63):
        return "(-INT64_C(9223372036854775807) - 1)"
    if n < 0:
        return "(-INT64_C(%d))" % -n
    return "INT64_C(%d)" % n


def c_double(v) -> str:
    if isinstance(v, str):
        return {"NaN": "NAN", "Infinity": "INFINITY", "-Infinity": "(-INFINITY)"}[v]
    f = float(v)
    if math.isnan(f):
        return "NAN"
    if math.isinf(f):
        return "INFINITY" if f > 0 else "(-INFINITY)"
    return f.hex()


def parse_path(text: str):
    parts = text.strip("/").split("/")
    ids = [int(p) for p in parts]
    assert 1 <= len(ids) <= 4, text
    return ids + [0] * (4 - len(ids)), len(ids)


def c_record(r: dict) -> str:
    ids, n = parse_path(r["path"])
    t = r["type"]
    fields = [
        ".ids = {%s}" % ", ".join(str(i) for i in ids),
        ".len = %d" % n,
        ".type = UCIFI_TYPE_%s" % t.upper(),
        ".unknown = %d" % (1 if r.get("unknown") else 0),
    ]
    if "time" in r:
        fields += [".has_time = 1", ".time = %s" % c_double(r["time"])]
    v = r.get("value")
    if t in ("integer", "time"):
        fields.append(".i = %s" % c_int64(int(v)))
    elif t == "unsigned":
        fields.append(".u = UINT64_C(%d)" % int(v))
    elif t == "float":
        fields.append(".f = %s" % c_double(v))
    elif t == "boolean":
        fields.append(".b = %d" % (1 if v else 0))
    elif t in ("string", "corelnk"):
        data = v.encode("utf-8")
        fields += [".bytes = (const uint8_t *)%s" % c_bytes(data), ".bytes_len = %d" % len(data)]
    elif t == "opaque":
        data = bytes.fromhex(v)
        fields += [".bytes = (const uint8_t *)%s" % c_bytes(data), ".bytes_len = %d" % len(data)]
    elif t == "objlnk":
        o, i = v.split(":")
        fields += [".link_object = %d" % int(o), ".link_instance = %d" % int(i)]
    elif t == "none":
        pass
    else:
        raise ValueError("unknown type " + t)
    return "{" + ", ".join(fields) + "}"


def skip_reason(case: dict, file_format: str):
    if file_format in NOT_A_FORMAT:
        return NOT_A_FORMAT[file_format]
    if "ddf" in case:
        return "run-time DDF loading is not part of the C API"
    kind = case.get("error", {}).get("kind")
    if kind == "INVALID_HEX":
        return "hex text is parsed by the text front ends; C passes bytes"
    if kind == "INVALID_RECORD":
        return "record-JSON errors; C passes typed values"
    for r in case.get("records", []):
        if r.get("type") not in TYPES:
            return "record-JSON errors; C passes typed values"
    return None


def main() -> int:
    vectors_dir = pathlib.Path(sys.argv[1])
    out_path = pathlib.Path(sys.argv[2])
    files = sorted(vectors_dir.glob("*/*.json"))
    if not files:
        print("no vector files under %s" % vectors_dir, file=sys.stderr)
        return 1
    arrays, cases, skipped = [], [], []
    for f in files:
        doc = json.loads(f.read_text())
        file_format = doc["format"]
        for case in doc["cases"]:
            cid = case["id"]
            reason = skip_reason(case, file_format)
            if reason:
                skipped.append("{%s, %s}" % (c_text(cid), c_text(reason)))
                continue
            records = case.get("records", [])
            rec_name = "NULL"
            if records:
                rec_name = "records_%d" % len(arrays)
                arrays.append(
                    "static const vec_record %s[] = {\n    %s,\n};" % (rec_name, ",\n    ".join(c_record(r) for r in records))
                )
            fields = [
                ".id = %s" % c_text(cid),
                ".file = %s" % c_text(f.relative_to(vectors_dir).as_posix()),
                ".format = %s" % c_text(case.get("format", file_format)),
                ".path = %s" % (c_text(case["path"]) if "path" in case else "NULL"),
                ".is_uplink = %d" % (1 if file_format in UPLINK_FILES else 0),
                ".fport = %d" % case.get("fport", 0),
                ".records = %s" % rec_name,
                ".record_count = %d" % len(records),
            ]
            if "hex" in case:
                frame = bytes.fromhex(case["hex"])
                fields += [
                    ".is_decode = 1",
                    ".frame = (const uint8_t *)%s" % c_bytes(frame),
                    ".frame_len = %d" % len(frame),
                    ".roundtrip = %d" % (1 if case.get("roundtrip") else 0),
                ]
            if "error" in case:
                err = case["error"]
                fields += [
                    ".error = UCIFI_RESULT_%s" % err["kind"],
                    ".error_name = %s" % c_text(err["kind"]),
                    ".error_offset = %d" % err.get("offset", -1),
                ]
            else:
                fields.append(".error_offset = -1")
            if "buffer" in case:
                fields += [".has_buffer = 1", ".buffer = %d" % case["buffer"]]
            cases.append("{" + ", ".join(fields) + "}")
    text = [
        "/* Generated by bindings/c/tests/gen_vectors.py from vectors/: do not edit, do not commit. */",
        "#include \"vectors.h\"",
        "",
        *arrays,
        "",
        "static const vec_case vec_cases[] = {\n    %s,\n};" % ",\n    ".join(cases),
        "static const size_t vec_case_count = sizeof vec_cases / sizeof vec_cases[0];",
        "",
    ]
    if skipped:
        text.append("static const vec_skip vec_skipped[] = {\n    %s,\n};" % ",\n    ".join(skipped))
        text.append("static const size_t vec_skipped_count = sizeof vec_skipped / sizeof vec_skipped[0];")
    else:
        text.append("static const vec_skip *const vec_skipped = NULL;")
        text.append("static const size_t vec_skipped_count = 0;")
    out_path.write_text("\n".join(text) + "\n")
    print("gen_vectors: %d cases, %d skipped, from %d files" % (len(cases), len(skipped), len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
