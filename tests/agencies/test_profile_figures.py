from decimal import Decimal

from agencies.profile_figures import facility_totals, risk_level, share, staff_table


def test_a_staff_table_gives_each_line_its_share_of_the_total():
    table = staff_table([("PNS", 30), ("Non PNS", 69)])
    assert table.total == 99
    assert [line.label for line in table.lines] == ["PNS", "Non PNS"]
    assert table.lines[0].share == Decimal(3000) / Decimal(99)
    assert sum(line.share for line in table.lines) == Decimal(100)


def test_an_empty_or_zero_staff_table_has_no_shares():
    assert staff_table([]).total == 0
    table = staff_table([("PPPK", 0)])
    assert table.total == 0 and table.lines[0].share is None
    assert share(1, 0) is None


def test_facility_totals_add_only_what_is_given():
    assert facility_totals([(2, None), (5, Decimal("1500000.50")), (None, Decimal("10"))]) == (
        7,
        Decimal("1500010.50"),
    )
    assert facility_totals([(None, None)]) == (None, None)
    assert facility_totals([]) == (None, None)


def test_risk_level_is_likelihood_times_impact_and_unknown_without_both():
    assert risk_level(3, 3) == 9
    assert risk_level(2, 2) == 4
    assert risk_level(None, 3) is None
    assert risk_level(3, None) is None
