// @vitest-environment node
/** The manifest's floor: no Chrome where our protections silently do not exist may install the extension. */
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../manifest.config';

describe('manifest', () => {
  it('requires the first Chrome that enforces use_dynamic_url (130), which also has storage.local.setAccessLevel (102)', () => {
    for (const mode of ['production', 'sandbox']) {
      const m = buildManifest(mode) as { minimum_chrome_version?: string; web_accessible_resources?: Array<{ use_dynamic_url?: boolean }> };
      expect(Number(m.minimum_chrome_version)).toBeGreaterThanOrEqual(130);
      expect(m.web_accessible_resources?.every((r) => r.use_dynamic_url === true)).toBe(true);
    }
  });
});
