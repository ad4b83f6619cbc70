// An axe scan of every page a person can reach, in the states people see them: no serious or critical violation.
// Each page is also checked for emoji carrying meaning (issue 13, fix 12).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addNote, createBoardViaForm, expectLive, expectPhase, joinBoard, newPerson, openTeamLink, waitInteractive, type Person } from '../support/helpers';
import { closedBoard, links } from '../support/hub';

let people: Person[] = [];

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

async function scan(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
  // Soft: one run lists every page's violations, not only the first page's.
  expect.soft(bad.map((v) => `${v.impact} ${v.id}`), `${name} (${page.url()}):\n${report}`).toEqual([]);
  const text = await page.locator('body').innerText();
  expect.soft(text.match(/\p{Extended_Pictographic}/gu)?.filter((c) => !'©®™'.includes(c)) ?? [], `emoji on ${name}`).toEqual([]);
}

test('every server-rendered page passes axe: home, create, created, pre-read, write-up, sign-off, incident log, incident, follow-up, not found', async ({ browser }) => {
  const fran = await newPerson(browser, 'Fran');
  people = [fran];
  const page = fran.page;
  await page.goto('/');
  await scan(page, 'home');
  await page.goto('/new');
  await scan(page, 'create');
  const created = await createBoardViaForm(page, { title: 'Emails delayed after a queue change', when: '2026-03-10T14:00', zone: 'Europe/London', name: 'Fran' });
  await scan(page, 'created');
  await page.goto(created.preRead);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await scan(page, 'pre-read');

  const board = await closedBoard(browser, {
    title: 'Reports empty after a timezone change',
    incidentAt: '2026-02-02T07:00:00Z',
    rootCause: 'Date boundaries were computed in server time',
    factors: ['No test covered a day boundary'],
    actions: [{ text: 'Compute report boundaries in the team zone', dueDate: '2026-02-20' }],
  });
  await page.goto(links(board).writeUp);
  await expect(page.getByTestId('writeup')).toBeVisible();
  await scan(page, 'write-up');
  await page.goto(links(board).signOff);
  await expect(page.getByRole('button', { name: 'I agree to the actions' })).toBeVisible();
  await scan(page, 'sign-off');

  await page.goto('/incidents');
  await scan(page, 'incident log (no team access)');
  await openTeamLink(fran);
  await expect(async () => {
    await page.goto(`/incidents/${board.boardId}`);
    await expect(page.getByTestId('incident-detail')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await scan(page, 'incident');
  await page.goto('/incidents');
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  await scan(page, 'incident log');
  await page.goto('/actions');
  await expect(page.getByTestId('followup-action').first()).toBeVisible();
  await scan(page, 'action follow-up');
  await page.goto('/no/such/page');
  await scan(page, 'not found');
});

test('every interactive page passes axe: join, and the board in each phase for the facilitator and a participant', async ({ browser }) => {
  const fran = await newPerson(browser, 'Fran');
  const ana = await newPerson(browser, 'Ana');
  people = [fran, ana];
  const created = await createBoardViaForm(fran.page, { title: 'Search results stale after a reindex', when: '2026-03-11T09:30', zone: 'Europe/London', name: 'Fran' });
  await ana.page.goto(created.join);
  await waitInteractive(ana.page);
  await expect(ana.page.getByLabel('Your name')).toBeVisible();
  await scan(ana.page, 'join');
  await fran.page.goto(created.facilitator);
  await expectLive(fran.page);
  await joinBoard(ana, created.join);

  const phases = ['setTheRoom', 'timeline', 'rootCause', 'contributingFactors', 'actions', 'close'];
  for (const [i, phase] of phases.entries()) {
    if (i > 0) {
      await fran.page.getByRole('button', { name: 'Next phase →' }).click();
      await expectPhase([fran.page, ana.page], phase);
    }
    if (phase === 'timeline') await addNote(ana.page, 'What happened?', 'Reindex started at 09:00', 'Add to timeline');
    if (phase === 'rootCause') {
      await ana.page.getByLabel('Start a why chain from an observable symptom').fill('Search showed yesterday’s prices');
      await ana.page.getByRole('button', { name: 'Start chain' }).click();
      await expect(ana.page.getByTestId('chain')).toBeVisible();
    }
    if (phase === 'actions') {
      await addNote(ana.page, 'Propose an action', 'Alert when the index is older than an hour', 'Add action');
      await expect(fran.page.getByTestId('action-item')).toHaveCount(1);
    }
    await scan(fran.page, `board, ${phase}, facilitator`);
    await scan(ana.page, `board, ${phase}, participant`);
  }
  // The Prime Directive overlay, on top of the board.
  await fran.page.getByRole('button', { name: 'Show Prime Directive to all' }).click();
  await expect(ana.page.getByTestId('prime-overlay')).toBeVisible();
  await scan(ana.page, 'board with the Prime Directive shown');
});
