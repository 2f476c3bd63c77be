"""Document text as inert HTML with facts highlighted at their evidence.

Text from documents is escaped before any markup is added, and the result is shown with
`st.html`, which interprets neither Markdown nor LaTeX: a `<script>` tag, a Markdown link or a
formula in an article is displayed as the characters it is made of.
"""
import html

FACT_STYLES = {
    "claim": "background:#f9d0c4;border-bottom:2px solid #c0392b",
    "counted thing": "background:#fde7b0;border-bottom:2px solid #b9770e",
    "event report": "background:#d6e4f5;border-bottom:2px solid #2471a3",
    # On the Review page: a fact a person coded or confirmed, beside the machine's unconfirmed ones.
    "checked fact": "background:#d5f0d8;border-bottom:2px solid #1e8449",
    "place mention": "border-bottom:2px dotted #1e8449",
    "actor mention": "border-bottom:2px dotted #7d3c98",
}
# When facts overlap, the segment takes the style of the first kind in this order.
PRECEDENCE = list(FACT_STYLES)
FOCUS_STYLE = "outline:3px solid #111;outline-offset:1px"


def legend(kinds=None, names: dict[str, str] | None = None) -> str:
    """The styles of `kinds` (all by default), each under its name (`names` renames some)."""
    names = names or {}
    return " ".join(f'<span style="{FACT_STYLES[kind]};padding:0 4px">{html.escape(names.get(kind, kind))}</span>'
                    for kind in (kinds or FACT_STYLES))


def render(text: str, offset: int, spans: list[dict], focus: str | None = None) -> str:
    """`text` starts at document offset `offset`; spans carry char_start, char_end, fact_type, label, fact_id."""
    end_of_text = offset + len(text)
    cuts = {offset, end_of_text}
    inside = [s for s in spans if s["char_end"] > offset and s["char_start"] < end_of_text]
    for span in inside:
        cuts.update((max(span["char_start"], offset), min(span["char_end"], end_of_text)))
    ordered = sorted(cuts)
    pieces = []
    for start, end in zip(ordered, ordered[1:]):
        covering = [s for s in inside if s["char_start"] <= start and s["char_end"] >= end]
        chunk = html.escape(text[start - offset:end - offset])
        if not covering:
            pieces.append(chunk)
            continue
        covering.sort(key=lambda s: PRECEDENCE.index(s["fact_type"]) if s["fact_type"] in PRECEDENCE else 99)
        style = FACT_STYLES.get(covering[0]["fact_type"], "")
        if focus and any(s["fact_id"] == focus for s in covering):
            style += ";" + FOCUS_STYLE
        title = html.escape("\n".join(f"{s['fact_type']}: {s['label']}" for s in covering), quote=True)
        pieces.append(f'<span style="{style}" title="{title}">{chunk}</span>')
    return "".join(pieces)


def block(inner: str, kind: str, is_article: bool) -> str:
    """One document part: article parts as running text, everything else boxed and labelled."""
    body = f'<div style="white-space:pre-wrap;line-height:1.6">{inner}</div>'
    if is_article:
        weight = "font-weight:600;font-size:1.2em;" if kind == "headline" else ""
        return f'<div style="{weight}margin:0 0 .6em 0">{body}</div>'
    label = {"reader_comment": "Reader comment: not part of the article",
             "furniture": "Page furniture: not part of the article",
             "front_matter": "Front matter: the file's metadata, not part of the article",
             "byline": "Byline", "dateline": "Dateline"}.get(kind, html.escape(kind))
    return (f'<div style="border-left:4px solid #aaa;background:#f4f4f4;color:#555;padding:.3em .8em;'
            f'margin:0 0 .6em 0;font-size:.9em"><div style="font-variant:small-caps;font-weight:600">'
            f'{label}</div>{body}</div>')


def document(text: str, parts, spans: list[dict], focus: str | None = None, sentences=None) -> str:
    """A whole document as blocks, one per part (rows with char_start, char_end, kind, is_article); with
    `sentences` (rows with sentence_start, sentence_end) only those, for a quotes-only deployment."""
    if sentences is not None:
        quoted = [block(render(text[s.sentence_start:s.sentence_end], s.sentence_start, spans, focus), "quote", True)
                  for s in sentences.itertuples()]
        return "<div>" + '<div style="color:#888">[…]</div>'.join(quoted) + "</div>"
    return "<div>" + "".join(block(render(text[p.char_start:p.char_end], p.char_start, spans, focus), p.kind,
                                   p.is_article) for p in parts.itertuples()) + "</div>"


def sentence(text: str, sentence_start: int, evidence_start: int, evidence_end: int, fact_type: str) -> str:
    """A sentence with its evidence marked, for claim cards."""
    return render(text, sentence_start, [{"char_start": evidence_start, "char_end": evidence_end,
                                          "fact_type": fact_type, "label": "evidence", "fact_id": None}])
