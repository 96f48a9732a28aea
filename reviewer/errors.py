"""The one exception type that reaches the user (bad input, named by file and line), and the
exit codes every command and ``exit_code`` of the API results share, as a linter's."""

from __future__ import annotations

# 0 nothing wrong; 1 findings (an error-severity one, or an item that failed); 2 bad input or usage.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class InputError(Exception):
    """Input that cannot be read as a form. The CLI prints it on one line and exits 2."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        super().__init__(self.__str__())

    def __reduce__(self):
        # Workers of a batch send these back pickled; the default would call __init__ with
        # the formatted message alone, fail in the pool's result thread and hang the batch.
        return (InputError, (self.path, self.message, self.line))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
