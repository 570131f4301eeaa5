"""The command line of calculation-spec §6.

    python -m calcengine estimate INPUT.json      one estimate, indented JSON on stdout
    python -m calcengine estimate -               the same, reading standard input
    python -m calcengine estimate --batch DIR     every *.json in DIR, sorted by name,
                                                  one compact JSON object per line

Exit status: 0 when every input was computed; 2 when an input was refused (for a batch: when at
least one file was refused; every file is still reported) or the command line is wrong.
A large batch is spread over the machine's CPUs (at most 4 processes); the output order stays
the files' sorted order.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from calcengine.calculation import calculate
from calcengine.errors import InputError
from calcengine.jsonio import MAX_INPUT_BYTES, loads
from calcengine.output import to_json
from calcengine.validation import parse

EXIT_OK = 0
EXIT_REFUSED = 2


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout if stdout is not None else _utf8(sys.stdout)
    parser = argparse.ArgumentParser(
        prog="python -m calcengine",
        description="Schadecalculatie volgens schadecalc/1.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    estimate = commands.add_parser("estimate", help="bereken een calculatie")
    source = estimate.add_mutually_exclusive_group(required=True)
    source.add_argument("input", nargs="?", help="invoerbestand (JSON), of - voor stdin")
    source.add_argument("--batch", metavar="DIR", help="bereken elk *.json-bestand in DIR")
    args = parser.parse_args(argv)

    if args.batch is not None:
        return _batch(Path(args.batch), out)
    return _single(args.input, out)


def _utf8(stream: TextIO) -> TextIO:
    """Standard output as UTF-8 whatever the locale says, as the output holds Dutch text ("€",
    "vóór"). A lone surrogate, which valid JSON can write as "\\ud800", is written back as
    that same escape rather than failing, so the output stays the JSON that was meant."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def _compute(raw: bytes) -> dict[str, Any]:
    return to_json(calculate(parse(loads(raw))))


def _read(source: str) -> bytes:
    """The bytes of a file or of stdin, refusing more than MAX_INPUT_BYTES without reading it all."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(
            [{"path": "", "message": f"Kan {source!r} niet lezen: {exc.strerror or exc}."}]
        ) from None
    return raw


def _single(source: str, out: TextIO) -> int:
    try:
        result: dict[str, Any] = _compute(_read(source))
        status = EXIT_OK
    except InputError as exc:
        result = {"errors": exc.errors}
        status = EXIT_REFUSED
    out.write(json.dumps(result, ensure_ascii=False, indent=2))
    out.write("\n")
    return status


def _batch_record(path: Path) -> tuple[str, bool]:
    """One file of a batch as its JSON line, and whether it was computed."""
    try:
        record: dict[str, Any] = {"file": path.name, "output": _compute(_read(str(path)))}
        computed = True
    except InputError as exc:
        record = {"file": path.name, "errors": exc.errors}
        computed = False
    return _compact(record), computed


_compact = json.JSONEncoder(ensure_ascii=False).encode
# Below this many files a second process costs more than it saves.
PARALLEL_FROM_FILES = 500
CHUNK_FILES = 100


def _batch(directory: Path, out: TextIO) -> int:
    if not directory.is_dir():
        message = f"{str(directory)!r} is geen map."
        out.write(_compact({"errors": [{"path": "", "message": message}]}))
        out.write("\n")
        return EXIT_REFUSED
    # Every `*.json` but a directory: one that cannot be read (a broken link, no permission)
    # gets its own errors line rather than going missing from the output.
    paths = sorted(
        (path for path in directory.glob("*.json") if not path.is_dir()), key=lambda p: p.name
    )
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM_FILES or workers < 2:
        records = map(_batch_record, paths)
        return _write_batch(records, out)
    # Estimates are independent: spread the files over the CPUs; `map` keeps the order.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _write_batch(pool.map(_batch_record, paths, chunksize=CHUNK_FILES), out)


def _write_batch(records: Iterable[tuple[str, bool]], out: TextIO) -> int:
    status = EXIT_OK
    chunk: list[str] = []
    for line, computed in records:
        if not computed:
            status = EXIT_REFUSED
        chunk.append(line)
        if len(chunk) >= 256:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")
    return status
