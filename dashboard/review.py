"""Review: a person accepts, corrects or rejects the machine's facts in a document, or adds one it missed.

Thin: what is written, where and after which checks is the project's review interface (etl/review); the
warehouse is only read. Decisions go into the corpus's coded-fact files and take effect at the next build,
which the page can run (as a command). Where nothing may be written (a shared deployment), the page says so
and shows no controls.
"""
import os

import pandas as pd
import streamlit as st

from dashboard import highlight, links, queries, settings, tables
from dashboard.formatting import bounds, plain, published, when
from dashboard.warehouse_file import build_info
from etl import review

st.title("Review the machine's facts")


def unavailable() -> str | None:
    if settings.SHARED_DEPLOYMENT:
        return ("Review is a local feature. This is a shared deployment: many readers share one copy of the "
                "project, and a decision saved here would reach neither the repository nor the next deployment. "
                "To review, run the dashboard from your own clone of the repository (README, *Quick start*), "
                "open Review there, and commit the changed files under `seeds/facts/`, so that version "
                "control shows who decided what.")
    if not settings.REVIEW_ENABLED:
        return "Review is switched off on this machine (`CONFLICT_REVIEW=0`)."
    why = review.not_writable(settings.CORPUS)
    if why:
        return f"Review is a local feature that saves decisions into the corpus, but {why}."
    return None


reason_off = unavailable()
if reason_off:
    st.info(reason_off)
    st.stop()

total = int(queries.holdings()["documents"])
if not total:
    st.info("The warehouse holds no documents yet: add articles to the corpus folder and run `python -m etl build`.")
    st.stop()


def other_corpus() -> tuple[str, str] | None:
    """Why this warehouse cannot be reviewed into the corpus the page writes to (none of its documents is
    there: it was built from another corpus folder), and the command that serves it with its own corpus.
    None when any of its documents is there."""
    corpus = settings.CORPUS
    docs = queries.review_documents(None, "", settings.FILTER_MAX_DOCUMENTS)  # the corpus check reads the first few
    if any((corpus / file.split("#")[0]).is_file() for file in docs.file):  # bulk.jsonl#<id>: a line of bulk.jsonl
        return None
    built_from = (build_info(settings.WAREHOUSE) or {}).get("corpus")
    which = "`CONFLICT_CORPUS` names it" if "CONFLICT_CORPUS" in os.environ else "the default: `CONFLICT_CORPUS` is not set"
    why = (f"Review cannot work on this warehouse: it was built from another corpus folder"
           f"{f' (named `{built_from}`)' if built_from else ''}, and none of its {total:,} documents (such as "
           f"`{docs.file.iloc[0]}`) is in `{review.shown_path(corpus)}`, the corpus Review saves decisions into and "
           f"rebuilds from ({which}). Start the dashboard with `CONFLICT_CORPUS` set to the folder the warehouse was "
           f"built from:")
    return why, (f"CONFLICT_CORPUS=path/to/{built_from or 'corpus'} CONFLICT_WAREHOUSE={settings.WAREHOUSE} "
                 f"streamlit run streamlit_app.py")


mismatch = other_corpus()
if mismatch:
    st.error(mismatch[0])
    st.code(mismatch[1], language="bash")
    st.stop()
st.caption("The machine extractor proposes facts with a confidence (a rule score). Accept what it got right, "
           "correct what it got partly right, reject what is not a fact, add what it missed. Decisions are saved "
           "in the document's coded-fact file under the corpus's `facts/` and take effect at the next build.")

# Remembered across pages: a widget's own state is dropped when another page is shown.
if "review_reviewer" not in st.session_state:
    st.session_state["review_reviewer"] = st.session_state.get("review_name", review.default_reviewer())
reviewer = st.text_input("Reviewer", key="review_reviewer", placeholder="your name",
                         help="Saved with each decision; taken from `git config user.name` where that is set.").strip()
st.session_state["review_name"] = reviewer

