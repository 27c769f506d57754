// The user actions of the walkthrough, as a person does them in the browser: fill labelled
// fields, press the named buttons. Each returns the document response of the page it leads to.
// The tests add their assertions; screenshots.mjs reuses the same steps.

import { submit } from './browser.mjs';

// Made-up request texts and contact details (no real personal data).
export const REQUEST_TEXT =
  'Merhaba, Cumhuriyet Caddesi üzerindeki otobüs durağında 42 numaralı hattın otobüsleri ' +
  'sabahları yarım saat gecikiyor ve durakta bekleme yeri yok. Sefer saatlerinin düzenlenmesini ' +
  've durağa bir sundurma yapılmasını rica ediyorum. Gerekirse 0500 000 00 00 numaralı ' +
  'telefondan bana ulaşabilirsiniz.';
export const PHONE_IN_TEXT = '0500 000 00 00';
export const CONTACT = { name: 'Deneme Vatandaş', phone: '0500 000 00 00', district: 'Merkez / Örnek Mahallesi' };

export async function submitRequest(page, { text = REQUEST_TEXT, contact = CONTACT } = {}) {
  await page.goto('/basvuru');
  await page.getByLabel('Başvurunuz').fill(text);
  if (contact) {
    await page.getByLabel('Adınız soyadınız').fill(contact.name);
    await page.getByLabel('Telefon').fill(contact.phone);
    await page.getByLabel('İlçe / mahalle (isteğe bağlı)').fill(contact.district);
  }
  return submit(page, page.getByRole('button', { name: 'Başvuruyu gönder' }));
}

export async function readConfirmation(page) {
  return {
    code: (await page.locator('#tracking-code').textContent()).trim(),
    secret: (await page.locator('#tracking-secret').textContent()).trim(),
  };
}

export async function track(page, { code, secret }) {
  await page.goto('/takip');
  await page.getByLabel('Takip kodu').fill(code);
  await page.getByLabel('Takip şifresi').fill(secret);
  return submit(page, page.getByRole('button', { name: 'Durumu göster' }));
}

export async function signIn(page, account, password = account.password) {
  await page.goto('/giris');
  await page.getByLabel('Kullanıcı adı').fill(account.username);
  await page.getByLabel('Parola', { exact: true }).fill(password);
  return submit(page, page.getByRole('button', { name: 'Giriş yap' }));
}

export async function signOut(page) {
  return submit(page, page.getByRole('button', { name: 'Çıkış' }));
}

// Opens the case with this tracking code from the inbox (/is).
export async function openFromInbox(page, code) {
  await page.goto('/is');
  return submit(page, page.getByRole('link', { name: code, exact: true }));
}

export async function pressButton(page, name) {
  return submit(page, page.getByRole('button', { name, exact: true }));
}

// Triage: topic and unit; overrides the AI suggestion with a reason when it differs.
export async function route(page, { topic, unit, reason }) {
  await page.getByLabel('Konu', { exact: true }).selectOption(topic);
  await page.getByLabel('Birim', { exact: true }).selectOption(unit);
  if (await page.locator('#ai-accept').count()) {
    if (reason) {
      await page.getByLabel('Öneriyi değiştiriyorum (gerekçe yazın)').check();
      await page.getByLabel('Gerekçe', { exact: true }).fill(reason);
    } else {
      await page.getByLabel('Öneriyi kabul ediyorum').check();
    }
  }
  return pressButton(page, 'Kaydet ve yönlendir');
}

export async function addNote(page, text) {
  await page.getByLabel('Yeni not').fill(text);
  return pressButton(page, 'Notu ekle');
}

export async function useTemplate(page, name) {
  return submit(page, page.getByRole('link', { name, exact: true }));
}

export const ANSWER_FIX = [
  '[Yapılan işlemi ve sonucunu yazın.]',
  '42 numaralı hattın sabah seferleri 07.00–09.00 arasında 10 dakikada bir olacak şekilde ' +
    'düzenlenmiştir; durağa sundurma yapımı bu ay içinde tamamlanacaktır.',
];

export async function saveDraft(page, provenanceLabel, edit = ANSWER_FIX) {
  const box = page.getByLabel('Yanıt metni');
  const text = await box.inputValue();
  await box.fill(text.replace(edit[0], edit[1]));
  await page.getByLabel(provenanceLabel).check();
  return pressButton(page, 'Taslağı kaydet ve denetle');
}

// Opens "Maskesiz metni göster", gives a purpose and shows the original (the view is logged).
export async function revealOriginal(page, purpose) {
  await page.getByText('Maskesiz metni göster (kayıt altına alınır)').click();
  await page.getByLabel('Amaç (örneğin: vatandaşı geri aramak)').fill(purpose);
  return pressButton(page, 'Göster');
}
