"""题库校对: the readings that decide a case or a paraphrase (issue 19 item 5). Each confirms the right key and
never the key moved to another option; the ones that only confirm a 错误 never fault a 正确."""

from pathlib import Path

import pytest

from generator.lint.judge import OK, UNKNOWN, WRONG, check_question
from generator.lint.locate import load_corpus
from generator.lint.questions import LintQuestion

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)


def choice(stem, options, answer, articles=(), quotes=(), provisions=(), notice=None):
    kind = "multiple" if isinstance(answer, list) else "single"
    return LintQuestion("t", "题库.yml", 1, kind, stem, list(options), answer, list(articles), notice,
                        list(provisions), list(quotes))


def judge(stem, answer, articles=(), notice=None):
    return LintQuestion("t", "题库.yml", 1, "judge", stem, [], answer, list(articles), notice)


def verdict(question, corpus):
    return check_question(question, corpus)


def rekeyed(question, answer):
    return choice(question.stem, question.options, answer, question.articles, question.quotes,
                  question.provisions, question.notice)


def assert_confirmed_only_as_keyed(question, other, corpus):
    """The question is 一致 as keyed, and not with `other` as its key."""
    assert verdict(question, corpus).status == OK
    assert verdict(rekeyed(question, other), corpus).status != OK


CASE = choice("县卫健委收到群众当面反映的、某诊所无证行医的问题，这属于县卫健委的职权。县卫健委登记后，应当告知群众（　）。",
              ["接收情况以及处理途径和程序", "转送、交办的去向", "向有权处理的机关、单位提出", "复查、复核的期限"],
              "接收情况以及处理途径和程序", [23],
              quotes=["对属于本机关、单位职权范围的，应当告知信访人接收情况以及处理途径和程序"])


def test_the_clause_an_explanation_quotes_decides_a_case(corpus):
    assert verdict(CASE, corpus).status == OK
    assert "解析所引原文" in verdict(CASE, corpus).reason
    for other in CASE.options[1:]:
        assert verdict(rekeyed(CASE, other), corpus).status != OK
    unquoted = choice(CASE.stem, CASE.options, CASE.answer, CASE.articles)
    assert verdict(unquoted, corpus).status == UNKNOWN


def test_explanation_readings_that_single_out_different_options_confirm_neither(corpus):
    # The explanation cites items (一)–(六) of 第三十一条 (where 涉法涉诉信访事项 stands) and quotes the lead-in
    # (where 申诉求决类事项 stands): the two readings disagree, so no key is confirmed.
    items = [f"第三十一条第（{n}）项" for n in "一二三四五六"]
    question = choice("孙某发现社保经办机构核定养老金时少算了他三年工龄，来信要求重新核定并补发差额。这件事属于（　）。",
                      ["建议意见类事项", "检举控告类事项", "涉法涉诉信访事项", "申诉求决类事项"], "申诉求决类事项", [31],
                      quotes=["对信访人提出的申诉求决类事项，有权处理的机关、单位应当区分情况，分别按照下列方式办理"],
                      provisions=items)
    assert verdict(question, corpus).status != OK
    assert verdict(rekeyed(question, "涉法涉诉信访事项"), corpus).status != OK


CONSEQUENCE = "负有受理信访事项职责的机关、单位对收到的信访事项不按照规定登记{}对直接负责的主管人员和其他直接责任人员依规依纪依法严肃处理。"


def test_an_item_read_into_its_lead_in_is_the_text_and_a_dropped_condition_is_not(corpus):
    assert verdict(judge(CONSEQUENCE.format("，造成严重后果的，"), True, [44]), corpus).status == OK
    dropped = CONSEQUENCE.format("的，")
    assert verdict(judge(dropped, True, [44]), corpus).status == UNKNOWN
    confirmed = verdict(judge(dropped, False, [44]), corpus)
    assert confirmed.status == OK and "造成严重后果的" in confirmed.reason


