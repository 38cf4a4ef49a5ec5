"""Stage 2, text: HTML, markdown and plain text into `PlainText` with source offsets.

Every character of the plain text maps back to its offset in the source; the text is cut into
blocks with roles (title, body, about, contacts, forward-looking statements...), sentences, and
a dateline date (`plain`).
"""
