// PRODUCT.md's worked example, run start to finish by a facilitator and two participants in three
// browser contexts against the real server.
import { expect, test, type Page } from '@playwright/test';
import { addNote, createBoardViaForm, expectConverged, expectLive, expectPhase, joinBoard, newPerson, openTeamLink, screenshot, type Person } from '../support/helpers';

const PRE_WORK = [
  '2026-03-03 16:47 API change for "pause subscription" deployed',
  '2026-03-04 05:30 signal: Overnight reconciliation job ran against the new response shape',
  '2026-03-04 09:00 First customer emails about wrong products',
  '2026-03-04 09:15 Founder calls affected customers',
  '2026-03-04 09:35 On-call engineer identifies the format mismatch',
  '2026-03-04 11:14 Fix deployed',
  'yesterday-ish the job was slow',
].join('\n');

const ROOT_CAUSE = 'No mechanism for one squad to know what another is changing';

const WHYS: [string, string][] = [
  ['Why did customers receive the wrong product?', 'The reconciliation job produced bad allocations'],
  ['Why did the job produce bad data?', 'The upstream API response format changed'],
  ['Why did a format change break the job?', 'No schema validation on the consumer side'],
  ['Why was the mismatch not caught before release?', 'No contract test between the two services'],
  ['Why was there no contract test?', ROOT_CAUSE],
];

const ACTIONS = [
  { text: 'Contract tests across the subscription API and reconciliation', owner: 'Ana', due: '2026-03-13' },
  { text: 'Cross-squad notification for shared-API changes', owner: 'Ben', due: '2026-03-13' },
  { text: 'Schema-mismatch alerts on reconciliation', owner: 'Fran', due: '2026-03-20' },
];
const EXTRA_ACTION = 'Write a runbook for the reconciliation job';

/** By the option people read ("Trigger", "Impact starts"…), not its value. */
async function markKeyMoment(page: Page, noteText: string, moment: string): Promise<void> {
  await page.getByLabel(`Key moment for ${noteText}`).selectOption({ label: moment });
}

async function advance(fac: Page, everyone: Page[], phase: string): Promise<void> {
  await fac.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase(everyone, phase);
}

