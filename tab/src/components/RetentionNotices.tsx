// An ended pair's members learn when retention deletes its content, with the way to export it first.
// Loaded only when one of the caller's pairs has such a date, so the personal tab's first load does not carry it.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import type { Me } from '../api/types';
import { catalogue } from '../i18n/catalogue';

const NOTICE_DAYS = 14;

const strings = catalogue('panels').retentionNotices;

export default function RetentionNotices({
  pairs,
  locale,
  onExport,
}: {
  pairs: Me['pairs'];
  locale: string;
  onExport: () => void;
}) {
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
  const [now] = useState(Date.now);
  return (
    <>
      {pairs.map((p) => {
        const soon = Date.parse(p.contentDeletesAt!) - now <= NOTICE_DAYS * 86400_000;
        return (
          <MessageBar key={p.pairId} intent={soon ? 'warning' : 'info'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{strings.title(p.partner.name)}</MessageBarTitle>
              {strings.detail(date(p.contentDeletesAt!))}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={onExport}>{strings.export}</Button>
            </MessageBarActions>
          </MessageBar>
        );
      })}
    </>
  );
}
