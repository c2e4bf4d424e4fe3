/**
 * Starts the real server for the e2e run:
 *   $CHAT_SERVER_BIN --storage sqlite --database-url <tmp>/chat.db
 *     --listen 127.0.0.1:0 --web-dir <web/out> --rate-limits off
 * reads the address from the one JSON line it prints when listening
 * ({"listening":"127.0.0.1:PORT"}), waits for GET /healthz = 200, and
 * returns the teardown that stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The address of the server's first stdout line, `{"listening":"127.0.0.1:PORT"}`. */
function listeningAddress(child: ChildProcess, logPath: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((res, rej) => {
    const stdout = child.stdout;
    if (!stdout) {
      rej(new Error('chat-server has no stdout'));
      return;
    }
    const lines = createInterface({ input: stdout });
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      rej(new Error(`${why}. Log:\n${tail(logPath)}`));
    };
    const timer = setTimeout(() => fail(`chat-server did not say where it listens within ${timeoutMs / 1000}s`), timeoutMs);
    child.once('exit', (code) => fail(`chat-server exited with ${code ?? -1} before listening`));
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        const address = (JSON.parse(line) as { listening?: unknown }).listening;
        if (typeof address !== 'string') throw new Error('no "listening" field');
        res(address);
      } catch (e) {
        rej(new Error(`unexpected first line from chat-server: ${JSON.stringify(line)} (${String(e)})`));
      }
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, logPath: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`chat-server exited with ${exited} before it was healthy. Log:\n${tail(logPath)}`);
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`chat-server did not answer 200 on ${url} within ${timeoutMs / 1000}s. Log:\n${tail(logPath)}`);
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = process.env.CHAT_SERVER_BIN;
  if (!bin) {
    throw new Error(
      'CHAT_SERVER_BIN is not set. Build the server (cargo build --release -p app) and run e.g.\n' +
        '  CHAT_SERVER_BIN=$PWD/../target/release/chat-server npm run e2e',
    );
  }
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    throw new Error(`CHAT_SERVER_BIN=${bin} is not an executable file.`);
  }
  const outDir = join(webDir, 'out');
  if (!existsSync(join(outDir, 'index.html'))) {
    throw new Error(`${outDir}/index.html is missing: run "npm run build" first (npm run e2e does).`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'chat-e2e-'));
  const logPath = join(dataDir, 'server.log');
  const log = createWriteStream(logPath);
  const child = spawn(
    bin,
    [
      '--storage', 'sqlite',
      '--database-url', join(dataDir, 'chat.db'),
      '--listen', '127.0.0.1:0',
      '--web-dir', outDir,
      '--rate-limits', 'off',
    ],
    {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        RUST_LOG: process.env.RUST_LOG ?? 'warn',
        CHAT_JWT_SECRET: process.env.CHAT_JWT_SECRET ?? `e2e-secret-${Math.random().toString(36).slice(2)}-${Date.now()}-padded-to-32-bytes`,
      },
    },
  );
  child.stderr?.pipe(log);

  let origin: string;
  try {
    origin = `http://${await listeningAddress(child, logPath)}`;
    child.stdout?.pipe(log);
    await waitHealthy(`${origin}/healthz`, child, logPath);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  process.env.CHAT_E2E_ORIGIN = origin;
  process.env.CHAT_E2E_BASE_URL = `${origin}/app/`;
  process.env.CHAT_E2E_LOG = logPath;

  return async () => {
    if (child.exitCode === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    }
    log.end();
    if (!process.env.CHAT_E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
