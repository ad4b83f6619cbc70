// Names as roles: people give their role in the incident when they join; the write-up's "Names / Roles" switch
// replaces every name by those roles, on the page and in its exports. (specs/roles.spec.ts is about the facilitator
// role moving; this one is about roles in the incident.)
import { expect, test } from '@playwright/test';
import { baseUrl, expectLive, newPerson, screenshot, waitInteractive, type Person } from '../support/helpers';
import { links, type CreatedBoard } from '../support/hub';

let people: Person[] = [];

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

test('a participant joins with their role, and the write-up switched to roles shows the roles and none of the names', async ({ browser }) => {
  const r = await fetch(`${baseUrl()}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Checkout errors after a config change',
      incidentAt: '2026-03-04T05:30:00Z',
      incidentType: 'deployment',
      severity: 2,
      facilitatorName: 'Fran Okafor',
      facilitatorJobRole: 'incident commander',
      timeZone: 'Europe/London',
      preWork: '2026-03-04 05:30 Ana deployed the config change\n2026-03-04 06:10 Fran paged Ana',
    }),
  });
  expect(r.status).toBe(201);
  const board = links((await r.json()) as CreatedBoard);

  const ana = await newPerson(browser, 'Ana');
  people = [ana];
  await ana.page.goto(board.join);
  await waitInteractive(ana.page);
  await ana.page.getByLabel('Your name').fill('Ana');
  await ana.page.getByLabel('Your role in this incident (optional)').fill('on-call engineer');
  await ana.page.getByRole('button', { name: 'Join' }).click();
  await expectLive(ana.page);
  const anaInList = ana.page.getByTestId('person').filter({ hasText: 'Ana (you)' });
  await expect(anaInList.getByTestId('person-role')).toHaveText('· on-call engineer');
  await expect(ana.page.getByTestId('person').filter({ hasText: 'Fran Okafor' }).getByTestId('person-role')).toHaveText('· incident commander');

  // The write-up shows names until the switch is flipped; it is two links, so it works without any script.
  const reader = await newPerson(browser, 'Reader');
  people.push(reader);
  await reader.page.goto(board.writeUp);
  const writeup = reader.page.getByTestId('writeup');
  const switcher = reader.page.getByRole('navigation', { name: 'Show people by' });
  await expect(writeup).toContainText('Ana deployed the config change');
  await expect(switcher.getByRole('link', { name: 'Names' })).toHaveAttribute('aria-current', 'true');

  await switcher.getByRole('link', { name: 'Roles' }).click();
  await expect(reader.page).toHaveURL(/[?&]roles=1/);
  await expect(switcher.getByRole('link', { name: 'Roles' })).toHaveAttribute('aria-current', 'true');
  await expect(writeup).toContainText('on-call engineer deployed the config change');
  await expect(writeup).toContainText('incident commander paged on-call engineer');
  for (const name of ['Ana', 'Fran', 'Okafor']) await expect(writeup).not.toContainText(name);
  await screenshot(reader.page, 'roles');

  // The exports offered on the page follow the switch.
  const markdownHref = await reader.page.getByRole('link', { name: 'Export Markdown' }).getAttribute('href');
  expect(markdownHref).toMatch(/[?&]roles=1/);
  const markdown = await (await reader.page.request.get(markdownHref!)).text();
  expect(markdown).toContain('on-call engineer deployed the config change');
  for (const name of ['Ana', 'Fran', 'Okafor']) expect(markdown).not.toContain(name);

  // And back to names.
  await switcher.getByRole('link', { name: 'Names' }).click();
  await expect(writeup).toContainText('Fran paged Ana');
});
