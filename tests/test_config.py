"""Settings are the one reader of the environment; the app and every command open the store
through them, each app keeping its own repository."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cli.main import main
from eaeu.config import DEFAULT_DATA_DIR, PROJECT_DIR, Settings
from eaeu.imports.limits import MB
from eaeu.repository import open_repository
from eaeu.view import ViewState


def test_database_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    assert Settings.load().database_url == "sqlite:////tmp/elsewhere.sqlite3"
    assert Settings.load(database_url="sqlite:///x").database_url == "sqlite:///x"
    monkeypatch.delenv("DATABASE_URL")
    assert Settings.load().database_url == f"sqlite:///{PROJECT_DIR / 'instance' / 'eaeu.sqlite3'}"


def test_upload_limit_editor_and_secret_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "0.5")
    monkeypatch.setenv("EAEU_EDITOR", "vera")
    monkeypatch.setenv("SECRET_KEY", "synthetic-test-key")
    settings = Settings.load()
    assert settings.limits.max_bytes == MB // 2
    assert settings.editor_name == "vera"
    assert settings.secret_key == "synthetic-test-key"
    assert Settings.load(editor="boris").editor_name == "boris"


def test_the_command_line_honours_max_upload_mb(tmp_path, monkeypatch, capsys):
    """The browser and the command line refuse the same sizes: both read Settings.limits."""
    monkeypatch.setenv("MAX_UPLOAD_MB", "0.5")
    upload = tmp_path / "synthetic.csv"
    row = "industrial_production,ARM,2024-03,1.5,Synthetic source\n"
    rows = row * (MB // len(row))  # about 1 MB
    upload.write_text("indicator,geo,period,value,source_name\n" + rows, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert main(["import", str(upload), "--database-url", url, "--editor", "tester"]) == 1
    assert "the file is 1.0 MB; the limit is 0.5 MB" in capsys.readouterr().out
    assert main(["history", "--database-url", url]) == 0
    assert capsys.readouterr().out.count(" v") == 1  # the seed only: nothing was saved


@pytest.fixture
def two_stores(tmp_path):
    settings = [
        Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=f"sqlite:///{tmp_path / n}")
        for n in ("a.sqlite3", "b.sqlite3")
    ]
    return settings


def test_each_app_keeps_its_own_repository(two_stores):
    from app import create_app

    first, second = (create_app(s) for s in two_stores)
    repository = open_repository(two_stores[1])
    repository.store.rollback(1, "tester")  # a new version in the second store only
    with first.server.app_context():
        from components import services

        assert services.repository().current_version() == 1
    with second.server.app_context():
        assert services.repository().current_version() == 2


def test_datasets_are_handed_out_read_only(ds):
    frame = ds.observations
    frame.loc[0, "value"] = -999.0
    frame["extra"] = 1
    assert ds.observations.loc[0, "value"] != -999.0
    assert "extra" not in ds.observations.columns
    with pytest.raises(TypeError):
        ds.tables["observations"] = frame


def test_public_url_comes_from_the_environment_or_the_argument(monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    assert Settings.load().public_url is None
    monkeypatch.setenv("PUBLIC_URL", "https://eaeu.example.org")
    assert Settings.load().public_url == "https://eaeu.example.org/"
    assert Settings.load(public_url="http://news.example/eaeu//").public_url == (
        "http://news.example/eaeu/"
    )
    for bad in ("eaeu.example.org", "/eaeu/", "ftp://example.org/", "https://x.org/?lang=ru"):
        with pytest.raises(ValueError, match="PUBLIC_URL must be the site's absolute"):
            Settings.load(public_url=bad)


def test_links_to_a_view_are_absolute():
    view = ViewState(lang="en", tab="missions")
    assert view.link("https://eaeu.example.org/eaeu") == (
        "https://eaeu.example.org/eaeu/" + view.to_query()
    )
    assert view.link("http://127.0.0.1:8050/").startswith("http://127.0.0.1:8050/?lang=en&")
    for no_site in ("", "?lang=en"):
        with pytest.raises(ValueError):
            view.link(no_site)


@pytest.mark.parametrize(
    ("public_url", "expected"),
    [
        (None, "https://newsroom.example/eaeu/"),
        ("https://eaeu.example.org", "https://eaeu.example.org/"),
    ],
)
def test_the_app_links_to_public_url_else_to_the_request_host(
    two_stores, monkeypatch, public_url, expected
):
    """Links written into files (the export pack's) need the site's address."""
    from app import create_app
    from components import services

    monkeypatch.delenv("PUBLIC_URL", raising=False)
    settings = replace(two_stores[0], public_url=Settings.load(public_url=public_url).public_url)
    app = create_app(settings)
    root = "https://newsroom.example/eaeu/"
    with app.server.test_request_context("/", base_url=root):
        assert services.site_url() == expected
