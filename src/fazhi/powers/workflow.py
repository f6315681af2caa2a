"""The 权责清单 steps, declared once: an item in force may be adjusted (调整), cancelled (取消) or delegated (下放);
an organisation's list takes new items (新增), items taken over from above (承接) and merged items (合并). Each is a
dated action with its approving document; an item never changes in place."""

from __future__ import annotations

from fazhi.core.workflow import Condition, Transition, Workflow
from fazhi.powers import forms
from fazhi.powers.permissions import denied, may_manage, may_manage_item

IN_FORCE, ENDED, LIST = "in_force", "ended", "list"


def _a():
    from fazhi.powers import actions

    return actions


def _doc(d):
    return {"effective_on": d["effective_on"], "document_number": d["document_number"],
            "document_title": d.get("document_title", ""), "reason": d.get("reason", "")}


def _fields(d):
    return {"code": d["code"], "name": d["name"], "category": d["category"], "level": d["level"],
            "bases": d["bases"], "responsibilities": d.get("responsibilities", ""),
            "accountability": d.get("accountability", ""), "flowchart": d.get("flowchart", "")}


TOP_LEVEL = Condition("子项不能单独下放，请下放其所属事项。", lambda i: i.parent_id is None)

ITEM = Workflow(
    name="powers.item", label="权责事项", permission=may_manage_item, denied=denied, status_field=None,
    state=lambda i: IN_FORCE if i.valid_to is None else ENDED,
    state_labels={IN_FORCE: "有效", ENDED: "已失效"}, url_name="powers:item_step",
    transitions=[
        Transition("amend", "调整", IN_FORCE, form=forms.AmendForm, primary=True, basis="权责清单动态调整",
                   run=lambda i, u, d: _a().amend_item(i, actor=u, **_fields(d), **_doc(d))),
        Transition("cancel", "取消", IN_FORCE, form=forms.CancelForm, basis="权责清单动态调整",
                   run=lambda i, u, d: _a().cancel_item(i, actor=u, **_doc(d))),
        Transition("delegate", "下放或赋权乡镇", IN_FORCE, conditions=[TOP_LEVEL], form=forms.DelegateForm,
                   basis="权责清单动态调整",
                   run=lambda i, u, d: _a().delegate_item(i, actor=u, to=d["to"], keep_original=d["keep_original"],
                                                          **_doc(d))),
    ],
)

ORG = Workflow(
    name="powers.list", label="权责清单", permission=may_manage, denied=denied, status_field=None,
    state=lambda o: LIST, state_labels={LIST: "清单"}, url_name="powers:org_step",
    transitions=[
        Transition("add", "新增事项", LIST, form=forms.AddForm, primary=True, basis="权责清单动态调整",
                   run=lambda o, u, d: _a().add_item(actor=u, organisation=o, parent_code=d.get("parent_code", ""),
                                                     **_fields(d), **_doc(d))),
        Transition("take_over", "承接事项", LIST, form=forms.TakeOverForm, basis="权责清单动态调整",
                   run=lambda o, u, d: _a().take_over_item(actor=u, organisation=o, delegated_from=d["delegated_from"],
                                                           parent_code=d.get("parent_code", ""),
                                                           **_fields(d), **_doc(d))),
        Transition("merge", "合并事项", LIST, form=forms.MergeForm, basis="权责清单动态调整",
                   run=lambda o, u, d: _a().merge_items(actor=u, organisation=o, merged_codes=d["merged_codes"],
                                                        **_fields(d), **_doc(d))),
    ],
)
