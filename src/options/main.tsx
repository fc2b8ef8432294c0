import { render } from 'preact';
import { Settings } from './Settings';
import '../widget/styles.css';
import { applyDocumentLanguage } from '../widget/i18n';

applyDocumentLanguage();
document.title = chrome.i18n.getMessage('settingsTitle');
render(<Settings />, document.getElementById('app')!);
