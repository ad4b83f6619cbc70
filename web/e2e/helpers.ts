import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoardCommand } from '../src/sync/protocol';

export const baseUrl = (): string => {
  const url = process.env.PM_E2E_BASE_URL;
  if (!url) throw new Error('PM_E2E_BASE_URL is not set: the global setup did not start the server');
  return url;
};

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

/** Opens the team link as a team member would (the key the server generated into its data folder at first
 * start); its cookie gives this person's browser the incident log and action follow-up. */
export async function openTeamLink(person: Person): Promise<void> {
  const dataDir = process.env.PM_E2E_DATA_DIR;
  if (!dataDir) throw new Error('PM_E2E_DATA_DIR is not set: the global setup did not start the server');
  const key = readFileSync(join(dataDir, 'team-access-key'), 'utf8').trim();
  await person.page.goto(`/access/${key}`);
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

/** Creates a board over HTTP (fast set-up for tests that are not about the form). */
export async function createBoardViaApi(title = 'Checkout errors after a config change'): Promise<BoardLinks & { token: string; participantId: string }> {
  const r = await fetch(`${baseUrl()}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, incidentAt: '2026-03-04T05:30:00Z', incidentType: 'deployment', severity: 3, facilitatorName: 'Fran', agendaPreset: 'ninety', timeZone: 'Europe/London' }),
  });
  expect(r.status).toBe(201);
  const body = (await r.json()) as { boardId: string; joinCode: string; facilitatorSecret: string; readKey: string; token: string; participantId: string };
  const b = encodeURIComponent(body.boardId);
  return {
    boardId: body.boardId,
    join: `${baseUrl()}/b/${b}/join#code=${encodeURIComponent(body.joinCode)}`,
    preRead: `${baseUrl()}/b/${b}/read#key=${encodeURIComponent(body.readKey)}`,
    facilitator: `${baseUrl()}/b/${b}/facilitator#secret=${encodeURIComponent(body.facilitatorSecret)}`,
    token: body.token,
    participantId: body.participantId,
  };
}

export async function joinBoard(person: Person, joinLink: string): Promise<void> {
  await person.page.goto(joinLink);
  await person.page.getByLabel('Your name').fill(person.name);
  await person.page.getByRole('button', { name: 'Join' }).click();
  await expectLive(person.page);
}

export async function openAsFacilitator(person: Person, facilitatorLink: string): Promise<void> {
  await person.page.goto(facilitatorLink);
  await expectLive(person.page);
  await expect(person.page.getByRole('heading', { name: 'Facilitator' })).toBeVisible();
}

/** The board is rendered and the sync client is connected (checked every frame, not on a slow poll). */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('.board')).toBeVisible();
  await page.waitForFunction(() => window.postmortem?.client.getSnapshot().status === 'connected', null, { timeout: 15_000 });
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction((s) => window.postmortem?.client.getSnapshot().status === s, status, { timeout: 15_000 });
}

export async function currentPhase(page: Page): Promise<string | null> {
  return page.locator('.board').getAttribute('data-phase');
}

export async function expectPhase(pages: Page[], phase: string): Promise<void> {
  for (const p of pages) await expect(p.locator('.board')).toHaveAttribute('data-phase', phase);
}

export async function lastSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.postmortem?.client.getSnapshot().lastSeq ?? -1);
}

/** Waits until every page has applied the same sequence number (they then hold the same state). */
export async function expectConverged(pages: Page[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const seqs = await Promise.all(pages.map(lastSeq));
        return new Set(seqs).size === 1 && seqs[0]! > 0;
      },
      { intervals: [50, 100, 200] },
    )
    .toBe(true);
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

/** Submits a command from the page's own sync client, as if a UI control had sent it. */
export async function submitFrom(page: Page, command: BoardCommand): Promise<{ status: string; code?: string }> {
  return page.evaluate((c) => window.postmortem!.client.submit(c).result, command);
}
