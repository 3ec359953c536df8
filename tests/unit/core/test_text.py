import codecs

import pytest

from checkback.core.text import UndecodableTextError, decode_content, rejoin_wrapped_lines


def test_plain_utf8_is_read_as_is():
    decoded = decode_content("Café – it’s fine".encode())
    assert decoded.text == "Café – it’s fine"
    assert decoded.encoding == "utf-8"
    assert decoded.note == ""


def test_utf8_bom_is_dropped():
    decoded = decode_content(codecs.BOM_UTF8 + b"---\ntitle: A\n")
    assert decoded.text == "---\ntitle: A\n"
    assert decoded.encoding == "utf-8-sig"


def test_utf16_with_bom_is_read():
    decoded = decode_content("Grüße".encode("utf-16"))
    assert decoded.text == "Grüße"


def test_windows_1252_is_read_and_noted():
    decoded = decode_content("It’s the customer’s “parcel” – 5 €".encode("cp1252"))
    assert decoded.text == "It’s the customer’s “parcel” – 5 €"
    assert decoded.encoding == "cp1252"
    assert "UTF-8" in decoded.note


def test_utf8_mojibake_is_repaired():
    assert decode_content("itâ€™s here".encode()).text == "it’s here"


def test_code_page_437_apostrophe_is_repaired():
    assert decode_content("the customerÆs order; donÆt".encode()).text == (
        "the customer’s order; don’t"
    )


def test_real_capital_ae_is_kept():
    assert decode_content("ÆRØ island".encode()).text == "ÆRØ island"


def test_nul_bytes_are_not_text():
    with pytest.raises(UndecodableTextError, match="NUL"):
        decode_content(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_bytes_undefined_in_windows_1252_are_reported_with_offset():
    with pytest.raises(UndecodableTextError, match="0x81 at offset 3"):
        decode_content(b"abc\x81def")


WRITTEN = ("We can’t refund “damaged” items – sorry. It’s policy… Café, naïve. CAN’T "
           "and WON’T.")


@pytest.mark.parametrize("misread_as", ["cp437", "cp850", "mac_roman"])
def test_windows_text_misread_as_a_dos_or_mac_code_page_is_written_back(misread_as):
    mojibake = WRITTEN.encode("cp1252").decode(misread_as)
    assert mojibake != WRITTEN
    assert decode_content(mojibake.encode()).text == WRITTEN


@pytest.mark.parametrize("text", [
    "Größe und Öl für die Straße", "ÆRØ island", "Señor Muñoz’s “order” – fine",
    "naïve café", "It’s “fine”", "Θ and ∩ are maths", "ôô"])
def test_text_that_reads_right_is_left_as_it_is(text):
    assert decode_content(text.encode()).text == text


WRAPPED = """\
Thank you
for contacting
us about
your order. We will
refund Sam's
order within
14 days.

Kind regards,
Sam Lee
Acme Outdoor"""


def test_a_paragraph_wrapped_a_few_words_a_line_reads_as_one_line():
    assert rejoin_wrapped_lines(WRAPPED) == (
        "Thank you for contacting us about your order. We will refund Sam's order within "
        "14 days.\n\nKind regards,\nSam Lee\nAcme Outdoor")


def test_list_items_take_their_wrapped_lines_and_headings_stay_their_own():
    text = ("## What to do\n1. Refund the customer\n   within 14 days of the\n   return.\n"
            "2. Send an e-\n   mail to\n   them\n- Check\n  back\n  tomorrow\n# Notes\nnone yet")
    assert rejoin_wrapped_lines(text) == (
        "## What to do\n1. Refund the customer within 14 days of the return.\n"
        "2. Send an e-mail to them\n- Check back tomorrow\n# Notes\nnone yet")


@pytest.mark.parametrize("text", [
    "Acme Ltd\n12 High Street\nLondon",
    "Hi {customer_name},\nThanks for waiting.\n{agent_name}",
    "Refunds within 14 days\nExchanges within 30 days",
    "```\nif total\n  and more\n```",
    "> I can hear how\n> frustrating this is",
    "| a | b |\n| c | d |",
    "Ends here  \nand a line break written in Markdown",
    "One line",
    "Two\nlines",
])
def test_lines_that_are_not_a_wrapped_paragraph_stay_as_written(text):
    assert rejoin_wrapped_lines(text) == text
