"""Cases for vectors/<format>/rules.json: the root request path `/`, the reserved id 65535, and (LwM2M-CBOR) a null
leaf. Rules: vectors/FORMATS.md."""

from __future__ import annotations

from typing import Any

from cases_common import rec
from cborlib import Mark, Raw, build


class RulesCases:
    """The rule cases of one format (self.fmt)."""

    fmt: str
    t: Any
    u: Any
    err: Any
    acc: Any
    canon: Any
    enc_err: Any

    def rules(self) -> list[dict]:
        return {"senml-cbor": self.rules_senml, "senml-json": self.rules_senml, "lwm2m-cbor": self.rules_lwm2m,
                "cbor": self.rules_single, "text": self.rules_single}[self.fmt]()

    def rules_common(self) -> list[dict]:
        """Root path and reserved id cases every multi-record format shares."""
        p, t = self.fmt, self.t
        mixed = [t("/3/0/9", 87), t("/3424/0/1", 12.5)]
        return [
            self.canon(f"{p}-rule-root-path", "Request path / (the root, as Send and Read-Composite use it): no "
                       "restriction, records of two objects (/3 and /3424) decode", mixed, "/"),
            self.canon(f"{p}-rule-root-path-one-object", "Request path / with the records of one object instance",
                       [t("/3424/0/1", 12.5), t("/3424/0/9", False)], "/"),
            self.err(f"{p}-rule-reserved-request", "Request path /5/0/65535: id 65535 is reserved at every level, "
                     "INVALID_PATH at the id's first digit", self.enc([t("/5/0/1", "http")]), "INVALID_PATH", 5,
                     "/5/0/65535"),
            self.err(f"{p}-rule-reserved-request-object", "Request path /65535/0", self.enc([t("/5/0/1", "http")]),
                     "INVALID_PATH", 1, "/65535/0"),
            self.enc_err(f"{p}-rule-reserved-encode", "Encode a record /5/0/65535 (after a good one): INVALID_PATH at "
                         "its index", [t("/5/0/1", "http"), rec("/5/0/65535", "integer", 1)], "INVALID_PATH", 1),
            self.enc_err(f"{p}-rule-reserved-encode-object", "Encode a record /65535/0/1", [rec("/65535/0/1",
                         "integer", 1)], "INVALID_PATH", 0),
            self.enc_err(f"{p}-rule-reserved-encode-root", "Encode at / a record /3/65535/9: the root admits every "
                         "path, the reserved id is still refused", [rec("/3/65535/9", "integer", 1)], "INVALID_PATH",
                         0, "/"),
        ]

    def rules_senml(self) -> list[dict]:
        p = self.fmt
        c = self.rules_common()
        if p == "senml-cbor":
            one, om = build([{-2: Mark("r", "/5/0/65535"), 2: 1}])
            two, tm = build([{-2: "/5/0/", 0: "1", 3: "http"}, Mark("r", {0: "65535", 2: 1})])
            obj, _ = build([{-2: "/65535/0/1", 2: 1}])
            c += [
                self.err(f"{p}-rule-reserved-name", "bn \"/5/0/65535\": the name resolves to a path with the reserved "
                         "id, INVALID_PATH at the record (where an INVALID_NAME would be)", one, "INVALID_PATH", 1),
                self.err(f"{p}-rule-reserved-name-second-record", "bn \"/5/0/\" then n \"65535\" in the second record: "
                         "INVALID_PATH at that record", two, "INVALID_PATH", tm["r"]),
                self.err(f"{p}-rule-reserved-object", "bn \"/65535/0/1\" (the object id reserved)", obj,
                         "INVALID_PATH", 1),
            ]
        else:
            one = '[{"bn":"/5/0/65535","v":1}]'
            two = '[{"bn":"/5/0/","n":"1","vs":"http"},{"n":"65535","v":1}]'
            c += [
                self.err(f"{p}-rule-reserved-name", "bn \"/5/0/65535\": INVALID_PATH at the record", one,
                         "INVALID_PATH", 1),
                self.err(f"{p}-rule-reserved-name-second-record", "n \"65535\" under bn \"/5/0/\" in the second "
                         "record: INVALID_PATH at it", two, "INVALID_PATH", two.index('{"n":"65535"')),
                self.err(f"{p}-rule-reserved-object", "bn \"/65535/0/1\"", '[{"bn":"/65535/0/1","v":1}]',
                         "INVALID_PATH", 1),
            ]
        return c

    def rules_lwm2m(self) -> list[dict]:
        p, t, u = self.fmt, self.t, self.u
        c = self.rules_common()
        arr, am = build({Mark("k", [5, 0, 65535]): 1})
        nested, nm = build({5: {0: {1: "http", Mark("k", 65535): 1}}})
        before, bm = build({Mark("k", [65535, 70000]): 1})
        c += [
            self.err(f"{p}-rule-reserved-array-key", "Key [5, 0, 65535]: the reserved id, INVALID_PATH at the key",
                     arr, "INVALID_PATH", am["k"]),
            self.err(f"{p}-rule-reserved-nested-key", "{5: {0: {1: \"http\", 65535: 1}}}: INVALID_PATH at the key "
                     "65535", nested, "INVALID_PATH", nm["k"]),
            self.err(f"{p}-rule-reserved-before-too-big", "Key [65535, 70000]: ids are judged as they are read, the "
                     "reserved one first (INVALID_PATH, not INVALID_NAME)", before, "INVALID_PATH", bm["k"]),
            # null leaves
            self.canon(f"{p}-rule-null-typed-resource", "{[3, 0, 9]: null}: null for Battery Level (Integer in the "
                       "model) is no value, a record of type none (as Anjay reads a null value), not TYPE_MISMATCH",
                       [rec("/3/0/9", "none", None)]),
            self.canon(f"{p}-rule-null-string-resource", "{[3, 0, 0]: null}: null for Manufacturer (String)",
                       [rec("/3/0/0", "none", None)]),
            self.canon(f"{p}-rule-null-beside-values", "null for /3/0/9 beside a value for /3/0/10: one record of "
                       "type none, one typed", [rec("/3/0/9", "none", None), t("/3/0/10", 15)]),
            self.canon(f"{p}-rule-null-resource-instance", "null for the resource instance /3/0/6/0",
                       [rec("/3/0/6/0", "none", None)]),
            self.canon(f"{p}-rule-null-unknown", "null for a resource the model does not know: type none, unknown",
                       [u("/3/0/40000", "none", None)]),
            self.err(f"{p}-rule-null-above-resource", "{[3, 0]: null}: a leaf above resource level is INVALID_NAME, "
                     "null or not", build({Mark("k", [3, 0]): None})[0], "INVALID_NAME", 1),
            self.err(f"{p}-rule-undefined-typed-resource", "{[3, 0, 9]: undefined (f7)}: not a value and not null, "
                     "TYPE_MISMATCH at it", build({Mark("k", [3, 0, 9]): Raw(b"\xf7")})[0], "TYPE_MISMATCH", 5),
        ]
        return c

    def rules_single(self) -> list[dict]:
        p, t = self.fmt, self.t
        data = self.enc([t("/3/0/9", 87)], "/3/0/9")
        return [
            self.err(f"{p}-rule-root-path", "Request path / : a single value needs the resource it belongs to, "
                     "INVALID_PATH at index 1 of the path text", data, "INVALID_PATH", 1, "/"),
            self.err(f"{p}-rule-reserved-request", "Request path /5/0/65535: the reserved id, INVALID_PATH at its "
                     "first digit", data, "INVALID_PATH", 5, "/5/0/65535"),
            self.enc_err(f"{p}-rule-root-path-encode", "Encode at / : INVALID_PATH at index 1",
                         [t("/3/0/9", 87)], "INVALID_PATH", 1, "/"),
        ]
