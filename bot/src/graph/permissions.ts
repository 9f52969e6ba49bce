// Every Microsoft Graph permission the app asks for, with why: aad.manifest.json declares them,
// `npm run entra:grant` consents to them, docs/admin-guide.md explains them (tests keep the three in step).
// Delegated ones act for the signed-in person (on-behalf-of); application ones act as the app.

export interface GraphPermission {
  value: string;
  type: 'delegated' | 'application';
  why: string;
}

export const GRAPH_PERMISSIONS = [
  {
    value: 'User.ReadBasic.All',
    type: 'delegated',
    why: 'the programme admin’s people search, CSV import and reporting lines; e-mail addresses for calendar invitations',
  },
  {
    value: 'Calendars.ReadWrite',
    type: 'delegated',
    why: 'free/busy and working hours of both members to propose times; the Outlook event with its Teams meeting, created, moved and cancelled in the booking member’s calendar',
  },
  {
    value: 'OnlineMeetings.Read',
    type: 'delegated',
    why: 'finds the chat of the Teams meeting a booking created, to put the side panel in it',
  },
  {
    value: 'TeamsAppInstallation.ReadWriteAndConsentSelfForChat',
    type: 'delegated',
    why: 'installs this app only into that meeting’s chat, consenting to the meeting permissions it declares',
  },
  {
    value: 'TeamsTab.Create',
    type: 'delegated',
    why: 'adds the app’s meeting tab to that chat, linked to the pair and session',
  },
  {
    value: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    type: 'application',
    why: 'installs this app only for participants (the rollout, and a reminder for someone without the app)',
  },
  {
    value: 'TeamsActivity.Send',
    type: 'application',
    why: 'activity feed notices to a participant who has the app: a takeaway to approve, a partner’s decision, a session booked, moved or cancelled, an assessment due',
  },
] as const satisfies readonly GraphPermission[];

export const DELEGATED_PERMISSIONS = GRAPH_PERMISSIONS.filter((p) => p.type === 'delegated').map((p) => p.value);
export const APPLICATION_PERMISSIONS = GRAPH_PERMISSIONS.filter((p) => p.type === 'application').map((p) => p.value);
