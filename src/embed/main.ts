/** dist-widget/sidekick.js: `<script type="module" src=".../sidekick.js">` defines `<sidekick-contact>`. */
import { defineSidekickContact } from './element';

defineSidekickContact();

export { SidekickContact } from './element';
