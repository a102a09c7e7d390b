"""GitHub Actions workflow commands, so that data errors show inline on the changed lines of a PR."""

from __future__ import annotations

from dlmatrix.data.errors import DataError


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: DataError, level: str = "error") -> str:
    """`::error file=PATH,line=L,col=C::MESSAGE`, escaped as GitHub's workflow commands require."""
    return (f"::{level} file={_escape_property(error.path)},line={error.line},col={error.column}"
            f"::{_escape_data(error.message)}")
