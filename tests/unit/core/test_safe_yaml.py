import datetime as dt
import tracemalloc

import pytest
import yaml

from checkback.core.safe_yaml import (
    MAX_ALIASES,
    MAX_DEPTH,
    LinedMapping,
    YamlRefused,
    load_fields,
    quoted,
)

pytestmark = pytest.mark.usefixtures("yaml_parser")


def nested_block(levels: int) -> str:
    return "\n".join("  " * level + f"k{level}:" for level in range(levels)) + " end"


def test_nesting_up_to_the_limit_loads():
    data = load_fields(nested_block(MAX_DEPTH - 1)).data
    assert isinstance(data, LinedMapping)


@pytest.mark.parametrize("text", [nested_block(MAX_DEPTH + 5), "a: " + "[" * 10_000,
                                  "a: " + "{b: " * 10_000, "- " * 5_000 + "x",
                                  "a: " + "[" * 300_000 + "]" * 300_000, "- " * 300_000 + "x"])
def test_nesting_beyond_the_limit_is_refused_with_its_line(text):
    with pytest.raises(YamlRefused) as refused:
        load_fields(text)
    assert f"more than {MAX_DEPTH} levels" in refused.value.message
    assert refused.value.line is not None
    assert "Flatten" in refused.value.fix


def test_an_alias_to_a_list_is_refused_before_it_can_grow():
    text = "a: &a [lol, lol]\nb: [*a, *a]\n"
    with pytest.raises(YamlRefused) as refused:
        load_fields(text)
    assert "'*a' repeats a list or a group of fields" in refused.value.message
    assert refused.value.line == 2


def test_an_alias_to_itself_is_refused():
    with pytest.raises(YamlRefused):
        load_fields("tags: &t [*t]")


def test_a_few_aliases_to_plain_values_load():
    data = load_fields("a: &x hello\nb: *x\n").data
    assert data == {"a": "hello", "b": "hello"}


def test_more_aliases_than_the_limit_are_refused():
    text = "a: &x hello\n" + "".join(f"k{n}: *x\n" for n in range(MAX_ALIASES + 1))
    with pytest.raises(YamlRefused) as refused:
        load_fields(text)
    assert f"more than {MAX_ALIASES} aliases" in refused.value.message
    assert refused.value.line == MAX_ALIASES + 2


def test_a_billion_laughs_costs_next_to_no_memory():
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]"
             for n in range(8)]
    tracemalloc.start()
    try:
        with pytest.raises(YamlRefused):
            load_fields("\n".join(rows))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_a_duplicate_key_keeps_the_first_value_and_is_noted_with_both_lines():
    loaded = load_fields("title: First\nowner: Ann\ntitle: Second\n")
    assert loaded.data["title"] == "First"
    assert [(d.key, d.line, d.first_line) for d in loaded.duplicates] == [("title", 3, 1)]


def test_a_duplicate_key_in_a_nested_entry_is_noted_too():
    loaded = load_fields("steps:\n  - title: A\n    title: B\n")
    assert loaded.data["steps"][0]["title"] == "A"
    assert [(d.key, d.line) for d in loaded.duplicates] == [("title", 3)]


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01", "2026-00-10"])
def test_a_date_not_on_the_calendar_stays_text(day):
    assert load_fields(f"reviewed: {day}").data == {"reviewed": day}


def test_a_real_date_is_a_date():
    assert load_fields("reviewed: 2026-02-28").data == {"reviewed": dt.date(2026, 2, 28)}


@pytest.mark.parametrize("value", ["!!int abc", "!!bool maybe", "!!float x", "!!timestamp y"])
def test_a_value_yaml_cannot_build_is_an_error_with_its_line(value):
    with pytest.raises(yaml.MarkedYAMLError) as error:
        load_fields(f"title: A\nowner: {value}\n")
    assert error.value.problem_mark.line + 1 == 2
    assert "cannot be read" in error.value.problem


def test_quoted_values_are_short_whatever_their_size():
    huge = {"k": ["x" * 1_000_000] * 1000, "j": list(range(10**5))}
    shown = quoted(huge)
    assert len(shown) <= 60
    assert shown.startswith("{'j': [0, 1")
    mapping = load_fields("a: [" + ", ".join(["word"] * 50_000) + "]").data
    assert len(quoted(mapping)) <= 60
    assert len(quoted(b"\x00" * 10**6)) <= 60
