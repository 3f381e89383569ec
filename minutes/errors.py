"""Errors a document can fail with; their messages are shown to the user as the reason."""


class DocumentError(Exception):
    """A document could not be read or understood. str(error) is a readable reason."""


class UnsupportedFormat(DocumentError):
    pass


class UnreadableDocument(DocumentError):
    pass
