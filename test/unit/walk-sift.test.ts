/**
 * The walker reads a pass's text in chunks and searches each chunk once (siftText) instead of testing every text
 * node (isCandidate). The chunk search must find at least every node the per-node test accepts — a node it misses
 * would be an address never looked at — and it may find more (a match that runs across nodes costs one unit's
 * look, never an answer). Checked over random runs of nodes built from the pieces markers are made of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCandidate } from '../../src/detect/detect';
import { siftText } from '../../src/content/walk';

const pieces = [
  '@', '＠', '@2x.', '@1.5x.', 'x.', '2', '.', ' ', '\u00a0', '\t', '(', ')', '[', ']', '{', '}', '［', '］', '（', '）',
  'at', 'AT', 'At', 'ät', 'ÄT', 'arobase', 'AROBASE', 'アットマーク', 'اَت', 'ات', 'แอท', 'dot', 'DOT', 'Dot', 'mailto:', 'MAILTO:',
  'ana', 'example', 'com', 'png', 'v1', 'logo', 'Lorem ipsum', '<', '>',
];
const node = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join(''));

const sift = (nodes: string[]) => {
  const stops: number[] = [];
  let end = 0;
  for (const n of nodes) stops.push((end += n.length));
  return siftText(nodes.join(''), stops);
};

describe('siftText: the chunk search of the walker', () => {
  it('finds every node isCandidate accepts, each once and in order', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), (nodes) => {
        const hits = sift(nodes);
        for (const [i, text] of nodes.entries()) if (isCandidate(text)) expect(hits).toContain(i);
        expect(hits).toEqual([...new Set(hits)].sort((a, b) => a - b));
      }),
      { numRuns: 3000 },
    );
  });

  it('lets image names go, but only when the name is whole within its node', () => {
    expect(sift(['logo@2x.png'])).toEqual([]);
    expect(sift(['v7@1.5x.webp and more'])).toEqual([]);
    // The node ends before the image suffix is whole: the per-node test takes it, so must the chunk search.
    expect(isCandidate('v1@2')).toBe(true);
    expect(sift(['v1@2', 'x.png'])).toEqual([0]);
    expect(sift(['ana', '@', 'example.com'])).toEqual([1]);
  });

  it('meets markers split across nodes (a superset: their units are looked at)', () => {
    expect(sift(['ana (', 'at) example.com'])).toEqual([0]);
    expect(sift(['plain text', 'more text', 'ana dot com'])).toEqual([2]);
    expect(sift(['nothing here', 'at all'])).toEqual([]);
  });
});
