// Jest setup (both projects): the tab's catalogues in English, compiled by @messageformat/core as the build
// compiles them (scripts/i18n/catalogue.ts), registered as the page would register them once loaded, so
// components and tests read the same texts the English tab shows.
import { registerEnglish, register, type Namespace } from '../../tab/src/i18n/catalogue';
import { compileCatalogue, namespacesOnDisk } from '../../scripts/i18n/catalogue';

for (const namespace of namespacesOnDisk() as Namespace[]) {
  register(namespace, compileCatalogue('en', namespace));
  registerEnglish(namespace, compileCatalogue('en', namespace));
}
