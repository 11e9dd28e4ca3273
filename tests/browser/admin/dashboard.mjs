// Dashboard actions shared by the admin tests, performed only by clicking and typing.

export const SUPERUSER = { email: 'admin@example.com', password: 'admin-secret-123' };

/**
 * Waits until the hash route matches `pattern` (a RegExp source). The dashboard only changes
 * the hash (and rewrites it with replaceState), so polling location.hash is the direct check.
 */
export async function waitForRoute(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(location.hash), pattern, { polling: 200 });
}

/** Opens the installer link and creates the first superuser; ends on the collections page. */
export async function install(page, installUrl, { email, password } = SUPERUSER) {
  await page.goto(installUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password confirm').fill(password);
  await page.getByRole('button', { name: 'Create superuser and sign in' }).click();
  await waitForRoute(page, '^#/collections');
}

/** Signs in on the sign-in screen. */
export async function signIn(page, url, { email, password } = SUPERUSER) {
  await page.goto(`${url}/_/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForRoute(page, '^#/collections');
}

export const panel = (page) => page.locator('dialog.panel[open]');

/** Adds a field of `type` in the open collection editor and names it. Returns the field card. */
export async function addField(page, type, name) {
  const editor = panel(page);
  await editor.getByRole('tab', { name: 'Fields' }).click();
  const menu = editor.locator('.new-field-menu');
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  await menu.locator(`button[data-type="${type}"]`).click();
  const card = editor.locator('.field-card[data-field="field"]');
  await card.locator('.field-name').fill(name);
  return editor.locator(`.field-card[data-field="${name}"]`);
}

/** Unlocks rule `key` (listRule …) in the open collection editor and types `value`. */
export async function setRule(page, key, value) {
  const editor = panel(page);
  await editor.getByRole('tab', { name: 'API Rules' }).click();
  const rule = editor.locator(`[data-rule="${key}"]`);
  const textarea = rule.locator('textarea');
  if (await textarea.isDisabled()) await rule.locator('.lock-button').click();
  await textarea.fill(value);
  await textarea.evaluate((el) => el.blur()); // closes the suggestions list
}

/** Opens "+ New collection", names it; returns the panel. */
export async function newCollection(page, name, type = 'base') {
  await showCollections(page);
  await page.getByRole('button', { name: '+ New collection' }).first().click();
  const editor = panel(page);
  await editor.getByLabel('Name', { exact: true }).fill(name);
  if (type !== 'base') await editor.getByLabel('Type').selectOption(type);
  return editor;
}

/** Saves the open collection editor and waits until it closed on the collection's records. */
export async function saveCollection(page, name) {
  await panel(page).locator('.panel-footer .btn-primary').click();
  await panel(page).waitFor({ state: 'detached' });
  await waitForRoute(page, `[?&]collection=${name}(&|$)`);
}

/** Goes to the collections page unless already there. */
async function showCollections(page) {
  if (await page.locator('.collections-sidebar').count()) return;
  await page.getByRole('link', { name: 'Collections', exact: true }).click();
  await page.locator('.collections-sidebar').waitFor();
}

/** Opens a collection from the sidebar. */
export async function openCollection(page, name) {
  await showCollections(page);
  const sidebar = page.locator('.collections-sidebar');
  const search = sidebar.getByRole('searchbox', { name: 'Search collections' });
  await search.fill(name);
  await sidebar.getByRole('link', { name, exact: true }).click();
  await page.locator('.page-header h1', { hasText: new RegExp(`/ ${name}$`) }).waitFor();
  await waitForRoute(page, `[?&]collection=${name}(&|$)`);
  await search.fill('');
}

/** Creates a record through "+ New record": `fill(panel)` types the values. */
export async function createRecord(page, fill) {
  await page.getByRole('button', { name: '+ New record' }).click();
  const editor = panel(page);
  await fill(editor);
  await editor.getByRole('button', { name: 'Create' }).click();
  await editor.waitFor({ state: 'detached' });
}

/** Reads a collection through the API as the signed-in superuser (the dashboard's stored token). */
export async function apiAsSuperuser(page, path) {
  return page.evaluate(async (p) => {
    const { token } = JSON.parse(localStorage.getItem('pbs_superuser_auth'));
    const response = await fetch(p, { headers: { Authorization: token } });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, path);
}

/** Removes the toasts shown so far, so that a wait sees only the next one. */
export async function clearToasts(page) {
  await page.evaluate(() => document.getElementById('toasts')?.replaceChildren());
}