# A warehouse at scale holds hundreds of thousands of documents: listing them all as choices would cost
# every visit seconds. The box offers the document a link names and the first FILTER_MAX_DOCUMENTS of
# those whose title or outlet holds the words searched for.
words = ""
if total > settings.FILTER_MAX_DOCUMENTS:
    words = st.text_input("Find documents", key="review_document_words", placeholder="words of a title or outlet",
                          help=f"The box below offers the first {settings.FILTER_MAX_DOCUMENTS} documents whose title "
                               "or outlet holds these words (those with machine facts to review first), and the one "
                               "a link names.").strip()
docs = queries.review_documents(st.query_params.get("doc") or st.session_state.get("review_doc"), words,
                                settings.FILTER_MAX_DOCUMENTS)
if docs.empty:
    st.info(f"No document's title or outlet holds “{words}”.")
    st.stop()
# The label stays the same across builds: a select box whose option labels change under it keeps showing the old one.
labels = {r.doc_id: f"{r.outlet}, {published(r.published_on, r.published_precision)}: {r.title}"
          for r in docs.itertuples()}
doc_id, _ = links.url_select("Document", "doc", labels, "review_doc", "in the warehouse")
row = docs.set_index("doc_id").loc[doc_id]
st.caption(f"{row.machine_facts} unconfirmed machine fact{'s' if row.machine_facts != 1 else ''} and "
           f"{row.checked_facts} coded or reviewed in this document; documents with machine facts to review "
           f"come first in the list.")
if not reviewer:
    st.warning("Enter your name above to decide: every decision records who made it.")

try:
    document = review.read_document(settings.CORPUS, row.file)
    fact_file = review.fact_file_state(settings.CORPUS, row.file)
except review.ReviewError as exc:
    st.error(f"{exc}. Decisions on this document cannot be saved until that is fixed.")
    st.stop()
if document.sha256 != row.sha256:
    st.warning(f"{row.file} changed since the warehouse was built: rebuild before reviewing, so that the facts "
               f"below are read from its present text.")

# --- What was saved, and the next build ---------------------------------------------------------
saved = st.session_state.get("review_saved")
if saved and saved["doc_id"] == doc_id:
    st.success(f"Saved to `{saved['file']}` (line {saved['line']}): {saved['decision']} {saved['what']}. It takes "
               f"effect at the next build: *Rebuild now*, or `python -m etl build`. Commit the file so that version "
               f"control records who changed what.")
    st.code(saved["text"], language="yaml")
built = st.session_state.get("review_build")
rebuild_col, info_col = st.columns([1, 4])
if rebuild_col.button("Rebuild now", key="review_rebuild", type="primary" if saved else "secondary"):
    with st.spinner("Building the warehouse ..."):
        ok, output = review.build_warehouse(settings.CORPUS, settings.WAREHOUSE, settings.BUILD_TIMEOUT_SECONDS)
    st.session_state["review_build"] = {"ok": ok, "output": output}
    if ok:
        st.session_state.pop("review_saved", None)
    st.rerun()
# A --machine-only warehouse ignores review decisions by design; Rebuild now builds with them, so say so.
machine_only = (build_info(settings.WAREHOUSE) or {}).get("mode") == review.MACHINE_ONLY_MODE
info_col.caption(f"Runs `python -m etl build` on `{review.shown_path(settings.CORPUS)}` into the warehouse "
                 f"this dashboard reads; the pages show the new facts as soon as it is done."
                 + (" This warehouse was built `--machine-only`, which leaves out coded facts and review decisions: "
                    "*Rebuild now* builds it with them." if machine_only else ""))
if built:
    if built["ok"]:
        st.success("Rebuilt: the page now shows the warehouse with the saved decisions.")
    else:
        st.error("The build failed and the warehouse is unchanged. Its message names the file and line to fix:")
    with st.expander("Build output", expanded=not built["ok"]):
        st.code(built["output"] or "(no output)", language=None)

claims = queries.review_claims(doc_id)
reports = queries.review_event_reports(doc_id)
choices = review.choices()
known = queries.review_choices()
places, sources, known_actors, checked_events = known["places"], known["sources"], known["actors"], known["events"]


