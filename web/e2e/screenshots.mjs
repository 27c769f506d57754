// Screenshots of the main pages for docs/web.md: the same walkthrough as the tests (real
// server, demo institution, made-up requests), captured at the interesting moments.
//
//   node screenshots.mjs [OUT_DIR]        (scripts/e2e --screenshots writes docs/screenshots)
//
// Desktop shots are 1280 px wide; two are phone-sized (390 px). PNGs, kept small.

import fs from 'node:fs';
import path from 'node:path';

import { DESKTOP, PHONE, launchBrowser, newPage, submit } from './lib/browser.mjs';
import { startKapi } from './lib/server.mjs';
import * as step from './lib/steps.mjs';

const outDir = path.resolve(process.argv[2] || 'screenshots');
fs.mkdirSync(outDir, { recursive: true });
// Drop the previous run's shots so renamed ones do not linger.
for (const f of fs.readdirSync(outDir)) {
  if (/^\d\d-.*\.png$/.test(f)) fs.rmSync(path.join(outDir, f));
}

// A few other made-up requests so the inbox looks like a working day, each with the topic a
// triage officer would choose for it.
const OTHER_REQUESTS = [
  ['Atatürk Parkı içindeki çocuk oyun alanında salıncaklardan biri kırık, çocuklar için tehlikeli.', 'park-bahce'],
  ['Sokağımızdaki çöp konteyneri bir haftadır boşaltılmadı, kötü koku var.', 'temizlik'],
  ['Mahallemizde sabahtan beri sular kesik, ne zaman geleceği hakkında bilgi alabilir miyim?', 'su-kanalizasyon'],
  ['Kaldırım üzerine park eden araçlar yüzünden bebek arabasıyla yürüyemiyoruz.', 'zabita'],
];

