// PostgresStore: reading the sealed original (logged), KVKK erasure, redaction of staff-written
// text, the AI-oversight rows and the personal-data access log.

#include "store/postgres_store_internal.h"

namespace kapi::store::postgres_store_internal {

Result<Store::SealedOriginal> PostgresStore::ReadSealedOriginal(int64_t case_id,
                                                                const std::string& purpose,
                                                                const Actor& actor) {
  SealedOriginal out;
  Status s = Write([&](Connection& db) -> Status {
    auto r = db.Exec(
        "SELECT text_sealed, contact_sealed, COALESCE(erased_at, 0) FROM cases WHERE id = $1",
        {Param::Int(case_id)});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFound("no case with id " + std::to_string(case_id));
    if (r->Int(0, 2) > 0) return ErasedOriginal(case_id);
    out.text_sealed = r->Bytes(0, 0);
    out.contact_sealed = r->Bytes(0, 1);
    KAPI_RETURN_IF_ERROR(
        db.Run("INSERT INTO case_access(case_id, actor, what, purpose, at) VALUES ($1,$2,$3,$4,$5)",
               {Param::Int(case_id), Param::Text(actor.id), Param::Text("text+contact"),
                Param::Text(purpose), Param::Int(actor.at_ms)}));
    return AppendEvent(db, case_id, actor, "personal_data_read", {{"purpose", purpose}});
  });
  if (!s.ok()) return s;
  return out;
}

Result<Store::ErasureResult> PostgresStore::ErasePersonalData(int64_t case_id,
                                                              const std::string& reason,
                                                              const Actor& actor) {
  ErasureResult out;
  Status s = Write([&](Connection& db) -> Status {
    auto current = LoadCase(db, case_id, /*for_update=*/true);
    if (!current.ok()) return current.status();
    if (current->erased_at_ms > 0) {
      out = {current->erased_at_ms, /*already_erased=*/true};
      return Status::Ok();
    }
    KAPI_RETURN_IF_ERROR(db.Run(
        "UPDATE cases SET text_sealed = ''::bytea, contact_sealed = NULL, location_json = NULL, "
        "body_hash = '', erased_at = $1, updated_at = $1, version = version + 1 WHERE id = $2",
        {Param::Int(actor.at_ms), Param::Int(case_id)}));
    out = {actor.at_ms, /*already_erased=*/false};
    return AppendEvent(db, case_id, actor, "personal_data_erased", {{"reason", reason}});
  });
  if (!s.ok()) return s;
  // Prune the dead row version holding the sealed original now rather than at the next
  // autovacuum. PostgreSQL does not promise to zero freed bytes, and its WAL and backups keep
  // them (encrypted under the field key, which is not in the database): docs/privacy.md.
  Status vacuum = readers_.With([](Connection& db) { return db.ExecScript("VACUUM cases"); });
  if (!vacuum.ok()) log::Warn("erasure_vacuum_failed", {{"case_id", std::to_string(case_id)}});
  return out;
}

Result<int64_t> PostgresStore::RedactFreeText(int64_t case_id, const TextRedactor& redact) {
  int64_t changed = 0;
  Status s = Write([&](Connection& db) -> Status {
    KAPI_RETURN_IF_ERROR(LoadCase(db, case_id, /*for_update=*/true).status());
    for (const FreeTextColumn& c : FreeTextColumns()) {
      auto r = db.Exec(std::string("SELECT ") + c.key + ", " + c.text + " FROM " + c.table +
                           " WHERE " + c.owner + " = $1 AND " + c.text + " IS NOT NULL",
                       {Param::Int(case_id)});
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->size(); ++i) {
        const std::string text = r->Text(i, 1);
        const std::string redacted = redact(text);
        if (redacted == text) continue;
        KAPI_RETURN_IF_ERROR(db.Run(
            std::string("UPDATE ") + c.table + " SET " + c.text + " = $1 WHERE " + c.key + " = $2",
            {Param::Text(redacted), Param::Int(r->Int(i, 0))}));
        ++changed;
      }
    }
    auto ev = db.Exec("SELECT id, detail_json FROM case_events WHERE case_id = $1",
                      {Param::Int(case_id)});
    if (!ev.ok()) return ev.status();
    for (int i = 0; i < ev->size(); ++i) {
      if (auto detail = RedactEventDetail(ev->Text(i, 1), redact)) {
        KAPI_RETURN_IF_ERROR(db.Run("UPDATE case_events SET detail_json = $1 WHERE id = $2",
                                    {Param::Text(*detail), Param::Int(ev->Int(i, 0))}));
        ++changed;
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return changed;
}

Result<std::vector<Store::SuggestionOutcome>> PostgresStore::ListSuggestionOutcomes(int64_t from_ms,
                                                                                    int64_t to_ms,
                                                                                    int limit) {
  return readers_.With([&](Connection& db) -> Result<std::vector<SuggestionOutcome>> {
    auto r = db.Exec(
        "SELECT c.id, c.received_at, c.channel, COALESCE(c.unit_code,''), "
        "COALESCE(c.topic_code,''), c.suggestions_json, COALESCE((SELECT e.detail_json FROM "
        "case_events e WHERE e.case_id = c.id AND e.kind = 'routing' ORDER BY e.id LIMIT 1), '') "
        "FROM cases c WHERE c.received_at >= $1 AND c.received_at < $2 AND "
        "c.suggestions_json IS NOT NULL ORDER BY c.received_at, c.id LIMIT $3",
        {Param::Int(from_ms), Param::Int(to_ms), Param::Int(std::max(limit, 0))});
    if (!r.ok()) return r.status();
    std::vector<SuggestionOutcome> out;
    for (int i = 0; i < r->size(); ++i) {
      SuggestionOutcome o;
      o.case_id = r->Int(i, 0);
      o.received_at_ms = r->Int(i, 1);
      o.channel = cases::ParseChannel(r->Text(i, 2)).value_or(cases::Channel::kWeb);
      o.unit_code = r->Text(i, 3);
      o.topic_code = r->Text(i, 4);
      o.suggestions_json = r->Text(i, 5);
      o.ai_decision = AiDecisionOfRoutingEvent(r->Text(i, 6));
      out.push_back(std::move(o));
    }
    return out;
  });
}

Result<std::vector<cases::AccessRecord>> PostgresStore::ListAccess(std::optional<int64_t> case_id,
                                                                   int limit) {
  return readers_.With([&](Connection& db) -> Result<std::vector<cases::AccessRecord>> {
    auto r = db.Exec(
        "SELECT id, case_id, actor, what, purpose, at FROM case_access "
        "WHERE ($1::bigint IS NULL OR case_id = $1::bigint) ORDER BY id DESC LIMIT $2",
        {case_id ? Param::Int(*case_id) : Param::Null(), Param::Int(std::clamp(limit, 1, 1000))});
    if (!r.ok()) return r.status();
    std::vector<cases::AccessRecord> out;
    for (int i = 0; i < r->size(); ++i) {
      out.push_back(
          {r->Int(i, 0), r->Int(i, 1), r->Text(i, 2), r->Text(i, 3), r->Text(i, 4), r->Int(i, 5)});
    }
    return out;
  });
}

}  // namespace kapi::store::postgres_store_internal
