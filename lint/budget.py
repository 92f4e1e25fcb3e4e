"""Time budgets: no rule runs for ever on one document, no read waits for ever.

Every step of a run (reading the next document of a file, one rule's
``check`` or ``collect`` on one document, one ``finish`` on one group of
corpus records) gets ``rule-timeout`` seconds (60 by default). What the
process is doing is kept in a :class:`Heartbeat`: the step, the line of the
document and when the step began.

Two guards read it:

- in the process that runs the step, a periodic timer (``SIGALRM``) raises
  :class:`Overtime` inside a step that is over its budget, so a rule stuck
  in a Python loop, or a read blocked on a named pipe, is stopped and
  reported (F900) and the run goes on with the next step;
- for worker processes, the main process also reads the heartbeat (kept in
  shared memory) and kills a worker whose step is still running at twice the
  budget plus five seconds: a rule stuck in C code, where no signal handler
  runs, costs one file, never the run (see ``workers.py``).

The timer needs the main thread of a Unix process; elsewhere (corpuslint
called from a thread, Windows) steps run without a time limit.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from time import monotonic

#: Heartbeat steps that are not a rule: waiting for work, and reading a file.
IDLE, READING = -2.0, -1.0
DEFAULT_RULE_TIMEOUT = 60.0


class Overtime(BaseException):
    """Raised inside a step that ran past its budget.

    A ``BaseException``, so that a rule's own ``except Exception`` cannot
    swallow it.
    """


class Heartbeat:
    """The current step of this process: ``cells`` holds the step (a rule's
    index in :attr:`Checker.steps`, :data:`READING` or :data:`IDLE`), the
    document's line and the step's start (``time.monotonic``).

    ``cells`` is a list, or a shared ``RawArray('d', 3)`` that the main
    process reads for a worker.
    """

    __slots__ = ("cells",)

    def __init__(self, cells=None):
        self.cells = cells if cells is not None else [IDLE, 0.0, 0.0]

    def begin(self, step: float, line: int) -> None:
        cells = self.cells
        cells[2] = monotonic()  # the start first: a guard never sees a new step with an old start
        cells[1] = line
        cells[0] = step

    def end(self) -> None:
        self.cells[0] = IDLE

    @property
    def step(self) -> int:
        return int(self.cells[0])

    @property
    def line(self) -> int:
        return int(self.cells[1])

    def running_for(self, now: float | None = None) -> float:
        """Seconds the current step has run (0 when idle)."""
        if self.cells[0] == IDLE:
            return 0.0
        return (monotonic() if now is None else now) - self.cells[2]


@contextmanager
def time_limit(heartbeat: Heartbeat, budget: float):
    """Within this block, a step of ``heartbeat`` that runs past ``budget``
    seconds gets :class:`Overtime` raised inside it (main thread, Unix only)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        if heartbeat.running_for() > budget:
            heartbeat.end()  # stop it once: the handler that reports it must not be interrupted
            raise Overtime()

    interval = min(1.0, budget / 4)
    previous = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, interval, interval)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
