import { execFileSync } from 'child_process';

/** How long git may take to answer, in milliseconds. */
const GIT_TIMEOUT_MS = 5000;

/** The git state of the folder a cloud assembly is in, when the report is written. */
export interface GitState {
  /**
   * The commit checked out.
   * @default - none: not in a git repository, or a repository without a commit
   */
  readonly commit?: string;
  /**
   * Whether the work tree holds changes not committed (untracked files included).
   * @default - not known: not in a git repository
   */
  readonly dirty?: boolean;
  /** The state in words, e.g. `0123abc... (work tree clean)` or `not in a git repository`. */
  readonly description: string;
}

/**
 * The git state of `directory`, from `git status` run there with a short timeout. The
 * repository's fsmonitor hook is turned off, so reading an assembly never runs its commands.
 */
export function gitStateOf(directory: string): GitState {
  let output: string;
  try {
    output = execFileSync(
      'git',
      ['-c', 'core.fsmonitor=false', 'status', '--porcelain=v2', '--branch'],
      {
        cwd: directory,
        encoding: 'utf8',
        timeout: GIT_TIMEOUT_MS,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { description: 'git is not installed' };
    if (code === 'ETIMEDOUT' || (error as { signal?: string }).signal === 'SIGTERM') {
      return { description: `git did not answer within ${GIT_TIMEOUT_MS / 1000} s` };
    }
    return { description: 'not in a git repository' };
  }
  const lines = output.split('\n').filter(Boolean);
  const oid = lines.find((l) => l.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
  const dirty = lines.some((l) => !l.startsWith('#'));
  const tree = dirty ? 'uncommitted changes' : 'work tree clean';
  if (oid === undefined || oid === '(initial)') {
    return { dirty, description: `a git repository without a commit (${tree})` };
  }
  return { commit: oid, dirty, description: `${oid} (${tree})` };
}
