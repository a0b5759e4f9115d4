#!/usr/bin/env python3
"""Finds pairs of source files of one crate that import each other (a `use` cycle between two files).

For every crate under the given directories (a `src/` with `lib.rs` or `main.rs`), each `.rs` file is a module
(`a.rs`, `a/mod.rs`); inline `mod name { ... }` blocks count as part of their file. A file imports another when one of
its paths (`use crate::…`, `use super::…`, `use self::…`, a module declared in the file, or `crate::…` / `super::…`
written in code) names the other file's module or an item in it; a path that names an item re-exported with `pub use`
follows the re-export to the file that defines it. Modules declared with `mod` are not imports. Test code
(`#[cfg(test)]` modules, `tests.rs` files) is left out.

Usage: scripts/check-use-cycles.py [CRATE_DIR...]   (default: the workspace's crates)
Exit 1, naming each pair, when two files import each other and the pair is not in KNOWN, or when a pair of KNOWN is
gone (then take it out of the list, so that it cannot come back); 0 otherwise.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = ["core", "core/codegen", "bindings/cli", "bindings/c", "bindings/exports", "bindings/wasm", "bindings/python",
           "testkit", "xtask"]

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"

# Pairs still there: each is a module and one of its own submodules, the parent re-exporting the child's items and
# the child using items the parent defines. The list only shrinks.
KNOWN = {
    "bindings/cli/src/bulk/mod.rs <-> bindings/cli/src/bulk/ndjson.rs",
    "bindings/cli/src/bulk/mod.rs <-> bindings/cli/src/bulk/parquet.rs",
    "bindings/cli/src/bulk/mod.rs <-> bindings/cli/src/bulk/table.rs",
    "bindings/exports/src/lib.rs <-> bindings/exports/src/reader.rs",
    "core/src/lorawan/fit.rs <-> core/src/lorawan/fit/split.rs",
    "core/src/registry/mod.rs <-> core/src/registry/ddf.rs",
    "core/src/registry/mod.rs <-> core/src/registry/defs.rs",
    "core/src/registry/mod.rs <-> core/src/registry/generated.rs",
    "core/src/registry/mod.rs <-> core/src/registry/generated_full.rs",
    "core/src/registry/mod.rs <-> core/src/registry/select.rs",
    "core/src/tlv/mod.rs <-> core/src/tlv/reader.rs",
    "core/src/tlv/mod.rs <-> core/src/tlv/writer.rs",
    "core/src/validate/mod.rs <-> core/src/validate/report.rs",
}


def strip(text):
    """Code without comments, string and char literals (so that braces and paths inside them do not count)."""
    text = re.sub(r'(?<![A-Za-z0-9_])r(#*)"(?:.|\n)*?"\1', '""', text)
    text = re.sub(r'b?"(?:\\.|[^"\\])*"', '""', text, flags=re.S)
    text = re.sub(r"b?'(?:\\.|[^'\\])'", "' '", text)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return text


def expand(tree):
    """`a::{b, c::{d, e}}` -> ['a::b', 'a::c::d', 'a::c::e'] (`self` inside braces means the prefix)."""
    tree = re.sub(r"\s+", "", tree)
    depth, start, parts = 0, 0, []
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    prefix, inner = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    for i, c in enumerate(inner):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    out = []
    for p in parts:
        if not p:
            continue
        for e in expand(p):
            out.append(prefix.rstrip(":") if e == "self" else prefix + e)
    return out


class Crate:
    def __init__(self, src):
        self.src = src
        self.files = {}  # module path tuple -> file
        for dirpath, _, names in os.walk(src):
            for name in names:
                if not name.endswith(".rs"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), src)[:-3].split(os.sep)
                if rel[-1] == "mod":
                    rel = rel[:-1]
                if rel in (["lib"], ["main"]):
                    rel = []
                self.files[tuple(rel)] = os.path.join(dirpath, name)
        self.code = {}
        self.uses = {}  # module -> list of (path segments as absolute tuple, is_pub_use)
        self.reexports = {}  # module -> {name: absolute path tuple}
        for module, path in self.files.items():
            if module and module[-1] == "tests":
                continue
            with open(path, encoding="utf-8") as f:
                self.scan(module, strip(f.read()))

    def scan(self, file_module, code):
        code = drop_test_modules(code)
        blocks = inline_modules(code)
        uses, reexports = [], {}

        def at(pos):
            """The module at `pos`: the file's, inside the inline `mod name { ... }` blocks that hold `pos`."""
            return file_module + tuple(name for start, end, name in blocks if start <= pos < end)

        for m in re.finditer(r"(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", code):
            module = at(m.start())
            for p in expand(m.group(2)):
                alias = None
                am = re.match(r"(.*?)as(" + IDENT + ")$", p)
                if am and am.group(1).endswith(("::", "")) and "::" in am.group(1):
                    p, alias = am.group(1), am.group(2)
                segs = [s for s in p.split("::") if s]
                target = self.absolute(module, segs)
                if target is None:
                    continue
                uses.append(target)
                if m.group(1) and target and target[-1] != "*" and module == file_module:
                    reexports[alias or target[-1]] = target
        for m in re.finditer(r"(?<![A-Za-z0-9_:])((?:crate|super)(?:::" + IDENT + ")+)", code):
            target = self.absolute(at(m.start()), m.group(1).split("::"))
            if target is not None:
                uses.append(target)
        for m in re.finditer(r"(?<![A-Za-z0-9_:])(" + IDENT + r")((?:::" + IDENT + ")+)", code):
            child = file_module + (m.group(1),)
            if child in self.files:
                uses.append(child + tuple(m.group(2).split("::")[1:]))
        self.uses[file_module] = uses
        self.reexports[file_module] = reexports

    def absolute(self, module, segs):
        """The absolute path of `segs` written in `module`, or None for a path outside the crate."""
        if not segs:
            return None
        if segs[0] == "crate":
            return tuple(segs[1:])
        base = list(module)
        if segs[0] in ("self", "super"):
            while segs and segs[0] in ("self", "super"):
                if segs[0] == "super":
                    if not base:
                        return None
                    base.pop()
                segs = segs[1:]
            return tuple(base + segs)
        # A path relative to this module: a child module (`use writer::x;`) only.
        if tuple(base + [segs[0]]) in self.files:
            return tuple(base + segs)
        return None

    def resolve(self, path, seen=0):
        """The file that defines what `path` names."""
        for n in range(len(path), -1, -1):
            module = tuple(path[:n])
            if module in self.files:
                rest = path[n:]
                if rest and seen < 8:
                    target = self.reexports.get(module, {}).get(rest[0])
                    if target is not None and tuple(target) != tuple(path):
                        return self.resolve(tuple(target) + tuple(rest[1:]), seen + 1)
                return module
        return None

    def edges(self):
        out = {}
        for module, uses in self.uses.items():
            for path in uses:
                target = self.resolve(path)
                if target is None or target == module:
                    continue
                out.setdefault(module, set()).add(target)
        return out


