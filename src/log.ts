/** A tiny structured logger: one line per event, `time LEVEL message key=value ...`, to stderr. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: number = order.info;
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function setLogLevel(level: LogLevel): void {
  threshold = order[level];
}
/** For tests: capture log lines instead of printing them. Returns a function that restores stderr. */
export function captureLogs(into: string[]): () => void {
  const previous = sink;
  sink = (line) => into.push(line);
  return () => {
    sink = previous;
  };
}

function format(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.stack ?? value.message);
  if (typeof value === 'string') return /^[\w.:/@-]*$/.test(value) && value !== '' ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
  if (order[level] < threshold) return;
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  if (fields) for (const [k, v] of Object.entries(fields)) if (v !== undefined) line += ` ${k}=${format(v)}`;
  sink(line);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