test('the worked example runs from creation to a write-up with timeline, root cause and three owned, dated actions', async ({ browser }) => {
  const fran = await newPerson(browser, 'Fran');
  const ana = await newPerson(browser, 'Ana');
  const ben = await newPerson(browser, 'Ben');
  // Fran and Ana are on the team that owns the incident log; Ben only ever has the board's links.
  await openTeamLink(fran);
  await openTeamLink(ana);
  const people: Person[] = [fran, ana, ben];
  const pages = people.map((p) => p.page);

  // Before the meeting: create with pre-work; the bad line is reported, the others become notes.
  const links = await createBoardViaForm(fran.page, {
    title: 'Wrong produce after the pause-subscription API change',
    when: '2026-03-04T05:30',
    zone: 'Europe/London',
    name: 'Fran',
    preWork: PRE_WORK,
  });
  await expect(fran.page.getByRole('alert')).toContainText('Line 7');
  await screenshot(fran.page, '00-created');

  // The pre-read shows the framing and the draft timeline.
  await ana.page.goto(links.preRead);
  await expect(ana.page.getByRole('heading', { name: 'Draft timeline' })).toBeVisible();
  await expect(ana.page.getByText('Fix deployed', { exact: true })).toBeVisible();
  await screenshot(ana.page, '00-pre-read');

  await fran.page.getByRole('link', { name: 'Open the board' }).click();
  await expectLive(fran.page);
  await joinBoard(ana, links.join);
  await joinBoard(ben, links.join);
  await expect(fran.page.getByTestId('person')).toHaveCount(3);

  // 1. Set the room.
  for (const p of pages) await p.getByRole('button', { name: 'I agree' }).click();
  await expect(fran.page.getByText('3 of 3 agreed')).toBeVisible();
  await fran.page.getByRole('button', { name: 'Start timer' }).click();
  await expect(ana.page.getByTestId('timer')).toBeVisible();
  await screenshot(fran.page, '01-set-the-room');
  // The tool to point back at: on every screen until the facilitator hides it.
  await fran.page.getByRole('button', { name: 'Show Prime Directive to all' }).click();
  await expect(ana.page.getByTestId('prime-overlay')).toBeVisible();
  await screenshot(ana.page, '01-prime-directive');
  await fran.page.getByRole('button', { name: 'Hide it for everyone' }).click();
  await expect(ana.page.getByTestId('prime-overlay')).toHaveCount(0);

  // 2. Timeline: key moments and one more signal from a participant.
  await advance(fran.page, pages, 'timeline');
  await ana.page.getByLabel('Lane', { exact: true }).selectOption('signal');
  await ana.page.getByLabel('When (Europe/London)', { exact: true }).fill('2026-03-04T05:45');
  await addNote(ana.page, 'What happened?', 'No alert fired on the reconciliation output', 'Add to timeline');
  await expect(ben.page.getByText('No alert fired on the reconciliation output', { exact: true })).toBeVisible();
  await markKeyMoment(fran.page, 'API change for "pause subscription" deployed', 'Trigger');
  await markKeyMoment(fran.page, 'Overnight reconciliation job ran against the new response shape', 'Impact starts');
  await markKeyMoment(fran.page, 'First customer emails about wrong products', 'Detected');
  await markKeyMoment(fran.page, 'Fix deployed', 'Resolved');
  await expect(ben.page.getByTestId('largest-gap')).toContainText('12 h 43 min');
  await addNote(ben.page, 'Park a question', 'Why does the job not validate what it reads?', 'Park it');
  await expect(fran.page.getByText('Why does the job not validate what it reads?', { exact: true })).toBeVisible();
  await screenshot(fran.page, '02-timeline');

  // 3. Root cause: a why chain down to the structural cause.
  await advance(fran.page, pages, 'rootCause');
  await ana.page.getByLabel('Start a why chain from an observable symptom').fill('Customers received produce they are allergic to');
  await ana.page.getByRole('button', { name: 'Start chain' }).click();
  const chain = ana.page.getByTestId('chain');
  await expect(chain).toBeVisible();
  for (const [q, a] of WHYS) {
    await chain.getByLabel('Why?', { exact: true }).fill(q);
    await chain.getByLabel('Because…', { exact: true }).fill(a);
    await chain.getByRole('button', { name: 'Add why' }).click();
    await expect(chain.getByText(a, { exact: true })).toBeVisible();
  }
  await fran.page.getByRole('button', { name: `Mark as root cause: ${ROOT_CAUSE}` }).click();
  await expect(ben.page.getByTestId('root-cause')).toContainText(ROOT_CAUSE);
  await screenshot(fran.page, '03-root-cause');

  // 4. Contributing factors.
  await advance(fran.page, pages, 'contributingFactors');
  await addNote(ben.page, 'A contributing factor', 'The reconciliation job had no alerting', 'Add factor');
  await addNote(ana.page, 'A contributing factor', 'The API change shipped late in the afternoon, hours before the overnight run', 'Add factor');
  await expect(fran.page.getByTestId('note')).toHaveCount(2);
  await screenshot(fran.page, '04-contributing-factors');

  // 5. Actions: brainstorm, hidden votes, reveal, choose three, owners and dates, acknowledgements.
  await advance(fran.page, pages, 'actions');
  await addNote(ana.page, 'Propose an action', ACTIONS[0]!.text, 'Add action');
  await addNote(ben.page, 'Propose an action', ACTIONS[1]!.text, 'Add action');
  await addNote(fran.page, 'Propose an action', ACTIONS[2]!.text, 'Add action');
  await addNote(ben.page, 'Propose an action', EXTRA_ACTION, 'Add action');
  for (const p of pages) await expect(p.getByTestId('action-item')).toHaveCount(4);
  for (const p of pages) {
    for (const a of ACTIONS) await p.getByRole('button', { name: `Vote for: ${a.text}` }).click();
    await expect(p.getByTestId('votes-left')).toHaveText('0 of 3 votes left');
  }
  await expect(ana.page.locator('.tally')).toHaveCount(0);
  await fran.page.getByRole('button', { name: /Reveal votes/ }).click();
  await expect(ana.page.locator('.tally').first()).toHaveText('3 votes');
  for (const a of ACTIONS) await fran.page.getByRole('button', { name: `Choose: ${a.text}` }).click();
  await expect(fran.page.getByRole('heading', { name: 'Parked — not ready' })).toBeVisible();
  for (const a of ACTIONS) {
    const form = fran.page.getByRole('form', { name: `Details: ${a.text}` });
    await form.getByLabel('Owner (one person)').fill(a.owner);
    await form.getByLabel('Due date').fill(a.due);
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect(form.locator('.tag.ready')).toBeVisible();
  }
  await expect(fran.page.getByRole('heading', { name: 'Parked — not ready' })).toHaveCount(0);
  await ana.page.getByRole('form', { name: `Details: ${ACTIONS[0]!.text}` }).getByRole('button', { name: 'Yes, I own this' }).click();
  await ben.page.getByRole('form', { name: `Details: ${ACTIONS[1]!.text}` }).getByRole('button', { name: 'Yes, I own this' }).click();
  await expect(fran.page.getByText(/owner said yes/)).toHaveCount(2);
  await screenshot(fran.page, '05-actions');

  // 6. Close: summary, impact, follow-up, lock.
  await advance(fran.page, pages, 'close');
  await fran.page.getByLabel('Summary — what happened (two sentences)').fill(
    'An API change for pausing subscriptions changed a response shape that the overnight reconciliation job depended on. The job silently produced bad allocations until a fix was deployed at 11:14.',
  );
  await fran.page.getByLabel('Impact, with numbers').fill('Three customers received produce they are allergic to; 42 orders were re-packed.');
  await fran.page.getByLabel('Follow-up date').fill('2026-03-27');
  await fran.page.getByRole('button', { name: 'Save summary' }).click();
  await expect(ana.page.getByTestId('writeup')).toContainText('Three customers received produce');
  await screenshot(fran.page, '06-close');
  await fran.page.getByRole('button', { name: 'Lock board' }).click();
  await expect(ben.page.getByText('This board is locked')).toBeVisible();
  await expectConverged(pages);

  // The published write-up page.
  await fran.page.getByRole('link', { name: 'Open printable write-up' }).click();
  const writeup = fran.page.getByTestId('writeup');
  await expect(writeup).toBeVisible();
  await expect(fran.page.getByTestId('writeup-timeline').locator('tbody tr')).toHaveCount(7);
  await expect(fran.page.getByTestId('writeup-root-cause')).toContainText(ROOT_CAUSE);
  const rows = fran.page.getByTestId('writeup-action');
  await expect(rows).toHaveCount(3);
  for (const a of ACTIONS) {
    const row = rows.filter({ hasText: a.text });
    await expect(row).toContainText(a.owner);
    await expect(row).toContainText(a.due);
  }
  await screenshot(fran.page, '07-write-up');

  // The incident log has its row, with the three actions open.
  await expect(async () => {
    await fran.page.goto('/incidents?q=pause-subscription');
    await expect(fran.page.getByTestId('incident-row')).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const row = fran.page.getByTestId('incident-row');
  await expect(row).toContainText('Wrong produce after the pause-subscription API change');
  await expect(row).toContainText(ROOT_CAUSE);
  await expect(row).toContainText('0 · 3 ·');
  await expect(row).toContainText('Follow-up');
  await row.getByRole('link', { name: 'Wrong produce after the pause-subscription API change' }).click();
  const logged = fran.page.getByTestId('incident-action');
  await expect(logged).toHaveCount(3);
  for (const a of ACTIONS) await expect(logged.filter({ hasText: a.text })).toContainText(a.owner);

  // Follow-up: the facilitator marks one done; it stays done.
  const done = ACTIONS[2]!;
  await fran.page.getByRole('link', { name: 'Action follow-up' }).first().click();
  await fran.page.getByLabel(`Status of ${done.text}`).selectOption('done');
  await expect(fran.page.getByTestId('followup-action').filter({ hasText: done.text })).toHaveClass(/status-row-done/);
  await fran.page.reload();
  await expect(fran.page.getByLabel(`Status of ${done.text}`)).toHaveValue('done');
  await screenshot(fran.page, '08-follow-up');
  // A participant may update their own action, not someone else's.
  await ana.page.goto('/actions');
  await ana.page.getByLabel(`Status of ${ACTIONS[1]!.text}`).selectOption('done');
  await expect(ana.page.getByRole('alert')).toContainText('Only the action’s owner or the facilitator can change its status.');
  await expect(ana.page.getByLabel(`Status of ${ACTIONS[1]!.text}`)).toHaveValue('open');
  await ana.page.getByLabel(`Status of ${ACTIONS[0]!.text}`).selectOption('inProgress');
  await expect(ana.page.getByTestId('followup-action').filter({ hasText: ACTIONS[0]!.text })).toHaveClass(/status-row-inProgress/);
  await fran.page.goto('/incidents?q=pause-subscription');
  await expect(fran.page.getByTestId('incident-row')).toContainText('1 · 2 ·');

  // The next post-mortem starts with the open actions of this one, for review.
  await createBoardViaForm(fran.page, { title: 'Checkout slow after a cache eviction', when: '2026-03-20T10:00', zone: 'Europe/London', name: 'Fran' });
  const previous = fran.page.getByTestId('previous-actions');
  await expect(previous).toContainText('Wrong produce after the pause-subscription API change');
  await expect(previous.getByTestId('previous-action').filter({ hasText: ACTIONS[0]!.text })).toContainText('In progress');
  await expect(previous.getByTestId('previous-action').filter({ hasText: ACTIONS[1]!.text })).toContainText('Ben');
  await expect(previous.getByTestId('previous-action').filter({ hasText: done.text })).toHaveCount(0);
  await screenshot(fran.page, '08-previous-open-actions');

  for (const p of people) await p.context.close();
});
