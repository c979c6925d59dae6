"""docs/: the Markdown that MkDocs or Zensical renders, one file per part and the edition's pages.

`docs` makes and writes the whole folder; `part` renders a part (and escapes every Markdown
character); `emendations`, `colophon` and `book_page` one page each; `edit_marks` and
`tools_data` what a part carries for the reader's tools.
"""
