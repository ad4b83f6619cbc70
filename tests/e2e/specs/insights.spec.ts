// Incident insights (/insights): server-drawn SVG charts with their numbers in tables, read in a browser with
// JavaScript off (so no WebAssembly either), for the team only; no serious or critical axe violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, newPerson, openTeamLink, screenshot } from '../support/helpers';
import { teamKey } from '../support/env';
import { closedBoard } from '../support/hub';

test('the insights page draws every chart with its table and CSV link without JavaScript, for the team only', async ({ browser }) => {
  // February 2024 is this spec's own period: no other spec has incidents there.
  const tag = `Insight${Date.now().toString(36)}`;
  await closedBoard(browser, {
    title: `${tag} checkout deploy broke payments`,
    incidentAt: '2024-02-06T10:00:00Z',
    incidentType: 'deployment',
    rootCause: 'No canary stage for checkout deploys',
    timeline: [
      { text: 'Deploy of checkout', at: '2024-02-06T10:00:00Z', moment: 'trigger' },
      { text: 'Payments start failing', at: '2024-02-06T10:05:00Z', moment: 'impactStart' },
      { text: 'Alert fires', at: '2024-02-06T10:35:00Z', moment: 'detected' },
      { text: 'Rollback done', at: '2024-02-06T12:05:00Z', moment: 'resolved' },
    ],
    actions: [{ text: 'Add a canary stage', dueDate: '2024-02-20', status: 'done' }, { text: 'Page on payment errors', dueDate: '2024-02-28' }],
  });
  await closedBoard(browser, {
    title: `${tag} payments deploy without canary`,
    incidentAt: '2024-02-20T09:00:00Z',
    incidentType: 'deployment',
    rootCause: 'Checkout deploys have no canary stage',
    timeline: [
      { text: 'Deploy of payments', at: '2024-02-20T09:00:00Z', moment: 'impactStart' },
      { text: 'Customer tickets', at: '2024-02-20T10:00:00Z', moment: 'detected' },
    ],
    actions: [{ text: 'Canary for payments', dueDate: '2024-03-01', status: 'wontDo' }],
  });

  const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: false });
  const page = await context.newPage();
  const period = '/insights?from=2024-01&to=2024-03&type=deployment';
  // Without the team credential: how to get it, and no chart.
  await page.goto(period);
  await expect(page.getByRole('alert')).toContainText("open your team's access link");
  await expect(page.locator('svg[role="img"]')).toHaveCount(0);

  await page.goto(`/access/${teamKey()}`);
  await expect(page).toHaveURL(/\/incidents$/);
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incident insights');

  // Closing a board writes its record just after the lock: look again until both are in.
  await expect(async () => {
    await page.goto(period);
    await expect(page.getByRole('table', { name: 'Incidents per month by type' }).getByRole('row', { name: /Feb 2024/ })).toContainText('2', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // Every chart is an image with a name, beside a table of its numbers and a CSV link.
  for (const name of ['Incidents per month by type', 'Incidents per month by severity', 'Median time to detect and to resolve per month, in hours',
    'Most recurring causes, by number of incidents', 'Actions per month by state: done, open, overdue, dropped', 'Median days from the close to done, per month']) {
    await expect(page.getByRole('img', { name })).toBeVisible();
  }
  for (const chart of ['incidents-by-type', 'incidents-by-severity', 'response-times', 'recurring-causes', 'follow-through']) {
    await expect(page.locator(`a[href="/insights/${chart}.csv?from=2024-01&to=2024-03&type=deployment"]`)).toBeVisible();
  }

  // The numbers: February's two deployments; times to detect of 30 and 60 minutes (median 0.8 h); one theme of two incidents.
  const byType = page.getByRole('table', { name: 'Incidents per month by type' });
  await expect(byType.getByRole('row', { name: /Feb 2024/ }).getByRole('cell')).toHaveText(['2', '2']);
  const medians = page.getByRole('table', { name: 'Median hours to detect and to resolve per month' });
  await expect(medians.getByRole('row', { name: /Feb 2024/ }).getByRole('cell')).toHaveText(['0.8', '2']);
  await expect(page.getByRole('table', { name: 'Time to detect and time to resolve per incident' })).toContainText('30 min');
  const causes = page.getByRole('table', { name: 'Most recurring causes' });
  await expect(causes.getByRole('row', { name: /No canary stage for checkout deploys/ }).getByRole('cell').nth(1)).toHaveText('2');
  const follow = page.getByRole('table', { name: 'Actions per month by state, and median days to done' });
  // done, open, overdue, dropped, median days to done (done during the meeting: 0 days from the close)
  await expect(follow.getByRole('row', { name: /Feb 2024/ }).getByRole('cell')).toHaveText(['1', '0', '1', '1', '0']);

  // The CSV of a chart, as the link serves it.
  const csv = await context.request.get(`/insights/incidents-by-type.csv?from=2024-01&to=2024-03&type=deployment`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toBe('month,total,deployment\r\n2024-01,0,0\r\n2024-02,2,2\r\n2024-03,0,0\r\n');

  await screenshot(page, 'insights');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'insights-print');
  await context.close();

  // axe runs as a script in the page, so it scans the same server-rendered page in a browser with JavaScript on.
  const scanned = await newPerson(browser, 'Ada');
  await openTeamLink(scanned);
  await scanned.page.goto(period);
  await expect(scanned.page.getByRole('img', { name: 'Incidents per month by type' })).toBeVisible();
  const result = await new AxeBuilder({ page: scanned.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await scanned.context.close();
});
