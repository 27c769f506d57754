// The whole life of one request, in Chromium, against the real `kapi serve`: a citizen submits
// and tracks it, the triage officer routes it, the Ulaşım case officer works it and drafts an
// AI-edited answer, the unit manager approves it, the citizen reads, rates and asks for a human
// review. Every page visited is checked with axe-core (no serious or critical violation), the
// citizen pages once more on a phone-sized screen (no horizontal scroll), and the browser
// enforces the same roles and unit scopes as the API.
//
// The steps share state and run in order (node:test runs the tests of a describe one by one).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  DESKTOP,
  PHONE,
  axeLog,
  formatViolations,
  launchBrowser,
  newPage,
  noHorizontalScroll,
  runAxe,
  submit,
  writeAxeSummary,
} from '../lib/browser.mjs';
import { startKapi } from '../lib/server.mjs';
import * as step from '../lib/steps.mjs';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

let server;
let browser;
const pages = [];
const state = {}; // code, secret, caseId, caseUrl

async function person(options = DESKTOP) {
  const page = await newPage(browser, server.baseUrl, options);
  pages.push(page);
  return page;
}

// Runs axe on the current page and fails on a serious or critical violation. Also fails on
// page errors and Content-Security-Policy violations seen so far on that page.
async function a11y(page, label) {
  const { serious } = await runAxe(page, label);
  assert.deepEqual(page.problems, [], `${label}: browser reported problems`);
  assert.equal(serious.length, 0, `${label}: axe found\n${formatViolations(serious)}`);
}

async function h1(page) {
  return (await page.locator('h1').first().textContent()).trim();
}

async function flash(page) {
  return (await page.locator('.notice.success[role=status]').first().textContent()).trim();
}

before(async () => {
  server = await startKapi();
  browser = await launchBrowser();
});

after(async () => {
  for (const p of pages) await p.context().close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
  if (axeLog.length) console.log(writeAxeSummary(resultsDir));
});

describe('citizen submits and tracks a request', () => {
  let citizen;

  it('home page and the empty form', async () => {
    citizen = await person();
    const home = await citizen.goto('/');
    assert.equal(home.status(), 200);
    assert.equal(await h1(citizen), 'Kuruma başvurun');
    await a11y(citizen, 'citizen: home /');
    const form = await citizen.goto('/basvuru');
    assert.equal(form.status(), 200);
    assert.equal(await citizen.getAttribute('html', 'lang'), 'tr');
    await a11y(citizen, 'citizen: /basvuru');
  });

  it('an empty text shows the error summary linking to the field (HTTP 400)', async () => {
    await citizen.goto('/basvuru');
    const res = await submit(citizen, citizen.getByRole('button', { name: 'Başvuruyu gönder' }));
    assert.equal(res.status(), 400);
    const summary = citizen.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await citizen.title(), 'Hata: Başvuru yap – Kapı');
    assert.match(await summary.locator('h2').textContent(), /Bir sorun var/);
    // The summary has focus so a screen reader reads it first.
    assert.equal(await citizen.evaluate(() => document.activeElement.className), 'error-summary');
    const link = summary.getByRole('link', { name: 'Başvurunuzu yazın' });
    assert.equal(await link.getAttribute('href'), '#text');
    const field = citizen.getByLabel('Başvurunuz');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await field.getAttribute('aria-describedby'), /text-error/);
    assert.match(await citizen.locator('#text-error').textContent(), /Başvurunuzu yazın/);
    await a11y(citizen, 'citizen: /basvuru error summary');
    await link.click();
    assert.equal(await citizen.evaluate(() => document.activeElement.id), 'text');
  });

  it('a valid request gives the confirmation with tracking code and secret', async () => {
    const res = await step.submitRequest(citizen);
    assert.equal(res.status(), 201);
    assert.equal(await h1(citizen), 'Başvurunuz alındı');
    Object.assign(state, await step.readConfirmation(citizen));
    assert.match(state.code, /^KP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.ok(state.secret.length >= 8, 'secret shown');
    // The secret travels only in POST bodies, never in the address bar.
    assert.ok(!citizen.url().includes(state.secret));
    await a11y(citizen, 'citizen: confirmation');
  });

  it('tracking on /takip shows the status', async () => {
    await citizen.goto('/takip');
    await a11y(citizen, 'citizen: /takip');
    const res = await step.track(citizen, { code: state.code, secret: state.secret });
    assert.equal(res.status(), 200);
    assert.equal(await h1(citizen), 'Başvuru durumu');
    assert.equal((await citizen.locator('#status').textContent()).trim(), 'Alındı');
    await a11y(citizen, 'citizen: status (new)');
  });

  it('a wrong secret is refused without saying which part was wrong', async () => {
    const res = await step.track(citizen, { code: state.code, secret: 'yanlis-sifre' });
    assert.equal(res.status(), 400);
    assert.match(await citizen.locator('.error-summary').textContent(), /Takip kodu ya da şifre hatalı/);
    await a11y(citizen, 'citizen: /takip error');
  });

  it('the English form (?lang=en)', async () => {
    const en = await person();
    const res = await en.goto('/basvuru?lang=en');
    assert.equal(res.status(), 200);
    assert.equal(await en.getAttribute('html', 'lang'), 'en');
    assert.equal(await h1(en), 'Submit a request');
    await a11y(en, 'citizen: /basvuru?lang=en');
    const err = await submit(en, en.getByRole('button', { name: 'Send the request' }));
    assert.equal(err.status(), 400);
    assert.match(await en.locator('.error-summary').textContent(), /There is a problem/);
    await a11y(en, 'citizen: /basvuru?lang=en error summary');
    // The language sticks (cookie) for the tracking page too.
    await en.goto('/takip');
    await en.getByLabel('Tracking code').fill(state.code);
    await en.getByLabel('Tracking secret').fill(state.secret);
    await submit(en, en.getByRole('button', { name: 'Show status' }));
    assert.equal(await h1(en), 'Request status');
    assert.equal((await en.locator('#status').textContent()).trim(), 'Received');
    await a11y(en, 'citizen: status in English');
  });
});

