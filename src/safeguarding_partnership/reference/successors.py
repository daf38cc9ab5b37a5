"""Which bodies took over from a safeguarding partner that ended: councils and health bodies.

Read from the packaged data only: the dates in ``england-local-authorities.csv``, the DfE
numbers in ``dfe-la-codes.csv`` and the coverage tables. Nothing is guessed: where the data
allows more than one successor, all of them are returned and the caller must not choose.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from safeguarding_partnership.reference.areas import LocalAuthority, dfe_la_codes, local_authorities
from safeguarding_partnership.reference.bodies import ccgs, health_body, icbs
from safeguarding_partnership.reference.coverage import police_forces_for

__all__ = ["council_successors", "health_body_last_day"]

_ONE_DAY = dt.timedelta(days=1)


@cache
def council_successors(code: str) -> tuple[LocalAuthority, ...]:
    """The councils that took over the area of council ``code`` the day after its last day.

    One when the DfE local authority number carried over to a new ONS code: a county that
    became a unitary (Buckinghamshire 2020, North Yorkshire and Somerset 2023) or a recode
    (Barnsley and Sheffield 2025). Otherwise every council created on that day in the same
    police area: Cumbria gives Cumberland and Westmorland and Furness, Northamptonshire its
    North and West unitaries. The data does not say which new council took which part of
    the old area, so Bournemouth, Poole and the Dorset county each give both Bournemouth,
    Christchurch and Poole and Dorset (2019). Empty for a council that has not ended.
    """
    authorities = local_authorities()
    old = authorities.get(code)
    if old is None or old.valid_to is None:
        return ()
    vesting = old.valid_to + _ONE_DAY
    for numbers in dfe_la_codes().values():
        if code in numbers:
            carried = [authorities[c] for c in numbers if c != code and c in authorities]
            same = [la for la in carried if la.valid_from == vesting]
            if len(same) == 1:
                return (same[0],)
    police = {f.ons_code for f in police_forces_for(code, old.valid_to)}
    created = (la for la in authorities.values() if la.valid_from == vesting)
    found = [
        la for la in created if police & {f.ons_code for f in police_forces_for(la.code, vesting)}
    ]
    return tuple(sorted(found, key=lambda la: la.code))


def health_body_last_day(code: str) -> dt.date | None:
    """The last day of the ICB or CCG with ONS or ODS code ``code``, under any ONS code it
    held (Surrey Heartlands ``QXU`` held two); ``None`` if it still exists or is unknown.
    """
    body = health_body(code)
    if body is None:
        return None
    records = [b for b in (*icbs().values(), *ccgs().values()) if b.ods_code == body.ods_code]
    if any(b.valid_to is None for b in records):
        return None
    return max(b.valid_to for b in records if b.valid_to is not None)
