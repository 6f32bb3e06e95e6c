/**
 * Checks that the HTML evidence report prints on A4 and US Letter without cut content, and
 * writes what it checked: one PDF per paper size and a PNG of the top of the page on screen.
 *
 *   npx tsx scripts/check-html-print.ts [cdk.out/evidence-report.html] [out-dir]
 *
 * It drives headless Chromium (`CHROMIUM`, default `chromium`) over the DevTools protocol on a
 * pipe: for each paper it lays the page out in print media at the printable width (the paper
 * less the 15 mm margins of the report's `@page` rule) and lists every element whose content is
 * wider than its box or that reaches past the printable width. It exits non-zero when one does.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Readable, Writable } from 'stream';

/** A paper size, in millimetres. */
interface Paper {
  readonly name: string;
  readonly widthMm: number;
  readonly heightMm: number;
}

const PAPERS: readonly Paper[] = [
  { name: 'a4', widthMm: 210, heightMm: 297 },
  { name: 'letter', widthMm: 215.9, heightMm: 279.4 },
];

/** The margin of the report's `@page` rule. */
const MARGIN_MM = 15;

/** How long Chromium may take for the whole check. */
const TIMEOUT_MS = 120_000;

/** The screen viewport of the PNG: the top of the report, to the table of families. */
const SCREENSHOT = { width: 1200, height: 1250 };

const CSS_PX_PER_MM = 96 / 25.4;
const MM_PER_INCH = 25.4;

/** Runs in the page: every element whose content overflows its box or the printable width. */
const FIND_OVERFLOWS = `(() => {
  const width = document.documentElement.clientWidth;
  const describe = (e) =>
    e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
    ' "' + (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60) + '"';
  const isPast = (e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1;
  };
  const found = [];
  for (const e of document.body.querySelectorAll('*')) {
    const box = e.getBoundingClientRect();
    const wider = e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
    const past = isPast(e) && !(e.parentElement && isPast(e.parentElement));
    if (wider || past) {
      found.push(describe(e) + ': scrollWidth ' + e.scrollWidth + ', clientWidth ' +
        e.clientWidth + ', right ' + Math.round(box.right) + ' of ' + width);
    }
  }
  return { width, scrollWidth: document.documentElement.scrollWidth, found };
})()`;

interface Overflows {
  readonly width: number;
  readonly scrollWidth: number;
  readonly found: string[];
}

type Message = { id?: number; method?: string; result?: unknown; error?: { message: string } };

/** A DevTools protocol connection to Chromium over `--remote-debugging-pipe`. */
class DevTools {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly browser: ChildProcess,
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (message.id !== undefined) this.pending.get(message.id)?.(message);
        else if (message.method) this.waiting.get(message.method)?.();
      }
    });
  }

  /** Sends a command and resolves with its result. */
  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as T);
      });
      this.input.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    });
  }

  /** Resolves at the next event of that name. */
  next(method: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(method, resolve));
  }

  close(): void {
    this.browser.kill();
  }
}

function launch(): DevTools {
  const browser = spawn(
    process.env.CHROMIUM ?? 'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--remote-debugging-pipe'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  browser.on('error', (error) => {
    console.error(`cannot start Chromium (set CHROMIUM to its path): ${error.message}`);
    process.exit(2);
  });
  return new DevTools(browser, browser.stdio[3] as Writable, browser.stdio[4] as Readable);
}

async function main(): Promise<number> {
  const page = path.resolve(process.argv[2] ?? 'cdk.out/evidence-report.html');
  const outDir = path.resolve(process.argv[3] ?? path.dirname(page));
  if (!fs.existsSync(page)) throw new Error(`no HTML report at ${page}: run npm run synth first`);
  fs.mkdirSync(outDir, { recursive: true });
  const devtools = launch();
  setTimeout(() => {
    console.error(`Chromium did not finish within ${TIMEOUT_MS / 1000} s`);
    devtools.close();
    process.exit(2);
  }, TIMEOUT_MS).unref();
  try {
    const { targetId } = await devtools.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
    });
    const { sessionId } = await devtools.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    const send = <T>(method: string, params: object = {}) =>
      devtools.send<T>(method, params, sessionId);
    await send('Page.enable');
    const load = async (width: number, height: number, media: string) => {
      await send('Emulation.setDeviceMetricsOverride', {
        width,
        height,
        deviceScaleFactor: 1,
        mobile: false,
      });
      await send('Emulation.setEmulatedMedia', { media });
      const loaded = devtools.next('Page.loadEventFired');
      await send('Page.navigate', { url: `file://${page}` });
      await loaded;
    };

    let cut = 0;
    for (const paper of PAPERS) {
      const width = Math.floor((paper.widthMm - 2 * MARGIN_MM) * CSS_PX_PER_MM);
      const height = Math.floor((paper.heightMm - 2 * MARGIN_MM) * CSS_PX_PER_MM);
      await load(width, height, 'print');
      const { result } = await send<{ result: { value: Overflows } }>('Runtime.evaluate', {
        expression: FIND_OVERFLOWS,
        returnByValue: true,
      });
      const overflows = result.value;
      await send('Emulation.clearDeviceMetricsOverride');
      const { data } = await send<{ data: string }>('Page.printToPDF', {
        paperWidth: paper.widthMm / MM_PER_INCH,
        paperHeight: paper.heightMm / MM_PER_INCH,
        printBackground: true,
        preferCSSPageSize: false,
      });
      const pdf = path.join(outDir, `evidence-report-${paper.name}.pdf`);
      fs.writeFileSync(pdf, Buffer.from(data, 'base64'));
      console.log(
        `${paper.name}: printable width ${overflows.width} px, page ${overflows.scrollWidth} px ` +
          `wide, ${overflows.found.length} elements cut; ${path.relative(process.cwd(), pdf)}`,
      );
      for (const line of overflows.found) console.log(`  ${line}`);
      cut += overflows.found.length + (overflows.scrollWidth > overflows.width ? 1 : 0);
    }

    await load(SCREENSHOT.width, SCREENSHOT.height, 'screen');
    const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    const png = path.join(outDir, 'evidence-report.png');
    fs.writeFileSync(png, Buffer.from(data, 'base64'));
    console.log(
      `screen: ${SCREENSHOT.width}x${SCREENSHOT.height} px; ${path.relative(process.cwd(), png)}`,
    );
    return cut === 0 ? 0 : 1;
  } finally {
    devtools.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
