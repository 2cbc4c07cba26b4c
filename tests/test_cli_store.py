"""The store's command line: import, history, rollback, editor commands. Files are SYNTHETIC."""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys

import corpus
import pytest

from cli.main import main
from cli.store import add_store_parsers, run_import
from eaeu.sessions import open_session, session_editor
from eaeu.store import Store
from eaeu.users import add_editor, editor_names, verify_editor


@pytest.fixture
def url(seeded_store_url):
    """A store of the test's own, on each backend (tests/conftest.py)."""
    return seeded_store_url


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out.splitlines()


def write(tmp_path, data_and_name):
    data, name = data_and_name
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_dry_run_previews_and_saves_nothing(tmp_path, url, capsys):
    path = write(tmp_path, corpus.russian_excel_csv())
    named = ["--source-name", "Synthetic"]  # the file names «Синтетика» in Russian only
    code, out = run(capsys, "import", path, "--dry-run", *named, "--database-url", url)
    assert code == 0, out
    assert out[0] == "synthetic_ru.csv: 5 rows read (long)"
    assert "industrial_production: 5 new, 0 changed, 0 unchanged" in out
    assert out[-1] == "Dry run: nothing was saved."
    assert Store(url).current_version() == 1


def test_import_commits_a_version(tmp_path, url, capsys):
    path = write(tmp_path, corpus.eec_wide_xlsx())
    argv = ["import", path, "--indicator", "industrial_production", "--note", "EEC tables"]
    argv += ["--source-name-en", "Synthetic generator"]  # the footnote names it in Russian
    code, out = run(capsys, *argv, "--editor", "anna", "--database-url", url)
    assert code == 0, out
    assert out[-1] == "Saved as version 2."
    (latest, _) = Store(url).history()
    assert (latest.editor, latest.note, latest.file_name) == ("anna", "EEC tables", path.name)
    assert latest.kind == "import" and len(latest.sha256) == 64


def test_bad_file_prints_every_error_and_exits_1(tmp_path, url, capsys):
    path = write(tmp_path, corpus.wrong_types_csv())
    code, out = run(capsys, "import", path, "--database-url", url)
    assert code == 1
    assert out[1] == "Errors (4): the file cannot be imported as it is"
    assert out[2] == "synthetic_types.csv, row 2, column 'value': expected a number, got 'abc'"
    assert len(out) == 6
    assert Store(url).current_version() == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda: (b"", "empty.csv"),
        lambda: (corpus.garbage(), "garbage.xlsx"),
        lambda: (corpus.eec_wide_xlsx()[0], "renamed.csv"),
        lambda: corpus.many_members_xlsx(1500),
    ],
)
def test_hostile_files_never_give_a_traceback(tmp_path, url, capsys, make):
    code, out = run(capsys, "import", write(tmp_path, make()), "--database-url", url)
    assert code == 1
    assert len(out) >= 3 and not any("Traceback" in line for line in out)


def test_missing_file(tmp_path, url, capsys):
    code, out = run(capsys, "import", tmp_path / "nope.csv", "--database-url", url)
    assert (code, out) == (
        1,
        [f"{tmp_path / 'nope.csv'}: cannot read the file (No such file or directory)"],
    )


def test_question_explains_the_option_to_answer_it(tmp_path, url, capsys):
    path = write(tmp_path, corpus.index_values_csv())
    named = ["--source-name-ru", corpus.SYNTHETIC_SOURCE_RU, "--database-url", url]
    code, out = run(capsys, "import", path, *named)
    assert code == 1
    assert out[-1] == "Answer with --value-form index|growth and run again."
    code, out = run(capsys, "import", path, "--value-form", "index", *named)
    assert code == 0 and out[-1] == "Saved as version 2."


def test_import_speaks_russian_with_lang_ru(tmp_path, url, capsys):
    path = write(tmp_path, corpus.wrong_types_csv())
    code, out = run(capsys, "import", path, "--lang", "ru", "--database-url", url)
    assert code == 1
    assert out[:3] == [
        "synthetic_types.csv: прочитано строк: 0 (длинная таблица)",
        "Ошибки (4): файл нельзя загрузить в таком виде",
        "файл synthetic_types.csv, строка 2, столбец «value»: ожидалось число, а не «abc»",
    ]
    path = write(tmp_path, corpus.index_values_csv())
    code, out = run(capsys, "import", path, "--lang", "ru", "--dry-run", "--database-url", url)
    assert code == 1
    assert out == [
        "synthetic_index.csv: прочитано строк: 5 (длинная таблица)",
        "Нужен источник (1): пока его нет, ничего не сохранится",
        "файл synthetic_index.csv: укажите название источника по-русски: в файле «Synthetic» "
        "названо только по-английски",
        "Вопрос (value_form: index | growth): значения похожи на индексы (106,4); пересчитать "
        "в прирост, % (6,4)?",
        "Ответьте параметром --value-form index|growth и запустите снова.",
        "Укажите источник параметрами --source-name-ru, --source-name-en, --source-date и "
        "--source-url (или --no-source-url) и запустите снова.",
    ]
    assert not any(re.search("[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", line) for line in out[1:3])


