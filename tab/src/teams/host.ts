// Connects to the Teams host when there is one; outside Teams the tab runs in a plain browser.
import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

export type Host =
  | {
      kind: 'teams';
      theme: ThemeName;
      locale: string;
      subPageId?: string;
      frameContext?: string;
      userName?: string;
      /** The page's entity id (a configured tab's) and, in a meeting or chat, its ids. */
      pageId?: string;
      meetingId?: string;
      chatId?: string;
    }
  | { kind: 'browser'; theme: ThemeName; locale: string };

/** A locale Intl accepts: hosts report tags like "en-US@posix" that Intl rejects. */
export function usableLocale(tag: string | undefined): string {
  for (const candidate of [tag, tag?.split(/[@.]/)[0]?.replace('_', '-')]) {
    try {
      if (candidate) return Intl.getCanonicalLocales(candidate)[0] ?? 'en-US';
    } catch {
      // try the next form
    }
  }
  return 'en-US';
}

function toTheme(theme: string | undefined): ThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** Teams answers app.initialize(); a page opened without a parent frame is rejected at once. */
export async function connectToHost(): Promise<Host> {
  const browser: Host = {
    kind: 'browser',
    theme: window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default',
    locale: usableLocale(navigator.language),
  };
  if (window.parent === window) return browser;
  try {
    await app.initialize();
    const context = await app.getContext();
    return {
      kind: 'teams',
      theme: toTheme(context.app.theme),
      locale: context.app.locale ? usableLocale(context.app.locale) : browser.locale,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      ...(context.page.frameContext ? { frameContext: context.page.frameContext } : {}),
      ...(context.user?.displayName ? { userName: context.user.displayName } : {}),
      ...(context.page.id ? { pageId: context.page.id } : {}),
      ...(context.meeting?.id ? { meetingId: context.meeting.id } : {}),
      ...(context.chat?.id ? { chatId: context.chat.id } : {}),
    };
  } catch {
    return browser;
  }
}

export function onThemeChange(handler: (theme: ThemeName) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(toTheme(theme)));
}

export function notifyLoaded(): void {
  app.notifySuccess();
}

/** Teams single sign-on: an Entra access token for our API, refreshed on request. */
export function teamsToken(): Promise<string> {
  return authentication.getAuthToken();
}
