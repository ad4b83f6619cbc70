// The incident log across post-mortems: filters, CSV, overdue actions and recurring causes.
import { expect, test, type Page } from '@playwright/test';
import { newPerson, openTeamLink, screenshot } from '../support/helpers';
import { closedBoard } from '../support/hub';

async function showsRows(page: Page, url: string, count: number): Promise<void> {
  // Closing a board writes its row just after the lock: look again until it is there.
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId('incident-row')).toHaveCount(count, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

test('the incident log filters by type, status, dates and text, exports CSV, and flags a recurring cause with its reason', async ({ browser }) => {
  // One search word shared by this test's incidents only.
  const tag = `Ledger${Date.now().toString(36)}`;
  const earlier = await closedBoard(browser, {
    title: `${tag} balances drifted after a schema change`,
    incidentAt: '2025-05-06T10:00:00Z',
    incidentType: 'integration',
    rootCause: 'No contract test between the billing service and the ledger service',
    factors: ['The schema change shipped on a Friday evening'],
    actions: [{ text: 'Contract test between billing and ledger', dueDate: '2025-05-20', status: 'done' }],
  });
  const later = await closedBoard(browser, {
    title: `${tag} refunds booked twice`,
    incidentAt: '2025-06-10T10:00:00Z',
    incidentType: 'deployment',
    rootCause: 'Missing contract tests between the billing and ledger services',
    actions: [
      { text: 'Alert on ledger mismatches', dueDate: '2025-06-30' },
      { text: 'Replay tool for ledger corrections', dueDate: '2025-07-15', status: 'inProgress' },
    ],
  });
  const reader = await newPerson(browser, 'Rhea');
  const page = reader.page;
  // Without the team credential the log is a sign-in prompt and shows no incident.
  await page.goto(`/incidents?q=${tag}`);
  await expect(page.getByRole('alert')).toContainText("open your team's access link");
  await expect(page.getByTestId('incident-row')).toHaveCount(0);
  await page.goto('/actions');
  await expect(page.getByRole('alert')).toContainText("open your team's access link");
  await openTeamLink(reader);
  const rows = page.getByTestId('incident-row');
  // By the row's own title: a recurring notice names the other incident too.
  const row = (title: string) => rows.filter({ has: page.locator('.row-title', { hasText: title }) });

  await showsRows(page, `/incidents?q=${tag}`, 2);
  await expect(page.getByLabel('Search')).toHaveValue(tag);
  // Newest first; the later incident names the earlier one and says why.
  await expect(rows.first()).toContainText(`${tag} refunds booked twice`);
  const notice = row('refunds booked twice').getByTestId('recurring');
  await expect(notice).toContainText('Recurring cause');
  await expect(notice).toContainText(`${tag} balances drifted after a schema change`);
  await expect(notice.getByTestId('recurring-reason')).toContainText(/shares the words .*"contract"/i);
  await expect(row('balances drifted').getByTestId('recurring')).toHaveCount(0);
  // Its open actions are past due: the row stands out and counts them.
  await expect(row('refunds booked twice')).toHaveClass(/has-overdue/);
  await expect(row('refunds booked twice').getByTestId('overdue-count')).toHaveText('2');
  await screenshot(page, '12-incident-log');

  // Each filter narrows the server's answer and is kept in the address.
  await page.getByLabel('Type').selectOption('integration');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('balances drifted');
  await expect(page).toHaveURL(/type=integration/);
  await page.getByLabel('Type').selectOption('');
  await page.getByLabel('Status').selectOption('complete');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('balances drifted');
  await expect(rows.first()).toContainText('Complete');
  await page.getByLabel('Status').selectOption('followUp');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('refunds booked twice');
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('From').fill('2025-06-01');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('refunds booked twice');
  await page.getByLabel('From').fill('');
  await page.getByLabel('To').fill('2025-05-31');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('balances drifted');
  await page.getByLabel('To').fill('');
  await page.getByLabel('Search').fill(`${tag} refunds`);
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Search').fill('no incident is called this');
  await expect(page.getByText('No post-mortems match these filters.')).toBeVisible();

  // The CSV link carries the same filters.
  await page.getByLabel('Search').fill(tag);
  await expect(rows).toHaveCount(2);
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toBe(`/api/incidents.csv?q=${tag}`);
  const csv = await (await page.request.get(href!)).text();
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toContain('root cause');
  expect(lines).toHaveLength(3);
  expect(csv).toContain(`${tag} refunds booked twice`);

  // The incident's own page repeats the reason and links the earlier incident.
  await row('refunds booked twice').getByRole('link', { name: `${tag} refunds booked twice` }).click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail.getByTestId('incident-action')).toHaveCount(2);
  await expect(detail.getByTestId('recurring-reason')).toContainText(`with the root cause of "${tag} balances drifted after a schema change"`);
  // Not a participant of that board in this browser: statuses are shown, not editable.
  await expect(detail.getByTestId('action-status-select').filter({ visible: true })).toHaveCount(0);
  await screenshot(page, '13-incident');
  await detail.getByRole('link', { name: `${tag} balances drifted after a schema change` }).click();
  await expect(page.getByRole('heading', { name: `${tag} balances drifted after a schema change` })).toBeVisible();
  expect(page.url()).toContain(earlier.boardId);
  expect(later.boardId).not.toBe(earlier.boardId);

  await reader.context.close();
});
