/** A private X display for tests that need real key events (chrome.commands ignore synthetic ones). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface Display {
  name: string;
  key(combo: string): void;
  stop(): void;
}

export async function startDisplay(): Promise<Display> {
  for (let n = 90 + Math.floor(Math.random() * 100); ; n++) {
    if (fs.existsSync(`/tmp/.X${n}-lock`)) continue;
    const name = `:${n}`;
    const proc: ChildProcess = spawn('Xvfb', [name, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !fs.existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 50));
    if (proc.exitCode !== null) continue;
    return {
      name,
      key(combo) {
        const r = spawnSync('xdotool', ['key', '--clearmodifiers', combo], { env: { ...process.env, DISPLAY: name } });
        if (r.status !== 0) throw new Error(`xdotool failed: ${r.stderr}`);
      },
      stop: () => proc.kill(),
    };
  }
}