// Routes the other requests as the triage officer through the JSON API to the topic a person
// would choose, accepting the AI's suggestion when it agrees and overriding it (with a reason)
// when not, so the AI-oversight page has real decisions to show.
async function routeOtherRequests(server) {
  const api = (p, init = {}) => fetch(`${server.baseUrl}${p}`, init);
  const signIn = await api('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'triaj', password: server.accounts.triaj.password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: HTTP ${signIn.status}`);
  const headers = {
    cookie: signIn.headers.get('set-cookie').split(';')[0],
    'x-csrf-token': (await signIn.json()).csrf_token,
    'content-type': 'application/json',
  };
  const { topics } = await (await api('/api/v1/topics', { headers })).json();
  const { cases } = await (await api('/api/v1/cases?state=new', { headers })).json();
  for (const [text, code] of OTHER_REQUESTS) {
    const c = cases.find((x) => x.text_masked === text);
    if (!c) throw new Error(`seeded request not in the inbox: ${text}`);
    const chosen = topics.find((t) => t.code === code);
    const label = c.ai_suggestions?.suggestions?.topic?.[0]?.label;
    const accepted = label === chosen.name;
    const body = {
      topic: chosen.code,
      unit: chosen.default_unit,
      ai_decision: accepted ? 'accepted' : 'overridden',
      ...(accepted ? {} : { reason: `Başvuru ${chosen.name} konusudur.` }),
    };
    const r = await api(`/api/v1/cases/${c.id}/routing`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`routing ${c.id}: HTTP ${r.status} ${await r.text()}`);
  }
}

const shots = [];
async function shot(page, name, { fullPage = true, clip } = {}) {
  const file = path.join(outDir, `${name}.png`);
  // Let fonts settle; hide the caret so repeated runs give the same pixels.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage, clip, caret: 'hide', animations: 'disabled' });
  const kb = Math.round(fs.statSync(file).size / 1024);
  shots.push(`${name}.png ${kb} KB`);
}

const server = await startKapi();
const browser = await launchBrowser();
try {
  for (const [text] of OTHER_REQUESTS) {
    const r = await fetch(`${server.baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, channel: 'web' }),
    });
    if (r.status !== 201) throw new Error(`seed request: HTTP ${r.status}`);
  }

  // Citizen: the form, the error summary, the confirmation.
  const citizen = await newPage(browser, server.baseUrl, DESKTOP);
  await citizen.goto('/basvuru');
  await shot(citizen, '01-basvuru-formu');
  await submit(citizen, citizen.getByRole('button', { name: 'Başvuruyu gönder' }));
  await shot(citizen, '02-hata-ozeti');
  await step.submitRequest(citizen);
  const tracking = await step.readConfirmation(citizen);
  await shot(citizen, '03-basvuru-alindi');

  // Triage officer: inbox and the case with the AI suggestion, then routing.
  const triaj = await newPage(browser, server.baseUrl, DESKTOP);
  await step.signIn(triaj, server.accounts.triaj);
  await shot(triaj, '04-gelen-kutusu');
  await step.openFromInbox(triaj, tracking.code);
  // The "YZ önerisi" box shows when the server attaches triage suggestions to the case.
  const aiBox = (await triaj.locator('.ai-suggestion').count()) > 0;
  await shot(triaj, aiBox ? '05-dosya-yz-onerisi' : '05-dosya-on-inceleme');
  const suggested = await triaj.locator('#topic').inputValue();
  await step.route(triaj, {
    topic: 'ulasim',
    unit: 'ulasim',
    reason: suggested === 'ulasim' ? undefined : 'Başvuru otobüs seferleriyle ilgili.',
  });

  // Case officer: take, start, note, template, AI-edited draft with the policy check.
  const memur = await newPage(browser, server.baseUrl, DESKTOP);
  await step.signIn(memur, server.accounts['memur.ulasim']);
  await step.openFromInbox(memur, tracking.code);
  await step.pressButton(memur, 'Dosyayı üstlen');
  await step.pressButton(memur, 'Çalışmaya başla');
  await step.revealOriginal(memur, 'Vatandaşı geri aramak için');
  await memur.goto(memur.url().split('/ac')[0]);
  await step.addNote(memur, 'Hat sorumlusu ile görüşüldü, sefer çizelgesi güncellenecek.');
  await step.useTemplate(memur, 'Bilgi verildi');
  await step.saveDraft(memur, 'YZ taslağını düzenledim');
  await memur.evaluate(() => document.getElementById('answer-title').scrollIntoView());
  await shot(memur, '06-yanit-taslagi-denetim', { fullPage: false });
  await step.pressButton(memur, 'Onaya gönder');

  // Unit manager: the approval queue and the decision.
  const mudur = await newPage(browser, server.baseUrl, DESKTOP);
  await step.signIn(mudur, server.accounts['mudur.ulasim']);
  await mudur.goto('/is/onay');
  await shot(mudur, '07-onay-kuyrugu');
  await submit(mudur, mudur.getByRole('link', { name: tracking.code, exact: true }));
  await step.pressButton(mudur, 'Onayla ve gönder');

  // Citizen: the answer, with the rating and human-review forms.
  await step.track(citizen, tracking);
  await shot(citizen, '08-takip-yanit');

  // Auditor.
  const denetci = await newPage(browser, server.baseUrl, DESKTOP);
  await step.signIn(denetci, server.accounts.denetci);
  await denetci.goto('/denetim');
  await shot(denetci, '09-denetim');

  // Phone-sized: the form and the answer.
  const phone = await newPage(browser, server.baseUrl, PHONE);
  await phone.goto('/basvuru');
  await shot(phone, '10-telefon-basvuru');
  await step.track(phone, tracking);
  await shot(phone, '11-telefon-yanit');

  // AI oversight and the briefing, as the auditor (who sees the whole institution).
  await routeOtherRequests(server);
  await denetci.goto('/is/brifing');
  await shot(denetci, '15-brifing');
  await denetci.goto('/is/yz-gozetim');
  await shot(denetci, '14-yz-gozetim');

  // KVKK officer: the erasure form, then the case after erasure.
  await step.openFromInbox(denetci, tracking.code);
  await denetci.getByText('Kişisel verileri sil (KVKK md. 7, geri alınamaz)').click();
  await denetci.getByLabel('Gerekçe (örneğin: KVKK başvuru numarası)').fill('KVKK başvurusu 2026/7');
  await shot(denetci, '12-kvkk-silme', { fullPage: false });
  await denetci.getByLabel('Silmenin geri alınamayacağını anladım.').check();
  await step.pressButton(denetci, 'Kişisel verileri sil');
  await shot(denetci, '13-kvkk-silindi', { fullPage: false });

  console.log(`screenshots in ${outDir}:\n  ${shots.join('\n  ')}`);
} finally {
  await browser.close();
  await server.stop();
}
