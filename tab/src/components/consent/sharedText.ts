import type { Takeaway } from '../../api/types';

/** The text as it left its author: the approved text, the programme's anonymised copy, or the text. */
export const sharedTextOf = (t: Takeaway): string =>
  t.sharedText ?? (t.requestedVisibility === 'program' && t.programText ? t.programText : t.text);
