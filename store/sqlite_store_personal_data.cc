// SqliteStore: reading the sealed original (logged), KVKK erasure, redaction of staff-written
// text, the AI-oversight rows and the personal-data access log.

#include "store/sqlite_store_internal.h"

namespace kapi::store::sqlite_store_internal {

Result<Store::SealedOriginal> SqliteStore::ReadSealedOriginal(int64_t case_id,
                                                              const std::string& purpose,
                                                              const Actor& actor) {
  SealedOriginal out;
  Status s = Write([&](Connection& db) -> Status {
    auto st = db.Prepare(
        "SELECT text_sealed, COALESCE(contact_sealed, x''), COALESCE(erased_at, 0) FROM cases "
        "WHERE id = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, case_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("no case with id " + std::to_string(case_id));
    if ((*st)->Int(2) > 0) return ErasedOriginal(case_id);
    out.text_sealed = (*st)->Text(0);
    out.contact_sealed = (*st)->Text(1);
    KAPI_RETURN_IF_ERROR((*st)->Run());
    auto ins =
        db.Prepare("INSERT INTO case_access(case_id, actor, what, purpose, at) VALUES (?,?,?,?,?)");
    if (!ins.ok()) return ins.status();
    KAPI_RETURN_IF_ERROR((*ins)
                             ->Bind(1, case_id)
                             .Bind(2, actor.id)
                             .Bind(3, "text+contact")
                             .Bind(4, purpose)
                             .Bind(5, actor.at_ms)
                             .Run());
    return AppendEvent(db, case_id, actor, "personal_data_read", {{"purpose", purpose}});
  });
  if (!s.ok()) return s;
  return out;
}

Result<Store::ErasureResult> SqliteStore::ErasePersonalData(int64_t case_id,
                                                            const std::string& reason,
                                                            const Actor& actor) {
  ErasureResult out;
  Status s = Write([&](Connection& db) -> Status {
    auto current = LoadCase(db, case_id);
    if (!current.ok()) return current.status();
    if (current->erased_at_ms > 0) {
      out = {current->erased_at_ms, /*already_erased=*/true};
      return Status::Ok();
    }
    auto st = db.Prepare(
        "UPDATE cases SET text_sealed = x'', contact_sealed = NULL, location_json = NULL, "
        "body_hash = '', erased_at = ?1, updated_at = ?1, version = version + 1 WHERE id = ?2");
    if (!st.ok()) return st.status();
    KAPI_RETURN_IF_ERROR((*st)->Bind(1, actor.at_ms).Bind(2, case_id).Run());
    out = {actor.at_ms, /*already_erased=*/false};
    return AppendEvent(db, case_id, actor, "personal_data_erased", {{"reason", reason}});
  });
  if (!s.ok()) return s;
  // The WAL still holds the page images written before the erasure; fold them into the main
  // file (where secure_delete zeroed the old cells) and cut the WAL to zero bytes.
  if (!sqlite::TruncateWal(path_)) {
    log::Warn("erasure_wal_not_truncated", {{"case_id", std::to_string(case_id)}});
  }
  return out;
}

Result<int64_t> SqliteStore::RedactFreeText(int64_t case_id, const TextRedactor& redact) {
  int64_t changed = 0;
  Status s = Write([&](Connection& db) -> Status {
    KAPI_RETURN_IF_ERROR(LoadCase(db, case_id).status());
    for (const FreeTextColumn& c : FreeTextColumns()) {
      auto st = db.Prepare(std::string("SELECT ") + c.key + ", " + c.text + " FROM " + c.table +
                           " WHERE " + c.owner + " = ? AND " + c.text + " IS NOT NULL");
      if (!st.ok()) return st.status();
      std::vector<std::pair<int64_t, std::string>> updates;
      (*st)->Bind(1, case_id);
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        std::string text = (*st)->Text(1);
        std::string redacted = redact(text);
        if (redacted != text) updates.emplace_back((*st)->Int(0), std::move(redacted));
      }
      for (const auto& [key, text] : updates) {
        auto up = db.Prepare(std::string("UPDATE ") + c.table + " SET " + c.text + " = ? WHERE " +
                             c.key + " = ?");
        if (!up.ok()) return up.status();
        KAPI_RETURN_IF_ERROR((*up)->Bind(1, text).Bind(2, key).Run());
        ++changed;
      }
    }
    auto ev = db.Prepare("SELECT id, detail_json FROM case_events WHERE case_id = ?");
    if (!ev.ok()) return ev.status();
    std::vector<std::pair<int64_t, std::string>> updates;
    (*ev)->Bind(1, case_id);
    while (true) {
      auto row = (*ev)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (auto r = RedactEventDetail((*ev)->Text(1), redact)) {
        updates.emplace_back((*ev)->Int(0), std::move(*r));
      }
    }
    for (const auto& [id, detail] : updates) {
      auto up = db.Prepare("UPDATE case_events SET detail_json = ? WHERE id = ?");
      if (!up.ok()) return up.status();
      KAPI_RETURN_IF_ERROR((*up)->Bind(1, detail).Bind(2, id).Run());
      ++changed;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return changed;
}

Result<std::vector<Store::SuggestionOutcome>> SqliteStore::ListSuggestionOutcomes(int64_t from_ms,
                                                                                  int64_t to_ms,
                                                                                  int limit) {
  return readers_.With([&](Connection& db) -> Result<std::vector<SuggestionOutcome>> {
    auto st = db.Prepare(
        "SELECT c.id, c.received_at, c.channel, COALESCE(c.unit_code,''), "
        "COALESCE(c.topic_code,''), c.suggestions_json, COALESCE((SELECT e.detail_json FROM "
        "case_events e WHERE e.case_id = c.id AND e.kind = 'routing' ORDER BY e.id LIMIT 1), '') "
        "FROM cases c WHERE c.received_at >= ? AND c.received_at < ? AND "
        "c.suggestions_json IS NOT NULL ORDER BY c.received_at, c.id LIMIT ?");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, from_ms).Bind(2, to_ms).Bind(3, int64_t{std::max(limit, 0)});
    std::vector<SuggestionOutcome> out;
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      SuggestionOutcome o;
      o.case_id = (*st)->Int(0);
      o.received_at_ms = (*st)->Int(1);
      o.channel = cases::ParseChannel((*st)->Text(2)).value_or(cases::Channel::kWeb);
      o.unit_code = (*st)->Text(3);
      o.topic_code = (*st)->Text(4);
      o.suggestions_json = (*st)->Text(5);
      o.ai_decision = AiDecisionOfRoutingEvent((*st)->Text(6));
      out.push_back(std::move(o));
    }
    return out;
  });
}

Result<std::vector<cases::AccessRecord>> SqliteStore::ListAccess(std::optional<int64_t> case_id,
                                                                 int limit) {
  return readers_.With([&](Connection& db) -> Result<std::vector<cases::AccessRecord>> {
    auto st = db.Prepare(
        "SELECT id, case_id, actor, what, purpose, at FROM case_access "
        "WHERE (?1 IS NULL OR case_id = ?1) ORDER BY id DESC LIMIT ?2");
    if (!st.ok()) return st.status();
    if (case_id) {
      (*st)->Bind(1, *case_id);
    } else {
      (*st)->BindNull(1);
    }
    (*st)->Bind(2, int64_t{std::clamp(limit, 1, 1000)});
    std::vector<cases::AccessRecord> out;
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back({(*st)->Int(0), (*st)->Int(1), (*st)->Text(2), (*st)->Text(3), (*st)->Text(4),
                     (*st)->Int(5)});
    }
    return out;
  });
}

}  // namespace kapi::store::sqlite_store_internal
