import { test, expect } from './support/no-egress';
import { TodayPage, WelcomePage } from './pages/app';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

test("the officer's morning: stage 1 letters for three pupils, printed and recorded; the follow-up due on its date; a bookmarked view", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The browser's print dialog cannot be driven: count the calls instead.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.tryDemo();

  const today = new TodayPage(page);
  await today.nav('Today');
  await expect(today.heading()).toHaveText("Today's list");
  const last = await today.asOfInput().inputValue();
  // Three weeks before the last register: the school as it stood then.
  const asOf = addDays(last, -21);
  await today.setAsOf(asOf);
  expect(page.url()).toContain(`asOf=${asOf}`);
  await today.screenshot('today');
  await today.expectAccessible();

  await today.filterYearGroup('Year 9');
  await expect(today.rows().first()).toContainText('Y9');
  const chosen = await today.select(3);
  const followUp = addDays(asOf, 7);
  await today.printLetters('Attendance: stage 1', 'JS', followUp, 3);
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // Print preview: three letters, one per page, each with that pupil's own figures; the screen is not printed.
  await page.emulateMedia({ media: 'print' });
  await expect(today.letters()).toHaveCount(3);
  for (const [i, p] of chosen.entries()) {
    const letter = today.letters().nth(i);
    await expect(letter).toBeVisible();
    await expect(letter).toContainText(`Dear parent or carer of ${p.name}`);
    await expect(letter).toContainText(`is ${p.attendance}:`);
    await expect(letter).toContainText('Demo data');
  }
  await expect(today.rows().first()).toBeHidden();
  expect(
    await today
      .letters()
      .first()
      .evaluate((e) => getComputedStyle(e).breakAfter),
  ).toBe('page');
  await today.screenshot('letters-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Done' }).click();

  // The follow-up is not due the day before its date, and is due on it.
  await today.filterYearGroup('All');
  await today.filterOwner('JS');
  await today.onlyFollowUpDue();
  await today.setAsOf(addDays(followUp, -1));
  await expect(today.rows()).toHaveText(['No pupils to contact with these filters.']);
  await today.setAsOf(followUp);
  await expect(today.rows()).toHaveCount(3);
  for (const p of chosen)
    await expect(today.rows().filter({ hasText: p.name })).toContainText('Follow-up due');

  // Bookmark this view and reopen it: the same filters, date and pupils.
  const bookmark = page.url();
  expect(bookmark).toMatch(/#\/today\?.*due=1/);
  const again = new TodayPage(await page.context().newPage());
  await again.page.goto(bookmark);
  await expect(again.heading()).toHaveText("Today's list", { timeout: 30_000 });
  await expect(again.figure('as-of')).toHaveText(followUp);
  await expect(again.page.getByLabel('Follow-up due')).toBeChecked();
  await expect(again.ownerSelect()).toHaveValue('JS');
  await expect(again.rows()).toHaveCount(3);
  for (const p of chosen) await expect(again.rows().filter({ hasText: p.name })).toHaveCount(1);
});
