import json

from generator.search.index import split_compound, tune_search_index, tune_text

Z = "\u200b"


def test_number_and_unit_become_one_word():
    assert tune_text(f"在{Z}15{Z}日内{Z}分别") == f"在{Z}15日内{Z}分别"
    assert tune_text(f"自{Z}5{Z}个{Z}工作日{Z}内{Z}提出") == f"自{Z}5个工作日内{Z}提出"
    assert tune_text(f"不得{Z}超过{Z}5{Z}人{Z}。") == f"不得{Z}超过{Z}5人{Z}。"
    assert tune_text(f"共{Z} 42 {Z}个{Z}，") == f"共{Z} 42个{Z}，"


def test_article_numbers_are_joined():
    assert tune_text(f"{Z}第十{Z}五条{Z}") == f"{Z}第十五条{Z}"


def test_compounds_are_indexed_as_their_parts():
    assert split_compound("信访事项") == ("信访", "事项")
    assert tune_text(f"收到{Z}信访事项{Z}，") == f"收到{Z}信访{Z}事项{Z}，"


def test_index_json_round_trip():
    index = {"config": {}, "docs": [{"location": "a/", "title": f"第{Z}三十五条", "text": f"{Z}30{Z}日内{Z}"}]}
    tuned = json.loads(tune_search_index(json.dumps(index)))
    assert tuned["docs"][0]["text"] == f"{Z}30日内{Z}"
    assert tuned["docs"][0]["location"] == "a/"
