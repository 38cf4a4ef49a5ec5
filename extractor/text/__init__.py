"""Stage 2, text: HTML, markdown and plain text into `PlainText` with source offsets.

In: the source of one release or document, as a string, in HTML, markdown or text.
Out: `PlainText`: blocks joined by newlines, each with its role, where every character maps
back to its offset in the source; then its sentence spans and its dateline date.

The entry point tells the media and runs its reader (`conversion`): the HTML tag scanner
(`html`) or the markdown reader with its front matter (`markdown`); both write through one
builder that keeps the offset map and cuts blocks, defined with `PlainText` and `Block`
(`plain`). Each block then gets its role: title, body, about, contact, forward-looking,
navigation or boilerplate (`roles`). Sentences are split inside the text (`sentences`) and the
release date is read from the dateline near the top (`datelines`). A document's genre (press
release, form items, agreement, financial statements, presentation, news article or other) is
told from its type and the signs near its start (`genres`), so that each goes to its reader.
A form's text is cut into its Item sections by their headings (`items`). A standalone release
is labelled with its title (`titles`).
"""
