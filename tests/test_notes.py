"""Notes: markers found where they stand, linked both ways; digits that are not markers left."""

from edition.model import Line
from edition.notes import DIGIT, NUMBERED_MARKER, _marker


def test_eleven_notes_and_two_page_foot_notes(doc):
    assert [note.number for note in doc.notes] == [str(n) for n in range(1, 12)]
    assert [note.id for note in doc.footnotes] == ["ed1", "ed2"]


def test_marker_glued_to_word_or_quote():
    assert _marker(Line(867, "", "gress of the Italian Socialists at Leghorn3 and to the tac"), "3")
    assert _marker(Line(846, "", "The “March action”2 and the so-called “theory of the"), "2")
    assert _marker(Line(457, "", "stadt.1 We are too great ‘iconoclasts in painting.’ The"), "1")


def test_digits_that_are_not_markers():
    assert _marker(Line(13, "", "ings with Lenin in 1920, 1921, and 1922. She sets forth"), "1") is None
    assert not NUMBERED_MARKER.search("a legal 8-hour day, labour protection")
    # "women.5" is a misread closing quote; only note 8 is expected on that page
    assert _marker(Line(2395, "", "the bourgeois movement for the ‘emancipation of women.5"), "8") is None


def test_markers_sit_on_their_words(doc):
    texts = {
        note.id: next(
            block.text[max(0, off - 20) : off]
            for part in doc.parts
            for block in part.blocks
            for off, nid in block.markers
            if nid == note.id
        )
        for note in [*doc.notes, *doc.footnotes]
    }
    assert texts["3"].endswith("at Leghorn")
    assert texts["6"].endswith("Karl and Leo")
    assert texts["10"].endswith("Spartacans")
    assert texts["11"].endswith("Independents.")
    assert texts["ed1"].endswith("the Congress")
    assert texts["ed2"].endswith("Revolution.”")


def test_marker_parts(doc):
    parts = {note.id: note.marker_part for note in [*doc.notes, *doc.footnotes]}
    assert parts["1"] == parts["6"] == parts["ed1"] == parts["ed2"] == "recollections"
    assert parts["7"] == parts["8"] == parts["9"] == parts["11"] == "memorandum-book"


def test_note_texts_lose_their_number_and_page_reference(doc):
    first = doc.notes[0]
    assert first.blocks[0].text == "Karlstadt (1480-1541)—leading figure of the Reformation."
    assert first.page_ref == 18
    six = [block.text for block in doc.notes[5].blocks]
    assert six == ["Rosa—Rosa Luxemburg.", "Karl—Karl Liebknecht.", "Leo—Leo Jogisches (Tyszka)."]


def test_page_foot_note_text(doc):
    assert (
        doc.footnotes[0].blocks[0].text == "See V. I. Lenin, Works, 4th Russ. ed., Vol. 32, pp. 444-453.—Ed."
    )
    assert doc.footnotes[0].marker_page == 35


def test_no_asterisk_left_in_the_running_text(doc):
    for part in doc.parts:
        for block in part.blocks:
            assert "*" not in block.text or block.kind == "section-break"


def test_a_numbered_marker_is_only_found_in_a_line_with_a_digit(doc, raw_lines):
    lines = set(raw_lines) | {line.text for line in doc.lines} | {"Leghorn3", "action”2", "x٣ y"}
    for line in lines:
        if NUMBERED_MARKER.search(line):
            assert DIGIT.search(line), line
