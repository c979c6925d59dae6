"""The downloads and the whole-book page: EPUB 3, PDF, plain text, each rendered from the model.

`xhtml` sets a block's text as HTML (page breaks, note links) for the EPUB, the PDF and the
whole-book page; `epub`, `pdf`, `text` and `book_page` each make one output from the Document.
"""
