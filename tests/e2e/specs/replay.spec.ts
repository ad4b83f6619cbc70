// Session replay (issue 14): the worked example, run and locked, then replayed by a read-link holder — scrubbed back to
// the timeline phase, the board shows exactly the notes that existed then; the same with JavaScript off (the GET form).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addNote, baseUrl, createBoardViaForm, expectConverged, expectPhase, joinBoard, newPerson, openAsFacilitator, screenshot } from '../support/helpers';

const PRE_WORK = [
  '2026-03-03 16:47 API change for "pause subscription" deployed',
  '2026-03-04 05:30 signal: Overnight reconciliation job ran against the new response shape',
  '2026-03-04 09:00 First customer emails about wrong products',
  '2026-03-04 09:35 On-call engineer identifies the format mismatch',
  '2026-03-04 11:14 Fix deployed',
].join('\n');

const SIGNAL = 'No alert fired on the reconciliation output';
const PARKED = 'Why does the job not validate what it reads?';
// What the board held when the meeting left the timeline: the pre-work, Ana's signal and her parked question.
const TIMELINE_NOTES = [
  'API change for "pause subscription" deployed',
  'Overnight reconciliation job ran against the new response shape',
  'First customer emails about wrong products',
  'On-call engineer identifies the format mismatch',
  'Fix deployed',
  SIGNAL,
  PARKED,
].sort();
const FACTOR = 'The reconciliation job had no alerting';
// Not one of the worked example's actions: that spec finds its actions by text on the shared follow-up page.
const ACTION = 'Replay the reconciliation job against a paused subscription in staging';

async function advance(fac: Page, everyone: Page[], phase: string): Promise<void> {
  await fac.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase(everyone, phase);
}

async function notesShown(page: Page): Promise<string[]> {
  const texts = await page.getByTestId('replay-frame').getByTestId('replay-note').locator('.replay-note-text').allTextContents();
  return texts.map((t) => t.trim()).sort();
}

/** The seq just before the meeting moved on to root cause: the end of the timeline phase, read from the scrubber's marks. */
async function endOfTimeline(page: Page): Promise<number> {
  const href = await page.getByTestId('replay-mark').filter({ hasText: 'Root cause' }).getAttribute('href');
  return Number(new URL(href!, baseUrl()).searchParams.get('at')) - 1;
}

test('a locked worked example replays: scrubbed back to the timeline it shows exactly the notes of then, with and without JavaScript', async ({ browser }) => {
  const fran = await newPerson(browser, 'Fran');
  const ana = await newPerson(browser, 'Ana');
  const links = await createBoardViaForm(fran.page, {
    // Its own title: the worked example's spec finds its board in the incident log by its title's words.
    title: `Replay ${Date.now().toString(36)}: wrong produce after the API change`,
    when: '2026-03-04T05:30',
    zone: 'Europe/London',
    name: 'Fran',
    preWork: PRE_WORK,
  });
  await openAsFacilitator(fran, links.facilitator);
  await joinBoard(ana, links.join);
  const pages = [fran.page, ana.page];

  // Before the board is locked, the replay says when it opens.
  const replayUrl = links.preRead.replace('/read?', '/replay?');
  const early = await newPerson(browser, 'Dana');
  await early.page.goto(replayUrl);
  await expect(early.page.getByRole('alert')).toContainText('The replay opens once the facilitator has locked or closed the board');
  await early.context.close();

  await advance(fran.page, pages, 'timeline');
  await ana.page.getByLabel('Lane', { exact: true }).selectOption('signal');
  await ana.page.getByLabel('When (Europe/London)', { exact: true }).fill('2026-03-04T05:45');
  await addNote(ana.page, 'What happened?', SIGNAL, 'Add to timeline');
  await addNote(ana.page, 'Park a question', PARKED, 'Park it');
  await expect(fran.page.getByText(PARKED, { exact: true })).toBeVisible();

  await advance(fran.page, pages, 'rootCause');
  await ana.page.getByLabel('Start a why chain from an observable symptom').fill('Customers received produce they are allergic to');
  await ana.page.getByRole('button', { name: 'Start chain' }).click();
  await expect(fran.page.getByTestId('chain')).toBeVisible();

  await advance(fran.page, pages, 'contributingFactors');
  await addNote(ana.page, 'A contributing factor', FACTOR, 'Add factor');
  await expect(fran.page.getByText(FACTOR, { exact: true })).toBeVisible();

  await advance(fran.page, pages, 'actions');
  await addNote(ana.page, 'Propose an action', ACTION, 'Add action');
  for (const p of pages) await p.getByRole('button', { name: `Vote for: ${ACTION}` }).click();
  await fran.page.getByRole('button', { name: /Reveal votes/ }).click();
  await expect(ana.page.locator('.tally').first()).toHaveText('2 votes');

  await advance(fran.page, pages, 'close');
  await fran.page.getByRole('button', { name: 'Lock board' }).click();
  await expect(ana.page.getByText('This board is locked')).toBeVisible();
  await expectConverged(pages);

  // From the write-up to the replay, which opens at the end of the session.
  await fran.page.getByRole('link', { name: 'Open printable write-up' }).click();
  await fran.page.getByRole('link', { name: 'Session replay' }).click();
  const frame = fran.page.getByTestId('replay-frame');
  await expect(frame).toBeVisible();
  const last = Number(await fran.page.getByLabel('Position in the session').getAttribute('max'));
  await expect(frame).toHaveAttribute('data-seq', String(last));
  for (const phase of ['Timeline', 'Root cause', 'Contributing factors', 'Actions', 'Close and share', 'Board locked']) {
    await expect(fran.page.getByTestId('replay-mark').filter({ hasText: phase })).toBeVisible();
  }
  await expect(frame.getByTestId('replay-votes')).toHaveText('2 votes');
  await expect(frame.getByTestId('replay-step').last()).toContainText('Fran locked the board');

  // Dragging back to the end of the timeline phase fetches that frame: exactly the notes that existed then.
  const at = await endOfTimeline(fran.page);
  await fran.page.getByLabel('Position in the session').fill(String(at));
  await expect(frame).toHaveAttribute('data-seq', String(at));
  expect(await notesShown(fran.page)).toEqual(TIMELINE_NOTES);
  await expect(frame.getByTestId('replay-chain')).toHaveCount(0);
  await expect(frame.getByTestId('replay-step').last()).toContainText(`Ana parked a question “${PARKED}”`);
  await expect(fran.page).toHaveURL(new RegExp(`at=${at}`));
  await screenshot(fran.page, 'replay');
  // Claim 42 for this page too: no serious or critical axe violation.
  const scan = await new AxeBuilder({ page: fran.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Names replaced by roles: the switch applies at once.
  await fran.page.getByLabel('Replace names by roles').check();
  await expect(frame.getByTestId('replay-step').last()).toContainText('participant 1 parked a question');
  await expect(frame).not.toContainText('Ana');

  // Without JavaScript: the same through the GET form and its Show button.
  const noScript = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto(replayUrl);
  await expect(page.getByTestId('replay-frame')).toHaveAttribute('data-seq', String(last));
  await expect(page.getByRole('button', { name: 'Play' })).toBeHidden();
  await page.getByLabel('Position in the session').fill(String(at));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('replay-frame')).toHaveAttribute('data-seq', String(at));
  expect(await notesShown(page)).toEqual(TIMELINE_NOTES);

  await noScript.close();
  await fran.context.close();
  await ana.context.close();
});