describe('staff work the case to an approved answer', () => {
  it('the sign-in page, and a wrong password shows an error', async () => {
    const p = await person();
    await p.goto('/giris');
    await a11y(p, 'staff: /giris');
    const res = await step.signIn(p, server.accounts.triaj, 'yanlis-parola-123');
    assert.equal(res.status(), 401);
    assert.ok(await p.locator('.error-summary').isVisible());
    await a11y(p, 'staff: /giris with error');
  });

  it('triaj signs in, finds the case in the inbox and routes it to Ulaşım', async () => {
    const p = await person();
    const res = await step.signIn(p, server.accounts.triaj);
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/is');
    // The session cookie is Secure + SameSite=Strict + HttpOnly, and Chromium keeps it on
    // http://127.0.0.1.
    const cookies = await p.context().cookies();
    const session = cookies.find((c) => c.httpOnly);
    assert.ok(session, 'session cookie stored');
    assert.equal(session.secure, true);
    assert.equal(session.sameSite, 'Strict');
    await a11y(p, 'staff: /is inbox (triaj)');
    const open = await step.openFromInbox(p, state.code);
    assert.equal(open.status(), 200);
    assert.equal(await h1(p), `Dosya ${state.code}`);
    // The staff see the text with personal data masked.
    const masked = await p.locator('#masked-text').textContent();
    assert.ok(!masked.includes(step.PHONE_IN_TEXT), 'phone number masked');
    assert.match(masked, /\[TELEFON\]/);
    state.caseUrl = new URL(p.url()).pathname;
    state.caseId = state.caseUrl.split('/').pop();
    state.aiBox = await p.locator('.ai-suggestion').count();
    if (state.aiBox) {
      assert.match(await p.locator('.ai-suggestion h2').textContent(), /YZ önerisi/);
    }
    await a11y(p, 'staff: case view, triage (triaj)');
    const suggested = await p.locator('#topic').inputValue();
    if (suggested === '') {
      // No AI suggestion: the topic is not preselected, and routing without one is refused.
      const refused = await step.pressButton(p, 'Kaydet ve yönlendir');
      assert.equal(refused.status(), 400);
      assert.match(await p.locator('.notice.error').textContent(), /bir konu seçin/);
      await a11y(p, 'staff: case view, routing error');
    }
    const routed = await step.route(p, {
      topic: 'ulasim',
      unit: 'ulasim',
      reason: suggested === 'ulasim' ? undefined : 'Başvuru otobüs seferleriyle ilgili.',
    });
    assert.equal(routed.status(), 200);
    // The case left the root unit's queue: back to the inbox, not to a "not found" page.
    assert.equal(new URL(p.url()).pathname, '/is');
    assert.equal(await flash(p), 'Dosya yönlendirildi.');
    assert.equal(await p.getByRole('link', { name: state.code, exact: true }).count(), 0);
    await a11y(p, 'staff: inbox after routing');
  });

  it('memur.ulasim takes the case, works it and sends an AI-edited answer for approval', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['memur.ulasim']);
    await a11y(p, 'staff: /is inbox (memur.ulasim)');
    await step.openFromInbox(p, state.code);
    assert.equal(await p.locator('#case-state').getAttribute('data-state'), 'triaged');
    assert.equal(await p.locator('main dl.summary').first().locator('dd').nth(2).textContent(),
      'Ulaşım Müdürlüğü');
    await step.pressButton(p, 'Dosyayı üstlen');
    assert.equal(await flash(p), 'Dosyayı üstlendiniz.');
    assert.equal(await p.locator('#case-state').getAttribute('data-state'), 'assigned');
    await step.pressButton(p, 'Çalışmaya başla');
    assert.equal(await p.locator('#case-state').getAttribute('data-state'), 'in_progress');
    await a11y(p, 'staff: case view, answer editor');

    // Revealing the original needs a purpose and is logged (the auditor sees it below).
    const shown = await step.revealOriginal(p, 'Vatandaşı geri aramak için');
    assert.equal(shown.status(), 200);
    assert.match(await p.locator('#original-text').textContent(), /0500 000 00 00/);
    await a11y(p, 'staff: case view, original revealed');
    await p.goto(state.caseUrl);
    assert.equal(await p.locator('#original-text').count(), 0);

    const note = 'Hat sorumlusu ile görüşüldü, sefer çizelgesi güncellenecek.';
    const noted = await step.addNote(p, note);
    assert.equal(noted.status(), 200);
    assert.match(await p.locator('ul.notes').textContent(), /sefer çizelgesi güncellenecek/);

    await step.useTemplate(p, 'Bilgi verildi');
    assert.match(await p.getByLabel('Yanıt metni').inputValue(), /^Sayın vatandaşımız/);
    await a11y(p, 'staff: case view with a template');

    const saved = await step.saveDraft(p, 'YZ taslağını düzenledim');
    assert.equal(saved.status(), 200);
    assert.equal(await flash(p), 'Taslak kaydedildi ve denetlendi.');
    const findings = p.locator('#findings');
    await findings.waitFor();
    assert.match(await findings.textContent(), /Etik denetimde bulgu yok|Etik denetim bulguları/);
    state.findings = (await findings.textContent()).trim();
    assert.ok(await p.getByLabel('YZ taslağını düzenledim').isChecked(), 'provenance kept');
    await a11y(p, 'staff: case view, draft checked');

    await step.pressButton(p, 'Onaya gönder');
    assert.equal(await flash(p), 'Yanıt gönderildi ya da onaya sunuldu.');
    assert.match(await p.locator('#approval-title').textContent(), /Onay bekleyen yanıt/);
    await a11y(p, 'staff: case view, awaiting approval');

    await p.goto('/is/hesap');
    assert.equal(await h1(p), 'Hesabım');
    await a11y(p, 'staff: /is/hesap');
  });

  it('mudur.ulasim approves it from the approval queue', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['mudur.ulasim']);
    const q = await p.goto('/is/onay');
    assert.equal(q.status(), 200);
    await a11y(p, 'staff: /is/onay');
    await submit(p, p.getByRole('link', { name: state.code, exact: true }));
    assert.equal(new URL(p.url()).pathname, state.caseUrl);
    await a11y(p, 'staff: case view, approval (mudur)');
    await step.pressButton(p, 'Onayla ve gönder');
    assert.equal(await flash(p), 'Karar kaydedildi.');
    assert.match(await p.locator('main').textContent(), /Gönderilen yanıt/);
    await p.goto('/is/onay');
    assert.match(await p.locator('main').textContent(), /Onay bekleyen yanıt yok/);
  });
});

