"""The two ways loading a file can fail, shared by the dispatcher (`load.py`) and every loader."""


class LoadError(Exception):
    """A file that cannot be read as a document; `stage` says which step refused it."""

    def __init__(self, stage: str, message: str):
        super().__init__(message)
        self.stage = stage


class EmptyDocument(LoadError):
    """A file with no text at all (zero bytes, whitespace only, or nothing but markup)."""
