"""The line ending a text file uses, for fixes that add lines (W003, W005, D004)."""


def line_ending(text: str) -> str:
    """``"\\r\\n"`` if the text has any, ``"\\r"`` if it only has lone CRs, else ``"\\n"``."""
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"
