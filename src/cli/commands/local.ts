/**
 * `chalice local`: serves the app on a local HTTP server (and websocket endpoint) through the
 * API Gateway emulation, reloading on change. Runs until SIGINT/SIGTERM (or until the project
 * directory disappears), then shuts down gracefully: requests in flight get a grace period,
 * a second signal exits at once. The first line printed is `Serving on <url>`, which tools
 * may parse.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ChaliceTsError } from '../../project/errors.js';
import { startLocalServer, type LocalServerEvent } from '../../local/server/index.js';
import { globalOptions, terminal } from '../context.js';
import type { Ui } from '../output.js';

interface LocalOptions {
  readonly host: string;
  readonly port: number;
  readonly stage: string;
  readonly autoreload: boolean;
  readonly allowUnsupportedAuthorizers?: boolean;
  readonly apiKey?: string[];
  readonly jwks?: string;
  readonly schedules: boolean;
  readonly inProcess?: boolean;
}

export function register(program: Command): void {
  program
    .command('local')
    .description('Run the app on a local HTTP server that emulates API Gateway.')
    .option('--host <host>', 'Address to listen on.', '127.0.0.1')
    .option('--port <port>', 'Port to listen on (0 picks a free one).', parsePort, 8000)
    .option('--stage <stage>', 'Stage whose configuration (environment variables, timeout) applies.', 'dev')
    .option('--no-autoreload', 'Do not reload the app when its files change.')
    .option('--allow-unsupported-authorizers', 'Let requests through IAM and custom (ARN) authorizers, which cannot run locally, instead of refusing them.')
    .option('--api-key <key>', 'A valid API key for routes with apiKeyRequired (repeatable; by default any key is accepted).', collect)
    .option('--jwks <file-or-url>', 'JSON Web Key Set that JWT authorizers (api_type "http") check token signatures against: a JSON file or an http(s) URL (e.g. the issuer\'s /.well-known/jwks.json).')
    .option('--in-process', 'Run the app on the server\'s own thread instead of in Lambda sandboxes (worker threads): about 1.7x the throughput and one thread to debug, but a view that spins blocks every request and process.exit() stops the server.')
    .option('--no-schedules', 'Do not fire the app.schedule handlers on their schedule (they can still be invoked with chalice invoke --local).')
    .action(async (options: LocalOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      // A --jwks file that cannot be used is a mistake in the command line: one line, exit 2,
      // rather than a server answering 500 (a URL is fetched when a token first needs it).
      if (options.jwks !== undefined && !/^https?:\/\//i.test(options.jwks)) {
        const { createJwksProvider } = await import('../../local/http-api/jwks.js');
        createJwksProvider(options.jwks);
      }
      // Listen for signals before the server announces itself, so none is missed.
      let projectRemoved: () => void = () => {};
      const removed = new Promise<'removed'>((resolve) => (projectRemoved = () => resolve('removed')));
      const stopped = Promise.race([waitForSignal(ui), removed]);
      keepRunningOnStrayErrors(ui, options.inProcess === true);
      // In-process, an app's process.exit() ends this process: say so instead of vanishing.
      let exitIsOurs = !options.inProcess;
      process.on('exit', (code) => {
        if (!exitIsOurs) ui.error(`chalice local stopped: the app called process.exit(${code}), which with --in-process ends the server (without --in-process it fails only that request)`);
      });
      const server = await startLocalServer({
        projectDir,
        stage: options.stage,
        host: options.host,
        port: options.port,
        autoreload: options.autoreload,
        unsupportedAuthorizers: options.allowUnsupportedAuthorizers ? 'allow' : 'refuse',
        apiKeys: options.apiKey ?? [],
        ...(options.jwks !== undefined ? { jwks: options.jwks } : {}),
        reportRequests: debug,
        schedules: options.schedules,
        ...(options.inProcess ? { inProcess: true } : {}),
        onEvent: (event) => {
          if (event.kind === 'project-removed') projectRemoved();
          render(ui, event, debug);
        },
      }).catch((error: unknown) => {
        exitIsOurs = true; // a start-up error: the command reports it and exits
        throw error;
      });
      if (options.inProcess) ui.info(ui.colors.dim('In-process (--in-process): no Lambda sandboxes, so a view that spins blocks every request and process.exit() stops the server.'));
      const why = await stopped;
      exitIsOurs = true;
      await server.close();
      if (why === 'removed') {
        throw new ChaliceTsError(`The project directory ${projectDir} was removed while serving; chalice local stopped (restart it in the project's new location)`, 'project_removed');
      }
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Resolves on the first SIGINT/SIGTERM; a second one exits at once. The listeners stay
 * installed throughout: removing one, even for a moment, would let a signal kill the process
 * the default way.
 */