def decide(decision: str, fact: str, what: str, machine_id: str | None = None, record: dict | None = None,
           reason: str | None = None) -> None:
    outcome = review.save(settings.CORPUS, document, review.Decision(
        decision, fact, reviewer, machine_id, record, reason or None))
    saved(outcome, decision, what)


def saved(outcome, decision: str, what: str) -> None:
    """After a save: the error, or the decision remembered for the page to show, and a fresh run."""
    if outcome.error:
        st.error(f"Not saved: {outcome.error}")
        return
    st.session_state["review_saved"] = {"doc_id": doc_id, "decision": decision, "what": what, "line": outcome.line,
                                        "file": review.shown_path(outcome.path), "text": outcome.text}
    st.session_state.pop("review_build", None)
    st.rerun()


def pick(label: str, options: list, current, key: str, names: dict | None = None, **extra):
    index = options.index(current) if current in options else 0
    return st.selectbox(label, options, index=index, key=key,
                        format_func=(lambda v: names.get(v, v)) if names else str, **extra)


def date_field(label: str, current, key: str) -> str:
    written = st.text_input(label, value=current or "", key=key,
                            help="As written in the text (“on Tuesday”, “early last month”), or YYYY-MM-DD, "
                                 "YYYY-MM or YYYY-MM-DD..YYYY-MM-DD.").strip()
    if written:
        try:
            days = review.resolve_when(document, written)
            st.caption(f"Refers to {when(days.start, days.end, days.precision)} ({days.precision} precision)")
        except review.ReviewError as exc:
            st.warning(str(exc))
    return written


def claimant_names() -> dict:
    names = dict(sources)
    if row.outlet_source_id:
        names["outlet"] = f"the article's own voice ({sources.get(row.outlet_source_id, row.outlet)})"
    return names


def claim_form(key: str, start: dict, near: int | None = None) -> dict:
    """The fields of a claim; bounds and date are shown as the build will read them. `near` is
    where the fact being corrected is, to pick the quote's occurrence when it occurs more than once."""
    record = {"quote": st.text_input("Quote: the article's exact words", value=start.get("quote", ""),
                                     key=f"{key}_quote")}
    if near is not None:
        record["occurrence"] = review.occurrence_near(document, record["quote"], near)
    figure_col, bounds_col = st.columns(2)
    record["figure"] = figure_col.text_input("Figure as written, inside the quote", value=start.get("figure", ""),
                                             key=f"{key}_figure")
    if record["figure"].strip():
        try:
            quantity = review.figure_bounds(record["figure"])
            bounds_col.markdown(f"**Bounds**  \n{bounds(quantity.low, quantity.high)}"
                                + (" (approximate)" if quantity.approximate else ""))
        except review.ReviewError as exc:
            bounds_col.warning(str(exc))
    kind_col, class_col = st.columns(2)
    with kind_col:
        record["kind"] = pick("Kind", choices["kinds"], start.get("kind"), f"{key}_kind")
    with class_col:
        record["victim_class"] = pick("Victim class", choices["victim_classes"], start.get("victim_class"),
                                      f"{key}_class")
    record["victim_group"] = st.text_input("Victims as written", value=start.get("victim_group", ""),
                                           key=f"{key}_group")
    names = claimant_names()
    record["claimant"] = pick("Claimant", list(names), start.get("claimant"), f"{key}_claimant", names)
    record["claimant_quote"] = st.text_input("Words that name the claimant (optional)",
                                             value=start.get("claimant_quote", ""), key=f"{key}_claimant_words")
    record["when"] = date_field("Date the figure refers to (optional)", start.get("when"), f"{key}_when")
    record["place"] = pick("Place (optional)", [""] + list(places), start.get("place", ""), f"{key}_place",
                           {"": "(none)", **places})
    record["comparison_group"] = st.text_input("Comparison group (optional)", value=start.get("comparison_group", ""),
                                               key=f"{key}_comparison",
                                               help="Leave empty for the rule's group (docs/comparison.md); a name "
                                                    "given here keeps the claim in that group at every build.")
    if start.get("kind") and record["kind"] != start["kind"] and start["kind"] in record["comparison_group"].split():
        st.caption(f"The comparison group still says “{start['kind']}”: name the comparison group the figure now belongs to.")
    return record


