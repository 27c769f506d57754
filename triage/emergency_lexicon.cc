// The built-in Turkish emergency lexicon. Each rule is one cue; see EmergencyRule in emergency.h
// for the term syntax. Add cues freely (a missed emergency costs more than a false alarm) and add
// an `unless` only for a false friend seen in real complaints, with a test in emergency_test.cc.

#include "triage/emergency.h"

namespace kapi::triage {

std::vector<EmergencyRule> DefaultEmergencyRules() {
  const std::vector<std::string> kLamp = {"lamba*", "isik*",    "ampul*", "far*",
                                          "led",    "sigorta*", "para*",  "fatura*",
                                          "hak*",   "emek*",    "gun*",   "kredi*"};
  const std::vector<std::string> kAnimal = {"kedi*", "kopek*", "hayvan*", "kus*",  "bocek*",
                                            "fare*", "yavru*", "balik*",  "agac*", "cicek*"};
  return {
      // Fire.
      {"yangın",
       {"yangin*"},
       0,
       {"tup*", "merdiven*", "dolab*", "dolap*", "sigorta*", "tatbikat*", "yonetmelig*", "hidrant*",
        "cikis*", "kapisi*", "muslug*", "sondurme*", "orman*"}},
      {"yangın", {"orman", "yangin*"}, 1, {}},
      {"yangın", {"alevler*|alevlen*|alevli|alevlere"}, 0, {}},
      {"yangın", {"alev", "al*|alev*|cik*|sar*"}, 2, {}},
      {"yangın", {"yaniyor*|yanmakta*|yandi|yanmis*|yanacak*|yaniyo"}, 0, kLamp},
      {"yangın", {"tutustu*|tutusmus*|tutusuyor*|kundak*"}, 0, {}},
      {"yangın", {"duman*", "cik*|yuksel*|sard*|dol*|bogul*"}, 3, {"baca*", "sigara*", "mangal*"}},
      {"yangın", {"yogun", "duman*"}, 1, {}},
      {"yangın", {"itfaiye*"}, 0, {}},
      // Gas.
      {"gaz",
       {"gaz|gazi|gazin|gazinin|dogalgaz*|tup|tupu|tuptan",
        "koku*|kacag*|kacak*|sizinti*|sizdi*|siziyor*|patla*"},
       3,
       {}},
      {"gaz", {"karbonmonoksit*|monoksit*"}, 0, {}},
      {"gaz",
       {"patlama*|patladi|patlayacak*|infilak*"},
       0,
       {"lastik*", "boru*", "su", "kanalizasyon*", "balon*"}},
      // Flood.
      {"sel", {"sel|sele|seli|selde|selden|seller|sellere|selin|selzede*"}, 0, {}},
      {"sel", {"su|sular|sulari", "bask*|bast*|basmis*|bastir*"}, 2, {}},
      {"sel", {"taskin*"}, 0, {}},
      {"sel",
       {"dere*|nehir*|cay|cayi|baraj*|deniz*", "tasti|tasiyor|tasmis*|tasacak*|tasmak*"},
       2,
       {}},
      {"sel", {"bogul*|bogdu*"}, 0, {}},
      // Violence.
      {"şiddet", {"siddet|siddete|siddeti|siddetin|siddetten|siddetine"}, 0, {}},
      {"şiddet", {"darp*"}, 0, {}},
      {"şiddet",
       {"dovuy*|dovdu*|dovul*|dovece*|dovmek*|doverek|dovup|dovmeye*|dovmus*|doverim"},
       0,
       {}},
      {"şiddet", {"bicak*|silah*|tabanca*|tufek*|kursun*"}, 0, {"silahsiz*"}},
      {"şiddet", {"ates", "acti*|acil*|acildi*|etti*|ediyor*"}, 1, {}},
      {"şiddet", {"öldür*|oldurecek*|oldurdu*|oldurmek*|olduruyor*|oldureceg*"}, 0, {}},
      {"şiddet", {"tehdit*"}, 0, {"saglig*", "cevre*"}},
      {"şiddet", {"tecavuz*|istismar*|gasp*|yagma*"}, 0, {}},
      {"şiddet", {"taciz*"}, 0, {"mesaj*", "sms*", "arama*", "reklam*", "telefon*", "aramalar*"}},
      {"şiddet", {"kavga*"}, 0, {}},
      // Medical.
      {"sağlık", {"kalp|kalbi", "kriz*|durdu*|sikis*"}, 2, {}},
      {"sağlık",
       {"bayildi|bayilmis*|bayiliyor|bayilma*|bayilan*|bayginlik*|baygin|bayilip"},
       0,
       {}},
      {"sağlık", {"nefes*", "alam*|darl*|kesil*|yetmi*"}, 2, {}},
      {"sağlık", {"acil", "servis*"}, 1, {}},
      {"sağlık", {"ambulans*"}, 0, {}},
      {"sağlık", {"bilinc*", "kapal*|yok|kayb*|gitti"}, 2, {}},
      {"sağlık",
       {
           "bilincsiz*|kaniyor*|kanama*|kanamasi*|zehirlen*|felc*|inme",
       },
       0,
       {"otobus*", "arac*", "durak*", "metro*", "yolcu*", "indi*"}},
      {"sağlık", {"kan", "kayb*|revan*|icinde"}, 1, {}},
      {"sağlık", {"nobet*|kriz*", "gecir*"}, 1, {}},
      {"sağlık", {"yarali*|yaralandi*|yaralanmis*|yaralanan*"}, 0, kAnimal},
      {"sağlık",
       {"ölü|ölüyor*|öldü|öldüler|ölecek*|ölmek*|ölüm*|ölmüş*|can",
        "tehlike*|kayb*|verdi|veriyor|pazarı"},
       1,
       kAnimal},
      {"sağlık", {"ölüyor*|öldü|öldüler|ölecek*|ölüm|ölmüş*"}, 0, kAnimal},
      {"sağlık", {"hayati", "tehlike*"}, 1, {}},
      // Suicide.
      {"intihar", {"intihar*"}, 0, {}},
      {"intihar", {"kendimi|kendini|kendisini", "öldür*|oldur*|as*|yak*|at*|bitir*"}, 3, {}},
      {"intihar", {"canima|canina|canimi", "kiy*|son"}, 2, {}},
      {"intihar", {"hayatima|hayatina|yasamima|yasamina", "son"}, 2, {}},
      {"intihar", {"yasamak|yasamaya", "istemiyor*|istemiyo*|degmez|gucum"}, 3, {}},
      {"intihar", {"ölmek|ölmeyi|ölsem|ölüp", "istiyor*|isterim|istiyo*|gidece*|kurtul*"}, 3, {}},
      {"intihar", {"kopru*|cati*|balkon*|pencere*", "atla*|atacag*|atacak*"}, 3, {}},
      // Child in danger.
      {"çocuk",
       {"cocu*|bebe*|bebeg*|kizim*|oglum*|yavrum*|ogrenci*|kucuk",
        "istismar*|dovul*|dovuy*|kayboldu*|kayip|kaybol*|dustu*|dusme*|dusecek*|tehlike*|siddet*|"
        "kacir*|terk*|kilitli|kilitle*|aç|bogul*|yaralan*|carpt*"},
       6,
       {}},
      // Collapse, landslide, electrocution, serious accident.
      {"yapı",
       {"göçük*|göçtü|göçme*|çöktü|çökme*|çöküyor|çökecek*|yıkıl*|heyelan*|deprem*"},
       0,
       {"sistem*", "site*", "uygulama*", "internet*", "hat*", "sebeke*", "server*", "sunucu*",
        "borsa*", "ekonomi*", "piyasa*"}},
      {"yapı", {"elektrik*|akim*", "carp*|kapti*"}, 2, {}},
      {"kaza",
       {"kaza|kazada|kazasi*|kazaya|kazayi|kazalar*|carpisti*|carpisma*|devrildi*|sikisti*"},
       0,
       {}},
  };
}

}  // namespace kapi::triage
