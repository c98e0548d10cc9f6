/**
 * Row editors in a real browser (Debian's chromium through playwright-core): a school fills a 20-trainee
 * 様式19-2 roster (adds rows, removes one, reorders by keyboard), uploads the same roster as .xlsx and as .csv
 * (preview with an error row, fixed, then sent), records results on rows prefilled from the roster, and HQ
 * issues numbers on rows prefilled with the passers. Screenshots at 1366 and 390 px go to /tmp/row-editor-*.png.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailboxTransport } from '../../src/notify/transport.js';
import { fieldsOfSchema } from '../../src/web/forms/schemas.js';
import { toCsv, toXlsx } from '../../src/web/forms/sheets.js';
import { tableNamed } from '../../src/web/routes/sheets.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { caseIn, rosterFields } from './fixtures.js';
import { webAppFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || process.env.CI === 'true';
const SHOTS = '/tmp';

let w: World;
let browser: Browser;
let server: ServerType;
let base: string;
let mailbox: ReturnType<typeof createMailboxTransport>;
const at = (iso: string) => w.clock.set(`${iso}T10:00:00+09:00`);

const twenty = () =>
  Array.from({ length: 20 }, (_, i) => ({
    traineeId: `S${String(i + 1).padStart(2, '0')}`,
    name: `訓練 生${i + 1}`,
    birthDate: '2005-04-02',
    subjects: [
      { subject: '機械工作法', plannedHours: 100, attendedHours: 90 },
      { subject: '材料', plannedHours: 50, attendedHours: 45 },
    ],
  }));

/** The whole page and the form alone (easier to look at), at 1366 and 390 px. */
async function shots(page: Page, name: string, form?: ReturnType<Page['locator']>) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await page.screenshot({ path: join(SHOTS, `row-editor-${name}-${width}.png`), fullPage: true });
    if (form) await form.locator('fieldset.rows').first().screenshot({ path: join(SHOTS, `row-editor-${name}-table-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function everyInputLabelled(page: Page) {
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els.filter((el) => !(el as unknown as { labels?: ArrayLike<unknown> }).labels?.length).map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
}

async function signIn(page: Page, email: string) {
  const before = mailbox.list().filter((m) => m.to.includes(email)).length;
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
  await page.getByRole('status').getByText('送信しました').waitFor();
  // Use this sign-in's own link, never an earlier (already used) one.
  await expect.poll(() => mailbox.list().filter((m) => m.to.includes(email)).length, { timeout: 60_000 }).toBeGreaterThan(before);
  const mail = mailbox.list().filter((m) => m.to.includes(email)).at(-1)!;
  await page.goto(/https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0]);
  // The sign-in is done when the link page has been left (the session cookie comes with that answer).
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/auth/link'), { timeout: 90_000 }),
    page.getByRole('button', { name: 'ログイン', exact: true }).click(),
  ]);
}

async function open(page: Page, type: string) {
  const form = page.locator(`#form-${type}`);
  if ((await form.getAttribute('open')) === null) await page.locator(`#form-${type} > summary`).click();
  return form;
}

async function fillNoticeFields(page: Page, examinees: number) {
  const form = await open(page, 'IMPLEMENTATION_NOTICE_FILED');
  const n = pay.implementationNotice('2027-02-15');
  await form.getByLabel('代表者名').fill(n.representative);
  const course = form.getByRole('group', { name: '訓練科名' });
  await course.getByLabel('系').fill(n.course.kei);
  await course.getByLabel('科').fill(n.course.ka);
  for (const [group, s] of [['学科', n.written], ['実技', n.practical]] as const) {
    const g = form.getByRole('group', { name: group, exact: true });
    await g.getByLabel('実施予定年月日').fill(s.date);
    await g.getByLabel('開始時刻').fill(s.start);
    await g.getByLabel('終了時刻').fill(s.end);
    await g.getByLabel('実施予定場所').fill(s.place);
  }
  await form.getByLabel('受験予定者数').fill(String(examinees));
  return form;
}

async function contextOf(id: string) {
  const view = await w.engine.getCase(w.users.hq.principal, id);
  return view as unknown as { state: string; context: Record<string, unknown> & { roster: { traineeId: string; subjects: unknown[] }[] } };
}

/** A case whose exam was held with the 20 trainees (notice filed through the engine). */
async function examHeld() {
  at('2026-10-01');
  const c = await caseIn(w, 'preparing');
  at('2026-12-01');
  await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: { ...pay.implementationNotice('2027-02-15'), expectedExaminees: 20, roster: twenty() } });
  at('2027-02-16');
  return c;
}