def event_fields(key: str, start: dict) -> dict:
    """An event's type and sub-type, date and place, as a correction or an added event gives them."""
    pair = pick("ACLED event type / sub-event type", choices["event_types"], (start.get("type"), start.get("sub_type")),
                f"{key}_type", {p: f"{p[0]}: {p[1]}" for p in choices["event_types"]})
    return {"type": pair[0], "sub_type": pair[1], "when": date_field("Date (optional)", start.get("when"), f"{key}_when"),
            "place": pick("Place (optional)", [""] + list(places), start.get("place", ""), f"{key}_place",
                          {"": "(none)", **places})}


def event_form(key: str, start: dict, near: int | None = None) -> dict:
    record = {**start, **event_fields(key, start)}
    names = claimant_names()
    record["reports"] = []
    for number, report in enumerate(start["reports"]):
        st.caption(f"“{report['quote']}”")
        stance_col, claimant_col = st.columns(2)
        with stance_col:
            stance = pick("Stance", choices["stances"], report["stance"], f"{key}_stance_{number}")
        with claimant_col:
            claimant = pick("Claimant", list(names), report["claimant"], f"{key}_claimant_{number}", names)
        kept = report if claimant == report["claimant"] else {k: v for k, v in report.items() if k != "claimant_quote"}
        record["reports"].append({**kept, "stance": stance, "claimant": claimant})
    return record


def controls(key: str, fact: str, machine_id: str, what: str, accepted: dict, form, near: int,
             correctable: bool = True) -> None:
    """Accept, reject with a reason, or correct one machine fact; or the decision already saved on it."""
    if machine_id in fact_file.decisions:
        entry = fact_file.decisions[machine_id]
        st.info(f"{entry['decision'].capitalize()}ed by {entry['reviewer']} on {entry['reviewed_on']} "
                f"({review.shown_path(fact_file.path)}, line {entry['line']}): takes effect at the next build.")
        return
    reason = st.text_input("Why reject it (optional)", key=f"{key}_reason",
                           placeholder="e.g. not a casualty figure" if fact == "claim" else "e.g. a forecast, not an event")
    accept_col, reject_col, _ = st.columns([1, 1, 2])
    if accept_col.button("Accept", key=f"{key}_accept", disabled=not reviewer, width="stretch"):
        decide("accept", fact, what, machine_id, accepted)
    if reject_col.button("Reject", key=f"{key}_reject", disabled=not reviewer, width="stretch"):
        decide("reject", fact, what, machine_id, reason=reason)
    if correctable and st.toggle("Correct it", key=f"{key}_correcting"):
        corrected = form(f"{key}_fix", accepted, near)
        if st.button("Save the correction", key=f"{key}_save", disabled=not reviewer):
            decide("correct", fact, what, machine_id, corrected)


# --- The text, and the facts beside it ------------------------------------------------------------
text_col, facts_col = st.columns([6, 5], gap="large")
spans = [{"char_start": c["char_start"], "char_end": c["char_end"], "fact_id": c["claim_id"],
          "fact_type": "claim" if c["method"] == "machine" else "checked fact",
          "label": f"{c['method']}: {c['claimant']}: {c['figure_text']} {c['kind']}"} for c in claims]
spans += [{"char_start": r["char_start"], "char_end": r["char_end"], "fact_id": r["event_id"],
           "fact_type": "event report" if r["method"] == "machine" else "checked fact",
           "label": f"{r['method']}: {r['claimant']} {r['stance']}: {r['event_type']}"} for r in reports]
with text_col:
    text = queries.document(doc_id)["text"]
    st.html('<div style="font-size:.85em">Highlighted: ' + highlight.legend(
        ("claim", "event report", "checked fact"),
        {"claim": "machine claim", "event report": "machine event report",
         "checked fact": "coded or reviewed fact"}) + ". Hover a highlight for the fact.</div>")
    st.html(highlight.document(text, queries.document_parts(doc_id), spans, None,
                               queries.sentences_of(doc_id) if settings.QUOTES_ONLY else None))

