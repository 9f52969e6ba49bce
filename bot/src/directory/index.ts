// Picks the directory for the configuration: Graph when the app can sign in for on-behalf-of (federated
// credential from the managed identity, or a secret), the seeded list under development sign-in, none otherwise.
import type { Config } from '../config';
import { AppError } from '../domain/errors';
import type { Directory } from './directory';
import { graphDirectory } from './graphDirectory';
import { seededDirectory } from './seededDirectory';

export type { Directory, DirectoryCaller, DirectoryPerson } from './directory';

const built = new WeakMap<Config, Directory | undefined>();

/** The configured directory, or undefined when there is none (Entra sign-in without an app credential). */
export function configuredDirectory(config: Config): Directory | undefined {
  if (!built.has(config)) {
    built.set(
      config,
      config.auth.mode === 'entra' && config.graph
        ? graphDirectory({
            credential: config.graph.credential,
            authorityHost: config.auth.authorityHost,
            graphBaseUrl: config.graph.baseUrl,
          })
        : config.auth.mode === 'development'
          ? seededDirectory()
          : undefined,
    );
  }
  return built.get(config);
}

/** The configured directory; without one, a 503 that says what to configure. */
export function directoryFor(config: Config): Directory {
  const directory = configuredDirectory(config);
  if (!directory)
    throw new AppError(
      503,
      'directory-unavailable',
      'Directory unavailable',
      'The directory is not configured: set ENTRA_MANAGED_IDENTITY_CLIENT_ID (federated credential, as the Azure deployment does) or ENTRA_CLIENT_SECRET so the server can search Microsoft Graph on behalf of the admin.',
    );
  return directory;
}