def test_import_without_a_source_is_refused_until_one_is_given(tmp_path, url, capsys):
    path = write(tmp_path, corpus.utf8_bom_csv())
    argv = ["import", path, "--indicator", "gdp", "--database-url", url]
    code, out = run(capsys, *argv)
    assert code == 1
    assert out[1:6] == [
        "Source needed (4): nothing is saved until it is given",
        "synthetic_bom.csv: enter the source's name in Russian: the file states no source for 10 rows",
        "synthetic_bom.csv: enter the source's name in English: the file states no source for 10 rows",
        "synthetic_bom.csv: enter the source's publication date: the file states no source for "
        "10 rows",
        "synthetic_bom.csv: enter the link to the source, or say that it has none: the file "
        "states no source for 10 rows",
    ]
    assert out[-1].startswith("Give the source with --source-name-ru")
    assert Store(url).current_version() == 1
    code, out = run(capsys, *argv, "--source-name-ru", "Синтетика", "--source-date", "2026-07")
    assert code == 1 and len([line for line in out if "enter the" in line]) == 2
    given = ["--source-name-en", "Synthetic", "--no-source-url"]
    code, out = run(
        capsys, *argv, "--source-name-ru", "Синтетика", "--source-date", "2026-07", *given
    )
    assert code == 0, out
    obs = Store(url).load_raw()["observations"]
    row = obs[(obs.indicator == "gdp") & (obs.geo == "ARM") & (obs.period_end == "2026-03-31")]
    assert row[
        ["source_name_ru", "source_name_en", "source_url", "source_date"]
    ].values.tolist() == [["Синтетика", "Synthetic", "", "2026-07"]]


def test_history_and_rollback(tmp_path, url, capsys):
    run(
        capsys,
        "import",
        write(tmp_path, corpus.ods_long()),
        "--source-name-ru",
        corpus.SYNTHETIC_SOURCE_RU,
        "--editor",
        "anna",
        "--database-url",
        url,
    )
    code, out = run(capsys, "rollback", 1, "--editor", "boris", "--database-url", url)
    assert (code, out) == (0, ["Saved as version 3: the content of version 1."])
    code, out = run(capsys, "history", "--database-url", url)
    out_en = out
    assert code == 0 and len(out) == 3
    assert out[0].startswith("* v3 ") and "rollback from v1  boris" in out[0]
    assert "import from v1  anna synthetic.ods  65 observations" in out[1]
    assert out[2].startswith("  v1 ") and "seed" in out[2]
    code, out = run(capsys, "rollback", 42, "--database-url", url)
    assert (code, out) == (1, ["rollback refused: no version 42"])
    # Notes the store wrote itself read in the language asked for.
    assert out_en[0].endswith("- rollback to version 1") and out_en[2].endswith("- shipped data")
    code, out = run(capsys, "history", "--lang", "ru", "--database-url", url)
    assert out[0].endswith("- откат к версии 1") and out[2].endswith("- исходные данные")