def test_pairs_and_lists_with_a_member_changed_are_not_the_text(corpus):
    pairs = choice("根据《信访工作条例》第七条，下列主体与其作用对应正确的有（　）。",
                   ["党委——统一领导", "政府——组织落实", "信访部门——推动", "信访工作联席会议——推动"],
                   ["党委——统一领导", "政府——组织落实", "信访部门——推动"], [7])
    assert_confirmed_only_as_keyed(pairs, ["党委——统一领导", "政府——组织落实", "信访工作联席会议——推动"], corpus)
    pattern = choice("《信访工作条例》第七条规定的信访工作格局是（　）。",
                     ["党委统一领导、政府组织落实、信访部门协调、信访工作联席会议推动、各方齐抓共管",
                      "党委统一领导、政府组织落实、信访工作联席会议协调、信访部门推动、各方齐抓共管",
                      "党委统一领导、人大依法监督、政府组织落实、信访部门推动、社会广泛参与"],
                     "党委统一领导、政府组织落实、信访工作联席会议协调、信访部门推动、各方齐抓共管", [7])
    assert_confirmed_only_as_keyed(pattern, pattern.options[0], corpus)


def test_the_headnote_goes_with_the_last_article_and_the_whole_list_beats_its_piece(corpus):
    order = choice("关于《信访工作条例》的制定和施行，下列时间顺序正确的是（　）。",
                   ["2022年2月25日审议批准，2022年1月24日印发，2022年5月1日起施行",
                    "2022年1月24日审议批准，2022年2月25日印发，2022年5月1日起施行",
                    "2022年1月24日审议批准，2022年5月1日印发，2022年2月25日起施行"],
                   "2022年1月24日审议批准，2022年2月25日印发，2022年5月1日起施行", [50])
    assert_confirmed_only_as_keyed(order, order.options[0], corpus)
    issuer = choice("《信访工作条例》的发布机关是（　）。", ["国务院", "国家信访局", "中共中央、国务院"], "中共中央、国务院", [50])
    assert_confirmed_only_as_keyed(issuer, "国务院", corpus)


def test_which_article_holds_a_quoted_sentence(corpus):
    question = choice("“信访工作是党的群众工作的重要组成部分”这一定位，见于《信访工作条例》第（　）条。",
                      ["一", "五", "七", "三"], "三")
    assert verdict(question, corpus).status == OK
    faulty = verdict(rekeyed(question, "五"), corpus)
    assert faulty.status == WRONG and "第三条" in faulty.reason


def test_a_wrong_count_of_an_article_s_items_makes_a_statement_false(corpus):
    stem = "根据《信访工作条例》第二十六条，该条以分项形式列举的信访人不得有的行为共有{}项。"
    assert verdict(judge(stem.format("五"), False), corpus).status == OK
    faulty = verdict(judge(stem.format("五"), True), corpus)
    assert faulty.status == WRONG and "6项" in faulty.reason
    assert verdict(judge(stem.format("六"), False), corpus).status != OK


def test_a_provision_given_to_another_owner_is_false_and_never_faults_a_true_statement(corpus):
    other = judge("根据《信访工作条例》第八条，制定信访工作方针政策是中央信访工作联席会议的职责。", False)
    assert verdict(other, corpus).status == OK
    assert verdict(judge(other.stem, True), corpus).status != WRONG
    item = judge("根据《信访工作条例》第五条，坚持以人民为中心原则要求把党的领导贯彻到信访工作各方面和全过程。", False)
    assert verdict(item, corpus).status == OK
    own = judge("根据《信访工作条例》第五条，坚持党的全面领导原则要求把党的领导贯彻到信访工作各方面和全过程。", False)
    assert verdict(own, corpus).status != OK


def test_a_list_member_replaced_confirms_a_false_statement_only(corpus):
    stem = "通知指出，“三个重要”的定位阐明了信访工作所承载的政治参与、权利保障、{}的重要功能。"
    changed = verdict(judge(stem.format("社会治理"), False, notice="二（一）"), corpus)
    assert changed.status == OK and "民主监督" in changed.reason
    assert verdict(judge(stem.format("社会治理"), True, notice="二（一）"), corpus).status != WRONG
    assert verdict(judge(stem.format("民主监督"), False, notice="二（一）"), corpus).status != OK


