"""Shared fixtures: the real site built once per test session, served on 127.0.0.1, and headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import bundle
from generator.localserver import serve_folder

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def build_site(out: Path, offline: bool = False) -> Path:
    """`mkdocs build --strict` of this checkout into `out` (BundleError carries MkDocs' output)."""
    bundle.build_site(ROOT, out, offline=offline)
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: the browser tests must run in CI (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    if os.environ.get("CI") == "true":
        from playwright import sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()

