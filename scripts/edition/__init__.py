"""The edition pipeline: OCR text in source/ → Markdown chapters in docs/.

One module per pass; `pipeline.build()` runs them in order over a `model.Document`.
"""
