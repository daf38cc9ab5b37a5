"""Get Information about Schools (GIAS): schools and colleges as relevant agencies.

Reads the DfE "all establishment data" CSV export (``edubasealldataYYYYMMDD.csv``) and maps
each establishment type to a paragraph of the Schedule to SI 2018/789 (``relevant-agencies.yaml``)
as proposed in the reference notes ``gias.md``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from safeguarding_partnership.errors import ArrangementsFileError
from safeguarding_partnership.io.parse import regular_file
from safeguarding_partnership.model import Organisation, OrganisationKind, RelevantAgency
from safeguarding_partnership.reference import dfe_la_codes, ons_code_for_dfe

__all__ = [
    "OPEN_STATUSES",
    "REQUIRED_COLUMNS",
    "GiasEstablishment",
    "agencies_for_area",
    "category_for",
    "organisation_kind_for",
    "read_gias",
]

REQUIRED_COLUMNS = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
    "FurtherEducationType (name)",
)
"""Columns the importer needs; every GIAS header since about 2019 has them."""

_OPTIONAL_COLUMNS = (
    "EstablishmentTypeGroup (name)",
    "PhaseOfEducation (name)",
    "UKPRN",
    "Trusts (code)",
    "Trusts (name)",
    "Federations (code)",
    "PropsName",
    "Postcode",
    "GSSLACode (name)",
)

OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})
"""Statuses of an establishment that is running. ``Proposed to open`` is left out by default:
such a body does not yet exercise functions in the area."""

_SPECIALIST_DESIGNATED_COLLEGE = "Specialist Designated College"

_CATEGORY_BY_TYPE: dict[str, str | None] = {
    # Maintained schools (SSFA 1998 s20): Schedule para 4.
    "Community school": "maintained-school-governing-body",
    "Voluntary aided school": "maintained-school-governing-body",
    "Voluntary controlled school": "maintained-school-governing-body",
    "Foundation school": "maintained-school-governing-body",
    "Community special school": "maintained-school-governing-body",
    "Foundation special school": "maintained-school-governing-body",
    "Local authority nursery school": "maintained-nursery-school-governing-body",
    "Pupil referral unit": "pupil-referral-unit-governing-body",
    # Academies (Academies Act 2010 s1A, s1B, s1C): paras 1 to 3.
    "Academy sponsor led": "academy-school-proprietor",
    "Academy converter": "academy-school-proprietor",
    "Academy special sponsor led": "academy-school-proprietor",
    "Academy special converter": "academy-school-proprietor",
    "Free schools": "academy-school-proprietor",
    "Free schools special": "academy-school-proprietor",
    "University technical college": "academy-school-proprietor",
    "Studio schools": "academy-school-proprietor",
    "Academy 16-19 converter": "sixteen-to-nineteen-academy-proprietor",
    "Academy 16 to 19 sponsor led": "sixteen-to-nineteen-academy-proprietor",
    "Free schools 16 to 19": "sixteen-to-nineteen-academy-proprietor",
    "Academy secure 16 to 19": "sixteen-to-nineteen-academy-proprietor",  # uncertain
    "Academy alternative provision converter": "alternative-provision-academy-proprietor",
    "Academy alternative provision sponsor led": "alternative-provision-academy-proprietor",
    "Free schools alternative provision": "alternative-provision-academy-proprietor",
    # Independent and non-maintained schools: paras 7 and 8.
    "Other independent school": "independent-educational-institution-proprietor",
    "Other independent special school": "independent-educational-institution-proprietor",
    "City technology college": "independent-educational-institution-proprietor",  # uncertain
    "Non-maintained special school": "approved-special-school-proprietor",
    # Post-16 and higher education: paras 9 to 11.
    "Special post 16 institution": "special-post-16-institution-proprietor",
    "Further education": "further-education-institution-governing-body",
    "Institution funded by other government department": (
        "further-education-institution-governing-body"  # uncertain
    ),
    "Higher education institutions": "english-higher-education-provider-governing-body",
    # Children's centres (para 14): not in this export, but in the children's centres one.
    "Children's centre": "childrens-centre-provider",
    "Children's centre linked site": "childrens-centre-provider",
    # Not a relevant agency of its own, or only after review by hand.
    "Sixth form centres": None,
    "Secure units": None,
    "Online provider": None,
    # Outside England (regulation 18).
    "Welsh establishment": None,
    "Offshore schools": None,
    "Service children's education": None,
    "British schools overseas": None,
}

_COLLEGE_CATEGORIES = frozenset(
    {
        "further-education-institution-governing-body",
        "english-higher-education-provider-governing-body",
        "special-post-16-institution-proprietor",
    }
)
_EARLY_YEARS_CATEGORIES = frozenset(
    {"maintained-nursery-school-governing-body", "childrens-centre-provider"}
)


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the five bytes Windows-1252 leaves undefined as Latin-1 (``0x81`` -> U+0081)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    raw = error.object[error.start : error.end]
    return "".join(chr(byte) for byte in raw), error.end


_FALLBACK = "safeguarding_partnership.gias.latin1"
codecs.register_error(_FALLBACK, _latin1_fallback)


@attrs.frozen
class GiasEstablishment:
    """One row of the GIAS establishment export, reduced to what the importer uses.

    Text fields are ``""`` when blank; dates are ``None`` when blank or a placeholder
    (GIAS uses 01-01-1800 and 01-01-1900 for unknown dates).
    """

    urn: int
    """Unique reference number."""
    name: str
    """``EstablishmentName``."""
    la_code: str
    """``LA (code)``: the DfE three-digit local authority number, not an ONS code."""
    la_name: str
    """``LA (name)``."""
    type_name: str
    """``TypeOfEstablishment (name)``, such as ``Academy converter``."""
    status: str
    """``EstablishmentStatus (name)``: ``Open``, ``Closed``, ``Open, but proposed to close`` or
    ``Proposed to open``."""
    open_date: dt.date | None
    """``OpenDate``."""
    close_date: dt.date | None
    """``CloseDate``: the last day open."""
    further_education_type: str = ""
    """``FurtherEducationType (name)``, such as ``General Further Education College``."""
    type_group: str = ""
    """``EstablishmentTypeGroup (name)``."""
    phase: str = ""
    """``PhaseOfEducation (name)``."""
    ukprn: str = ""
    """UK provider reference number: one governing body per FE institution."""
    trust_code: str = ""
    """``Trusts (code)``: the academy trust (one proprietor for all its academies)."""
    trust_name: str = ""
    """``Trusts (name)``."""
    federation_code: str = ""
    """``Federations (code)``: maintained schools sharing one governing body."""
    proprietor_name: str = ""
    """``PropsName``: the proprietor, mostly of independent schools."""
    postcode: str = ""
    """``Postcode``."""
    gss_la_code: str = ""
    """``GSSLACode (name)``: the ONS code of the upper-tier authority, as GIAS records it."""
    line: int = 0
    """Line of the row in the file (the header is line 1)."""

    def open_on(self, day: dt.date) -> bool:
        """Whether the establishment was running on ``day``, judged from status and dates.

        A ``Closed`` establishment counts as open up to its close date, if that is known.
        ``Proposed to open`` never counts.
        """
        if self.status == "Closed":
            if self.close_date is None:
                return False
        elif self.status not in OPEN_STATUSES:
            return False
        if self.open_date is not None and day < self.open_date:
            return False
        return self.close_date is None or day <= self.close_date


def _is_utf8(path: str) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _date(value: str, file: str, line: int, column: str) -> dt.date | None:
    if not value:
        return None
    parts = value.replace("/", "-").split("-")
    try:
        if len(parts) != 3 or len(parts[2]) != 4:
            raise ValueError(value)
        day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        raise ArrangementsFileError.single(
            file, f"bad date {value!r} (expected DD-MM-YYYY)", line=line, path=column
        ) from None
    return None if day <= dt.date(1900, 1, 1) else day


def read_gias(path: str | os.PathLike[str]) -> Iterator[GiasEstablishment]:
    """Read a GIAS establishment export, one establishment at a time.

    The file is decoded as UTF-8 if it is valid UTF-8, else as Windows-1252 (the encoding of
    DfE's exports). Columns are selected by name and extra columns ignored.

    :raises ArrangementsFileError: a required column is missing, or a row has a bad URN or
        date; the error gives the file and line.
    """
    file = os.fspath(path)
    regular_file(Path(file))  # a FIFO or /dev/zero would never end
    if _is_utf8(file):
        encoding, errors = "utf-8-sig", "strict"
    else:
        encoding, errors = "cp1252", _FALLBACK
    return _rows(file, encoding, errors)


class _Reader:
    """A CSV reader whose own errors (a field over csv's size limit, a NUL) are located
    :class:`ArrangementsFileError` rather than ``csv.Error``."""

    def __init__(self, handle: Iterable[str], file: str) -> None:
        self._reader = csv.reader(handle)
        self._file = file

    @property
    def line_num(self) -> int:
        return self._reader.line_num

    def __iter__(self) -> _Reader:
        return self

    def __next__(self) -> list[str]:
        try:
            return next(self._reader)
        except csv.Error as exc:
            raise ArrangementsFileError.single(
                self._file, f"invalid CSV: {exc}", line=max(1, self._reader.line_num)
            ) from None


def _rows(file: str, encoding: str, errors: str) -> Iterator[GiasEstablishment]:
    with open(file, encoding=encoding, errors=errors, newline="") as handle:
        reader = _Reader(handle, file)
        header = [name.strip() for name in next(reader, [])]
        index = {name: i for i, name in enumerate(header)}
        missing = [name for name in REQUIRED_COLUMNS if name not in index]
        if missing:
            raise ArrangementsFileError.single(
                file, "missing columns: " + ", ".join(missing), line=1
            )
        width = len(header)
        (urn_i, la_i, la_name_i, name_i, type_i, status_i, open_i, close_i, fe_i) = (
            index[name] for name in REQUIRED_COLUMNS
        )
        optional = [index.get(name) for name in _OPTIONAL_COLUMNS]
        previous_end = reader.line_num
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if len(row) < width:
                if not any(field.strip() for field in row):
                    continue
                raise ArrangementsFileError.single(
                    file, f"expected {width} fields, found {len(row)}", line=line
                )
            urn_text = row[urn_i].strip()
            if not (urn_text.isdigit() and len(urn_text) == 6):
                raise ArrangementsFileError.single(
                    file, f"bad URN {urn_text!r} (expected six digits)", line=line, path="URN"
                )
            extra = [row[i].strip() if i is not None else "" for i in optional]
            yield GiasEstablishment(
                urn=int(urn_text),
                name=row[name_i].strip(),
                la_code=row[la_i].strip(),
                la_name=row[la_name_i].strip(),
                type_name=row[type_i].strip(),
                status=row[status_i].strip(),
                open_date=_date(row[open_i].strip(), file, line, "OpenDate"),
                close_date=_date(row[close_i].strip(), file, line, "CloseDate"),
                further_education_type=row[fe_i].strip(),
                type_group=extra[0],
                phase=extra[1],
                ukprn=extra[2],
                trust_code=extra[3],
                trust_name=extra[4],
                federation_code=extra[5],
                proprietor_name=extra[6],
                postcode=extra[7],
                gss_la_code=extra[8],
                line=line,
            )


def category_for(est: GiasEstablishment) -> str | None:
    """The Schedule category id the establishment falls under, or ``None``.

    ``None`` means not a relevant agency of its own (sixth form centres, online providers),
    outside England (Welsh, offshore and overseas establishments, or an ``LA (code)`` that is
    not an English local authority), or a type that needs review by hand (secure units,
    miscellaneous establishments other than specialist designated colleges).
    """
    if est.la_code not in dfe_la_codes():
        return None
    if est.type_name == "Miscellaneous":
        if est.further_education_type == _SPECIALIST_DESIGNATED_COLLEGE:
            return "further-education-institution-governing-body"
        return None
    return _CATEGORY_BY_TYPE.get(est.type_name)


def organisation_kind_for(category: str) -> OrganisationKind:
    """The organisation kind for a body in an education Schedule category."""
    if category in _COLLEGE_CATEGORIES:
        return OrganisationKind.COLLEGE
    if category in _EARLY_YEARS_CATEGORIES:
        return OrganisationKind.EARLY_YEARS
    return OrganisationKind.SCHOOL


def agencies_for_area(
    establishments: Iterable[GiasEstablishment], la_ons_code: str, day: dt.date
) -> tuple[tuple[Organisation, ...], tuple[RelevantAgency, ...]]:
    """The schools and colleges of a local authority area as organisations and relevant agencies.

    Keeps establishments open on ``day`` whose ``LA (code)`` stood for ``la_ons_code`` on
    that day and whose type maps to a Schedule category. One organisation and one relevant
    agency per URN, sorted by URN; the organisation id is ``urn-<URN>``.
    """
    chosen: dict[int, tuple[GiasEstablishment, str]] = {}
    area_numbers: dict[str, bool] = {}
    for est in establishments:
        in_area = area_numbers.get(est.la_code)
        if in_area is None:
            in_area = area_numbers[est.la_code] = ons_code_for_dfe(est.la_code, day) == la_ons_code
        if not in_area or not est.open_on(day):
            continue
        category = category_for(est)
        if category is not None:
            chosen[est.urn] = (est, category)
    organisations: list[Organisation] = []
    agencies: list[RelevantAgency] = []
    for urn in sorted(chosen):
        est, category = chosen[urn]
        organisation = Organisation(
            id=f"urn-{urn}",
            name=est.name,
            kind=organisation_kind_for(category),
            urn=urn,
            valid_from=est.open_date,
            valid_to=est.close_date,
        )
        organisations.append(organisation)
        agencies.append(
            RelevantAgency(
                organisation=organisation.id,
                category=category,
                reason=f"Imported from Get Information about Schools: {est.type_name}",
                areas=(la_ons_code,),
            )
        )
    return tuple(organisations), tuple(agencies)
