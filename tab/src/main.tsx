import { createRoot } from 'react-dom/client';
import { App } from './App';

// The page's catalogues start loading with the shell (i18n/pageLanguage.ts); App renders once they are in.
createRoot(document.getElementById('root')!).render(<App />);
