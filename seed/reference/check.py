#!/usr/bin/env python3
"""Validate the reference seed files in this directory (standard library only).

Usage: python3 seed/reference/check.py [DIR]
Exits 0 when every file passes, 1 with one line per problem otherwise.
"""
import csv
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

HEADERS = {
    "organisms.csv": ["eppo_code", "kind", "category", "name_la", "name_ru", "name_kk", "name_en"],
    "crops.csv": ["code", "name_kk", "name_ru", "name_en", "name_la", "eppo_code"],
    "object_types.csv": ["code", "name_kk", "name_ru", "name_en", "geometry"],
    "admin_units.csv": ["kato", "level", "parent_kato", "name_kk", "name_ru", "name_en"],
}

# EPPO codes: 5 or 6 characters, uppercase letters and digits (e.g. POPIJA, AMBEL,
# PPV000 for viruses, 1CVCG for a genus).
EPPO_RE = re.compile(r"^[A-Z0-9]{5,6}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
KATO_RE = re.compile(r"^[0-9]{9}$")

KINDS = {"pest", "disease", "weed"}
CATEGORIES = {"absent", "limited", "other"}
GEOMETRIES = {"point", "polygon", "any"}
LEVELS = {"region", "city_republican", "district", "city_regional"}
TOP_LEVELS = {"region", "city_republican"}
SECOND_LEVELS = {"district", "city_regional"}

# Files where name_kk is mandatory on every row (see README.md). In organisms.csv it
# may be empty: a Kazakh name is given only where a real one is known.
KK_REQUIRED = {"crops.csv", "object_types.csv", "admin_units.csv"}


class Checker:
    def __init__(self, directory):
        self.dir = directory
        self.problems = []
        self.organism_rows = []

    def fail(self, fname, line, msg):
        where = f"{fname}:{line}" if line else fname
        self.problems.append(f"{where}: {msg}")

    def read(self, fname):
        path = os.path.join(self.dir, fname)
        try:
            raw = open(path, "rb").read()
        except OSError as e:
            self.fail(fname, 0, f"cannot read: {e}")
            return None
        if raw.startswith(b"\xef\xbb\xbf"):
            self.fail(fname, 0, "starts with a UTF-8 BOM; save without BOM")
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.fail(fname, 0, f"not valid UTF-8: {e}")
            return None
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            rows = list(reader)
        except csv.Error as e:
            self.fail(fname, reader.line_num, f"CSV syntax error: {e}")
            return None
        if not rows:
            self.fail(fname, 0, "empty file")
            return None
        header, body = rows[0], rows[1:]
        if header != HEADERS[fname]:
            self.fail(fname, 1, f"header is {header}, expected {HEADERS[fname]}")
            return None
        out = []
        for i, row in enumerate(body, start=2):
            if row == []:
                self.fail(fname, i, "blank line")
                continue
            if len(row) != len(header):
                self.fail(fname, i, f"{len(row)} fields, expected {len(header)}")
                continue
            rec = dict(zip(header, row))
            for k, v in rec.items():
                if v != v.strip():
                    self.fail(fname, i, f"{k} has leading/trailing whitespace")
            if not rec.get("name_ru"):
                self.fail(fname, i, "name_ru is empty")
            if fname in KK_REQUIRED and not rec.get("name_kk"):
                self.fail(fname, i, "name_kk is empty (required in this file)")
            out.append((i, rec))
        if not out:
            self.fail(fname, 0, "no data rows")
        return out

    def unique(self, fname, rows, key):
        seen = {}
        for line, rec in rows:
            k = rec[key]
            if k in seen:
                self.fail(fname, line, f"duplicate {key} {k!r} (first on line {seen[k]})")
            else:
                seen[k] = line

    def organisms(self):
        f = "organisms.csv"
        rows = self.read(f)
        self.organism_rows = rows or []
        if rows is None:
            return
        self.unique(f, rows, "eppo_code")
        self.unique(f, rows, "name_la")
        for line, r in rows:
            if not EPPO_RE.match(r["eppo_code"]):
                self.fail(f, line, f"bad EPPO code {r['eppo_code']!r}")
            if r["kind"] not in KINDS:
                self.fail(f, line, f"kind {r['kind']!r} not in {sorted(KINDS)}")
            if r["category"] not in CATEGORIES:
                self.fail(f, line, f"category {r['category']!r} not in {sorted(CATEGORIES)}")
            if not r["name_la"]:
                self.fail(f, line, "name_la is empty")

    def organisms_unverified(self):
        """organisms_unverified.txt: one candidate a line, `code | name_la | name_ru |
        reason` (code an EPPO code or `?`, reason not empty); lines starting with `#`
        are comments. A candidate that organisms.csv already holds as an EAEU entry
        (absent/limited) was confirmed and must leave this file."""
        f = "organisms_unverified.txt"
        try:
            text = open(os.path.join(self.dir, f), encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as e:
            self.fail(f, 0, f"cannot read: {e}")
            return
        listed = {}
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split(" | ")]
            if len(fields) != 4:
                self.fail(f, i, f"{len(fields)} fields, expected 4 (code | name_la | name_ru | reason)")
                continue
            code, _, _, reason = fields
            if code != "?" and not EPPO_RE.match(code):
                self.fail(f, i, f"code {code!r} is neither an EPPO code nor '?'")
            if not reason:
                self.fail(f, i, "no reason given")
            if code != "?":
                listed[code] = i
        for _, r in self.organism_rows:
            if r["category"] in ("absent", "limited") and r["eppo_code"] in listed:
                self.fail(f, listed[r["eppo_code"]], f"{r['eppo_code']} is in organisms.csv as {r['category']}: remove it here")

    def crops(self):
        f = "crops.csv"
        rows = self.read(f)
        if rows is None:
            return
        self.unique(f, rows, "code")
        for line, r in rows:
            if not SLUG_RE.match(r["code"]):
                self.fail(f, line, f"code {r['code']!r} is not a lowercase slug")
            if r["eppo_code"] and not EPPO_RE.match(r["eppo_code"]):
                self.fail(f, line, f"bad EPPO code {r['eppo_code']!r}")
            if not r["name_la"]:
                self.fail(f, line, "name_la is empty")

    def object_types(self):
        f = "object_types.csv"
        rows = self.read(f)
        if rows is None:
            return
        self.unique(f, rows, "code")
        for line, r in rows:
            if not SLUG_RE.match(r["code"]):
                self.fail(f, line, f"code {r['code']!r} is not a lowercase slug")
            if r["geometry"] not in GEOMETRIES:
                self.fail(f, line, f"geometry {r['geometry']!r} not in {sorted(GEOMETRIES)}")

    def admin_units(self):
        """KATO structure used here (9 digits AB CD EF HHH):
        AB = region / city of republican significance, CD = district or city of
        regional significance (00 at the top level), EFHHH = lower levels (always
        00000 in this file).
          region, city_republican: AB0000000, no parent
          district, city_regional: ABCD00000 with CD != 00, parent AB0000000
        (districts of Astana, Almaty, Shymkent are level 'district' under the city).
        """
        f = "admin_units.csv"
        rows = self.read(f)
        if rows is None:
            return
        self.unique(f, rows, "kato")
        by_code = {r["kato"]: r for _, r in rows}
        for line, r in rows:
            k, lvl, p = r["kato"], r["level"], r["parent_kato"]
            if not KATO_RE.match(k):
                self.fail(f, line, f"KATO {k!r} is not 9 digits")
                continue
            if lvl not in LEVELS:
                self.fail(f, line, f"level {lvl!r} not in {sorted(LEVELS)}")
                continue
            if lvl in TOP_LEVELS:
                if k[2:] != "0000000" or k[:2] == "00":
                    self.fail(f, line, f"{lvl} KATO {k} must look like AB0000000")
                if p:
                    self.fail(f, line, f"{lvl} must have no parent_kato (has {p})")
            else:
                if k[2:4] == "00" or k[4:] != "00000":
                    self.fail(f, line, f"{lvl} KATO {k} must look like ABCD00000 with CD != 00")
                if not p:
                    self.fail(f, line, f"{lvl} needs a parent_kato")
                    continue
                if p not in by_code:
                    self.fail(f, line, f"parent_kato {p} does not exist")
                    continue
                if by_code[p]["level"] not in TOP_LEVELS:
                    self.fail(f, line, f"parent {p} is {by_code[p]['level']}, expected region or city_republican")
                if p != k[:2] + "0000000":
                    self.fail(f, line, f"parent {p} is not the AB0000000 prefix of {k}")
                if lvl == "city_regional" and by_code[p]["level"] != "region":
                    self.fail(f, line, "city_regional must belong to a region")
        regions = [r for _, r in rows if r["level"] == "region"]
        cities = [r for _, r in rows if r["level"] == "city_republican"]
        if len(regions) != 17:
            self.fail(f, 0, f"expected 17 regions, found {len(regions)}")
        if {c["kato"] for c in cities} != {"710000000", "750000000", "790000000"}:
            self.fail(f, 0, "cities of republican significance must be exactly Astana 710000000, Almaty 750000000, Shymkent 790000000")
        for reg in regions:
            if not any(r["parent_kato"] == reg["kato"] for _, r in rows):
                self.fail(f, 0, f"region {reg['kato']} {reg['name_ru']} has no districts")

    def run(self):
        self.organisms()
        self.organisms_unverified()
        self.crops()
        self.object_types()
        self.admin_units()
        return self.problems


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else HERE
    problems = Checker(directory).run()
    if problems:
        for p in problems:
            print(f"FAIL {p}", file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("reference data OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
