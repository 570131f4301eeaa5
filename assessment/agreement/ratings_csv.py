"""Reading a ratings file: `subject,rater,score` or `subject,rater,level`, one row per rating.

Refusals are collected, not stopped at, and name the row as a spreadsheet numbers it (the
header is row 1). A UTF-8 byte-order mark and CRLF line ends, as Excel writes them, are
accepted; blank rows are skipped.
"""

import csv
import io
import math
from dataclasses import dataclass

from .stats import AgreementInputError, Kind, Rating, design_errors

COLUMNS = ("subject", "rater")
VALUE_COLUMNS: dict[str, Kind] = {"score": "score", "level": "level"}
HEADERS = tuple(",".join((*COLUMNS, column)) for column in VALUE_COLUMNS)

#: Refusals listed at most; more would drown the first ones.
MAX_ERRORS = 50


@dataclass(frozen=True)
class RatingsTable:
    kind: Kind
    ratings: tuple[Rating, ...]


def _header_errors(header: list[str]) -> list[str]:
    names = [name.strip() for name in header]
    expected = " of ".join(f"'{header}'" for header in HEADERS)
    if len(names) == 1 and ";" in names[0]:
        return [
            f"rij 1: de kolommen worden gescheiden door komma's, niet door puntkomma's ({expected})"
        ]
    errors = []
    for position, column in enumerate(COLUMNS):
        if position >= len(names):
            errors.append(f"rij 1: kolom {position + 1} ontbreekt, verwacht '{column}'")
        elif names[position] != column:
            errors.append(
                f"rij 1: kolom {position + 1} heet '{names[position]}', verwacht '{column}'"
            )
    if len(names) < 3:
        errors.append("rij 1: kolom 3 ontbreekt, verwacht 'score' of 'level'")
    elif names[2] not in VALUE_COLUMNS:
        errors.append(f"rij 1: kolom 3 heet '{names[2]}', verwacht 'score' of 'level'")
    for position in range(3, len(names)):
        errors.append(f"rij 1: kolom {position + 1} ('{names[position]}') hoort er niet bij")
    if errors:
        errors.append(f"rij 1: de kop moet {expected} zijn")
    return errors


def _value(kind: Kind, text: str) -> tuple[float | int | None, str | None]:
    text = text.strip()
    if kind == "level":
        try:
            return int(text), None
        except ValueError:
            return None, f"level is geen geheel getal: '{text}'"
    try:
        number = float(text)
    except ValueError:
        return None, f"score is geen getal: '{text}'"
    if not math.isfinite(number):
        return None, f"score is geen getal: '{text}'"
    return number, None


def parse_ratings_csv(raw: bytes) -> RatingsTable:
    """The ratings in a CSV file's bytes; raises `AgreementInputError` with every refusal
    (up to `MAX_ERRORS`), including an incomplete design."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise AgreementInputError(
            [
                f"rij {row}: het bestand is geen UTF-8-tekst (byte {exc.start + 1}); "
                "sla het op als 'CSV UTF-8'"
            ]
        ) from None
    if not text.strip():
        raise AgreementInputError(["het bestand is leeg"])
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[str] = []
    ratings: list[Rating] = []
    try:
        header = next(reader)
        errors = _header_errors(header)
        if errors:
            raise AgreementInputError(errors)
        kind = VALUE_COLUMNS[header[2].strip()]
        first_row: dict[tuple[str, str], int] = {}
        for fields in reader:
            row = reader.line_num
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != 3:
                errors.append(
                    f"rij {row}: {len(fields)} kolommen, verwacht 3 ({_header_text(kind)})"
                )
                continue
            subject, rater = fields[0].strip(), fields[1].strip()
            row_errors = [
                f"{name} is leeg"
                for name, field in zip(COLUMNS, (subject, rater), strict=True)
                if not field
            ]
            value, problem = _value(kind, fields[2])
            if problem:
                row_errors.append(problem)
            if not row_errors and (subject, rater) in first_row:
                row_errors.append(
                    f"subject '{subject}' is al beoordeeld door rater '{rater}' "
                    f"(rij {first_row[subject, rater]})"
                )
            if row_errors:
                errors.extend(f"rij {row}: {message}" for message in row_errors)
                continue
            assert value is not None
            first_row[subject, rater] = row
            ratings.append(Rating(subject, rater, value))
    except csv.Error as exc:
        errors.append(f"rij {reader.line_num}: geen geldige CSV ({exc})")
    if not errors:
        if not ratings:
            raise AgreementInputError(["het bestand bevat geen beoordelingen, alleen de kop"])
        errors = design_errors(ratings)
    if errors:
        if len(errors) > MAX_ERRORS:
            errors = [*errors[:MAX_ERRORS], f"en nog {len(errors) - MAX_ERRORS} fouten"]
        raise AgreementInputError(errors)
    return RatingsTable(kind, tuple(ratings))


def _header_text(kind: Kind) -> str:
    return ",".join((*COLUMNS, kind))
