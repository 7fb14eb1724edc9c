/**
 * The flows command line: validate and compile flow files, run their saved test scenarios.
 */
import { readFileSync } from 'node:fs';
import { checkSubflowOutcomes, checkSubflowReferences, compileFlow, formatDiagnostic, parseFlowDocument, type CompiledFlow, type Diagnostic } from '../src/index.js';
import { JsonSource } from './locate.js';
import { runTestCommand } from './test-command.js';

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };
const colourTerminal = (): boolean => Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined;
let io: CliOutput = consoleOutput;

interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
  name?: string;
  calls?: string[];
  compiled?: CompiledFlow;
  /** A problem that stops the file being read at all (unreadable, not JSON). */
  fatal?: { message: string; line?: number; column?: number };
}

function checkFile(file: string): FileReport & { source?: JsonSource } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, diagnostics: [], fatal: { message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` } };
  }
  const source = new JsonSource(text);
  const syntax = source.syntaxError();
  if (syntax) return { file, diagnostics: [], fatal: syntax, source };
  const parsed = parseFlowDocument(JSON.parse(text) as unknown);
  if (!parsed.ok) return { file, diagnostics: parsed.diagnostics, source };
  const result = compileFlow(parsed.document);
  return { file, diagnostics: [...parsed.diagnostics, ...result.diagnostics], name: parsed.document.name, calls: result.compiled?.subflows ?? [], ...(result.compiled ? { compiled: result.compiled } : {}), source };
}

function where(report: FileReport & { source?: JsonSource }, d: Diagnostic): string {
  const at = report.source?.locate(d.path);
  return at ? `${report.file}:${at.line}:${at.column}` : report.file;
}

function formatFatal(file: string, fatal: NonNullable<FileReport['fatal']>): string {
  const at = fatal.line !== undefined ? `${file}:${fatal.line}:${fatal.column}` : file;
  return `${at}: error ${fatal.message}`;
}

function validate(files: string[]): number {
  if (files.length === 0) return usage('validate needs at least one file');
  const reports = files.map(checkFile);
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    if (report.fatal) {
      io.out(`${formatFatal(report.file, report.fatal)}`);
      errors++;
      continue;
    }
    for (const d of report.diagnostics) {
      io.out(formatDiagnostic(d, where(report, d)));
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  // Sub-flow cycles among the files given (missing sub-flows may live elsewhere, so they are not errors here).
  const named = reports.filter((r) => r.name !== undefined);
  const graph = new Map(named.map((r) => [r.name as string, (r.calls ?? []).filter((c) => named.some((n) => n.name === c))]));
  const compiledFlows = named.flatMap((r) => (r.compiled ? [r.compiled] : []));
  for (const d of [...checkSubflowReferences(graph), ...checkSubflowOutcomes(compiledFlows)]) {
    io.out(formatDiagnostic(d));
    if (d.severity === 'error') errors++;
  }
  const ok = reports.length - reports.filter((r) => r.fatal || r.diagnostics.some((d) => d.severity === 'error')).length;
  io.out(`${files.length} file(s): ${ok} valid, ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

function compile(args: string[]): number {
  const hashOnly = args.includes('--hash');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) return usage('compile needs a file');
  const report = checkFile(file);
  if (report.fatal) {
    io.err(formatFatal(file, report.fatal));
    return 1;
  }
  const parsed = parseFlowDocument(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!parsed.ok) {
    for (const d of parsed.diagnostics) io.err(formatDiagnostic(d, where(report, d)));
    return 1;
  }
  const result = compileFlow(parsed.document);
  if (!result.ok || !result.compiled) {
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, where(report, d)));
    return 1;
  }
  io.out(hashOnly ? result.compiled.hash : JSON.stringify(result.compiled, null, 2));
  return 0;
}

function usage(problem?: string): number {
  if (problem) io.err(`error: ${problem}`);
  io.err('usage: pnpm flows validate <files…> | pnpm flows compile <file> [--hash] | pnpm flows test <files…>');
  return 2;
}

/** Run a CLI command; returns the exit code (0 ok, 1 errors found, 2 usage). */
export function runCli(argv: string[], output?: CliOutput): number {
  io = output ?? consoleOutput;
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'compile':
      return compile(rest);
    case 'test':
      if (rest.length === 0) return usage('test needs at least one file');
      return runTestCommand(rest, { out: io.out, err: io.err, color: io === consoleOutput && colourTerminal() });
    default:
      return usage(command ? `unknown command "${command}"` : undefined);
  }
}

