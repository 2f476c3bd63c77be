"""The warehouse's events and claims as the rows of the field's formats (pandas frames).

Every function reads the rows a page shows for the same filters (the warehouse's filter macros) and
translates them; nothing is imputed. docs/exports.md says which convention fills each column.
"""
from collections import defaultdict
from datetime import date, datetime, time, timezone

import duckdb
import pandas as pd

from etl.export import codes
from etl.export.columns import ACLED_COLUMNS, AIRWARS_COLUMNS, CLAIM_COLUMNS, UCDP_GED_COLUMNS, UCDP_GED_EMPTY
from etl.export.filters import FILTERED, arguments

# Victim classes (claims.victim_class) as the groups of an Airwars-style range.
VICTIM_GROUPS = {"civilians": "civilians", "opposition fighters": "combatants", "government forces": "combatants",
                 "foreign fighters": "combatants", "mixed": "unclear", "unknown": "unclear"}
ROLE_ORDER = {"initiator": 0, "initiator ally": 1, "target": 2, "target ally": 3, "participant": 4}


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Rows as plain Python values (through Arrow: integers with gaps stay integers, dates stay dates).
    Run on the connection given: the dashboard passes a cursor of its own, already in the warehouse."""
    return connection.execute(sql, params or []).to_arrow_table().to_pylist()


def _typed(rows: list[dict], columns: tuple[str, ...], integers: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in integers:
        frame[column] = frame[column].astype("Int64")  # integers stay integers where a cell is empty
    return frame


class EventFacts:
    """Everything the event formats need about the events a page shows, read in a few queries."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, filters=None):
        self.events = _rows(connection, f"""
            SELECT e.*, p.country, p.admin1, p.kind AS place_kind
            FROM filtered_events({FILTERED}) e LEFT JOIN places p USING (place_id)
            ORDER BY e.date_start NULLS LAST, e.event_id
        """, arguments(filters))
        ids = [e["event_id"] for e in self.events]
        self.actors = defaultdict(list)
        for row in _rows(connection, """
                SELECT ea.event_id, ea.role, a.actor_id, a.name, a.kind, a.side
                FROM event_actors ea JOIN actors a USING (actor_id)
                WHERE list_contains(?, ea.event_id) ORDER BY ea.event_id, a.name""", [ids]):
            self.actors[row["event_id"]].append(row)
        for rows in self.actors.values():
            rows.sort(key=lambda r: (ROLE_ORDER.get(r["role"], 9), r["name"]))
        self.reports = defaultdict(list)
        for row in _rows(connection, """
                SELECT r.event_id, r.stance, r.claimant_id, s.name AS claimant, s.kind AS claimant_kind, s.alignment,
                       s.actor_id, d.doc_id, d.title, d.outlet, d.published_on, d.url
                FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id JOIN documents d USING (doc_id)
                WHERE list_contains(?, r.event_id) ORDER BY r.event_id, d.published_on, s.name""", [ids]):
            self.reports[row["event_id"]].append(row)
        self.claims = defaultdict(list)
        for row in _rows(connection, """
                SELECT c.event_id, c.claim_id, c.claimant_id, c.claimant, c.claimant_kind, c.alignment, c.kind,
                       c.victim_group, c.victim_class, c.figure, c.figure_text, c.low, c.high,
                       c.range_text, c.lowest, c.highest, c.comparison_group, c.as_of, c.doc_id,
                       c.document_title, c.outlet, c.published_on
                FROM claim_overview c WHERE list_contains(?, c.event_id)
                ORDER BY c.event_id, c.kind, c.as_of, c.claimant""", [ids]):
            self.claims[row["event_id"]].append(row)
        self.tolls = {(r["event_id"], r["kind"]): r for r in _rows(connection, """
                SELECT event_id, kind, acled_fatalities, ucdp_low, ucdp_best, ucdp_high, quantities, claimants
                FROM event_casualty_rollup WHERE list_contains(?, event_id)""", [ids])}
        # Each quantity of the event's toll with its conventions, as the roll-up adds them up (event_quantities).
        self.quantities = defaultdict(list)
        for row in _rows(connection, """
                SELECT event_id, kind, comparison_group, victim_class, lowest, best, highest, open_high
                FROM event_quantities WHERE list_contains(?, event_id)
                ORDER BY event_id, kind, comparison_group""", [ids]):
            self.quantities[row["event_id"]].append(row)
        self.grades = defaultdict(list)
        for row in _rows(connection, """
                SELECT event_id, kind, grade, grade_reason FROM toll_grades
                WHERE scope = 'event toll' AND list_contains(?, event_id)
                ORDER BY event_id, kind <> 'killed', kind""", [ids]):
            self.grades[row["event_id"]].append(row)

    def role(self, event_id: str, *roles: str) -> list[dict]:
        return [a for a in self.actors[event_id] if a["role"] in roles]

    def source_names(self, event_id: str) -> list[str]:
        """Who speaks of the event: the sources of its reports and the claimants of its figures."""
        names = [r["claimant"] for r in self.reports[event_id]] + [c["claimant"] for c in self.claims[event_id]]
        return list(dict.fromkeys(names))

    def speakers(self, event_id: str) -> list[tuple[str, str]]:
        pairs = [(r["claimant_kind"], r["alignment"]) for r in self.reports[event_id]]
        pairs += [(c["claimant_kind"], c["alignment"]) for c in self.claims[event_id]]
        return pairs

    def figures_text(self, event_id: str) -> str:
        return "; ".join(f"{c['claimant']} ({c['alignment']}): {c['figure_text']} {c['victim_group']} {c['kind']}"
                         for c in self.claims[event_id])


