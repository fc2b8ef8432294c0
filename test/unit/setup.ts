import { afterAll } from 'vitest';

/**
 * Preact's hooks schedule effects after paint with requestAnimationFrame and a 35 ms setTimeout together;
 * the timer's callback calls cancelAnimationFrame. If a file's last render leaves one pending, jsdom's
 * globals are gone by the time it fires ("cancelAnimationFrame is not defined", an unhandled error that
 * fails the run). Let those timers run out before the environment is torn down.
 */
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));
