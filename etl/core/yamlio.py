"""Reading curated YAML so that every mapping remembers the line it starts on."""
from pathlib import Path

import yaml

from etl.core.errors import BuildError


class Located(dict):
    """A YAML mapping with the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    @classmethod
    def at(cls, mapping: dict, line: int | None) -> "Located":
        """A mapping read from elsewhere (JSON, a page's metadata), all of it placed on one line."""
        located = cls(mapping)
        located.line, located.key_lines = line, {}
        return located


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: the catalog's "2013-05" and "2013-05-20" are parsed by one date module.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path):
    """Parse `path`; a syntax error becomes a BuildError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path):
    """Parse YAML read from `path` (the whole file or a part of it, such as front matter)."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise BuildError(path, line, f"YAML error: {exc.problem or exc.context}") from exc


def check_fields(path: Path, record: Located, allowed: set[str], required: set[str] = frozenset()):
    """Reject unknown and missing fields, naming the line."""
    if not isinstance(record, dict):
        raise BuildError(path, getattr(record, "line", None), f"expected a mapping, got {record!r}")
    unknown = sorted(set(record) - allowed)
    if unknown:
        key = unknown[0]
        raise BuildError(path, record.line_of(key), f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(record))
    if missing:
        raise BuildError(path, record.line, f"missing field {missing[0]!r}")
