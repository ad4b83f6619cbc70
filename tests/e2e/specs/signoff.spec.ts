// People who could not attend read the write-up and sign off on the actions by name.
import { expect, test } from '@playwright/test';
import { newPerson, openTeamLink, screenshot } from '../support/helpers';
import { closedBoard, links } from '../support/hub';

test('a reader signs off by name from the read link and the write-up shows who signed and when', async ({ browser }) => {
  const board = await closedBoard(browser, {
    title: 'Invoices sent twice after a retry storm',
    incidentAt: '2026-01-12T08:00:00Z',
    rootCause: 'Retries of the invoice job were not idempotent',
    actions: [
      { text: 'Make invoice sending idempotent', dueDate: '2026-01-30' },
      { text: 'Alert on duplicate invoice numbers', dueDate: '2026-02-06' },
    ],
  });
  const dana = await newPerson(browser, 'Dana');
  await dana.page.goto(links(board).signOff);

  const writeup = dana.page.getByTestId('writeup');
  await expect(writeup.getByTestId('writeup-action')).toHaveCount(2);
  await expect(writeup).toContainText('Nobody has signed off on the actions yet.');
  await dana.page.getByLabel('Your name').fill('Dana Okafor');
  await dana.page.getByRole('button', { name: 'I agree to the actions' }).click();
  await expect(dana.page.getByRole('status').filter({ hasText: 'your sign-off is recorded' })).toContainText('Thank you, Dana Okafor');
  const signed = writeup.getByTestId('signoff');
  await expect(signed).toHaveCount(1);
  await expect(signed).toContainText('Dana Okafor agreed to the actions on');
  // "When" in the incident's zone, e.g. "Sat 21 Nov, 23:59 (Europe/London)".
  await expect(signed).toContainText(/\w{3} \d{1,2} \w{3}, \d{2}:\d{2} \(Europe\/London\)/);
  await screenshot(dana.page, '11-sign-off');

  // Anyone with the read link sees the signature on the write-up; signing twice adds no second line.
  const eve = await newPerson(browser, 'Eve');
  await eve.page.goto(links(board).signOff);
  await eve.page.getByLabel('Your name').fill('dana okafor');
  await eve.page.getByRole('button', { name: 'I agree to the actions' }).click();
  await expect(eve.page.getByRole('status').filter({ hasText: 'your sign-off is recorded' })).toBeVisible();
  await eve.page.goto(links(board).writeUp);
  await expect(eve.page.getByTestId('signoff')).toHaveCount(1);
  await expect(eve.page.getByTestId('signoff')).toContainText('Dana Okafor');

  // The incident log keeps it too (written just after the sign-off, so look again until it is there), for the
  // team: the read link signs off but does not open the log.
  await eve.page.goto(`/incidents/${board.boardId}`);
  await expect(eve.page.getByRole('alert')).toContainText('open your team');
  await openTeamLink(eve);
  await expect(async () => {
    await eve.page.goto(`/incidents/${board.boardId}`);
    await expect(eve.page.getByTestId('incident-detail').locator('.signoff-list li')).toContainText('Dana Okafor', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  for (const p of [dana, eve]) await p.context.close();
});