def _midpoint(start: date | None, end: date | None) -> date | None:
    if start is None:
        return None
    end = end or start
    return start + (end - start) / 2


def _when(event: dict) -> str:
    start, end = event["date_start"], event["date_end"] or event["date_start"]
    if start is None:
        return "Undated"
    if start == end:
        return f"On {start.day} {start:%B %Y}"
    return f"Between {start.day} {start:%B %Y} and {end.day} {end:%B %Y}"


def _days(event: dict) -> int | None:
    if event["date_start"] is None:
        return None
    return ((event["date_end"] or event["date_start"]) - event["date_start"]).days + 1


def _country(event: dict) -> tuple:
    return codes.COUNTRIES.get(event.get("country") or "", (None, None, None, None))


def _timestamp(reports: list[dict]) -> int | None:
    """When the warehouse last learnt of the event: the day its latest report was published (UTC)."""
    days = [r["published_on"] for r in reports if r["published_on"] is not None]
    if not days:
        return None
    return int(datetime.combine(max(days), time(), tzinfo=timezone.utc).timestamp())


def _acled_tags(facts: EventFacts, event: dict) -> str:
    tags = []
    killed = [c for c in facts.claims[event["event_id"]] if c["kind"] == "killed"]
    if not killed and facts.claims[event["event_id"]]:
        kinds = sorted({c["kind"] for c in facts.claims[event["event_id"]]})
        tags.append(f"casualties reported ({', '.join(kinds)}) but no deaths: fatalities 0")
    for claim in killed:
        if claim["low"] is None:
            tags.append(f"'{claim['figure_text']}' ({claim['claimant']}) has no lower bound: "
                        "it adds nothing to fatalities, no figure imputed")
        elif claim["figure"] is None:
            tags.append(f"'{claim['figure_text']}' ({claim['claimant']}) read as {claim['low']:,} "
                        "by the bounds contract (ACLED's rule for vague figures)")
    days = _days(event)
    if killed and days and days > 1:
        tags.append(f"fatalities over {days} possible days, not split across days")
    if killed:
        tags.append("fatalities: lowest reported figure of each quantity, as reported, no imputation")
    if event["contested"]:
        tags.append("contested: denied by " + ", ".join(event["denied_by"] or []))
    if event["method"] == "machine":
        tags.append("machine-extracted, not reviewed")
    return "; ".join(tags)


