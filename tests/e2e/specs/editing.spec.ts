// Inline editing of notes and why steps, from the keyboard; deleting asks first.
import { expect, test, type Page } from '@playwright/test';
import { addNote, createBoardViaApi, expectPhase, room, screenshot, type Person } from '../support/helpers';

let people: Person[] = [];

test.afterEach(async () => {
  for (const p of people) await p.context.close();
  people = [];
});

function note(page: Page, text: string) {
  return page.getByTestId('note').filter({ has: page.getByText(text, { exact: true }) });
}

test('authors and the facilitator edit notes and why steps inline from the keyboard; others cannot; deleting asks first', async ({ browser }) => {
  people = await room(browser, await createBoardViaApi('Payments timed out during a certificate rotation'), ['Ana', 'Ben']);
  const [fran, ana, ben] = people as [Person, Person, Person];
  const pages = people.map((p) => p.page);
  await fran.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase(pages, 'timeline');

  await addNote(ana.page, 'What happened?', 'Certificate rotated on the gateway', 'Add to timeline');
  await expect(note(ben.page, 'Certificate rotated on the gateway')).toHaveCount(1);
  // Only the author and the facilitator get the tools.
  await expect(ben.page.getByRole('button', { name: 'Edit note: Certificate rotated on the gateway' })).toHaveCount(0);
  await expect(fran.page.getByRole('button', { name: 'Edit note: Certificate rotated on the gateway' })).toHaveCount(1);

  // Ana edits with the keyboard: Enter opens the editor with the text focused, Ctrl+Enter saves.
  await ana.page.getByRole('button', { name: 'Edit note: Certificate rotated on the gateway' }).focus();
  await ana.page.keyboard.press('Enter');
  const editor = ana.page.getByRole('textbox', { name: 'Note text' });
  await expect(editor).toBeFocused();
  await editor.fill('Certificate rotated on the payment gateway at 14:02');
  await ana.page.keyboard.press('Control+Enter');
  for (const p of pages) await expect(note(p, 'Certificate rotated on the payment gateway at 14:02')).toHaveCount(1);
  await expect(ana.page.getByRole('button', { name: 'Edit note: Certificate rotated on the payment gateway at 14:02' })).toBeFocused();

  // Escape leaves an edit without sending it.
  await ana.page.keyboard.press('Enter');
  await ana.page.getByRole('textbox', { name: 'Note text' }).fill('A change nobody should see');
  await ana.page.keyboard.press('Escape');
  await expect(ana.page.getByRole('textbox', { name: 'Note text' })).toHaveCount(0);
  await expect(note(fran.page, 'Certificate rotated on the payment gateway at 14:02')).toHaveCount(1);

  // The facilitator may edit anyone's note.
  await fran.page.getByRole('button', { name: 'Edit note: Certificate rotated on the payment gateway at 14:02' }).click();
  await fran.page.getByRole('textbox', { name: 'Note text' }).fill('Gateway certificate rotated at 14:02');
  await fran.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(note(ana.page, 'Gateway certificate rotated at 14:02')).toHaveCount(1);

  // Delete asks in place; Escape keeps the note, confirming removes it for everyone.
  await ana.page.getByRole('button', { name: 'Delete note: Gateway certificate rotated at 14:02' }).click();
  const ask = ana.page.getByRole('group', { name: 'Delete this note?' });
  await expect(ask.getByRole('button', { name: 'Delete' })).toBeFocused();
  await ana.page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(note(ben.page, 'Gateway certificate rotated at 14:02')).toHaveCount(1);
  await ana.page.getByRole('button', { name: 'Delete note: Gateway certificate rotated at 14:02' }).click();
  await ana.page.keyboard.press('Enter');
  for (const p of pages) await expect(note(p, 'Gateway certificate rotated at 14:02')).toHaveCount(0);

  // Why steps: question and answer edited inline.
  await fran.page.getByRole('button', { name: 'Next phase →' }).click();
  await expectPhase(pages, 'rootCause');
  await ana.page.getByLabel('Start a why chain from an observable symptom').fill('Card payments failed for 20 minutes');
  await ana.page.getByRole('button', { name: 'Start chain' }).click();
  const chain = ana.page.getByTestId('chain');
  await chain.getByLabel('Why?', { exact: true }).fill('Why did payments fail?');
  await chain.getByLabel('Because…', { exact: true }).fill('The gateway rejected the new certifcate');
  await chain.getByRole('button', { name: 'Add why' }).click();
  await expect(ben.page.getByText('The gateway rejected the new certifcate', { exact: true })).toBeVisible();
  await expect(ben.page.getByRole('button', { name: 'Edit step: The gateway rejected the new certifcate' })).toHaveCount(0);

  await ana.page.getByRole('button', { name: 'Edit step: The gateway rejected the new certifcate' }).click();
  await expect(ana.page.getByRole('textbox', { name: 'Edit question' })).toBeFocused();
  await ana.page.getByRole('textbox', { name: 'Edit question' }).fill('Why did card payments fail?');
  await ana.page.getByRole('textbox', { name: 'Edit answer' }).fill('The gateway rejected the new certificate chain');
  await screenshot(ana.page, '14-editing-step');
  await ana.page.keyboard.press('Enter');
  for (const p of pages) {
    await expect(p.getByText('Why did card payments fail?', { exact: true })).toBeVisible();
    await expect(p.getByText('The gateway rejected the new certificate chain', { exact: true })).toBeVisible();
  }

  // Removing a step asks first, too.
  await fran.page.getByRole('button', { name: 'Remove step: The gateway rejected the new certificate chain' }).click();
  await fran.page.getByRole('group', { name: 'Remove this step?' }).getByRole('button', { name: 'Remove step' }).click();
  for (const p of pages) await expect(p.getByTestId('why-step')).toHaveCount(0);
});
