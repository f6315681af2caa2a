"""Every change of state of a 行政复议 case: one function per procedural step (行政复议法 2023), split by stage.

Each action runs in a transaction, locks the record, asks the declared procedure (`workflow.CASE.check`, or
`workflow.REVIEW` for a 附带审查) whether the actor may take the step now, validates its input with the shared
validators (`fazhi.core.validate`), moves the state (`CASE.move`), starts, pauses, resumes or completes the statutory
deadlines (fazhi.rules.deadlines) and writes the audit event. Views, the API, the Excel import, the demo and
`fazhi tick` all come through here.

    intake       register, 补正, accept (or deemed accepted by the system), reject        arts. 20–22, 30, 31
    hearing      copy and answer, hearings, simplified → ordinary, 中止/恢复, extension    arts. 39, 48–55, 62
    conclusion   decisions, 调解, 终止                                                      arts. 33, 41, 63–74
    reviews      附带审查 of a normative document                                           arts. 13, 56–60
    letters      意见书 and 建议书                                                          art. 76
    documents    drafts, edits, issuing with the next 文号
    imports      historical cases in bulk
"""

from fazhi.reconsideration.actions.common import (  # noqa: F401
    DECISION_RULES,
    RULE_ACCEPTANCE,
    RULE_APPLICATION,
    RULE_HEARING_NOTICE,
    RULE_MAKER_ANSWER,
    RULE_MAKER_NOTICE,
    RULE_OPINION_FOLLOWUP,
    RULE_REVIEW_HANDLE,
    RULE_REVIEW_TRANSFER,
    RULE_SUPPLEMENT,
    RULE_SUPPLEMENT_REPLY,
    RULE_TRANSFEREE_REPLY,
    RULES,
    application_deadline,
    document_prefix,
    late_warning,
)
from fazhi.reconsideration.actions.conclusion import (  # noqa: F401
    classify_case,
    decide_case,
    mediate_case,
    record_redo,
    sign_mediation,
    terminate_case,
    withdraw_mediation,
)
from fazhi.reconsideration.actions.documents import (  # noqa: F401
    draft_document,
    edit_document,
    issue_document,
    publish_document,
    record_receipt,
    serve_document,
)
from fazhi.reconsideration.actions.hearing import (  # noqa: F401
    convert_to_ordinary,
    extend_case,
    record_answer,
    record_hearing,
    resume_case,
    send_copy,
    suspend_case,
)
from fazhi.reconsideration.actions.imports import import_closed_cases  # noqa: F401
from fazhi.reconsideration.actions.intake import (  # noqa: F401
    NEW_LAW,
    accept_case,
    apply_deemed_acceptance,
    due_for_deemed_acceptance,
    mark_abandoned,
    receive_supplement,
    register_application,
    reject_case,
    request_supplement,
    supplement_reply_due,
)
from fazhi.reconsideration.actions.letters import issue_letter, record_letter_reply  # noqa: F401
from fazhi.reconsideration.actions.reviews import (  # noqa: F401
    decide_incidental_review,
    notify_maker,
    record_maker_answer,
    record_transferee_reply,
    request_incidental_review,
)
from fazhi.reconsideration.permissions import may_handle  # noqa: F401
