#!/usr/bin/env python3
"""Sizes of the Rust part of a linked firmware image, from the linker map (and the ELF for the table split).

Usage: size_report.py LIB_NAME ELF MAP   ->  one JSON object on stdout

Counts every input section the map attributes to the archive LIB_NAME (libucifi_c.a), split into:
  code_ucifi    .text.* of the Rust crates (the LTO object of ucifi_c, which holds ucifi-codec)
  code_builtins .text.* of the other archive members (compiler_builtins: soft double, memcpy, ...)
  tables        .rodata.* of the registry tables: every read-only section reachable through data pointers from the
                object tables (the statics `ucifi_codec::registry::OBJECTS` and `FULL_OBJECTS`, by their mangled
                section names)
  rodata_other  every other .rodata.* (panic messages, jump tables, constants, the API's C strings)
  other         .data, .bss, .ARM.exidx/.extab (debug sections are not counted)
  code_by_module .text split by crate/module, from the (mangled) section names
Data pointers are the R_ARM_ABS32 relocations the image keeps when linked with --emit-relocs; the word at each such
place holds the final address, which the map turns back into an input section.
"""

import bisect
import json
import re
import struct
import sys

# The object tables' sections: `.rodata._ZN11ucifi_codec8registry7OBJECTS17h<hash>E` (and FULL_OBJECTS).
TABLE_ROOT = re.compile(r"ucifi_codec8registry(7|12FULL_)OBJECTS17h")


def parse_map(lib_name, map_text):
    start = map_text.find("Linker script and memory map")
    text = map_text[start:]
    pattern = re.compile(
        r"^ (\.[^\s]+)(?:[ \t]*\n[ \t]+|[ \t]+)0x([0-9a-f]+)[ \t]+0x([0-9a-f]+)[ \t]+(\S[^\n]*)$", re.M
    )
    sections = []
    for m in pattern.finditer(text):
        name, addr, size, origin = m.group(1), int(m.group(2), 16), int(m.group(3), 16), m.group(4)
        if lib_name not in origin or size == 0:
            continue
        member = origin[origin.find("(") + 1 : origin.rfind(")")]
        sections.append({"name": name, "addr": addr, "size": size, "member": member})
    return sections


def read_elf(path):
    data = open(path, "rb").read()
    assert data[:4] == b"\x7fELF" and data[4] == 1 and data[5] == 1, "32-bit little-endian ELF expected"
    e_shoff, = struct.unpack_from("<I", data, 0x20)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x2E)
    loaded, rels = [], []
    for i in range(e_shnum):
        (_, sh_type, _, sh_addr, sh_offset, sh_size, _, _, _, _) = struct.unpack_from(
            "<IIIIIIIIII", data, e_shoff + i * e_shentsize
        )
        if sh_type == 9:  # SHT_REL
            for k in range(sh_size // 8):
                r_offset, r_info = struct.unpack_from("<II", data, sh_offset + 8 * k)
                if r_info & 0xFF == 2:  # R_ARM_ABS32
                    rels.append(r_offset)
        elif sh_type != 8 and sh_addr != 0 and sh_size:  # not NOBITS, allocated
            loaded.append((sh_addr, sh_size, sh_offset))

    def word(addr):
        for base, size, off in loaded:
            if base <= addr and addr + 4 <= base + size:
                return struct.unpack_from("<I", data, off + addr - base)[0]
        return None

    def bytes_at(addr, n):
        for base, size, off in loaded:
            if base <= addr and addr + n <= base + size:
                return data[off + addr - base : off + addr - base + n]
        return b""

    return sorted(rels), word, bytes_at


def main():
    lib_name, elf_path, map_path = sys.argv[1:4]
    sections = parse_map(lib_name, open(map_path, encoding="utf-8", errors="replace").read())
    rels, word, bytes_at = read_elf(elf_path)
    rodata = [s for s in sections if s["name"].startswith(".rodata")]
    rodata.sort(key=lambda s: s["addr"])

    starts = [s["addr"] for s in rodata]

    def section_at(addr):
        i = bisect.bisect_right(starts, addr) - 1
        if i >= 0 and addr < rodata[i]["addr"] + rodata[i]["size"]:
            return rodata[i]
        return None

    # Data-pointer edges between read-only sections of the library.
    edges = {id(s): set() for s in rodata}
    parents = {id(s): set() for s in rodata}
    by_id = {id(s): s for s in rodata}

    for s in rodata:
        lo = bisect.bisect_left(rels, s["addr"])
        hi = bisect.bisect_left(rels, s["addr"] + s["size"])
        for off in rels[lo:hi]:
            t = section_at(word(off) or 0)
            if t is not None and t is not s:
                edges[id(s)].add(id(t))
                parents[id(t)].add(id(s))

    roots = {id(s) for s in rodata if TABLE_ROOT.search(s["name"])}
    tables, todo = set(), list(roots)
    while todo:
        k = todo.pop()
        if k in tables:
            continue
        tables.add(k)
        todo.extend(edges[k])

    def module(s):
        n = s["name"]
        if "compiler_builtins" in s["member"]:
            return "compiler_builtins"
        for key, label in (
            ("ucifi_codec3tlv", "core: tlv"),
            ("ucifi_codec5senml", "core: senml"),
            ("ucifi_codec10lwm2m_cbor", "core: lwm2m_cbor"),
            ("ucifi_codec6single", "core: single (cbor/text/opaque)"),
            ("ucifi_codec4cbor", "core: cbor leaves"),
            ("ucifi_codec8registry", "core: registry lookup"),
            ("ucifi_codec7lorawan", "core: lorawan (fit, regions, fPorts)"),
            ("ucifi_codec", "core: format/path/value/error"),
            ("minicbor", "minicbor"),
            ("base64", "base64"),
            ("dec2flt", "core::num float parsing"),
            ("flt2dec", "core::num float formatting"),
            ("3fmt", "core::fmt"),
            ("panic", "core panic"),
            ("ucifi_c", "ucifi-ffi"),
            (".text.ucifi_", "ucifi-ffi"),
        ):
            if key in n:
                return label
        return "core/other"

    breakdown = {}
    for s in sections:
        if s["name"].startswith(".text"):
            breakdown[module(s)] = breakdown.get(module(s), 0) + s["size"]

    main_member = None
    for s in sections:
        if s["name"].startswith(".text") and ("ucifi_c" in s["member"]):
            main_member = s["member"]
            break
    out = {"code_ucifi": 0, "code_builtins": 0, "tables": 0, "rodata_other": 0, "other": 0}
    for s in sections:
        if s["name"].startswith(".text"):
            out["code_ucifi" if s["member"] == main_member else "code_builtins"] += s["size"]
        elif s["name"].startswith(".rodata"):
            out["tables" if id(s) in tables else "rodata_other"] += s["size"]
        elif s["name"].startswith((".data", ".bss", ".ARM.exidx", ".ARM.extab")):
            out["other"] += s["size"]  # flash/RAM besides code and rodata; debug sections do not count
    out["code"] = out["code_ucifi"] + out["code_builtins"]
    out["table_roots"] = [by_id[k]["size"] for k in roots]
    out["table_sections"] = len(tables)
    out["tables_found"] = bool(roots)
    out["code_by_module"] = dict(sorted(breakdown.items(), key=lambda kv: -kv[1]))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