def inline_modules(code):
    """(start, end, name) of every inline `mod name { ... }` block."""
    out = []
    for m in re.finditer(r"\bmod\s+(" + IDENT + r")\s*\{", code):
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        out.append((m.start(), j, m.group(1)))
    return out


def drop_test_modules(code):
    """The code without `#[cfg(test)] mod name { ... }` blocks."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+" + IDENT + r"\s*\{", code):
        if m.start() < i:
            continue
        out.append(code[i : m.start()])
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        i = j
    out.append(code[i:])
    return "".join(out)


def name(crate, module):
    return os.path.relpath(crate.files[module], ROOT)


def main(argv):
    dirs = argv or DEFAULT
    pairs, checked = [], []
    for d in dirs:
        src = os.path.join(ROOT, d, "src")
        if not os.path.isdir(src):
            continue
        checked.append(os.path.relpath(src, ROOT) + os.sep)
        crate = Crate(src)
        edges = crate.edges()
        for a, targets in edges.items():
            for b in targets:
                if a < b and a in edges.get(b, set()):
                    pairs.append(f"{name(crate, a)} <-> {name(crate, b)}")
    new = sorted(p for p in pairs if p not in KNOWN)
    gone = sorted(k for k in KNOWN if k not in pairs and any(k.startswith(c) for c in checked))
    for p in new:
        print("use cycle:", p)
    for k in gone:
        print("no longer a use cycle (remove it from KNOWN in scripts/check-use-cycles.py):", k)
    if new or gone:
        return 1
    print(f"no file pair imports each other apart from the {len(pairs)} known parent/submodule pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
