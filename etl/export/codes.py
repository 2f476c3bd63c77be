"""The field's code lists the exports translate the warehouse into (ACLED Codebook 2023, UCDP GED 25.1).

Only what the warehouse's own values need: the countries its gazetteer holds, its actor kinds, its
source kinds. A value missing here is exported empty, never guessed.
"""

# ISO 3166-1 alpha-2 (places.country) -> ISO numeric (ACLED `iso`), the country's name as ACLED and
# UCDP write it, ACLED's region, and the Gleditsch-Ward number (UCDP `country_id`, `gwnoa`).
COUNTRIES = {
    "SY": (760, "Syria", "Middle East", 652),
    "LB": (422, "Lebanon", "Middle East", 660),
    "IQ": (368, "Iraq", "Middle East", 645),
    "IR": (364, "Iran", "Middle East", 630),
    "TR": (792, "Turkey", "Middle East", 640),
    "JO": (400, "Jordan", "Middle East", 663),
    "IL": (376, "Israel", "Middle East", 666),
    "YE": (887, "Yemen", "Middle East", 679),
    "RU": (643, "Russia", "Europe", 365),
    "CH": (756, "Switzerland", "Europe", 225),
    "US": (840, "United States", "North America", 2),
}

# ACLED 'inter' codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. Keyed by (actors.kind, actors.side);
# a side of None is any side. A foreign state acting in the war is ACLED's 8 (state forces outside
# their own country); a person takes the code of the side they act for.
INTER_CODES = {
    ("state forces", "government"): 1,
    ("government", "government"): 1,
    ("state forces", "international"): 8,
    ("state", None): 8,
    ("rebel group", None): 2,
    ("militia", None): 3,
    ("political party", None): 3,
    ("political body", None): 3,
    ("communal group", None): 4,
    ("international organisation", None): 8,
    ("non-governmental organisation", None): 8,
    ("person", "government"): 1,
    ("person", "opposition"): 2,
    ("person", "international"): 8,
    ("person", "none"): 7,
}
CIVILIANS_INTER = 7


def inter_code(kind: str | None, side: str | None) -> int | None:
    if kind is None:
        return None
    return INTER_CODES.get((kind, side), INTER_CODES.get((kind, None)))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's joint code: the two inter codes, lower first (12, 17); one actor alone is code x 10."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


# ACLED source_scale from who speaks (sources.kind, sources.alignment); several scales are joined
# with '-' in ACLED's order.
SCALE_ORDER = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
SCALE_BY_KIND = {
    "opposition activist": "Local",
    "armed group": "Local",
    "monitoring group": "National",
    "state media": "National",
    "party media": "National",
    "government official": "National",
    "political body": "National",
    "news agency": "International",
    "UN/humanitarian body": "International",
    "think tank analyst": "Other",
    "reader": "New media",
}


def source_scale(sources: list[tuple[str, str]]) -> str:
    scales = set()
    for kind, alignment in sources:
        scale = SCALE_BY_KIND.get(kind)
        if scale is None:
            scale = "International" if alignment == "international" else "National"
        scales.add(scale)
    return "-".join(s for s in SCALE_ORDER if s in scales)


# UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
def type_of_violence(event_type: str, sides: set[str]) -> int:
    if event_type == "Violence against civilians":
        return 3
    return 1 if "government" in sides else 2


def ucdp_date_prec(days: int | None) -> int | None:
    """UCDP date_prec from the number of days the event may fall on: 1 the day, 2 two to six days,
    3 a week, 4 within a month, 5 longer (within a year)."""
    if days is None:
        return None
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    return 4 if days <= 31 else 5


def acled_time_precision(date_precision: str | None) -> int | None:
    """ACLED time_precision: 1 the day is known, 2 the week, 3 only the month (or less)."""
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(date_precision or "")


def acled_geo_precision(where_prec: int | None) -> int | None:
    """ACLED geo_precision from UCDP where_prec: 1 the town itself, 2 near it or part of a region,
    3 a larger region (district, governorate, country)."""
    if where_prec is None:
        return None
    return 1 if where_prec == 1 else 2 if where_prec == 2 else 3


def priogrid_gid(latitude: float | None, longitude: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degree, numbered row by row from the south-west corner, from 1)."""
    if latitude is None or longitude is None:
        return None
    row = min(int((latitude + 90) * 2), 359)
    col = min(int((longitude + 180) * 2), 719)
    return row * 720 + col + 1
