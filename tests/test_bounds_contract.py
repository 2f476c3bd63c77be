"""The bounds contract, on figures as the seed articles write them."""
import pytest

from etl.core.quantities import QuantityError, parse_figure


@pytest.mark.parametrize(
    "written, low, high, qualifier, approximate",
    [
        ("58", 58, 58, None, False),                       # exact
        ("At least 58", 58, None, "At least", False),      # 002: Hadi al-Abdallah
        ("over 600", 600, None, "over", False),            # 002
        ("more than 20,000", 20000, None, "more than", False),  # 000
        ("up to 1,000", None, 1000, "up to", False),       # 001
        ("as many as 1,500", None, 1500, "as many as", False),  # 004
        ("anywhere from 23 to 40", 23, 40, "anywhere from", False),
        ("some 30", 27, 33, "some", True),                 # 002: band of +/- 10 %
        ("about 30", 27, 33, "about", True),
        ("nearly 30", 27, 30, "nearly", True),
        ("almost 30", 27, 30, "almost", True),
        ("Hundreds", 100, None, "Hundreds", False),        # 000: ACLED's table
        ("Dozens", 12, None, "Dozens", False),             # 004
        ("several hundred", 300, None, "several hundred", False),  # 002
        ("thousands", 1000, None, "thousands", False),     # 000
        ("Ten", 10, 10, None, False),                      # 003
        ("half a dozen", 6, 6, None, False),               # 003
        ("two dozen", 24, 24, None, False),
        ("1,000,000,000,000", 10**12, 10**12, None, False),
        ("23-40", 23, 40, None, False),                    # a hyphenated range, not 23 + 40
        ("between 40 - 50", 40, 50, "between", False),
        ("twenty-five", 25, 25, None, False),
    ],
)
def test_figure_bounds(written, low, high, qualifier, approximate):
    quantity = parse_figure(written)
    assert (quantity.low, quantity.high, quantity.qualifier, quantity.approximate) == (low, high, qualifier, approximate)


@pytest.mark.parametrize("written", ["anywhere from 40 to 23", "many", "", "58 and a half", "23 40"])
def test_unreadable_or_reversed_figures_are_refused(written):
    with pytest.raises(QuantityError):
        parse_figure(written)


@pytest.mark.parametrize("written", ["-5", "\u22125", "at least -1,000", "5 to -3"])
def test_a_negative_count_is_refused_not_read_without_its_sign(written):
    with pytest.raises(QuantityError, match="a count cannot be negative"):
        parse_figure(written)
