"""What an agency's return must be before it is stored, judged by its content, never its name: a
plain PDF, a Word document with no macros, or a chronology as CSV or XLSX with the columns date,
agency, event and source. A chronology's rows are read and checked here, row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from core.reports.pdf import NotAcceptedPdf, check_pdf

COLUMNS = ("date", "agency", "event", "source")
MAX_ROWS = 20_000
MAX_CELL = 10_000
MAX_UNZIPPED = 200 * 1024 * 1024
EARLIEST_EVENT = dt.date(1900, 1, 1)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")


class NotAccepted(ValueError):
    """The upload cannot be accepted; the message says why and what to do, in plain words."""


@dataclass(frozen=True)
class Row:
    occurred_on: dt.date
    agency: str
    event: str
    source: str


@dataclass(frozen=True)
class CheckedReturn:
    file_format: str  # pdf, docx, csv or xlsx
    content_type: str
    rows: tuple[Row, ...] = ()


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check_return(data: bytes, *, chronology: bool, today: dt.date) -> CheckedReturn:
    """Identify the file by its bytes and check it; chronologies (CSV, XLSX) are read into rows."""
    if not data:
        raise NotAccepted("The file is empty. Choose the file with your agency's return.")
    if data.startswith(b"%PDF-"):
        try:
            check_pdf(data)
        except NotAcceptedPdf as exc:
            raise NotAccepted(str(exc)) from None
        return CheckedReturn("pdf", CONTENT_TYPES["pdf"])
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if "word/document.xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise NotAccepted(
                    "The Word document contains macros. Save it as an ordinary .docx and upload that."
                )
            return CheckedReturn("docx", CONTENT_TYPES["docx"])
        if "xl/workbook.xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise NotAccepted(
                    "The spreadsheet contains macros. Save it as an ordinary .xlsx and upload that."
                )
            _only_chronology(chronology)
            return CheckedReturn(
                "xlsx", CONTENT_TYPES["xlsx"], _check_rows(_xlsx_rows(data), today)
            )
        raise NotAccepted("The file is not a PDF, Word document, CSV or Excel spreadsheet.")
    text = _as_text(data)
    _only_chronology(chronology)
    return CheckedReturn("csv", CONTENT_TYPES["csv"], _check_rows(_csv_rows(text), today))


def _only_chronology(chronology: bool) -> None:
    if not chronology:
        raise NotAccepted(
            "A spreadsheet is only for a chronology. Upload this return as a PDF or Word document."
        )


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotAccepted(
            "The file could not be opened; it may be damaged. Save it again."
        ) from None
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise NotAccepted(
            "The file unpacks to far more than it should. Save it again and upload that."
        )
    return {i.filename for i in infos}


def _as_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise NotAccepted("The file is not a PDF, Word document, CSV or Excel spreadsheet.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotAccepted("The CSV file could not be read. Save it as CSV UTF-8 and upload that.")


def _csv_rows(text: str) -> list[list[object]]:
    try:
        return [
            list[object](row)
            for row in csv.reader(io.StringIO(text, newline=""))
            if any(c.strip() for c in row)
        ]
    except csv.Error:
        raise NotAccepted(
            "The CSV file could not be read. Save it as CSV UTF-8 and upload that."
        ) from None


def _xlsx_rows(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise NotAccepted(
            "The spreadsheet could not be opened; it may be damaged. Save it again."
        ) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise NotAccepted("The spreadsheet has no sheets.")
        rows: list[list[object]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                break
            if any(v not in (None, "") for v in values):
                rows.append(list(values))
        return rows
    finally:
        book.close()


def _check_rows(rows: list[list[object]], today: dt.date) -> tuple[Row, ...]:
    if not rows:
        raise NotAccepted("The chronology is empty. Its first row names the columns: " + _names())
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise NotAccepted(
            f"The first row must name the columns {_names()}; it lacks {', '.join(missing)}."
        )
    if len(rows) - 1 > MAX_ROWS:
        raise NotAccepted(f"A chronology may have up to {MAX_ROWS:,} rows. Split it in two.")
    where = {c: header.index(c) for c in COLUMNS}
    checked, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = {c: (row[i] if i < len(row) else None) for c, i in where.items()}
        occurred, problem = _date(cells["date"], today)
        event = _text(cells["event"])
        if problem:
            problems.append(f"row {number}: {problem}")
        elif not event:
            problems.append(f"row {number}: the event is empty")
        elif any(len(_text(v)) > MAX_CELL for v in cells.values()):
            problems.append(f"row {number}: a cell is longer than {MAX_CELL:,} characters")
        else:
            assert occurred is not None
            checked.append(
                Row(occurred, _text(cells["agency"])[:200], event, _text(cells["source"]))
            )
        if len(problems) >= 5:
            break
    if problems:
        raise NotAccepted(
            "Nothing was saved. Correct " + "; ".join(problems) + ", then upload again."
        )
    if not checked:
        raise NotAccepted("The chronology has its column names but no events.")
    return tuple(checked)


def _date(value: object, today: dt.date) -> tuple[dt.date | None, str]:
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and value.strip():
        for fmt in DATE_FORMATS:
            try:
                day = dt.datetime.strptime(value.strip(), fmt).date()
                break
            except ValueError:
                continue
    if day is None:
        return None, "the date is not a date like 2024-03-27 or 27/03/2024"
    if day < EARLIEST_EVENT:
        return None, "the date is before 1900"
    if day > today:
        return None, "the date is in the future"
    return day, ""


def _text(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\x00", "").strip()
    return text


def _names() -> str:
    return ", ".join(COLUMNS)
