// Hand-off: a closed post-mortem's write-up offers its follow-up meeting and each action's due date as calendar
// files a calendar app opens (the shared e2e server has no tracker configured, so no "create issue" link shows).
import { expect, test } from '@playwright/test';
import { newPerson, screenshot } from '../support/helpers';
import { closedBoard, links } from '../support/hub';

test('the write-up hands off the follow-up meeting and each action as calendar files', async ({ browser }) => {
  const board = await closedBoard(browser, {
    title: `Hand-off ${Date.now().toString(36)}: invoices sent twice`,
    incidentAt: '2026-02-10T09:00:00Z',
    incidentType: 'deployment',
    rootCause: 'The retry queue had no idempotency key',
    actions: [
      { text: 'Idempotency key on invoice sends, "billing" & #ops', dueDate: '2026-02-20' },
      { text: 'Alert on duplicate invoice numbers', dueDate: '2026-02-27' },
    ],
  });
  const reader = await newPerson(browser, 'Rhea');
  const page = reader.page;
  await page.goto(links(board).writeUp);

  const handOff = page.getByTestId('handoff');
  await expect(handOff.getByRole('heading', { name: 'Hand-off' })).toBeVisible();
  await expect(handOff.getByTestId('create-issue')).toHaveCount(0);
  const calendars = handOff.getByTestId('action-ics');
  await expect(calendars).toHaveCount(2);
  await screenshot(page, '20-handoff');

  // What the links download is what a calendar app reads: all-day events on the right dates.
  const action = await page.request.get(await calendars.first().getAttribute('href') as string);
  expect(action.status()).toBe(200);
  expect(action.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const ics = (await action.text()).replace(/\r\n /g, '');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain('DTSTART;VALUE=DATE:20260220\r\n');
  expect(ics).toContain('SUMMARY:Action due: Idempotency key on invoice sends\\, "billing" & #ops\r\n');
  const followUp = await page.request.get(await handOff.getByTestId('follow-up-ics').getAttribute('href') as string);
  expect(await followUp.text()).toContain('DTSTART;VALUE=DATE:20261201\r\n');
});
