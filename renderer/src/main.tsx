import { initI18n } from './i18n';
import { mountApp } from './root';
import './styles.css';

/** The first screen renders once the desk's language catalogue (its own chunk, issue 17 item 14) is in. */
void initI18n().then(mountApp);
