import { createRoot } from 'react-dom/client';
import { App } from './App';
import { language } from './locale';
import { speak } from './strings';

// German pages load their strings (a chunk of their own) before the first render; English ones never do.
async function start(): Promise<void> {
  if (language === 'de') speak((await import('./strings.de')).de);
  createRoot(document.getElementById('root')!).render(<App />);
}
void start();
