"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer).

    pip install atheris
    python bench/fuzz_atheris.py -runs=100000          # bounded campaign
    python bench/fuzz_atheris.py -max_total_time=600   # ten minutes

Each input is decoded as bytes through ``policyparse.read_bytes`` (which may
refuse it with a ``PolicyParseError`` — the documented outcome for bad files)
and, when it yields text, extracted.  Any other exception, or a record whose
span does not hold its text, is a crash that libFuzzer reports with the input.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from policyparse import PolicyParseError, extract, read_bytes


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:  # bytes through the reader
        try:
            text = read_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()), name="fuzz.bin").text
        except PolicyParseError:
            return
    else:  # unicode text straight into the pipeline
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    doc = extract(text)
    for rec in (*doc.sentences, *doc.claims, *doc.tasks):
        assert doc.text[rec.span[0]:rec.span[1]] == rec.text


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
