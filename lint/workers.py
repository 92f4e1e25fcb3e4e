"""Worker processes, supervised: a worker that dies or hangs costs one file, not the run.

The main process hands each worker a chunk of files at a time over a pipe
and gets the chunk's results back in one message (one message per file cost
the main process a tenth of a second per thousand files). It watches every worker's process and its
heartbeat (shared memory, see ``budget.py``):

- a worker that dies (a plugin called ``os._exit`` or ``sys.exit`` outside a
  rule, the kernel killed it, it crashed in C code) is reported as an F900
  finding on the file it was checking, naming the rule and the document it
  was in; a new worker takes its place and the rest of its chunk;
- a worker whose step is still running at twice ``rule-timeout`` plus five
  seconds (a rule stuck in C code, where the in-process timer cannot stop
  it) is killed and reported the same way.

Results come out in the order of the files, whatever the order in which the
workers finish, so the output does not depend on the number of processes.
"""
from __future__ import annotations

import multiprocessing
import pickle
import signal
from collections import deque
from multiprocessing.connection import wait

from .budget import IDLE, READING, Heartbeat, time_limit

#: Seconds between two looks at the workers when none of them reports.
POLL = 0.5
#: The cell of a worker's shared array that holds the place in its chunk of the file it checks.
PLACE = 3

_CHECKER = None  # the Checker a forked worker inherits


class _Worker:
    """One worker process, its end of the pipe, its heartbeat and the files it holds."""

    def __init__(self, context, checker, spawn_args):
        self.cells = context.RawArray("d", 4)  # the heartbeat, then the place in the chunk
        self.cells[0] = IDLE
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, self.cells, spawn_args), daemon=True)
        self.process.start()
        child.close()
        self.chunk: deque = deque()
        self.heartbeat = Heartbeat(self.cells)

    def stop(self, now: bool = False) -> None:
        if not now:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn, cells, spawn_args) -> None:
    """A worker's life: check the files of each chunk it is sent, send each result back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    checker = _CHECKER
    if checker is None:  # spawned, not forked: build the rules again
        checker_class, arguments = spawn_args
        checker = checker_class(*arguments)
    checker.heartbeat = Heartbeat(cells)
    with time_limit(checker.heartbeat, checker.budget):
        while True:
            try:
                chunk = conn.recv()
            except EOFError:
                return
            if chunk is None:
                return
            done = []
            for place, (index, source) in enumerate(chunk):
                cells[PLACE] = place
                done.append((index, _pickled(checker, source, checker.check_file(source))))
            try:
                conn.send(done)
            except (OSError, EOFError):
                return  # the main process is gone


def _pickled(checker, source, result) -> bytes:
    """``result`` pickled, each on its own: one that cannot be is replaced by an F900 saying so."""
    try:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as err:  # a record or finding that cannot be pickled
        return pickle.dumps(checker.unsendable(source, err), protocol=pickle.HIGHEST_PROTOCOL)


def supervised_results(checker, sources: list, jobs: int):
    """File results in the order of ``sources``, from ``jobs`` supervised workers."""
    global _CHECKER
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # The class travels by name, so this module needs no import of the engine.
    spawn_args = (type(checker), (checker.settings, checker.selection, checker.debug, None, checker.measure))
    size = max(1, min(64, len(sources) // (jobs * 8)))
    queue = deque([list(enumerate(sources))[i:i + size] for i in range(0, len(sources), size)])
    hard_limit = 2 * checker.budget + 5
    results: dict = {}
    next_index = 0
    _CHECKER = checker
    workers = []
    try:
        workers = [_Worker(context, checker, spawn_args) for _ in range(min(jobs, len(queue)))]
        while next_index < len(sources):
            for i, worker in enumerate(workers):
                if not worker.chunk and queue:
                    chunk = queue.popleft()
                    worker.cells[PLACE] = 0
                    try:
                        worker.conn.send(chunk)
                    except OSError:  # it died while it waited: none of this chunk was started
                        queue.appendleft(chunk)
                        worker.stop(now=True)
                        workers[i] = _Worker(context, checker, spawn_args)
                        continue
                    worker.chunk.extend(chunk)
            busy = [w for w in workers if w.chunk]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL))
            for i, worker in enumerate(workers):
                if not worker.chunk:
                    continue
                ended = worker.process.sentinel in ready
                broken = (worker.conn in ready or ended) and _receive(checker, worker, results)
                lost = None
                if worker.chunk and (broken or ended):
                    lost = _died(checker, worker)
                elif worker.chunk and worker.heartbeat.running_for() > hard_limit:
                    lost = _stuck(checker, worker, hard_limit)
                if lost is not None:
                    held = list(worker.chunk)  # files it finished were not sent yet: they are checked again
                    place = min(int(worker.cells[PLACE]), len(held) - 1)
                    index, source = held.pop(place)
                    results[index] = checker.lost_file(source, lost, worker.heartbeat.line)
                    if held:
                        queue.appendleft(held)
                    worker.stop(now=True)
                    workers[i] = _Worker(context, checker, spawn_args)
            while next_index in results:
                yield results.pop(next_index)
                next_index += 1
    finally:
        _CHECKER = None
        for worker in workers:
            worker.stop(now=next_index < len(sources))


def _receive(checker, worker: _Worker, results: dict) -> bool:
    """Take the results of the worker's chunk if it has sent them; True if its pipe broke (it died).

    Each result is unpickled on its own: one that pickles but does not unpickle
    (an exception class with a custom constructor in a record) costs its file, as
    it would in the worker.
    """
    try:
        if not (worker.chunk and worker.conn.poll()):
            return False
        done = worker.conn.recv()
    except (EOFError, OSError):
        return True
    sources = dict(worker.chunk)
    for index, pickled in done:
        try:
            results[index] = pickle.loads(pickled)
        except Exception as err:
            results[index] = checker.unsendable(sources[index], err)
    worker.chunk.clear()
    return False


def _died(checker, worker: _Worker) -> str:
    """What happened to a worker process that ended while it held files."""
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        try:
            how = f"was killed by signal {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    else:
        how = f"exited with status {code}"
    return f"its worker process {how} {_doing(checker, worker.heartbeat)}"


def _stuck(checker, worker: _Worker, hard_limit: float) -> str:
    doing = _doing(checker, worker.heartbeat)
    return f"its worker process was stopped after {hard_limit:g} s without progress {doing}"


def _doing(checker, heartbeat: Heartbeat) -> str:
    step = heartbeat.step
    if step in (IDLE, READING):
        return "while reading it"
    rule = checker.steps[step]
    return f"while rule {rule.code} ({rule.name}) was checking the document at line {heartbeat.line}"