describe('citizen reads, rates and asks for a human review', () => {
  let citizen;

  it('tracking shows the answer', async () => {
    citizen = await person();
    await step.track(citizen, { code: state.code, secret: state.secret });
    assert.equal((await citizen.locator('#status').textContent()).trim(), 'Yanıtlandı');
    const answer = await citizen.locator('#answer').textContent();
    assert.match(answer, /10 dakikada bir/);
    assert.ok(!answer.includes('['), 'template placeholder replaced');
    await a11y(citizen, 'citizen: status with answer');
  });

  it('rates the answer (nothing is preselected; no choice is an error)', async () => {
    assert.equal(await citizen.locator('input[name=rating]:checked').count(), 0);
    const empty = await step.pressButton(citizen, 'Değerlendirmeyi gönder');
    assert.equal(empty.status(), 400);
    const link = citizen.locator('.error-summary').getByRole('link');
    assert.equal(await link.textContent(), 'Yanıttan ne kadar memnun kaldığınızı seçin');
    assert.equal(await link.getAttribute('href'), '#rating-1');
    await a11y(citizen, 'citizen: rating error summary');
    await citizen.getByLabel('Çok memnunum').check();
    await citizen.getByLabel('Yorumunuz (isteğe bağlı)').fill('Hızlı yanıt için teşekkürler.');
    const res = await step.pressButton(citizen, 'Değerlendirmeyi gönder');
    assert.equal(res.status(), 200);
    assert.equal(await flash(citizen), 'Değerlendirmeniz için teşekkür ederiz.');
    await a11y(citizen, 'citizen: after rating');
  });

  it('asks for a human review of the AI-assisted answer', async () => {
    await citizen.getByLabel('Neden yeniden inceleme istiyorsunuz?').fill(
      'Sundurma için kesin bir tarih öğrenmek istiyorum.',
    );
    const res = await step.pressButton(citizen, 'İnceleme iste');
    assert.equal(res.status(), 200);
    assert.match(await flash(citizen), /İnceleme isteğiniz alındı/);
    await a11y(citizen, 'citizen: after review request');
  });
});

