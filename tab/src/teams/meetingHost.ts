// Teams calls only the meeting surfaces make: the configurable tab's save, stage sharing, meeting times.
// Kept out of host.ts so that the personal tab's initial bundle does not carry them.
import { meeting, pages } from '@microsoft/teams-js';

export interface TabConfig {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
  websiteUrl?: string;
}

/** Enables or disables Teams' Save button on the configuration page. */
export function setConfigValid(valid: boolean): void {
  pages.config.setValidityState(valid);
}

/**
 * Runs `save` when the user presses Teams' Save button; it returns the tab's configuration, which is
 * handed to Teams before the save is reported as done. A failure is reported with its message.
 */
export function onConfigSave(save: () => Promise<TabConfig>): void {
  pages.config.registerOnSaveHandler((event) => {
    save()
      .then((config) => pages.config.setConfig(config))
      .then(() => event.notifySuccess())
      .catch((error: Error) => event.notifyFailure(error.message));
  });
}

/** Shares a page of this app to the meeting stage for everyone in the meeting. */
export function shareToStage(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    meeting.shareAppContentToStage((error, result) => {
      if (error || !result) reject(new Error(error?.message ?? 'The meeting did not share the content.'));
      else resolve();
    }, url);
  });
}

/** The meeting's scheduled start and end, when Teams gives them (needs the OnlineMeeting.ReadBasic.Chat RSC permission). */
export function meetingTimes(): Promise<{ start: string; end: string } | undefined> {
  return new Promise((resolve) => {
    try {
      meeting.getMeetingDetails((error, details) => {
        const info = details?.details;
        const start = info?.scheduledStartTime;
        const end = info && 'scheduledEndTime' in info ? info.scheduledEndTime : undefined;
        resolve(!error && start && end ? { start, end } : undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}
