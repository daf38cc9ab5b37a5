"""The core's settings: values a core rule lets the arrangements file configure.

Rules resting on unconfirmed guidance (a deadline, a window, a list of recipients) read their
values from the file's ``settings: {core: {CODE: {key: value}}}`` section, with a default
where the catalogue gives one::

    settings:
      core:
        PUB-017: {deadline: 2024-12-12}
        REPORT-008: {window_months: 3, recipients: [panel, dfe]}

The section is :class:`CoreSettings`, which the core registers through the same
``register_settings_model`` hook as any plugin: a file is validated against it when loaded,
with located errors (``settings.core.PUB-017.deadline``), and each core rule receives the
validated model as :attr:`RuleContext.settings`. A rule reads a value with :func:`parameter`,
the one place that reads it; a setting left out is ``None`` and the rule uses its own default.

Rules run without loading (``run_rules`` given the file's raw ``settings`` mapping) validate
their own code's section when they read it; a bad value then raises :class:`ValueError`
naming the setting, which the engine reports as a failed rule, never as a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, ValidationError

from safeguarding_partnership.law import WT2023_REVISION_DEADLINE
from safeguarding_partnership.model import ReportSection
from safeguarding_partnership.model.schema_docs import DocumentedModel
from safeguarding_partnership.rules.rule import RuleContext

__all__ = [
    "CDR004Settings",
    "CDR007Settings",
    "CSPR014Settings",
    "CoreSettings",
    "LATER001Settings",
    "PUB017Settings",
    "PUB018Settings",
    "REPORT004Settings",
    "REPORT008Settings",
    "parameter",
    "wt2023_revision_deadline",
]

T = TypeVar("T")


def _sorted_unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sorted(set(values)))


def _schedule_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    from safeguarding_partnership.reference import schedule

    strangers = [v for v in values if v not in schedule()]
    if strangers:
        raise ValueError(f"not Schedule categories: {strangers}")
    return values


PositiveInt = Annotated[int, Strict(), Field(ge=1)]
"""A whole number of at least 1 (not ``true``, not ``"3"``)."""

Name = Annotated[str, Field(min_length=1)]

Names = Annotated[tuple[Name, ...], AfterValidator(_sorted_unique)]
"""A list of names, read sorted and without duplicates."""


class _Section(DocumentedModel):
    """One rule's settings: unknown keys are errors, values are frozen once read; each
    field's docstring is its description in the JSON Schema."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CDR004Settings(_Section):
    """CDR-004: the interval the child death review partners chose for their report."""

    interval_months: PositiveInt | None = None
    """Months between child death review reports; without it only unknown report dates are
    noted (there is no fixed interval in law)."""


class CDR007Settings(_Section):
    """CDR-007: the smallest number of child deaths a year a child death review covers."""

    min_deaths: PositiveInt | None = None
    """Child deaths a year below which the area is reported as small."""


class CSPR014Settings(_Section):
    """CSPR-014: how long a local child safeguarding practice review may take."""

    months: PositiveInt | None = None
    """Months from a review's start to its publication."""


class LATER001Settings(_Section):
    """LATER-001: the designated childcare or education agencies (2026 Act, not commenced)."""

    designated_categories: Annotated[Names, AfterValidator(_schedule_ids)] | None = None
    """Ids of Schedule categories designated as childcare or education agencies."""


class PUB017Settings(_Section):
    """PUB-017: the day by which arrangements were revised and published for WT2023."""

    deadline: dt.date | None = None
    """The revision deadline (default: the catalogue's). Every rule that allows for the
    revision period reads it."""


class PUB018Settings(_Section):
    """PUB-018: the WT2023 publication checklist."""

    contents: Names | None = None
    """Fields of ``contents`` the published arrangements must cover."""


class REPORT004Settings(_Section):
    """REPORT-004: who the yearly report is sent to under WT2018, and how soon."""

    recipients: Names | None = None
    """Who the report is sent to."""
    days: PositiveInt | None = None
    """Days after publication by which it is sent."""


