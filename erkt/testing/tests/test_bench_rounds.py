"""The bench's ratios (erkt.testing.bench_rounds): taken round by round, so that a round the
machine ran slower moves the page and its divisor together and not the ratio."""

from erkt.testing.bench import Page
from erkt.testing.bench_rounds import Side, alternating, ratios, spread, timed_result

PAGE = Page("inbox", "Kotak Tugas /tugas/", "kepala", "/tugas/")


def test_a_round_the_machine_slowed_down_leaves_the_ratio_alone():
    one = Side(1, None, times={"bare": [1.0, 5.0, 1.0], "inbox": [2.0, 10.0, 12.0]})

    result = timed_result(one, one, PAGE, suffix="")

    # The medians' ratio would read 10x; round by round the page is 2x, 2x and 12x.
    assert (result.x_bare, result.x_bare_p25, result.x_bare_p75) == (2.0, 2.0, 12.0)
    assert result.name == "inbox" and result.label == "Kotak Tugas /tugas/"
    assert result.median_ms == 10_000.0 and result.x_one is None


def test_a_page_at_n_is_divided_by_the_same_page_at_1_of_the_same_round():
    one = Side(1, None, times={"bare": [1.0, 2.0], "inbox": [3.0, 6.0]})
    many = Side(900, None, times={"bare": [2.0, 1.0], "inbox": [6.0, 3.0]})

    result = timed_result(many, one, PAGE, suffix="_http")

    assert result.name == "inbox_http_scale_900"
    assert result.label == "Kotak Tugas /tugas/ over HTTP @900"
    assert ratios(many.times["inbox"], one.times["inbox"]) == [2.0, 0.5]
    assert (result.x_one, result.x_one_p25, result.x_one_p75) == (1.25, 0.5, 2.0)
    assert (result.x_bare, result.x_bare_p25, result.x_bare_p75) == (3.0, 3.0, 3.0)


def test_neither_scale_is_always_measured_first():
    one, many = Side(1, None), Side(900, None)

    assert [side.scale for side in alternating([one, many], 3)] == [1, 900, 900, 1, 1, 900]


def test_the_spread_is_of_observed_values():
    assert spread([4.0, 1.0, 3.0, 2.0]) == spread([1.0, 2.0, 3.0, 4.0])
    assert (spread([1.0, 2.0, 3.0, 4.0]).p25, spread([1.0, 2.0, 3.0, 4.0]).p75) == (1.0, 3.0)
