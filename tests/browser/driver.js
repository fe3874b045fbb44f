// The browser side of stepwise's tests: drives Debian's Chromium through playwright-core.
//
// Speaks JSON lines: every line on stdin is a command `{"id": 1, "cmd": "open", ...}`, every
// line on stdout the answer `{"id": 1, "ok": true, "result": ...}` or `{"id": 1, "ok": false,
// "error": "..."}`. Commands work on the page opened last:
//
//   open {url, width, height, javascript}  a fresh page at this viewport; answers the HTTP status
//   eval {script}                          the value of a JavaScript expression (awaited)
//   click {selector}, type {selector, text}
//   screenshot {path, fullPage}
//   axe {tags}                             axe-core's violations for these rule tags
//   metrics                                scrollWidth, innerWidth, innerHeight, transferred bytes
//   report                                 console errors, failed requests, requests to other
//                                          origins, and every resource loaded with its gzip size
'use strict';

const fs = require('node:fs');
const readline = require('node:readline');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser;
let context;
let page;
let report;
let pendingBodies;
let origin;
let contextSettings;

/** A new, empty record of what the current page did. */
function emptyReport() {
  return { consoleErrors: [], failedRequests: [], otherOrigins: [], resources: [] };
}

/** Follows the page's console, errors and network into `report`. */
function watch() {
  // A refused request to another origin logs an error too; it is reported as that request.
  page.on('console', (message) => {
    const source = message.location().url;
    const elsewhere = source && source.startsWith('http') && new URL(source).origin !== origin;
    if (message.type() === 'error' && !elsewhere) report.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => report.consoleErrors.push(String(error)));
  // A request aborted because the next page was opened (a late favicon) is not a failure.
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    if (new URL(request.url()).origin === origin && reason !== 'net::ERR_ABORTED') {
      report.failedRequests.push(`${request.url()} (${reason})`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) report.failedRequests.push(`${response.url()} (${response.status()})`);
    pendingBodies.push(record(response));
  });
}

/** Whether a response is a stream that ends only with its page (Server-Sent Events). */
function isStream(response) {
  return (response.headers()['content-type'] || '').startsWith('text/event-stream');
}

/** Adds a response to the report's resources, with the size of its body after gzip. The body
 *  of an event stream is never complete while the page is open, so it counts as empty: waiting
 *  for it would keep `report` from ever answering. */
async function record(response) {
  const into = report; // the page's own report, even if the next page opens meanwhile
  const body = isStream(response)
    ? Buffer.alloc(0)
    : await response.body().catch(() => Buffer.alloc(0));
  into.resources.push({
    url: response.url(),
    type: response.request().resourceType(),
    gzip: zlib.gzipSync(body, { level: 9 }).length,
  });
}

/** The report of the current page, once every response body has been measured. */
async function finishedReport() {
  await Promise.all(pendingBodies);
  return report;
}

/** A page in a new context for this viewport; requests to any origin but the page's are
 *  recorded and refused (routing also turns the cache off, so every page loads everything). */
async function freshPage(settings) {
  if (context) await context.close();
  const { width, height, javascript } = settings;
  context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: javascript });
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (new URL(target).origin === origin || target.startsWith('data:')) return route.continue();
    report.otherOrigins.push(target);
    return route.abort('blockedbyclient');
  });
  // Every Content-Security-Policy violation of a page, from its first byte: `window.cspViolations`.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`.trim());
    });
  });
  page = await context.newPage();
  watch();
}

/** Opens `url` at this viewport. Pages opened one after the other with the same viewport
 *  share one browser context (it takes longer to make than the page to load). */
async function open({ url, width, height, javascript = true }) {
  const settings = JSON.stringify({ width, height, javascript });
  origin = new URL(url).origin;
  report = emptyReport();
  pendingBodies = [];
  if (settings !== contextSettings) await freshPage(JSON.parse(settings));
  contextSettings = settings;
  const response = await page.goto(url, { waitUntil: 'load' });
  return response ? response.status() : null;
}

/** Runs axe-core with these rule tags and answers its violations, briefly. */
async function axe({ tags }) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }),
    tags,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')),
  }));
}

/** The page's width against the viewport's, and the bytes it transferred. */
function metrics() {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    transferred: performance.getEntries().reduce((sum, entry) => sum + (entry.transferSize || 0), 0),
  }));
}

const COMMANDS = {
  open,
  eval: ({ script }) => page.evaluate(script),
  click: ({ selector }) => page.click(selector),
  type: ({ selector, text }) => page.fill(selector, text),
  screenshot: ({ path, fullPage = false }) => page.screenshot({ path, fullPage }).then(() => null),
  axe,
  metrics,
  report: finishedReport,
};

/** Answers one command line. */
async function answer(line) {
  const { id, cmd, ...args } = JSON.parse(line);
  try {
    const command = COMMANDS[cmd];
    if (!command) throw new Error(`unknown command \`${cmd}\``);
    const result = await command(args);
    return { id, ok: true, result: result === undefined ? null : result };
  } catch (error) {
    return { id, ok: false, error: String(error && error.message ? error.message : error) };
  }
}

async function main() {
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  process.stdout.write(`${JSON.stringify({ ready: true, version: browser.version() })}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim()) process.stdout.write(`${JSON.stringify(await answer(line))}\n`);
  }
  await browser.close();
}

main().catch((error) => {
  process.stderr.write(`browser driver: ${error.stack || error}\n`);
  process.exit(1);
});
