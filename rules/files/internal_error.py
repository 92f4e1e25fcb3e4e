from corpuslint.readers.codes import INTERNAL_ERROR
from corpuslint.rule import ReaderRule


class InternalError(ReaderRule):
    """A rule (built-in or plugin) or a reader failed on a document.

    The failure is isolated: the other rules and documents are still checked,
    but the results for this rule and document are missing, so the run is
    incomplete. The message names the rule and the document; run again with
    ``--debug`` to see the traceback, and report it to the rule's authors.
    Internal errors are always reported, whatever is selected.
    """

    code = INTERNAL_ERROR
    name = "internal-error"
    severity = "error"
