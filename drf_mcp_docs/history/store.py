"""The schema history in the project's database (``models.SchemaRecord``).

Every build of the live schema is recorded once per distinct digest (``record_built``, a
schema build callback); ``mcpdocs_snapshot`` records baselines from files. The table is
shared by every worker and survives restarts; the unique (version key, digest) constraint
makes concurrent workers record a schema once. Bounded by ``HISTORY_LIMIT``: the oldest
unlabelled records go first, then the oldest labelled ones.

Recording never breaks a build: without the table (migrations not run) it logs one
warning per process and the tools keep working (``history/checks.py`` says how to fix it).

``version_key`` is the API version a schema documents (None: the project's default
schema); every call takes it, so per-version schemas are recorded and compared per version.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import threading
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drf_mcp_docs.conf import conf
from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.schema.digest import canonical_json, digest_of
from drf_mcp_docs.schema.records import ApiSchema

if TYPE_CHECKING:
    from drf_mcp_docs.models import SchemaRecord

logger = logging.getLogger("drf_mcp_docs.history")

#: The shortest digest prefix ``since`` may give.
MIN_PREFIX = 4
_HEX = re.compile(r"[0-9a-f]+")


class HistoryUnavailable(RuntimeError):
    """The history cannot be read or written here (off, or its table is missing)."""


class UnknownSchema(LookupError):
    """``since`` / ``until`` names no recorded schema; the message names the known ones."""


@dataclass(frozen=True)
class Recorded:
    """A recorded schema, without its document."""

    digest: str
    schema_version: str
    label: str
    source: str
    first_seen: datetime.datetime
    version_key: str

    def describe(self) -> dict[str, str]:
        return {
            key: value
            for key, value in (
                ("digest", self.digest),
                ("version", self.schema_version),
                ("label", ", ".join(labels_of(self.label))),
                ("firstSeen", self.first_seen.isoformat(timespec="seconds")),
            )
            if value
        }


def _key(version_key: str | None) -> str:
    return version_key or ""


def _model() -> type[SchemaRecord]:
    from drf_mcp_docs.models import SchemaRecord

    return SchemaRecord


def _recorded(row: SchemaRecord) -> Recorded:
    return Recorded(
        row.digest, row.schema_version, row.label, row.source, row.first_seen, row.version_key
    )


def table_exists() -> bool:
    """Whether the history's table is in the default database (``migrate`` was run)."""
    from django.db import connections, router

    model = _model()
    connection = connections[router.db_for_write(model)]
    with connection.cursor() as cursor:
        return model._meta.db_table in connection.introspection.table_names(cursor)


# -- recording ------------------------------------------------------------------------------

_recorded_here: set[tuple[str, str]] = set()  # (version key, digest) this process recorded
_lock = threading.Lock()


@after_fork
def _new_lock() -> None:
    """In a forked child: a thread of the parent may have held the lock at the fork."""
    global _lock
    _lock = threading.Lock()


_warned = False


def record(
    document: dict[str, Any],
    *,
    label: str = "",
    source: str = "served",
    version_key: str | None = None,
    digest: str | None = None,
) -> tuple[Recorded, bool]:
    """Record ``document`` once; returns the record and whether it is new.

    A ``label`` names one schema: recording with it moves it here from any other record
    (a record keeps its other labels, so ``v1.4.0`` and ``main`` can name the same one).
    ``digest``, when the caller knows it, saves serialising a document already recorded.
    Raises :class:`HistoryUnavailable` when the history is off.
    """
    from django.db import IntegrityError, transaction

    if label and check_label(label):
        raise ValueError(f"bad label {label[:100]!r}: {check_label(label)}")
    limit = conf.HISTORY_LIMIT
    if not limit:
        raise HistoryUnavailable("the schema history is off (DRF_MCP_DOCS HISTORY / HISTORY_LIMIT)")
    canonical = None if digest else canonical_json(document)
    if canonical is not None:
        digest = digest_of(canonical)
    model, key = _model(), _key(version_key)
    info = document.get("info")
    if not isinstance(info, dict):
        info = {}
    row = model.objects.filter(version_key=key, digest=digest).defer("document").first()
    created = False
    if row is None:
        if canonical is None:
            canonical = canonical_json(document)
        try:
            with transaction.atomic():
                row = model.objects.create(
                    digest=digest,
                    version_key=key,
                    schema_version=str(info.get("version", ""))[:200],
                    label="",
                    source=source,
                    document=zlib.compress(canonical, 6),
                    size=len(canonical),
                )
                created = True
        except IntegrityError:  # another worker recorded it first
            row = model.objects.defer("document").get(version_key=key, digest=digest)
    if label:
        row = _move_label(row, label)
    if created:
        _prune(key, limit)
    return _recorded(row), created


def check_label(label: str) -> str | None:
    """Why ``label`` cannot be a label (None when it can)."""
    if not label or len(label) > 100 or any(c.isspace() for c in label):
        return "a label is 1 to 100 characters without spaces, e.g. v1.4.0"
    return None


def labels_of(value: str) -> list[str]:
    return value.split()


def _labelled(rows: Any, label: str) -> list[Any]:
    """The rows of ``rows`` that carry ``label`` (the field holds space-separated labels)."""
    return [r for r in rows.filter(label__contains=label) if label in labels_of(r.label)]


