"""The review of a changed legal basis (fazhi.laws.watch): open → resolved by the owning organisation."""

from __future__ import annotations

from fazhi.core.workflow import Transition, Workflow
from fazhi.laws import forms
from fazhi.laws.models import FlagStatus
from fazhi.laws.permissions import denied, may_resolve


def _resolve(flag, user, d):
    from fazhi.laws.watch import resolve_flag

    return resolve_flag(flag, actor=user, resolution=d["resolution"], note=d["note"], new_citation=d["new_citation"],
                        on=d["on"])


FLAG = Workflow(
    name="laws.citation_flag", label="依据变更复核", permission=may_resolve, denied=denied, state_labels=dict(FlagStatus.choices),
    url_name="laws:flag_step",
    transitions=[
        Transition("resolve", "复核", FlagStatus.OPEN, FlagStatus.RESOLVED, form=forms.ResolveFlagForm, primary=True,
                   basis="法律修改后依据的复核", run=_resolve),
    ],
)