def test_a_duty_said_with_other_modal_words_is_the_text(corpus):
    stem = "对本条例第三十一条第六项规定的信访事项，情况复杂的，须经{}批准，方可适当延长办理期限。"
    assert verdict(judge(stem.format("上一级机关、单位"), False, [34]), corpus).status == OK
    assert verdict(judge(stem.format("本机关、单位负责人"), False, [34]), corpus).status != OK


def test_a_case_s_bodies_are_read_in_the_roles_the_case_gives_them(corpus):
    question = choice("陈某不服县自然资源局的处理意见，请求复查，市自然资源局作出了复查意见。陈某仍不服，想请求复核。他应当向谁提出？",
                      ["市自然资源局的上一级机关、单位", "县自然资源局的上一级机关、单位", "市自然资源局本身", "市人民法院"],
                      "市自然资源局的上一级机关、单位", [36])
    assert_confirmed_only_as_keyed(question, "县自然资源局的上一级机关、单位", corpus)


def test_which_matters_the_text_gives_a_quantity(corpus):
    options = ["第三十一条第六项规定的信访事项的一般办结期限", "复查机关、单位提出复查意见的期限",
               "党委和政府信访部门收到信访事项后分别处理的期限", "信访人请求复查的期限", "复核机关、单位提出复核意见的期限"]
    right = [options[1], options[3], options[4]]
    question = choice("下列信访工作期限中，《条例》规定为“30日内”的有（　）。", options, right)
    assert verdict(question, corpus).status == OK
    extra = verdict(rekeyed(question, [options[0], options[1], options[3], options[4]]), corpus)
    assert extra.status == WRONG and "60日" in extra.reason
    assert verdict(rekeyed(question, right[:2]), corpus).status == WRONG


@pytest.mark.parametrize("statement", [
    "多人采用走访形式提出共同的信访事项的，代表人数最多为5人。",
    "多人采用走访形式提出共同的信访事项的，代表人数至多5人。",
    "情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限最长为30日。",
    "任何组织和个人都不得打击报复信访人。",
    "所有组织和个人均不得打击报复信访人。",
    "各级机关、单位都应当畅通信访渠道，做好信访工作。",
])
def test_a_limit_or_every_said_in_other_words_is_never_called_wrong(statement, corpus):
    assert verdict(judge(statement, True), corpus).status != WRONG
    changed = statement.replace("5人", "10人")
    if changed != statement:
        assert verdict(judge(changed, True), corpus).status == WRONG


def test_a_folder_given_as_the_bank_stops_with_one_chinese_line(tmp_path):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "generator", "lint", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path}: 应为文件，实际是一个文件夹\n"
    assert "Traceback" not in done.stderr


def test_a_level_swapped_or_a_deputy_dropped_is_a_change_and_a_dropped_alternative_only_confirms_a_false(corpus):
    # 本级 → 上级 and 副秘书长 → 秘书长 (第十六条) read as harmless before: 上 was a filler, 副 an elision.
    budget = verdict(judge("各级党委和政府应当为信访工作提供必要的支持和保障，所需经费列入上级预算。", True, [16]), corpus)
    assert budget.status == WRONG and "“本级”改成了“上级”" in budget.reason
    deputy = verdict(judge("各级党委和政府信访部门主要负责同志应当由本级党委或者政府秘书长兼任。", True, [16]), corpus)
    assert deputy.status == WRONG and "删去了原文的“副”" in deputy.reason
    assert verdict(judge("所需经费列入本级预算。", True, [16]), corpus).status == OK
    # 本级或者上一级 (第二十条) narrowed to 上一级: false unless said otherwise, so never enough to fault a 正确.
    narrowed = "信访人采用走访形式提出信访事项的，应当到有权处理的上一级机关、单位设立或者指定的接待场所提出。"
    assert verdict(judge(narrowed, True, [20]), corpus).status == UNKNOWN
    confirmed = verdict(judge(narrowed, False, [20]), corpus)
    assert confirmed.status == OK and "本级或者" in confirmed.reason


