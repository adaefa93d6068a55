"""examples/regulation-2005: the generator builds a site for another regulation from configuration alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "examples" / "regulation-2005" / "mkdocs.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site-2005")
    # From another folder, with -f: every path in the config resolves against the config file.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(out)],
        cwd=tmp_path_factory.mktemp("elsewhere"), capture_output=True, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    return out


def test_seven_chapters_and_51_article_anchors(site):
    chapters = sorted(path.parent.name for path in (site / "regulation").glob("chapter-*/index.html"))
    assert chapters == [f"chapter-{n}" for n in range(1, 8)]
    anchors = []
    for n in range(1, 8):
        html = (site / "regulation" / f"chapter-{n}" / "index.html").read_text(encoding="utf-8")
        anchors += re.findall(r'<h2 id="article-(\d+)"', html)
    assert [int(a) for a in anchors] == list(range(1, 52))


def test_cross_references_link_to_their_articles(site):
    html = "".join((site / "regulation" / f"chapter-{n}" / "index.html").read_text(encoding="utf-8")
                   for n in range(1, 8))
    links = re.findall(r'<a class="xf-xref" href="[^"]*#(article-\d+(?:-\d+)?)"', html)
    assert len(links) >= 5
    for anchor in links:
        assert f'id="{anchor}"' in html, anchor


def test_no_pages_or_links_for_absent_inputs(site):
    for absent in ("notice", "practice", "exam", "review", "guide", "aids/compare", "aids/glossary"):
        assert not (site / absent).exists(), absent
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    for text in pages:
        assert "/practice/" not in text and "notice/" not in text and "guide/" not in text


def test_search_index_has_the_articles(site):
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8").replace("\u200b", "")
    assert "信访工作机构" in index
