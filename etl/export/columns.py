"""Column lists of the field's formats, in their published order.

ACLED: the 31 columns of an ACLED export since ACLED's column changes of 20 March 2023 (ACLED
Codebook 2023; the 2024 codebook keeps them). UCDP GED: the 49 columns of the UCDP Georeferenced
Event Dataset, as in the GED Global codebook version 25.1 (the same list as 22.1 to 24.1).
"""

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

UCDP_GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
)

# UCDP's own identifiers and judgements, which a fact base of articles cannot know: always empty.
UCDP_GED_EMPTY = {
    "active_year": "whether the dyad passed UCDP's 25-deaths threshold that year: a UCDP judgement",
    "code_status": "UCDP's internal coding status",
    "conflict_dset_id": "UCDP conflict id",
    "conflict_new_id": "UCDP conflict id",
    "conflict_name": "UCDP conflict name",
    "dyad_dset_id": "UCDP dyad id",
    "dyad_new_id": "UCDP dyad id",
    "dyad_name": "UCDP dyad name",
    "side_a_dset_id": "UCDP actor id",
    "side_a_new_id": "UCDP actor id",
    "side_b_dset_id": "UCDP actor id",
    "side_b_new_id": "UCDP actor id",
    "adm_2": "the gazetteer has no second-order administrative divisions",
    "gwnob": "Gleditsch-Ward number of a state on side B: the warehouse does not code actors' states",
}

AIRWARS_COLUMNS = (
    "incident_id", "date_start", "date_end", "date_precision", "location", "admin1", "country", "latitude",
    "longitude", "where_prec", "event_type", "sub_event_type", "belligerents", "summary",
    "civilians_killed_min", "civilians_killed_max", "civilians_injured_min", "civilians_injured_max",
    "combatants_killed_min", "combatants_killed_max", "combatants_injured_min", "combatants_injured_max",
    "unclear_killed_min", "unclear_killed_max", "unclear_injured_min", "unclear_injured_max",
    "open_ended", "grade", "grade_reason", "sources", "claimants", "denied_by", "method",
)

CLAIM_COLUMNS = (
    "claim_id", "permalink", "claimant", "claimant_kind", "alignment", "claimant_text", "kind",
    "victim_group", "victim_class", "figure_text", "qualifier", "figure", "low", "high",
    "range_text", "as_of", "as_of_precision", "date_start", "date_end", "date_text", "place", "latitude",
    "longitude", "event_id", "event_summary", "comparison_group", "doc_id", "document_title", "outlet", "url",
    "published_on", "evidence", "sentence", "char_start", "char_end", "method", "confidence",
)
