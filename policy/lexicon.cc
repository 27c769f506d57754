#include "policy/lexicon.h"

#include <array>
#include <string>

#include <re2/re2.h>

namespace kapi::policy {
namespace {

// Patterns are written against folded text: lower case, Turkish letters asciified (ı->i, ş->s,
// ğ->g, ü->u, ö->o, ç->c), runs of a letter cut to two. Asciification merges some words ("şikayet"
// and "sik", "sık" and "sik", "götür" and "göt"), so profanity stems are always spelled with the
// suffixes that make them unambiguous.
const std::array<const char*, kLexiconKindCount> kPatterns = {
    // kProfanity
    R"(\b(?:amk|aq|amq|amina|aminakoy\w*|amcik\w*|orospu\w*|orosbu\w*|o\.cocu\w*|pic(?:ler|lik|in|e)?|)"
    R"(siktir\w*|sikt(?:i|ig)\w*|sikerim|sikeyim|sikecek\w*|sikik\w*|sikim(?:in|e|i)?|)"
    R"(yarrak\w*|yarak(?:lar|in|i)?|got(?:un|unu|une|ten|veren\w*|lek\w*|u)?|kahpe\w*|pezevenk\w*|gavat\w*|)"
    R"(ibne\w*|pust(?:lar|un|u)?|kaltak\w*|surtuk\w*|yavsak\w*|bok(?:tan|u|lu|lar)?|anan(?:i|in|iza|inizi)\s+(?:sik|s\*k|avrad)\w*|)"
    R"(avradini\w*|dalyarak\w*|amcik|hassiktir|hasiktir|siktigim\w*|sokayim|sokarim)\b)",
    // kInsult
    R"(\b(?:serefsiz\w*|gerizekali\w*|geri zekali\w*|salak\w*|aptal\w*|ahmak\w*|dangalak\w*|)"
    R"(haysiyetsiz\w*|namussuz\w*|beyinsiz\w*|embesil\w*|mankafa\w*|soysuz\w*|hiyarto\w*|)"
    R"(it oglu it|kopek oglu\w*|andaval\w*|maganda\w*|denyo\w*|lavuk\w*|odun herif|adi herif|)"
    R"(herif(?:ler)?|karaktersiz\w*|onursuz\w*|ahlaksiz\w*|yalanci(?:lar|sin|siniz)?|cahil(?:ler|sin|siniz)?)\b)",
    // kThreat: first-person future / aorist of harm verbs ("öldüreceğim", "gebertirim"), harm to
    // the addressee's body ("kafanı kırarım"), and fixed threat idioms.
    R"(\b(?:(?:oldur|gebert|dov|vur|bicakla|kursunla|bogazla|mahved|parcala)(?:y?(?:ecegim|acagim|ecegiz|acagiz|ecem|acam|icem|cem)|)"
    R"((?:u|i|e|a)?r(?:im|iz|um|uz))|)"
    R"((?:kafani|kafanizi|agzini|agzinizi|bacagini|bacaklarini|kolunu|bacaklarinizi)\s+(?:\w+\s+)?(?:kir|kes|ez|kopar|uc)\w*|)"
    R"(canini(?:z)?\s+(?:yak|al|cikar|oku)\w*|gununu(?:zu)?\s+gorecek\w*|gununu(?:zu)?\s+gosterecek\w*|)"
    R"(gebereceksin\w*|olecek(?:sin|siniz)|kanini(?:zi)?\s+dok\w*|ananizi\s+aglat\w*|anani\s+aglat\w*|)"
    R"(pisman\s+edecegi\w*|hesabini\s+(?:sorarim|soracagim)|seni\s+oldur\w*|sizi\s+oldur\w*)\b)",
    // kViolence: calls for killing or maiming ("kurşuna dizilmeli", "öldürün").
    R"(\b(?:(?:oldurul|gebertil|katledil|bogazlan|idam\s+edil|kursuna\s+dizil|kafas(?:i|lari)\s+kesil|)"
    R"(kan(?:lari)?\s+dokul)(?:meli|meliler|melidir|sin|sinler|malidir|mali|malilar)|)"
    R"(oldurun|gebertin|kursuna\s+dizin|katledin|kafasini\s+kes\w*|kafalarini\s+kes\w*|bogazini\s+kes\w*|)"
    R"(kan\s+gol\w*\s+(?:cevir|donus)\w*|kani\s+(?:aksin|dokulsun)|iskence\s+(?:edin|edilmeli|yapilmali))\b)",
    // kSexual
    R"(\b(?:seks\w*|sex\w*|sevis(?:elim|mek|tik|mek|en|iyor|ir|meyi)\w*|porno\w*|erotik\w*|orgazm\w*|)"
    R"(masturbasyon\w*|sakso\w*|oral\s+seks|escort\w*|genelev\w*|ciplak\s+(?:foto|resim|video)\w*|)"
    R"(nude\w*|fahise\w*|azgin\s+(?:kadin|kiz|erkek)\w*|yatalim|yatmak\s+istiyorum)\b)",
    // kSlur
    R"(\b(?:zenci(?:ler|lerin|leri|ye|nin)?|gavur(?:lar|larin|lari|un|a)?|kiro(?:lar)?|cingene\s+(?:kilikli|gibi|ruhlu)|)"
    R"(pis\s+(?:arap|suriyeli|kurt|ermeni|yahudi|rum|gavur|cingene|afgan|gocmen|multeci)\w*|)"
    R"(ermeni\s+dolu|yahudi\s+dolu|kara\s+kafa\w*|sakat\s+(?:herif|kafali)|kadin\s+kafasi\w*)\b)",
    // kGroup
    R"(\b(?:suriyeli\w*|afgan\w*|arap\w*|kurt(?:ler|lerin|leri|lere|ce)|ermeni\w*|rum(?:lar|lari|larin)|)"
    R"(yahudi\w*|cingene\w*|roman(?:lar|lari|larin)|laz(?:lar|lari|larin)|alevi\w*|sunni\w*|hristiyan\w*|)"
    R"(musluman\w*|ateist\w*|kadin(?:lar|lari|larin|lara|larimiz)?|erkek(?:ler|leri|lerin|lere)?|)"
    R"(engelli\w*|sakat(?:lar|lari)?|yasli(?:lar|lari|larin|lara)?|gocmen\w*|multeci\w*|siyah(?:i|iler)|)"
    R"(esc?insel\w*|gay(?:ler)?|lezbiyen\w*|trans(?:lar|seksuel\w*)|dinsiz\w*|kapali(?:lar)?|)"
    R"(basortulu\w*|carsafli\w*|bosanmis\w*|dul(?:lar)?|fakir(?:ler)?|yoksul(?:lar)?|hasta(?:lar)?|)"
    R"(yabanci(?:lar|lari)|kurt\s+vatandas\w*|azinlik\w*)\b)",
    // kHostile
    R"(\b(?:defol\w*|gitsin(?:ler)?|gitmeli(?:ler|dir)?|istemiyoruz|istemiyorum|kovulmali\w*|)"
    R"(sinir\s+disi\s+edilmeli\w*|yok\s+edilmeli\w*|asalak\w*|mikrop\w*|hain(?:ler|dir|dirler)?|)"
    R"(domuz\w*|kopek(?:ler|tir|tirler)|hayvan(?:lar|dir|dirler|lardir)|suru(?:su)?|pis(?:tir|tirler|ler)?|)"
    R"(temizlenmeli\w*|kokunu\s+kazi\w*|kokleri\s+kazin\w*|insan\s+degil\w*|yasamayi\s+hak\s+etm\w*|)"
    R"(tehlike(?:dir|dirler)|bela(?:dir|dirler)|kanser(?:dir|dirler)|virus(?:tur|turler)|)"
    R"(hepsi\s+(?:hirsiz|terorist|hain|pis|tembel|cahil|yalanci)\w*|geri\s+kafali\w*|asagilik\w*|)"
    R"(ulkemizden\s+atilmali\w*|ulkeden\s+atilmali\w*|bizden\s+degil\w*|ikinci\s+sinif\w*)\b)",
    // kExclusion
    R"(\b(?:yapamaz(?:lar)?|beceremez(?:ler)?|anlamaz(?:lar)?|basvuramaz(?:lar)?|giremez(?:ler)?|)"
    R"(yararlanamaz(?:lar)?|faydalanamaz(?:lar)?|kabul\s+edilmez|kabul\s+edilmeyecek\w*|kabul\s+etmiyoruz|)"
    R"(hizmet\s+verilmez|hizmet\s+vermiyoruz|hizmet\s+verilmeyecek\w*|)"
    R"(ise\s+alinmaz|yonetici\s+olamaz|yakismaz|ait\s+degil\w*|evde\s+otur\w*|)"
    R"(mutfaga\s+don\w*|bu\s+isi\s+yapamaz\w*|oy\s+kullanmamali\w*|calismamali\w*|okumamali\w*)\b)",
    // kMetaDiscussion
    R"(\b(?:ayrimcilik\w*|ayrimciliga|ayrim\s+yap\w*|ayrim\s+gozet\w*|esitlik\w*|esit\s+\w+|)"
    R"(nefret\s+soylem\w*|hosgorusuz\w*|yapmamali\w*|yapilmamali\w*|yapilamaz|kacinmali\w*|yasak\w*|)"
    R"(karsi(?:yiz|dir)|mucadele\w*|korun\w*|hak(?:ki|lari|larina|larini)|ilkeler\w*|ilkesi\w*)\b)",
    // kParty
    R"(\b(?:ak\s+parti\w*|akp\w*|chp\w*|mhp\w*|hdp\w*|dem\s+parti\w*|iyi\s+parti\w*|saadet\s+partisi\w*|)"
    R"(zafer\s+partisi\w*|yeniden\s+refah\w*|deva\s+partisi\w*|gelecek\s+partisi\w*|turkiye\s+isci\s+partisi\w*|)"
    R"(bbp\w*|dsp\w*|memleket\s+partisi\w*|cumhur\s+ittifak\w*|millet\s+ittifak\w*|emek\s+ittifak\w*|)"
    R"(partimiz\w*|partiniz\w*|partisine|partisini|partiye|partiyi|adayimiz\w*|adayiniz\w*|)"
    R"((?:belediye\s+baskan|cumhurbaskan|milletvekili)\s+aday\w*|erdogan\w*|kilicdaroglu\w*|imamoglu\w*|)"
    R"(bahceli\w*|aksener\w*|demirtas\w*|davutoglu\w*|babacan\w*|mansur\s+yavas\w*|ozgur\s+ozel\w*|)"
    R"(muharrem\s+ince\w*|sinan\s+ogan\w*|umit\s+ozdag\w*|iktidar\s+partisi\w*|muhalefet\s+partisi\w*)\b)",
    // kCampaign
    R"(\b(?:oy\s+ver\w*|oyunuzu\w*|oylarinizi\w*|oylariniz\w*|oy\s+vermeyin|oy\s+vermeyelim|)"
    R"(destekleyin|destekleyelim|destekliyoruz|destekleyiniz|secin|seciniz|secilmeli\w*|secelim|)"
    R"(kazanacak\w*|kazansin|kazanmali\w*|yasasin|gitsin|gitmeli\w*|bitmeli\w*|)"
    R"(kaybedecek\w*|kaybetmeli\w*|tek\s+umut\w*|kurtaracak\w*|iktidar\s+olacak\w*|iktidara\s+gelmeli\w*|)"
    R"(sandikta\s+\w+|sandiga\s+gomel\w*|sandiga\s+gom\w*|hesap\s+verecek\w*|hain\w*|rezil\w*|yolsuz\w*|)"
    R"(basarisiz\w*|en\s+iyi\s+parti|en\s+iyi\s+aday|mutlaka\s+\w+\s+secilmeli|yanindayiz|arkasindayiz)\b)",
    // kDismissive
    R"(\b(?:bizi\s+ilgilendirmez|bizim\s+konumuz\s+degil\w*|bizim\s+sorunumuz\s+degil\w*|bize\s+ne|)"
    R"(ne\s+yapalim|ne\s+yapalim\s+yani|kendi\s+sorununuz\w*|sizin\s+sorununuz\w*|bosuna\s+ugrasmayin|)"
    R"(bir\s+daha\s+yazmayin|tekrar\s+tekrar\s+yazmayin|okumayi\s+bilmiyor\s+musunuz|anlamiyor\s+musunuz|)"
    R"(kac\s+kere\s+soyle\w*|defalarca\s+(?:belirttik|soyledik|yazdik)|umrumuzda\s+degil|keyfinize\s+gore|)"
    R"(isimiz\s+gucumuz\s+yok\s+mu|ugrasamayiz|sabredin\s+artik|bekleyin\s+iste|sikayet\s+etmekle\s+bir\s+sey\s+degismez|)"
    R"(yapacak\s+bir\s+sey\s+yok|elimizden\s+bir\s+sey\s+gelmez|sizinle\s+ugrasamayiz|kafaniza\s+gore)\b)",
    // kGreeting
    R"(\b(?:sayin|merhaba\w*|iyi\s+gunler|degerli|saygideger|selam\w*|gunaydin|iyi\s+aksamlar|kiymetli|)"
    R"(hayirli\s+gunler|muhterem)\b)",
    // kClosing
    R"(\b(?:saygilarimizla|saygilarimla|saygilar\w*|bilgilerinize|bilgilerini(?:ze)?\s+(?:sunar|arz|rica)\w*|)"
    R"(iyi\s+gunler\s+dile\w*|tesekkur\s+eder\w*|tesekkurler\w*|geregini\s+rica\w*|rica\s+eder\w*|)"
    R"(iyi\s+calismalar|esenlikler\s+dile\w*|hayirli\s+gunler\s+dile\w*|iyi\s+gunler|hayirli\s+gunler|)"
    R"(gecmis\s+olsun|bilgi\s+edinilmesini|arz\s+ederim|arz\s+ederiz)\b)",
    // kMarking
    R"(\b(?:cok\s+gizli|gizli|hizmete\s+ozel|kisiye\s+ozel)\b)",
    // kDocumentNumber
    R"((?:\be-?\s?)?\b\d{8}[-.]\d{3}(?:\.\d{2,3})*\s?[-/]\s?\d{1,7}\b)",
};

}  // namespace

struct Lexicons::Impl {
  std::vector<std::unique_ptr<RE2>> patterns;
};

Lexicons::Lexicons() : impl_(std::make_unique<Impl>()) {}
Lexicons::~Lexicons() = default;

std::unique_ptr<Lexicons> Lexicons::Create() {
  std::unique_ptr<Lexicons> lex(new Lexicons());  // private constructor
  RE2::Options options;
  options.set_log_errors(true);
  options.set_max_mem(64 << 20);
  for (const char* p : kPatterns) {
    auto re = std::make_unique<RE2>(p, options);
    if (!re->ok()) return nullptr;
    lex->impl_->patterns.push_back(std::move(re));
  }
  return lex;
}

void Lexicons::Find(LexiconKind kind, std::string_view folded, size_t begin, size_t end,
                    std::vector<LexiconHit>& out) const {
  const RE2& re = *impl_->patterns[static_cast<size_t>(kind)];
  re2::StringPiece text(folded.data(), end);
  size_t pos = begin;
  re2::StringPiece match;
  while (pos < end && re.Match(text, pos, end, RE2::UNANCHORED, &match, 1)) {
    size_t b = static_cast<size_t>(match.data() - folded.data());
    size_t e = b + match.size();
    if (e > b) out.push_back({kind, b, e});
    pos = e > pos ? e : pos + 1;
  }
}

bool Lexicons::Contains(LexiconKind kind, std::string_view folded, size_t begin, size_t end) const {
  const RE2& re = *impl_->patterns[static_cast<size_t>(kind)];
  re2::StringPiece text(folded.data(), end);
  return re.Match(text, begin, end, RE2::UNANCHORED, nullptr, 0);
}

}  // namespace kapi::policy
