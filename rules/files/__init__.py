"""F: file and format problems, reported by the readers. The run always goes on."""
from .bad_csv_row import BadCsvRow
from .content_mismatch import ContentMismatch
from .empty_record_file import EmptyRecordFile
from .internal_error import InternalError
from .malformed_json import MalformedJson
from .missing_field import MissingField
from .oversized_document import OversizedDocument
from .unreadable_file import UnreadableFile

RULES = [UnreadableFile, MalformedJson, BadCsvRow, MissingField, OversizedDocument, ContentMismatch,
         EmptyRecordFile, InternalError]