def acled(connection: duckdb.DuckDBPyConnection, filters=None) -> pd.DataFrame:
    """One row per event, in ACLED's 31 columns and conventions."""
    facts = EventFacts(connection, filters)
    rows = []
    for event in facts.events:
        eid = event["event_id"]
        first = facts.role(eid, "initiator") or facts.role(eid, "participant")
        actor1 = first[0] if first else None
        participants = facts.role(eid, "participant") if first and first[0]["role"] == "initiator" else []
        allies1 = first[1:] + facts.role(eid, "initiator ally") + participants
        targets = facts.role(eid, "target")
        actor2 = targets[0] if targets else None
        allies2 = targets[1:] + facts.role(eid, "target ally")
        inter1 = codes.inter_code(actor1["kind"], actor1["side"]) if actor1 else None
        inter2 = codes.inter_code(actor2["kind"], actor2["side"]) if actor2 else None
        actor2_name = actor2["name"] if actor2 else None
        iso, country, region, _ = _country(event)
        if actor2 is None and event["event_type"] == "Violence against civilians":
            actor2_name, inter2 = f"Civilians ({country})" if country else "Civilians", codes.CIVILIANS_INTER
        toll = facts.tolls.get((eid, "killed"))
        who = "; ".join(f"{r['claimant']} {r['stance']}" for r in facts.reports[eid])
        figures = facts.figures_text(eid)
        summary = (event["summary"] or event["sub_event_type"]).strip().rstrip(".")
        notes = (f"{_when(event)}: {summary}. Reports: {who or 'none'}."
                 + (f" Casualty figures: {figures}." if figures else ""))
        rows.append({
            "event_id_cnty": eid,
            "event_date": _midpoint(event["date_start"], event["date_end"]),
            "year": event["date_start"].year if event["date_start"] else None,
            "time_precision": codes.acled_time_precision(event["date_precision"]),
            "disorder_type": event["disorder_type"],
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": actor1["name"] if actor1 else None,
            "assoc_actor_1": "; ".join(a["name"] for a in allies1) or None,
            "inter1": inter1,
            "actor2": actor2_name,
            "assoc_actor_2": "; ".join(a["name"] for a in allies2) or None,
            "inter2": inter2,
            "interaction": codes.interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if inter2 == codes.CIVILIANS_INTER
                                  or event["event_type"] == "Violence against civilians" else None,
            "iso": iso, "region": region, "country": country,
            "admin1": event["admin1"], "admin2": None, "admin3": None,
            "location": event["place_name"],
            "latitude": event["latitude"], "longitude": event["longitude"],
            "geo_precision": codes.acled_geo_precision(event["where_prec"]),
            "source": "; ".join(facts.source_names(eid)) or None,
            "source_scale": codes.source_scale(facts.speakers(eid)) or None,
            "notes": notes,
            "fatalities": toll["acled_fatalities"] if toll else 0,
            "tags": _acled_tags(facts, event) or None,
            "timestamp": _timestamp(facts.reports[eid]),
        })
    return _typed(rows, ACLED_COLUMNS, ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                                        "geo_precision", "fatalities", "timestamp"))


def _ucdp_sides(facts: EventFacts, eid: str, violence: int) -> tuple[dict | None, dict | None]:
    """UCDP's side A is the government in state-based violence and the perpetrator in one-sided."""
    initiators = facts.role(eid, "initiator") or facts.role(eid, "participant")
    targets = facts.role(eid, "target")
    side_a = initiators[0] if initiators else None
    side_b = targets[0] if targets else None
    if violence == 1 and side_b is not None and side_b["side"] == "government" and (side_a or {}).get("side") != "government":
        side_a, side_b = side_b, side_a
    return side_a, side_b


