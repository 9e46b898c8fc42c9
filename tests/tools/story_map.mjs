// Drives the HTML story map in headless Chromium (playwright-core from web/node_modules)
// from file:// with the network off, as tests/tools/test_graph_browser.py asks:
//   node tests/tools/story_map.mjs PLAN.json
// PLAN names the pages, what to search for, and where to put screenshots. The script
// reports what it saw as JSON on stdout; the Python test compares it with the map's data.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../../web/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const seen = { errors: [], screenshots: [] };
const browser = await chromium.launch({ executablePath: plan.chromium, args: ["--no-sandbox"] });

async function open(file, hash = "", size = { width: 1500, height: 950 }) {
  const context = await browser.newContext({ viewport: size, offline: true });
  await context.route(/^(?!file:|data:|blob:)/, (route) => {
    seen.errors.push(`network request refused: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => seen.errors.push(`page error: ${error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") seen.errors.push(`console: ${msg.text()}`);
  });
  page.on("dialog", (dialog) => {
    seen.errors.push(`a dialog opened: ${dialog.message()}`);
    return dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href + hash);
  await page.waitForSelector("html[data-ready='1']");
  return { context, page };
}

async function shot(page, name) {
  if (!plan.screenshots) return;
  const path = `${plan.screenshots}/${name}.png`;
  await page.screenshot({ path });
  seen.screenshots.push(path);
}

const count = (page, selector) => page.$$eval(selector, (all) => all.length);
const texts = (page, selector) => page.$$eval(selector, (all) => all.map((e) => e.textContent));

try {
  const { context, page } = await open(plan.page);
  seen.full = { nodes: await count(page, "#nodes g.node"), bands: await count(page, "g.band") };
  await shot(page, "full-view");

  // 1. Search for a phrase of scene text, by keyboard: '/', type, arrow down, Enter.
  await page.keyboard.press("/");
  await page.keyboard.type(plan.phrase);
  await page.waitForSelector("#results:not([hidden])");
  seen.search = {
    head: await page.textContent("#results-head"),
    results: await texts(page, "#result-list li .id"),
    marked: await count(page, "#nodes g.node.match"),
    snippetMarks: await texts(page, "#result-list li mark"),
  };
  await shot(page, "search");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#panel:not([hidden])");
  seen.search.opened = await page.textContent("#panel h2");
  seen.search.panelMarks = await texts(page, "#panel mark");
  seen.search.hash = await page.evaluate(() => location.hash);
  await shot(page, "search-result-opened");
  await page.keyboard.press("Escape");  // clears the search box
  await page.keyboard.press("Escape");  // leaves it
  await page.keyboard.press("Escape");  // closes the scene
  seen.search.cleared = await page.$eval("#results", (e) => e.hidden);

  // 2. Filter by chapter.
  await page.selectOption("#chapter-filter", String(plan.chapter));
  seen.filter = {
    nodes: await count(page, "#nodes g.node"),
    bands: await texts(page, "g.band .title"),
    shown: await page.textContent("#shown"),
    print: await page.textContent("#print"),
  };
  await shot(page, "chapter-filter");
  await page.selectOption("#chapter-filter", "");

  // 3. Close a chapter by its title, then every chapter.
  await page.click("g.band .title >> nth=0");
  seen.collapse = {
    closed: await count(page, "#bands g.closed"),
    nodes: await count(page, "#nodes g.node"),
    many: await texts(page, "g.edge.many text"),
  };
  await page.click("#collapse-all");
  seen.collapse.allClosed = await count(page, "#bands g.closed");
  seen.collapse.allMany = await texts(page, "g.edge.many text");
  seen.collapse.boxText = await texts(page, "g.closed text");
  await shot(page, "all-chapters-closed");
  // Keyboard opens a closed chapter: Tab to it, Enter.
  await page.focus("#bands g.closed >> nth=1");
  await page.keyboard.press("Enter");
  seen.collapse.reopened = { closed: await count(page, "#bands g.closed"), nodes: await count(page, "#nodes g.node") };
  await page.click("#expand-all");
  seen.collapse.expanded = await count(page, "#nodes g.node");

  // 4. The mod filter: the mod's scenes listed, the others faded.
  if (plan.mod) {
    await page.selectOption("#source-filter", "mod:" + plan.mod);
    seen.mod = {
      listed: await texts(page, "#result-list li .id"),
      dim: await count(page, "#nodes g.node.dim"),
      modNodes: await count(page, "#nodes g.node.mod"),
      replaced: await count(page, "#nodes g.node.replaced"),
      legend: await texts(page, "#legend .legend-row span"),
    };
    await shot(page, "mod-filter");
    await page.selectOption("#source-filter", "");
  }

  // 5. The print view of a chapter, from the button.
  await page.selectOption("#chapter-filter", String(plan.chapter));
  await page.click("#print");
  await page.waitForSelector("body.print-mode");
  seen.print = {
    title: await page.textContent("#print-view h1"),
    articles: await texts(page, "#print-view article h3"),
    slices: await count(page, "#print-view svg.slice"),
    sliceNodes: await count(page, "#print-view svg.slice g.node"),
    hash: await page.evaluate(() => location.hash),
    mapHidden: await page.$eval("main", (e) => getComputedStyle(e).display === "none"),
  };
  await shot(page, "print-view");
  await page.click("#print-back");
  seen.print.back = await page.$eval("body", (b) => !b.classList.contains("print-mode"));
  await context.close();

  // 6. Story text that looks like markup stays text.
  if (plan.markupPage) {
    const odd = await open(plan.markupPage);
    await odd.page.fill("#search", "alert");
    seen.markup = {
      snippets: await texts(odd.page, "#result-list li .snippet"),
      scripts: await count(odd.page, "script"),
      bold: await count(odd.page, "#result-list b, #panel b"),
    };
    await odd.page.click("#result-list li >> nth=0");
    seen.markup.panel = await texts(odd.page, "#panel p");
    seen.markup.bold += await count(odd.page, "#panel b");
    await odd.context.close();
  }
} catch (error) {
  seen.errors.push(`driver: ${error.stack || error}`);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen));