def test_editor_add_reads_the_password_from_stdin(url, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    code, out = run(capsys, "editor", "add", "anna", "--database-url", url)
    assert (code, out) == (0, ["Editor 'anna' added."])
    store = Store(url)
    assert verify_editor(store, "anna", "correct horse")
    assert not verify_editor(store, "anna", "wrong horse")
    assert not verify_editor(store, "nobody", "correct horse")
    monkeypatch.setattr("sys.stdin", io.StringIO("another one\n"))
    code, out = run(capsys, "editor", "add", "anna", "--database-url", url)
    assert (code, out) == (1, ["editor not added: editor 'anna' already exists"])
    weak = "the password must have at least 10 characters besides spaces"
    for short in ("short\n", "a b c d e f g h i\n", "123456789\n"):  # 9 or fewer, spaces aside
        monkeypatch.setattr("sys.stdin", io.StringIO(short))
        code, out = run(capsys, "editor", "add", "boris", "--database-url", url)
        assert (code, out) == (1, [f"editor not added: {weak}"])
    assert editor_names(store) == ["anna"]


def test_editor_passwd_remove_and_list(url, capsys, monkeypatch):
    """Synthetic accounts; a password change or removal ends that editor's sessions only."""
    store = Store(url)
    store.migrate()
    add_editor(store, "anna", "synthetic pass 1")
    add_editor(store, "boris", "synthetic pass 2")
    anna, boris = (open_session(store, name, hours=12) for name in ("anna", "boris"))
    assert run(capsys, "editor", "list", "--database-url", url) == (0, ["anna", "boris"])
    monkeypatch.setattr("sys.stdin", io.StringIO("too short\n"))
    code, out = run(capsys, "editor", "passwd", "anna", "--database-url", url)
    weak = "the password must have at least 10 characters besides spaces"
    assert (code, out) == (1, [f"password not changed: {weak}"])
    assert session_editor(store, anna) == "anna"  # refused: nothing changed
    monkeypatch.setattr("sys.stdin", io.StringIO("synthetic new pass\n"))
    code, out = run(capsys, "editor", "passwd", "anna", "--database-url", url)
    assert (code, out) == (0, ["Password of 'anna' changed; their sessions have ended."])
    assert verify_editor(store, "anna", "synthetic new pass")
    assert not verify_editor(store, "anna", "synthetic pass 1")
    assert (session_editor(store, anna), session_editor(store, boris)) == (None, "boris")
    code, out = run(capsys, "editor", "passwd", "nobody", "--database-url", url)
    assert (code, out) == (1, ["password not changed: no editor 'nobody'"])
    code, out = run(capsys, "editor", "remove", "boris", "--database-url", url)
    assert (code, out) == (0, ["Editor 'boris' removed; their sessions have ended."])
    assert session_editor(store, boris) is None and editor_names(store) == ["anna"]
    code, out = run(capsys, "editor", "remove", "boris", "--database-url", url)
    assert (code, out) == (1, ["editor not removed: no editor 'boris'"])


def test_passwords_are_stored_hashed(url):
    store = Store(url)
    store.migrate()
    add_editor(store, "vera", "a long password")
    with store.engine().connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM editors").scalar()
    assert "a long password" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    assert editor_names(store) == ["vera"]


def test_commands_join_an_existing_parser():
    """How app.py adds them next to `serve`."""
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve")
    add_store_parsers(commands)
    args = parser.parse_args(["import", "f.xlsx", "--mode", "replace", "--indicator", "gdp"])
    assert args.handler is run_import and args.mode == "replace"
    assert parser.parse_args(["serve"]).command == "serve"


@pytest.mark.parametrize(
    "command", [[], ["serve"], ["import"], ["history"], ["rollback"], ["editor", "add"], ["export"]]
)
def test_every_command_prints_its_help(command, capsys):
    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize("entry", [["app.py"], ["-m", "cli"]])
def test_both_entry_points_run_the_same_command_line(entry, project_dir):
    result = subprocess.run(
        [sys.executable, *entry, "--help"], cwd=project_dir, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "{serve,import,history,rollback,editor,export}" in result.stdout


def test_an_import_that_changes_nothing_says_so_and_exits_0(tmp_path, url, capsys):
    path = write(tmp_path, corpus.ods_long())
    named = ["--source-name", corpus.SYNTHETIC_SOURCE_RU]  # the file names it in English
    code, out = run(capsys, "import", path, *named, "--database-url", url)
    assert (code, out[-1]) == (0, "Saved as version 2."), out
    code, out = run(capsys, "import", path, *named, "--database-url", url, "--lang", "ru")
    assert code == 0, out
    assert (
        out[-1]
        == "Ничего не изменилось: все строки уже есть в данных; новая версия не сохраняется."
    )
    assert Store(url).current_version() == 2


def test_app_py_import_help_does_not_crash(project_dir):
    result = subprocess.run(
        [sys.executable, "app.py", "import", "--help"], cwd=project_dir, capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "--dry-run" in result.stdout and "Traceback" not in result.stderr


def test_a_dry_run_then_a_commit_based_on_its_version(tmp_path, url, capsys):
    """A dry run names the version it compared with; `--based-on` that version saves only if
    no other landed since, else exits 3 with the fresh preview (SYNTHETIC files)."""
    named = ["--source-name", corpus.SYNTHETIC_SOURCE_RU, "--database-url", url]
    a = write(tmp_path, corpus.ods_long())
    code, out = run(capsys, "import", a, "--dry-run", *named)
    assert code == 0 and out[-2:] == [
        "Previewed against version 1; to save exactly this change, run again without --dry-run "
        "and with --based-on 1.",
        "Dry run: nothing was saved.",
    ], out
    b = write(tmp_path, corpus.russian_excel_csv())
    code, out = run(capsys, "import", b, "--source-name", "Synthetic", "--database-url", url)
    assert (code, out[-1]) == (0, "Saved as version 2."), out
    code, out = run(capsys, "import", a, "--based-on", "1", *named, "--lang", "ru")
    assert code == 3, out
    assert out[-2].startswith("Не сохранено: данные тем временем изменились (после версии 1")
    assert out[-1].startswith("Если всё верно, запустите снова (с --based-on 2")
    assert Store(url).current_version() == 2
    code, out = run(capsys, "import", a, "--based-on", "2", *named)
    assert (code, out[-1]) == (0, "Saved as version 3."), out


@pytest.mark.parametrize("command", [["history"], ["import", "--help"]])
def test_store_commands_start_without_dash(command, project_dir, tmp_path):
    """A store command imports neither Dash nor Flask's web app: it starts in a fraction of
    the time (the web app is made only by `serve` and gunicorn)."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "app.py", *command, "--database-url", url],
        cwd=project_dir, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "eaeu.store" in imported  # the import log is read right
    assert "dash" not in imported and "components.server" not in imported