def ucdp_ged(connection: duckdb.DuckDBPyConnection, filters=None) -> pd.DataFrame:
    """One row per event with a killed figure (UCDP's unit: at least one death), in GED's 49 columns."""
    facts = EventFacts(connection, filters)
    rows = []
    for event in facts.events:
        eid = event["event_id"]
        toll = facts.tolls.get((eid, "killed"))
        if toll is None:
            continue
        sides = {a["side"] for a in facts.role(eid, "initiator", "target", "participant")}
        violence = codes.type_of_violence(event["event_type"], sides)
        side_a, side_b = _ucdp_sides(facts, eid, violence)
        deaths = defaultdict(float)
        for quantity in facts.quantities[eid]:
            if quantity["kind"] != "killed":
                continue
            victims = quantity["victim_class"]
            if victims == "civilians":
                deaths["civilians"] += quantity["best"] or 0
            elif side_a and victims == {"government": "government forces", "opposition": "opposition fighters"}.get(side_a["side"]):
                deaths["a"] += quantity["best"] or 0
            elif side_b and victims == {"government": "government forces", "opposition": "opposition fighters"}.get(side_b["side"]):
                deaths["b"] += quantity["best"] or 0
        best = round(toll["ucdp_best"])
        a, b, civilians = round(deaths["a"]), round(deaths["b"]), round(deaths["civilians"])
        iso, country, region, gw = _country(event)
        reports = facts.reports[eid]
        documents = list({r["doc_id"]: r for r in reports}.values())
        government_a = side_a is not None and side_a["side"] == "government" and side_a["kind"] in ("state forces", "government")
        lat, lon = event["latitude"], event["longitude"]
        rows.append({
            "id": eid, "relid": eid,
            "year": event["date_start"].year if event["date_start"] else None,
            "type_of_violence": violence,
            "side_a": side_a["name"] if side_a else None,
            "side_b": side_b["name"] if side_b else ("Civilians" if violence == 3 else None),
            "number_of_sources": len(facts.source_names(eid)),
            "source_article": "; ".join(f"{d['outlet'] or 'unknown outlet'}, {d['published_on'] or 'undated'}, \"{d['title']}\""
                                        for d in documents) or None,
            "source_office": "; ".join(dict.fromkeys(d["outlet"] or "unknown outlet" for d in documents)) or None,
            "source_date": "; ".join(str(d["published_on"]) for d in documents if d["published_on"]) or None,
            "source_headline": "; ".join(d["title"] for d in documents) or None,
            "source_original": "; ".join(facts.source_names(eid)) or None,
            "where_prec": event["where_prec"],
            "where_coordinates": event["place_name"],
            "where_description": (f"{event['place_name']} ({event['place_kind']})" if event["place_name"] else None),
            "adm_1": event["admin1"],
            "latitude": lat, "longitude": lon,
            "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
            "priogrid_gid": codes.priogrid_gid(lat, lon),
            "country": country, "country_id": gw, "region": region,
            "event_clarity": 1 if event["date_precision"] == "day" and not event["contested"] else 2,
            "date_prec": codes.ucdp_date_prec(_days(event)),
            "date_start": event["date_start"], "date_end": event["date_end"],
            "deaths_a": a, "deaths_b": b, "deaths_civilians": civilians,
            "deaths_unknown": max(best - a - b - civilians, 0),
            "best": best, "high": toll["ucdp_high"], "low": toll["ucdp_low"],
            "gwnoa": gw if government_a else None,
        })
    return _typed(rows, UCDP_GED_COLUMNS, (
        "year", "type_of_violence", "number_of_sources", "where_prec", "priogrid_gid", "country_id",
        "event_clarity", "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
        "high", "low", "gwnoa", "gwnob"))


def ucdp_sidecar(frame: pd.DataFrame, left_out: int) -> str:
    lines = ["UCDP GED-compatible export of a claim-level fact base (see docs/exports.md).", "",
             "Columns present and always empty (UCDP's own identifiers and judgements):"]
    lines += [f"- {column}: {why}" for column, why in UCDP_GED_EMPTY.items()]
    lines += ["", "Columns filled differently from UCDP:",
              "- id, relid: the warehouse's event id (text), not a UCDP id",
              "- gwnoa: set only where side A is the government forces of the event's country",
              "- low / best / high: the claims' lowest / median / highest figures, summed over quantities",
              "- deaths_unknown: best minus the deaths given to a side or to civilians",
              "", f"Events: {len(frame)}; left out: {left_out} event(s) with no killed figure "
                  "(UCDP's unit is an event with at least one death)."]
    return "\n".join(lines) + "\n"