def test_a_rule_said_to_be_kept_from_2005_is_checked_in_both_texts(corpus):
    kept = "《信访工作条例》第四十七条保留了原国务院《信访条例》的规定：对信访人经劝阻、批评和教育无效的，由公安机关予以警告、训诫或者制止。"
    confirmed = verdict(judge(kept, False, [47]), corpus)
    assert confirmed.status == OK and "第四十七条没有" in confirmed.reason
    assert verdict(judge(kept, True, [47]), corpus).status == UNKNOWN  # the 2022 words might say it otherwise
    period = "信访部门收到信访事项后在{}内区分情况分别处理，这一期限是从原国务院《信访条例》沿用下来的。"
    same = verdict(judge(period.format("15日"), True, [22]), corpus)
    assert same.status == OK and "15日" in same.reason
    assert verdict(judge(period.format("15日"), False, [22]), corpus).status == WRONG
    assert verdict(judge(period.format("10日"), True, [22]), corpus).status != OK


def test_words_an_article_no_longer_lists_or_newly_lists_are_looked_up_in_it(corpus):
    stem = "原国务院《信访条例》要求公布电子信箱；《信访工作条例》第十八条要求公布的事项中不再列{}，而列出{}。"
    right = stem.format("电子信箱", "网络信访渠道")
    assert verdict(judge(right, True, [18]), corpus).status == OK
    assert verdict(judge(right, False, [18]), corpus).status == WRONG
    swapped = verdict(judge(stem.format("网络信访渠道", "电子信箱"), True, [18]), corpus)
    assert swapped.status == WRONG and "仍有“网络信访渠道”" in swapped.reason


def test_a_new_member_is_looked_for_in_the_2005_counterpart_not_anywhere_in_that_text(corpus):
    # 信息网络 stands in 2005 第十一条 (政务信息网络资源), not among 2005 第二条's forms; 电话传真 is two old forms.
    question = choice("2005年《信访条例》列举的信访形式是书信、电子邮件、传真、电话、走访；《信访工作条例》第十七条列举的形式中新出现的是（　）。",
                      ["信息网络", "电子邮件", "电话传真", "书信走访"], "信息网络", [17])
    confirmed = verdict(question, corpus)
    assert confirmed.status == OK and "第二条第一款没有" in confirmed.reason
    for other in question.options[1:]:
        assert verdict(rekeyed(question, other), corpus).status != OK


@pytest.mark.parametrize("event", ["公布之日", "中共中央、国务院印发之日"])
def test_a_regulation_said_to_take_effect_on_an_event_is_false_as_its_last_article_names_a_day(event, corpus):
    statement = f"《信访工作条例》自{event}起施行。"
    confirmed = verdict(judge(statement, False, [50]), corpus)
    assert confirmed.status == OK and "2022年5月1日" in confirmed.reason
    faulted = verdict(judge(statement, True, [50]), corpus)
    assert faulted.status == WRONG and faulted.where == "第五十条第一款" and "2022年5月1日" in faulted.reason
    assert verdict(judge("《信访工作条例》自二〇二二年五月一日起施行。", True, [50]), corpus).status == OK


def test_a_quotation_said_to_be_an_article_s_words_must_stand_there(corpus):
    absent = "“了解社情民意的窗口”是《信访工作条例》第三条原文对信访工作的定位之一。"
    confirmed = verdict(judge(absent, False, [3]), corpus)
    assert confirmed.status == OK and "第三条没有" in confirmed.reason
    assert verdict(judge(absent, True, [3]), corpus).status == WRONG
    # Words the article has decide nothing by themselves (the item may claim more about them).
    present = "“集中民智”是《信访工作条例》第三条原文对信访工作的定位之一。"
    assert verdict(judge(present, False, [3]), corpus).status != WRONG


def test_a_member_of_an_article_s_list_said_to_be_outside_it_confirms_a_false_only(corpus):
    village = ("根据《信访工作条例》第十五条，积极协调处理化解发生在当地的信访事项和矛盾纠纷，是乡镇和街道的职责，"
               "村（社区）“两委”不承担这一职能。")
    confirmed = verdict(judge(village, False, [15]), corpus)
    assert confirmed.status == OK and "列有“村（社区）“两委”" in confirmed.reason and "不承担" in confirmed.reason
    assert verdict(judge(village, True, [15]), corpus).status == UNKNOWN  # never faults: the list may not be all
    # The rest of the statement must be about the member's line: 法人 with unrelated words decides nothing.
    assert verdict(judge("法人不能委托律师代为办理。", False, [17]), corpus).status == UNKNOWN


