// Debian's nginx on loopback, configured from deploy/nginx/bendi.conf (the file docs/deploy.md
// tells operators to install), for end-to-end tests and benchmarks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from './portal-process.js';

export const NGINX = '/usr/sbin/nginx';

/** False when Debian's nginx is installed, else why a suite that needs it is skipped (node:test's `skip`). */
export function missingNginx(): string | false {
  return fs.existsSync(NGINX) ? false : `${NGINX} is not installed (apt-get install nginx-light; .ci/run does)`;
}

export interface RunningNginx {
  origin: string;
  /** The access log, in the template's `bendi` format (upstream=…). */
  accessLog(): string;
  stop(): Promise<void>;
}

const TEMPLATE = path.join(REPO_ROOT, 'deploy', 'nginx', 'bendi.conf');

/**
 * The template with only what differs on this machine changed: the instances'
 * addresses, the port it listens on, and where it logs. Every upstream,
 * proxy and gzip setting is the file's own. Throws if the template no longer
 * has the lines replaced here, so the test cannot drift from the file.
 */
export function nginxSiteConfig(upstreams: string[], port: number, accessLog: string): string {
  let config = fs.readFileSync(TEMPLATE, 'utf8');
  const replace = (pattern: RegExp, replacement: string) => {
    if (!pattern.test(config)) throw new Error(`${TEMPLATE} no longer matches ${pattern}`);
    config = config.replace(pattern, replacement);
  };
  const servers = upstreams.map((origin) => `    server ${new URL(origin).host} max_fails=3 fail_timeout=10s;`).join('\n');
  replace(/^(?: {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/m, `${servers}\n`);
  replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${port};`);
  replace(/access_log \S+ bendi;/, `access_log ${accessLog} bendi;`);
  return config;
}

/**
 * Starts nginx in the foreground in front of `upstreams` (origins such as
 * http://127.0.0.1:3001), inside the http block Debian's nginx.conf would
 * give it (gzip on), with its files in a temporary folder. Resolves once it
 * passes /healthz through.
 */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-nginx-'));
  // Workers run as nobody when nginx is started by root: they must reach the temporary files.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const accessLog = path.join(dir, 'access.log');
  fs.writeFileSync(path.join(dir, 'bendi.conf'), nginxSiteConfig(upstreams, port, accessLog));
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '    gzip on;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${dir}/${kind};`),
      `    include ${dir}/bendi.conf;`,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const errorLog = () => fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
  const stop = async () => {
    // SIGQUIT: nginx's graceful stop, the workers finishing what they have.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${origin}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = fs.existsSync(path.join(dir, 'error.log')) ? errorLog() : '';
      await stop();
      throw new Error(`nginx did not pass ${origin}/healthz through (exit ${child.exitCode}):\n${output}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, accessLog: () => fs.readFileSync(accessLog, 'utf8'), stop };
}
