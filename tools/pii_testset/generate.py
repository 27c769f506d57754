#!/usr/bin/env python3
"""Labelled test set for the personal-data detector (issue 3).

Real texts from ../shared/data with generated personal data planted in natural Turkish phrasings,
plus hard negatives (ids that fail their checksum, order numbers, amounts, dates that are not
birthdays, bare mahalle mentions) and untouched clean texts. Every identity is generated here with
valid check digits; nothing is real personal data.

PERSON values are half from the shared name lists and half *held out*: first names and surnames
composed from parts and verified to be in none of the shared lists, so the score shows how the
detector does on names it has never seen.

Output: JSONL {"id", "text", "entities": [{"type", "start", "end"}], "kind"} with code-point
offsets (docs/formats/pii-testset.md). Deterministic for a given --seed.

    python3 tools/pii_testset/generate.py --shared ../shared --out /tmp/pii_test.jsonl --n 4000
"""
import argparse
import collections
import csv
import hashlib
import json
import os
import random
import re

# ---------------------------------------------------------------- valid identifiers


def tckn(rng, prefix=None):
    d = [int(c) for c in (prefix or '')]
    if not d:
        d.append(rng.randint(1, 9))
        d.append(rng.randint(0, 8) if d[0] == 9 else rng.randint(0, 9))  # 99… is a YKN
    while len(d) < 9:
        d.append(rng.randint(0, 9))
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return ''.join(map(str, d))


def tckn_valid(s):
    if len(s) != 11 or not s.isdigit() or s[0] == '0':
        return False
    d = [int(c) for c in s]
    return (d[9] == ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
            and d[10] == sum(d[:10]) % 10)


def vkn(rng):
    d = [rng.randint(0, 9) for _ in range(9)]
    total = 0
    for i in range(9):
        tmp = (d[i] + 9 - i) % 10
        tmp2 = (tmp * 2 ** (9 - i)) % 9
        if tmp != 0 and tmp2 == 0:
            tmp2 = 9
        total += tmp2
    d.append((10 - total % 10) % 10)
    return ''.join(map(str, d))


def vkn_valid(s):
    if len(s) != 10 or not s.isdigit():
        return False
    return vkn_from(s[:9]) == s


def vkn_from(nine):
    d = [int(c) for c in nine]
    total = 0
    for i in range(9):
        tmp = (d[i] + 9 - i) % 10
        tmp2 = (tmp * 2 ** (9 - i)) % 9
        if tmp != 0 and tmp2 == 0:
            tmp2 = 9
        total += tmp2
    return nine + str((10 - total % 10) % 10)


def luhn_complete(body):
    for c in '0123456789':
        if luhn_ok(body + c):
            return body + c


def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def iban_complete(country, bban):
    rearranged = bban + country + '00'
    num = ''.join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(num) % 97
    return '%s%02d%s' % (country, check, bban)


def iban_ok(s):
    r = s[4:] + s[:4]
    return int(''.join(str(int(c, 36)) for c in r)) % 97 == 1


def digits(rng, n):
    return ''.join(rng.choice('0123456789') for _ in range(n))


def group(s, sizes, sep=' '):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


MOBILE = ['501', '505', '506', '507', '530', '531', '532', '533', '534', '535', '536', '537',
          '538', '539', '541', '542', '543', '544', '545', '546', '547', '548', '549', '551',
          '552', '553', '554', '555', '559', '561']
LANDLINE = ['212', '216', '312', '232', '224', '242', '322', '262', '352', '462', '412', '442',
            '258', '264', '324', '332', '342', '362', '384', '422', '432', '482']


def phone(rng):
    code = rng.choice(MOBILE if rng.random() < 0.75 else LANDLINE)
    sub = digits(rng, 7)
    a, b, c = sub[:3], sub[3:5], sub[5:]
    fmts = [
        '0{code} {a} {b} {c}', '0{code}{a}{b}{c}', '+90 {code} {a} {b} {c}', '+90{code}{a}{b}{c}',
        '0090 {code} {a} {b}{c}', '(0{code}) {a} {b} {c}', '0 ({code}) {a} {b} {c}',
        '{code} {a} {b} {c}', '0{code}-{a}-{b}-{c}', '0{code}.{a}.{b}.{c}', '+90 ({code}) {a}-{b}{c}',
        '0 {code} {a} {b} {c}', '0{code} {a}{b}{c}', '+90 {code} {a} {b}{c}', '90{code}{a}{b}{c}',
    ]
    f = rng.choice(fmts)
    if code not in MOBILE and f in ('{code} {a} {b} {c}',):
        f = '0{code} {a} {b} {c}'
    return f.format(code=code, a=a, b=b, c=c)


