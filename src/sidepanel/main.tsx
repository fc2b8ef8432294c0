import { render } from 'preact';
import { Panel } from '../widget/Panel';
import '../widget/styles.css';
import { applyDocumentLanguage } from '../widget/i18n';

/** `?tab=<id>` binds the panel to one tab (the "Pop out" window); without it the panel follows the active tab. */
const param = new URLSearchParams(location.search).get('tab');
const fixedTabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
applyDocumentLanguage();
document.title = chrome.i18n.getMessage('panelTitle');
render(<Panel fixedTabId={fixedTabId} />, document.getElementById('app')!);
