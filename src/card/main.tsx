import { render } from 'preact';
import { EXTENSION_HOST, HostProvider } from '../widget/host';
import { InPageCard } from '../widget/InPageCard';
import '../widget/styles.css';
import { t } from '../widget/i18n';
import { startInChosenLanguage } from '../widget/language';
import { onWorkerEvent, WORKSPACE_EVENT } from '../protocol/events';

/**
 * The in-page card: the widget hosted in an extension-origin iframe that the content script puts in a closed
 * shadow root next to a highlighted address. The page cannot read this document (another origin) or reach
 * the frame element. `#<email>` names the address; nothing else comes from the page.
 */
const email = decodeURIComponent(location.hash.slice(1));
// Settings → Language first: the page renders once, in the chosen language.
await startInChosenLanguage();
document.title = t('cardTitle');
// A web page surrounds this card: one-click writes ask for a second, deliberate click.
render(
  <HostProvider value={{ ...EXTENSION_HOST, confirmWrites: true }}>
    <InPageCard email={email} />
  </HostProvider>,
  document.getElementById('app')!,
);
// Another workspace is in use: the card shows the person as that workspace knows them.
onWorkerEvent(WORKSPACE_EVENT, () => location.reload());
