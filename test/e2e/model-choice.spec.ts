import { test, expect } from './support/no-egress';
import { DataScreen, WelcomePage } from './pages/app';

test('the shipped model is recalibrated on the demo’s previous year; the choice of model and the backtest survive a reload; the choice can be undone', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.tryDemo();
  await welcome.nav('Data & settings');
  const data = new DataScreen(page);
  // Recalibrated on 2023/24 without being asked: calibration before and after, the chart and its table.
  await expect(data.figure('ece-after')).toHaveText(/^\d+\.\d%$/, { timeout: 60_000 });
  await expect(data.figure('ece-before')).toHaveText(/^\d+\.\d%$/);
  await expect(
    page.getByRole('img', { name: /Chance of PA given against the share who ended \d{4}\/\d{2} PA/ }),
  ).toBeVisible();
  await expect(data.figure('reliability-words').first()).toContainText(
    /Of pupils we gave \d+%–\d+%, \d+% ended the year PA/,
  );
  await expect(data.figure('recommendation')).toContainText('Recommended:');
  await page.getByRole('heading', { name: 'Calibrated to your school' }).scrollIntoViewIfNeeded();
  await data.screenshot('data-model');
  await data.expectAccessible();

  const shipped = page.getByRole('radio', { name: /^Shipped model —|^Shipped model \(recommended\)/ });
  const recalibrated = page.getByRole('radio', { name: /recalibrated on your school/ });
  await recalibrated.check();
  await expect(data.status()).toContainText(
    'Risk now comes from the shipped model recalibrated on your school',
  );
  await data.runBacktest();
  await expect(page.locator('table.bt caption')).toContainText('recalibrated on your school');
  await page.reload();
  await expect(data.heading()).toHaveText('Data and settings');
  await expect(recalibrated).toBeChecked({ timeout: 30_000 });
  // The backtest is kept across the reload, with the model it replayed and when it ran.
  await expect(page.locator('table.bt tbody tr').first()).toBeVisible();
  await expect(page.locator('table.bt caption')).toContainText(
    /recalibrated on your school .*, run \d{4}-\d{2}-\d{2}/,
  );
  await expect(data.figure('model-terms')).toContainText('AUC: the chance that');
  await page.getByRole('button', { name: 'Go back to the shipped model' }).click();
  await expect(shipped).toBeChecked();
  await page.getByRole('button', { name: 'Undo the last choice' }).click();
  await expect(recalibrated).toBeChecked();
  await expect(data.figure('model-in-use')).toContainText('recalibrated on your school', { timeout: 30_000 });
});
