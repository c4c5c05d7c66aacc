"""Reports as published: text copied from web pages and PDFs, and HTML pages.

:mod:`~govinfo.reading.text.decode` finds the encoding, :mod:`~govinfo.reading.text.html`
flattens a page, :mod:`~govinfo.reading.text.tokens` splits lines into label and value
tokens, :mod:`~govinfo.reading.text.fit` fits a row of the wrong length through the
balances, and :mod:`~govinfo.reading.text.reader` reads the sections and tables.
"""
