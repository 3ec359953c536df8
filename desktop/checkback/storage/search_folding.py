"""Text folded alike on both sides of the search, as people type it and as files hold it.

A query is folded here before it becomes an FTS5 query; the indexed text is folded in plain
SQL by the view each full-text index reads its table through. The index's triggers run on
every connection that writes (the window's, the worker's, a tool's), so they may call no
function of ours: ``replace()`` is SQLite's own. Both sides fold by the one table below.
What the tokenizer folds by itself (case, Latin accents, accents typed as two keys) is
left to it.
"""

from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"
# An operator of another tool's search box (title:refund, from:sam) where a word starts:
# the word after it is what the agent looks for.
_OPERATOR = re.compile(r"(?<![^\W_])[^\W\d_]+:(?=[^\W_])")


def _fold_groups() -> list[list[tuple[str, str]]]:
    """The folds by kind, the most common first: a soft hyphen and ß (German text has ß
    everywhere), then Cyrillic ё and Greek accents, then full-width digits and letters."""
    greek = [(chr(code), unicodedata.normalize("NFD", chr(code))[0])
             for code in range(0x0386, 0x03D0)  # letters with an accent or a diaeresis
             if chr(code).isalpha() and len(unicodedata.normalize("NFD", chr(code))) > 1]
    full_width = [(chr(code), unicodedata.normalize("NFKC", chr(code)))
                  for code in range(0xFF10, 0xFF5B) if chr(code).isalnum()]
    return [[(SOFT_HYPHEN, ""), ("ß", "ss"), ("ẞ", "ss")], [("ё", "е"), ("Ё", "Е"), *greek],
            full_width]


_FOLDS_A_VIEW = 25  # nested replace() calls: SQLite's parser takes some 30 at most
_FOLD_GROUPS = _fold_groups()
FOLDS = {char: folded for group in _FOLD_GROUPS for char, folded in group}
_FOLD_TABLE = str.maketrans(FOLDS)


def fold_typed(text: str) -> str:
    """``text`` typed into a search box as the index holds words: NFKC (full-width letters,
    accents typed as two keys), the table's folds, operators of other tools dropped."""
    return _OPERATOR.sub("", unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE))


def _fold_views(table: str, columns: tuple[str, ...]) -> str:
    """The views that fold ``columns`` of ``table``; the index reads ``{table}_search``.

    The folds are chained over a few views of at most ``_FOLDS_A_VIEW`` each, each view
    naming the one before once (a view is expanded where it is named). The last view takes
    a text only as far along the chain as its characters need; most text needs nothing.
    """
    statements: list[str] = []
    group_ends: list[str] = []
    source = table
    for group in _FOLD_GROUPS:
        for start in range(0, len(group), _FOLDS_A_VIEW):
            part = group[start:start + _FOLDS_A_VIEW]
            folded = ", ".join(f"{_replaced(column, part)} AS {column}" for column in columns)
            source, previous = f"{table}_fold{len(statements) + 1}", source
            statements.append(f"CREATE VIEW {source} AS SELECT id, {folded} FROM {previous};")
        group_ends.append(source)
    guarded = ", ".join(_folded_as_needed(column, group_ends) for column in columns)
    statements.append(f"CREATE VIEW {table}_search AS SELECT id, {guarded} FROM {table} AS t;")
    return "\n".join(statements)


def _folded_as_needed(column: str, group_ends: list[str]) -> str:
    # Plain ASCII (its bytes as many as its characters) needs nothing, nor text with no
    # character beyond Latin but the first group (cheaper to replace than to test for);
    # other text goes to the view that ends the last group it holds a character of.
    beyond_latin = _any_in_range([pair for group in _FOLD_GROUPS[1:] for pair in group])
    steps = [f"WHEN {column} GLOB {_any_in_range(group)} THEN (SELECT {column} FROM {view}"
             " AS f WHERE f.id = t.id)"
             for group, view in reversed(list(zip(_FOLD_GROUPS[1:], group_ends[1:],
                                                  strict=True)))]
    return (f"CASE WHEN length(CAST({column} AS BLOB)) = length({column}) THEN {column}"
            f" WHEN {column} GLOB {beyond_latin} THEN CASE {' '.join(steps)}"
            f" ELSE {_replaced(column, _FOLD_GROUPS[0])} END"
            f" ELSE {_replaced(column, _FOLD_GROUPS[0])} END AS {column}")


def _replaced(column: str, folds: list[tuple[str, str]]) -> str:
    chain = column
    for char, folded in folds:
        chain = f"replace({chain}, {_sql_text(char)}, {_sql_text(folded)})"
    return chain


def _any_in_range(folds: list[tuple[str, str]]) -> str:
    """A GLOB pattern for text holding a character from the first to the last of
    ``folds``: one range is tried quickly at each character, a list of them is not."""
    codes = [ord(char) for char, _folded in folds]
    return f"'*[' || {_sql_text(chr(min(codes)) + '-' + chr(max(codes)))} || ']*'"


def _sql_text(text: str) -> str:
    # Written by code point, so the schema is plain ASCII whatever the folds hold.
    return f"'{text}'" if text.isascii() else f"char({', '.join(str(ord(c)) for c in text)})"


def search_index_sql(table: str, columns: tuple[str, ...]) -> str:
    """The full-text index of ``columns`` of ``table``: a view folding them, the index
    reading it, the triggers that keep the index, and the index filled."""
    listed = ", ".join(columns)
    view, index = f"{table}_search", f"{table}_fts"
    add = (f"INSERT INTO {index}(rowid, {listed}) SELECT id, {listed} FROM {view}"
           " WHERE id = new.id;")
    # Taken out before the row changes, so the view still gives what was indexed.
    take_out = (f"INSERT INTO {index}({index}, rowid, {listed}) SELECT 'delete', id, {listed}"
                f" FROM {view} WHERE id = old.id;")
    return f"""
        {_fold_views(table, columns)}
        CREATE VIRTUAL TABLE {index} USING fts5(
            {listed}, content='{view}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
        CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {add} END;
        CREATE TRIGGER {table}_bd BEFORE DELETE ON {table} BEGIN {take_out} END;
        CREATE TRIGGER {table}_bu BEFORE UPDATE OF {listed} ON {table} BEGIN {take_out} END;
        CREATE TRIGGER {table}_au AFTER UPDATE OF {listed} ON {table} BEGIN {add} END;
        INSERT INTO {index}({index}) VALUES ('rebuild');
        """
