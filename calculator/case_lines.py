"""Where a key is in a case file's text, for error messages that name the line: tomllib gives no
positions, so the text is scanned for table headers and `key =` lines.

    find_line(text, ("counts", 1, "statute"))   # the line of the second count's statute
    loc_str(("counts", 1, "statute"))            # "counts[2].statute"
"""

from __future__ import annotations

import re



_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEYLINE = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")


def _split_key(k: str) -> list[str]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+", k)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _line_paths(text: str) -> list[tuple[int, tuple]]:
    out: list[tuple[int, tuple]] = []
    arrays: dict[tuple, int] = {}
    table: tuple = ()
    in_multiline = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if in_multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = False
            continue
        m = _HEADER.match(line)
        if m and not line.strip().startswith("[\""):
            is_array = m.group(1) == "[["
            parts = _split_key(m.group(2))
            path: list = []
            for i, p in enumerate(parts):
                path.append(p)
                key = tuple(path)
                last = i == len(parts) - 1
                if last and is_array:
                    arrays[key] = arrays.get(key, -1) + 1
                    path.append(arrays[key])
                elif key in arrays:
                    path.append(arrays[key])
            table = tuple(path)
            out.append((lineno, table))
            continue
        k = _KEYLINE.match(line)
        if k:
            out.append((lineno, table + tuple(_split_key(k.group(1)))))
            rest = line[k.end():]
            if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                in_multiline = True
    return out


def find_line(text: str, loc: tuple) -> int | None:
    """The line of `loc` (('counts', 1, 'statute')) or of its nearest enclosing table."""
    best, best_len = None, -1
    paths = _line_paths(text)
    for lineno, path in paths:
        n = len(path)
        if n <= len(loc) and tuple(loc[:n]) == path and n > best_len:
            best, best_len = lineno, n
    if best is None and loc:  # an unknown table (`[[defendent.priors]]`): the first line inside it
        best = next((lineno for lineno, path in paths if tuple(path[: len(loc)]) == tuple(loc)), None)
    return best


def _loc_str(loc: tuple) -> str:
    out = ""
    for p in loc:
        if isinstance(p, int):
            out += f"[{p + 1}]" if out else str(p)
        else:
            out += ("." if out else "") + str(p)
    return out


loc_str = _loc_str

__all__ = ["find_line", "loc_str"]
