import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checkback.core.phrase_transfer import phrases_to_yaml, read_import_file
from checkback.core.phrases import Phrase
from checkback.core.placeholders import fill, placeholders_in

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
    assert found[":sorry"].title == "Hi, I'm sorry about. Kind regards"
    assert found[":when"].title == "Delivery date"
    assert found[":when"].text == "It arrives on {date:%d/%m/%Y}, {?Speed}."
    assert found[":sig"].text == "Best, Sam {{not a placeholder}}"
    assert found[":form"].text == "Your order {?Order} ships {?Pick|t/m}."


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


def messages_of(imported) -> list[str]:
    return [problem.message for problem in imported.problems]


def test_espanso_keeps_the_first_trigger_and_lists_the_others(tmp_path):
    content = 'matches:\n  - triggers: [";ty", ";thx", ":thanks"]\n    replace: "Thank you!"\n'
    imported = read_import_file(write(tmp_path, "t.yml", content))

    assert [p.abbreviation for p in imported.phrases] == [";ty"]
    assert messages_of(imported) == ["The match ';ty' kept ;ty; also had ;thx, :thanks."]


ESPANSO_DATES = """\
matches:
  - trigger: ":time"
    replace: "{{now}}"
    vars: [{name: now, type: date, params: {format: "%H:%M"}}]
  - trigger: ":yday"
    replace: "Sent {{d}}"
    vars: [{name: d, type: date, params: {format: "%d/%m/%Y", offset: -86400}}]
  - trigger: ":tmrw"
    replace: "{{d}}"
    vars: [{name: d, type: date, params: {format: "%A %d %B", offset: 86400}}]
  - trigger: ":week"
    replace: "Week {{w}}"
    vars: [{name: w, type: date, params: {format: "%V"}}]
  - trigger: ":soon"
    replace: "{{d}}"
    vars: [{name: d, type: date, params: {format: "%H:%M", offset: 3600}}]
  - trigger: ":plain"
    replace: "{{d}}"
    vars: [{name: d, type: date}]
"""


def test_espanso_dates_keep_their_format_and_their_offset_in_days(tmp_path):
    imported = read_import_file(write(tmp_path, "dates.yml", ESPANSO_DATES))

    assert {p.abbreviation: p.text for p in imported.phrases} == {
        ":time": "{date:%H:%M}", ":yday": "Sent {date-1d:%d/%m/%Y}",
        ":tmrw": "{date+1d:%A %d %B}", ":week": "Week {date:%V}",
        ":soon": "{date:%H:%M}", ":plain": "{today}"}
    assert messages_of(imported) == [
        "The match ':soon': the date 'd' moves by 3600 seconds; it was kept as 0 days."]


def test_date_phrases_are_titled_by_their_words_or_abbreviation_never_a_placeholder(tmp_path):
    imported = read_import_file(write(tmp_path, "dates.yml", ESPANSO_DATES))

    assert [p.title for p in imported.phrases] == [":time", "Sent", ":tmrw", "Week", ":soon",
                                                   ":plain"]


ESPANSO_VARIABLES = """\
global_vars:
  - name: first
    type: echo
    params: {echo: "Dana"}
matches:
  - trigger: ";hi"
    replace: "Hello {{greeting}}"
    vars:
      - {name: greeting, type: echo, params: {echo: "dear {{first}}"}}
  - trigger: ";loop"
    replace: "x {{loop}}"
    vars:
      - {name: loop, type: echo, params: {echo: "a{{loop}}"}}
  - trigger: ";pick"
    replace: "We send it {{when}}."
    vars:
      - name: when
        type: choice
        params:
          values:
            - {label: "Today (courier)", id: "today by courier"}
            - by post
  - trigger: ";ask"
    replace: "{{survey.rating}} / {{survey.note}}"
    vars:
      - name: survey
        type: form
        params:
          layout: "[[rating]] [[note]]"
          fields:
            rating: {type: list, values: "good\\nbad\\nugly", default: bad}
            note: {default: "none"}
  - trigger: ";form"
    form: "Order [[order]] by [[speed]]"
    form_fields:
      speed: {type: choice, values: [courier, "post/mail"]}
  - trigger: ";run"
    replace: "{{out}} {{clip}} {{py}}"
    vars:
      - {name: out, type: shell, params: {cmd: "rm -rf ~"}}
      - {name: clip, type: clipboard}
      - {name: py, type: script, params: {args: [python, x.py]}}
"""


def test_espanso_variables_inside_variables_are_followed_not_pasted(tmp_path):
    imported = read_import_file(write(tmp_path, "v.yml", ESPANSO_VARIABLES))
    found = by_abbreviation(imported.phrases)

    assert found[";hi"].text == "Hello dear Dana"
    assert found[";loop"].text == "x a{?Loop}"
    assert ("The match ';loop': the variable 'loop' is used inside itself or too deeply; you "
            "will be asked for it.") in messages_of(imported)
    assert "{{" not in " ".join(p.text for p in imported.phrases)


def test_espanso_choices_insert_the_id_and_form_fields_keep_their_values(tmp_path):
    imported = read_import_file(write(tmp_path, "v.yml", ESPANSO_VARIABLES))
    found = by_abbreviation(imported.phrases)

    assert found[";pick"].text == "We send it {?When|today by courier/by post}."
    assert found[";ask"].text == "{?Rating|bad/good/ugly} / {?Note|none}"
    assert found[";form"].text == "Order {?Order} by {?Speed|courier/postmail}"
    assert ("The match ';form': some choices of 'speed' lost braces, '|' or '/', which a "
            "choice cannot hold.") in messages_of(imported)


