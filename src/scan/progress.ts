/**
 * The scan's progress bar on stderr (only when stderr is a terminal): files done of total, rate,
 * time left, and how many were rejected or failed so far. Nothing is drawn when stderr is a file
 * or a pipe (CI logs, `2> log.txt`): the one-line summary at the end is enough there.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(outcome: { status: string; cached: boolean }): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY || total === 0) return { tick() {}, stop() {} };
  const started = performance.now();
  let problems = 0;
  let cached = 0;
  let done = 0;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'Screening {bar} {value}/{total} | {rate} files/s | ETA {eta_formatted} | {problems} rejected or failed{cachedNote}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0', problems: 0, cachedNote: '' });
  return {
    tick({ status, cached: fromCache }) {
      if (status === 'rejected' || status === 'fail') problems++;
      if (fromCache) cached++;
      done++;
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, {
        rate: seconds > 0 ? (done / seconds).toFixed(0) : '0',
        problems,
        cachedNote: cached ? ` | ${cached} from cache` : '',
      });
    },
    stop() {
      bar.stop();
    },
  };
}