def _grade(facts: EventFacts, event_id: str) -> tuple[str | None, str]:
    """The grade of the event's toll from the view toll_grades, the one place the grade rules live:
    of its killed if it has a killed toll, else of the first kind it has (wounded, ...)."""
    grades = facts.grades[event_id]
    if not grades:
        return None, "No casualty figure is claimed for this event: a grade is given to a toll."
    row = grades[0]
    return row["grade"].capitalize(), row["grade_reason"]


def airwars(connection: duckdb.DuckDBPyConnection, filters=None) -> pd.DataFrame:
    """One row per event: killed and injured min-max by victim group, the grade, the sources."""
    facts = EventFacts(connection, filters)
    rows = []
    for event in facts.events:
        eid = event["event_id"]
        ranges = defaultdict(lambda: [0, 0])
        open_ended = []
        for quantity in facts.quantities[eid]:
            kind = {"killed": "killed", "wounded": "injured"}.get(quantity["kind"])
            if kind is None:
                continue
            key = f"{VICTIM_GROUPS.get(quantity['victim_class'], 'unclear')}_{kind}"
            ranges[key][0] += quantity["lowest"] or 0
            ranges[key][1] += quantity["highest"] or 0
            if quantity["open_high"]:
                open_ended.append(key)
        grade, reason = _grade(facts, eid)
        iso, country, region, _ = _country(event)
        row = {
            "incident_id": eid, "date_start": event["date_start"], "date_end": event["date_end"],
            "date_precision": event["date_precision"], "location": event["place_name"], "admin1": event["admin1"],
            "country": country, "latitude": event["latitude"], "longitude": event["longitude"],
            "where_prec": event["where_prec"], "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "belligerents": "; ".join(a["name"] for a in facts.role(eid, "initiator", "initiator ally")) or None,
            "summary": event["summary"],
            "open_ended": "; ".join(f"{key}_max is a lowest figure ('at least')" for key in dict.fromkeys(open_ended)) or None,
            "grade": grade, "grade_reason": reason,
            "sources": len(facts.source_names(eid)),
            "claimants": "; ".join(dict.fromkeys(c["claimant"] for c in facts.claims[eid])) or None,
            "denied_by": "; ".join(event["denied_by"] or []) or None,
            "method": event["method"],
        }
        for key, (low, high) in ranges.items():
            row[f"{key}_min"], row[f"{key}_max"] = low, high
        rows.append(row)
    counts = tuple(c for c in AIRWARS_COLUMNS if c.endswith(("_min", "_max")))
    return _typed(rows, AIRWARS_COLUMNS, counts + ("where_prec", "sources"))


def claims(connection: duckdb.DuckDBPyConnection, filters=None, base_url: str = "") -> pd.DataFrame:
    """One row per claim: claimant, alignment, bounds, sentence and permalink."""
    rows = _rows(connection, f"""
        SELECT c.claim_id, c.claimant, c.claimant_kind, c.alignment, c.claimant_text, c.kind, c.victim_group,
               c.victim_class, c.figure_text, c.qualifier, c.figure, c.low, c.high, c.range_text,
               c.as_of, c.as_of_precision, c.date_start, c.date_end, c.date_text, c.place_name AS place,
               p.latitude, p.longitude, c.event_id, c.event_summary, c.comparison_group, c.doc_id,
               c.document_title, c.outlet, d.url, c.published_on, c.evidence, c.sentence, c.char_start,
               c.char_end, c.method, c.confidence
        FROM filtered_claims({FILTERED}) c JOIN documents d USING (doc_id) LEFT JOIN places p ON p.place_id = c.place_id
        ORDER BY c.as_of, c.claimant, c.claim_id
    """, arguments(filters))
    for row in rows:
        row["permalink"] = f"{base_url}claims?claim={row['claim_id']}"
    return _typed(rows, CLAIM_COLUMNS, ("figure", "low", "high", "char_start", "char_end"))
