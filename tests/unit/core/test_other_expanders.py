import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from checkback.core.other_expanders import MAX_MEMBER_BYTES, MAX_MEMBERS
from checkback.core.phrase_transfer import read_import_file
from checkback.core.phrases import Phrase
from checkback.core.placeholders import fill, placeholders_in

TODAY = dt.datetime(2027, 3, 3, 14, 5)

BEEFTEXT = {
    "fileFormatVersion": 8,
    "groups": [{"name": "Support", "uuid": "g1"}],
    "combos": [
        {"name": "Signature", "keyword": "::sig", "snippet": "Best, Sam {team}",
         "matchingMode": "default", "enabled": True, "group": "g1"},
        {"name": "Closing", "keyword": "::bye",
         "snippet": "Thanks, #{input:Customer first name}!\n#{combo:::sig}"},
        {"name": "", "keyword": "::paste", "snippet": "#{clipboard} sent on #{date}"},
        {"name": "Stamp", "keyword": "::when",
         "snippet": "#{dateTime:dd/MM/yyyy} at #{time}; #{dateTime:yyyy-MM-dd hh:mm AP}"},
        {"name": "Machine", "keyword": "::who",
         "snippet": "#{envVar:USERNAME} #{powershell:C:\\x.ps1}"},
        {"name": "Loop", "keyword": "::loop", "snippet": "again #{combo:::loop}"},
        {"name": "Empty", "keyword": "::none", "snippet": ""},
    ],
}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def by_abbreviation(phrases: tuple[Phrase, ...]) -> dict[str, Phrase]:
    return {phrase.abbreviation: phrase for phrase in phrases}


def messages(imported) -> str:
    return "\n".join(problem.message for problem in imported.problems)


def alfred_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def alfred_member(snippet: str, name: str, keyword: str) -> bytes:
    return json.dumps({"alfredsnippet": {"snippet": snippet, "uid": keyword, "name": name,
                                         "keyword": keyword}}).encode()


@pytest.fixture
def beeftext(tmp_path):
    return read_import_file(write(tmp_path, "comboList.json", json.dumps(BEEFTEXT)))


def test_beeftext_combos_become_phrases_with_a_nested_combo_inlined(beeftext):
    found = by_abbreviation(beeftext.phrases)

    assert beeftext.file_format == "Beeftext"
    assert found["::sig"] == Phrase("Signature", "Best, Sam {{team}}", abbreviation="::sig")
    assert found["::bye"].text == "Thanks, {?Customer first name}!\nBest, Sam {{team}}"
    assert fill(found["::bye"].text, {}, TODAY, {"{?Customer first name}": "Ann"}).text \
        == "Thanks, Ann!\nBest, Sam {team}"


def test_beeftext_clipboard_is_a_fill_in_and_said(beeftext):
    paste = by_abbreviation(beeftext.phrases)["::paste"]

    assert paste.text == "{?Clipboard text} sent on {today}"
    assert paste.title == "sent on"
    assert "'::paste': the clipboard is not pasted" in messages(beeftext)


def test_beeftext_dates_keep_their_format(beeftext):
    when = by_abbreviation(beeftext.phrases)["::when"]

    assert fill(when.text, {}, TODAY).text == "03/03/2027 at 14:05; 2027-03-03 02:05 PM"


def test_beeftext_scripts_and_variables_are_never_run(beeftext):
    who = by_abbreviation(beeftext.phrases)["::who"]

    assert [p.question for p in placeholders_in(who.text)] == [
        "The environment variable USERNAME", "The PowerShell script C:\\x.ps1"]
    assert "The environment variable USERNAME is not run" in messages(beeftext)
    assert "The PowerShell script C:\\x.ps1 is not run" in messages(beeftext)


def test_beeftext_combo_holding_itself_is_asked_for_and_said(beeftext):
    loop = by_abbreviation(beeftext.phrases)["::loop"]

    assert loop.text == "again {?::loop}"
    assert "the combo '::loop' it holds is missing, holds itself" in messages(beeftext)


def test_beeftext_combo_without_text_is_not_imported_and_said(beeftext):
    assert "::none" not in by_abbreviation(beeftext.phrases)
    assert "The combo 'Empty' has no text, so it was not imported." in messages(beeftext)


def test_beeftext_csv_header_is_read_keeping_the_name_over_the_description(tmp_path):
    content = "keyword,snippet,name,description\n::hi,\"Hello, there\",Greeting,\n"

    imported = read_import_file(write(tmp_path, "combos.csv", content))

    assert imported.phrases == (Phrase("Greeting", "Hello, there", abbreviation="::hi"),)
    assert "The column description was not imported." in messages(imported)


