// The rollout panel's strings, English and German; they load with the admin chunk.
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  title: 'Make the app available to all participants',
  intro: 'Installs Reverse Mentoring in Teams for every participant of this programme who does not have it yet, so that the bot can reach them and the app is in their Teams. People who already have it are skipped; nobody has to do anything.',
  withoutApp: (n: number) => (n === 0 ? 'Teams has confirmed the app for every participant.' : `Not yet confirmed by Teams: ${n} ${n === 1 ? 'participant' : 'participants'}.`),
  withoutAppHint: 'A participant counts once Teams confirms the app is installed for them, usually within minutes of the rollout.',
  start: 'Make the app available to all participants',
  startAgain: 'Start again',
  starting: 'Starting…',
  unavailable: 'Not set up on this server',
  running: 'Installing the app',
  progress: (done: number, total: number) => `${done} of ${total} participants done`,
  counts: (installed: number, alreadyHad: number, failed: number) => `${installed} installed, ${alreadyHad} already had it, ${failed} failed`,
  finished: 'Rollout finished',
  finishedAt: (when: string) => `Finished ${when}.`,
  interrupted: 'The rollout stopped before it finished',
  interruptedDetail: 'The server restarted while it ran. Start it again: people who have the app by now are skipped.',
  stopped: 'The rollout stopped',
  failures: 'Could not install for',
  name: 'Participant',
  reason: 'Reason',
  fix: 'What to do',
  reasons: {
    InstallNotPermitted: 'Permission missing',
    InstallerIsNotTheApp: 'Wrong app registration',
    AppNotAvailableToUser: 'App not allowed for this person',
    AppNotInCatalog: 'Not in the organisation’s catalogue',
    CatalogIdUnknown: 'App not found in the catalogue',
    SignInFailed: 'Server could not sign in',
    GraphThrottled: 'Throttled by Microsoft Graph',
    GraphUnavailable: 'Microsoft Graph unavailable',
    GraphRefused: 'Refused by Microsoft Graph',
    UserNotFound: 'Not in the directory',
    NotConfigured: 'Not configured',
  },
};

export type RolloutStrings = Widen<typeof en>;

const de: RolloutStrings = {
  title: 'Die App allen Teilnehmenden bereitstellen',
  intro: 'Installiert Reverse Mentoring in Teams für alle Teilnehmenden dieses Programms, die die App noch nicht haben, damit der Bot sie erreicht und die App in ihrem Teams ist. Wer sie schon hat, wird übersprungen; niemand muss etwas tun.',
  withoutApp: (n: number) => (n === 0 ? 'Teams hat die App für alle Teilnehmenden bestätigt.' : `Von Teams noch nicht bestätigt: ${n} ${n === 1 ? 'Person' : 'Personen'}.`),
  withoutAppHint: 'Eine Person zählt, sobald Teams die Installation für sie bestätigt – meist wenige Minuten nach der Bereitstellung.',
  start: 'Die App allen Teilnehmenden bereitstellen',
  startAgain: 'Erneut starten',
  starting: 'Wird gestartet …',
  unavailable: 'Auf diesem Server nicht eingerichtet',
  running: 'Die App wird installiert',
  progress: (done: number, total: number) => `${done} von ${total} Teilnehmenden erledigt`,
  counts: (installed: number, alreadyHad: number, failed: number) => `${installed} installiert, ${alreadyHad} hatten sie schon, ${failed} fehlgeschlagen`,
  finished: 'Bereitstellung abgeschlossen',
  finishedAt: (when: string) => `Abgeschlossen ${when}.`,
  interrupted: 'Die Bereitstellung wurde unterbrochen',
  interruptedDetail: 'Der Server wurde währenddessen neu gestartet. Starten Sie sie erneut: Wer die App inzwischen hat, wird übersprungen.',
  stopped: 'Die Bereitstellung wurde angehalten',
  failures: 'Nicht installiert für',
  name: 'Teilnehmende Person',
  reason: 'Grund',
  fix: 'Was zu tun ist',
  reasons: {
    InstallNotPermitted: 'Berechtigung fehlt',
    InstallerIsNotTheApp: 'Falsche App-Registrierung',
    AppNotAvailableToUser: 'App für diese Person nicht erlaubt',
    AppNotInCatalog: 'Nicht im Katalog der Organisation',
    CatalogIdUnknown: 'App im Katalog nicht gefunden',
    SignInFailed: 'Server konnte sich nicht anmelden',
    GraphThrottled: 'Von Microsoft Graph gedrosselt',
    GraphUnavailable: 'Microsoft Graph nicht erreichbar',
    GraphRefused: 'Von Microsoft Graph abgelehnt',
    UserNotFound: 'Nicht im Verzeichnis',
    NotConfigured: 'Nicht konfiguriert',
  },
};

export const rolloutStrings: RolloutStrings = language === 'de' ? de : en;
