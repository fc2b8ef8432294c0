import { render } from 'preact';
import { Panel } from '../widget/Panel';
import '../widget/styles.css';
import './panel.css';
import { t } from '../widget/i18n';
import { startInChosenLanguage } from '../widget/language';
import { onWorkerEvent, WORKSPACE_EVENT } from '../protocol/events';

/** `?tab=<id>` binds the panel to one tab (the "Pop out" window); without it the panel follows the active tab. */
const param = new URLSearchParams(location.search).get('tab');
const fixedTabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
// Settings → Language first: the page renders once, in the chosen language.
await startInChosenLanguage();
document.title = t('panelTitle');
render(<Panel fixedTabId={fixedTabId} />, document.getElementById('app')!);
// Another workspace is in use: start again in it (nothing of the other one's people stays on screen).
onWorkerEvent(WORKSPACE_EVENT, () => location.reload());