def test_a_prohibition_turned_into_a_permission_confirms_a_false(corpus):
    # 第三十条第三款：不得将信访人的检举、揭发材料……转给被检举、揭发的人员或者单位.
    allowed = "为便于核实情况，经本机关负责人批准，可以将信访人的检举、揭发材料转给被检举、揭发的单位。"
    confirmed = verdict(judge(allowed, False, [30]), corpus)
    assert confirmed.status == OK and "“不得”改成了“可以”" in confirmed.reason
    assert verdict(judge(allowed, True, [30]), corpus).status != OK


def test_the_notice_s_number_and_issuer_are_read_from_its_header_and_signature(corpus):
    issuer = choice("柞信联发〔2022〕3号通知的发文机关是（　）。",
                    ["柞水县信访工作联席会议办公室", "柞水县人民政府办公室", "柞水县信访工作联席会议"], "柞水县信访工作联席会议")
    assert_confirmed_only_as_keyed(issuer, "柞水县信访工作联席会议办公室", corpus)
    faulted = verdict(rekeyed(issuer, "柞水县人民政府办公室"), corpus)
    assert faulted.status == WRONG and "发文机关为“柞水县信访工作联席会议”" in faulted.reason
    stem = "柞水县信访工作联席会议《关于认真学习宣传贯彻落实〈信访工作条例〉的通知》的文号是____。"
    for written in ("柞信联发〔2022〕3号", "柞信联发[2022]3号", "柞信联发（2022）3号"):
        assert verdict(LintQuestion("q", "t", 1, "fill", stem, [], [written]), corpus).status == OK
    wrong_number = verdict(LintQuestion("q", "t", 1, "fill", stem, [], ["柞信联发〔2022〕5号"]), corpus)
    assert wrong_number.status == WRONG and "柞信联发〔2022〕3号" in wrong_number.reason


def test_what_was_received_may_be_left_to_the_stem_and_several_bodies_each_do_what_the_text_says(corpus):
    # 第二十五条第二款 said as 接到后: the stem names the 重大、紧急信访事项和信访信息.
    report = choice("根据《信访工作条例》第二十五条，下列关于重大、紧急信访事项和信访信息报告的说法，错误的是（　）。",
                    ["地方各级党委和政府信访部门接到后，应当报上一级信访部门，由其决定是否报告国家信访局",
                     "各级机关、单位应当在职责范围内依法及时采取措施，防止不良影响的产生、扩大",
                     "地方各级党委和政府信访部门接到后，应当向上一级信访部门报告，同时报告国家信访局"],
                    "地方各级党委和政府信访部门接到后，应当报上一级信访部门，由其决定是否报告国家信访局", [25])
    assert_confirmed_only_as_keyed(report, "地方各级党委和政府信访部门接到后，应当向上一级信访部门报告，同时报告国家信访局", corpus)
    final = choice("陈某的事项经过复查、复核，他仍不服，又拿着同样的材料、同样的理由到县委信访局和县自然资源局反映。这两个单位应当（　）。",
                   ["均不再受理", "由县委信访局重新登记受理", "由县自然资源局重新出具处理意见", "转送市信访局再次复核"],
                   "均不再受理", [36])
    assert_confirmed_only_as_keyed(final, "转送市信访局再次复核", corpus)


def test_a_duty_word_far_from_the_rest_is_no_match_and_a_condition_may_be_said_as_what_a_rule_applies_to(corpus):
    # 第三十四条：……可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由.
    extension = choice("根据《信访工作条例》第三十四条，下列关于延长第三十一条第六项信访事项办理期限的说法，正确的有（　）。",
                       ["适用于情况复杂的信访事项", "须经本机关、单位负责人批准", "延长期限不得超过30日",
                        "应当告知信访人延期理由", "须报上一级信访部门备案"],
                       ["适用于情况复杂的信访事项", "须经本机关、单位负责人批准", "延长期限不得超过30日", "应当告知信访人延期理由"],
                       [34])
    assert_confirmed_only_as_keyed(extension, ["须经本机关、单位负责人批准", "延长期限不得超过30日", "应当告知信访人延期理由"],
                                   corpus)
    assert verdict(judge("情况复杂的信访事项延长办理期限，应当告知信访人延期理由。", True, [34]), corpus).status != WRONG