machine_claims = [c for c in claims if c["method"] == "machine"]
machine_events: dict[str, list[dict]] = {}
for report in reports:
    if report["method"] == "machine":
        machine_events.setdefault(report["event_id"], []).append(report)
with facts_col:
    st.subheader("The machine's facts")
    if not machine_claims and not machine_events:
        st.info("This document's fact file is coded by hand: the build keeps its coded facts and none of the "
                "machine's, so there is nothing to review. A claim it lacks can still be added below."
                if fact_file.hand_coded else "No unconfirmed machine fact is left in this document.")
    for claim in machine_claims:
        label = (f"{claim['confidence']:.2f} · {claim['figure_text']} {claim['kind']} ({claim['range_text']}) · "
                 f"{claim['claimant']} · {when(claim['date_start'], claim['date_end'], claim['date_precision'])} · "
                 f"{claim['place_name'] or 'no place'}")
        with st.expander(("✓ " if claim["claim_id"] in fact_file.decisions else "") + plain(label)):
            st.html(f'<blockquote style="margin:0;padding:.3em .8em;border-left:4px solid #c0392b">'
                    f'{highlight.sentence(claim["sentence"], claim["sentence_start"], claim["char_start"], claim["char_end"], "claim")}'
                    f'</blockquote>')
            st.caption(f"Victims: {claim['victim_group']} ({claim['victim_class']}) · claimant named as "
                       f"“{claim['claimant_text'] or 'no one: the article’s own voice'}” · date as written: "
                       f"{claim['date_text'] or 'none'} · comparison group: {claim['comparison_group'] or 'none'} · "
                       f"id {claim['claim_id']}")
            controls(claim["claim_id"], "claim", claim["claim_id"],
                     f"the claim “{claim['figure_text']} {claim['kind']}”",
                     review.claim_record(document, claim, row.outlet_source_id), claim_form, claim["char_start"])
    for event_id, event_reports in machine_events.items():
        first = event_reports[0]
        label = (f"{max(r['confidence'] for r in event_reports):.2f} · {first['event_type']}: {first['sub_event_type']} · "
                 f"{first['place_name'] or 'no place'} · {when(first['date_start'], first['date_end'], first['date_precision'])} · "
                 + ", ".join(f"{r['claimant']} {r['stance']}" for r in event_reports))
        with st.expander(("✓ " if event_id in fact_file.decisions else "") + plain(label)):
            for report in event_reports:
                st.html(f'<blockquote style="margin:0 0 .3em 0;padding:.3em .8em;border-left:4px solid #2471a3">'
                        f'{highlight.render(report["evidence"], report["char_start"], [])}</blockquote>')
            actors = first["actors"] or []
            taking_part = ", ".join(f"{a['name']} ({a['role']})" for a in actors) or "none found"
            st.caption(f"Actors: {taking_part} · event id {event_id}")
            matched = first["event_method"] != "machine"
            if matched:
                st.caption(f"The machine matched this report to the coded event {event_id}: accept or reject this "
                           f"document's report of it here; correct the event itself in its coded-fact file.")
            controls(event_id, "event", event_id, f"the event report “{first['event_type']}: {first['sub_event_type']}”",
                     review.event_record(document, first, event_reports, actors, row.outlet_source_id),
                     event_form, first["char_start"], correctable=not matched)

# --- What a person already checked, and what the machine missed ------------------------------------
checked = [{"method": c["method"], "fact": "claim", "what": f"{c['figure_text']} {c['kind']}",
            "bounds": c["range_text"], "claimant": c["claimant"], "when": when(c["date_start"], c["date_end"], c["date_precision"]),
            "where": c["place_name"], "coded at": c["coded_at"], "quote": c["evidence"]}
           for c in claims if c["method"] != "machine"]
