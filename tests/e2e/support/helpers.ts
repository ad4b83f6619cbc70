import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { baseUrl, teamKey } from './env';
import { links, serverSeq, submitOverHub, type Ack, type BoardCommand, type CreatedBoard } from './hub';

export { baseUrl } from './env';

export interface Person {
  context: BrowserContext;
  page: Page;
  name: string;
}

export interface BoardLinks {
  boardId: string;
  join: string;
  preRead: string;
  facilitator: string;
}

export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  return { context, page, name };
}

/**
 * Interactive (WebAssembly) pages render `<main data-interactive>` once the component runs in the browser: before
 * that, a click is lost. Server-rendered pages need no wait.
 */
export async function waitInteractive(page: Page): Promise<void> {
  await expect(page.locator('main[data-interactive]').first()).toBeAttached({ timeout: 30_000 });
}

/** Opens the team link as a team member would; its cookie gives this browser the incident log and action follow-up. */
export async function openTeamLink(person: Person): Promise<void> {
  await person.page.goto(`/access/${teamKey()}`);
  await expect(person.page).toHaveURL(/\/incidents$/);
}

/** Creates a board through the form and returns the links the created page shows. */
export async function createBoardViaForm(
  page: Page,
  options: { title: string; when: string; zone: string; name: string; preWork?: string; agenda?: '60' | '90' },
): Promise<BoardLinks> {
  await page.goto('/new');
  await page.getByLabel('Title').fill(options.title);
  await page.getByLabel('Incident date and time').fill(options.when);
  await page.getByLabel('Time zone of the timeline').fill(options.zone);
  await page.getByLabel('Type').selectOption('deployment');
  await page.getByLabel('Severity (1 = worst)').selectOption('2');
  await page.getByLabel(options.agenda === '60' ? /60 minutes/ : /90 minutes/).check();
  await page.getByLabel('Your name (facilitator)').fill(options.name);
  if (options.preWork) await page.getByLabel('Pre-work: draft timeline (optional)').fill(options.preWork);
  await page.getByRole('button', { name: 'Create post-mortem' }).click();
  await expect(page.getByRole('heading', { name: 'Your post-mortem is ready' })).toBeVisible();
  const join = await page.getByLabel(/Participant join link/).inputValue();
  const preRead = await page.getByLabel(/Pre-read link/).inputValue();
  const facilitator = await page.getByLabel(/Your facilitator secret link/).inputValue();
  const boardId = new URL(join).pathname.split('/')[2]!;
  return { boardId, join, preRead, facilitator };
}

export type ApiBoard = BoardLinks & CreatedBoard & { writeUp: string; signOff: string };

/** Creates a board over HTTP (fast set-up for tests that are not about the form). */
export async function createBoardViaApi(title = 'Checkout errors after a config change', agendaPreset: 'sixty' | 'ninety' = 'ninety'): Promise<ApiBoard> {
  const r = await fetch(`${baseUrl()}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, incidentAt: '2026-03-04T05:30:00Z', incidentType: 'deployment', severity: 3, facilitatorName: 'Fran', agendaPreset, timeZone: 'Europe/London' }),
  });
  expect(r.status).toBe(201);
  const body = (await r.json()) as CreatedBoard;
  return { ...body, ...links(body) };
}

export async function joinBoard(person: Person, joinLink: string): Promise<void> {
  await person.page.goto(joinLink);
  await waitInteractive(person.page);
  await person.page.getByLabel('Your name').fill(person.name);
  await person.page.getByRole('button', { name: 'Join' }).click();
  await expectLive(person.page);
}

export async function openAsFacilitator(person: Person, facilitatorLink: string): Promise<void> {
  await person.page.goto(facilitatorLink);
  await expectLive(person.page);
  await expect(person.page.getByRole('heading', { name: 'Facilitator', exact: true })).toBeVisible();
}

export const board = (page: Page): Locator => page.locator('.board');

/**
 * The board is rendered and its sync engine joined. The board element carries the engine's state for the tests:
 * `data-status` (idle, connecting, connected, reconnecting, offline, stopped) and `data-seq` (the last sequence
 * number applied), next to `data-phase`.
 */
export async function expectLive(page: Page): Promise<void> {
  await waitInteractive(page);
  await expect(board(page)).toBeVisible({ timeout: 30_000 });
  await expectStatus(page, 'connected');
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await expect(board(page)).toHaveAttribute('data-status', new RegExp(`^${status}$`, 'i'));
}

/** Emulated offline does not close an open WebSocket; the client drops it on the browser's offline signal. */
export async function goOffline(person: Person): Promise<void> {
  await person.context.setOffline(true);
  await person.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await expectStatus(person.page, 'offline');
}

export async function goOnline(person: Person): Promise<void> {
  await person.context.setOffline(false);
  await person.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expectStatus(person.page, 'connected');
}

export async function expectPhase(pages: Page[], phase: string): Promise<void> {
  for (const p of pages) await expect(board(p)).toHaveAttribute('data-phase', new RegExp(`^${phase}$`, 'i'));
}

export async function lastSeq(page: Page): Promise<number> {
  return Number((await board(page).getAttribute('data-seq')) ?? -1);
}

/**
 * Waits until every page has applied the same sequence number (they then hold the same state); with a token, that
 * number must also be the server's head.
 */
export async function expectConverged(pages: Page[], server?: { token: string; boardId: string }): Promise<number> {
  let seq = -1;
  await expect
    .poll(
      async () => {
        const seqs = await Promise.all(pages.map(lastSeq));
        seq = seqs[0]!;
        return new Set(seqs).size === 1 && seq > 0;
      },
      { intervals: [50, 100, 200] },
    )
    .toBe(true);
  if (server) await expect.poll(() => serverSeq(pages[0]!, server.token, server.boardId)).toBe(await lastSeq(pages[0]!));
  return seq;
}

export async function addNote(page: Page, label: string, text: string, button: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByRole('button', { name: button }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** A facilitator (through the secret link) and participants (through the join link) on one board. */
export async function room(browser: Browser, links: BoardLinks, participants: string[]): Promise<Person[]> {
  const fran = await newPerson(browser, 'Fran');
  const others = await Promise.all(participants.map((name) => newPerson(browser, name)));
  await openAsFacilitator(fran, links.facilitator);
  for (const p of others) await joinBoard(p, links.join);
  return [fran, ...others];
}

/** This browser's stored access to the board (what the join or the secret link saved). */
export async function storedToken(page: Page, boardId: string): Promise<string> {
  const token = await page.evaluate((id) => (JSON.parse(localStorage.getItem(`pm:access:${id}`) ?? '{}') as { token?: string }).token, boardId);
  if (!token) throw new Error(`no stored access for board ${boardId} in this browser`);
  return token;
}

/** Sends a command with this browser's own board token straight to the hub, as a hand-made script would. */
export async function forgeFrom(page: Page, boardId: string, command: BoardCommand): Promise<Ack> {
  const { acks } = await submitOverHub(page, await storedToken(page, boardId), boardId, [command]);
  return acks[0]!;
}

export function notesWithText(page: Page, text: string): Locator {
  return page.getByTestId('note').filter({ has: page.getByText(text, { exact: true }) });
}

/** Lets a stray handler run (two frames) before asserting that none did. */
export async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
