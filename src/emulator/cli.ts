#!/usr/bin/env node
// `partner-events emulate [cdktf.out]`: starts the local partner namespace emulator for a synthesized app, prints
// each namespace's endpoint and local keys, and stops cleanly on SIGINT/SIGTERM.
import * as path from 'path';
import { parseArgs as parseCommandLine } from 'util';
import { EmulatorHandle, EmulatorOptions } from './api';
import { topicIdOf } from './model-file';
import { startEmulator } from './server';

export const DEFAULT_PORT = 4711;

const USAGE = `Usage: partner-events emulate [cdktf.out] [options]

Starts a local partner namespace for every partner namespace of a synthesized app (the folder that
\`npm run synth\` or \`cdktf synth\` writes): publish endpoints, routing, partner topic activation and delivery to
webhook subscriptions, configured from the partner-events.model.json files beside each stack.

Options:
  --port <n>                 port of the publish and admin endpoints (default ${DEFAULT_PORT}; 0: any free port)
  --host <address>           address to listen on (default 127.0.0.1)
  --webhook <key>=<url>      deliver a webhook subscription to a local URL; <key> is a subscription name,
                             <topic>/<subscription>, a construct path, or an origin of the model's URLs
                             (https://tickets.contoso.example=http://127.0.0.1:3000). Repeatable.
  --allow-remote-webhooks    also call webhook URLs that are not on this machine
  --key <namespace>=<key1>[,<key2>]  fixed keys for a namespace (default: new random keys). Repeatable.
  --storage <connection string>  an Azure Storage API (Azurite's, or an account's): storage queue destinations
                             are delivered there, and dead letters are written there as blobs
  --dead-letter-dir <dir>    without --storage: where dead-lettered events are written
                             (default .partner-events/dead-letters)
  --time-scale <x>           multiply Event Grid's retry and dead-letter durations (0.001: seconds become ms)
  --max-backlog <events>     events each subscription may hold before publishers get 503 (default 50000)
  --max-connections <n>      open connections at once (default 256)
  --no-webhook-validation    skip the CloudEvents webhook validation handshake (OPTIONS)
  --strict-source            refuse events whose source is not a URI-reference
  -h, --help                 show this help
`;

/** Where the command writes. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** The options of the command, as node's parseArgs takes them. */
const OPTIONS = {
  'port': { type: 'string' },
  'host': { type: 'string' },
  'webhook': { type: 'string', multiple: true },
  'allow-remote-webhooks': { type: 'boolean' },
  'key': { type: 'string', multiple: true },
  'dead-letter-dir': { type: 'string' },
  'storage': { type: 'string' },
  'time-scale': { type: 'string' },
  'max-backlog': { type: 'string' },
  'max-connections': { type: 'string' },
  'no-webhook-validation': { type: 'boolean' },
  'strict-source': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
} as const;

/**
 * `<name>=<value>` split at the first `=`: names (namespace names, subscription names, construct paths, URL
 * origins) have none, while values do (base64 keys end in `=`, URLs have queries).
 */
function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw new Error(`--${flag} takes <name>=<value> (got ${JSON.stringify(text)})`);
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new Error(`--${flag} takes a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`);
  }
  return n;
}