def test_raycast_snippets_map_their_placeholders(tmp_path):
    content = json.dumps([
        {"name": "Order", "keyword": "!ord",
         "text": "Order {argument name=\"order number\"} ships {date format=\"d MMMM\" "
                 "offset=\"+2d\"}{cursor}."},
        {"name": "Paste", "keyword": "!p",
         "text": "{clipboard} at {time}, via {argument name=\"how\" options=\"post, courier\"}"},
        {"name": "Json", "text": "{\"a\": 1} {uuid}"},
    ])

    imported = read_import_file(write(tmp_path, "snippets.json", content))

    found = by_abbreviation(imported.phrases)
    assert imported.file_format == "Raycast"
    assert found["!ord"].text == "Order {?Order number} ships {date+2d:%d %B}."
    assert fill(found["!ord"].text, {}, TODAY, {"{?Order number}": "7"}).text \
        == "Order 7 ships 05 March."
    assert found["!p"].text == "{?Clipboard text} at {date:%H:%M}, via {?How|post/courier}"
    assert found[""].text == "{{\"a\": 1}} {?Uuid}"
    said = messages(imported)
    assert "'Order': the cursor position was dropped." in said
    assert "'Order': the date format 'd MMMM' now writes days, months or hours with a " \
        "leading zero" in said
    assert "'Paste': the clipboard is not pasted" in said
    assert "'Json': the Raycast placeholder {uuid} is not one Checkback has" in said


def test_alfred_collection_is_read_from_its_zip(tmp_path):
    raw = alfred_zip({
        "info.plist": b"<plist/>",
        "Thanks [a1].json": alfred_member("Thanks! {cursor}Sent {date:yyyy-MM-dd}", "Thanks",
                                          "thx"),
        "Paste [a2].json": alfred_member("{clipboard} on {date} {time}", "", "pst"),
    })

    imported = read_import_file(write(tmp_path, "Support.alfredsnippets", raw))

    found = by_abbreviation(imported.phrases)
    assert imported.file_format == "Alfred"
    assert found["thx"] == Phrase("Thanks", "Thanks! Sent {date:%Y-%m-%d}", abbreviation="thx")
    assert found["pst"].text == "{?Clipboard text} on {today} {date:%H:%M}"
    assert found["pst"].title == "on"
    assert "'Thanks': the cursor position was dropped." in messages(imported)
    assert "leading zero" not in messages(imported)


def test_alfred_member_too_large_is_refused_and_the_rest_read(tmp_path):
    bomb = alfred_member(" " * (MAX_MEMBER_BYTES + 10), "Big", "big")
    raw = alfred_zip({"big.json": bomb, "ok.json": alfred_member("Fine", "Ok", "ok")})

    imported = read_import_file(write(tmp_path, "Big.alfredsnippets", raw))

    assert len(raw) < 100_000  # it compresses to little: the cap is on what it expands to
    assert [phrase.abbreviation for phrase in imported.phrases] == ["ok"]
    assert "big.json" in imported.problems[0].source
    assert "larger than 1 MB" in imported.problems[0].message


def test_alfred_collection_with_too_many_members_is_refused(tmp_path):
    raw = alfred_zip({f"{n}.json": b"{}" for n in range(MAX_MEMBERS + 1)})

    imported = read_import_file(write(tmp_path, "Many.alfredsnippets", raw))

    assert imported.phrases == ()
    assert f"more than {MAX_MEMBERS:,} snippets" in messages(imported)


def test_a_file_that_is_not_a_zip_is_refused_in_words(tmp_path):
    imported = read_import_file(write(tmp_path, "x.alfredsnippets", b"not a zip"))

    assert imported.phrases == ()
    assert "not a readable Alfred snippets collection" in messages(imported)


def test_text_blaze_export_maps_forms_and_times(tmp_path):
    content = json.dumps({"folders": [{"name": "Support", "snippets": [
        {"name": "Greeting", "shortcut": "/hi",
         "text": "Hi {formtext: name=customer; default=there}, "
                 "{formmenu: a; default=b; name=pick}"},
        {"name": "Due", "shortcut": "/due",
         "text": "Due {time: MMMM D, YYYY; shift=+1W}{cursor} {time: Q}"},
        {"name": "Rich", "shortcut": "/rich", "html": "<p>Hello <b>you</b></p>"},
    ]}]})

    imported = read_import_file(write(tmp_path, "blaze.json", content))

    found = by_abbreviation(imported.phrases)
    assert imported.file_format == "Text Blaze"
    assert found["/hi"].text == "Hi {?Customer|there}, {?Pick|b/a}"
    assert found["/due"].text == "Due {date+7d:%B %d, %Y} {today}"
    assert found["/rich"].text == "Hello you"
    said = messages(imported)
    assert "'Due': the date format 'Q' cannot be kept" in said
    assert "'Rich': its formatting was dropped" in said


def test_bad_json_is_reported_with_its_line_not_a_crash(tmp_path):
    imported = read_import_file(write(tmp_path, "comboList.json", '{"combos": [\n  {oops}\n]}'))

    assert imported.phrases == ()
    assert imported.problems[0].message == ("The file is not valid JSON (line 2), so nothing "
                                            "was imported.")
    assert imported.problems[0].line == 2


def test_an_unknown_json_shape_is_refused_in_words(tmp_path):
    imported = read_import_file(write(tmp_path, "other.json", '{"items": [{"a": 1}]}'))

    assert imported.phrases == ()
    assert "This JSON file is not one Checkback knows" in messages(imported)
    assert "Beeftext" in imported.problems[0].message
