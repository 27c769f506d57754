#include "cli/demo_institution.h"

#include <set>

#include <sodium.h>

#include "base/random.h"
#include "workflow/password.h"

namespace kapi::cli {

Result<std::vector<DemoAccount>> SeedDemoInstitution(store::Store& store, bool reset_passwords) {
  const std::vector<cases::Unit> units = {
      {"kurum", "Örnek Büyükşehir Belediyesi", ""},
      {"altyapi", "Altyapı Hizmetleri Dairesi", "kurum"},
      {"su-kanal", "Su ve Kanalizasyon Müdürlüğü", "altyapi"},
      {"ulasim", "Ulaşım Müdürlüğü", "altyapi"},
      {"cevre", "Çevre Hizmetleri Dairesi", "kurum"},
      {"park-bahce", "Park ve Bahçeler Müdürlüğü", "cevre"},
      {"temizlik", "Temizlik İşleri Müdürlüğü", "cevre"},
      {"veteriner", "Veteriner İşleri Müdürlüğü", "cevre"},
      {"zabita", "Zabıta Müdürlüğü", "kurum"},
      {"sosyal", "Sosyal Hizmetler Müdürlüğü", "kurum"},
      {"yazi-isleri", "Yazı İşleri Müdürlüğü", "kurum"},
  };
  // SLA: petitions 30 calendar days (Law 3071); information requests 15 working days (Law 4982).
  // Social aid decisions are sensitive: AI gives routing help only (2024/108 Yetkinlik (7)).
  const std::vector<cases::Topic> topics = {
      {"su-kanalizasyon", "Su ve Kanalizasyon", "su-kanal", false, 30, false},
      {"ulasim", "Ulaşım", "ulasim", false, 30, false},
      {"park-bahce", "Park ve Bahçeler", "park-bahce", false, 30, false},
      {"zabita", "Zabıta", "zabita", false, 30, false},
      {"temizlik", "Temizlik İşleri", "temizlik", false, 30, false},
      {"veteriner", "Veteriner İşleri", "veteriner", false, 30, false},
      {"sosyal-yardim", "Sosyal Hizmet ve Yardımlar", "sosyal", true, 30, false},
      {"diger", "Diğer", "yazi-isleri", false, 30, false},
      {"bilgi-edinme", "Bilgi Edinme (4982)", "yazi-isleri", false, 15, true},
  };
  for (const auto& u : units) KAPI_RETURN_IF_ERROR(store.UpsertUnit(u));
  for (const auto& t : topics) KAPI_RETURN_IF_ERROR(store.UpsertTopic(t));

  const std::vector<cases::StaffUser> staff = {
      {"masa", "Danışma Masası Görevlisi", "desk_officer", "kurum"},
      {"triaj", "Ön İnceleme (Triaj) Memuru", "case_officer", "kurum"},
      {"memur.ulasim", "Ulaşım Dosya Memuru", "case_officer", "ulasim"},
      {"memur.su", "Su ve Kanalizasyon Dosya Memuru", "case_officer", "su-kanal"},
      {"mudur.ulasim", "Ulaşım Müdürü", "unit_manager", "ulasim"},
      {"yonetici", "Kurum Yöneticisi", "admin", "kurum"},
      {"denetci", "Denetçi / KVKK Sorumlusu", "auditor", "kurum"},
  };
  auto existing = store.ListStaffUsers();
  if (!existing.ok()) return existing.status();
  std::set<std::string> have;
  for (const auto& u : *existing) have.insert(u.username);

  auto random = MakeSecureRandom();
  std::vector<DemoAccount> created;
  for (const auto& u : staff) {
    if (have.count(u.username) && !reset_passwords) continue;
    // Four groups of four from an unambiguous alphabet: easy to type, ~80 bits.
    std::string password;
    for (int g = 0; g < 4; ++g) {
      if (g) password += '-';
      password += random->Token(4, "abcdefghjkmnpqrstuvwxyz23456789");
    }
    auto hash = workflow::HashPassword(password);
    if (!hash.ok()) return hash.status();
    KAPI_RETURN_IF_ERROR(store.UpsertStaffUser(u, *hash));
    created.push_back({u.username, password, u.role, u.unit_code});
  }
  return created;
}

}  // namespace kapi::cli
