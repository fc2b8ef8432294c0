import { render } from 'preact';
import { Settings } from './Settings';
import '../widget/styles.css';
import './options.css';
import { t } from '../widget/i18n';
import { startInChosenLanguage } from '../widget/language';

// Settings → Language first: the page renders once, in the chosen language.
await startInChosenLanguage();
document.title = t('settingsTitle');
render(<Settings />, document.getElementById('app')!);
