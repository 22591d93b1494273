import type { Locator, Page } from '@playwright/test';
import { DesignerPage } from '../../pages/designer-page';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The spec's team entries, as the editor holds them. */
async function teams(designer: DesignerPage): Promise<unknown[]> {
  return (JSON.parse(await designer.specText()) as { teams: unknown[] }).teams;
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement));
}

test('designs an experiment from the quickstart spec, checks it as it is typed and runs it', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  const designer = new DesignerPage(page);
  await designer.open();
  await expect(designer.navLink).toHaveAttribute('aria-current', 'page');
  expect(page.url()).toMatch(/#\/designer$/);

  // It starts with the quickstart example, valid, with its grid counted by the registry.
  await designer.expectCheck('valid');
  const original = await designer.specText();
  expect(original).toContain('"name": "Voting vs team size"');
  await expect(designer.origin).toContainText('Voting vs team size');
  await expect(designer.valid).toContainText('Valid');
  await expect(designer.cells).toHaveText('4 cells');
  await expect(designer.trials).toHaveText('320 trials');
  await expect(designer.valid).toContainText('40 items');
  await expect(designer.valid).toContainText('2 repetitions');
  // single + votes of 3, 5 and 9: 18 calls per item, 80 items × repetitions; a vote sends no messages.
  await expect(designer.calls).toHaveText('1,440 model calls');
  await expect(designer.messages).toHaveText('0 messages');
  await expect(designer.cellRows).toHaveCount(4);
  const vote9 = designer.cellRow(3);
  await expect(vote9.label).toHaveText('vote (majority)');
  await expect(vote9.size).toHaveText('9');
  await expect(vote9.calls).toHaveText('9');
  await expect(vote9.messages).toHaveText('0');
  await expect(vote9.rounds).toHaveText('1');
  await expect(designer.warnings).toHaveCount(0);
  // Simulated models take no real time: the lab's basis says so instead of a duration.
  await expect(designer.estimate).toContainText(/simulated/i);
  await expect(designer.help).toHaveText('Fields are described in docs/experiment-spec.md; unknown fields are errors.');
  await expect(designer.keysHelp).toContainText('To leave the editor press Esc then Tab');
  await expect(designer.runButton).toBeEnabled();
  await expect(designer.createButton).toBeEnabled();
  await page.screenshot({ path: 'test-results/designer.png', fullPage: true });

  // A vote of size 0: the lab's issue names the field, the editor underlines the 0, and nothing can be created.
  await designer.replaceInSpec('"sizes": [3, 5, 9]', '"sizes": [0, 5, 9]');
  await designer.expectCheck('invalid');
  await expect(designer.issues).toHaveText(['teams[1].sizes[0]: must be an integer between 1 and 1000, got 0']);
  await expect(designer.underlined('error')).toHaveText(['0']);
  await expect(designer.runButton).toBeDisabled();
  await expect(designer.createButton).toBeDisabled();
  // The issue's path leads to its place: the 0 selected, the editor focused.
  await designer.issues.first().getByTestId('designer-issue-goto').click();
  await expect(designer.spec).toBeFocused();
  expect(await designer.spec.evaluate((el) => el.ownerDocument.getSelection()?.toString())).toBe('0');
  await page.screenshot({ path: 'test-results/designer-issues.png', fullPage: true });

  // An unknown field: its name is underlined.
  await designer.setSpec(original.replace('"temperature": 0.7', '"temprature": 0.7'));
  await designer.expectCheck('invalid');
  await expect(designer.issues.first()).toContainText('agents.temprature: is not a known field');
  await expect(designer.underlined('error')).toHaveText(['"temprature"']);

  // Not JSON at all: a syntax error with its line and column, marked in the editor, and a way there.
  await designer.setSpec(original.replace('"repetitions": 2,', '"repetitions": 2'));
  await designer.expectCheck('syntax');
  await expect(designer.syntaxError).toContainText(/Line \d+, column \d+: a "," is missing after this value/);
  await expect(designer.editor.locator('.cm-lint-marker-error')).toHaveCount(1);
  await expect(designer.runButton).toBeDisabled();
  await designer.syntaxError.getByTestId('designer-syntax-goto').click();
  await expect(designer.spec).toBeFocused();
  await expect(designer.spec.locator('.cm-activeLine')).toContainText('"repetitions": 2');
  await page.screenshot({ path: 'test-results/designer-syntax.png', fullPage: true });

  // Fixed, and renamed (the quickstart test looks for its own experiment by name): valid again, and it runs to the end.
  await designer.setSpec(original.replace('"name": "Voting vs team size"', '"name": "Designed: majority vote by size"'));
  await designer.expectCheck('valid');
  await expect(designer.trials).toHaveText('320 trials');
  await expect(designer.editor.locator('.cm-lint-marker-error')).toHaveCount(0);
  await designer.runButton.click();

  await expect(experimentPage.view).toBeVisible();
  expect(experimentPage.currentId()).toBeTruthy();
  await expect(experimentPage.name).toHaveText('Designed: majority vote by size');
  await experimentPage.expectStatus('completed', 30_000);
  const { finished, total } = await experimentPage.progress();
  expect(total).toBe(320);
  expect(finished).toBe(total);
  await expect(experimentPage.errorBanners).toHaveCount(0);
});

