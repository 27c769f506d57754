#pragma once
// One constructor per thing the workflow must record (issue 5 §4), so every caller writes the
// same event type, attribute names and payload shape (docs/formats/ledger.md §Event catalogue).
// Arguments named *_ref are opaque ids such as "case:42", "user:17", "answer:9"; `person_id` is
// the opaque id of the data subject whose personal data the payload holds (the citizen of the
// case); free text (reasons, purposes) goes only into the erasable payload.
//
// The builders do not validate; LedgerStore::Append does (ledger/event.h).

#include <string>
#include <string_view>

#include "ledger/event.h"

namespace kapi::ledger {

AuditEvent StateChangeEvent(std::string actor, std::string case_ref, std::string_view from,
                            std::string_view to);
// Someone saw unmasked personal data. `purpose` (free text, optional) is erasable.
AuditEvent PersonalDataReadEvent(std::string actor, std::string case_ref, std::string_view field,
                                 std::string person_id = {}, std::string_view purpose = {});
// A model proposed something. `model_ref` is "<name>@<version>"; `kind` e.g. topic, urgency,
// route, hazard, draft; `value` the proposed code; `confidence` e.g. "0.83".
AuditEvent AiSuggestionEvent(std::string model_ref, std::string case_ref, std::string_view kind,
                             std::string_view value, std::string_view confidence);
// A human accepted or overrode a suggestion; an override's reason is required (erasable).
AuditEvent HumanDecisionEvent(std::string actor, std::string case_ref, std::string_view kind,
                              bool accepted, std::string_view chosen_value, std::string_view reason,
                              std::string person_id);
AuditEvent ApprovalEvent(std::string actor, std::string case_ref, std::string answer_ref,
                         bool approved);
AuditEvent AnswerSentEvent(std::string actor, std::string case_ref, std::string answer_ref,
                           std::string_view channel, bool ai_assisted);
AuditEvent LoginEvent(std::string actor, bool ok, std::string_view method);
AuditEvent PermissionChangeEvent(std::string actor, std::string target_user_ref,
                                 std::string_view role, bool granted, std::string unit_ref = {});
AuditEvent SettingChangeEvent(std::string actor, std::string_view setting, std::string_view value,
                              std::string scope_ref);

}  // namespace kapi::ledger