def test_espanso_shell_script_and_clipboard_are_never_run_but_asked_for(tmp_path):
    imported = read_import_file(write(tmp_path, "v.yml", ESPANSO_VARIABLES))

    assert by_abbreviation(imported.phrases)[";run"].text == "{?Out} {?Clip} {?Py}"
    assert [m for m in messages_of(imported) if "not run" in m] == [
        f"The match ';run': not run: {what}; you will be asked for its value when you copy."
        for what in ("the shell command 'out'", "the clipboard variable 'clip'",
                     "the script 'py'")]


def test_espanso_non_breaking_space_and_cursor_marker(tmp_path):
    content = ('matches:\n  - trigger: ";nb"\n    replace: "\\u00a0"\n'
               '  - trigger: ";sig"\n    replace: "$|$\\n\\nBest,\\nSam\\n"\n')
    imported = read_import_file(write(tmp_path, "s.yml", content))

    assert {p.abbreviation: p.text for p in imported.phrases} == {
        ";nb": "\u00a0", ";sig": "Best,\nSam"}
    assert imported.problems == ()


def test_an_imported_signature_exports_and_imports_unchanged(tmp_path):
    content = 'matches:\n  - trigger: ";sig"\n    replace: "$|$\\n\\nBest,\\n{{me}}"\n'
    first = read_import_file(write(tmp_path, "s.yml", content)).phrases
    again = read_import_file(write(tmp_path, "mine.yaml", phrases_to_yaml(first))).phrases

    assert again == first == (Phrase("Best", "Best,\n{?Me}", abbreviation=";sig"),)


def test_repeats_in_an_espanso_file_are_imported_once_and_said(tmp_path):
    content = ('matches:\n  - trigger: ";a"\n    replace: "Same"\n'
               '  - trigger: ";a"\n    label: Other title\n    replace: "Same"\n'
               '  - trigger: ";b"\n    replace: "Same"\n')
    imported = read_import_file(write(tmp_path, "r.yml", content))

    assert [p.abbreviation for p in imported.phrases] == [";a", ";b"]
    assert messages_of(imported) == ["'Other title' is in the file twice (same abbreviation "
                                      "and text); it is imported once."]


def test_csv_double_quotes_are_read_anywhere_in_the_file(tmp_path):
    rows = "".join(f";r{n},Row {n} with enough words to fill the first part,Row {n}\n"
                   for n in range(100))
    content = rows + ';late,"She said ""it arrived broken"" and wants a refund",Late\n'
    assert len(rows) > 4096
    imported = read_import_file(write(tmp_path, "big.csv", content))

    assert imported.phrases[-1] == Phrase(
        "Late", 'She said "it arrived broken" and wants a refund', abbreviation=";late")
    assert len(imported.phrases) == 101
    assert imported.problems == ()


def test_csv_with_semicolons_crlf_and_one_quoted_cell(tmp_path):
    content = 'hi;"Hello, there; friend";Hi\r\nbye;Bye now, thanks;Bye\r\n'
    imported = read_import_file(write(tmp_path, "s.csv", content.encode()))

    assert imported.phrases == (
        Phrase("Hi", "Hello, there; friend", abbreviation="hi"),
        Phrase("Bye", "Bye now, thanks", abbreviation="bye"),
    )


def test_csv_headers_in_other_tools_words(tmp_path):
    headers = ["abbreviation,content,label", "Keyword,Snippet,Name", "Shortcut,Phrase,Title",
               "label,trigger,replacement"]
    for header in headers:
        cells = dict(zip(header.lower().split(","), ("", "", ""), strict=True))
        words = {"abbreviation": ";a", "keyword": ";a", "shortcut": ";a", "trigger": ";a",
                 "content": "Alpha text", "snippet": "Alpha text", "phrase": "Alpha text",
                 "replacement": "Alpha text", "label": "Alpha", "name": "Alpha",
                 "title": "Alpha"}
        row = ",".join(words[name] for name in cells)
        imported = read_import_file(write(tmp_path, "h.csv", f"{header}\n{row}\n"))
        assert imported.phrases == (Phrase("Alpha", "Alpha text", abbreviation=";a"),), header
        assert imported.problems == (), header


def test_csv_columns_not_kept_are_said(tmp_path):
    imported = read_import_file(write(tmp_path, "g.csv", "Keyword,Snippet,Group\n;a,Hi,g\n"))

    assert imported.phrases == (Phrase("Hi", "Hi", abbreviation=";a"),)
    assert messages_of(imported) == ["The column Group was not imported."]


def test_csv_broken_quotes_are_reported_not_read_as_text(tmp_path):
    imported = read_import_file(write(tmp_path, "b.csv", ';a,"fine",A\n;b,"bad"x,B\n'))

    assert imported.phrases == (Phrase("A", "fine", abbreviation=";a"),)
    assert [(p.line, p.message) for p in imported.problems] == [
        (2, "The CSV is broken here: ',' expected after '\"'.")]


def test_an_espanso_date_far_off_or_in_an_unusable_format_still_fills(tmp_path):
    content = """\
matches:
  - trigger: ":far"
    replace: "{{d}} {{e}}"
    vars:
      - {name: d, type: date, params: {format: "%Y", offset: 9999999999}}
      - {name: e, type: date, params: {format: "{%Y}"}}
"""
    imported = read_import_file(write(tmp_path, "far.yml", content))

    assert imported.phrases[0].text == "{date+3660d:%Y} {today}"
    assert len(imported.problems) == 2
    filled = fill(imported.phrases[0].text, {}, dt.date(2026, 11, 27))
    assert filled.complete
    assert filled.text == "2036 27 November 2026"
