"""Upload pipeline: decode → parse → validate (errors as a Chinese table with Excel row numbers) → diff → commit
(copy-on-write publish under a file lock) → audit and exact rollback; templates per kind; kinds/ one module each."""

from ningxia_dash.ingest.audit import RollbackInfo, RollbackRefused, rollback
from ningxia_dash.ingest.kinds import KINDS, Kind, kinds_for_role
from ningxia_dash.ingest.limits import MAX_BYTES
from ningxia_dash.ingest.messages import Issue
from ningxia_dash.ingest.pipeline import ImportRejected, NothingToImport, Preview, commit, dry_run, import_file
from ningxia_dash.ingest.validate import Scope
from ningxia_dash.ingest.write import BatchInfo, CommitError

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "BatchInfo",
    "CommitError",
    "ImportRejected",
    "Issue",
    "Kind",
    "NothingToImport",
    "Preview",
    "RollbackInfo",
    "RollbackRefused",
    "Scope",
    "commit",
    "dry_run",
    "import_file",
    "kinds_for_role",
    "rollback",
]