function waitForSignal(ui: Ui): Promise<'signal'> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (received) process.exit(signal === 'SIGINT' ? 130 : 143);
      received = true;
      ui.info(`Received ${signal}, shutting down… (press Ctrl+C again to stop at once)`);
      resolve('signal');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * The app runs in sandboxes (worker threads), whose failures are reported as
 * 'invocation-failed'. Anything reaching here is chalice local's own fault: report it and
 * keep serving. With --in-process the app shares this thread, so it is most likely the app's.
 */
function keepRunningOnStrayErrors(ui: Ui, inProcess: boolean): void {
  const where = inProcess ? 'in the app (running in-process; chalice local keeps running)' : 'in chalice local (it keeps running; please report this)';
  const report = (what: string) => (error: unknown) => {
    const e = error as { stack?: unknown; code?: unknown; syscall?: unknown } | null;
    // The terminal (or pipe) reading our output is gone: nobody is left to serve or tell.
    if (e?.code === 'EPIPE' && e.syscall === 'write') process.exit(1);
    ui.error(`${what} ${where}: ${typeof e?.stack === 'string' ? e.stack : String(error)}`);
  };
  process.on('uncaughtException', report('Uncaught exception'));
  process.on('unhandledRejection', report('Unhandled promise rejection'));
}

function render(ui: Ui, event: LocalServerEvent, debug: boolean): void {
  const c = ui.colors;
  const entry = (name: string): string => c.bold(name);
  switch (event.kind) {
    case 'listening': {
      ui.info(`Serving on ${event.url}`);
      const target = event.target;
      if (target.kind === 'ready') {
        const width = Math.max(0, ...target.routes.map((route) => route.method.length));
        if (target.routes.length === 0) ui.info(c.dim('The app has no routes.'));
        for (const route of target.routes) ui.info(`  ${c.bold(route.method.padEnd(width))}  ${event.url}${route.path}`);
        if (target.hasWebsocket) ui.info(`  ${c.bold('WS'.padEnd(width))}  ${event.websocketUrl}`);
      } else {
        ui.error(target.message);
        ui.info('Every request is answered with 500 until the error is fixed.');
      }
      return;
    }
    case 'ready':
      ui.info(c.dim(event.autoreload ? 'Reloading on changes. Press Ctrl+C to stop.' : 'Press Ctrl+C to stop.'));
      return;
    case 'reloading':
      if (debug) ui.info(c.dim(`Change in ${event.file}, reloading…`));
      return;
    case 'loaded':
      ui.info(`${c.green('Reloaded')} in ${event.ms} ms`);
      return;
    case 'load-failed':
      ui.error(`${event.reload ? 'Reload failed: ' : ''}${event.target.message}`);
      ui.info('Every request is answered with 500 until the error is fixed.');
      return;
    case 'warning':
      ui.warn(event.message);
      return;
    case 'handler-error': {
      const error = event.error as { stack?: unknown } | null;
      ui.error(`${event.where}: ${typeof error?.stack === 'string' ? error.stack : String(event.error)}`);
      return;
    }
    case 'request':
      if (debug) ui.info(c.dim(`${event.method} ${event.url} ${event.statusCode} ${event.ms} ms`));
      return;
    case 'invocation-failed':
      ui.error(`${event.functionName} ${event.message}${event.statusCode !== undefined ? ` (answered ${event.statusCode})` : ''}`);
      return;
    case 'project-removed':
      return; // the command stops and says why
    case 'schedules':
      for (const entry of event.schedules) {
        const next = entry.next === undefined ? 'never fires again' : `next ${new Date(entry.next).toISOString().replace('.000Z', 'Z')}`;
        ui.info(`  ${c.bold('SCHEDULE')}  ${entry.name}  ${entry.expression}  ${c.dim(next)}`);
      }
      return;
    case 'schedule-fired':
      ui.info(`schedule ${entry(event.name)} fired (${event.expression})`);
      return;
    case 'invoked':
      if (debug || event.invocationType === 'Event') ui.info(c.dim(`invoked ${event.functionName} (${event.invocationType})${event.failed ? ': failed' : ''}`));
      return;
    case 'invoke-failed':
      ui.error(`${event.functionName} ${event.message}`);
      return;
    case 'function-urls':
      for (const u of event.urls) ui.info(`  ${c.bold('URL')}  ${u.name}  ${u.url}  ${c.dim(`(function URL, ${u.authType})`)}`);
      return;
    case 'function-url-failed':
      ui.error(`${event.functionName} ${event.message}`);
      return;
    case 'draining':
      ui.info(`Waiting up to ${Math.round(event.graceMs / 1000)} s for ${event.inFlight} request${event.inFlight === 1 ? '' : 's'} in flight…`);
      return;
    case 'drain-timeout':
      ui.warn(`${event.unfinished} request${event.unfinished === 1 ? '' : 's'} still running at the end of the grace period; answered 503`);
      return;
    default: {
      const never: never = event;
      void never;
    }
  }
}
