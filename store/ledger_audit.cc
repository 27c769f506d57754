#include "store/ledger_audit.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "store/ledger_store.h"

namespace kapi::store {
namespace {

LedgerOptions ToLedgerOptions(const AuditCommandOptions& o, bool read_only) {
  LedgerOptions l = LedgerOptionsForDataDir(o.data_dir);
  if (!o.db_path.empty()) l.path = o.db_path;
  l.database_url = o.database_url;
  if (!o.signing_key_path.empty()) l.signing_key_path = o.signing_key_path;
  if (!o.payload_key_path.empty()) l.payload_key_path = o.payload_key_path;
  l.origin = o.origin;
  l.verifier_key = o.verifier_key;
  l.read_only = read_only;
  return l;
}

void PrintError(std::ostream& err, const std::string& tr, const Status& s) {
  err << "kapi audit: " << tr << " (" << s.ToString() << ")\n";
}

}  // namespace

int RunAuditVerify(const AuditCommandOptions& options, std::ostream& out, std::ostream& err) {
  LedgerVerifyOptions verify;
  for (const std::string& path : options.trusted_checkpoint_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      err << "kapi audit: güvenilir kontrol noktası okunamadı (cannot read trusted checkpoint) "
          << path << "\n";
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    verify.trusted_checkpoints.push_back(ss.str());
  }
  auto store = OpenLedgerStore(ToLedgerOptions(options, /*read_only=*/true));
  if (!store.ok()) {
    PrintError(err, "denetim kaydı açılamadı", store.status());
    return 2;
  }
  auto report = (*store)->Verify(verify);
  if (!report.ok()) {
    PrintError(err, "doğrulama yapılamadı", report.status());
    return 2;
  }
  const LedgerVerifyReport& r = *report;
  if (options.json) {
    nlohmann::ordered_json j;
    j["ok"] = r.ok();
    j["leaves"] = r.leaves;
    j["root"] = ledger::ToHex(r.root);
    j["checkpoints_checked"] = r.checkpoints_checked;
    j["nodes_checked"] = r.nodes_checked;
    j["payloads_checked"] = r.payloads_checked;
    j["payloads_erased"] = r.payloads_erased;
    j["payloads_unchecked"] = r.payloads_unchecked;
    if (r.problem) {
      j["first_bad_seq"] = r.problem->seq;
      j["where"] = r.problem->where;
      j["problem"] = r.problem->what;
    }
    out << j.dump() << "\n";
  } else if (r.ok()) {
    out << "Denetim kaydı doğrulandı (ledger verified): " << r.leaves << " kayıt (events), "
        << r.checkpoints_checked << " imzalı kök (signed roots), " << r.nodes_checked
        << " düğüm (nodes), " << r.payloads_checked << " yük eşleşti (payloads matched), "
        << r.payloads_erased << " silinmiş yük (erased payloads)";
    if (r.payloads_unchecked > 0) {
      out << ", " << r.payloads_unchecked << " yük açılamadı: anahtar yok (payloads not opened)";
    }
    out << "\nkök (root): " << ledger::ToHex(r.root) << "\n";
  } else {
    out << "DOĞRULAMA BAŞARISIZ (verification failed)\n"
        << "ilk hatalı sıra numarası (first bad sequence number): " << r.problem->seq << "\n"
        << "yer (where): " << r.problem->where << "\n"
        << "sorun (problem): " << r.problem->what << "\n";
  }
  return r.ok() ? 0 : 1;
}

int RunAuditProve(const AuditCommandOptions& options, const std::string& event, uint64_t tree_size,
                  std::ostream& out, std::ostream& err) {
  std::string_view text = event;
  if (text.substr(0, 4) == "seq:") text.remove_prefix(4);
  uint64_t seq = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seq);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    err << "kapi audit prove: EVENT bir sıra numarası olmalı (EVENT must be a sequence number), "
           "got \""
        << event << "\"\n";
    return 2;
  }
  auto store = OpenLedgerStore(ToLedgerOptions(options, /*read_only=*/true));
  if (!store.ok()) {
    PrintError(err, "denetim kaydı açılamadı", store.status());
    return 2;
  }
  auto proof = (*store)->Prove(seq, tree_size);
  if (!proof.ok()) {
    PrintError(err, "kanıt üretilemedi", proof.status());
    return proof.status().code() == StatusCode::kDataLoss ? 1 : 2;
  }
  out << proof->ToJson() << "\n";
  return 0;
}

int RunAuditCheckpoint(const AuditCommandOptions& options, std::ostream& out, std::ostream& err) {
  LedgerOptions l = ToLedgerOptions(options, /*read_only=*/false);
  auto store = OpenLedgerStore(l);
  if (!store.ok()) {
    PrintError(err, "denetim kaydı açılamadı", store.status());
    return 2;
  }
  auto cp = (*store)->Checkpoint();
  if (!cp.ok()) {
    PrintError(err, "kontrol noktası yazılamadı", cp.status());
    return cp.status().code() == StatusCode::kDataLoss ? 1 : 2;
  }
  out << cp->note;
  return 0;
}

int RunAuditVerifierKey(const AuditCommandOptions& options, std::ostream& out, std::ostream& err) {
  auto store = OpenLedgerStore(ToLedgerOptions(options, /*read_only=*/true));
  if (!store.ok()) {
    PrintError(err, "denetim kaydı açılamadı", store.status());
    return 2;
  }
  std::string vkey = (*store)->VerifierKey();
  if (vkey.empty()) {
    err << "kapi audit: imza anahtarı bulunamadı (no signing key found)\n";
    return 2;
  }
  out << vkey << "\n";
  return 0;
}

}  // namespace kapi::store
