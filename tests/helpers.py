import copy
from decimal import Decimal

from interchange.walk import dataset_indicators


def indicators_of(data):
    """The indicator dicts of a dataset document, in order."""
    return (indicator for _path, indicator in dataset_indicators(data))


# The demo carries what its own LAKIP gives for issue 18's tables; a test of "left out when empty", or one that types
# its own rows, starts from the demo without them.
def without_profile(data):
    """The dataset without its organisation profile nor its units' tugas and fungsi."""
    data.pop("organisation_profile", None)
    for unit in data.get("org_units") or []:
        unit.pop("duties", None)
        unit.pop("functions", None)
    return data


def without_whole_budget(data):
    """The dataset without the agency's whole budget (Belanja OPD) nor grouped realisations."""
    data.pop("expenditures", None)
    data.pop("spending_groups", None)
    return data


def without_strategic_context(data):
    """The dataset without any sasaran's misi or RPJMD goal."""
    for goal in data.get("goals") or []:
        for objective in goal.get("objectives") or []:
            objective.pop("mission", None)
            objective.pop("rpjmd_goal", None)
    return data


def without_year_units(data):
    """The dataset with every year's realisation in its indicator's unit (the demo's S4.2 2019–2020 are products)."""
    for indicator in indicators_of(data):
        for realisation in (indicator.get("realisations") or {}).values():
            realisation.pop("unit", None)
    return data


def agency_data(demo_dataset, k: int) -> dict:
    """The demo agency as the k-th agency of its Pemda: its own code and name, and year N's realisations and
    budget realisations moved by k so that no two agencies have the same figures."""
    data = copy.deepcopy(demo_dataset)
    data["agency"].update(code=f"opd-{k:02d}", name=f"Dinas Uji {k:02d}", short_name=f"DU{k:02d}")
    factor = Decimal(100 - 3 * (k % 9)) / 100
    for indicator in indicators_of(data):
        entry = (indicator.get("realisations") or {}).get("2021")
        if entry and entry.get("value") not in (None, ""):
            try:
                entry["value"] = str((Decimal(entry["value"]) * factor).quantize(Decimal("0.01")))
            except ArithmeticError:
                continue
            entry.pop("declared_capaian", None)
    return data