test('the form composes any structure from the registry and writes it into the JSON', async ({ experimentsPage, page }) => {
  await experimentsPage.goto();
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.expectCheck('valid');
  await expect(designer.teamEntries).toHaveCount(2);
  await expect(designer.teamEntries.nth(1)).toContainText('team sizes 3, 5, 9 · rule majority');

  // Every structure of the registry is offered.
  await expect(designer.structure.locator('option')).toHaveText(['Single agent', 'Vote', 'Debate', 'Leader–worker', 'Hierarchical', 'Pipeline', 'Mixture of agents', 'Coding team']);

  // A debate of 4 under a final majority vote, over two round counts and two topologies.
  await designer.structure.selectOption('debate');
  await expect(designer.param('sizes')).toHaveValue('3');
  await designer.param('sizes').fill('4');
  await designer.param('rounds').fill('1, 2');
  await designer.teamForm.getByRole('checkbox', { name: 'ring' }).check();
  await designer.param('finalRule').selectOption('majority');
  await designer.teamLabel.fill('debate of four');
  await designer.addTeam.click();
  await expect(designer.teamStatus).toHaveText('Added teams[2] in the spec; the check follows.');
  await designer.expectCheck('valid');
  expect((await teams(designer))[2]).toEqual({
    structure: 'debate',
    label: 'debate of four',
    sizes: [4],
    rounds: [1, 2],
    topology: ['full', 'ring'],
    mode: 'sync',
    finalRule: 'majority',
  });
  await expect(designer.teamEntries).toHaveCount(3);

  // Counted by the registry: 4 + 2 × 2 cells; the debates send messages (full: n(n−1), ring: 2n per round).
  await expect(designer.cells).toHaveText('8 cells');
  await expect(designer.trials).toHaveText('640 trials');
  await expect(designer.calls).toHaveText('4,640 model calls');
  await expect(designer.messages).toHaveText('4,800 messages');
  const fullR2 = designer.cellRow(6);
  await expect(fullR2.label).toHaveText('debate of four · r=2 · full');
  await expect(fullR2.size).toHaveText('4');
  await expect(fullR2.calls).toHaveText('12');
  await expect(fullR2.messages).toHaveText('24');
  await expect(fullR2.rounds).toHaveText('3');

  // Even size under a majority rule: a warning, in the panel and in the text, that does not block.
  await expect(designer.warnings).toHaveText([/^teams\[2\]\.sizes\[0\]: the final majority vote of 4 debaters can tie 2–2/]);
  await expect(designer.underlined('warning')).toHaveText(['4']);
  await expect(designer.runButton).toBeEnabled();
  await page.screenshot({ path: 'test-results/designer-form.png', fullPage: true });

  // Editing an entry loads it into the form; updating writes it back in place.
  await designer.teamEntries.nth(1).getByTestId('team-edit').click();
  await expect(designer.structure).toBeFocused();
  await expect(designer.structure).toHaveValue('vote');
  await expect(designer.param('sizes')).toHaveValue('3, 5, 9');
  await designer.param('sizes').fill('3, 5, 7');
  await designer.param('aggregate').selectOption('plurality');
  await designer.updateTeam.click();
  await designer.expectCheck('valid');
  // The example's other fields stay as they were.
  expect((await teams(designer))[1]).toEqual({ structure: 'vote', sizes: [3, 5, 7], aggregate: 'plurality', weightBy: 'confidence' });
  await expect(designer.warnings).toHaveCount(1);

  // A team of its own agents: the size follows from the list.
  await page.getByTestId('team-new').click();
  await designer.structure.selectOption('vote');
  await designer.param('sizes').fill('');
  await designer.teamForm.locator('details.agents summary').click();
  await page.getByTestId('team-agent-add').click();
  await expect(page.getByTestId('team-agent-model').first()).toBeFocused();
  await page.getByTestId('team-agent-model').nth(0).fill('sim:weak');
  await page.getByTestId('team-agent-count').nth(0).fill('2');
  await page.getByTestId('team-agent-add').click();
  await page.getByTestId('team-agent-model').nth(1).fill('sim:strong');
  await page.getByTestId('team-agent-persona').nth(1).fill('skeptic');
  await designer.teamLabel.fill('mixed vote');
  await designer.addTeam.click();
  await designer.expectCheck('valid');
  expect((await teams(designer))[3]).toEqual({
    structure: 'vote',
    label: 'mixed vote',
    agents: [
      { model: 'sim:weak', count: 2 },
      { model: 'sim:strong', count: 1, persona: 'skeptic' },
    ],
  });
  await expect(designer.cells).toHaveText('9 cells');

  // A bad value is named at its input and nothing is written.
  await page.getByTestId('team-new').click();
  await designer.param('sizes').fill('3, 0');
  await designer.addTeam.click();
  await expect(designer.param('sizes')).toBeFocused();
  await expect(designer.param('sizes')).toHaveAttribute('aria-invalid', 'true');
  await expect(designer.teamForm.getByTestId('team-field-problem')).toHaveText('0 is out of range: 1–1000');
  await expect(designer.teamEntries).toHaveCount(4);

  // Removing an entry.
  await designer.teamEntries.nth(3).getByTestId('team-remove').click();
  await designer.expectCheck('valid');
  await expect(designer.teamEntries).toHaveCount(3);
  expect(await designer.specText()).not.toContain('mixed vote');

  // While the JSON is broken the form can't write into it: it says so and puts the cursor at the error.
  const text = await designer.specText();
  await designer.setSpec(text.replace('"repetitions": 2,', '"repetitions": 2'));
  await designer.expectCheck('syntax');
  await designer.param('sizes').fill('3');
  await designer.addTeam.click();
  await expect(designer.teamStatus).toContainText('The JSON has an error at line');
  await expect(designer.spec).toBeFocused();
  await expect(designer.spec.locator('.cm-activeLine')).toContainText('"repetitions": 2');
  await expect(designer.errorBanners).toHaveCount(0);
});

