"""Every output of the edition, each rendered from the Document (never from another output).

`markdown/` writes docs/ for MkDocs or Zensical (the parts, title page, About, Emendations,
Colophon, the whole-book page, the tools' data); `xhtml` sets a block's text as HTML for the
EPUB, the PDF and the whole-book page; `epub`, `pdf` and `text` each make one download;
`view`, `marks` and `apparatus` are what several outputs read alike (ids, the page and note
marks, the apparatus' words); `settings` reads downloads.yml.
"""
