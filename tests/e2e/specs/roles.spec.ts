// The facilitator role moves (hand-over, the secret link) and a participant can be removed.
import { expect, test } from '@playwright/test';
import { baseUrl, createBoardViaApi, expectLive, expectPhase, forgeFrom, newPerson, room, screenshot, storedToken, type Person } from '../support/helpers';
import { submitOverHub } from '../support/hub';

let people: Person[] = [];

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

test('after a hand-over the new facilitator has the controls and the old one not; the secret link takes the role back from a fresh browser', async ({ browser }) => {
  const links = await createBoardViaApi('Queue backlog after a broker upgrade');
  people = await room(browser, links, ['Ana']);
  const [fran, ana] = people as [Person, Person];
  const controls = (p: Person) => p.page.getByRole('heading', { name: 'Facilitator', exact: true });

  // Asked in place; Escape steps back without handing anything over.
  await fran.page.getByRole('button', { name: 'Hand the facilitator role to Ana' }).click();
  await expect(fran.page.getByRole('group', { name: 'Make Ana the facilitator?' })).toBeVisible();
  await fran.page.keyboard.press('Escape');
  await expect(fran.page.getByRole('group', { name: 'Make Ana the facilitator?' })).toHaveCount(0);
  await expect(controls(ana)).toHaveCount(0);

  await fran.page.getByRole('button', { name: 'Hand the facilitator role to Ana' }).click();
  await fran.page.getByRole('group', { name: 'Make Ana the facilitator?' }).getByRole('button', { name: 'Hand over' }).click();
  await expect(controls(ana)).toBeVisible();
  await expect(ana.page.getByTestId('role-notice')).toContainText('You are now the facilitator');
  await expect(controls(fran)).toHaveCount(0);
  await expect(fran.page.getByRole('button', { name: 'Next phase →' })).toHaveCount(0);
  await expect(fran.page.getByTestId('role-notice')).toContainText('You handed the facilitator role to Ana');
  await expect(fran.page.getByTestId('person').filter({ hasText: 'Ana' }).locator('.tag', { hasText: 'facilitator' })).toBeVisible();

  // The server agrees: the old facilitator's commands are refused, the new one's accepted.
  expect(await forgeFrom(fran.page, links.boardId, { type: 'advancePhase' })).toMatchObject({ status: 'rejected', code: 'not_facilitator' });
  await ana.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase([fran.page, ana.page], 'timeline');

  // Fran's laptop died: her secret link, opened in a browser that has never seen the board, takes the role back.
  const laptop = await newPerson(browser, 'Fran');
  people.push(laptop);
  await laptop.page.goto(links.facilitator);
  await expectLive(laptop.page);
  await expect(controls(laptop)).toBeVisible();
  await expect(controls(ana)).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: 'Next phase →' })).toHaveCount(0);
  await expect(controls(fran)).toBeVisible(); // the same participant in her first browser
  await screenshot(laptop.page, '09-facilitator-link');

  // The secret link also brought back the read key (the server derives it from the secret): the write-up opens from this browser.
  const reclaimed = await fetch(`${baseUrl()}/api/boards/${links.boardId}/facilitator`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ facilitatorSecret: links.facilitatorSecret }),
  });
  expect(((await reclaimed.json()) as { readKey?: string }).readKey).toBe(links.readKey);
  await laptop.page.getByRole('button', { name: /Close and share/ }).click();
  await laptop.page.getByRole('link', { name: 'Open printable write-up' }).click();
  await expect(laptop.page.getByTestId('writeup')).toContainText('Queue backlog after a broker upgrade');
});

test('a removed participant sees that they were removed and the server refuses anything more from them', async ({ browser }) => {
  const links = await createBoardViaApi('Search index served stale results');
  people = await room(browser, links, ['Ana', 'Ben']);
  const [fran, ana, ben] = people as [Person, Person, Person];
  const benToken = await storedToken(ben.page, links.boardId);

  await fran.page.getByRole('button', { name: 'Remove Ben' }).click();
  await fran.page.getByRole('group', { name: 'Remove Ben from this post-mortem?' }).getByRole('button', { name: 'Remove' }).click();

  await expect(ben.page.getByTestId('removed')).toBeVisible();
  await expect(ben.page.getByRole('heading', { name: 'You were removed from this post-mortem' })).toBeVisible();
  await screenshot(ben.page, '10-removed');
  for (const p of [fran.page, ana.page]) await expect(p.getByTestId('person')).toHaveCount(2);
  await expect(ana.page.getByTestId('person').filter({ hasText: 'Ben' })).toHaveCount(0);
  // The board is gone from his screen: nothing left to press.
  await expect(ben.page.getByRole('button', { name: 'I agree' })).toHaveCount(0);
  await expect(ben.page.locator('.board')).toHaveCount(0);

  // His token, used by hand, is refused at the door.
  const forged = await submitOverHub(ben.page, benToken, links.boardId, [{ type: 'setReady', ready: true }]);
  expect(forged.fatal?.code ?? forged.acks[0]?.code).toBe('participant_removed');
  // A reload connects afresh with his token: the server refuses the join.
  await ben.page.reload();
  await expect(ben.page.getByTestId('removed')).toBeVisible();
  // And over HTTP too.
  const r = await fetch(`${baseUrl()}/api/actions/any-note`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${benToken}` },
    body: JSON.stringify({ status: 'done' }),
  });
  expect(r.status).toBe(403);
  expect(((await r.json()) as { code: string }).code).toBe('participant_removed');
  // The others carry on.
  await fran.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase([fran.page, ana.page], 'timeline');
});
