"""Every response carries the security headers; the page tells nobody the server's versions."""

from __future__ import annotations

import base64
import hashlib
import platform
import re
import sys
from dataclasses import replace

import dash
import plotly
import pytest

from components.share import download
from eaeu.config import DEFAULT_DATA_DIR, Settings
from eaeu.security_headers import content_security_policy, embed_origins, frame_ancestors
from tests.dash_requests import callback_request


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in policy.split(";"))
    return {name: value for name, value in pairs}


def assert_common(response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert "http" not in response.headers["Content-Security-Policy"]  # no third-party origin
    assert "Python" not in response.headers.get("Server", "")


def assert_no_framing(response) -> None:
    assert directives(response)["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.fixture(scope="module")
def client(served_app):
    return served_app.server.test_client()


def test_the_page_has_the_headers_and_its_inline_scripts_are_allowed_by_hash(client):
    page = client.get("/")
    assert page.status_code == 200
    assert_common(page)
    assert_no_framing(page)
    allowed = directives(page)["script-src"].split()
    assert allowed[0] == "'self'"
    assert "'unsafe-inline'" not in allowed
    html = re.sub(r"<!--.*?-->", "", page.text, flags=re.S)  # <!--[if IE]>: never run
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [body for attrs, body in scripts if "src=" not in attrs and "json" not in attrs]
    assert len(inline) >= 2  # the clientside callbacks and the renderer
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, script[:80]


def test_a_callback_and_an_asset_have_the_headers(served_app, client):
    body = callback_request(served_app, download, {}, f"{download.__name__}")
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code in (200, 204)
    assert_common(answer)
    assert_no_framing(answer)
    asset = client.get("/assets/03-app.css")
    assert asset.status_code == 200
    assert_common(asset)
    assert_no_framing(asset)


def test_embeds_may_be_framed_by_any_site_by_default(client):
    embed = client.get("/embed/growth?lang=en")
    assert embed.status_code == 200
    assert_common(embed)
    assert directives(embed)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in embed.headers


def test_embed_origins_narrow_who_may_frame_the_embeds(tmp_path, monkeypatch):
    from app import create_app

    monkeypatch.setenv("EMBED_ORIGINS", "https://news.example, https://tv.example/")
    settings = Settings.load(data_dir=DEFAULT_DATA_DIR, database_url=f"sqlite:///{tmp_path}/e.db")
    assert settings.embed_origins == ("https://news.example", "https://tv.example")
    app = create_app(replace(settings))
    client = app.server.test_client()
    embed = client.get("/embed/trend")
    assert directives(embed)["frame-ancestors"] == "'self' https://news.example https://tv.example"
    assert_no_framing(client.get("/"))


def test_embed_origins_are_checked():
    assert embed_origins("") == ("*",)
    assert embed_origins(" * ") == ("*",)
    for bad in (
        "news.example",
        "https://news.example/path",
        "javascript:alert(1)",
        "*; script-src *",
    ):
        with pytest.raises(ValueError, match="EMBED_ORIGINS"):
            embed_origins(bad)
    assert frame_ancestors("/embed/growth", ("*",)) == "*"
    assert frame_ancestors("/embedded", ("*",)) == "'none'"
    assert "frame-ancestors 'none'" in content_security_policy("/", [], ("*",))


def test_the_page_does_not_tell_the_server_versions(client):
    versions = [platform.python_version(), sys.version.split()[0], plotly.__version__]
    for path in ("/", "/embed/growth", "/_dash-layout", "/_dash-dependencies", "/login"):
        text = client.get(path).get_data(as_text=True)
        assert "python" not in text.lower().replace("python_", ""), path
        for version in versions:
            assert version not in text, (path, version)
    page = client.get("/").text
    config = re.search(r'id="_dash-config"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert dash.__version__ not in config
    assert "python_version" not in config and "plotly_version" not in config


def test_bodies_over_the_upload_limit_are_refused(served_app, client):
    limit = served_app.server.config["MAX_CONTENT_LENGTH"]
    assert limit < 20 * 1024 * 1024
    answer = client.post(
        "/_dash-update-component",
        data=b"x" * (limit + 1),
        content_type="application/json",
    )
    assert answer.status_code == 413
    assert_common(answer)
