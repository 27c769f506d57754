// `kapi audit` — verify the audit ledger, print inclusion proofs, publish checkpoints. The logic
// lives in store/ledger_audit.h; this file only maps command-line options onto it.

#include <iostream>

#include "cli/command.h"
#include "cli/serve_config.h"
#include "store/ledger_audit.h"

namespace kapi::cli {
namespace {

struct AuditFlags {
  store::AuditCommandOptions options;
  std::string event;
  uint64_t tree_size = 0;
};

void AddCommonOptions(CLI::App* sub, AuditFlags* flags) {
  AddDataDirOption(sub, &flags->options.data_dir);
  sub->add_option("--db", flags->options.db_path,
                  "Denetim kaydı dosyası / SQLite ledger file (default <data-dir>/ledger.db)");
  // With PostgreSQL the ledger is the one all nodes share in that database.
  AddDatabaseUrlOption(sub, &flags->options.database_url);
  sub->add_option("--signing-key", flags->options.signing_key_path,
                  "Ed25519 imza anahtarı dosyası (default <data-dir>/keys/ledger-ed25519.key)");
  sub->add_option("--payload-key", flags->options.payload_key_path,
                  "Kişi anahtarlarını saran anahtar (default <data-dir>/keys/ledger-payload.key)");
  sub->add_option("--origin", flags->options.origin,
                  "Kontrol noktası kaynağı / checkpoint origin (default: from the stored head)");
  sub->add_option("--verifier-key", flags->options.verifier_key,
                  "Doğrulama anahtarı / verifier key name+id+key (outside auditors)");
}

}  // namespace

void AddAuditCommand(CLI::App& app) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* audit = app.add_subcommand(
      "audit", "Denetim kaydını doğrula, kanıt üret (verify the audit ledger, print proofs)");
  audit->require_subcommand(1);

  CLI::App* verify = audit->add_subcommand(
      "verify", "Ağacı kayıtlardan yeniden hesapla, her kontrol noktasıyla karşılaştır");
  AddCommonOptions(verify, flags.get());
  verify->add_option("--trusted-checkpoint", flags->options.trusted_checkpoint_files,
                     "Dışarıda saklanan imzalı kontrol noktası dosyası (repeatable)");
  verify->add_flag("--json", flags->options.json, "JSON çıktı / JSON output");
  verify->callback(
      [flags] { SetExitCode(store::RunAuditVerify(flags->options, std::cout, std::cerr)); });

  CLI::App* prove = audit->add_subcommand(
      "prove", "Bir kaydın dahil olma kanıtı ve imzalı kontrol noktası (inclusion proof)");
  AddCommonOptions(prove, flags.get());
  prove->add_option("EVENT", flags->event, "Kaydın sıra numarası / the event's sequence number")
      ->required();
  prove->add_option("--tree-size", flags->tree_size,
                    "Bu boyuttaki kontrol noktasına karşı kanıtla (default: newest covering)");
  prove->callback([flags] {
    SetExitCode(
        store::RunAuditProve(flags->options, flags->event, flags->tree_size, std::cout, std::cerr));
  });

  CLI::App* checkpoint = audit->add_subcommand(
      "checkpoint", "Şimdi imzalı kontrol noktası yaz ve yazdır (sign and print a checkpoint)");
  AddCommonOptions(checkpoint, flags.get());
  checkpoint->callback(
      [flags] { SetExitCode(store::RunAuditCheckpoint(flags->options, std::cout, std::cerr)); });

  CLI::App* vkey = audit->add_subcommand(
      "verifier-key", "Dış denetçi için doğrulama anahtarını yazdır (print the verifier key)");
  AddCommonOptions(vkey, flags.get());
  vkey->callback(
      [flags] { SetExitCode(store::RunAuditVerifierKey(flags->options, std::cout, std::cerr)); });
}

}  // namespace kapi::cli
