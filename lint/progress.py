"""A progress bar on stderr for long runs: files, documents, MB, rate, ETA (tqdm).

Shown only when stderr is a terminal, and only once a run has lasted a
second; ``--no-progress`` turns it off.
"""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        self.documents = 0

    def start(self, total_bytes: int, files: int) -> None:
        from tqdm import tqdm  # 55 ms to import: paid only when a progress bar is shown

        self.bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024, delay=1.0,
                        file=self.stream, leave=False, desc=f"{files} files", dynamic_ncols=True)

    def update(self, result) -> None:
        self.documents += result.documents
        self.bar.update(result.size)
        self.bar.set_postfix_str(f"{self.documents} docs", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def wanted(disabled: bool) -> bool:
    return not disabled and sys.stderr.isatty()
