#pragma once
// Test helpers: a tiny synthetic topic/sentiment model set written to a temp dir, so engine and
// command tests are hermetic and fast.

#include <filesystem>
#include <fstream>
#include <string>

#include "triage/linear_trainer.h"

namespace kapi::triage::testing {

inline LabeledSet TinyTopicSet() {
  LabeledSet s;
  s.labels = {"Su ve Kanalizasyon", "Ulaşım", "Diğer"};
  const char* su[] = {"suyumuz kesildi iki gündür su yok",
                      "kanalizasyon taştı koku var",
                      "su kesintisi yine başladı",
                      "musluktan çamurlu su akıyor",
                      "su arızası giderilmedi",
                      "mahallede sular kesik"};
  const char* ulasim[] = {"otobüs durağa gelmedi",   "otobüs şoförü kaba davrandı",
                          "metro seferleri iptal",   "durakta bir saat otobüs bekledik",
                          "otobüs hattı kaldırıldı", "minibüs tarifesi değişti"};
  const char* diger[] = {"belediye web sitesi açılmıyor",
                         "kütüphane randevu sistemi çalışmıyor",
                         "mezarlık bakımsız",
                         "personel ilgisiz davrandı",
                         "kültür merkezi kapalı",
                         "nikah salonu randevusu verilmedi"};
  for (const char* t : su) {
    s.texts.push_back(t);
    s.y.push_back(0);
  }
  for (const char* t : ulasim) {
    s.texts.push_back(t);
    s.y.push_back(1);
  }
  for (const char* t : diger) {
    s.texts.push_back(t);
    s.y.push_back(2);
  }
  s.ids.resize(s.texts.size());
  return s;
}

// Writes topic.kapimodel and routing.json into a fresh temp dir and returns it.
inline std::string WriteTinyModels(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kapi_triage_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  LinearTrainOptions opt;
  opt.features.hash_bits = 14;
  opt.folds = 3;
  opt.c = 10;
  auto model = TrainLinearModel("topic", TinyTopicSet(), opt, nullptr);
  if (!model.ok() || !(*model)->Save((dir / "topic.kapimodel").string()).ok()) return {};
  std::ofstream((dir / "routing.json").string()) << R"json({
    "default_unit": "Yazı İşleri",
    "topic_units": {"Su ve Kanalizasyon": "Su ve Kanalizasyon", "Ulaşım": "Ulaşım"},
    "rules": [
      {"id": "acil", "if_emergency": true, "unit": "112 Acil Çağrı Merkezi (yönlendir)"},
      {"id": "iski", "if_words": ["iski", "su kesintisi"], "unit": "Su ve Kanalizasyon"},
      {"id": "ulasim", "if_topic": "Ulaşım", "min_p": 0.3, "unit": "Ulaşım"}
    ]})json";
  return dir.string();
}

}  // namespace kapi::triage::testing
