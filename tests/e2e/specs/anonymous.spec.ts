// Anonymous boards (issue 14): the facilitator makes a phase anonymous before it starts; the author sees "You" on
// their own notes, everyone else sees no name — the facilitator included, who can still remove the note.
import { expect, test } from '@playwright/test';
import { addNote, baseUrl, createBoardViaApi, expectConverged, expectPhase, newPerson, notesWithText, room, screenshot, type Person } from '../support/helpers';

let people: Person[] = [];

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

test('on an anonymous timeline the author sees "You", the others see no name, and the facilitator can still remove the note', async ({ browser }) => {
  const links = await createBoardViaApi('Stale search results after a reindex');
  people = await room(browser, links, ['Ana', 'Ben']);
  const [fran, ana, ben] = people as [Person, Person, Person];

  // Set the room: only the facilitator is offered the choice.
  await expect(ana.page.getByTestId('anonymity-control')).toHaveCount(0);
  await fran.page.getByTestId('anonymity-control').getByLabel('Timeline').check();
  await expect(fran.page.getByTestId('anonymity-control').getByLabel('Timeline')).toBeChecked();
  await fran.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase([fran.page, ana.page, ben.page], 'timeline');
  for (const p of [fran.page, ana.page, ben.page]) await expect(p.getByTestId('anonymous-badge')).toBeVisible();

  const text = 'Reindex started at 09:00 without a freeze';
  await addNote(ana.page, 'What happened?', text, 'Add to timeline');
  await expectConverged([fran.page, ana.page, ben.page]);

  await expect(notesWithText(ana.page, text).locator('.note-author')).toHaveText('You');
  for (const p of [ben.page, fran.page]) {
    await expect(notesWithText(p, text)).toHaveCount(1);
    await expect(notesWithText(p, text).locator('.note-author')).toHaveCount(0);
    await expect(notesWithText(p, text)).not.toContainText('Ana');
  }
  await screenshot(ben.page, '14-anonymous-timeline');

  // The facilitator moderates without knowing who wrote it.
  await notesWithText(fran.page, text).getByRole('button', { name: `Delete note: ${text}` }).click();
  await fran.page.getByRole('button', { name: 'Delete', exact: true }).click();
  for (const p of [fran.page, ana.page, ben.page]) await expect(notesWithText(p, text)).toHaveCount(0);
});

test('the create form makes the whole board anonymous', async ({ browser }) => {
  const fran = await newPerson(browser, 'Fran');
  people = [fran];
  const page = fran.page;
  await page.goto('/new');
  await page.getByLabel('Title').fill('Login loop after a cookie change');
  await page.getByLabel('Incident date and time').fill('2026-03-04T05:30');
  await page.getByLabel('Time zone of the timeline').fill('UTC');
  await page.getByLabel('Your name (facilitator)').fill('Fran');
  await page.getByTestId('create-anonymous-board').check();
  await page.getByRole('button', { name: 'Create post-mortem' }).click();
  await expect(page.getByRole('heading', { name: 'Your post-mortem is ready' })).toBeVisible();

  const preRead = new URL(await page.getByLabel(/Pre-read link/).inputValue());
  const boardId = preRead.pathname.split('/')[2]!;
  const key = preRead.searchParams.get('key')!;
  const view = (await (await fetch(`${baseUrl()}/api/boards/${boardId}/read?key=${encodeURIComponent(key)}`)).json()) as { meta: { anonymousPhases?: string[] } };
  expect(view.meta.anonymousPhases).toEqual(['timeline', 'rootCause', 'contributingFactors', 'actions']);
});
