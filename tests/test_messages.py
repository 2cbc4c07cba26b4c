"""Messages as data (eaeu/messages.py, eaeu/imports/messages.py): every problem reads in the
reader's language, stored forms load back, older plain-text forms still show. SYNTHETIC data."""

from __future__ import annotations

import json
import string

import pytest

from eaeu.config import DEFAULT_DATA_DIR
from eaeu.dataset import build_dataset, read_tables
from eaeu.imports.limits import Limits
from eaeu.imports.messages import IMPORT_MESSAGES
from eaeu.imports.parse import ParsedImport
from eaeu.messages import (
    CATALOGUE,
    DATA_MESSAGES,
    FORMATS,
    Message,
    msg,
    system_note,
    text_from_json,
    version_note,
)
from eaeu.model import DataError, Problem, format_problems
from eaeu.strings_vintage import VINTAGE_MESSAGES


def fields(template: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("catalogue", [IMPORT_MESSAGES, DATA_MESSAGES])
def test_every_message_has_both_languages_with_the_same_placeholders(catalogue):
    for key, entry in catalogue.items():
        assert set(entry) == {"ru", "en"}, key
        assert all(entry.values()), key
        assert fields(entry["ru"]) == fields(entry["en"]), key
        assert {spec for _, spec in fields(entry["en"])} <= set(FORMATS), key


def test_catalogues_do_not_shadow_each_other():
    assert not set(IMPORT_MESSAGES) & set(DATA_MESSAGES)
    parts = (IMPORT_MESSAGES, DATA_MESSAGES, VINTAGE_MESSAGES)
    assert len(CATALOGUE) == sum(len(part) for part in parts)


def test_a_located_problem_reads_in_either_language():
    problem = Problem("synthetic.xlsx", msg("expected_number", got="abc"), 5, "value", "X")
    assert (
        str(problem)
        == "synthetic.xlsx, sheet 'X', row 5, column 'value': expected a number, got 'abc'"
    )
    assert problem.text("ru") == (
        "файл synthetic.xlsx, лист «X», строка 5, столбец «value»: ожидалось число, а не «abc»"
    )
    assert Problem("synthetic.csv", msg("file_empty")).text("ru") == "файл synthetic.csv: файл пуст"


def test_numbers_and_periods_follow_the_language():
    too_big = Limits(max_bytes=10 * 1024 * 1024).size_problem(11 * 1024 * 1024, "synthetic.csv")
    assert str(too_big) == "synthetic.csv: the file is 11.0 MB; the limit is 10 MB"
    assert (
        too_big.text("ru")
        == "файл synthetic.csv: размер файла 11,0 МБ, а допускается не больше 10 МБ"
    )
    duplicate = msg("duplicate_row", geo="ARM", period=("2025-01-01", "2025-09-30"), row=2)
    assert str(duplicate) == "duplicate: ARM Jan–Sep 2025 is already given on row 2"
    assert duplicate.text("ru") == "повтор: ARM, январь–сентябрь 2025, уже есть в строке 2"
    beyond = msg("growth_beyond", value="1234.5", limit=50)
    assert (
        beyond.text("ru") == "прирост 1\u00a0234,5 % — за пределами ±50 %: может быть, это индекс?"
    )


def test_a_problem_caused_by_an_import_says_so_in_the_same_language():
    raw = read_tables(DEFAULT_DATA_DIR)
    raw["highlights"].loc[0, "leaders"] = "ARM=1"  # SYNTHETIC disagreement
    with pytest.raises(DataError) as refused:
        build_dataset(raw)
    wrapped = [
        Problem(
            p.file, msg("after_import", reason=p.message, file="synthetic.csv"), p.row, p.column
        )
        for p in refused.value.problems
    ]
    assert format_problems(wrapped, "ru").startswith(
        "файл highlights.csv, строка 2, столбец «leaders»: ARM 1,0 не совпадает с данными "
        "observations по показателю industrial_production (после загрузки synthetic.csv)"
    )


def test_more_than_fifty_problems_are_counted_in_the_language():
    problems = [Problem("synthetic.csv", msg("file_empty"))] * 53
    assert format_problems(problems, "ru").splitlines()[-1] == "… и ещё ошибок: 3"
    assert format_problems(problems).splitlines()[-1] == "... and 3 more problems"


def test_problems_survive_json_and_older_plain_text_still_loads():
    problem = Problem("f.csv", msg("unknown_country", got="X", known=("ЕАЭС",)), 3, "geo", "S")
    assert Problem.from_json(json.loads(json.dumps(problem.to_json()))) == problem
    older = {
        "file": "f.csv",
        "message": "expected a number, got 'abc'",
        "row": 2,
        "column": "v",
        "sheet": None,
    }
    assert str(Problem.from_json(older)) == "f.csv, row 2, column 'v': expected a number, got 'abc'"
    assert Problem.from_json(older).text("ru") == (
        "файл f.csv, строка 2, столбец «v»: expected a number, got 'abc'"  # shown as it is
    )


def test_a_pending_upload_stored_by_an_older_release_still_loads():
    older = {
        "file_name": "synthetic.csv",
        "sha256": "0" * 64,
        "sheet": None,
        "layout": "long",
        "rows": [],
        "problems": [],
        "warnings": [
            {
                "file": "synthetic.csv",
                "message": "old words",
                "row": 2,
                "column": None,
                "sheet": None,
            }
        ],
        "questions": [["value_form", "values look like indices", ["index", "growth"]]],
        "notes": ["1 empty or 'no data' cells were skipped (gaps stay gaps)"],
        "source_given": True,
    }
    parsed = ParsedImport.from_json(json.dumps(older))
    assert parsed.missing == [] and parsed.ok is False  # the open question
    assert [str(w) for w in parsed.warnings] == ["synthetic.csv, row 2: old words"]
    assert parsed.questions[0].message == "values look like indices"


def test_stored_messages_that_the_catalogue_does_not_fit_become_plain_text():
    assert text_from_json({"key": "no_such_key", "params": {}}) == "no_such_key"
    assert text_from_json({"key": "file_empty", "params": {"extra": 1}}) == "file_empty"
    assert text_from_json({"key": "expected_number", "params": {"got": "x"}}) == msg(
        "expected_number", got="x"
    )
    with pytest.raises(KeyError):
        msg("no_such_key")


def test_version_notes_written_by_the_store_read_in_the_language():
    rollback = version_note(system_note("note_rollback", version=3))
    assert isinstance(rollback, Message)
    assert (rollback.text("ru"), rollback.text("en")) == (
        "откат к версии 3",
        "rollback to version 3",
    )
    # Stores written before messages existed hold English words: read back all the same.
    assert version_note("shipped data").text("ru") == "исходные данные"
    assert version_note("rollback to version 12").text("ru") == "откат к версии 12"
    assert version_note("figure of the week 2024-10 gdp ARM").text("ru") == (
        "цифра недели 2024-10 gdp ARM"
    )
    # What an editor typed is kept as typed, whatever it looks like.
    assert version_note("синтетическая правка") == "синтетическая правка"
    assert version_note('{"key": "nope"}') == '{"key": "nope"}'
