from pathlib import Path

from generator.texts.crossrefs import cited_by, find_references
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent


def test_references_in_2022():
    references = find_references(parse_regulation(ROOT / "sources/regulation-2022.md"))
    found = [(r.source, r.target, r.item, r.text) for r in references]
    assert found == [
        (34, 31, 6, "第三十一条第六项"),
        (36, 31, 6, "第三十一条第六项"),
        (47, 20, None, "第二十条"),
        (47, 26, None, "第二十六条"),
    ]
    assert cited_by(references) == {31: [34, 36], 20: [47], 26: [47]}


def test_reference_offsets_point_at_the_words():
    for reference in find_references(parse_regulation(ROOT / "sources/regulation-2005.md")):
        assert reference.line[reference.start:reference.start + len(reference.text)] == reference.text