describe('authorization in the browser', () => {
  it('memur.su cannot open the Ulaşım case (404 "Dosya bulunamadı")', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['memur.su']);
    const res = await p.goto(state.caseUrl);
    assert.equal(res.status(), 404);
    assert.equal(await h1(p), 'Dosya bulunamadı');
    assert.doesNotMatch(await p.locator('main').textContent(), /otobüs/);
    await a11y(p, 'staff: case not found (memur.su)');
  });

  it('the desk officer is sent away from /is', async () => {
    const p = await person();
    await step.signIn(p, server.accounts.masa);
    assert.equal(new URL(p.url()).pathname, '/basvuru');
    await p.goto('/is');
    assert.equal(new URL(p.url()).pathname, '/basvuru');
    await p.goto(state.caseUrl);
    assert.equal(new URL(p.url()).pathname, state.caseUrl);
    assert.equal(await h1(p), 'Dosya bulunamadı');
    await p.goto('/basvuru');
    await a11y(p, 'staff: /basvuru as desk officer');
  });

  it('without signing in, staff pages redirect to /giris', async () => {
    const p = await person();
    await p.goto('/is');
    assert.equal(new URL(p.url()).pathname, '/giris');
    await p.goto(state.caseUrl);
    assert.equal(new URL(p.url()).pathname, '/giris');
  });

  it('yonetici sees /yonetim, denetci sees /denetim', async () => {
    const admin = await person();
    await step.signIn(admin, server.accounts.yonetici);
    assert.equal(new URL(admin.url()).pathname, '/yonetim');
    assert.equal(await h1(admin), 'Yönetim');
    await a11y(admin, 'staff: /yonetim (yonetici)');
    const auditor = await person();
    await step.signIn(auditor, server.accounts.denetci);
    const res = await auditor.goto('/denetim');
    assert.equal(res.status(), 200);
    assert.equal(await h1(auditor), 'Denetim');
    const access = await auditor.locator('main table').textContent();
    assert.match(access, /Vatandaşı geri aramak için/);
    await a11y(auditor, 'staff: /denetim (denetci)');
    // The auditor reads but does not approve.
    const q = await auditor.goto('/is/onay');
    assert.notEqual(q.status(), 500);
  });
});

describe('unit briefing', () => {
  it('mudur.ulasim reads the briefing: open cases, this week against last, links to cases', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['mudur.ulasim']);
    await submit(p, p.getByRole('link', { name: 'Brifing' }));
    assert.equal(await h1(p), 'Brifing');
    const summary = await p.locator('#briefing-summary').textContent();
    assert.match(summary, /Açık\s*[1-9]/);
    assert.equal(await p.locator('table caption', { hasText: 'Kanallara göre' }).count(), 1);
    await a11y(p, 'staff: /is/brifing (mudur.ulasim)');
  });
});

