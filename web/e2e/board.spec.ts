// Reconnects, roles and safety, with a facilitator and two participants in separate browser contexts.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addNote, createBoardViaApi, expectConverged, expectPhase, expectStatus, room, screenshot, type Person } from './helpers';

let people: Person[] = [];

/** A fresh board in its timeline phase, with the facilitator and only the participants a test needs. */
async function timelineRoom(browser: Browser, participants: string[]): Promise<Person[]> {
  people = await room(browser, await createBoardViaApi(), participants);
  await people[0]!.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase(
    people.map((p) => p.page),
    'timeline',
  );
  return people;
}

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

function notesWithText(page: Page, text: string) {
  return page.getByTestId('note').filter({ has: page.getByText(text, { exact: true }) });
}

test('a note added while offline is kept, sent on return, and appears exactly once for everyone', async ({ browser }) => {
  const [fran, ana, ben] = (await timelineRoom(browser, ['Ana', 'Ben'])) as [Person, Person, Person];
  const text = 'Rollback started from the deploy dashboard';
  await ana.context.setOffline(true);
  // Emulated offline does not close an open WebSocket; the client drops it on the browser's offline signal.
  await ana.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await expectStatus(ana.page, 'offline');
  await expect(ana.page.getByTestId('connection-banner')).toContainText('your changes are kept');

  await addNote(ana.page, 'What happened?', text, 'Add to timeline');
  await expect(ana.page.getByTestId('pending-note')).toContainText('sending…');
  await expect(ana.page.getByTestId('connection-banner')).toContainText('1 waiting to send');
  // Meanwhile the room moves on without Ana.
  await addNote(ben.page, 'What happened?', 'Error rate alert fired', 'Add to timeline');
  await expect(notesWithText(fran.page, 'Error rate alert fired')).toHaveCount(1);
  await expect(notesWithText(fran.page, text)).toHaveCount(0);

  await ana.context.setOffline(false);
  await ana.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expectStatus(ana.page, 'connected');
  await expect(ana.page.getByTestId('pending-note')).toHaveCount(0);
  await expectConverged([fran.page, ana.page, ben.page]);
  for (const p of [fran.page, ana.page, ben.page]) {
    await expect(notesWithText(p, text)).toHaveCount(1);
    await expect(notesWithText(p, 'Error rate alert fired')).toHaveCount(1);
  }
  await expect(ana.page.getByTestId('connection-banner')).toHaveCount(0);
});

test('a participant sees no facilitator controls and a forged facilitator command is refused', async ({ browser }) => {
  const [fran, ana] = (await timelineRoom(browser, ['Ana'])) as [Person, Person];
  await expect(ana.page.getByRole('heading', { name: 'Facilitator', exact: true })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: 'Next phase →' })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: /Reveal votes/ })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  const result = await ana.page.evaluate(() => window.postmortem!.client.submit({ type: 'advancePhase' }).result);
  expect(result.status).toBe('rejected');
  expect(result.code).toBe('not_facilitator');
  await expect(ana.page.getByTestId('rejection')).toHaveAttribute('data-code', 'not_facilitator');

  const lock = await ana.page.evaluate(() => window.postmortem!.client.submit({ type: 'lockBoard' }).result);
  expect(lock.code).toBe('not_facilitator');
  await expectConverged([fran.page, ana.page]);
  await expectPhase([fran.page, ana.page], 'timeline');
  await expect(fran.page.getByText('This board is locked')).toHaveCount(0);
});

test('a note with markup is shown as text and runs nothing', async ({ browser }) => {
  const [fran, ben] = (await timelineRoom(browser, ['Ben'])) as [Person, Person];
  const dialogs: string[] = [];
  for (const p of [fran.page, ben.page]) p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const payload = '<img src=x onerror=alert(1)>';
  await addNote(ben.page, 'What happened?', payload, 'Add to timeline');
  for (const p of [fran.page, ben.page]) {
    await expect(notesWithText(p, payload)).toHaveCount(1);
    await expect(p.locator('[data-testid=note] img')).toHaveCount(0);
  }
  // Let a stray handler run (two frames) before asserting that none did.
  await fran.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(dialogs).toEqual([]);
});

test('the language coach hints while someone types and never blocks the note', async ({ browser }) => {
  const [fran, ana] = (await timelineRoom(browser, ['Ana'])) as [Person, Person];
  const field = ana.page.getByLabel('What happened?', { exact: true });
  await field.fill('The developer should have checked the logs');
  const coach = ana.page.getByRole('status').filter({ hasText: 'Blameless language coach' });
  await expect(coach).toBeVisible();
  await expect(coach.locator('mark')).toContainText(/should have/i);
  await ana.page.getByRole('button', { name: 'Add to timeline' }).click();
  await expect(fran.page.getByText('The developer should have checked the logs', { exact: true })).toBeVisible();
});

test('the shared countdown shows a visible and audible "time is up" and cuts nobody off', async ({ browser }) => {
  const [fran, ana] = (await timelineRoom(browser, ['Ana'])) as [Person, Person];
  // Count the tones the page plays (WebAudio oscillators) without needing speakers.
  for (const p of [ana.page]) {
    await p.evaluate(() => {
      const w = window as unknown as { tones: number };
      w.tones = 0;
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.tones++;
        return original.call(this);
      };
    });
  }
  const started = await fran.page.evaluate(() => window.postmortem!.client.submit({ type: 'startTimer', durationSeconds: 2 }).result);
  expect(started.status).toBe('accepted');
  for (const p of [ana.page]) {
    await expect(p.getByTestId('timer')).toContainText('Time is up');
    await expect.poll(() => p.evaluate(() => (window as unknown as { tones: number }).tones)).toBeGreaterThan(0);
  }
  await screenshot(ana.page, '15-time-is-up');
  await addNote(ana.page, 'What happened?', 'Written after the bell', 'Add to timeline');
  await expect(fran.page.getByText('Written after the bell', { exact: true })).toBeVisible();
});
