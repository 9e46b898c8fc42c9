// The exported page in the pseudo-language, in headless Chromium (tests/web/test_pseudo_web.py):
//   node tests/web/pseudo.mjs PLAN.json
// Opens the page from file:// with the network off, plays a few choices, opens every
// dialog and the ending, and prints every piece of text a player or a screen reader
// meets on each screen (visible text, aria-label, title, alt, the live region), as JSON.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../../web/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({ executablePath: plan.chromium, args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true, acceptDownloads: true });
await context.route(/^(?!file:|data:|blob:)/, (route) => route.abort());
const page = await context.newPage();
const errors = [];
page.on("pageerror", (error) => errors.push(error.message));
const screens = {};

/** Everything readable on the page now: text of visible elements and the labels. */
async function collect(name) {
  screens[name] = await page.evaluate(() => {
    const out = [];
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style") || !node.textContent.trim()) continue;
      const shown = visible(parent) || parent.closest(".visually-hidden, #announce");
      if (shown) out.push(node.textContent.trim());
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [alt]")) {
      for (const attr of ["aria-label", "title", "alt"]) {
        const value = el.getAttribute(attr);
        if (value && value.trim()) out.push(value.trim());
      }
    }
    for (const option of document.querySelectorAll("option")) out.push(option.textContent.trim());
    return out;
  });
}

await page.goto(pathToFileURL(plan.page).href + "#seed=3");
await page.waitForSelector("html[data-ready='1']");
await collect("title");
await page.click("#title-buttons button[data-act='new']");
await page.waitForSelector("#scene-text p");
// One choice first, so the history, the ledger and the notes after a choice have text.
await collect("scene 0");
const first = await page.$$("#choices button:not([aria-disabled='true'])");
if (first.length) await first[first.length - 1].click();
for (const [key, name] of [["h", "history"], ["l", "ledger"], ["g", "glossary"]]) {
  if (await page.$("#ending:not([hidden])")) break;
  await page.keyboard.press(key);
  await collect(name);
  await page.keyboard.press("Escape");
}
if (!(await page.$("#ending:not([hidden])"))) {
  await page.keyboard.press("Escape");
  await collect("menu");
  for (const act of ["saves", "settings", "about"]) {
    // Esc on the game opens the menu; in a dialog it closes the dialog.
    if (!(await page.$("#dlg-menu[open]"))) await page.keyboard.press("Escape");
    await page.click(`#dlg-menu button[data-act='${act}']`);
    if (act === "saves") await page.click("#slots li:nth-child(1) >> button");
    await collect(act);
    await page.keyboard.press("Escape");
  }
  if (await page.$("dialog[open]")) await page.keyboard.press("Escape");
}
for (let i = 0; i < plan.choices; i++) {
  const ending = await page.$("#ending:not([hidden])");
  if (ending) break;
  await collect(`scene ${i + 1}`);
  const open = await page.$$("#choices button:not([aria-disabled='true'])");
  if (!open.length) break;
  await open[i % open.length].click();
}
// On to an ending: the ending screen, its tables and buttons.
for (let i = 0; i < 400; i++) {
  if (await page.$("#ending:not([hidden])")) break;
  const open = await page.$$("#choices button:not([aria-disabled='true'])");
  if (!open.length) break;
  await open[0].click();
}
await collect("ending");
console.log(JSON.stringify({ screens, errors, lang: await page.getAttribute("html", "lang") }));
await browser.close();