checked += [{"method": r["method"], "fact": "event report", "what": f"{r['event_type']}: {r['sub_event_type']}",
             "bounds": None, "claimant": f"{r['claimant']} ({r['stance']})",
             "when": when(r["date_start"], r["date_end"], r["date_precision"]), "where": r["place_name"],
             "coded at": r["coded_at"], "quote": r["evidence"]} for r in reports if r["method"] != "machine"]
st.subheader("Checked facts (read-only)")
if checked:
    st.caption("Coded by hand, or reviewed (a person accepted, corrected or added it): to change one, edit the "
               "fact file at the line given.")
    tables.show(pd.DataFrame(checked))
else:
    st.caption("No fact of this document has been coded or reviewed yet.")

def group_section() -> None:
    """Comparison groups of this document's claims: why each claim is where it is; move one, or split a group."""
    everything = queries.review_group_claims()
    mine = everything[everything.doc_id == doc_id]
    st.subheader("Comparison groups")
    if mine.empty:
        st.caption("No casualty claim in this document.")
        return
    st.caption("Every claim is compared with the claims of its group (the rule in docs/comparison.md, unless a coder "
               "or a reviewer decided). A move or a split is saved in this document's fact file and stands above the "
               "rule and the coder at the next build.")
    tables.show(mine[["figure_text", "kind", "claimant", "comparison_group", "assigned_by", "confidence", "reason"]],
                column_config={"figure_text": "claim", "assigned_by": "grouped by", "reason": "why"})
    group_of = dict(zip(everything.claim_id, everything.comparison_group))
    label = {r.claim_id: f"{r.claimant}: {r.figure_text} {r.kind} ({r.outlet}, {when(r.published_on, None, r.published_precision)})"
             if r.published_on is not None and r.published_on == r.published_on else f"{r.claimant}: {r.figure_text} {r.kind}"
             for r in everything.itertuples()}
    for entry in fact_file.group_decisions:
        claims = ", ".join(label.get(c, c) for c in entry["claims"])
        what = (f"moved {claims} to “{entry['group']}”" if entry["decision"] == "move" else
                f"split {claims} off “{entry['group']}” into “{entry['new_group']}”")
        st.info(f"{entry['reviewer']} {what} on {entry['reviewed_on']} ({review.shown_path(fact_file.path)}, "
                f"line {entry['line']}); the groups above show it once the warehouse is rebuilt.")
    groups = sorted(set(everything.comparison_group))
    move_col, split_col = st.columns(2)
    with move_col, st.container(border=True):
        st.markdown("**Move a claim to another group**")
        claim = st.selectbox("Claim", list(mine.claim_id), format_func=label.get, key="group_move_claim")
        target = st.selectbox("To the group", [g for g in groups if g != group_of.get(claim)], index=None,
                              key="group_move_target", accept_new_options=True,
                              placeholder="Choose a group, or type a new group's name")
        reason = st.text_input("Why (optional)", key="group_move_reason")
        if st.button("Move the claim", key="group_move_save", disabled=not reviewer or not target):
            decide_group("move", [claim], target, None, group_of, reason,
                         f"“{label[claim]}” to “{target}”")
    with split_col, st.container(border=True):
        st.markdown("**Split a group**")
        own = sorted(set(mine.comparison_group))
        group = st.selectbox("Group", own, key="group_split_group")
        members = [c for c, g in group_of.items() if g == group]
        leaving = st.multiselect("Claims that leave it", members, format_func=label.get, key="group_split_claims",
                                 disabled=len(members) < 2,
                                 help="They form a new group; the others stay." if len(members) >= 2
                                 else "A group of one claim cannot be split.")
        new_group = st.text_input("The new group's name", key="group_split_name",
                                  placeholder="e.g. residents trapped in al-Qusayr, as the opposition counts them")
        reason = st.text_input("Why (optional)", key="group_split_reason")
        if st.button("Split the group", key="group_split_save", disabled=not reviewer or not leaving or not new_group):
            decide_group("split", leaving, group, new_group, group_of, reason,
                         f"{len(leaving)} claim(s) off “{group}” into “{new_group}”")