def card(rng):
    kind = rng.random()
    if kind < 0.45:
        num, sizes = luhn_complete('4' + digits(rng, 14)), [4, 4, 4, 4]
    elif kind < 0.8:
        num, sizes = luhn_complete(str(rng.randint(51, 55)) + digits(rng, 13)), [4, 4, 4, 4]
    elif kind < 0.9:
        num, sizes = luhn_complete('9792' + digits(rng, 11)), [4, 4, 4, 4]
    else:
        num, sizes = luhn_complete(rng.choice(['34', '37']) + digits(rng, 12)), [4, 6, 5]
    style = rng.random()
    if style < 0.5:
        return group(num, sizes, ' ')
    if style < 0.75:
        return group(num, sizes, '-')
    return num


def iban(rng):
    r = rng.random()
    if r < 0.8:
        value = iban_complete('TR', digits(rng, 5) + '0' + digits(rng, 16))
    elif r < 0.9:
        value = iban_complete('DE', digits(rng, 18))
    elif r < 0.95:
        value = iban_complete('GB', ''.join(rng.choice('ABCDEFGHIJKLMNOPRSTUVYZ') for _ in range(4)) + digits(rng, 14))
    else:
        value = iban_complete('NL', ''.join(rng.choice('ABCDEFGHIJKLMNOPRSTUVYZ') for _ in range(4)) + digits(rng, 10))
    return group(value, [4] * 9, ' ') if rng.random() < 0.6 else value


PLATE_LETTERS = 'ABCDEFGHIJKLMNOPRSTUVYZ'


def plate(rng):
    prov = '%02d' % rng.randint(1, 81)
    nl = rng.choice([1, 2, 3])
    letters = ''.join(rng.choice(PLATE_LETTERS) for _ in range(nl))
    nd = {1: rng.choice([4, 4, 5]), 2: rng.choice([3, 4]), 3: rng.choice([2, 3])}[nl]
    num = str(rng.randint(1, 9)) + digits(rng, nd - 1)
    sep = rng.choice([' ', ' ', ' ', '', '-'])
    return prov + sep + letters + sep + num


MONTHS = ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül',
          'Ekim', 'Kasım', 'Aralık']


def date(rng, year_lo=1940, year_hi=2008):
    y, m, d = rng.randint(year_lo, year_hi), rng.randint(1, 12), rng.randint(1, 28)
    f = rng.random()
    if f < 0.4:
        return '%02d.%02d.%d' % (d, m, y)
    if f < 0.55:
        return '%02d/%02d/%d' % (d, m, y)
    if f < 0.65:
        return '%d-%02d-%02d' % (y, m, d)
    if f < 0.72:
        return '%d.%d.%d' % (d, m, y)
    return '%d %s %d' % (d, MONTHS[m - 1], y)


def ip(rng):
    if rng.random() < 0.85:
        return '.'.join(str(x) for x in [rng.randint(11, 223), rng.randint(0, 255),
                                          rng.randint(0, 255), rng.randint(1, 254)])
    groups = ['%x' % rng.randint(0, 0xffff) for _ in range(8)]
    if rng.random() < 0.5:
        return '2001:db8::' + ':'.join(groups[:2])
    return ':'.join(groups)


def passport(rng):
    return rng.choice(['U', 'U', 'U', 'S', 'Z']) + digits(rng, 8)


ASCII = str.maketrans('çğıöşüÇĞİÖŞÜâîûÂÎÛ', 'cgiosuCGIOSUaiuAIU')


def ascii_fold(s):
    return s.translate(ASCII)


def tr_upper(s):
    return ''.join({'i': 'İ', 'ı': 'I'}.get(c, c.upper() if len(c.upper()) == 1 else c) for c in s)