def _move_label(row: SchemaRecord, label: str) -> SchemaRecord:
    problem = check_label(label)
    if problem:
        raise ValueError(problem)
    model = _model()
    others = model.objects.filter(version_key=row.version_key).defer("document")
    for other in _labelled(others, label):
        if other.pk != row.pk:
            other.label = " ".join(n for n in labels_of(other.label) if n != label)
            other.save(update_fields=["label"])
    names = [n for n in labels_of(row.label) if n != label] + [label]
    while len(" ".join(names)) > 200:  # the field's room: the oldest labels give way
        names.pop(0)
    row.label = " ".join(names)
    row.save(update_fields=["label"])
    return row


def _prune(key: str, limit: int) -> None:
    """Keep the newest ``limit`` records of ``key``: unlabelled ones go first."""
    model = _model()
    rows = model.objects.filter(version_key=key)
    excess = rows.count() - limit
    if excess <= 0:
        return
    for labelled in (False, True):
        candidates = rows.exclude(label="") if labelled else rows.filter(label="")
        ids = list(candidates.order_by("first_seen", "id").values_list("id", flat=True)[:excess])
        model.objects.filter(id__in=ids).delete()
        excess -= len(ids)
        if excess <= 0:
            return


def record_built(document: dict[str, Any], api: ApiSchema, version_key: str | None = None) -> None:
    """The schema build callback: record the live schema once per process and digest."""
    global _warned
    marker = (_key(version_key), api.digest)
    if not conf.HISTORY_LIMIT or not api.digest or marker in _recorded_here:
        return
    from django.db import DatabaseError, close_old_connections

    try:
        close_old_connections()
        with _lock:
            record(document, version_key=version_key, digest=api.digest)
            _recorded_here.add(marker)
    except DatabaseError as exc:
        if not _warned:
            _warned = True
            logger.warning(
                "the schema history could not record schema %s (%s); run "
                "`python manage.py migrate drf_mcp_docs`, or set "
                "DRF_MCP_DOCS['HISTORY'] = False",
                api.digest,
                str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__,
            )
    except Exception as exc:  # e.g. database access refused in this thread or test
        _recorded_here.add(marker)  # not retried on every build of this schema
        logger.debug("schema history not recorded: %s", exc)


def forget_process_state() -> None:
    """Forget what this process recorded (tests; a new database)."""
    global _warned
    _recorded_here.clear()
    _warned = False


# -- reading --------------------------------------------------------------------------------


def latest(version_key: str | None = None, count: int = 5) -> list[Recorded]:
    rows = _model().objects.filter(version_key=_key(version_key)).defer("document")
    return [_recorded(row) for row in rows.order_by("-first_seen", "-id")[:count]]


def load(recorded: Recorded) -> dict[str, Any]:
    """The document of a recorded schema."""
    row = (
        _model()
        .objects.only("document")
        .get(version_key=recorded.version_key, digest=recorded.digest)
    )
    value: dict[str, Any] = json.loads(zlib.decompress(bytes(row.document)))
    return value


def _known(version_key: str | None) -> str:
    shown = []
    for item in latest(version_key):
        names = [item.digest, *labels_of(item.label)] + (
            [item.schema_version] * bool(item.schema_version)
        )
        shown.append(" / ".join(dict.fromkeys(names)))
    return "; ".join(shown) if shown else "none recorded yet"


def _parse_date(text: str) -> datetime.datetime | None:
    from django.utils import timezone

    try:
        if len(text) == 10:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
        else:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    from django.conf import settings

    if settings.USE_TZ and timezone.is_naive(moment):
        return timezone.make_aware(moment, datetime.timezone.utc)
    if not settings.USE_TZ and timezone.is_aware(moment):
        return timezone.make_naive(moment, datetime.timezone.utc)
    return moment


def resolve(since: str, version_key: str | None = None) -> tuple[Recorded, str]:
    """The recorded schema ``since`` names, and a note ("" or how a date was read).

    ``since`` is a digest or a prefix of one (4+ hex characters), a label, an
    ``info.version`` (the first schema recorded with it), or an ISO date/time (the schema
    current then: the newest recorded at or before it). Raises :class:`UnknownSchema`
    naming the latest known ones.
    """
    from django.db import DatabaseError

    text = since.strip()
    model, key = _model(), _key(version_key)
    rows = model.objects.filter(version_key=key).defer("document").order_by("-first_seen", "-id")
    try:
        if not text:
            raise UnknownSchema(f"since is empty; known: {_known(version_key)}")
        lowered = text.lower()
        if len(lowered) >= MIN_PREFIX and _HEX.fullmatch(lowered):
            found = list(rows.filter(digest__startswith=lowered)[:2])
            if len(found) > 1:
                raise UnknownSchema(
                    f"digest prefix {text!r} is ambiguous; give more characters "
                    f"(known: {_known(version_key)})"
                )
            if found:
                return _recorded(found[0]), ""
        found = _labelled(rows, text) if check_label(text) is None else []
        if found:
            return _recorded(found[0]), ""
        # A version names its first schema: "since 1.0.0" covers every change made under it.
        row = rows.filter(schema_version=text).order_by("first_seen", "id").first()
        if row is not None:
            return _recorded(row), ""
        moment = _parse_date(text)
        if moment is not None:
            row = rows.filter(first_seen__lte=moment).first()
            if row is not None:
                return _recorded(row), ""
            first = rows.order_by("first_seen", "id").first()
            if first is not None:
                note = f"history starts after {text}: compared with the oldest recorded schema"
                return _recorded(first), note
    except DatabaseError as exc:
        raise HistoryUnavailable(
            "the schema history's table is missing: run `python manage.py migrate drf_mcp_docs`"
        ) from exc
    shown = text if len(text) <= 100 else text[:99] + "…"
    raise UnknownSchema(
        f"no recorded schema matches since={shown!r} (a digest, label, version or ISO date); "
        f"latest known: {_known(version_key)}"
    )
