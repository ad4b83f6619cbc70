// Reconnects, roles and safety, with a facilitator and two participants in separate browser contexts.
import { expect, test, type Browser } from '@playwright/test';
import {
  addNote,
  createBoardViaApi,
  expectConverged,
  expectLive,
  expectPhase,
  expectStatus,
  forgeFrom,
  notesWithText,
  room,
  screenshot,
  twoFrames,
  type ApiBoard,
  type Person,
  goOffline,
  goOnline,
} from '../support/helpers';

let people: Person[] = [];
let current: ApiBoard;

/** A fresh board in its timeline phase, with the facilitator and only the participants a test needs. */
async function timelineRoom(browser: Browser, participants: string[]): Promise<Person[]> {
  current = await createBoardViaApi();
  people = await room(browser, current, participants);
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


test('a note added while offline is kept, sent on return, and appears exactly once for everyone, at the same sequence number', async ({ browser }) => {
  const [fran, ana, ben] = (await timelineRoom(browser, ['Ana', 'Ben'])) as [Person, Person, Person];
  const text = 'Rollback started from the deploy dashboard';
  await goOffline(ana);
  await expect(ana.page.getByTestId('connection-banner')).toContainText('your changes are kept');

  await addNote(ana.page, 'What happened?', text, 'Add to timeline');
  await expect(ana.page.getByTestId('connection-banner')).toContainText('1 waiting to send');
  // Her note stays in sight, marked as waiting (the first client drew it as "sending…"). Soft: the rest of the
  // round trip is checked even where this is missing.
  await expect.soft(ana.page.getByTestId('pending-note')).toContainText('sending…');
  // Meanwhile the room moves on without Ana.
  await addNote(ben.page, 'What happened?', 'Error rate alert fired', 'Add to timeline');
  await expect(notesWithText(fran.page, 'Error rate alert fired')).toHaveCount(1);
  await expect(notesWithText(fran.page, text)).toHaveCount(0);

  await goOnline(ana);
  await expect(ana.page.getByTestId('pending-note')).toHaveCount(0);
  await expectConverged([fran.page, ana.page, ben.page], current);
  for (const p of [fran.page, ana.page, ben.page]) {
    await expect(notesWithText(p, text)).toHaveCount(1);
    await expect(notesWithText(p, 'Error rate alert fired')).toHaveCount(1);
  }
  await expect(ana.page.getByTestId('connection-banner')).toHaveCount(0);
});

test('a command queued offline survives a reload (the tab closed and opened again) and is sent exactly once', async ({ browser }) => {
  const [fran, ana] = (await timelineRoom(browser, ['Ana'])) as [Person, Person];
  const text = 'Cache warmed by hand after the deploy';
  await goOffline(ana);
  await addNote(ana.page, 'What happened?', text, 'Add to timeline');
  await expect(ana.page.getByTestId('connection-banner')).toContainText('1 waiting to send');
  await expect(notesWithText(fran.page, text)).toHaveCount(0);

  // The queue is in this browser's storage. The tab closes while offline (nothing can have been sent), and the
  // board opens again in a new tab once the network is back: its new engine finds the command and sends it.
  await expect.poll(() => ana.page.evaluate((t) => Object.values(localStorage).some((v) => v.includes(t)), text)).toBe(true);
  await ana.page.close();
  await ana.context.setOffline(false);
  ana.page = await ana.context.newPage();
  await ana.page.goto(`/b/${encodeURIComponent(current.boardId)}`);
  await expectLive(ana.page);
  for (const p of [fran.page, ana.page]) await expect(notesWithText(p, text)).toHaveCount(1);
  await expect(ana.page.getByTestId('pending-note')).toHaveCount(0);
  await expectConverged([fran.page, ana.page], current);
  await expect.poll(() => ana.page.evaluate((t) => Object.values(localStorage).some((v) => v.includes(t)), text)).toBe(false);

  // Once sent it is gone from the queue: a second reload sends nothing again.
  await ana.page.reload();
  await expectLive(ana.page);
  await expectConverged([fran.page, ana.page], current);
  for (const p of [fran.page, ana.page]) await expect(notesWithText(p, text)).toHaveCount(1);
});

test('a participant sees no facilitator controls and a forged facilitator command is refused', async ({ browser }) => {
  const [fran, ana] = (await timelineRoom(browser, ['Ana'])) as [Person, Person];
  await expect(ana.page.getByRole('heading', { name: 'Facilitator', exact: true })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: 'Next phase →' })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: /Reveal votes/ })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  // Ana's own board token, used by hand against the hub: the server decides, not the UI.
  expect(await forgeFrom(ana.page, current.boardId, { type: 'advancePhase' })).toMatchObject({ status: 'rejected', code: 'not_facilitator' });
  expect(await forgeFrom(ana.page, current.boardId, { type: 'lockBoard' })).toMatchObject({ status: 'rejected', code: 'not_facilitator' });
  await expectConverged([fran.page, ana.page], current);
  await expectPhase([fran.page, ana.page], 'timeline');
  await expect(fran.page.getByText('This board is locked')).toHaveCount(0);
});

test('a note with markup is shown as text and runs nothing', async ({ browser }) => {
  const [fran, ben] = (await timelineRoom(browser, ['Ben'])) as [Person, Person];
  const dialogs: string[] = [];
  for (const p of [fran.page, ben.page])
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  const payload = '<img src=x onerror=alert(1)>';
  const script = '<script>alert(2)</script>**bold**';
  await addNote(ben.page, 'What happened?', payload, 'Add to timeline');
  await addNote(ben.page, 'What happened?', script, 'Add to timeline');
  for (const p of [fran.page, ben.page]) {
    await expect(notesWithText(p, payload)).toHaveCount(1);
    await expect(notesWithText(p, script)).toHaveCount(1);
    await expect(p.locator('[data-testid=note] img, [data-testid=note] script, [data-testid=note] strong')).toHaveCount(0);
  }
  await twoFrames(fran.page);
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
  await ana.page.evaluate(() => {
    const w = window as unknown as { tones: number };
    w.tones = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.tones++;
      return original.call(this);
    };
  });
  // Two seconds: shorter than any duration the panel offers, so sent by hand with the facilitator's token.
  expect(await forgeFrom(fran.page, current.boardId, { type: 'startTimer', durationSeconds: 2 })).toMatchObject({ status: 'accepted' });
  await expect(ana.page.getByTestId('timer')).toContainText('Time is up');
  await expect.poll(() => ana.page.evaluate(() => (window as unknown as { tones: number }).tones)).toBeGreaterThan(0);
  await screenshot(ana.page, '15-time-is-up');
  await addNote(ana.page, 'What happened?', 'Written after the bell', 'Add to timeline');
  await expect(fran.page.getByText('Written after the bell', { exact: true })).toBeVisible();
});