describe.skipIf(!enabled)('row editors in a browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    mailbox = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
    let app: ReturnType<typeof webAppFor> | null = null;
    server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = webAppFor(w, mailbox, base);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await w?.database.close();
  });

  it('a school fills a 20-trainee 様式19-2 with the row editor: adds rows, removes one, reorders by keyboard', async () => {
    at('2026-10-01');
    const c = await caseIn(w, 'preparing');
    at('2026-12-01');
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'school@example.test');
    await page.goto(`${base}/cases/${c.id}`);
    const form = await fillNoticeFields(page, 20);
    const rows = form.locator('tbody[data-table="roster"] > tr.row');
    expect(await rows.count()).toBe(3);
    const add = form.getByRole('button', { name: '出席状況連名簿〔様式19-2〕に行を追加', exact: true });
    for (let i = 0; i < 18; i++) await add.click();
    expect(await rows.count()).toBe(21);
    const roster = [...twenty(), { traineeId: 'X99', name: '削除 予定', birthDate: '2005-01-01', subjects: twenty()[0]!.subjects }];
    for (const [k, v] of Object.entries(rosterFields(roster))) await form.locator(`[name="${k}"]`).fill(v);
    // One more subject for the first trainee, in its nested table.
    await form.getByRole('button', { name: '1行目の科目別出席状況に行を追加', exact: true }).click();
    await form.locator('[name="roster.0.subjects.2.subject"]').fill('安全衛生');
    await form.locator('[name="roster.0.subjects.2.plannedHours"]').fill('10');
    await form.locator('[name="roster.0.subjects.2.attendedHours"]').fill('10');
    await form.getByRole('button', { name: '21行目を削除', exact: true }).click();
    expect(await rows.count()).toBe(20);
    // Keyboard: move the 2nd trainee down one row; the button keeps the focus and its new name.
    await form.getByRole('button', { name: '2行目を下へ移動', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await form.locator('[name="roster.1.traineeId"]').inputValue()).toBe('S03');
    expect(await form.locator('[name="roster.2.traineeId"]').inputValue()).toBe('S02');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('3行目を下へ移動');
    await everyInputLabelled(page);
    await shots(page, '1-roster-filled', form);
    await form.getByRole('button', { name: '技能照査実施届出を送信' }).click();
    await page.getByRole('status').getByText('受け付けました').waitFor();
    const saved = await contextOf(c.id);
    expect(saved.state).toBe('examScheduled');
    expect(saved.context.roster.map((r) => r.traineeId)).toEqual(['S01', 'S03', 'S02', ...twenty().slice(3).map((r) => r.traineeId)]);
    expect(saved.context.roster[0]!.subjects).toHaveLength(3);
    await page.close();
  }, 240_000);

  it('uploads the same roster as .xlsx and as .csv: a preview with the error row, fixed, then sent', async () => {
    const fields = fieldsOfSchema(skillCheck.events.IMPLEMENTATION_NOTICE_FILED!.schema);
    const table = tableNamed(fields, 'roster')!;
    const files: { name: string; mimeType: string; bad: Record<string, string>; cell: string; fix: string; message: string }[] = [
      { name: '出席状況連名簿.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bad: { 'roster.4.birthDate': '2005-13-01' }, cell: 'roster.4.birthDate', fix: '2005-01-13', message: '5行目: 生年月日は YYYY-MM-DD 形式の実在する日付で入力してください' },
      { name: '出席状況連名簿.csv', mimeType: 'text/csv', bad: { 'roster.6.subjects.1.plannedHours': '五十' }, cell: 'roster.6.subjects.1.plannedHours', fix: '50', message: '7行目の科目別出席状況 2行目: 訓練計画時間は数字で入力してください（ファイルの値: 「五十」）' },
    ];
    at('2026-10-01');
    const both = [await caseIn(w, 'preparing'), await caseIn(w, 'preparing')];
    at('2026-12-01');
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'school@example.test');
    // Where sign-in lands depends on the session's start page; what matters is being signed in.
    await page.goto(`${base}/school`);
    expect(new URL(page.url()).pathname).toBe('/school');
    for (const [n, f] of files.entries()) {
      const c = both[n]!;
      const values = { ...rosterFields(twenty()), ...f.bad };
      const buffer = f.name.endsWith('.xlsx') ? await toXlsx(table, values) : Buffer.from(toCsv(table, values), 'utf8');
      await page.goto(`${base}/cases/${c.id}`);
      await page.locator('#form-IMPLEMENTATION_NOTICE_FILED').waitFor({ state: 'attached' });
      let form = await fillNoticeFields(page, 20);
      await form.locator('input[name="_sheet.roster"]').setInputFiles({ name: f.name, mimeType: f.mimeType, buffer });
      await form.getByRole('button', { name: '読み込んで表に表示' }).click();
      form = page.locator('#form-IMPLEMENTATION_NOTICE_FILED');
      const status = form.getByRole('status');
      await status.waitFor();
      expect(await status.innerText()).toContain(`「${f.name}」から20行を読み込みました。1件の誤りがあります`);
      // What was typed before the upload is kept.
      expect(await form.getByLabel('代表者名').inputValue()).toBe('甲野 乙男');
      expect(await form.locator('tbody[data-table="roster"] > tr.row').count()).toBe(21);
      expect(await form.locator('[name="roster.19.name"]').inputValue()).toBe('訓練 生20');
      expect(await form.locator('.cell-errors').innerText()).toContain(f.message);
      expect(await form.locator(`[name="${f.cell}"]`).getAttribute('aria-invalid')).toBe('true');
      expect(await contextOf(c.id).then((r) => r.state)).toBe('preparing');
      await shots(page, `${n + 2}-upload-preview-${f.name.split('.').pop()}`, form);
      await form.locator(`[name="${f.cell}"]`).fill(f.fix);
      await form.getByRole('button', { name: '技能照査実施届出を送信' }).click();
      await page.getByRole('status').getByText('受け付けました').waitFor();
      const saved = await contextOf(c.id);
      expect(saved.context.roster).toHaveLength(20);
    }
    await page.close();
  }, 180_000);

  it('a school records results on rows prefilled from the roster', async () => {
    const c = await examHeld();
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'school@example.test');
    await page.goto(`${base}/cases/${c.id}`);
    const form = await open(page, 'RESULTS_RECORDED');
    expect(await form.locator('[name="results.0.traineeId"]').inputValue()).toBe('S01');
    expect(await form.locator('[name="results.19.traineeId"]').inputValue()).toBe('S20');
    expect(await form.locator('[name="results.0.outcome"] option:checked').innerText()).toBe('受験');
    for (let i = 0; i < 20; i++) {
      if (i === 4) {
        await form.getByLabel('5行目 受験状況', { exact: true }).selectOption({ label: '不測の事故による欠席' });
        continue;
      }
      await form.locator(`[name="results.${i}.written.correct"]`).fill(String(i < 15 ? 80 : 40));
      await form.locator(`[name="results.${i}.written.wrong"]`).fill(i < 15 ? '10' : '50');
      await form.locator(`[name="results.${i}.written.blank"]`).fill('10');
      await form.locator(`[name="results.${i}.practicalScore"]`).fill('75');
    }
    await everyInputLabelled(page);
    await shots(page, '4-results-prefilled', form);
    await form.getByRole('button', { name: '採点結果の登録を送信', exact: true }).click();
    await page.getByRole('status').getByText('受け付けました').waitFor();
    const saved = await contextOf(c.id);
    const results = saved.context.results as { traineeId: string; outcome: string; passed?: boolean }[];
    expect(results).toHaveLength(20);
    expect(results[4]).toMatchObject({ traineeId: 'S05', outcome: 'absent-accident' });
    expect(results.filter((r) => r.passed)).toHaveLength(14);
    await page.close();
  });

  it('HQ issues numbers on rows prefilled with the passers', async () => {
    const c = await examHeld();
    const school = w.users.school.principal;
    const results = twenty().map((r, i) => ({ traineeId: r.traineeId, outcome: 'sat', written: { correct: i < 10 ? 80 : 30, wrong: i < 10 ? 10 : 60, blank: 10 }, practicalScore: 75 }));
    await w.engine.applyEvent(school, c.id, { type: 'RESULTS_RECORDED', data: { results } });
    await w.engine.applyEvent(school, c.id, { type: 'CERT_NUMBERS_REQUESTED', data: {} });
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'hq@example.test');
    await page.goto(`${base}/cases/${c.id}`);
    const form = await open(page, 'CERT_NUMBERS_ISSUED');
    const rows = form.locator('tbody[data-table="numbers"] > tr.row');
    expect(await rows.count()).toBe(13); // 10 passers and 3 spare rows
    for (let i = 0; i < 10; i++) {
      expect(await form.locator(`[name="numbers.${i}.traineeId"]`).inputValue()).toBe(twenty()[i]!.traineeId);
      await form.getByLabel(`${i + 1}行目 知事証明番号`, { exact: true }).fill(`8-機-${String(i + 1).padStart(3, '0')}`);
    }
    await everyInputLabelled(page);
    await shots(page, '5-numbers-prefilled', form);
    await form.getByRole('button', { name: '知事証明番号の通知を送信' }).click();
    await page.getByRole('status').getByText('受け付けました').waitFor();
    const saved = await contextOf(c.id);
    expect(saved.state).toBe('applying');
    expect((saved.context.numbers as unknown[]).length).toBe(10);
    await page.close();
  });
});