class REPORT008Settings(_Section):
    """REPORT-008: the WT2023 yearly report's timing, recipients and extra contents."""

    window_months: PositiveInt | None = None
    """Months after the end of the period by which the report is published."""
    send_days: PositiveInt | None = None
    """Days after publication by which it is sent."""
    recipients: Names | None = None
    """Who the report is sent to."""
    sections: Annotated[tuple[ReportSection, ...], AfterValidator(_sorted_unique)] | None = None
    """Sections the report must have."""


class CoreSettings(_Section):
    """The ``settings: {core: ...}`` section of an arrangements file: one entry per core rule
    that takes settings, by rule code. A value left out means the rule's own default, given
    in its documentation."""

    cdr_004: CDR004Settings | None = Field(default=None, alias="CDR-004")
    """Settings of CDR-004, the child death review report's interval."""
    cdr_007: CDR007Settings | None = Field(default=None, alias="CDR-007")
    """Settings of CDR-007, the size of a child death review area."""
    cspr_014: CSPR014Settings | None = Field(default=None, alias="CSPR-014")
    """Settings of CSPR-014, the time a local practice review may take."""
    later_001: LATER001Settings | None = Field(default=None, alias="LATER-001")
    """Settings of LATER-001, the designated childcare and education agencies."""
    pub_017: PUB017Settings | None = Field(default=None, alias="PUB-017")
    """Settings of PUB-017, the WT2023 revision deadline."""
    pub_018: PUB018Settings | None = Field(default=None, alias="PUB-018")
    """Settings of PUB-018, the WT2023 publication checklist."""
    report_004: REPORT004Settings | None = Field(default=None, alias="REPORT-004")
    """Settings of REPORT-004, sending the yearly report under WT2018."""
    report_008: REPORT008Settings | None = Field(default=None, alias="REPORT-008")
    """Settings of REPORT-008, the WT2023 yearly report."""


_BY_CODE: dict[str, str] = {
    field.alias: name for name, field in CoreSettings.model_fields.items() if field.alias
}
"""The attribute of :class:`CoreSettings` for each rule code."""


def _section(settings: object, code: str) -> BaseModel | None:
    """The validated settings of rule ``code``: read from the core's model, or validated from
    a raw mapping of the core's section (a :class:`ValueError` naming the setting if bad)."""
    if not isinstance(settings, CoreSettings):
        if not isinstance(settings, Mapping) or settings.get(code) is None:
            return None
        try:  # only this rule's own entry: another rule's bad value is not this one's fault
            settings = CoreSettings.model_validate({code: settings[code]})
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"]
            )
            raise ValueError(f"settings.core{where}: {first['msg']}") from None
    return cast(BaseModel | None, getattr(settings, _BY_CODE[code]))


def parameter(ctx: RuleContext, code: str, key: str, default: T) -> T:
    """The value of ``settings.core.<code>.<key>``, or ``default`` if the file does not set it.

    >>> import datetime as dt
    >>> from safeguarding_partnership.model import Arrangement
    >>> arrangement = Arrangement(id="a", name="A", areas=[{"code": "E09000016"}])
    >>> settings = CoreSettings.model_validate({"CSPR-014": {"months": 9}})
    >>> parameter(RuleContext(arrangement, dt.date(2024, 1, 1), settings), "CSPR-014", "months", 6)
    9
    >>> parameter(RuleContext(arrangement, dt.date(2024, 1, 1)), "CSPR-014", "months", 6)
    6
    """
    section = _section(ctx.settings, code)
    value = getattr(section, key) if section is not None else None
    return default if value is None else cast(T, value)


def wt2023_revision_deadline(ctx: RuleContext) -> dt.date:
    """The day by which arrangements were revised for WT2023: ``settings.core.PUB-017.deadline``
    if the file sets it, else the catalogue's date. Every rule that allows for the revision
    period reads it here, so they all agree."""
    return parameter(ctx, "PUB-017", "deadline", WT2023_REVISION_DEADLINE)
