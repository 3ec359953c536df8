from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checkback.core.phrase_transfer import phrases_to_yaml, read_import_file
from checkback.core.phrases import Phrase
from checkback.core.placeholders import placeholders_in

ESPANSO = """\
matches:
  - trigger: ":sorry"
    replace: "Hi {{customer}}, I'm sorry about {{what}}. Kind regards, {{myname}}"
  - trigger: ":when"
    label: Delivery date
    replace: "It arrives on {{mydate}}, {{shipping.speed}}."
    vars:
      - name: mydate
        type: date
        params:
          format: "%d/%m/%Y"
      - name: speed
        type: choice
        params:
          values: [by courier, by post]
  - trigger: ":sig"
    replace: "Best, {{me}} {not a placeholder}$|$"
    vars:
      - name: me
        type: echo
        params:
          echo: Sam
  - triggers: [":logo", ":lg"]
    image_path: "$CONFIG/logo.png"
  - regex: ":num(?P<n>\\\\d+)"
    replace: "number {{n}}"
  - trigger: ":form"
    form: "Your order [[order]] ships {{pick}}."
    vars:
      - name: pick
        type: choice
        params:
          values:
            - label: today
              id: t
            - label: tomorrow
              id: m
  - trigger: ":h"
    html: "<p>Thanks, <b>{{customer}}</b> &amp; welcome</p>"
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def by_abbreviation(phrases: tuple[Phrase, ...]) -> dict[str, Phrase]:
    return {phrase.abbreviation: phrase for phrase in phrases}


def test_espanso_matches_become_phrases_with_our_placeholders(tmp_path):
    imported = read_import_file(write(tmp_path, "base.yml", ESPANSO))

    assert imported.file_format == "Espanso"
    found = by_abbreviation(imported.phrases)
    assert found[":sorry"].text == ("Hi {customer_name}, I'm sorry about {?What}. "
                                    "Kind regards, {agent_name}")
    assert found[":sorry"].title == "Hi {customer_name}, I'm sorry about {?What}. Kind regards,…"
    assert found[":when"].title == "Delivery date"
    assert found[":when"].text == "It arrives on {today}, {?Speed}."
    assert found[":sig"].text == "Best, Sam {{not a placeholder}}"
    assert found[":form"].text == "Your order {?Order} ships {?Pick|today/tomorrow}."


def test_espanso_html_keeps_the_markup_and_a_plain_text(tmp_path):
    found = by_abbreviation(read_import_file(write(tmp_path, "h.yml", ESPANSO)).phrases)

    assert found[":h"].html == "<p>Thanks, <b>{customer_name}</b> &amp; welcome</p>"
    assert found[":h"].text == "Thanks, {customer_name} & welcome"


def test_espanso_matches_we_cannot_use_are_reported(tmp_path):
    imported = read_import_file(write(tmp_path, "base.yml", ESPANSO))

    messages = [problem.message for problem in imported.problems]
    assert any("':logo' has an image" in message for message in messages)
    assert any("regex trigger; it was imported without an abbreviation" in message
               for message in messages)
    assert len(imported.phrases) == 6


def test_espanso_choice_values_given_as_lines(tmp_path):
    content = """\
matches:
  - trigger: ";how"
    replace: "{{how}}"
    vars:
      - name: how
        type: choice
        params:
          values: |
            by phone
            by e-mail
"""
    imported = read_import_file(write(tmp_path, "c.yaml", content))

    assert imported.phrases[0].text == "{?How|by phone/by e-mail}"


def test_csv_without_a_header_reads_abbreviation_text_title(tmp_path):
    content = ';thx,"Thanks for waiting, {customer_name}.",Thanks for waiting\n'\
              ";bye,\"Have a good day!\"\n"
    imported = read_import_file(write(tmp_path, "phrases.csv", content))

    assert imported.file_format == "CSV"
    assert imported.phrases == (
        Phrase("Thanks for waiting", "Thanks for waiting, {customer_name}.",
                abbreviation=";thx"),
        Phrase("Have a good day!", "Have a good day!", abbreviation=";bye"),
    )
    assert imported.problems == ()


def test_csv_header_in_any_order_with_semicolons_and_windows_encoding(tmp_path):
    content = "Title;Text;Abbreviation;Tags\r\nCafé note;We’ll call you back;;callback delays\r\n"
    imported = read_import_file(write(tmp_path, "x.csv", content.encode("cp1252")))

    assert imported.phrases == (
        Phrase("Café note", "We’ll call you back", tags=("callback", "delays")),
    )


def test_csv_rows_without_text_are_reported_with_their_line(tmp_path):
    content = "abbreviation,text,title\n;a,Fine text,A\n;b,,B\n\n;c,Also fine,C\n"
    imported = read_import_file(write(tmp_path, "x.csv", content))

    assert [s.title for s in imported.phrases] == ["A", "C"]
    assert [(p.line, p.message) for p in imported.problems] == [
        (3, "This row has no text, so it was not imported."),
    ]


def test_unknown_placeholders_and_overlong_text_are_reported(tmp_path):
    content = f';a,"Hello {{custmer}}",A\n;b,{"x" * 20_001},B\n'
    imported = read_import_file(write(tmp_path, "x.csv", content))

    assert [s.title for s in imported.phrases] == ["A"]
    messages = " ".join(problem.message for problem in imported.problems)
    assert "{custmer}" in messages
    assert "'B' is longer than 20,000 characters" in messages


def test_files_that_cannot_be_imported_say_why(tmp_path):
    cases = {
        "notes.txt": "hello",
        "empty.yaml": "",
        "broken.yaml": "snippets: [\n",
        "binary.csv": b"\x00\x01\x02",
        "list.yaml": "- just\n- a list\n",
    }
    for name, content in cases.items():
        imported = read_import_file(write(tmp_path, name, content))
        assert imported.phrases == (), name
        assert imported.problems and imported.problems[0].fix, name
    missing = read_import_file(tmp_path / "gone.csv")
    assert "cannot be read" in missing.problems[0].message


def test_export_reads_back_as_the_same_phrases(tmp_path):
    phrases = [
        Phrase("Two lines", "Hi {customer_name},\n\nThanks!", ("apologize",), "", ";hi"),
        Phrase("With HTML", "Plain", (), "<b>Plain</b>"),
        Phrase("Quotes: and # marks", "It's \"fine\" # really", ("refund", "delay")),
    ]
    path = write(tmp_path, "mine.yaml", phrases_to_yaml(phrases))

    imported = read_import_file(path)

    assert imported.file_format == "Checkback"
    assert imported.phrases == tuple(phrases)
    assert imported.problems == ()
    assert "text: |-" in path.read_text(encoding="utf-8")


@given(st.lists(st.builds(
    Phrase,
    title=st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t and t),
    text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()),
), max_size=5))
def test_any_exported_phrases_import_unchanged(phrases):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "export.yaml", phrases_to_yaml(phrases))
        imported = read_import_file(path)
    assert [(s.title, s.text) for s in imported.phrases] == [
        (s.title, s.text.strip()) for s in phrases]


def test_espanso_placeholders_never_leave_double_braces_as_placeholders(tmp_path):
    content = 'matches:\n  - trigger: ";x"\n    replace: "{{a}} {{ b }} {{c.d}} {{}}"\n'
    text = read_import_file(write(tmp_path, "x.yml", content)).phrases[0].text

    assert text == "{?A} {?B} {?D} {{{{}}}}"
    assert [p.question for p in placeholders_in(text)] == ["A", "B", "D"]