def tr_lower(s):
    return ''.join({'I': 'ı', 'İ': 'i'}.get(c, c.lower() if len(c.lower()) == 1 else c) for c in s)


# ---------------------------------------------------------------- names and places


def load_names(shared):
    first = []
    with open(os.path.join(shared, 'data/names/first_names.tsv'), encoding='utf-8') as f:
        next(f)
        for line in f:
            n = line.split('\t')[0].strip()
            if n:
                first.append(n)
    tuik = set()
    with open(os.path.join(shared, 'data/names/tuik_top_names_by_year.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            tuik.add(row['name'])
    sur = [l.strip() for l in open(os.path.join(shared, 'data/names/surnames.txt'), encoding='utf-8') if l.strip()]
    return first, sorted(tuik), sur


FIRST_PARTS = ['Ay', 'Gül', 'Nur', 'Su', 'Ece', 'Can', 'Er', 'Alp', 'Tan', 'Gök', 'Yağız', 'Bar',
               'Ilgın', 'Duru', 'Ela', 'Nil', 'Sev', 'Tuna', 'Öz', 'Kut', 'Bil', 'Çağ', 'Ata',
               'Ar', 'Dem', 'İl', 'Yar', 'Oy', 'Tül', 'Gün', 'Işıl', 'Bengi', 'Mel', 'Tol']
FIRST_TAILS = ['sel', 'han', 'nur', 'can', 'alp', 'ay', 'su', 'bike', 'tekin', 'ışık', 'gül',
               'tay', 'er', 'berk', 'ece', 'nil', 'ten', 'deniz', 'kaan', 'giz', 'sin', 'fer',
               'vin', 'per', 'ra', 'ven', 'dal', 'mert']
SUR_PARTS = ['Kara', 'Ak', 'Demir', 'Yıldız', 'Kaya', 'Öz', 'Er', 'Gök', 'Taş', 'Bal', 'Çelik',
             'Ay', 'Tun', 'Kurt', 'Şen', 'Uz', 'Yaz', 'Kılıç', 'Bozkurt', 'Sarı', 'Ulu', 'Tekin',
             'Ilgaz', 'Kocabaş', 'Eren', 'Sönmez', 'Arslan', 'Aydın', 'Güven', 'Toprak']
SUR_TAILS = ['oğlu', 'soy', 'gil', 'taş', 'kaya', 'türk', 'er', 'can', 'han', 'dere', 'ali',
             'baş', 'yurt', 'demir', 'bey', 'öz', 'el', 'sal', 'kan', 'dağ', 'göz', 'tepe',
             'lıoğlu', 'cıoğlu', 'gün', 'ay']


def fold(s):
    return ascii_fold(tr_lower(s))


def held_out_names(rng, known_first, known_sur, n):
    known = {fold(x) for x in known_first} | {fold(x) for x in known_sur}
    firsts, surs = set(), set()
    while len(firsts) < n:
        cand = rng.choice(FIRST_PARTS) + rng.choice(FIRST_TAILS)
        if fold(cand) not in known:
            firsts.add(cand)
    while len(surs) < n:
        cand = rng.choice(SUR_PARTS) + rng.choice(SUR_TAILS)
        if fold(cand) not in known:
            surs.add(cand)
    return sorted(firsts), sorted(surs)


def tr_title(s):
    s = tr_lower(s)
    return ' '.join(tr_upper(w[:1]) + w[1:] for w in s.split())


def load_places(shared):
    rows = []
    with open(os.path.join(shared, 'data/places_ptt/ptt_postakodu_il_ilce_semt_mahalle.tsv'), encoding='utf-8') as f:
        next(f)
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) >= 5 and p[3].endswith(' MAH'):
                rows.append((tr_title(p[0]), tr_title(p[1]), tr_title(p[3][:-4]), p[4]))
    return rows


STREETS = ['Atatürk', 'Cumhuriyet', 'İnönü', 'Gül', 'Lale', 'Menekşe', 'Barış', 'Fevzi Çakmak',
           'Mimar Sinan', 'Kazım Karabekir', 'Yavuz Selim', 'Hürriyet', 'İstiklal', 'Zafer',
           'Çamlık', 'Papatya', 'Akasya', 'Ihlamur', 'Gazi', 'Millet', 'Şehit Mehmet', 'Orhan Gazi']


def address(rng, places):
    il, ilce, mah, pk = rng.choice(places)
    parts = []
    mah_kw = rng.choice(['Mahallesi', 'Mah.', 'Mh.', 'Mahallesi'])
    parts.append('%s %s' % (mah, mah_kw))
    if rng.random() < 0.5:
        street = rng.choice(STREETS)
    else:
        street = str(rng.randint(1, 3000)) + rng.choice(['', '.'])
    st_kw = rng.choice(['Caddesi', 'Cad.', 'Cd.', 'Sokak', 'Sok.', 'Sk.', 'Bulvarı'])
    parts.append('%s %s' % (street, st_kw))
    if rng.random() < 0.3:
        parts.append('%s %s' % (rng.choice(['Yıldız', 'Güneş', 'Park', 'Deniz', 'Lale']), rng.choice(['Apt.', 'Apartmanı', 'Sitesi'])))
    parts.append(rng.choice(['No: %d' % rng.randint(1, 200), 'No:%d' % rng.randint(1, 200),
                             'No %d' % rng.randint(1, 200), 'No: %d/%d' % (rng.randint(1, 200), rng.randint(1, 20))]))
    if rng.random() < 0.5:
        parts.append(rng.choice(['Daire %d', 'D:%d', 'Daire: %d', 'Kat %d']) % rng.randint(1, 30))
    sep = rng.choice([' ', ', '])
    text = sep.join(parts)
    tail = rng.random()
    if tail < 0.4:
        text += ' %s/%s' % (ilce, il)
    elif tail < 0.6:
        text += ', %s %s/%s' % (pk, ilce, il)
    elif tail < 0.8:
        text += ' %s' % ilce
    return text


# ---------------------------------------------------------------- phrasings

TEMPLATES = {
    'TCKN': ['T.C. kimlik numaram {X}.', 'TC kimlik no: {X}', 'Kimlik numarası {X} olan vatandaşım.',
             'TCKN {X} ile başvurdum.', 'tc no {X}', 'T.C. No:{X}', 'kimlik numaram {X} dir',
             'Başvuru sahibinin kimlik numarası: {X}'],
    'YKN': ['Yabancı kimlik numaram {X}.', 'YKN: {X}', 'yabancı kimlik no {X} olan eşim için başvuruyorum.'],
    'VKN': ['Vergi kimlik numaramız {X}.', 'VKN: {X}', 'Firmanın vergi numarası {X} olarak kayıtlı.',
            'Vergi No: {X}', 'vergi kimlik no {X}'],
    'IBAN': ['IBAN: {X}', 'Ödemeyi {X} numaralı hesabıma yapabilirsiniz.', 'IBAN numaram {X}',
             'iade için iban {X}', 'Hesap: {X} (Ziraat)'],
    'CARD': ['Kart numaram {X} idi.', 'Kredi kartı {X} ile ödeme yaptım.', 'kart no: {X}',
             '{X} numaralı kartımdan iki kez çekim yapıldı.'],
    'PHONE': ['Telefonum {X}.', 'Bana {X} numarasından ulaşabilirsiniz.', 'Cep: {X}',
              'İletişim için {X} nolu telefonu arayın.', 'tel:{X}', 'GSM {X}', 'numaram {X} lütfen dönün',
              'Beni {X} numaralı hattan arayabilirsiniz.', 'Telefon numarası: {X}'],
    'EMAIL': ['E-posta adresim {X}.', 'Bana {X} adresinden yazabilirsiniz.', 'mail: {X}',
              'Cevabı {X} adresine gönderin.', 'e-posta:{X}'],
    'IP': ['Giriş {X} IP adresinden yapılmış.', 'IP: {X}', 'Modemin IP adresi {X} görünüyor.',
           'sunucu {X} adresinden erişilemiyor'],
    'PASSPORT': ['Pasaport numaram {X}.', 'Pasaport No: {X}', 'pasaport no {X} ile giriş yaptım.'],
    'PLATE': ['{X} plakalı araç kaldırıma park etti.', 'Aracımın plakası {X}.', 'Plaka: {X}',
              '{X} plakalı otobüs durağa uğramadı.', 'plakası {X} olan taksi'],
    'BIRTHDATE': ['Doğum tarihim {X}.', 'D.T.: {X}', 'Doğum tarihi: {X}', '{X} doğumluyum.',
                  'Annem {X} doğumlu.', 'doğum tarihi {X} olarak yanlış yazılmış.', 'Doğum Tarihi {X}'],
    'ADDRESS': ['Adresim: {X}.', '{X} adresinde oturuyorum.', 'Adres: {X}', 'Evim {X} adresinde.',
                'Tebligat adresi {X}.', 'Paket {X} adresine gelmedi.'],
    'PERSON': ['Adım {X}.', 'Ben {X}, dün başvurdum.', 'Sayın {X}, talebiniz alınmıştır.',
               '{X} Bey ile görüştüm.', '{X} Hanım yardımcı oldu.', 'Saygılarımla,\n{X}',
               'Komşum {X} da aynı sorunu yaşıyor.', '{X} isimli personel ilgilenmedi.',
               "Müşteri temsilcisi {X} kabaca konuştu.", 'Ad Soyad: {X}', '{X} olarak başvuruyorum.',
               'Ben {X} olarak bu şikayeti yazıyorum.', 'Oğlum {X} okula gidemiyor.',
               "{X}'in dilekçesi hâlâ bekliyor.", '{X} ile telefonda konuştum.', 'İyi çalışmalar.\n{X}',
               'Vatandaş {X} başvuruda bulundu.', 'Dr. {X} raporu imzaladı.'],
}

NEGATIVES = [
    lambda r: 'Sipariş numaram %s, hâlâ gelmedi.' % digits(r, r.choice([8, 10, 12, 13])),
    lambda r: 'Fatura tutarı %d,%02d TL olarak yansıdı.' % (r.randint(10, 9999), r.randint(0, 99)),
    lambda r: 'Toplam %s.%03d.%03d TL borç çıkarıldı.' % (r.randint(1, 99), r.randint(0, 999), r.randint(0, 999)),
    lambda r: '%s tarihinde başvurdum, cevap yok.' % date(r, 2015, 2025),
    lambda r: 'Randevu %s saat %02d:%02d olarak verildi.' % (date(r, 2020, 2025), r.randint(8, 18), r.choice([0, 15, 30, 45])),
    lambda r: 'Kimlik no %s yazdım ama sistem kabul etmedi.' % bad_tckn(r),
    lambda r: 'Abone numaram %s.' % digits(r, r.choice([7, 8, 9])),
    lambda r: 'Kargo takip no: %s' % (r.choice(['TR', 'YK', 'MNG']) + digits(r, 10)),
    lambda r: 'Müşteri hizmetlerini 444 %s %s numarasından aradım.' % (digits(r, 1), digits(r, 3)),
    lambda r: 'Çağrı merkezi 0850 %s %s %s hiç açılmıyor.' % (digits(r, 3), digits(r, 2), digits(r, 2)),
    lambda r: 'IBAN olarak TR%s yazılmış, yanlış.' % digits(r, 24),
    lambda r: 'Kart numarası %s geçersiz dedi.' % bad_luhn(r),
    lambda r: '%d yılında taşındık, %d metre yol yapılmadı.' % (r.randint(1990, 2024), r.randint(50, 900)),
    lambda r: 'Versiyon %d.%d.%d yüklendi.' % (r.randint(1, 20), r.randint(0, 30), r.randint(0, 99)),
    lambda r: '%s Mahallesi\'nde su kesintisi var.' % r.choice(['Cumhuriyet', 'Yeni', 'Fatih', 'Atatürk', 'Bahçelievler']),
    lambda r: 'Dosya no: %d/%d' % (r.randint(2015, 2025), r.randint(1, 99999)),
    lambda r: 'İzin dilekçemi %s tarihinde verdim.' % date(r, 2020, 2025),
    lambda r: 'Umut ediyorum ki Deniz kenarındaki park %d gün içinde temizlenir.' % r.randint(2, 30),
    lambda r: 'Vergi dairesine %s TL ödedim.' % digits(r, 4),
    lambda r: 'Hattım %s numaralı tarifede, %d GB internet veriyor.' % (digits(r, 6), r.randint(1, 50)),
    lambda r: 'Saat %02d.%02d\'de geldi, %d dakika bekledik.' % (r.randint(0, 23), r.randint(0, 59), r.randint(5, 90)),
    lambda r: 'Telefon numarası 0%s %s %s %s olarak yazılmış ama böyle bir alan kodu yok.' % (r.choice(['123', '199', '600', '700', '999']), digits(r, 3), digits(r, 2), digits(r, 2)),
]


def bad_tckn(r):
    while True:
        s = str(r.randint(1, 9)) + digits(r, 10)
        if not tckn_valid(s):
            return s


def bad_luhn(r):
    while True:
        s = '4' + digits(r, 15)
        if not luhn_ok(s):
            return group(s, [4, 4, 4, 4])


# ---------------------------------------------------------------- texts


def load_texts(shared):
    texts = []
    base = os.path.join(shared, 'data')
    for rel, limit in [('complaints_municipal/train.jsonl', None), ('complaints_telecom/train.jsonl', 4000),
                       ('news_ttc3600/all.jsonl', 800), ('offensive_offenseval2020/train.jsonl', 2500),
                       ('sentiment_movies_demirtas/all.jsonl', 1500), ('offensive_teknofest2023/all.jsonl', 1500)]:
        rows = [(i + 1, json.loads(l)['text'])
                for i, l in enumerate(open(os.path.join(base, rel), encoding='utf-8'))]
        random.Random(rel).shuffle(rows)  # the permutation depends on the length only
        for line_no, t in rows[:limit]:
            t = base_text(t)
            if len(t) >= 20:
                texts.append((rel.split('/')[0], '%s:%d' % (rel, line_no), t))
    return texts


def base_text(t):
    """The part of a shared-data text the generator uses (what the base-text audit refers to)."""
    t = t.strip()
    if len(t) > 600:
        cut = t.rfind('. ', 0, 600)
        t = t[:cut + 1] if cut > 100 else t[:600]
    return t


def load_audit(path):
    """tools/pii_testset/base_audit.jsonl: {base id: record} (see README.md there)."""
    audit = {}
    if path and os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            if line.strip():
                r = json.loads(line)
                audit[r['base']] = r
    return audit


def split_points(text):
    pts = [0, len(text)]
    for m in re.finditer(r'[.!?] ', text):
        pts.append(m.end())
    return sorted(set(pts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default='../shared')
    ap.add_argument('--out', required=True)
    ap.add_argument('--n', type=int, default=4000)
    ap.add_argument('--seed', type=int, default=3)
    ap.add_argument('--audit', default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    'base_audit.jsonl'),
                    help='hand audit of base texts; labels their real personal data as '
                         'base_entities ("" for none)')
    ap.add_argument('--audited-only', action='store_true',
                    help='draw base texts only from the audited ones')
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = load_texts(args.shared)
    audit = load_audit(args.audit)
    # --audited-only: each record's source is drawn with the weight it has in the full pool, then
    # one of that source's audited texts (the audit samples the same number from each source).
    share = collections.Counter(t[0] for t in texts)
    by_source = collections.defaultdict(list)
    for t in texts:
        if t[1] in audit and audit[t[1]].get('full', True):
            by_source[t[0]].append(t)
    rng.shuffle(texts)
    first, tuik, sur = load_names(args.shared)
    common_first = tuik
    ho_first, ho_sur = held_out_names(rng, first + tuik, sur, 300)
    places = load_places(args.shared)

    def person():
        if rng.random() < 0.5:
            f = rng.choice(common_first if rng.random() < 0.6 else first)
            s = rng.choice(sur)
        else:
            f = rng.choice(ho_first)
            s = rng.choice(ho_sur) if rng.random() < 0.7 else rng.choice(sur)
        if rng.random() < 0.15:
            f += ' ' + rng.choice(tuik)
        return f + ' ' + s

    def email():
        f = fold(rng.choice(tuik)).replace(' ', rng.choice(['', '.']))
        s = fold(rng.choice(sur))
        local = rng.choice(['{f}.{s}', '{f}{s}', '{f}_{s}', '{f}.{s}{n}']).format(
            f=f, s=s, n=rng.randint(1, 99))
        return local + '@' + rng.choice(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.tr', 'firma.com.tr', 'example.org'])

    gens = {
        'TCKN': lambda: tckn(rng), 'YKN': lambda: tckn(rng, '99'), 'VKN': lambda: vkn(rng),
        'IBAN': lambda: iban(rng), 'CARD': lambda: card(rng), 'PHONE': lambda: phone(rng),
        'EMAIL': email, 'IP': lambda: ip(rng), 'PASSPORT': lambda: passport(rng),
        'PLATE': lambda: plate(rng), 'BIRTHDATE': lambda: date(rng), 'ADDRESS': lambda: address(rng, places),
        'PERSON': person,
    }
    weights = {'TCKN': 3, 'YKN': 1, 'VKN': 2, 'IBAN': 2, 'CARD': 2, 'PHONE': 4, 'EMAIL': 2, 'IP': 1,
               'PASSPORT': 1, 'PLATE': 2, 'BIRTHDATE': 2, 'ADDRESS': 3, 'PERSON': 5}
    types = list(weights)
    out = open(args.out, 'w', encoding='utf-8')
    ti = 0
    for i in range(args.n):
        if args.audited_only:
            src = rng.choices(sorted(by_source), [share[x] for x in sorted(by_source)])[0]
            source, base_id, base = rng.choice(by_source[src])
        else:
            source, base_id, base = texts[ti % len(texts)]
            ti += 1
        audited = audit.get(base_id)
        if audited is not None and audited['sha1'] != hashlib.sha1(base.encode('utf-8')).hexdigest()[:12]:
            audited = None  # the shared text changed since the audit
        # Audited real personal data of the base text, moved along with the insertions below.
        base_ents = [(e['type'], e['start'], e['end'], e['label'])
                     for e in (audited['entities'] if audited else [])]
        r = rng.random()
        kind = 'positive' if r < 0.7 else ('negative' if r < 0.85 else 'clean')
        ents = []
        text = base
        if kind != 'clean':
            pieces = []
            if kind == 'positive':
                for _ in range(rng.choice([1, 1, 2, 3])):
                    t = rng.choices(types, [weights[x] for x in types])[0]
                    value = gens[t]()
                    tpl = rng.choice(TEMPLATES[t])
                    pieces.append((tpl, t, value))
            else:
                for _ in range(rng.choice([1, 2])):
                    pieces.append((rng.choice(NEGATIVES)(rng), None, None))
            for tpl, t, value in pieces:
                pts = [x for x in split_points(text)
                       if not any(st < x < en for _, st, en in ents)]
                at = rng.choice(pts)
                if t is None:
                    phrase, spans = tpl, []
                else:
                    k = tpl.index('{X}')
                    phrase = tpl.replace('{X}', value)
                    spans = [(t, k, k + len(value))]
                pre = '' if at == 0 or text[at - 1] in ' \n' else ' '
                post = '' if at == len(text) else ' '
                if rng.random() < 0.1:
                    pre = '\n' if at else ''
                insert = pre + phrase + post
                shift = len(insert)
                if any(s < at < e for _, s, e, _ in base_ents):
                    audited = None  # planted inside an audited span: no base truth for this record
                base_ents = [(tt, s + shift, e + shift, lb) if s >= at else (tt, s, e, lb)
                             for tt, s, e, lb in base_ents]
                ents = [(tt, s + shift, e + shift) if s >= at else (tt, s, e) for tt, s, e in ents]
                ents += [(tt, at + len(pre) + s, at + len(pre) + e) for tt, s, e in spans]
                text = text[:at] + insert + text[at:]
        shape = rng.random()
        if shape < 0.08:
            text = tr_upper(text)
        elif shape < 0.14:
            text = ascii_fold(text)
        elif shape < 0.18:
            text = tr_lower(text)
        ents.sort(key=lambda x: x[1])
        rec = {'id': 'pii-%05d' % i, 'kind': kind, 'source': source, 'base': base_id, 'text': text,
               'entities': [{'type': t, 'start': s, 'end': e} for t, s, e in ents]}
        if audited is not None:
            rec['base_audited'] = audited.get('full', True)
            rec['base_entities'] = [{'type': t, 'start': s, 'end': e, 'label': lb}
                                    for t, s, e, lb in base_ents]
        out.write(json.dumps(rec, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
