// Someone without a pair learns why: the notices matching left for them ("no executive with
// complementary skills this round"). Shown in the empty "My pairs" state; loaded only there.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { useResource } from '../hooks/useResource';
import { catalogue } from '../i18n/catalogue';

const strings = catalogue('panels').unmatched;

interface Notice {
  kind: 'unmatched';
  programId: string;
  programName: string;
  reason: string;
  createdAt: string;
}

export default function UnmatchedNotices({ api }: { api: ApiClient }) {
  const notices = useResource(() => api.get<{ notices: Notice[] }>('/api/me/notices'), [api]);
  // Only a help text: while loading or if it fails, the empty state above says enough.
  return (
    <>
      {notices.data?.notices.map((n) => (
        <MessageBar key={`${n.programId}-${n.createdAt}`} intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.title(n.programName)}</MessageBarTitle>
            {strings.detail(n.reason.replace(/\.$/, ''))}
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
