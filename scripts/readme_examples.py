"""Regenerates the example outputs in README.md from real runs, or checks they are current.

An example is one entry of EXAMPLES: its marker name and the command as the README shows it.
In README.md its block sits between `<!-- example: NAME -->` and `<!-- /example -->` and is
written as a fenced block: `$ COMMAND`, then what the command printed (stdout and stderr,
trailing blanks cut). Commands run with bash in the folder given (default: the repository,
after `make ingest` made data/jcmkg.sqlite from corpora/). To add an example, add an entry
here and an empty marker pair where it belongs in README.md, then run this script.

Usage: .venv/bin/python scripts/readme_examples.py [--check] [--cwd DIR] [--readme README.md]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EXAMPLES: dict[str, str] = {
    "agreements": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT kind, parties, date, place, n_documents, languages
    FROM v_agreements WHERE n_documents > 1 ORDER BY date, parties"''',
    "partners": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT iso3, name_ja, agreement_date, registered_projects AS reg, registered_projects_as_of AS reg_as_of,
    issued_projects AS iss, supported_projects AS total, registered_projects_source AS source
    FROM v_partner_countries ORDER BY agreement_date LIMIT 6"''',
    "counts": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT measure, subject, period, as_of, as_of_from, value, doc FROM v_counts
    WHERE subject = 'IDN' AND measure <> 'other' ORDER BY as_of DESC LIMIT 6"''',
    "events": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT date, kind, ordinal, place, parties, languages
    FROM v_events WHERE date IS NOT NULL ORDER BY date, kind, place"''',
    "conflicts": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT conflict, subject, value, as_of, doc
    FROM v_conflicts WHERE topic = 'agreement' ORDER BY conflict, as_of, doc"''',
    "facts": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT doc, page, surface, value FROM v_facts
    WHERE field = 'agreements' AND value LIKE '%JPN;VNM%' ORDER BY doc, start"''',
    "names": '''sqlite3 -header -column data/jcmkg.sqlite "SELECT id, name_en, name_ja, name_vi FROM entities
    WHERE id IN ('BGD', 'GEO', 'KGZ', 'PHL', 'MAE_VN') ORDER BY id"''',
    "search": '''.venv/bin/jcmkg search 二国間クレジット --limit 2
.venv/bin/jcmkg search "tín chỉ" --limit 2
.venv/bin/jcmkg search "joint committee" --lang en --limit 2''',
    "graphml": '''.venv/bin/jcmkg export graphml -o data/agreements.graphml
.venv/bin/jcmkg export graphml --cooperation -o data/cooperation.graphml''',
    "plot": ".venv/bin/jcmkg plot graph -o data/graph.png && .venv/bin/jcmkg plot timeline -o data/timeline.png",
    "missing-store": ".venv/bin/jcmkg stats --db sqlite:///data/jcmkg.sqlit",
}

BLOCK = re.compile(r"(<!-- example: (?P<name>[\w-]+) -->\n).*?(<!-- /example -->)", re.DOTALL)


def run(command: str, cwd: Path) -> str:
    """`command`'s block: each line of it after `$ ` (continuation lines as they are), then what
    it printed; a command of several lines runs line by line, each shown before its output."""
    out = []
    for line in _commands(command):
        done = subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True)
        printed = done.stdout + done.stderr
        out.append("$ " + line + "\n" + "".join(s.rstrip() + "\n" for s in printed.splitlines()))
    return "```\n" + "".join(out) + "```\n"


def _commands(command: str) -> list[str]:
    """The shell commands of an example: one per line, a line inside an open quote continues."""
    commands, current = [], ""
    for line in command.splitlines():
        current = f"{current}\n{line}" if current else line
        if current.count('"') % 2 == 0:
            commands.append(current)
            current = ""
    return commands + ([current] if current else [])


def update(readme: str, blocks: dict[str, str]) -> str:
    """`readme` with the block of every example in `blocks` replaced (others left as they are)."""
    def replace(m: re.Match) -> str:
        body = blocks.get(m["name"])
        return m.group(0) if body is None else m.group(1) + body + m.group(3)

    return BLOCK.sub(replace, readme)


def block_of(readme: str, name: str) -> str:
    """The text of example `name`'s block in `readme`."""
    return next(m.group(0) for m in BLOCK.finditer(readme) if m["name"] == name)


def markers(readme: str) -> list[str]:
    """The example names marked in `readme`, in order."""
    return [m["name"] for m in BLOCK.finditer(readme)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="Exit 1 if a block is stale; change nothing.")
    ap.add_argument("--cwd", type=Path, default=ROOT, help="Folder the commands run in (has data/).")
    ap.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = ap.parse_args()
    readme = args.readme.read_text(encoding="utf-8")
    if sorted(markers(readme)) != sorted(EXAMPLES):
        print(f"README markers {markers(readme)} do not match EXAMPLES {list(EXAMPLES)}", file=sys.stderr)
        return 1
    new = update(readme, {name: run(cmd, args.cwd) for name, cmd in EXAMPLES.items()})
    if args.check:
        stale = [n for n in EXAMPLES if block_of(readme, n) != block_of(new, n)]
        print("stale: " + ", ".join(stale) if stale else "README examples are current")
        return 1 if stale else 0
    args.readme.write_text(new, encoding="utf-8")
    print(f"regenerated {len(EXAMPLES)} examples in {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
