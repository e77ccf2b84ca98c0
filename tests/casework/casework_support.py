"""Small helpers shared by the casework tests."""

from __future__ import annotations


def chronology_csv(agency: str, *rows: tuple[str, str]) -> bytes:
    lines = ["date,agency,event,source"]
    lines += [f"{day},{agency},{event},case notes" for day, event in rows]
    return ("\n".join(lines) + "\n").encode()
