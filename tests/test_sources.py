"""The official texts are copied byte for byte and never edited: their checksums are pinned here."""

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "sources"

PINNED = {
    "regulation-2022.md": "7efb00c71b502d12651370672c1ddbd97d3ecd5e02aacb3453b1da42de76b25a",
    "county-notice-2022.txt": "3d04b9dbe2bd444ab6edd84a2e9adc013ab56148f61592f49bcab454b1a72359",
    "regulation-2005.md": "81f4f99c35d91932668705e4ed6591e9270ffac9bb80d2de0beb7288ff7c01cc",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_source_copy_is_untouched(name):
    digest = hashlib.sha256((ROOT / "sources" / name).read_bytes()).hexdigest()
    assert digest == PINNED[name], f"sources/{name} was edited: clean texts in code, never in the file"


@pytest.mark.parametrize("name", sorted(PINNED))
def test_source_copy_matches_shared_original(name):
    original = SHARED / name
    if not original.exists():
        pytest.skip("../shared/sources is not beside this checkout")
    assert (ROOT / "sources" / name).read_bytes() == original.read_bytes()
