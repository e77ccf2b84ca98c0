"""The lock files under requirements/ and the pyproject.toml they were written from.

`python scripts/lock.py write` (what `make lock` runs) compiles every lock with uv, pinned with hashes,
and stamps each with a digest of the inputs it came from. `python scripts/lock.py check` (run by the
test suite) fails, saying to run `make lock`, when pyproject.toml's dependencies or a requirements/*.in
file changed since, or when a pinned version no longer satisfies what pyproject.toml asks for.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQ = ROOT / "requirements"
STAMP = "# inputs-sha256: "

# lock file -> the arguments uv compiles it from
LOCKS: dict[str, list[str]] = {
    "build.txt": ["requirements/build.in"],
    "runtime.txt": ["pyproject.toml"],
    "test.txt": ["pyproject.toml", "--extra", "test"],
}


def inputs_digest() -> str:
    """A digest of everything the locks are compiled from (not of unrelated tool settings)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    relevant = {
        "requires-python": project["project"].get("requires-python"),
        "dependencies": project["project"].get("dependencies", []),
        "optional-dependencies": project["project"].get("optional-dependencies", {}),
        "build-system": project.get("build-system", {}).get("requires", []),
        "in-files": {p.name: p.read_text() for p in sorted(REQ.glob("*.in"))},
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()


def write() -> None:
    digest = inputs_digest()
    for name, args in LOCKS.items():
        out = REQ / name
        subprocess.run(
            [
                "uv",
                "pip",
                "compile",
                *args,
                "--generate-hashes",
                "--universal",
                "--python-version",
                "3.11",
                "--quiet",
                "--no-header",
                "-o",
                str(out),
            ],
            cwd=ROOT,
            check=True,
        )
        body = out.read_text()
        header = f"# Locked by `make lock` from {args[0]}; do not edit by hand.\n{STAMP}{digest}\n"
        out.write_text(header + body)
        print(f"lock: wrote requirements/{name}")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", line)
        if match:
            found[canonical(match.group(1))] = match.group(2)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def check() -> list[str]:
    """What is wrong with the locks, as sentences a developer can act on (empty when all is well)."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    problems = []
    digest = inputs_digest()
    for name in LOCKS:
        path = REQ / name
        if not path.exists():
            problems.append(f"requirements/{name} is missing: run `make lock`.")
            continue
        stamped = next(
            (ln[len(STAMP) :] for ln in path.read_text().splitlines() if ln.startswith(STAMP)), None
        )
        if stamped != digest:
            problems.append(
                f"requirements/{name} was not written from the current pyproject.toml "
                "(its dependencies changed since): run `make lock`."
            )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "runtime.txt": project["dependencies"],
        "test.txt": project["dependencies"] + project["optional-dependencies"]["test"],
    }
    for name, requirements in wanted.items():
        if not (REQ / name).exists():
            continue
        pinned = pins(REQ / name)
        for spec in requirements:
            req = Requirement(spec)
            version = pinned.get(canonical(req.name))
            if version is None:
                problems.append(
                    f"{req.name} is not pinned in requirements/{name}: run `make lock`."
                )
            elif not req.specifier.contains(Version(version), prereleases=True):
                problems.append(
                    f"{req.name}=={version} in requirements/{name} does not satisfy "
                    f"'{spec}' in pyproject.toml: run `make lock`."
                )
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["write"]:
        write()
        return 0
    if argv[1:] == ["check"]:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    print("usage: python scripts/lock.py write|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