describe('AI oversight', () => {
  it('mudur.ulasim reads how the suggestions fared against the triage decision', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['mudur.ulasim']);
    await submit(p, p.getByRole('link', { name: 'YZ gözetimi' }));
    assert.equal(await h1(p), 'YZ gözetimi');
    const summary = await p.locator('#oversight-summary').textContent();
    assert.match(summary, /İnsanın yönlendirdiği\s*[1-9]/);
    assert.match(summary, /topic@/);
    assert.equal(await p.locator('table caption', { hasText: 'Kanal başına' }).count(), 1);
    await p.getByLabel('Dönem').selectOption('7');
    await submit(p, p.getByRole('button', { name: 'Göster' }));
    assert.match(new URL(p.url()).search, /gun=7/);
    await a11y(p, 'staff: /is/yz-gozetim (mudur.ulasim)');
  });

  it('a case officer has no oversight link and is refused (403)', async () => {
    const p = await person();
    await step.signIn(p, server.accounts['memur.ulasim']);
    assert.equal(await p.getByRole('link', { name: 'YZ gözetimi' }).count(), 0);
    const res = await p.goto('/is/yz-gozetim');
    assert.equal(res.status(), 403);
  });
});

describe('KVKK erasure by the KVKK officer', () => {
  it('denetci erases a citizen\'s personal data; the original can no longer be shown', async () => {
    const citizen = await person();
    await step.submitRequest(citizen);
    const { code } = await step.readConfirmation(citizen);

    const officer = await person();
    await step.signIn(officer, server.accounts.triaj);
    await step.openFromInbox(officer, code);
    assert.equal(await officer.getByText('Maskesiz metni göster (kayıt altına alınır)').count(), 1);

    const kvkk = await person();
    await step.signIn(kvkk, server.accounts.denetci);
    await step.openFromInbox(kvkk, code);
    const caseUrl = new URL(kvkk.url()).pathname;
    await kvkk.getByText('Kişisel verileri sil (KVKK md. 7, geri alınamaz)').click();
    await kvkk.getByLabel('Gerekçe (örneğin: KVKK başvuru numarası)').fill('KVKK başvurusu 2026/7');
    // Without the confirmation box the browser keeps the form (required); the server also refuses.
    await kvkk.getByLabel('Silmenin geri alınamayacağını anladım.').check();
    await step.pressButton(kvkk, 'Kişisel verileri sil');
    assert.equal(await flash(kvkk), 'Kişisel veriler silindi.');
    assert.match(await kvkk.locator('#erased-notice').textContent(), /KVKK md\. 7 uyarınca silindi/);
    assert.equal(await kvkk.getByText('Kişisel verileri sil (KVKK md. 7, geri alınamaz)').count(), 0);
    await a11y(kvkk, 'staff: case after KVKK erasure (denetci)');

    await officer.goto(caseUrl);
    assert.equal(await officer.locator('#erased-notice').count(), 1);
    assert.equal(await officer.getByText('Maskesiz metni göster (kayıt altına alınır)').count(), 0);
    assert.doesNotMatch(await officer.locator('main').textContent(), /0500 000 00 00/);
  });
});

describe('phone-sized screen (390×844): citizen pages have no horizontal scroll', () => {
  let phone;

  async function fits(label) {
    const { scrollWidth, innerWidth } = await noHorizontalScroll(phone);
    assert.ok(scrollWidth <= innerWidth, `${label}: scrollWidth ${scrollWidth} > ${innerWidth}`);
    await a11y(phone, `phone: ${label}`);
  }

  it('home, form, error summary, confirmation, tracking and the answer', async () => {
    phone = await person(PHONE);
    await phone.goto('/');
    await fits('home');
    await phone.goto('/basvuru');
    await fits('/basvuru');
    await submit(phone, phone.getByRole('button', { name: 'Başvuruyu gönder' }));
    await fits('/basvuru error summary');
    const res = await step.submitRequest(phone, {
      text: 'Parkın önündeki sokak lambası iki haftadır yanmıyor, akşamları yol çok karanlık.',
      contact: null,
    });
    assert.equal(res.status(), 201);
    await fits('confirmation');
    await phone.goto('/takip');
    await fits('/takip');
    await step.track(phone, { code: state.code, secret: state.secret });
    assert.ok(await phone.locator('#answer').isVisible());
    await fits('status with answer');
    await phone.goto('/basvuru?lang=en');
    await fits('/basvuru?lang=en');
  });
});
