import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCommandLine } from '../../api/command-line.ts';

const OPTIONS = { out: { type: 'string' }, force: { type: 'boolean', default: false } } as const;

describe('parseCommandLine', () => {
  afterEach(() => vi.restoreAllMocks());

  it('returns the option values', () => {
    expect(parseCommandLine(OPTIONS, 'usage', ['--out', 'dir'])).toEqual({
      out: 'dir',
      force: false,
      help: false,
    });
  });

  it('prints the usage for --help and -h and says to stop with 0', () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(parseCommandLine(OPTIONS, 'the usage\n', ['--help'])).toBe(0);
    expect(parseCommandLine(OPTIONS, 'the usage\n', ['-h'])).toBe(0);
    expect(stdout).toHaveBeenCalledWith('the usage\n');
  });

  it('refuses an unknown option or a stray argument with the reason and the usage, exit code 2', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(parseCommandLine(OPTIONS, 'the usage\n', ['--bogus'])).toBe(2);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/Unknown option '--bogus'[\s\S]*the usage/);
    expect(parseCommandLine(OPTIONS, 'the usage\n', ['stray'])).toBe(2);
  });
});
