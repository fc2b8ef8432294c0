import { render } from 'preact';
import { Panel } from '../widget/Panel';
import '../widget/styles.css';
import { t } from '../widget/i18n';
import { startInChosenLanguage } from '../widget/language';

/** `?tab=<id>` binds the panel to one tab (the "Pop out" window); without it the panel follows the active tab. */
const param = new URLSearchParams(location.search).get('tab');
const fixedTabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
// Settings → Language first: the page renders once, in the chosen language.
await startInChosenLanguage();
document.title = t('panelTitle');
render(<Panel fixedTabId={fixedTabId} />, document.getElementById('app')!);
