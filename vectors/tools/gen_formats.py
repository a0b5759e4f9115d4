#!/usr/bin/env python3
"""Generate the vector files of the CBOR, JSON and single-value formats:

    vectors/senml-cbor/*.json   vectors/senml-json/*.json   vectors/lwm2m-cbor/*.json
    vectors/cbor/*.json         vectors/text/*.json         vectors/opaque/*.json

    python3 vectors/tools/gen_formats.py            # write the files
    python3 vectors/tools/gen_formats.py --check    # regenerate in memory; exit 1 if a file on disk differs

Python 3.11, standard library only. Rules: vectors/FORMATS.md; bytes of the spec examples: vectors/spec-examples.json
(spec digest §3-5); resource types: the registry snapshot (core/codegen/registry.json) read by tlvlib.py. The canonical encoders are this
tool's own (formatslib.py, which also lists the choices made where FORMATS.md leaves room). Canonical cases are the
encoder's output for their records (roundtrip true); hand-made frames (roundtrip false, and every error case) are built
with cborlib's builder or written as JSON text, and their expected records and errors are written here by hand.
The cases of each format are in cases_senml_cbor.py and cases_senml_json.py (both built on cases_senml.py),
cases_lwm2m_cbor.py and cases_single.py, with the builders of cases_common.py; cases_precedence.py and
cases_interop.py (payloads of other LwM2M implementations) add a file to several formats. check_formats.py decodes
every case again with a separate decoder.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases_interop import InteropCases  # noqa: E402
from cases_interop_peers import PeerInteropCases  # noqa: E402
from cases_lwm2m_cbor import Lwm2mCborCases  # noqa: E402
from cases_precedence import PrecedenceCases  # noqa: E402
from cases_rules import RulesCases  # noqa: E402
from cases_senml_cbor import SenmlCborCases  # noqa: E402
from cases_senml_json import SenmlJsonCases  # noqa: E402
from cases_single import SingleCases  # noqa: E402
from tlvlib import REPO, SNAPSHOT, SPEC_EXAMPLES, dumps  # noqa: E402

OUT = REPO / "vectors"
FORMATS = ("senml-cbor", "senml-json", "lwm2m-cbor", "cbor", "text", "opaque")


class Gen(SenmlCborCases, SenmlJsonCases, Lwm2mCborCases, SingleCases, PrecedenceCases, InteropCases, RulesCases,
          PeerInteropCases):
    """Every format's case lists, and the files they make."""

    def files(self) -> dict[str, str]:
        plan: dict[str, dict[str, Any]] = {
            "senml-cbor": {"spec.json": self.senml_cbor_spec, "types.json": self.senml_cbor_types,
                           "pack.json": self.senml_cbor_pack, "ucifi.json": lambda: self.senml_ucifi("senml-cbor"),
                           "errors.json": self.senml_cbor_errors, "precedence.json": self.precedence,
                           "interop.json": self.interop, "rules.json": self.rules,
                           "interop-anjay-lite.json": self.interop_anjay_lite_senml},
            "senml-json": {"spec.json": self.senml_json_spec, "types.json": self.senml_json_types,
                           "pack.json": self.senml_json_pack, "ucifi.json": lambda: self.senml_ucifi("senml-json"),
                           "errors.json": self.senml_json_errors, "precedence.json": self.precedence,
                           "interop.json": self.interop, "rules.json": self.rules,
                           "interop-wakaama.json": self.interop_wakaama_senml_json},
            "lwm2m-cbor": {"spec.json": self.lwm2m_spec, "types.json": self.lwm2m_types,
                           "structure.json": self.lwm2m_structure, "ucifi.json": lambda: self.ucifi_cases("lwm2m-cbor"),
                           "errors.json": self.lwm2m_errors, "precedence.json": self.precedence,
                           "interop.json": self.interop, "rules.json": self.rules,
                           "interop-anjay-lite.json": self.interop_anjay_lite_lwm2m},
            "cbor": {"types.json": self.single_types, "errors.json": self.single_errors,
                     "precedence.json": self.precedence, "rules.json": self.rules},
            "text": {"types.json": self.single_types, "errors.json": self.single_errors,
                     "precedence.json": self.precedence, "rules.json": self.rules},
            "opaque": {"types.json": self.single_types, "errors.json": self.single_errors},
        }
        out = {}
        ids: list[str] = []
        for fmt, parts in plan.items():
            self.fmt = fmt
            for name, fn in parts.items():
                cases = [x for x in fn() if x is not None]
                ids += [x["id"] for x in cases]
                out[f"{fmt}/{name}"] = dumps({"format": fmt, "cases": cases})
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), [
            i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)]
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the files on disk differ from a fresh generation")
    ap.add_argument("--snapshot", type=Path, default=SNAPSHOT, help="registry facts (default core/codegen/registry.json)")
    ap.add_argument("--spec-examples", type=Path, default=SPEC_EXAMPLES,
                    help="spec byte examples (default vectors/spec-examples.json)")
    args = ap.parse_args()
    gen = Gen(args.snapshot, args.spec_examples)
    files = gen.files()
    if args.check:
        stale = [n for n, text in files.items()
                 if not (OUT / n).is_file() or (OUT / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"vectors/{n} is out of date: run python3 vectors/tools/gen_formats.py", file=sys.stderr)
        return 1 if stale else 0
    for n, text in files.items():
        (OUT / n).parent.mkdir(parents=True, exist_ok=True)
        (OUT / n).write_text(text, encoding="utf-8")
        print(f"wrote vectors/{n}: {len(json.loads(text)['cases'])} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
