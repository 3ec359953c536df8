import textwrap

from checkback.core.phrases import MAX_TEXT_CHARS, normalised_tags, phrases_from_yaml
from checkback.core.yaml_content import parse_yaml


def parse(text: str):
    return phrases_from_yaml("s.yaml", parse_yaml("s.yaml", textwrap.dedent(text).encode()))


def test_phrases_load_with_every_field():
    parsed = parse("""\
        snippets:
          - title: I see
            text: I see, {customer_name}.
            html: <p>I see.</p>
            tags: [Acknowledge, five-step, acknowledge]
            abbreviation: ;see
          - title: Second
            text: |-
              Two
              lines
            tags: checkback
        """)
    assert parsed.problems == ()
    first, second = parsed.phrases
    assert (first.title, first.text, first.html, first.abbreviation) == (
        "I see", "I see, {customer_name}.", "<p>I see.</p>", ";see")
    assert first.tags == ("acknowledge", "five-step")
    assert (second.text, second.tags) == ("Two\nlines", ("checkback",))


def test_a_bad_entry_is_skipped_with_its_line_and_the_rest_loads():
    parsed = parse("""\
        snippets:
          - title: No text here
          - title: Good
            text: Fine.
          - just a string
        """)
    assert [s.title for s in parsed.phrases] == ["Good"]
    lines = {(p.line, p.message) for p in parsed.problems}
    assert (2, "The phrase has no 'text'.") in lines
    assert any("not 'key: value' fields" in message for _, message in lines)


def test_an_overlong_phrase_is_refused():
    parsed = parse(f"snippets:\n  - title: Huge\n    text: {'a' * (MAX_TEXT_CHARS + 1)}\n")
    assert parsed.phrases == ()
    assert "at most 20,000 are allowed" in parsed.problems[0].message


def test_a_file_without_the_phrases_list_is_reported():
    parsed = parse("title: Oops\ntext: I forgot the list\n")
    assert parsed.phrases == ()
    messages = [p.message for p in parsed.problems]
    assert "The phrases file has no 'snippets'." in messages


def test_tags_are_lower_case_and_unique():
    assert normalised_tags((" Refund", "refund", "", "Delay ")) == ("refund", "delay")


WRAPPED_PHRASE = """\
snippets:
  - title: Late parcel
    text: |
      Hi {customer_name},

      I'm sorry your parcel
      is late; it left
      our warehouse today.

      Kind regards,
      {agent_name}
"""


def test_a_team_phrase_written_hard_wrapped_reads_as_paragraphs():
    [phrase] = parse(WRAPPED_PHRASE).phrases
    assert phrase.text == ("Hi {customer_name},\n\nI'm sorry your parcel is late; it left our "
                           "warehouse today.\n\nKind regards,\n{agent_name}")


def test_an_imported_phrase_keeps_its_line_breaks_as_its_tool_pasted_them():
    loaded = parse_yaml("mine.yaml", WRAPPED_PHRASE.encode(), repair=False)
    [phrase] = phrases_from_yaml("mine.yaml", loaded).phrases
    assert "I'm sorry your parcel\nis late; it left\n" in phrase.text