/** Parses the command line into emulator options (throws with a message on bad input). */
export function parseArgs(argv: string[]): { help: boolean; options: EmulatorOptions & { outdir: string } } {
  const { values, positionals } = parseCommandLine({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const args = [...positionals];
  if (args[0] === 'emulate') {
    args.shift();
  } else if (args.length > 0 && argv[0] === args[0]) {
    throw new Error(`unknown command ${args[0]}: the command is emulate`);
  }
  if (args.length > 1) {
    throw new Error(`one output folder only (got ${args.map((a) => JSON.stringify(a)).join(' and ')})`);
  }
  const webhooks: { [key: string]: string } = Object.create(null);
  for (const text of values.webhook ?? []) {
    const [key, url] = pair('webhook', text);
    try {
      new URL(url);
    } catch {
      throw new Error(`--webhook ${key}=…: ${JSON.stringify(url)} is not a URL (give http://127.0.0.1:<port>/<path>)`);
    }
    if (key in webhooks) {
      throw new Error(`--webhook ${key} is given twice`);
    }
    webhooks[key] = url;
  }
  const keys: { [ns: string]: { key1: string; key2?: string } } = Object.create(null);
  for (const text of values.key ?? []) {
    const [ns, given] = pair('key', text);
    const parts = given.split(',');
    if (parts.length > 2 || parts.some((k) => k.trim() === '')) {
      throw new Error(`--key ${ns}=…: give one or two non-empty keys separated by a comma (<key1>[,<key2>]), got ${parts.length} part(s)${parts.some((k) => k.trim() === '') ? ' with an empty one' : ''}`);
    }
    if (Object.keys(keys).some((k) => k.toLowerCase() === ns.toLowerCase())) {
      throw new Error(`--key ${ns} is given twice`);
    }
    keys[ns] = { key1: parts[0], key2: parts[1] };
  }
  let timeScale: number | undefined;
  if (values['time-scale'] !== undefined) {
    timeScale = Number(values['time-scale']);
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new Error(`--time-scale takes a positive number (got ${JSON.stringify(values['time-scale'])})`);
    }
  }
  const maxBacklog = wholeNumber('max-backlog', values['max-backlog'], 1, 10_000_000);
  const maxConnections = wholeNumber('max-connections', values['max-connections'], 1, 100_000);
  return {
    help: values.help === true,
    options: {
      outdir: args[0] ?? 'cdktf.out',
      port: wholeNumber('port', values.port, 0, 65535) ?? DEFAULT_PORT,
      host: values.host,
      webhooks,
      keys,
      deadLetterDir: values['dead-letter-dir'],
      storage: values.storage !== undefined ? { connectionString: values.storage } : undefined,
      timing: timeScale !== undefined ? { timeScale } : undefined,
      allowRemoteWebhooks: values['allow-remote-webhooks'] === true,
      webhookValidation: values['no-webhook-validation'] !== true,
      strictSource: values['strict-source'] === true,
      backlog: maxBacklog !== undefined ? { maxEvents: maxBacklog } : undefined,
      limits: maxConnections !== undefined ? { maxConnections } : undefined,
    },
  };
}

/** What the command prints once the emulator listens. */
export function describe(handle: EmulatorHandle, outdir: string): string[] {
  const lines: string[] = [];
  lines.push(`Partner Events local emulator: ${handle.namespaces.length} partner namespace(s) from ${outdir}`);
  for (const ns of handle.namespaces) {
    lines.push('');
    lines.push(`Namespace ${ns.name} (${ns.location ?? 'region unknown'}, routes by ${ns.routingMode === 'ChannelNameHeader' ? 'the aeg-channel-name header' : 'the event source'})`);
    lines.push(`  POST ${ns.endpoint}?api-version=2018-01-01`);
    lines.push(`  aeg-sas-key key1: ${ns.keys.key1}`);
    lines.push(`  aeg-sas-key key2: ${ns.keys.key2}`);
    if (!ns.localAuthEnabled) {
      lines.push('  (local authentication is disabled in the model: keys and SAS tokens are refused, as in Azure)');
    }
    for (const c of ns.channels) {
      const via = c.kind === 'Channel' ? `aeg-channel-name: ${c.name}` : `source ${JSON.stringify(c.source)}`;
      lines.push(`  ${c.kind === 'Channel' ? 'channel' : 'event channel'} ${c.name} (${via}) -> partner topic ${c.partnerTopicId ?? '(unknown at synth)'}`);
    }
  }
  const topics = handle.topics();
  const stats = handle.stats();
  if (topics.length > 0) {
    lines.push('');
    lines.push('Partner topics:');
    for (const t of topics) {
      lines.push(`  ${t.id}: ${t.activationState}`);
      for (const sub of t.subscriptions) {
        const s = stats.subscriptions[sub];
        lines.push(`    subscription ${s.name} (${s.endpointType})${s.notDeliveredReason ? `: not delivered locally — ${s.notDeliveredReason}` : ''}`);
      }
    }
  }
  const pending = topics.filter((t) => t.activationState !== 'Activated');
  lines.push('');
  lines.push(`Admin (header x-emulator-admin-key: ${handle.adminKey}):`);
  lines.push(`  GET  ${handle.url}/_emulator/stats`);
  if (pending.length > 0) {
    const t = pending[0];
    const ref = t.id.split('/');
    lines.push(`  POST ${handle.url}/_emulator/activate?topic=${encodeURIComponent(`${ref[2]}/${ref[4]}/${ref[8]}`)}   (activates ${topicIdOf({ subscriptionId: ref[2], resourceGroupName: ref[4], name: ref[8] })}: events for a pending topic are not delivered)`);
  }
  lines.push(handle.storage ? `Storage (queue destinations, dead-letter blobs): ${handle.storage}` : `Dead letters: ${handle.deadLetterDir}`);
  lines.push('Ctrl-C stops the emulator.');
  return lines;
}

/** Runs the command; resolves with the running emulator (the caller owns signals). */
export async function runCli(argv: string[], io: CliIo): Promise<EmulatorHandle | undefined> {
  const { help, options } = parseArgs(argv);
  if (help) {
    io.out(USAGE);
    return undefined;
  }
  const handle = await startEmulator({
    ...options,
    logger: (level, message) => (level === 'warn' ? io.err(`[emulator] warning: ${message}`) : io.out(`[emulator] ${message}`)),
  });
  for (const line of describe(handle, path.resolve(options.outdir))) {
    io.out(line);
  }
  return handle;
}

/** The `partner-events` bin. */
export function main(argv: string[] = process.argv.slice(2)): void {
  const io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };
  runCli(argv, io).then((handle) => {
    if (!handle) {
      return;
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        return;
      }
      stopping = true;
      io.out(`${signal}: stopping the emulator`);
      const stats = handle.stats();
      for (const [p, s] of Object.entries(stats.subscriptions)) {
        io.out(`  ${s.name} (${p}): ${s.matched} matched, ${s.delivered} delivered, ${s.deadLettered} dead-lettered, ${s.dropped} dropped, ${s.notDeliveredLocally} not delivered locally, ${s.pending} pending`);
      }
      handle.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }, (e: Error) => {
    io.err(`partner-events: ${e.message}`);
    io.err('Run partner-events emulate --help for usage.');
    process.exitCode = 2;
  });
}

if (require.main === module) {
  main();
}