def decide_group(decision: str, claims: list[str], group: str, new_group: str | None, group_of: dict, reason: str,
                 what: str) -> None:
    outcome = review.save_group(settings.CORPUS, document, decision, reviewer, claims, group, new_group,
                                      group_of, reason or None)
    saved(outcome, decision, what)


group_section()

with st.expander("Add a casualty claim the machine missed"):
    added = claim_form("add", {"claimant": "outlet" if row.outlet_source_id else None, "victim_class": "unknown"})
    occurrence = st.number_input("Which occurrence of the quote (only if it occurs more than once)", min_value=1,
                                 value=None, step=1, key="add_occurrence")
    if st.button("Add the claim", key="add_save", disabled=not reviewer):
        decide("add", "claim", f"the claim “{added['figure']} {added['kind']}”",
               record={**added, "occurrence": occurrence})


def plural(role: str) -> str:
    return role[:-1] + "ies" if role.endswith("y") else role + "s"


def add_event_form(key: str) -> tuple[dict, str | None]:
    """A report the machine missed: of a new event, or this document's report of an event already coded
    or reviewed (the build then merges it into that event). Returns the record and what stops saving it."""
    new = st.radio("The event", ["a new event", "an event already in the warehouse"], horizontal=True,
                   key=f"{key}_which", disabled=not checked_events) == "a new event"
    record, problem = {}, None
    if new:
        record.update(event_fields(key, {}))
        columns = st.columns(len(choices["roles"]))
        record["actors"] = [{"actor": actor, "role": role} for column, role in zip(columns, choices["roles"])
                            for actor in column.multiselect(plural(role).capitalize(), list(known_actors),
                                                            key=f"{key}_{role.replace(' ', '_')}", format_func=known_actors.get)] or None
        record["summary"] = st.text_input("Summary (optional)", key=f"{key}_summary",
                                          help="One line in your words, shown with the event.")
        try:
            days = review.resolve_when(document, record["when"]) if record["when"] else None
        except review.ReviewError:
            days = None  # date_field already says why
        suggestion = review.suggested_event_id(record["sub_type"], record["place"] or None, days)
        record["event"] = st.text_input("Event id", placeholder=suggestion, key=f"{key}_id",
                                        help="A lower-case slug that names the event in every document that reports "
                                             "it; left empty, the suggestion shown is used.").strip() or suggestion
        try:
            review.check_new_event_id(record["event"], checked_events)
        except review.ReviewError as exc:
            problem = str(exc)
            st.warning(problem)
    else:
        record["event"] = st.selectbox("Event", list(checked_events), index=None, key=f"{key}_event",
                                       format_func=checked_events.get, placeholder="choose the event reported",
                                       help="Coded or reviewed events; the build adds this document's report to it.")
        if record["event"] is None:
            problem = "choose the event this document reports"
    names = claimant_names()
    report = {"quote": st.text_input("Quote: the article's words that report it", key=f"{key}_quote")}
    report["occurrence"] = st.number_input("Which occurrence of the quote (only if it occurs more than once)",
                                           min_value=1, value=None, step=1, key=f"{key}_occurrence")
    stance_col, claimant_col = st.columns(2)
    with stance_col:
        report["stance"] = pick("Stance", choices["stances"], "reports", f"{key}_stance")
    with claimant_col:
        report["claimant"] = pick("Claimant", list(names), "outlet" if row.outlet_source_id else None, f"{key}_claimant", names)
    report["claimant_quote"] = st.text_input("Words that name the claimant (optional)", key=f"{key}_claimant_words")
    if not new:
        report["when"] = date_field("Date this report gives (optional)", "", f"{key}_report_when")
    record["reports"] = [report]
    return record, problem


with st.expander("Add an event the machine missed"):
    added_event, event_problem = add_event_form("add_event")
    if st.button("Add the event", key="add_event_save", disabled=not reviewer or bool(event_problem)):
        decide("add", "event", f"the event report “{added_event['event']}”", record=added_event)