def test_a_duty_given_to_another_kind_of_doer_or_another_paragraph_s_consequence_confirms_a_false(corpus):
    reading = "根据《信访工作条例》，各级机关、单位领导干部应当定期接待群众来访、定期下访，群众来信和网上信访由本机关、单位信访部门阅办。"
    assert_judge_confirmed_only_false(reading, [18], "领导干部", corpus)
    police = "信访人违反《信访工作条例》第二十条、第二十六条规定的，有关机关、单位工作人员应当报请公安机关给予治安管理处罚。"
    assert_judge_confirmed_only_false(police, [47], "劝阻、批评或者教育", corpus)
    # The text's own consequence for that case is no crossing.
    own = "信访人违反《信访工作条例》第二十条、第二十六条规定的，有关机关、单位工作人员应当对其进行劝阻、批评或者教育。"
    assert verdict(judge(own, False, [47]), corpus).status != OK


def assert_judge_confirmed_only_false(statement, articles, text_words, corpus):
    confirmed = verdict(judge(statement, False, articles), corpus)
    assert confirmed.status == OK and text_words in confirmed.reason
    assert verdict(judge(statement, True, articles), corpus).status != OK


@pytest.mark.parametrize("statement, true", [
    ("信访人请求复查的30日期限，自其收到信访处理意见的书面答复之日起计算。", True),
    ("《信访工作条例》第三十一条第六项规定的信访事项的办理期限，自受理之日起计算。", True),
    ("《信访工作条例》第三十一条第六项规定的信访事项的办理期限，自收到信访事项之日起计算。", False),
])
def test_when_a_matter_s_period_starts_is_read_in_the_sentence_that_gives_it(statement, true, corpus):
    assert verdict(judge(statement, true, [34, 35]), corpus).status == OK
    assert verdict(judge(statement, not true, [34, 35]), corpus).status == WRONG


def test_a_period_s_start_in_other_words_is_never_faulted(corpus):
    # The 书面答复 of 第三十六条 is the 复查意见's: other words for the text's start, not another start.
    statement = "信访人请求复核的30日期限，自其收到复查意见之日起计算。"
    assert verdict(judge(statement, True, [36]), corpus).status != WRONG


def test_a_step_the_text_makes_a_condition_said_to_be_skipped_is_a_changed_provision(corpus):
    skip = "吴某可以不经复查，自收到书面答复之日起30日内直接向上一级机关、单位请求复核"
    review = choice("吴某不服县人社局出具的信访处理意见。下列说法正确的有（　）。",
                    ["吴某可以自收到书面答复之日起30日内请求县人社局的上一级机关、单位复查",
                     "收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，并予以书面答复", skip],
                    ["吴某可以自收到书面答复之日起30日内请求县人社局的上一级机关、单位复查",
                     "收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，并予以书面答复"], [35, 36])
    assert_confirmed_only_as_keyed(review, [*review.answer, skip], corpus)
    # 未履行……的，对直接负责的主管人员: 直接 there is no step skipped.
    duty = "各级党委和政府信访部门应当履行督办职责而未履行，造成严重后果的，对直接负责的主管人员和其他直接责任人员依规依纪依法严肃处理。"
    assert verdict(judge(duty, False, [43]), corpus).status != OK


def test_a_modal_verb_borrowed_from_another_paragraph_is_a_change_and_a_dropped_negation_is_named_alone(corpus):
    # 第三十六条第二款：复核机关、单位可以……举行听证; 应当 stands in 第一款 (收到复核请求的机关、单位应当……).
    hearing = verdict(judge("复核机关、单位应当按照本条例第三十一条第六项的规定举行听证。", True, [36]), corpus)
    assert hearing.status == WRONG and "“可以”改成了“应当”" in hearing.reason
    assert verdict(judge("复核机关、单位可以按照本条例第三十一条第六项的规定举行听证。", True, [36]), corpus).status == OK
    counted = verdict(judge("听证所需时间计算在前款规定的期限内。", True, [36]), corpus)
    assert counted.status == WRONG and "删去了原文的“不”" in counted.reason
