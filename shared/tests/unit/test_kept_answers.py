"""`shared.kept_answers`: a budget in bytes, the least recently used answer leaving first, and statements that digest
exactly the rows they would send."""

from __future__ import annotations

from shared.kept_answers import KEEPERS, KeptAnswers, KeptAnswersMetrics, digest_sql, joined, kept, rows_sql


def test_the_least_recently_used_answers_leave_when_the_budget_is_spent():
    kept = KeptAnswers("test", budget=10)
    kept.keep("a", b"1234")
    kept.keep("b", b"1234")
    assert kept.get("a") == b"1234"  # now the most recently used
    kept.keep("c", b"1234")
    assert (kept.get("b"), kept.get("a"), kept.get("c")) == (None, b"1234", b"1234")
    assert (len(kept), kept.size, kept.hits, kept.misses) == (2, 8, 3, 1)


def test_an_answer_kept_again_replaces_its_bytes_and_one_over_the_budget_is_given_back_unkept():
    kept = KeptAnswers("test", budget=10)
    kept.keep("a", b"12345678")
    kept.keep("a", b"12")
    assert (kept.get("a"), kept.size) == (b"12", 2)
    assert kept.keep("big", b"x" * 11) == b"x" * 11
    assert (kept.get("big"), kept.size) == (None, 2)


def test_the_statements_digest_the_whole_row_under_positional_names():
    sql = "SELECT c.id, d.id, c.name FROM cases c JOIN debtors d ON d.id = c.debtor_id"
    assert digest_sql(sql, width=3, keys=(0, 2)) == (
        "SELECT x.k0, x.k2, sha256(convert_to(x::text, 'UTF8')) FROM (" + sql + ") AS x(k0, k1, k2)"
    )
    assert rows_sql(sql, width=3) == (
        "SELECT x.*, sha256(convert_to(x::text, 'UTF8')) FROM (" + sql + ") AS x(k0, k1, k2)"
    )
    assert joined([b'{"a":1}', b"2"]) == b'[{"a":1},2]' and joined([]) == b"[]"


def test_a_smaller_budget_lets_the_least_recently_used_go_and_metrics_show_each_keeper():
    keeper = kept("unit-test")
    try:
        for key in "abc":
            keeper.keep(key, b"1234")
        keeper.get("a")
        keeper.resize(8)
        assert (keeper.get("b"), keeper.get("a"), keeper.get("c"), keeper.size) == (None, b"1234", b"1234", 8)
        shown = {
            (family.name, sample.labels["answers"]): sample.value
            for family in KeptAnswersMetrics().collect()
            for sample in family.samples
            if not sample.name.endswith("_created")
        }
        assert {name: value for (name, answers), value in shown.items() if answers == "unit-test"} == {
            "kept_answers_hits": 3,
            "kept_answers_misses": 1,
            "kept_answers": 2,
            "kept_answers_bytes": 8,
        }
    finally:
        del KEEPERS["unit-test"]
