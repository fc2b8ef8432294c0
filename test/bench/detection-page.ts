/** What the detection bench injects into a page: the content script's own scanner, nothing else. */
import { scanPage, watch } from '../../src/content/scanner';

(globalThis as unknown as { sidekickBench: unknown }).sidekickBench = { scanPage, watch };
