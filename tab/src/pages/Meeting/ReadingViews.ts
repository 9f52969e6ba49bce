// The meeting's reading views, one chunk: the stage and the chat tab load only where Teams opens them, so the
// side panel (opened in every session) does not carry them.
export { MeetingChatTab } from './MeetingChatTab';
export { StageView } from './StageView';
