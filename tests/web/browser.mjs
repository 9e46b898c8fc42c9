// Plays the exported page in headless Chromium (Debian's chromium, driven by
// playwright-core) from file:// with the network off, as tests/web/test_browser.py asks:
//   node tests/web/browser.mjs PLAN.json
// PLAN holds the pages, the routes (choice indices and the Python runner's text for
// each step) and where to put screenshots and downloads. Prints one JSON report.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../../web/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const report = { checks: [], timings: {}, errors: [], screenshots: [] };
const browser = await chromium.launch({ executablePath: plan.chromium, args: ["--no-sandbox"] });

/** A fresh context with the network off: anything but file:// and data: is refused and logged. */
async function open(pageFile, hash, size = { width: 1280, height: 720 }, touch = false) {
  const context = await browser.newContext({ viewport: size, acceptDownloads: true, offline: true, hasTouch: touch, isMobile: touch });
  await context.route(/^(?!file:|data:|blob:)/, (route) => {
    report.errors.push(`network request refused: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => report.errors.push(`page error: ${error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") report.errors.push(`console: ${msg.text()}`);
  });
  const started = Date.now();
  await page.goto(pathToFileURL(pageFile).href + hash);
  await page.waitForSelector("html[data-ready='1']");
  return { context, page, started };
}

const paragraphs = (page) => page.$$eval("#scene-text p", (ps) => ps.map((p) => p.textContent));
const endingText = (page) =>
  page.$$eval("#epilogue p", (ps) => ps.map((p) => p.textContent));

function check(name, ok, detail = "") {
  report.checks.push({ name, ok: Boolean(ok), detail: ok ? "" : String(detail).slice(0, 2000) });
}

async function expectScene(page, step, label) {
  if (step.ending) {
    await page.waitForSelector("#ending:not([hidden])");
    const title = await page.textContent("#ending-title");
    const text = await endingText(page);
    check(`${label}: ending title`, title === step.ending.title, `${title} != ${step.ending.title}`);
    const want = [...step.paragraphs, ...step.ending.epilogue];
    check(`${label}: ending text`, JSON.stringify(text) === JSON.stringify(want), JSON.stringify([text, want]));
    return;
  }
  await page.waitForSelector("#play:not([hidden])");
  if (step.notes && step.notes.length && !label.includes("after") && !label.includes("imported")) {
    // What the choice did, shown above the next scene.
    const shown = await page.$$eval("#aftermath p", (ps) => ps.map((p) => p.textContent));
    const missing = step.notes.filter((note) => !shown.includes(note));
    check(`${label}: notes after the choice`, missing.length === 0, JSON.stringify([missing, shown]));
  }
  const got = await paragraphs(page);
  check(`${label}: text`, JSON.stringify(got) === JSON.stringify(step.paragraphs), JSON.stringify([got, step.paragraphs]));
  const choices = await page.$$eval("#choices button", (bs) => bs.map((b) => b.lastElementChild.textContent));
  check(`${label}: choices`, JSON.stringify(choices) === JSON.stringify(step.choices), JSON.stringify([choices, step.choices]));
}

/** Make a choice by clicking (or tapping) its button, or by its number key. */
async function take(page, index, byKeyboard, byTouch = false) {
  const selector = `#choices li:nth-child(${index + 1}) button`;
  if (byKeyboard) await page.keyboard.press(String(index + 1));
  else if (byTouch) await page.tap(selector);
  else await page.click(selector);
}

async function shot(page, name) {
  const path = `${plan.screenshots}/${name}.png`;
  await page.screenshot({ path });
  report.screenshots.push(path);
}

// 1. A route by clicks and keys, a save, a reload, a load, the rest of the route.
{
  const route = plan.route;
  const { context, page, started } = await open(plan.page, `#seed=${route.seed}`);
  report.timings.ready_ms = Date.now() - started;
  const clicked = Date.now();
  await page.click("text=New game");
  await page.waitForSelector("#scene-text p");
  report.timings.first_scene_ms = Date.now() - started;
  report.timings.new_game_ms = Date.now() - clicked;
  // The page's own clock: opening to the title screen, and to the first scene shown.
  report.timings.page_ready_ms = Number(await page.getAttribute("html", "data-ready-ms"));
  report.timings.page_first_scene_ms = Number(await page.getAttribute("html", "data-scene-ms"));
  const focused = await page.evaluate(() => document.activeElement?.closest("#choices") !== null);
  check("focus is on the choices after a new game", focused);
  const live = await page.textContent("#announce");
  check("the live region announces the scene", live && live.includes(route.steps[0].paragraphs[0]), live);
  for (let i = 0; i < route.steps.length; i++) {
    const step = route.steps[i];
    await expectScene(page, step, `route step ${i}`);
    if (i === route.save_at) {
      await page.keyboard.press("Escape");
      await page.click("#dlg-menu >> text=Save or load");
      await page.click("#slots li:nth-child(1) >> text=Save here");
      await page.keyboard.press("Escape");
      await page.reload();
      await page.waitForSelector("html[data-ready='1']");
      await page.click("text=Load a save");
      await page.click("#slots li:nth-child(1) >> text=Load");
      await expectScene(page, step, `route step ${i} after reload and load`);
    }
    if (i === 2) {
      await page.keyboard.press("l");
      const ledgerOpen = await page.$("#dlg-ledger[open]");
      check("L opens the ledger", ledgerOpen !== null);
      await shot(page, "ledger-1280x720");
      await page.keyboard.press("l");
      await page.keyboard.press("h");
      check("H opens the history", (await page.$("#dlg-history[open]")) !== null);
      await page.keyboard.press("Escape");
      check("Esc closes a dialog", (await page.$("dialog[open]")) === null);
      await page.keyboard.press("g");
      const terms = await page.$$eval("#glossary-body dt", (dts) => dts.length);
      check("G opens the glossary with every term", terms === plan.glossary_terms, `${terms} terms`);
      await page.keyboard.press("g");
      await page.keyboard.press("Escape");
      await page.click("#dlg-menu >> text=About and content notes");
      const notes = await page.$$eval("#about-body li", (lis) => lis.map((li) => li.textContent));
      check("About lists the content notes", JSON.stringify(notes) === JSON.stringify(plan.content_notes), JSON.stringify(notes));
      await page.keyboard.press("Escape");
      check("focus returns to the game after the dialogs", await page.evaluate(() => document.activeElement?.tagName === "BUTTON"));
    }
    if (step.take === null || step.take === undefined) break;
    await take(page, step.take, i % 2 === 1);
  }
  if (route.undo_check) {
    // U takes the last choice back: the text is the previous step's again.
    await page.keyboard.press("u");
    const back = route.steps[route.steps.length - 2];
    await expectScene(page, back, "after undo");
  }
  // Bad imports are refused and harm no save.
  await page.keyboard.press("Escape");
  await page.click("#dlg-menu >> text=Save or load");
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  for (const [name, content] of plan.bad_saves) {
    await page.setInputFiles("#import-file", { name, mimeType: "application/json", buffer: Buffer.from(content) });
    await page.waitForFunction(() => document.getElementById("saves-status").textContent !== "");
    const message = await page.textContent("#saves-status");
    check(`import ${name} is refused with a message`, message.includes("was not loaded"), message);
    await page.evaluate(() => (document.getElementById("saves-status").textContent = ""));
  }
  const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  check("refused imports change no save", before === after);
  // A save written by the desktop game loads, at the scene the Python runner shows.
  const desktop = plan.desktop_save;
  await page.setInputFiles("#import-file", { name: "slot-3.json", mimeType: "application/json", buffer: Buffer.from(desktop.content) });
  await expectScene(page, desktop.step, "desktop save imported");
  await page.keyboard.press("Escape");
  await page.click("#dlg-menu >> text=Save or load");
  // A good export can be imported back.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Export the current game")]);
  const exported = `${plan.downloads}/exported-save.json`;
  await download.saveAs(exported);
  report.exported_save = exported;
  await context.close();
}

// 2. Classroom mode: play a route to its ending by keyboard, download the record.
{
  const route = plan.classroom_route;
  const { context, page } = await open(plan.classroom_page, `#seed=${route.seed}`);
  await page.keyboard.press("Enter"); // "New game" has the focus on the title screen
  check("undo is hidden in classroom mode", await page.isHidden("#undo-btn"));
  for (let i = 0; i < route.steps.length; i++) {
    const step = route.steps[i];
    await expectScene(page, step, `classroom step ${i}`);
    if (step.discuss && step.discuss.length) {
      const shown = await page.$$eval("#discuss p", (ps) => ps.map((p) => p.textContent));
      check(`classroom step ${i}: prompts shown`, shown.length === step.discuss.length, JSON.stringify(shown));
    }
    if (step.take === null || step.take === undefined) break;
    if (step.continue_only && i % 2 === 0) await page.keyboard.press("Enter");
    else await take(page, step.take, true);
  }
  await page.keyboard.press("u");
  check("U does nothing in classroom mode", await page.isVisible("#ending"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#record-btn")]);
  report.record = `${plan.downloads}/${download.suggestedFilename()}`;
  await download.saveAs(report.record);
  await context.close();
}

// 3. Screenshots at phone, laptop and projector sizes, in both themes.
for (const [width, height] of plan.sizes) {
  const route = plan.route;
  // Phones and tablets are played by touch.
  const touch = width < 1000;
  const { context, page } = await open(plan.page, `#seed=${route.seed}`, { width, height }, touch);
  await shot(page, `title-${width}x${height}`);
  if (touch) await page.tap("text=New game");
  else await page.click("text=New game");
  for (let i = 0; i < Math.min(3, route.steps.length - 1); i++) {
    await take(page, route.steps[i].take, false, touch);
    await expectScene(page, route.steps[i + 1], `${width}x${height} step ${i + 1}`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(`${width}x${height}: no sideways scrolling`, overflow <= 0, overflow);
  await page.waitForTimeout(1200);
  await shot(page, `scene-${width}x${height}`);
  if (width === 1280) {
    await page.evaluate(() => {
      localStorage.setItem("lth:settings", JSON.stringify({ contrast: true, textSize: "large", textSpeed: "instant" }));
    });
    await page.reload();
    await page.waitForSelector("html[data-ready='1']");
    await page.click("text=Continue");
    await page.waitForTimeout(300);
    await shot(page, `scene-high-contrast-${width}x${height}`);
  }
  await context.close();
}
// The ending and a full ledger, at projector and phone sizes (classroom route, by keys).
for (const [width, height] of [[1920, 1080], [390, 844]]) {
  const { context, page } = await open(plan.classroom_page, `#seed=${plan.classroom_route.seed}`, { width, height });
  await page.keyboard.press("Enter");
  for (const step of plan.classroom_route.steps) {
    if (step.take === null || step.take === undefined) break;
    await take(page, step.take, true);
  }
  await page.waitForSelector("#ending:not([hidden])");
  await shot(page, `ending-classroom-${width}x${height}`);
  await page.keyboard.press("l");
  const rows = await page.$$eval("#ledger-body tbody tr", (trs) => trs.length);
  check(`${width}x${height}: the ledger lists every money change`, rows === plan.classroom_route.ledger_rows, `${rows} rows`);
  const tables = await page.$$eval("#ledger-body h3", (hs) => hs.map((h) => h.textContent));
  check(`${width}x${height}: cash and savings book apart`, tables.length === plan.classroom_route.ledger_tables, JSON.stringify(tables));
  await shot(page, `ledger-${width}x${height}`);
  await context.close();
}

// 4. Story text is text: a scene holding <script> shows those characters.
if (plan.markup_page) {
  const { context, page } = await open(plan.markup_page, "#seed=1");
  await page.click("text=New game");
  const text = (await paragraphs(page)).join("\n");
  check("markup in story text is shown as text", text.includes(plan.markup_text), text);
  check("markup in story text makes no element", (await page.$("#scene-text script, #scene-text b")) === null);
  await context.close();
}

// 5. A page whose story is of a newer compiled format says so instead of staying blank.
if (plan.newer_page) {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(plan.newer_page).href);
  await page.waitForSelector("#main h1");
  const said = await page.textContent("#main");
  check("a page with a too-new story explains itself", said.includes("newer than this page reads"), said);
  await context.close();
}

await browser.close();
writeFileSync(plan.report, JSON.stringify(report, null, 2));