test('the editor completes and explains fields from the JSON Schema', async ({ experimentsPage, page }) => {
  await experimentsPage.goto();
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.expectCheck('valid');
  const completions = page.locator('.cm-tooltip-autocomplete');
  /** Puts `text` in the editor with the cursor `back` characters before its end, and asks for completions. */
  const complete = async (text: string, back: number): Promise<void> => {
    await designer.setSpec(text);
    for (let i = 0; i < back; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    await expect(completions).toBeVisible();
    // CodeMirror ignores the list's keys for its first 75 ms, so a quick Enter is not taken by mistake.
    await page.waitForTimeout(150);
  };

  // Field names of "agents", offered inside an empty name.
  await complete('{\n  "agents": { "" }\n}', 5);
  await expect(completions).toContainText('maxTokens');
  await expect(completions).toContainText('temperature');
  await page.keyboard.press('Escape');
  await expect(completions).toBeHidden();

  // The structures of the registry; the one picked is written in.
  await complete('{\n  "teams": [{ "structure": "" }]\n}', 6);
  await expect(completions.locator('li')).toHaveText(['single', 'vote', 'debate', 'leader-worker', 'hierarchical', 'pipeline', 'moa', 'coding-team']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(completions.locator('li[aria-selected]')).toHaveText('debate');
  await page.keyboard.press('Enter');
  await expect.poll(() => designer.specText()).toContain('"structure": "debate"');

  // A team's own fields, for its structure, and the values of a choice.
  await complete('{\n  "teams": [{ "structure": "vote", "" }]\n}', 6);
  await expect(completions).toContainText('weightBy');
  await expect(completions).not.toContainText('topology');
  await page.keyboard.press('Escape');
  await complete('{\n  "teams": [{ "structure": "vote", "aggregate": "" }]\n}', 6);
  await expect(completions).toContainText('plurality');
  await expect(completions).toContainText('quorum');
  await page.keyboard.press('Escape');

  // Help for the field at the cursor: F1 from the keyboard, hover with the mouse.
  await designer.setSpec('{\n  "repetitions": 2\n}');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('F1');
  const help = page.locator('.quorum-help');
  await expect(help).toContainText('How many times each cell meets each item.');
  await expect(help).toContainText('an integer 1–1000 · default 1');
  await expect(designer.fieldHelp).toContainText('How many times each cell meets each item.');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The mouse over the field's name (a few characters into its line).
  const line = designer.spec.locator('.cm-line', { hasText: '"repetitions"' });
  const box = await line.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.move((box?.x ?? 0) + 40, (box?.y ?? 0) + (box?.height ?? 0) / 2);
  await expect(help).toContainText('How many times each cell meets each item.');
  await page.screenshot({ path: 'test-results/designer-help.png' });
});

test('the Designer can be filled, checked and submitted from the keyboard alone', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  const designer = new DesignerPage(page);
  await page.locator('body').focus();
  await tabTo(page, designer.navLink);
  await page.keyboard.press('Enter');
  await expect(designer.view).toBeVisible();
  await designer.expectCheck('valid');

  // The form: a vote (the structure it starts with) of 4 and 6, with a label of its own; Enter writes it.
  await tabTo(page, designer.structure);
  await expect(designer.structure).toHaveValue('vote');
  await tabTo(page, designer.param('sizes'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('4, 6');
  await tabTo(page, designer.teamLabel);
  await page.keyboard.type('even vote');
  await page.keyboard.press('Enter');
  await expect(designer.teamStatus).toHaveText('Added teams[2] in the spec; the check follows.');
  await designer.expectCheck('valid');
  await expect(designer.cells).toHaveText('6 cells');
  await expect(designer.warnings).toHaveCount(2);

  // Into the editor: Tab indents there instead of leaving.
  await tabTo(page, designer.spec);
  const before = await designer.specText();
  await page.keyboard.press('Tab');
  expect(await isFocused(designer.spec)).toBe(true);
  expect(await designer.specText()).not.toBe(before);
  await page.keyboard.press('ControlOrMeta+z');
  expect(await designer.specText()).toBe(before);

  // Rename it: to the "name" line with the arrow keys, type before its closing quote.
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 10 && !((await designer.spec.locator('.cm-activeLine').textContent()) ?? '').includes('"name"'); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', by keyboard');
  await designer.expectCheck('valid');
  expect(await designer.specText()).toContain('"name": "Voting vs team size, by keyboard"');

  // Escape, then Tab, leaves the editor for what follows it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await isFocused(designer.spec)).toBe(false);
  expect(await isFocused(designer.check)).toBe(true);

  await tabTo(page, designer.runButton);
  await page.keyboard.press('Enter');
  await expect(experimentPage.view).toBeVisible();
  await expect(experimentPage.name).toHaveText('Voting vs team size, by keyboard');
  await experimentPage.expectStatus('completed', 30_000);
  await expect(experimentPage.errorBanners).toHaveCount(0);
});

test('Edit on an example card opens the Designer with that example', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  const card = experimentsPage.exampleCard('vote-rules');
  const name = (await card.getByTestId('example-name').textContent()) ?? '';
  expect(name).not.toBe('');
  await card.getByTestId('example-edit').click();

  const designer = new DesignerPage(page);
  await expect(designer.view).toBeVisible();
  await expect(designer.navLink).toHaveAttribute('aria-current', 'page');
  await expect(designer.origin).toContainText(name);
  await designer.spec.waitFor();
  expect(await designer.specText()).toContain(`"name": ${JSON.stringify(name)}`);
  await designer.expectCheck('valid');
  // single + majority, plurality and weighted votes × 4 sizes + quorum × 3 + judge × 2; 200 items, 1 repetition.
  await expect(designer.cells).toHaveText('18 cells');
  await expect(designer.trials).toHaveText('3,600 trials');
  await expect(designer.teamEntries).toHaveCount(6);

  // Created without running: the experiment waits, planned.
  await designer.createButton.click();
  await expect(experimentPage.view).toBeVisible();
  await expect(experimentPage.name).toHaveText(name);
  await experimentPage.expectStatus('planned');
  await expect(experimentPage.errorBanners).toHaveCount(0);
});
